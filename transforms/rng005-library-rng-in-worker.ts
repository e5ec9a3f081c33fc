import path from 'node:path';
import type { PreambleItem, TextEdit } from '../src/fix/fix.js';
import { addKeywordArgument } from '../src/fix/seeding-fixes.js';
import { freeName, getWorkerInfo, importedAs, reseedPipelineForWorkerHelper, workerSeedExpression, type CodeName } from '../src/fix/python-code.js';
import { reachedFunctions, reseededObjects } from '../src/flow/reseeding.js';
import { AFFECTED_RELEASES, AUGMENTATION_APPLIERS, AUGMENTATION_LIBRARIES, IMGAUG_GLOBAL_SEEDING, type AugmentationLibrary, type LibraryVersion } from '../src/models/augmentation.js';
import { MONAI_WORKER_INIT_FN, MONAI_WORKER_INIT_FNS } from '../src/models/monai.js';
import type { Context, ValueFlow } from '../src/flow/flow.js';
import { valueKey, type Value, type Values } from '../src/flow/values.js';
import type { CallFact, Span } from '../src/python/facts.js';
import type { ClassEntry, FunctionEntry, ProjectFile } from '../src/project/index.js';
import type { LoaderCall } from '../src/project/loaders.js';
import { isWorkerAware } from '../src/project/rng-sources.js';
import { classifySeed } from '../src/project/seeding.js';
import { admitsVersionIn, findPackageConstraints } from '../src/project/torch-version.js';
import { partEnd } from '../src/python/name-ref.js';
import { functionLabel, loaderPlace, uniquePlaces, where } from '../src/rule-helpers.js';
import type { HeldByLibrary } from '../src/project/library-datasets.js';
import type { Analysis, DatasetUse, RelatedPlace, Rule, RuleFinding } from '../src/rule.js';

