/**
 * Runtime proofs: the `runtime-*` fixtures are real programs. Each is run by
 * real Python with real PyTorch (test/runtime/harness.py), before and after its
 * fix, with 4 workers for 2 epochs, and the measured rows must show:
 *   before: duplicated rows within an epoch, or an epoch that repeats the last;
 *   after:  every row of an epoch distinct, no row repeated in the next epoch,
 *           and the same data again from a second run with the same torch seed;
 *   and with num_workers=0, the same data before and after the fix.
 * `# runtime: torch<1.9` makes the harness switch off torch's own NumPy
 * seeding in workers (torch/utils/data/_utils/worker.py HAS_NUMPY), which is
 * how torch < 1.9 behaved.
 *
 * The harnesses run in forks of a zygote (test/runtime/zygote.py) that has
 * imported torch and the libraries once per environment, so a measurement costs
 * its own run, not a fresh import of torch; the run that checks
 * reproducibility is a fresh process, and tf.keras 2 runs in a process of its
 * own, as TensorFlow does not survive a fork.
 *
 * Each proof names what it needs (test/requirements.ts): the project's Python
 * environments (scripts/setup-python-env.sh). A proof whose needs are missing
 * is skipped with a warning, except under CI=true, where that proof alone
 * fails, with its reason.
 *
 * RNG005's proofs (augmentation libraries that keep their own RNG) run in their
 * own environments, .venv-aug/ (albumentations, MONAI) and .venv-imgaug/
 * (imgaug, which needs NumPy < 2), through test/runtime/aug_harness.py: 16
 * items, 4 workers, 2 epochs. Each proof that lacks its environment is skipped
 * with a warning, or fails on its own under CI=true.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverCases, type FixtureCase } from './fixture-cases.js';
import { itRequires, PYTHON, ROOT, TF_PYTHON, type Requirement } from './requirements.js';
import { PythonZygote } from './runtime/zygote.js';

const execFileAsync = promisify(execFile);
const HARNESS = path.join(ROOT, 'test', 'runtime', 'harness.py');
const KERAS_HARNESS = path.join(ROOT, 'test', 'runtime', 'keras_harness.py');
const TF_HARNESS = path.join(ROOT, 'test', 'runtime', 'tf_keras_harness.py');
const AUG_HARNESS = path.join(ROOT, 'test', 'runtime', 'aug_harness.py');

type Row = number[];
interface Measurement {
  workers: Row[][];
  main: Row[][];
  /** Keras only: `use_multiprocessing=False`, thread workers. */
  threads?: Row[][];
}

/**
 * One zygote per environment, made on first use and stopped after the tests:
 * the libraries are imported once, and each measurement runs in a fork.
 */
const zygotes = new Map<string, PythonZygote>();
function zygote(python: string, preload: readonly string[], env: NodeJS.ProcessEnv = process.env): PythonZygote {
  const key = `${python} ${preload.join(' ')}`;
  let known = zygotes.get(key);
  if (!known || known.stopped) zygotes.set(key, (known = new PythonZygote(python, preload, env)));
  return known;
}
afterAll(async () => {
  await Promise.all([...zygotes.values()].map((running) => running.close()));
});

/**
 * A harness run in a process of its own, as the zygote's forks share whatever
 * a library seeded from OS entropy when it was imported: the proofs' second run
 * after the fix (the same data again under the same torch seed) is made this
 * way, so that reproducibility is shown across fresh processes.
 */
async function runFresh(python: string, harness: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const { stdout } = await execFileAsync(python, [harness, ...args], { encoding: 'utf8', cwd, env, timeout: 180_000, maxBuffer: 1 << 26 });
  return stdout;
}

export async function measure(program: string, before19: boolean, fresh = false): Promise<Measurement> {
  const args = [program, '--workers', '4', '--epochs', '2', ...(before19 ? ['--torch-before-1.9'] : [])];
  if (fresh) return JSON.parse(await runFresh(PYTHON, HARNESS, args, path.dirname(program)));
  return JSON.parse(await zygote(PYTHON, ['numpy', 'torch']).run(HARNESS, args, path.dirname(program)));
}

