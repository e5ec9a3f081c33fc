/**
 * Augmentation libraries whose objects carry their own RNG (RNG005), as data:
 * which calls make such objects, how each is reseeded, which releases are
 * affected, and which library functions call an object they are given. Adding
 * a library means adding a row here and a fixture.
 */

/** The project's version of a library, as its requirement files say. */
export type LibraryVersion = { affected: false; evidence: string } | { affected: true; evidence: string; legacyImgaug: boolean; albumentationsX: boolean };

/** A release as numbers: `[1, 4, 21]`. */
export type Release = readonly number[];

export interface AugmentationLibrary {
  /** How findings name it; also the helper's name (`_reseed_imgaug_for_worker`). */
  label: string;
  /** The module the library is imported by (the prefilter's word). */
  module: string;
  /** Whether a value made by calling `qname` (without `()`) is an object of the library that holds an RNG. */
  holdsRng(qname: string): boolean;
  /** The reseed statement for an object expression and a 32-bit seed expression, by the project's version of the library. */
  reseed(object: string, seed: string, version: LibraryVersion): string;
  /** Library functions that call an object given to them, by qualified name, and the argument's position (MONAI's `apply_transform(transform, data)`). */
  appliers: Readonly<Record<string, number>>;
}

/** Distributions and the releases whose objects keep an RNG that workers copy: `[first affected, first fixed)`, null for open. */
export const AFFECTED_RELEASES = {
  albumentations: { first: [1, 4, 21], fixed: [2, 0, 9] },
  albumentationsx: { first: null, fixed: [2, 3, 1] },
  // imgaug 0.4 renamed `reseed` to `seed_`.
  imgaugSeedUnderscore: { first: [0, 4], fixed: null },
} as const satisfies Record<string, { first: Release | null; fixed: Release | null }>;

const MONAI_NOT_RANDOM = /^Rand(CuCIM|TorchIO|TorchVision|Identity|Mark|Range)/;
const MONAI_RANDOMIZABLE = /^(Rand\w*|Compose|OneOf|SomeOf|CutMix\w*|CutOut\w*|MixUp\w*|SignalRand\w*|SmoothField\w*|IntensityRemap\w*)$/;

export const AUGMENTATION_LIBRARIES: readonly AugmentationLibrary[] = [
  {
    label: 'albumentations',
    module: 'albumentations',
    holdsRng: (qname) => /^albumentations\.([\w.]+\.)?[A-Z]\w*$/.test(qname) && !/(BboxParams|KeypointParams)$/.test(qname),
    reseed: (object, seed) => `${object}.set_random_seed(${seed})`,
    appliers: {},
  },
  {
    label: 'imgaug',
    module: 'imgaug',
    holdsRng: (qname) => /^imgaug\.augmenters\.([\w.]+\.)?[A-Z]\w*$/.test(qname),
    reseed: (object, seed, version) => `${object}.${version.affected && version.legacyImgaug ? 'reseed' : 'seed_'}(${seed})`,
    appliers: {},
  },
  {
    label: 'MONAI',
    module: 'monai',
    holdsRng: (qname) => {
      const name = qname.slice(qname.lastIndexOf('.') + 1);
      return /^monai\.transforms\./.test(qname) && MONAI_RANDOMIZABLE.test(name) && !MONAI_NOT_RANDOM.test(name);
    },
    reseed: (object, seed) => `${object}.set_random_state(seed=${seed})`,
    appliers: { 'monai.transforms.apply_transform': 0, 'monai.transforms.transform.apply_transform': 0 },
  },
];

/** imgaug's global seeding: it reseeds the augmenters made without a seed of their own. */
export const IMGAUG_GLOBAL_SEEDING: ReadonlySet<string> = new Set(['imgaug.seed', 'imgaug.random.seed', 'imgaug.imgaug.seed']);

/** Every library function that calls an object given to it, and the argument's position. */
export const AUGMENTATION_APPLIERS: ReadonlyMap<string, number> = new Map(AUGMENTATION_LIBRARIES.flatMap((library) => Object.entries(library.appliers)));