const docs = {
  whatItDoes: `
Finds augmentation pipelines from libraries that keep their own random state,
made in the parent process and called in DataLoader worker code, when no
\`worker_init_fn\` reseeds them with the library's own call:

| library | versions affected | reseeded with |
|---|---|---|
| albumentations | 1.4.21 to 2.0.8 (1.4.20 and older draw from NumPy's global RNG, which torch reseeds) | \`obj.set_random_seed(s)\` |
| AlbumentationsX (\`albumentationsx\`) | before 2.3.1, for a \`Compose\` without \`seed=\` and for lone transforms | \`obj.set_random_seed(s)\` |
| imgaug | 0.3 and 0.4 | \`obj.seed_(s)\` (0.4), \`obj.reseed(s)\` (0.3) |
| MONAI | every release, with torch's DataLoader (or a \`monai.data.DataLoader\` given its own \`worker_init_fn\`) | MONAI's \`worker_init_fn\`, or \`obj.set_random_state(seed=s)\` |

The pipeline may be made in a dataset's \`__init__\`, at module level, passed in
from the training script, or held by a transform object. The library's version
comes from the project's requirement files; when none names it, the finding
says which versions are affected. Not reported: kornia, torchvision, torchio,
audiomentations and the like, which draw from torch's or NumPy's global RNGs
(measured: 16 of 16 distinct); a \`monai.data.DataLoader\` without a
\`worker_init_fn\` for transforms reachable from the dataset; imgaug augmenters
made without \`seed=\` when a \`worker_init_fn\` calls \`ia.seed(...)\` from a
torch-derived seed.`,
  whyIsThisBad: `
Each transform holds a generator (albumentations: \`np.random.default_rng\` and
\`random.Random\`; imgaug: its own global RNG; MONAI: a \`RandomState\`) that is
copied unchanged into every worker. torch reseeds NumPy's and Python's global
RNGs per worker, never these. Measured with torch 2.13, 4 workers, 16 items:
4 distinct augmentations out of 16 in every epoch, and each epoch repeats the
last. The usual remedy, a \`worker_init_fn\` that reseeds NumPy and \`random\`,
changes nothing for them (still 4 of 16), and neither does the library's
\`seed=\` argument or MONAI's \`set_determinism\`.`,
  example: `
import albumentations as A
from torch.utils.data import DataLoader, Dataset

class ImageDataset(Dataset):
    def __init__(self, images):
        self.images = images
        self.transform = A.Compose([A.HorizontalFlip(p=0.5), A.RandomBrightnessContrast(p=0.5)])

    def __getitem__(self, index):
        return self.transform(image=self.images[index])["image"]

loader = DataLoader(ImageDataset(images), num_workers=4)`,
  useInstead: `
import albumentations as A
import torch
from torch.utils.data import DataLoader, Dataset, get_worker_info


def seed_augmentations(worker_id):
    # Augmentation pipelines hold their own RNG, copied unchanged into every
    # DataLoader worker; reseed them from torch's per-worker seed.
    get_worker_info().dataset.transform.set_random_seed(torch.initial_seed() % 2**32)


class ImageDataset(Dataset):
    def __init__(self, images):
        self.images = images
        self.transform = A.Compose([A.HorizontalFlip(p=0.5), A.RandomBrightnessContrast(p=0.5)])

    def __getitem__(self, index):
        return self.transform(image=self.images[index])["image"]

loader = DataLoader(ImageDataset(images), num_workers=4, worker_init_fn=seed_augmentations)`,
  fixSafety: `
The fix reseeds each pipeline once per worker from \`torch.initial_seed()\`, which
differs per worker and epoch and follows \`torch.manual_seed\`: measured 16 of 16
distinct, fresh epochs, the same data under the same \`torch.manual_seed\`, and
with \`num_workers=0\` the data is what it was. It adds a \`worker_init_fn\` to each
DataLoader that reads the dataset, or one line to the \`worker_init_fn\` it has
(never replacing it); for MONAI with torch's DataLoader it passes
\`monai.data.worker_init_fn\`. The pipeline is reached as
\`get_worker_info().dataset.<attribute path>\`, or by its module-level name in the
same file, and only when every loader reads the dataset itself (through
\`Subset(ds, idx)\` the path would fail in every worker). When no DataLoader
for the dataset is in sight, or a \`worker_init_fn\` cannot reach the
pipeline, the pipeline goes through a helper that reseeds it once per worker,
where the worker calls it: the object itself, never a bound method of it
(\`_reseed_imgaug_for_worker(self.augs).to_deterministic()\`), in every call
form (\`pipeline(image=x)\`, \`seq.augment_image(x)\`, a deterministic copy, a
pipeline passed as an argument or held in a list, one handed to MONAI's
\`apply_transform\`), and only when every value there is an object of one
library; each object of a worker gets a stream of its own. A pipeline that a
library dataset holds (MONAI's \`CacheDataset(data, transform)\`) is fixed
with MONAI's \`worker_init_fn\`. A pipeline reached another way, a
\`worker_init_fn\` rng-fix cannot see, or \`**kwargs\` that may hold one are
reported without a fix. When the library's
version is unknown, the fix uses the API of the affected releases:
albumentations 1.4.20 and older (not affected) have no \`set_random_seed\`.`,
};

type Library = AugmentationLibrary;

/** The library an object belongs to, and the call that made it. */
interface LibraryObject {
  library: Library;
  value: Extract<Value, { kind: 'made' }>;
}

/**
 * The library object a called value is: the object itself (`pipeline(image=x)`), or a
 * method of it (`seq.augment_image(x)`, `seq.to_deterministic()`), named in `method`.
 */
function libraryObjectOf(value: Value): (LibraryObject & { method: string | null }) | null {
  if (value.kind !== 'made') return null;
  const match = /^([\w.]+)\(\)(?:\.(\w+))?$/.exec(value.qname);
  if (!match) return null;
  const library = AUGMENTATION_LIBRARIES.find((candidate) => candidate.holdsRng(match[1]));
  return library ? { library, value: { ...value, qname: `${match[1]}()` }, method: match[2] ?? null } : null;
}

/** The one library every value is an object of (not a method of one), or null. */
function provenObjectsOf(values: Values): Library | null {
  if (values.possible || values.values.length === 0) return null;
  const objects = values.values.map(libraryObjectOf);
  if (objects.some((object) => object === null || object.method !== null)) return null;
  const libraries = new Set(objects.map((object) => object!.library));
  return libraries.size === 1 ? [...libraries][0] : null;
}

/**
 * The text to pass through the per-worker helper at a worker-side call: the
 * object itself, never a bound method of it. For `self.transform(image=x)` it
 * is the callee; for `self.augs.to_deterministic()` or `seq.augment_image(x)`
 * it is the receiver (`self.augs`, `seq`), since the helper reseeds the object
 * and hands it back. Null unless every value there is an object of one library.
 */
