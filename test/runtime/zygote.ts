/**
 * A Python process that imports the heavy libraries once and forks a child per
 * harness run (test/runtime/zygote.py): the runtime proofs pay for importing
 * torch, albumentations and MONAI once per environment instead of once per
 * measurement. Runs are answered in the order they were asked.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from '../requirements.js';

const ZYGOTE = path.join(ROOT, 'test', 'runtime', 'zygote.py');
/** How long one harness run may take before the zygote is stopped and the run fails. */
const RUN_TIMEOUT_MS = 180_000;

interface Pending {
  resolve: (stdout: string) => void;
  reject: (error: Error) => void;
  what: string;
}

export class PythonZygote {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending: Pending[] = [];
  private readonly ready: Promise<void>;
  private failure: Error | null = null;

  constructor(python: string, preload: readonly string[], env: NodeJS.ProcessEnv = process.env) {
    // Its own process group: a run that hangs is stopped with its forks and their DataLoader workers.
    this.child = spawn(python, [ZYGOTE, ...preload], { env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const errors: string[] = [];
    this.child.stderr.on('data', (chunk: Buffer) => errors.push(chunk.toString('utf8')));
    this.child.on('error', (error) => errors.push(String(error)));
    this.child.stdin.on('error', (error) => errors.push(String(error)));
    let markReady: () => void = () => {};
    this.ready = new Promise((resolve) => (markReady = resolve));
    const lines = createInterface({ input: this.child.stdout });
    let started = false;
    lines.on('line', (line) => {
      if (!started) {
        started = true;
        markReady();
        return;
      }
      let answer: { status: number; stdout: string; stderr: string };
      try {
        answer = JSON.parse(line);
      } catch {
        // A line a library printed on import, not an answer.
        return;
      }
      const next = this.pending.shift();
      if (!next) return;
      if (answer.status === 0) next.resolve(answer.stdout);
      else next.reject(new Error(`${next.what} exited with ${answer.status}:\n${answer.stderr.slice(-4000)}`));
    });
    this.child.on('exit', (code, signal) => {
      this.failure = new Error(`the Python zygote (${python} ${preload.join(' ')}) stopped (${signal ?? code}): ${errors.join('').slice(-4000)}`);
      markReady();
      for (const waiting of this.pending.splice(0)) waiting.reject(this.failure);
    });
  }

  /** Runs `python harness args...` in `cwd` (in a forked child) and resolves with its stdout. */
  async run(harness: string, args: readonly string[], cwd: string): Promise<string> {
    await this.ready;
    if (this.failure) throw this.failure;
    const what = `${path.basename(harness)} ${args.join(' ')}`;
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`${what}: no answer within ${RUN_TIMEOUT_MS / 1000} s`));
        this.killGroup('SIGKILL');
      }, RUN_TIMEOUT_MS);
      this.pending.push({
        resolve: (stdout) => {
          clearTimeout(timer);
          resolve(stdout);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
        what,
      });
      this.child.stdin.write(`${JSON.stringify({ harness, args, cwd })}\n`);
    });
  }

  /** Whether it stopped (crashed, or was killed after a run hung): a new one is needed. */
  get stopped(): boolean {
    return this.failure !== null;
  }

  /** Ends its input, so that it leaves on its own (removing its scratch folder), or stops it after a grace period. */
  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin.end();
    const grace = setTimeout(() => this.killGroup('SIGTERM'), 5_000);
    await exited;
    clearTimeout(grace);
  }

  private killGroup(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.child.pid!, signal);
    } catch {
      // already gone
    }
  }
}
