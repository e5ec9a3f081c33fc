/**
 * The prefilter never loses a finding: on the benchmark corpus (real Python
 * from pinned PyPI wheels, built by scripts/build-corpus.sh; .ci/run builds it),
 * a prefiltered scan and a scan that parses every file find the same things.
 * Skipped, with a warning, when the corpus has not been built; under CI=true
 * a missing corpus fails the test.
 */
import { describe, expect } from 'vitest';
import { scan } from '../src/engine.js';
import { RULES } from '../transforms/index.js';
import { CORPUS, itRequires } from './requirements.js';

describe('prefilter on the benchmark corpus', () => {
  itRequires(['corpus'], 'finds exactly what a scan of every file finds', async () => {
    const options = { rules: RULES, paths: [CORPUS], cwd: CORPUS, strategy: 'auto' as const, jobs: 2 };
    const key = (finding: { path: string; line: number; column: number; code: string; confidence: string }) => `${finding.path}:${finding.line}:${finding.column} ${finding.code} ${finding.confidence}`;
    const prefiltered = await scan(options);
    const full = await scan({ ...options, prefilter: false });
    console.log(`corpus: ${prefiltered.filesScanned} files; prefiltered parse: ${prefiltered.plan.hashes.size} files, full parse: ${full.plan.hashes.size} files; findings: ${prefiltered.findings.length}`);
    expect(full.plan.hashes.size).toBeGreaterThan(5000);
    expect(prefiltered.findings.map(key)).toEqual(full.findings.map(key));
  }, 600_000);
});