function wrapTargetOf(flow: ValueFlow, call: CallFact, ctx: Context, calleeValues: Values): Span | null {
  const text = ctx.fn.file.source.text;
  const objects = calleeValues.values.map(libraryObjectOf);
  if (objects.length === 0 || objects.some((object) => object === null)) return null;
  if (objects.every((object) => object!.method === null)) {
    const end = call.callee ? partEnd(call.callee) : call.argumentList.start;
    return provenObjectsOf(calleeValues) ? { start: call.start, end: call.start + text.slice(call.start, end).trimEnd().length } : null;
  }
  if (!objects.every((object) => object!.method !== null)) return null;
  const callee = call.calleeExpr;
  if (callee.k === 'ref') {
    const parts = callee.ref.chain.split('.');
    if (parts.length < 2) return null;
    const qname = callee.ref.qname ? callee.ref.qname.slice(0, callee.ref.qname.lastIndexOf('.')) : null;
    const receiver = flow.refValues(parts.slice(0, -1).join('.'), qname, ctx);
    return provenObjectsOf(receiver) ? { start: callee.ref.start, end: partEnd(callee.ref, parts.length - 2) } : null;
  }
  if (callee.k === 'attr') {
    const dot = text.lastIndexOf('.', callee.end - callee.name.length);
    const end = callee.start + text.slice(callee.start, dot).trimEnd().length;
    return dot > callee.start && provenObjectsOf(flow.valuesOf(callee.object, ctx)) ? { start: callee.start, end } : null;
  }
  return null;
}

/** The project's version of a library, read from the requirement files nearest to the file that makes the object. */
function libraryVersion(object: LibraryObject): LibraryVersion {
  const start = path.dirname(object.value.file.path);
  const constraints = (name: string) => findPackageConstraints(start, name);
  const describe = (name: string, found: { file: string; spec: string }[]) => found.map((item) => `${name}${item.spec.replace(/\s+/g, '') || ' (unpinned)'} in ${path.basename(item.file)}`).join(', ');
  if (object.library.label === 'albumentations') {
    const x = constraints('albumentationsx');
    if (x.length > 0) {
      const affected = admitsVersionIn(x.map((item) => item.spec), AFFECTED_RELEASES.albumentationsx.first, [...AFFECTED_RELEASES.albumentationsx.fixed]);
      return affected ? { affected, evidence: describe('albumentationsx', x), legacyImgaug: false, albumentationsX: true } : { affected, evidence: describe('albumentationsx', x) };
    }
    const classic = constraints('albumentations');
    if (classic.length > 0) {
      const affected = admitsVersionIn(classic.map((item) => item.spec), [...AFFECTED_RELEASES.albumentations.first], [...AFFECTED_RELEASES.albumentations.fixed]);
      return affected ? { affected, evidence: describe('albumentations', classic), legacyImgaug: false, albumentationsX: false } : { affected, evidence: describe('albumentations', classic) };
    }
    return { affected: true, evidence: 'no albumentations version constraint was found; albumentations 1.4.21 to 2.0.8 and AlbumentationsX before 2.3.1 are affected', legacyImgaug: false, albumentationsX: false };
  }
  if (object.library.label === 'imgaug') {
    const found = constraints('imgaug');
    const legacy = found.length > 0 && !admitsVersionIn(found.map((item) => item.spec), [...AFFECTED_RELEASES.imgaugSeedUnderscore.first], AFFECTED_RELEASES.imgaugSeedUnderscore.fixed);
    return { affected: true, evidence: found.length > 0 ? describe('imgaug', found) : 'every imgaug release is affected', legacyImgaug: legacy, albumentationsX: false };
  }
  return { affected: true, evidence: 'every MONAI release is affected', legacyImgaug: false, albumentationsX: false };
}

/** The keyword arguments written at the call that made an object. */
function keywordsAt(object: LibraryObject): string[] {
  const call = object.value.madeIn.fact.calls.find((candidate) => candidate.start === object.value.span.start);
  return call ? call.arguments.flatMap((argument) => (argument.keyword ? [argument.keyword] : [])) : [];
}

