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
    this.child = spawn(python, [ZYGOTE, ...preload], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const errors: string[] = [];
    this.child.stderr.on('data', (chunk: Buffer) => errors.push(chunk.toString('utf8')));
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
      const answer = JSON.parse(line) as { status: number; stdout: string; stderr: string };
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
        this.child.kill('SIGKILL');
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

  close(): void {
    this.child.stdin.end();
    this.child.kill();
  }
}
