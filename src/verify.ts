/**
 * `rng-fix verify -- COMMAND`: runs the user's own training command with a
 * probe (probe/sitecustomize.py, shipped in the package, put first on
 * PYTHONPATH: nothing is installed into their environment), then reads what
 * the probe saw in every DataLoader and Keras worker process and reports each
 * RNG whose state was the same in two workers, or in one worker in two
 * epochs, after the same first batch. Results are data; reporters format them.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from './engine.js';

/** Where the probe lies in the package: `probe/` beside `dist/`. */
export const PROBE_DIR = fileURLToPath(new URL('../../probe', import.meta.url));

export interface VerifyOptions {
  command: string[];
  cwd: string;
  epochs: number;
  /** Seconds before the command is stopped. */
  timeout: number;
  env?: NodeJS.ProcessEnv;
}

interface RngState {
  type: string;
  state: string;
}

interface WorkerRecord {
  kind: 'torch' | 'keras';
  loader: string;
  epoch: number;
  worker: number;
  pid: number;
  start: string;
  before?: Record<string, RngState>;
  after?: Record<string, RngState>;
}

export interface ObservedLoader {
  key: string;
  kind: 'torch' | 'keras';
  /** `file:line` of the call that made it (a `DataLoader(...)`, or the Keras call that started the enqueuer). */
  site: string;
  workers: number | null;
  persistent: boolean;
  start: string;
  dataset: string;
  epochsObserved: number;
  workersObserved: number;
}

export interface SharedRng {
  loader: string;
  site: string;
  /** `dataset.transform.rng`, `numpy global RNG`. */
  path: string;
  type: string;
  kind: 'identical-in-workers' | 'repeated-in-epochs';
  /** The workers (ids) and epochs (1-based) where the state was the same. */
  workers: number[];
  epochs: number[];
  /** The static scan's finding for it, when it reports one. */
  staticFinding: { code: string; path: string; line: number; column: number; fix: string | null } | null;
}

export interface VerifyResult {
  command: string[];
  epochs: number;
  exitCode: number | null;
  /** Why the run ended: the probe stopped it after the epochs, it ended by itself, or the timeout. */
  ended: 'epochs' | 'program' | 'timeout';
  loaders: ObservedLoader[];
  shared: SharedRng[];
  /** Modules the probe could not patch (a version whose internals differ). */
  problems: string[];
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** Runs the command with the probe; resolves with its exit code and whether the timeout stopped it. */
function runWithProbe(options: VerifyOptions, out: string): Promise<{ code: number | null; timedOut: boolean }> {
  const env = { ...(options.env ?? process.env) };
  env.PYTHONPATH = [PROBE_DIR, env.PYTHONPATH].filter(Boolean).join(path.delimiter);
  env.RNG_FIX_PROBE_DIR = out;
  env.RNG_FIX_PROBE_EPOCHS = String(options.epochs);
  return new Promise((resolve, reject) => {
    // Its own process group, so that the timeout stops its workers too.
    const child = spawn(options.command[0], options.command.slice(1), { cwd: options.cwd, env, stdio: 'inherit', detached: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, options.timeout * 1000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut });
    });
  });
}