/** Whether an imgaug augmenter, or one it holds, was given its own generator (`seed=` / `random_state=`): imgaug's global seeding does not reach it. */
function seededAnywhere(value: Value, depth = 0): boolean {
  if (depth > 4) return false;
  if (value.kind === 'container') return value.elements.some((element) => seededAnywhere(element, depth + 1));
  if (value.kind !== 'made') return false;
  const call = value.madeIn.fact.calls.find((candidate) => candidate.start === value.span.start);
  if (call?.arguments.some((argument) => argument.keyword === 'seed' || argument.keyword === 'random_state')) return true;
  return value.parts.some((part) => seededAnywhere(part, depth + 1));
}

/** The attribute path from a dataset's instance to an object: `transform`, `augment.pipeline`. */
function pathFromDataset(analysis: Analysis, cls: ClassEntry, key: string): string[] | null {
  const { flow, index } = analysis;
  const queue: { cls: ClassEntry; path: string[] }[] = [{ cls, path: [] }];
  const seen = new Set<ClassEntry>();
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (seen.has(current.cls) || current.path.length >= 3) continue;
    seen.add(current.cls);
    const names = new Set<string>();
    for (const owner of index.mro(current.cls)) {
      for (const attribute of owner.fact.attributes) names.add(attribute.target.chain);
      for (const position of Object.values(owner.fact.methods)) {
        const method = index.functionAt(owner.file, position);
        const self = method.fact.parameters[0];
        for (const assignment of method.fact.assignments) {
          const match = self ? new RegExp(`^${self}\\.(\\w+)$`).exec(assignment.target.chain) : null;
          if (match) names.add(match[1]);
        }
      }
    }
    for (const name of names) {
      const values = flow.storedAttribute(current.cls, name);
      if (values.values.some((value) => valueKey(value) === key)) return [...current.path, name];
      for (const value of values.values) if (value.kind === 'instance') queue.push({ cls: value.cls, path: [...current.path, name] });
    }
  }
  return null;
}

/** Whether every dataset a loader may be given is an instance of `cls` itself, not a wrapper holding one (`Subset`, `ConcatDataset`). */
function readsDirectly(analysis: Analysis, loader: LoaderCall, cls: ClassEntry): boolean {
  if (!loader.datasetArgument) return false;
  const values = analysis.flow.valuesOfFact(loader.datasetArgument, analysis.flow.contextOf(loader.in)).values;
  return values.length > 0 && values.every((value) => value.kind === 'instance' && analysis.index.mro(value.cls).includes(cls));
}

/** The module-level name an object made at module level is bound to, in its file. */
function moduleNameOf(object: LibraryObject): string | null {
  if (object.value.madeIn.fact.id !== '<module>') return null;
  const assignment = object.value.madeIn.fact.assignments.find((candidate) => candidate.value.start === object.value.span.start && !candidate.target.chain.includes('.'));
  return assignment?.target.chain ?? null;
}


/** Whether a loader's `worker_init_fn` calls imgaug's global seeding from a fresh seed (enough for augmenters made without a seed). */
function seedsImgaugGlobally(analysis: Analysis, loader: LoaderCall): boolean {
  if (loader.workerInitFn.kind !== 'function') return false;
  const functions = loader.workerInitFn.functions.flatMap((initFn) => reachedFunctions(analysis.flow, initFn.fn));
  return functions.some((fn) =>
    fn.fact.calls.some((call) => {
      if (analysis.index.externalNameIn(call.callee, IMGAUG_GLOBAL_SEEDING) === null) return false;
      // The same seed qualities as NumPy's seeding: only a seed new in every worker and epoch reseeds the augmenters.
      const seed = call.arguments.find((argument) => argument.keyword === 'entropy' || argument.keyword === null)?.value;
      return seed !== undefined && classifySeed(analysis.index, seed, fn) === 'fresh';
    }),
  );
}


/** Whether a loader is given MONAI's own `worker_init_fn`, which reseeds every Randomizable reachable from the dataset. */
function passesMonaiWorkerInitFn(analysis: Analysis, loader: LoaderCall): boolean {
  if (loader.workerInitFn.kind !== 'unresolved') return false;
  const values = analysis.flow.valuesOfFact(loader.workerInitFn.argument, analysis.flow.contextOf(loader.workerInitFn.where)).values;
  return values.length > 0 && values.every((value) => value.kind === 'external' && MONAI_WORKER_INIT_FNS.has(value.qname));
}

