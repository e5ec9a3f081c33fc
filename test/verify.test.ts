/**
 * `rng-fix verify -- COMMAND` on real programs (test/verify/*.py) under real
 * PyTorch and Keras 3: it reports RNGs that workers share or that epochs
 * replay, with the static finding for each, and stays silent for per-item
 * seeding from (seed, epoch, index), RNGs made lazily in the worker,
 * persistent workers seeded once, and the programs rng-fix has fixed. Start
 * methods fork, spawn and forkserver, an IterableDataset and two loaders.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect } from 'vitest';
import { AUG_PYTHON, itRequires, PYTHON, ROOT } from './requirements.js';

const CLI = path.join(ROOT, 'dist', 'src', 'cli.js');
const PROGRAMS = path.join(ROOT, 'test', 'verify');

interface Shared {
  loader: string;
  path: string;
  type: string;
  kind: string;
  staticFinding: { code: string } | null;
}
interface Report {
  ended: string;
  loaders: { key: string; dataset: string; start: string; workersObserved: number; epochsObserved: number }[];
  shared: Shared[];
}

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function verify(program: string, cwd = PROGRAMS, ...options: string[]): { code: number | null; report: Report; stderr: string } {
  const python = program.startsWith('albumentations') ? AUG_PYTHON : PYTHON;
  const result = spawnSync(process.execPath, [CLI, 'verify', '--format', 'json', ...options, '--', python, '-W', 'ignore', program], { cwd, encoding: 'utf8', env: { ...process.env, KERAS_BACKEND: 'torch' }, timeout: 240_000 });
  return { code: result.status, report: JSON.parse(result.stdout) as Report, stderr: result.stderr };
}

/** A copy of programs, fixed by `rng-fix --write`. */
function fixedCopy(...programs: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rng-fix-verify-'));
  temporary.push(dir);
  for (const program of programs) copyFileSync(path.join(PROGRAMS, program), path.join(dir, program));
  expect(spawnSync(process.execPath, [CLI, '--write', '.'], { cwd: dir, encoding: 'utf8' }).status).toBe(0);
  return dir;
}

const summary = (report: Report) => report.shared.map((rng) => `${rng.path} ${rng.kind} ${rng.staticFinding?.code ?? 'not reported'}`).sort();

describe('rng-fix verify', () => {
  itRequires(['torch'], 'reports a Generator every worker copies, in workers and epochs, with the static finding; the fixed program is clean', () => {
    const before = verify('shared_generator.py');
    expect(before.stderr).toContain('rng-fix verify runs your command');
    expect(before.code).toBe(1);
    expect(before.report.ended).toBe('epochs');
    expect(summary(before.report)).toEqual(['dataset.rng identical-in-workers RNG002', 'dataset.rng repeated-in-epochs RNG002']);
    expect(before.report.loaders[0]).toMatchObject({ workersObserved: 8, epochsObserved: 2, start: 'fork' });
    const after = verify('shared_generator.py', fixedCopy('shared_generator.py'));
    expect(after.code).toBe(0);
    expect(after.report.shared).toEqual([]);
    expect(after.report.loaders[0].workersObserved).toBe(8);
  }, 300_000);

  itRequires(['torch'], 'is silent for per-item seeding from (seed, epoch, index), an RNG made lazily in the worker, and persistent workers seeded once', () => {
    for (const program of ['per_item_seed.py', 'lazy_rng.py', 'persistent_seeded_once.py']) {
      const { code, report } = verify(program);
      expect(report.shared, program).toEqual([]);
      expect(code, program).toBe(0);
      expect(report.loaders[0].workersObserved, program).toBeGreaterThan(0);
    }
    expect(verify('persistent_seeded_once.py').report.loaders[0].epochsObserved).toBe(1);
  }, 300_000);

  itRequires(['torch'], 'follows spawn and forkserver workers, an IterableDataset and two loaders', () => {
    const { code, report } = verify('spawn_iterable_two_loaders.py');
    expect(code).toBe(1);
    expect(report.loaders.map((loader) => [loader.dataset, loader.start, loader.workersObserved > 0])).toEqual([
      ['Stream', 'spawn', true],
      ['Clean', 'forkserver', true],
    ]);
    const stream = report.loaders.find((loader) => loader.dataset === 'Stream')!.key;
    expect(report.shared.every((rng) => rng.loader === stream)).toBe(true);
    expect(summary(report)).toEqual(['dataset.picker identical-in-workers RNG002', 'dataset.picker repeated-in-epochs RNG002']);
  }, 300_000);

  itRequires(['keras'], "reports NumPy's global RNG in a Keras 3 PyDataset's worker processes; the fixed program is clean", () => {
    const before = verify('keras_pydataset.py');
    expect(before.code).toBe(1);
    expect(before.report.shared.map((rng) => `${rng.path} ${rng.staticFinding?.code}`)).toEqual(['numpy global RNG RNG003']);
    const after = verify('keras_pydataset.py', fixedCopy('keras_pydataset.py'));
    expect(after.code).toBe(0);
    expect(after.report.shared).toEqual([]);
  }, 300_000);

  itRequires(['augmentation'], 'finds the RNGs an albumentations pipeline keeps inside its objects', () => {
    const { code, report } = verify('albumentations_pipeline.py');
    expect(code).toBe(1);
    expect(report.shared.some((rng) => rng.path.startsWith('dataset.transform') && rng.kind === 'identical-in-workers' && rng.staticFinding?.code === 'RNG005')).toBe(true);
  }, 300_000);

  itRequires(['torch'], 'exits 2 when no worker ran, and stops a program at the timeout', () => {
    const idle = verify('no_workers.py');
    expect(idle.code).toBe(2);
    const forever = verify('never_ends.py', PROGRAMS, '--timeout', '3');
    expect(forever.report.ended).toBe('timeout');
    expect(forever.code).toBe(2);
  }, 300_000);
});
