/**
 * Fixture discovery and running. A case is `__fixtures__/<RULE>/<case>.input.py`
 * (with `<case>.output.py` when the fix changes it, and
 * `<case>.findings.txt` listing the expected findings), or a folder
 * `__fixtures__/<RULE>/<case>/` holding several `*.input.py` / `*.output.py`
 * files and anything else the project needs (requirement files); an
 * `*.output.py` with no `*.input.py` is a module the fix creates.
 * A first-line comment `# fixture: <flags>` passes flags to rng-fix.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scan, writeFixes, type EngineOptions, type Finding } from '../src/engine.js';
import type { Strategy } from '../src/rule.js';
import { RULES } from '../transforms/index.js';

export const FIXTURES = path.resolve(import.meta.dirname, '..', '__fixtures__');

export interface FixtureCase {
  rule: string;
  name: string;
  /** The case file or folder. */
  source: string;
  isFolder: boolean;
}

export function discoverCases(): FixtureCase[] {
  const cases: FixtureCase[] = [];
  for (const rule of readdirSync(FIXTURES).sort()) {
    const ruleDir = path.join(FIXTURES, rule);
    if (!statSync(ruleDir).isDirectory()) continue;
    for (const entry of readdirSync(ruleDir).sort()) {
      const full = path.join(ruleDir, entry);
      if (statSync(full).isDirectory()) cases.push({ rule, name: entry, source: full, isFolder: true });
      else if (/\.input\.(py|ipynb)$/.test(entry)) cases.push({ rule, name: entry.replace(/\.input\.(py|ipynb)$/, ''), source: full, isFolder: false });
    }
  }
  return cases;
}

export interface PreparedCase {
  dir: string;
  /** Working file name (`x.py`) -> expected bytes after fixing. */
  expected: Map<string, Buffer>;
  options: EngineOptions;
  /**
   * The findings the inputs announce with `# expect: RNGxxx` comments, as
   * `path:line CODE`, sorted; null when no input has such a comment.
   */
  markers: string[] | null;
  cleanup(): void;
}

function flagsOf(text: string): { strategy: Strategy; torchVersion?: string } {
  const header = /^# fixture:(.*)$/m.exec(text.split('\n', 3).join('\n'));
  const flags = header ? header[1].trim().split(/\s+/) : [];
  const value = (name: string) => {
    const index = flags.indexOf(name);
    return index >= 0 ? flags[index + 1] : undefined;
  };
  return { strategy: (value('--strategy') as Strategy | undefined) ?? 'auto', torchVersion: value('--torch-version') };
}

/** Copies a case into a temporary project: `x.input.py` becomes `x.py`; outputs are kept aside as expectations. */
export function prepareCase(fixture: FixtureCase): PreparedCase {
  const dir = mkdtempSync(path.join(tmpdir(), `rng-fix-${fixture.rule}-`));
  const expected = new Map<string, Buffer>();
  const markers: string[] = [];
  let header = '';
  const place = (inputPath: string, relative: string) => {
    const target = path.join(dir, relative.replace(/\.input\.(py|ipynb)$/, '.$1'));
    const outputPath = inputPath.replace(/\.input\.(py|ipynb)$/, '.output.$1');
    const input = readFileSync(inputPath);
    header ||= input.toString('utf8');
    input
      .toString('utf8')
      .split('\n')
      .forEach((line, index) => {
        for (const match of line.matchAll(/# expect: (RNG\d{3})/g)) markers.push(`${path.relative(dir, target).split(path.sep).join('/')}:${index + 1} ${match[1]}`);
      });
    expected.set(path.relative(dir, target), existsSync(outputPath) ? readFileSync(outputPath) : input);
  };
  if (fixture.isFolder) {
    cpSync(fixture.source, dir, { recursive: true });
    const walk = (current: string) => {
      for (const entry of readdirSync(current)) {
        const full = path.join(current, entry);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.output\.(py|ipynb)$/.test(entry) && !existsSync(full.replace(/\.output\.(py|ipynb)$/, '.input.$1'))) {
          // An output with no input: a module the fix creates (the shared helpers).
          expected.set(path.relative(dir, full).replace(/\.output\.(py|ipynb)$/, '.$1'), readFileSync(full));
          rmSync(full);
        } else if (/\.output\.(py|ipynb)$/.test(entry) || entry === 'findings.txt') rmSync(full);
        else if (/\.input\.(py|ipynb)$/.test(entry)) {
          place(path.join(fixture.source, path.relative(dir, full)), path.relative(dir, full));
          renameSync(full, full.replace(/\.input\.(py|ipynb)$/, '.$1'));
        }
      }
    };
    walk(dir);
  } else {
    const extension = fixture.source.endsWith('.ipynb') ? 'ipynb' : 'py';
    place(fixture.source, `${fixture.name}.input.${extension}`);
    cpSync(fixture.source, path.join(dir, `${fixture.name}.${extension}`));
  }
  return {
    dir,
    expected,
    options: { rules: RULES, paths: ['.'], cwd: dir, ...flagsOf(header) },
    markers: markers.length > 0 ? markers.sort() : null,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function findingsPath(fixture: FixtureCase): string {
  return fixture.isFolder ? path.join(fixture.source, 'findings.txt') : fixture.source.replace(/\.input\.(py|ipynb)$/, '.findings.txt');
}

/** One line per finding: where, code, confidence, fixable, and the message. */
export function describeFindings(findings: Finding[]): string {
  return findings
    .map((finding) => {
      const fix = finding.fixable ? `fixable${finding.notEffectiveReason ? ` but not effective (${finding.notEffectiveReason})` : ''}` : `unfixable (${finding.unfixableReason})`;
      return `${finding.path}:${finding.cell === undefined ? '' : `cell ${finding.cell}:`}${finding.line}:${finding.column} ${finding.code} ${finding.confidence} ${fix}\n  ${finding.message}\n`;
    })
    .join('');
}

export async function runCase(prepared: PreparedCase) {
  const first = await scan(prepared.options);
  const outcome = await writeFixes(first);
  const second = await scan(prepared.options);
  return { first, outcome, second };
}