interface Use {
  /** The object, and the method of it the worker calls (null: the object itself is called). */
  object: LibraryObject & { method: string | null };
  /** Other library objects the same call may call (`seq if train else identity`): reseeded by the same fix. */
  others: (LibraryObject & { method: string | null })[];
  version: Extract<LibraryVersion, { affected: true }>;
  /** The worker-side call of the object, and the object's text there when a helper may wrap it. */
  call: { file: ProjectFile; start: number; end: number; fn: FunctionEntry; wrap: Span | null };
  datasets: DatasetUse[];
  possible: boolean;
  /** When a library dataset calls the object: where it was handed to the dataset. */
  held: HeldByLibrary | null;
}

/**
 * What each call in a function may call: its callee (`self.transform(image=x)`,
 * `seq.augment_image(x)`), or an object handed to a library function that
 * calls it (`apply_transform(self.transform, data)`); and where a helper may
 * wrap that object.
 */
function calledObjects(flow: ValueFlow, fn: FunctionEntry, ctx: Context): { call: CallFact; values: Values; wrap: Span | null }[] {
  const found: { call: CallFact; values: Values; wrap: Span | null }[] = [];
  for (const call of fn.fact.calls) {
    const callee = flow.valuesOf(call.calleeExpr, ctx);
    found.push({ call, values: callee, wrap: wrapTargetOf(flow, call, ctx, callee) });
    const applier = callee.values.length === 1 && callee.values[0].kind === 'external' ? AUGMENTATION_APPLIERS.get(callee.values[0].qname) : undefined;
    const argument = applier === undefined ? undefined : call.arguments.filter((candidate) => candidate.keyword === null && candidate.splat === null)[applier];
    if (!argument) continue;
    const values = flow.valuesOfFact(argument.value, ctx);
    found.push({ call, values, wrap: provenObjectsOf(values) ? { start: argument.value.start, end: argument.value.end } : null });
  }
  return found;
}

/** Worker-side calls of library objects made in the parent, not reseeded for every loader that reads their dataset. */
function findUses(analysis: Analysis): Use[] {
  const { flow } = analysis;
  const uses = new Map<string, Use>();
  const monaiSeeds = (loader: LoaderCall) => (loader.monai && loader.workerInitFn.kind === 'absent') || passesMonaiWorkerInitFn(analysis, loader);
  /** Records that the worker-side `call` (or hand-over to a library dataset) calls `object`, unless something reseeds it. */
  const record = (dataset: DatasetUse, reseeded: ReadonlySet<string>, object: LibraryObject & { method: string | null }, call: Use['call'], possible: boolean, held: HeldByLibrary | null) => {
    const key = valueKey(object.value);
    if (reseeded.has(key)) return;
    const version = libraryVersion(object);
    if (!version.affected) return;
    // AlbumentationsX reseeds a Compose given `seed=` itself in each worker.
    if (version.albumentationsX && keywordsAt(object).includes('seed')) return;
    const unseededImgaug = object.library.label === 'imgaug' && !seededAnywhere(object.value);
    // MONAI's worker_init_fn reseeds every Randomizable it finds in the dataset object: one a library dataset holds, or one on a path from a project dataset.
    const monaiReaches = object.library.label === 'MONAI' && (held !== null || (dataset.cls !== null && pathFromDataset(analysis, dataset.cls, key) !== null));
    const covered = dataset.workerLoaders.length > 0 && dataset.workerLoaders.every((loader) => (monaiReaches && monaiSeeds(loader)) || (unseededImgaug && seedsImgaugGlobally(analysis, loader)));
    if (covered) return;
    const id = `${call.file.path}:${call.start}`;
    const known = uses.get(id);
    if (known && !known.others.some((other) => valueKey(other.value) === key) && valueKey(known.object.value) !== key) known.others.push(object);
    const use = known ?? { others: [], object, version, call, datasets: [], possible, held };
    if (!use.datasets.includes(dataset)) use.datasets.push(dataset);
    uses.set(id, use);
  };
  for (const dataset of analysis.datasets) {
    const reseeded = reseededObjects(flow, dataset.workerLoaders, dataset.cls ? [dataset.cls] : []);
    for (const side of dataset.workerSide.entries()) {
      // Code that asks which worker it runs in (a reseeding helper) makes the pipeline per worker.
      if (isWorkerAware(side.fn, analysis.index)) continue;
      const ctx = { fn: side.fn, self: side.selfClass };
      for (const { call, values, wrap } of calledObjects(flow, side.fn, ctx)) {
        for (const value of values.values) {
          const object = libraryObjectOf(value);
          if (!object || dataset.workerSide.has(object.value.madeIn)) continue;
          record(dataset, reseeded, object, { file: side.fn.file, start: call.start, end: call.end, fn: side.fn, wrap }, side.possible || values.possible, null);
        }
      }
    }
    // A library dataset (`CacheDataset(data, transform=...)`) calls the pipelines it was given in the workers.
    for (const held of dataset.heldByLibrary ?? []) {
      const candidates = held.value.kind === 'container' ? held.value.elements : [held.value];
      for (const value of candidates) {
        const object = libraryObjectOf(value);
        if (!object || object.method !== null) continue;
        record(dataset, reseeded, object, { file: held.in.file, start: held.argument.start, end: held.argument.end, fn: held.in, wrap: null }, false, held);
      }
    }
  }
  return [...uses.values()];
}

