/**
 * The prefilter never loses a finding: on the benchmark corpus (real Python
 * from pinned PyPI releases, built by scripts/build-corpus.sh; .ci/run builds it),
 * a prefiltered scan and a scan that parses every file find the same things.
 * Each package of the corpus is compared on its own (a scan of every file of
 * the whole corpus at once needs several GiB); the built command line then
 * scans the whole corpus with two threads and with one, which must agree too
 * (workers survey the files, the main thread parses those worth parsing), and
 * a scan without the prefilter, where workers parse, agrees with one thread, and so does a scan of a package that
 * analyses each group of its files linked by imports on its own. A missing corpus skips these tests
 * with a warning, and fails them under CI=true.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { scan, type Finding } from '../src/engine.js';
import { RULES } from '../transforms/index.js';
import { CORPUS, itRequires } from './requirements.js';

const key = (finding: Pick<Finding, 'path' | 'line' | 'column' | 'code' | 'confidence'>) => `${finding.path}:${finding.line}:${finding.column} ${finding.code} ${finding.confidence}`;

describe('prefilter on the benchmark corpus', () => {
  itRequires(['corpus'], 'finds exactly what a scan of every file finds, package by package', async () => {
    const packages = readdirSync(CORPUS).filter((name) => statSync(path.join(CORPUS, name)).isDirectory());
    let parsedInFull = 0;
    let findings = 0;
    for (const name of packages) {
      const options = { rules: RULES, paths: [name], cwd: CORPUS, strategy: 'auto' as const, jobs: 1 };
      const prefiltered = await scan(options);
      const full = await scan({ ...options, prefilter: false });
      console.log(`corpus/${name}: ${prefiltered.filesScanned} files; prefiltered parse: ${prefiltered.plan.hashes.size}, full parse: ${full.plan.hashes.size}; findings: ${prefiltered.findings.length}`);
      expect(prefiltered.findings.map(key), name).toEqual(full.findings.map(key));
      parsedInFull += full.plan.hashes.size;
      findings += prefiltered.findings.length;
    }
    expect(parsedInFull).toBeGreaterThan(5000);
    console.log(`corpus: ${parsedInFull} files parsed in full scans, ${findings} findings`);
  }, 1_200_000);

  itRequires(['corpus'], 'surveys every file in worker threads (no prefilter) exactly as in the main thread', async () => {
    // The built engine, whose worker script exists (from sources, every file is loaded in this thread).
    const built = (await import(path.resolve(import.meta.dirname, '..', 'dist', 'src', 'engine.js'))) as typeof import('../src/engine.js');
    const options = { rules: RULES, paths: ['fairseq'], cwd: CORPUS, strategy: 'auto' as const, prefilter: false };
    const threaded = await built.scan({ ...options, jobs: 2 });
    const single = await built.scan({ ...options, jobs: 1 });
    expect(threaded.filesScanned).toBeGreaterThan(512);
    expect(threaded.plan.hashes.size).toBe(single.plan.hashes.size);
    expect(threaded.findings.map(key)).toEqual(single.findings.map(key));
  }, 600_000);

  itRequires(['corpus'], 'analysed a group of linked files at a time, finds and fixes in each package exactly what one analysis of it does', async () => {
    const packages = readdirSync(CORPUS).filter((name) => statSync(path.join(CORPUS, name)).isDirectory());
    const described = (result: Awaited<ReturnType<typeof scan>>) => result.findings.map((finding) => `${key(finding)} ${finding.fixable} ${finding.message}`);
    for (const name of packages) {
      const options = { rules: RULES, paths: [name], cwd: CORPUS, strategy: 'auto' as const, jobs: 1 };
      const whole = await scan(options);
      // Every group of files that imports link is a batch of its own; their facts go once it is done.
      const grouped = await scan({ ...options, batchBytes: 1, releaseFacts: true });
      expect(described(grouped), name).toEqual(described(whole));
      expect(grouped.rewrites.map((rewrite) => rewrite.diff), name).toEqual(whole.rewrites.map((rewrite) => rewrite.diff));
    }
  }, 600_000);

  itRequires(['corpus'], 'surveys in worker threads, and parses what they find, exactly as in the main thread', () => {
    const cli = path.resolve(import.meta.dirname, '..', 'dist', 'src', 'cli.js');
    const run = (jobs: number) => {
      const result = spawnSync(process.execPath, [cli, '.', '--format', 'json', '--jobs', String(jobs)], { cwd: CORPUS, encoding: 'utf8', maxBuffer: 1 << 28 });
      expect(result.status, result.stderr).toBeLessThanOrEqual(1);
      return (JSON.parse(result.stdout) as { findings: Finding[] }).findings.map(key);
    };
    expect(run(2)).toEqual(run(1));
  }, 600_000);
});
