/** Every rule is registered, documented under the ruff headings, and specified by fixtures. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan, writeFixes } from '../src/engine.js';
import { RULES } from '../transforms/index.js';
import { FIXTURES } from './fixture-cases.js';

const TRANSFORMS = path.resolve(import.meta.dirname, '..', 'transforms');

describe('rule registry', () => {
  it('registers one rule per file in transforms/', () => {
    const files = readdirSync(TRANSFORMS).filter((file) => /^rng\d{3}-.*\.ts$/.test(file));
    expect(files.map((file) => file.slice(0, 6).toUpperCase()).sort()).toEqual(RULES.map((rule) => rule.code).sort());
    for (const rule of RULES) expect(files).toContain(`${rule.code.toLowerCase()}-${rule.name}.ts`);
  });

  for (const rule of RULES) {
    it(`${rule.code} is documented and has positive, negative and runtime fixtures`, () => {
      for (const section of Object.values(rule.docs)) expect(section.trim().length).toBeGreaterThan(40);
      const dir = path.join(FIXTURES, rule.code);
      expect(existsSync(dir)).toBe(true);
      const cases = readdirSync(dir);
      expect(cases.some((name) => name.startsWith('ok-')), 'a negative case').toBe(true);
      expect(cases.some((name) => name.endsWith('.output.py')), 'a fixed case').toBe(true);
      expect(cases.some((name) => name.startsWith('runtime-')), 'a runtime proof').toBe(true);
    });
  }
});

describe('rule documentation', () => {
  for (const rule of RULES) {
    it(`${rule.code}: rng-fix turns the documented example into the documented "use instead"`, async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'rng-fix-docs-'));
      try {
        writeFileSync(path.join(dir, 'example.py'), `${rule.docs.example.trim()}\n`);
        const result = await scan({ rules: RULES, paths: ['.'], cwd: dir, strategy: 'auto' });
        expect(result.findings.map((finding) => finding.code)).toContain(rule.code);
        await writeFixes(result);
        expect(readFileSync(path.join(dir, 'example.py'), 'utf8')).toBe(`${rule.docs.useInstead.trim()}\n`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it(`${rule.code} is in the README with its example and fix`, () => {
      const readme = readFileSync(path.resolve(import.meta.dirname, '..', 'README.md'), 'utf8');
      expect(readme).toContain(`### ${rule.code} ${rule.name}`);
      expect(readme).toContain(rule.docs.example.trim());
      expect(readme).toContain(rule.docs.useInstead.trim());
    });
  }
});