/** How a `worker_init_fn` in `file` reaches an object: `get_worker_info().dataset.transform`, a module-level name; or why it cannot. */
function reseedTarget(analysis: Analysis, use: Use, file: ProjectFile): CodeName | { reason: string } {
  const key = valueKey(use.object.value);
  const dataset = use.datasets.find((candidate) => candidate.cls !== null);
  // `get_worker_info().dataset` is what the loader was given: through a wrapper (`Subset(ds, idx)`) the path would fail in every worker.
  const direct = dataset?.cls ? dataset.workerLoaders.every((loader) => readsDirectly(analysis, loader, dataset.cls!)) : false;
  const attributePath = direct && dataset?.cls ? pathFromDataset(analysis, dataset.cls, key) : use.held?.direct && use.held.attribute ? [use.held.attribute] : null;
  if (attributePath) {
    const info = getWorkerInfo(file);
    return { expression: `${info.expression}().dataset.${attributePath.join('.')}`, preamble: info.preamble };
  }
  const global = moduleNameOf(use.object);
  if (global && use.object.value.file === file) return { expression: global, preamble: [] };
  return { reason: `the ${use.object.library.label} object made at ${where(use.object.value.file, use.object.value.span.start)} cannot be reached from the worker_init_fn; reseed it there yourself` };
}

/** The reseed statement of the `ordinal`-th object a `worker_init_fn` reseeds. */
function reseedStatement(file: ProjectFile, library: Library, version: Use['version'], target: CodeName, ordinal: number): { code: string; preamble: PreambleItem[] } {
  const torchSeed = workerSeedExpression(file, false);
  // The first object takes the worker's seed; each other one a stream of its own (two pipelines seeded alike would draw alike).
  const seed = ordinal === 0 ? workerSeedExpression(file, true) : { expression: `hash((${torchSeed.expression}, ${ordinal})) % 2**32`, preamble: torchSeed.preamble };
  return { code: library.reseed(target.expression, seed.expression, version), preamble: [...target.preamble, ...seed.preamble] };
}

/**
 * One fix for every pipeline read through the same loaders: a new
 * `worker_init_fn` (or MONAI's), or lines added to the one each loader has.
 * `taken` holds the helper names this rule already gave in each file.
 */