const key = (row: Row) => row.join(',');
export const distinct = (rows: Row[]) => new Set(rows.map(key)).size;
export const shared = (a: Row[], b: Row[]) => {
  const seen = new Set(a.map(key));
  return b.filter((row) => seen.has(key(row))).length;
};

/** Keras 3 programs define `make_dataset`; tf.keras 2 programs define `make_sequence` and run in their own environment. */
function isTfKeras(program: string): boolean {
  return /^def make_sequence\(/m.test(readFileSync(program, 'utf8'));
}

export async function measureKeras(program: string): Promise<Measurement> {
  const env = { ...process.env, KERAS_BACKEND: 'torch', TF_CPP_MIN_LOG_LEVEL: '3' };
  const args = [program, '--workers', '4', '--epochs', '2'];
  // TensorFlow starts threads when it is imported, and a fork keeps only one of them: tf.keras runs on its own.
  if (isTfKeras(program)) return JSON.parse(execFileSync(TF_PYTHON, [TF_HARNESS, ...args], { encoding: 'utf8', cwd: path.dirname(program), timeout: 180_000, env, stdio: ['ignore', 'pipe', 'ignore'] }));
  return JSON.parse(await zygote(PYTHON, ['numpy', 'torch', 'keras'], env).run(KERAS_HARNESS, args, path.dirname(program)));
}

const runtimeCases = discoverCases().filter((fixture) => fixture.name.startsWith('runtime-'));
const torchCases = runtimeCases.filter((fixture) => fixture.rule !== 'RNG003' && fixture.rule !== 'RNG005');

/**
 * The program before and after the fix. A folder case (several modules) is
 * laid out twice in a temporary folder, with its inputs and with its outputs;
 * its program is `main.py`.
 */
function programsOf(fixture: FixtureCase): { before: string; after: string; header: string } {
  if (!fixture.isFolder) return { before: fixture.source, after: fixture.source.replace(/\.input\.py$/, '.output.py'), header: readFileSync(fixture.source, 'utf8') };
  const root = mkdtempSync(path.join(tmpdir(), `rng-fix-runtime-${fixture.name}-`));
  for (const side of ['before', 'after'] as const) {
    mkdirSync(path.join(root, side));
    // A module the fix creates (an output with no input) exists only after the fix.
    const created = readdirSync(fixture.source).filter((name) => name.endsWith('.output.py') && !existsSync(path.join(fixture.source, name.replace(/\.output\.py$/, '.input.py'))));
    if (side === 'after') for (const entry of created) copyFileSync(path.join(fixture.source, entry), path.join(root, side, entry.replace(/\.output\.py$/, '.py')));
    for (const entry of readdirSync(fixture.source).filter((name) => name.endsWith('.input.py'))) {
      const output = path.join(fixture.source, entry.replace(/\.input\.py$/, '.output.py'));
      const source = side === 'after' && existsSync(output) ? output : path.join(fixture.source, entry);
      copyFileSync(source, path.join(root, side, entry.replace(/\.input\.py$/, '.py')));
    }
  }
  return { before: path.join(root, 'before', 'main.py'), after: path.join(root, 'after', 'main.py'), header: readFileSync(path.join(fixture.source, 'main.input.py'), 'utf8') };
}
const kerasCases = runtimeCases.filter((fixture) => fixture.rule === 'RNG003');

describe('runtime proofs under real PyTorch', () => {
  it('cover every fix kind', () => {
    const names = runtimeCases.map((fixture) => `${fixture.rule}/${fixture.name}`);
    // worker_init_fn added; NumPy seeding added to an existing one; seeding inside the dataset;
    // RNG objects reseeded per worker (Generator, RandomState, random.Random); repeating seed repaired.
    expect(names).toEqual(
      expect.arrayContaining([
        'RNG001/runtime-worker-init-fn',
        'RNG001/runtime-add-numpy-to-worker-init-fn',
        'RNG001/runtime-dataset-seeds-itself',
        'RNG002/runtime-default-rng',
        'RNG002/runtime-mixed-kinds',
        'RNG002/runtime-torch-generator',
        'RNG002/runtime-call-forms',
        'RNG004/runtime-constant-plus-worker-id',
        'RNG004/runtime-seeding-helper-in-worker-init-fn',
        'RNG004/runtime-callable-worker-init-fn',
        'RNG003/runtime-pydataset-numpy',
        'RNG003/runtime-pydataset-objects',
        'RNG003/runtime-tf-keras-sequence',
        // Helpers that several modules need, written once in a module of their own.
        'RNG002/runtime-helper-shared-by-modules',
        'RNG003/runtime-helper-shared-by-modules',
      ]),
    );
  });

  for (const fixture of torchCases) {
    itRequires(['torch'], `${fixture.rule}/${fixture.name}`, async () => {
      const { before: input, after: output, header } = programsOf(fixture);
      const before19 = /^# runtime: torch<1\.9/m.test(header);
      const before = await measure(input, before19);
      const after = await measure(output, before19);
      const again = await measure(output, before19, true);
      const rows = before.workers[0].length;
      const figures = {
        before: { distinctPerEpoch: before.workers.map(distinct), sharedAcrossEpochs: shared(before.workers[0], before.workers[1]) },
        after: { distinctPerEpoch: after.workers.map(distinct), sharedAcrossEpochs: shared(after.workers[0], after.workers[1]) },
      };
      console.log(`${fixture.rule}/${fixture.name}: ${rows} rows per epoch, ${JSON.stringify(figures)}`);

      expect(rows).toBeGreaterThanOrEqual(8);
      const duplicated = figures.before.distinctPerEpoch.some((count) => count < rows) || figures.before.sharedAcrossEpochs > 0;
      expect(duplicated, 'before the fix, rows repeat across workers or epochs').toBe(true);

      expect(figures.after.distinctPerEpoch, 'after the fix, every row of an epoch is distinct').toEqual([rows, rows]);
      expect(figures.after.sharedAcrossEpochs, 'after the fix, the next epoch repeats nothing').toBe(0);
      expect(again.workers, 'the same torch.manual_seed gives the same data').toEqual(after.workers);
      expect(after.main, 'with num_workers=0 the data is what it was').toEqual(before.main);
      if (/^# runtime:.*distinct values/m.test(header)) {
        // Every value is random here: no value of an epoch may repeat another (no RNG reset halfway through a stream).
        for (const epoch of after.workers) expect(new Set(epoch.flat()).size, 'every random value of an epoch is distinct').toBe(epoch.flat().length);
      }
    });
  }

  // Keras 3 on the torch backend, read through Keras's own PyDatasetAdapter (what model.fit uses),
  // or tf.keras 2 through its OrderedEnqueuer: 4 worker processes with use_multiprocessing=True,
  // then thread workers, then no workers.
  for (const fixture of kerasCases) {
    const tfKeras = isTfKeras(fixture.isFolder ? path.join(fixture.source, 'main.input.py') : fixture.source);
    const requires: Requirement[] = tfKeras ? ['tensorflow'] : ['keras'];
    itRequires(requires, `${fixture.rule}/${fixture.name} (${tfKeras ? 'tf.keras 2' : 'Keras 3'})`, async () => {
      const { before: input, after: output } = programsOf(fixture);
      const before = await measureKeras(input);
      const after = await measureKeras(output);
      const rows = before.workers[0].length;
      const figures = {
        before: { distinctPerEpoch: before.workers.map(distinct), sharedAcrossEpochs: shared(before.workers[0], before.workers[1]) },
        after: { distinctPerEpoch: after.workers.map(distinct), sharedAcrossEpochs: shared(after.workers[0], after.workers[1]) },
      };
      console.log(`${fixture.rule}/${fixture.name}: ${rows} rows per epoch, ${JSON.stringify(figures)}`);

      expect(rows).toBeGreaterThanOrEqual(8);
      const duplicated = figures.before.distinctPerEpoch.some((count) => count < rows) || figures.before.sharedAcrossEpochs > 0;
      expect(duplicated, 'before the fix, rows repeat across worker processes or epochs').toBe(true);
      expect(figures.after.distinctPerEpoch, 'after the fix, every row of an epoch is distinct').toEqual([rows, rows]);
      expect(figures.after.sharedAcrossEpochs, 'after the fix, the next epoch repeats nothing').toBe(0);
      // Thread workers share one RNG but take turns in no fixed order, so compare the numbers drawn, not their order.
      const drawn = (epochs: Row[][]) => epochs.map((rowsOfEpoch) => rowsOfEpoch.flat().sort((a, b) => a - b));
      expect(drawn(after.threads!), 'with use_multiprocessing=False the same numbers are drawn').toEqual(drawn(before.threads!));
      expect(after.main, 'with workers=0 the data is what it was').toEqual(before.main);
    });
  }
});

/** The environment an RNG005 program runs in: imgaug needs NumPy < 2, so it has its own. */
interface AugEnvironment {
  python: string;
  modules: string;
}
const AUG_ENVIRONMENTS: Record<'aug' | 'imgaug', AugEnvironment> = {
  aug: { python: path.join(ROOT, '.venv-aug', 'bin', 'python'), modules: 'torch, albumentations, monai' },
  imgaug: { python: path.join(ROOT, '.venv-imgaug', 'bin', 'python'), modules: 'torch, imgaug' },
};
const AUG_ENV = { ...process.env, NO_ALBUMENTATIONS_UPDATE: '1' };
const augProblems = new Map<AugEnvironment, string | undefined>();

/** Why the environment cannot run the proofs, or undefined when it can. */
function augProblem(environment: AugEnvironment): string | undefined {
  if (!augProblems.has(environment)) {
    const where = path.relative(ROOT, environment.python);
    let problem: string | undefined;
    if (!existsSync(environment.python)) problem = `${where} does not exist`;
    else if (spawnSync(environment.python, ['-c', `import ${environment.modules}`], { stdio: 'ignore', env: AUG_ENV }).status !== 0) problem = `${where} cannot import ${environment.modules}`;
    augProblems.set(environment, problem && `${problem}: run scripts/setup-python-env.sh`);
  }
  return augProblems.get(environment);
}

interface AugMeasurement extends Measurement {
  /** Installed versions of the augmentation libraries the program imported. */
  versions: Record<string, string>;
}

export async function measureAug(program: string, environment: AugEnvironment, fresh = false): Promise<AugMeasurement> {
  const args = [program, '--workers', '4', '--epochs', '2'];
  if (fresh) return JSON.parse(await runFresh(environment.python, AUG_HARNESS, args, path.dirname(program), AUG_ENV));
  return JSON.parse(await zygote(environment.python, environment.modules.split(', '), AUG_ENV).run(AUG_HARNESS, args, path.dirname(program)));
}

const augCases = runtimeCases.filter((fixture) => fixture.rule === 'RNG005');
/** The environment of a case: imgaug's when any of its modules imports imgaug. */
function environmentOf(fixture: FixtureCase): AugEnvironment {
  const modules = fixture.isFolder ? readdirSync(fixture.source).filter((name) => name.endsWith('.input.py')).map((name) => path.join(fixture.source, name)) : [fixture.source];
  return AUG_ENVIRONMENTS[modules.some((module) => /^(import|from) imgaug\b/m.test(readFileSync(module, 'utf8'))) ? 'imgaug' : 'aug'];
}

describe('runtime proofs of RNG005 under real augmentation libraries', () => {
  it('cover every library and fix kind', () => {
    const names = augCases.map((fixture) => fixture.name);
    // A helper passed as worker_init_fn (pipeline or lone transform in __init__, at module level, passed in,
    // inside a transform object), an existing worker_init_fn extended, MONAI's own worker_init_fn passed,
    // and a reseed inside the dataset when no loader is in sight.
    expect(names).toEqual(
      expect.arrayContaining([
        'runtime-albumentations-compose-in-init',
        'runtime-albumentations-module-level',
        'runtime-albumentations-passed-in',
        'runtime-albumentations-inside-transform-object',
        'runtime-albumentations-existing-worker-init-fn',
        'runtime-albumentations-seeded-compose',
        'runtime-albumentations-bare-transform',
        'runtime-albumentations-loader-out-of-sight',
        'runtime-monai-torch-dataloader',
        'runtime-monai-module-level',
        'runtime-monai-existing-worker-init-fn',
        'runtime-monai-dataloader-own-worker-init-fn',
        'runtime-imgaug-module-level',
        'runtime-imgaug-in-init',
        'runtime-imgaug-seeded-augmenters',
        // The object itself goes through the helper, never a bound method of it, in every call form:
        // a method call, a deterministic copy, __call__, passed as an argument, held in a list.
        'runtime-albumentations-call-forms',
        'runtime-imgaug-call-forms',
        'runtime-imgaug-loader-from-registry',
        'runtime-monai-call-forms',
        // A loader that reads a wrapper (Subset): the reseed goes where the worker calls the pipeline.
        'runtime-albumentations-subset-loader',
        // A MONAI library dataset holding random transforms, read by torch's DataLoader.
        'runtime-monai-cachedataset',
      ]),
    );
  });

  for (const fixture of augCases) {
    const environment = environmentOf(fixture);
    const problem = augProblem(environment);
    if (problem && process.env.CI !== 'true') console.warn(`\n*** SKIPPED RNG005/${fixture.name}: ${problem} ***\n`);
    it.skipIf(problem !== undefined && process.env.CI !== 'true')(`${fixture.rule}/${fixture.name}`, async () => {
      if (problem) throw new Error(`${problem} (required under CI)`);
      const { before: input, after: output } = programsOf(fixture);
      const before = await measureAug(input, environment);
      const after = await measureAug(output, environment);
      const again = await measureAug(output, environment, true);
      const rows = before.workers[0].length;
      const figures = {
        versions: before.versions,
        before: { distinctPerEpoch: before.workers.map(distinct), sharedAcrossEpochs: shared(before.workers[0], before.workers[1]) },
        after: { distinctPerEpoch: after.workers.map(distinct), sharedAcrossEpochs: shared(after.workers[0], after.workers[1]) },
        // Whether num_workers=0 gives the same data twice (false where the library seeds from OS entropy).
        mainReproducible: JSON.stringify(again.main) === JSON.stringify(after.main),
      };
      console.log(`${fixture.rule}/${fixture.name}: ${rows} rows per epoch, ${JSON.stringify(figures)}`);

      expect(rows).toBe(16);
      expect(Object.keys(before.versions), 'the program uses an augmentation library').not.toEqual([]);
      // Every worker starts from the same copy of the library's RNG: 4 workers, 4 distinct rows of 16.
      expect(figures.before.distinctPerEpoch, 'before the fix, the workers repeat each other').toEqual([rows / 4, rows / 4]);
      expect(figures.before.sharedAcrossEpochs, 'before the fix, the next epoch repeats the last').toBeGreaterThan(0);

      expect(figures.after.distinctPerEpoch, 'after the fix, every row of an epoch is distinct').toEqual([rows, rows]);
      expect(figures.after.sharedAcrossEpochs, 'after the fix, the next epoch repeats nothing').toBe(0);
      expect(again.workers, 'the same torch.manual_seed gives the same data').toEqual(after.workers);
      // With num_workers=0 the fix changes nothing. Where the library seeds itself from OS entropy (no seed=
      // given) the data differs from run to run anyway, before and after the fix, and there is nothing to compare.
      if (figures.mainReproducible) expect(after.main, 'with num_workers=0 the data is what it was').toEqual(before.main);
    });
  }
});
