/**
 * The fixtures are the specification: each case is fixed by the engine and
 * compared byte for byte with its expected output, its findings are compared
 * with the recorded ones, and a second run must find nothing left to fix.
 * Set UPDATE_FINDINGS=1 to record findings of new cases (then read them).
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../src/engine.js';
import { RULES } from '../transforms/index.js';
import { describeFindings, discoverCases, findingsPath, prepareCase, runCase } from './fixture-cases.js';

const cases = discoverCases();

/** Python files (and notebooks) under a folder, relative to it. */
function pythonFilesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix)).flatMap((entry) => {
    const relative = path.join(prefix, entry);
    if (statSync(path.join(dir, relative)).isDirectory()) return pythonFilesUnder(dir, relative);
    return /\.(py|ipynb)$/.test(entry) ? [relative] : [];
  });
}
// Fixtures may land before their rule (RNG005's were written first): they wait as todos.
const registered = new Set<string>(RULES.map((rule) => rule.code));

describe('fixtures', () => {
  it('exist', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const fixture of cases) {
    if (!registered.has(fixture.rule)) {
      it.todo(`${fixture.rule}/${fixture.name} (rule not registered yet)`);
      continue;
    }
    it(`${fixture.rule}/${fixture.name}`, async () => {
      const prepared = prepareCase(fixture);
      try {
        const full = await scan({ ...prepared.options, prefilter: false });
        const { first, second } = await runCase(prepared);
        for (const [relative, expected] of prepared.expected) {
          expect(existsSync(path.join(prepared.dir, relative)), `${relative} exists after --write`).toBe(true);
          const actual = readFileSync(path.join(prepared.dir, relative));
          expect(actual.toString('latin1'), `${relative} after --write`).toBe(expected.toString('latin1'));
        }
        // No file is created that the case does not expect.
        const created = pythonFilesUnder(prepared.dir).filter((relative) => !prepared.expected.has(relative) && !existsSync(path.join(fixture.isFolder ? fixture.source : path.dirname(fixture.source), relative)));
        expect(created, 'files the fix created that the case does not expect').toEqual([]);

        const recorded = findingsPath(fixture);
        const described = describeFindings(first.findings);
        if (process.env.UPDATE_FINDINGS && !existsSync(recorded)) writeFileSync(recorded, described);
        expect(described, 'findings').toBe(existsSync(recorded) ? readFileSync(recorded, 'utf8') : '<no findings file recorded>');

        if (prepared.markers) {
          const found = first.findings.map((finding) => `${finding.path}:${finding.line} ${finding.code}`).sort();
          expect(found, 'findings where the input says `# expect:`').toEqual(prepared.markers);
        }
        if (fixture.name.startsWith('ok-')) expect(first.findings, 'an ok- case has no findings').toEqual([]);
        else expect(first.findings.map((finding) => finding.code), 'the case shows its rule').toContain(fixture.rule);

        // The prefilter (parse only files that can matter, and what they lead to) loses nothing.
        expect(describeFindings(full.findings), 'findings without the prefilter').toBe(described);

        // Idempotence: the fixed project has nothing left to fix, and only the unfixable findings remain.
        expect(second.rewrites).toEqual([]);
        // Lines move where a fix adds a helper above a finding: compare without line and column numbers.
        const withoutLines = (text: string) => text.replace(/\.py:\d+(:\d+)?/g, '.py');
        expect(withoutLines(describeFindings(second.findings))).toBe(withoutLines(describeFindings(first.findings.filter((finding) => !finding.fixable))));
      } finally {
        prepared.cleanup();
      }
    });
  }
});