function fixAtLoaders(analysis: Analysis, uses: Use[], taken: Map<ProjectFile, string[]>): { fix: RuleFinding['fix']; unfixableReason?: string } {
  const edits: TextEdit[] = [];
  const preamble: PreambleItem[] = [];
  const loaders = [...new Set(uses.flatMap((use) => use.datasets.flatMap((dataset) => dataset.workerLoaders)))];
  const statementsFor = (file: ProjectFile): { code: string[]; preamble: PreambleItem[] } | { reason: string } => {
    const code: string[] = [];
    const needs: PreambleItem[] = [];
    const targets: string[] = [];
    for (const use of uses) {
      for (const object of [use.object, ...use.others]) {
        const target = reseedTarget(analysis, { ...use, object }, file);
        if ('reason' in target) return target;
        // Objects one attribute may hold (`seq if train else identity`) are one object to reseed.
        if (targets.includes(target.expression)) continue;
        const statement = reseedStatement(file, object.library, use.version, target, targets.length);
        targets.push(target.expression);
        code.push(statement.code);
        needs.push(...statement.preamble);
      }
    }
    return { code, preamble: needs };
  };
  for (const loader of loaders) {
    const initFn = loader.workerInitFn;
    if (loader.builtBy) return { fix: null, unfixableReason: `the DataLoader is built by \`${loader.builtBy.name}\` (${where(loader.file, loader.call.start)}), which takes no worker_init_fn; reseed the pipeline in the dataset, once per worker` };
    if (initFn.kind === 'unresolved') return { fix: null, unfixableReason: `the worker_init_fn at ${where(loader.file, loader.call.start)} is not a function rng-fix can see` };
    if (initFn.kind === 'absent') {
      if (loader.hasKeywordSplat) return { fix: null, unfixableReason: 'the DataLoader call passes **kwargs, which may already hold a worker_init_fn; pass one explicitly' };
      const reachable = uses.every((use) => use.object.library.label === 'MONAI' && use.datasets.some((dataset) => dataset.workerLoaders.includes(loader) && (use.held !== null || (dataset.cls !== null && pathFromDataset(analysis, dataset.cls, valueKey(use.object.value)) !== null))));
      if (reachable) {
        // MONAI's own worker_init_fn reseeds every Randomizable reachable from the dataset.
        const imported = [...MONAI_WORKER_INIT_FNS].map((qname) => importedAs(loader.file, qname)).find((local) => local !== null) ?? null;
        const name = imported ?? (loader.file.facts.moduleNames.includes('worker_init_fn') ? freeName(loader.file, 'monai_worker_init_fn') : 'worker_init_fn');
        if (!imported) {
          const { module, name: original } = MONAI_WORKER_INIT_FN;
          const line = name === original ? `from ${module} import ${original}` : `from ${module} import ${original} as ${name}`;
          preamble.push({ file: loader.file, kind: 'import', key: line, code: line, module, ...(name === original ? { name } : {}) });
        }
        edits.push(...addKeywordArgument(loader.file, loader.call, 'worker_init_fn', name));
        continue;
      }
      const statements = statementsFor(loader.file);
      if ('reason' in statements) return { fix: null, unfixableReason: statements.reason };
      const names = taken.get(loader.file) ?? [];
      const code = (name: string) =>
        [
          `def ${name}(worker_id):`,
          `    # Augmentation pipelines hold their own RNG, copied unchanged into every`,
          `    # DataLoader worker; reseed them from torch's per-worker seed.`,
          ...statements.code.map((line) => `    ${line}`),
        ].join('\n');
      const existing = preamble.find((item) => item.kind === 'helper' && item.file === loader.file);
      const name = existing ? existing.key : freeName(loader.file, 'seed_augmentations', names);
      if (!existing) {
        taken.set(loader.file, [...names, name]);
        preamble.push(...statements.preamble, { file: loader.file, kind: 'helper', key: name, code: code(name) });
      }
      edits.push(...addKeywordArgument(loader.file, loader.call, 'worker_init_fn', name));
      continue;
    }
    // Extend each worker_init_fn the loader may have: lines at the end of its body.
    for (const candidate of initFn.functions) {
      const fn = candidate.fn;
      if (fn.fact.isLambda || !fn.fact.bodyInsertion) return { fix: null, unfixableReason: `its worker_init_fn \`${functionLabel(fn)}\` is a lambda or written on one line; reseed the pipeline in a function` };
      const statements = statementsFor(fn.file);
      if ('reason' in statements) return { fix: null, unfixableReason: statements.reason };
      const text = statements.code.map((line) => `\n${fn.fact.bodyInsertion!.indent}${line}`).join('');
      if (!edits.some((edit) => edit.file === fn.file && edit.start === fn.fact.end)) edits.push({ file: fn.file, start: fn.fact.end, end: fn.fact.end, text });
      preamble.push(...statements.preamble);
    }
  }
  const places = [...new Set(loaders.map((loader) => where(loader.file, loader.call.start)))].join(', ');
  return { fix: { description: `Reseed the augmentation pipeline per worker through the worker_init_fn of the DataLoader at ${places}.`, edits, preamble } };
}

