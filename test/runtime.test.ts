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
 * Each proof names what it needs (test/requirements.ts): the project's Python
 * environments (scripts/setup-python-env.sh). A proof whose needs are missing
 * is skipped with a warning, except under CI=true, where that proof alone
 * fails, with its reason.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverCases } from './fixture-cases.js';
import { itRequires, PYTHON, ROOT, TF_PYTHON, type Requirement } from './requirements.js';

const HARNESS = path.join(ROOT, 'test', 'runtime', 'harness.py');
const KERAS_HARNESS = path.join(ROOT, 'test', 'runtime', 'keras_harness.py');
const TF_HARNESS = path.join(ROOT, 'test', 'runtime', 'tf_keras_harness.py');

type Row = number[];
interface Measurement {
  workers: Row[][];
  main: Row[][];
  /** Keras only: `use_multiprocessing=False`, thread workers. */
  threads?: Row[][];
}

export function measure(program: string, before19: boolean): Measurement {
  const args = [HARNESS, program, '--workers', '4', '--epochs', '2', ...(before19 ? ['--torch-before-1.9'] : [])];
  return JSON.parse(execFileSync(PYTHON, args, { encoding: 'utf8', cwd: path.dirname(program), timeout: 120_000 }));
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

export function measureKeras(program: string): Measurement {
  const [python, harness] = isTfKeras(program) ? [TF_PYTHON, TF_HARNESS] : [PYTHON, KERAS_HARNESS];
  const args = [harness, program, '--workers', '4', '--epochs', '2'];
  const env = { ...process.env, KERAS_BACKEND: 'torch', TF_CPP_MIN_LOG_LEVEL: '3' };
  return JSON.parse(execFileSync(python, args, { encoding: 'utf8', cwd: path.dirname(program), timeout: 180_000, env, stdio: ['ignore', 'pipe', 'ignore'] }));
}

const runtimeCases = discoverCases().filter((fixture) => !fixture.isFolder && fixture.name.startsWith('runtime-'));
const torchCases = runtimeCases.filter((fixture) => fixture.rule !== 'RNG003');
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
        'RNG004/runtime-constant-plus-worker-id',
        'RNG003/runtime-pydataset-numpy',
        'RNG003/runtime-pydataset-objects',
        'RNG003/runtime-tf-keras-sequence',
      ]),
    );
  });

  for (const fixture of torchCases) {
    itRequires(['torch'], `${fixture.rule}/${fixture.name}`, () => {
      const input = fixture.source;
      const output = input.replace(/\.input\.py$/, '.output.py');
      const before19 = /^# runtime: torch<1\.9/m.test(readFileSync(input, 'utf8'));
      const before = measure(input, before19);
      const after = measure(output, before19);
      const again = measure(output, before19);
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
    });
  }

  // Keras 3 on the torch backend, read through Keras's own PyDatasetAdapter (what model.fit uses),
  // or tf.keras 2 through its OrderedEnqueuer: 4 worker processes with use_multiprocessing=True,
  // then thread workers, then no workers.
  for (const fixture of kerasCases) {
    const tfKeras = isTfKeras(fixture.source);
    const requires: Requirement[] = tfKeras ? ['tensorflow'] : ['keras'];
    itRequires(requires, `${fixture.rule}/${fixture.name} (${tfKeras ? 'tf.keras 2' : 'Keras 3'})`, () => {
      const input = fixture.source;
      const output = input.replace(/\.input\.py$/, '.output.py');
      const before = measureKeras(input);
      const after = measureKeras(output);
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
