/**
 * The guard of the tests that need the machine's Python environments or the
 * corpus: under CI=true, a missing requirement fails only the tests that need
 * it, each with its own reason, and never the whole file at load time.
 * Checked by running vitest on those files with a requirement taken away.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './requirements.js';

interface AssertionResult {
  title: string;
  status: 'passed' | 'failed' | 'skipped' | 'pending';
  failureMessages: string[];
}

function vitestUnderCi(files: string[], filter: string, env: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'rng-fix-guard-'));
  try {
    const output = path.join(dir, 'results.json');
    const child = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...files, '-t', filter, '--reporter=json', `--outputFile=${output}`], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true', ...env },
      timeout: 300_000,
    });
    const report = JSON.parse(readFileSync(output, 'utf8')) as { testResults: { name: string; status: string; message: string; assertionResults: AssertionResult[] }[] };
    return { exit: child.status, files: report.testResults, tests: report.testResults.flatMap((file) => file.assertionResults) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('requirements under CI', () => {
  it('a missing TensorFlow fails only the tf.keras proof, with its reason', () => {
    const { exit, files, tests } = vitestUnderCi(['test/runtime.test.ts'], 'tf-keras|cover every fix kind', { RNG_FIX_TF_PYTHON: '/nonexistent/python' });
    expect(exit).toBe(1);
    expect(files.map((file) => file.message).filter(Boolean), 'no file fails as a whole').toEqual([]);
    const byTitle = new Map(tests.map((test) => [test.title, test]));
    expect(byTitle.get('cover every fix kind')?.status).toBe('passed');
    const tf = tests.filter((test) => test.title.includes('tf.keras'));
    expect(tf).toHaveLength(1);
    expect(tf[0].status).toBe('failed');
    expect(tf[0].failureMessages.join('\n')).toContain('cannot run: needs /nonexistent/python with tensorflow (run scripts/setup-python-env.sh) (required under CI)');
    expect(tests.filter((test) => test.status === 'failed')).toHaveLength(1);
  });

  it('a missing corpus fails the corpus test', () => {
    const { exit, tests } = vitestUnderCi(['test/corpus.test.ts'], 'finds exactly', { RNG_FIX_CORPUS: '/nonexistent/corpus' });
    expect(exit).toBe(1);
    // The file's other test is filtered out by name; the one that ran fails with its reason.
    const ran = tests.filter((test) => test.status !== 'skipped' && test.status !== 'pending');
    expect(ran).toHaveLength(1);
    expect(ran[0].status).toBe('failed');
    expect(ran[0].failureMessages.join('\n')).toContain('cannot run: needs the benchmark corpus at /nonexistent/corpus (run scripts/build-corpus.sh) (required under CI)');
  });
});