/** With no loader in sight: the call in the worker goes through a helper that reseeds the object once per worker. */
function fixInWorker(use: Use): { fix: RuleFinding['fix']; unfixableReason?: string } {
  const wrap = use.call.wrap;
  if (!wrap) {
    const reason = use.held
      ? `the library dataset calls the pipeline inside the workers, where rng-fix cannot wrap it; pass the DataLoader a worker_init_fn that reseeds it (for MONAI, monai.data.worker_init_fn)`
      : use.object.method
      ? `the worker calls a bound method of the pipeline (\`${use.object.method}\`) where the pipeline itself is not written, and rng-fix wraps only the pipeline; reseed it where it is held`
      : 'the called object may also be something other than a pipeline of one library, so rng-fix does not wrap it';
    return { fix: null, unfixableReason: reason };
  }
  const file = use.call.file;
  const name = freeName(file, `_reseed_${use.object.library.label.toLowerCase()}_for_worker`);
  const helper = reseedPipelineForWorkerHelper(file, name, use.object.library.label, (object, seed) => use.object.library.reseed(object, seed, use.version));
  return {
    fix: {
      description: `Reseed the ${use.object.library.label} pipeline once per worker, where the worker calls it, through \`${name}\`.`,
      edits: [
        { file, start: wrap.start, end: wrap.start, text: `${name}(` },
        { file, start: wrap.end, end: wrap.end, text: ')' },
      ],
      preamble: helper.preamble,
    },
  };
}

export const rng005: Rule = {
  code: 'RNG005',
  name: 'library-rng-in-worker',
  summary: 'An augmentation pipeline that carries its own RNG is made in the parent process and called in DataLoader workers',
  docs,
  // The libraries are imported by these names; datasets and loaders as for the torch rules.
  relevance: { words: AUGMENTATION_LIBRARIES.map((library) => library.module) },
  check(analysis: Analysis) {
    const uses = findUses(analysis);
    // Pipelines read through the same loaders share one fix (one worker_init_fn reseeds them all).
    const groups = new Map<string, Use[]>();
    for (const use of uses) {
      const loaders = use.datasets.flatMap((dataset) => dataset.workerLoaders);
      if (loaders.length === 0) continue;
      const key = [...new Set(loaders.map((loader) => `${loader.file.path}:${loader.call.start}`))].sort().join('|');
      groups.set(key, [...(groups.get(key) ?? []), use]);
    }
    const taken = new Map<ProjectFile, string[]>();
    const fixes = new Map<Use, { fix: RuleFinding['fix']; unfixableReason?: string }>();
    for (const group of groups.values()) {
      const result = fixAtLoaders(analysis, group, taken);
      for (const use of group) fixes.set(use, result);
    }
    return uses.map((use) => {
      const { object } = use;
      const unlinked = use.datasets.every((dataset) => dataset.workerLoaders.length === 0);
      const names = [...new Set(use.datasets.map((dataset) => `\`${dataset.name}\``))].join(', ');
      const madeIn = object.value.madeIn.fact.id === '<module>' ? 'at module level' : `in \`${functionLabel(object.value.madeIn)}\``;
      const made = `${object.value.qname.replace(/\(\)$/, '').split('.').pop()}`;
      const message =
        `\`${made}\` (${object.library.label}) is made ${madeIn} (${where(object.value.file, object.value.span.start)}) in the parent process and ` +
        (use.held ? `handed to ${names}, which calls it for every item in DataLoader workers` : `called in \`${functionLabel(use.call.fn)}\` in DataLoader workers of ${names}`) +
        `; it holds its own RNG, which every worker copies and torch never reseeds, so workers repeat each other's augmentations and every epoch repeats the last (${use.version.evidence})` +
        (unlinked ? `; no DataLoader reading ${names} was found in the scanned code` : '');
      const related: RelatedPlace[] = [
        { file: object.value.file, start: object.value.span.start, end: object.value.span.end, message: `${object.library.label} object made here` },
        ...use.datasets.flatMap((dataset) => dataset.workerLoaders.map(loaderPlace)),
      ];
      // A worker_init_fn that cannot reach every pipeline of its loaders gives way to a reseed where the worker calls each one.
      const atLoaders = analysis.strategy === 'per-worker-rng' ? undefined : fixes.get(use);
      const inWorker = atLoaders?.fix ? null : fixInWorker(use);
      const result = atLoaders && (atLoaders.fix || !inWorker?.fix) ? atLoaders : inWorker!;
      return {
        code: 'RNG005',
        file: use.call.file,
        start: use.call.start,
        end: use.call.end,
        message,
        confidence: unlinked || use.possible ? 'possible' : 'certain',
        related: uniquePlaces(related),
        fix: result.fix,
        ...(result.unfixableReason ? { unfixableReason: result.unfixableReason } : {}),
      } satisfies RuleFinding;
    });
  },
};