/** What the probe wrote, read into loaders and the RNG states that repeat. */
export function analyseProbe(out: string): { loaders: ObservedLoader[]; shared: Omit<SharedRng, 'staticFinding'>[]; problems: string[]; finished: boolean } {
  const files = existsSync(out) ? readdirSync(out) : [];
  const loaders = new Map<string, ObservedLoader>();
  for (const name of files.filter((file) => file.startsWith('loader-') && file.endsWith('.json'))) {
    const record = readJson<Omit<ObservedLoader, 'epochsObserved' | 'workersObserved'>>(path.join(out, name));
    if (record) loaders.set(record.key, { ...record, epochsObserved: 0, workersObserved: 0 });
  }
  const workers = files.filter((file) => file.startsWith('worker-') && file.endsWith('.json')).flatMap((file) => readJson<WorkerRecord>(path.join(out, file)) ?? []);
  const shared: Omit<SharedRng, 'staticFinding'>[] = [];
  for (const [key, loader] of loaders) {
    const mine = workers.filter((record) => record.loader === key && record.after);
    loader.epochsObserved = new Set(mine.map((record) => record.epoch)).size;
    loader.workersObserved = mine.length;
    // An RNG counts where the first batch used it: its state changed, or it was made during the batch.
    const used = (record: WorkerRecord) =>
      Object.entries(record.after!).filter(([rng, state]) => record.before?.[rng]?.state !== state.state);
    const byRng = new Map<string, { type: string; states: { state: string; worker: number; epoch: number }[] }>();
    for (const record of mine) {
      for (const [rng, state] of used(record)) {
        const entry = byRng.get(rng) ?? { type: state.type, states: [] };
        entry.states.push({ state: state.state, worker: record.worker, epoch: record.epoch });
        byRng.set(rng, entry);
      }
    }
    for (const [rng, { type, states }] of byRng) {
      const inWorkers = { workers: new Set<number>(), epochs: new Set<number>() };
      const inEpochs = { workers: new Set<number>(), epochs: new Set<number>() };
      for (let a = 0; a < states.length; a++) {
        for (let b = a + 1; b < states.length; b++) {
          if (states[a].state !== states[b].state) continue;
          const sameEpoch = states[a].epoch === states[b].epoch;
          const target = sameEpoch ? inWorkers : states[a].worker === states[b].worker ? inEpochs : inWorkers;
          for (const item of [states[a], states[b]]) {
            target.workers.add(item.worker);
            target.epochs.add(item.epoch);
          }
        }
      }
      const sorted = (values: Set<number>) => [...values].sort((x, y) => x - y);
      if (inWorkers.workers.size > 0) shared.push({ loader: key, site: loader.site, path: rng, type, kind: 'identical-in-workers', workers: sorted(inWorkers.workers), epochs: sorted(inWorkers.epochs) });
      if (inEpochs.workers.size > 0) shared.push({ loader: key, site: loader.site, path: rng, type, kind: 'repeated-in-epochs', workers: sorted(inEpochs.workers), epochs: sorted(inEpochs.epochs) });
    }
  }
  const problems = files.filter((file) => file.startsWith('problem-')).flatMap((file) => {
    const record = readJson<{ module: string; error: string }>(path.join(out, file));
    return record ? [`${record.module}: ${record.error}`] : [];
  });
  return { loaders: [...loaders.values()], shared, problems, finished: files.includes('finished.json') };
}

/**
 * The static finding that stands for a shared RNG: one whose DataLoader is
 * the loader the probe saw (same file and line), for an RNG of the same sort
 * (NumPy's global one: RNG001 / RNG003; an object: RNG002 / RNG003 / RNG005),
 * naming the RNG's last attribute when it can.
 */
export function matchStatic(rng: Omit<SharedRng, 'staticFinding'>, findings: readonly Finding[]): SharedRng['staticFinding'] {
  const [file, line] = [rng.site.slice(0, rng.site.lastIndexOf(':')), Number(rng.site.slice(rng.site.lastIndexOf(':') + 1))];
  const global = rng.path.endsWith('global RNG');
  const codes = rng.path.startsWith('numpy global') ? ['RNG001', 'RNG003'] : rng.path.startsWith('random global') || rng.path.startsWith('torch global') ? ['RNG004'] : ['RNG002', 'RNG003', 'RNG005'];
  const sameLoader = (finding: Finding) => finding.related.some((place) => place.line === line && path.normalize(place.path) === path.normalize(file));
  const candidates = findings.filter((finding) => codes.includes(finding.code) && (sameLoader(finding) || finding.related.length === 0 || global));
  const attribute = rng.path.split(/[.[\]]/).filter(Boolean).pop() ?? '';
  const best = candidates.find((finding) => sameLoader(finding) && !global && finding.message.includes(attribute)) ?? candidates.find(sameLoader) ?? candidates[0];
  return best ? { code: best.code, path: best.path, line: best.line, column: best.column, fix: best.fix } : null;
}

export async function verify(options: VerifyOptions, scanFindings: () => Promise<readonly Finding[]>): Promise<VerifyResult> {
  const out = mkdtempSync(path.join(tmpdir(), 'rng-fix-verify-'));
  try {
    const { code, timedOut } = await runWithProbe(options, out);
    const observed = analyseProbe(out);
    const findings = observed.shared.length > 0 ? await scanFindings() : [];
    return {
      command: options.command,
      epochs: options.epochs,
      exitCode: code,
      ended: timedOut ? 'timeout' : observed.finished ? 'epochs' : 'program',
      loaders: observed.loaders,
      shared: observed.shared.map((rng) => ({ ...rng, staticFinding: matchStatic(rng, findings) })),
      problems: observed.problems,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** 1 when an RNG repeats, 0 when none does, 2 when no worker was observed. */
export function verifyExitCode(result: VerifyResult): number {
  if (result.shared.length > 0) return 1;
  return result.loaders.some((loader) => loader.workersObserved > 0) ? 0 : 2;
}
