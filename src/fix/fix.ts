/**
 * Fixes as data: text edits plus imports and helper functions that a file
 * needs. Fixes of one file are merged (identical edits once, overlapping ones
 * refused), imports and helpers are rendered once where the file's imports
 * end, and the result is re-parsed before anyone sees or writes it.
 */
import { structuredPatch } from 'diff';
import MagicString from 'magic-string';
import type { ProjectFile } from '../project/index.js';
import { parsesCleanly } from '../python/parser.js';
import { startsNextCell } from '../python/notebook.js';
import { indentUnitOf, withEol } from '../python/source.js';

export interface TextEdit {
  file: ProjectFile;
  start: number;
  end: number;
  /** Replacement text, with `\n` line breaks (converted to the file's own). */
  text: string;
}

/**
 * Something a fix needs at the top of a file: an import, or a helper definition
 * with what it needs itself (`needs`: imports, a registry it shares). A helper
 * that several files of one package need may be written once in a module of
 * its own (`shared`, see shared-module.ts).
 */
export type PreambleItem =
  | { file: ProjectFile; kind: 'import'; key: string; code: string; module: string; name?: string; project?: boolean }
  | { file: ProjectFile; kind: 'helper'; key: string; code: string; needs?: PreambleItem[]; shared?: SharedHelper };

export type HelperItem = Extract<PreambleItem, { kind: 'helper' }>;

/** How a helper is written in a module that several files of a package import it from. */
export interface SharedHelper {
  /** Helpers of one identity, whatever file they were made for, are one helper in the shared module. */
  identity: string;
  /** The name the helper takes in the shared module, when it is free there. */
  name: string;
  /** The helper written for `module` under `name`, covering every use the identity stands for. */
  build(module: ProjectFile, name: string): HelperItem;
}

/** A preamble with every helper's needs in it, each before the helper that needs it. */
export function expandPreamble(items: readonly PreambleItem[]): PreambleItem[] {
  return items.flatMap((item) => (item.kind === 'helper' ? [...expandPreamble(item.needs ?? []), item] : [item]));
}

export interface Fix {
  /** One sentence: what the fix does. */
  description: string;
  edits: TextEdit[];
  preamble: PreambleItem[];
}

export function filesOf(fix: Fix): ProjectFile[] {
  return [...new Set([...fix.edits.map((edit) => edit.file), ...expandPreamble(fix.preamble).map((item) => item.file)])];
}

/** Re-indents four-space code to the file's unit and line ending. */
export function toFileStyle(code: string, file: ProjectFile): string {
  const unit = indentUnitOf(file.source);
  const indented = unit === '    ' ? code : code.replace(/^((?: {4})+)/gm, (spaces) => unit.repeat(spaces.length / 4));
  return withEol(indented, file.source.eol);
}

interface Insertion {
  offset: number;
  text: string;
  /** At one offset, imports (0) come before helpers (1). */
  rank?: number;
}

/** Packages that sit in the same import group as NumPy and torch in ML code. */
const SCIENTIFIC_PACKAGES = new Set(['numpy', 'torch', 'torchvision', 'torchaudio', 'tensorflow', 'keras', 'scipy', 'sklearn', 'pandas', 'PIL', 'cv2', 'albumentations', 'lightning', 'pytorch_lightning']);

/** Standard-library modules that fixes import or that sit beside them. */
const STANDARD_LIBRARY = new Set(['abc', 'argparse', 'collections', 'copy', 'dataclasses', 'functools', 'glob', 'itertools', 'json', 'logging', 'math', 'multiprocessing', 'os', 'pathlib', 'pickle', 're', 'random', 'shutil', 'sys', 'time', 'typing', 'warnings']);

/**
 * Where an added import goes: `from m import name` joins an existing `from m
 * import ...`; `import m` goes above the first import of the same package, or
 * else in alphabetical place in its group (standard library, or the
 * NumPy/torch group); a standard-library import with no group to join opens
 * one above the other imports; anything else goes at the end of the imports.
 */
function placeImport(file: ProjectFile, item: Extract<PreambleItem, { kind: 'import' }>): Insertion[] | null {
  // A module of the project (relative, or the package's own): at the end of the imports, where first-party imports go.
  if (item.project) {
    const leading = file.facts.importStatements.filter((statement) => statement.end <= file.facts.importInsertion.offset);
    const sibling = leading.find((statement) => statement.module.split('.')[0] === item.module.split('.')[0]);
    if (sibling && !item.module.startsWith('.')) return [{ offset: sibling.lineStart, text: `${item.code}\n` }];
    // After the last import; in a group of its own when that import is of another package (relative imports are not listed there).
    const last = leading[leading.length - 1];
    const relativeLast = /^from[ \t]+\./m.test(file.source.text.slice(last?.end ?? 0, file.facts.importInsertion.offset));
    return last && !relativeLast ? [{ offset: file.facts.importInsertion.offset, text: `\n\n${item.code}` }] : null;
  }
  const statements = file.facts.importStatements.filter((statement) => statement.end <= file.facts.importInsertion.offset && statement.module !== '__future__');
  const topPackage = (module: string) => module.split('.')[0];
  if (item.name) {
    const sameModule = statements.find((statement) => !statement.plain && statement.module === item.module);
    return sameModule ? [{ offset: sameModule.lastNameEnd, text: `, ${item.name}` }] : null;
  }
  const relative = statements.find((statement) => topPackage(statement.module) === topPackage(item.module));
  if (relative) return [{ offset: relative.lineStart, text: `${item.code}\n` }];
  const standard = STANDARD_LIBRARY.has(topPackage(item.module));
  const group = statements.filter((statement) => (standard ? STANDARD_LIBRARY : SCIENTIFIC_PACKAGES).has(topPackage(statement.module)));
  const after = group.find((statement) => topPackage(statement.module) > topPackage(item.module));
  if (after) return [{ offset: after.lineStart, text: `${item.code}\n` }];
  if (group.length > 0) return [{ offset: group[group.length - 1].end, text: `\n${item.code}` }];
  if (standard && statements.length > 0) {
    // A new standard-library group, separated from the imports below by a blank line.
    return [
      { offset: statements[0].lineStart, text: `${item.code}\n` },
      { offset: statements[0].lineStart, text: '\n', rank: 0.5 },
    ];
  }
  return null;
}

/**
 * Import lines in isort's order: the standard library, then the rest, a
 * blank line between the groups; in each, `import x` before `from x import y`,
 * by module name.
 */
function sortAsIsort(lines: string[]): void {
  const module = (line: string) => line.split(/\s+/)[1];
  const group = (line: string) => (STANDARD_LIBRARY.has(module(line).split('.')[0]) ? 0 : 1);
  lines.sort((a, b) => group(a) - group(b) || Number(a.startsWith('from ')) - Number(b.startsWith('from ')) || module(a).localeCompare(module(b)));
  const firstOther = lines.findIndex((line) => group(line) === 1);
  if (firstOther > 0) lines.splice(firstOther, 0, '');
}

/** Imports of names from one project module (the shared helpers) become one `from m import a, b`. */
function mergeProjectImports(items: PreambleItem[]): PreambleItem[] {
  const merged: PreambleItem[] = [];
  const byModule = new Map<string, Extract<PreambleItem, { kind: 'import' }>>();
  for (const item of items) {
    const names = item.kind === 'import' && item.project ? /^from \S+ import (.+)$/.exec(item.code)?.[1] : undefined;
    if (item.kind !== 'import' || !names) {
      merged.push(item);
      continue;
    }
    const known = byModule.get(item.module);
    if (!known) {
      const copy = { ...item };
      byModule.set(item.module, copy);
      merged.push(copy);
      continue;
    }
    const all = [.../^from \S+ import (.+)$/.exec(known.code)![1].split(', '), ...names.split(', ')];
    known.code = `from ${item.module} import ${[...new Set(all)].sort().join(', ')}`;
    known.key = known.code;
  }
  return merged;
}

function renderPreamble(file: ProjectFile, items: PreambleItem[]): Insertion[] {
  const insertions: Insertion[] = [];
  const { offset, afterImport } = file.facts.importInsertion;
  const imports: string[] = [];
  for (const item of mergeProjectImports([...new Map(items.filter((entry) => entry.kind === 'import').map((entry) => [entry.key, entry])).values()])) {
    if (item.kind !== 'import') continue;
    const placed = placeImport(file, item);
    if (placed) insertions.push(...placed);
    else imports.push(item.code);
  }
  // A module of its own (the shared helpers) has no imports to sit beside: they are grouped and sorted as isort does.
  if (file.created) sortAsIsort(imports);
  const helpers = [...new Map(items.filter((item) => item.kind === 'helper').map((item) => [item.key, item.code])).values()];
  if (imports.length === 0 && helpers.length === 0) return insertions;
  let rendered = '';
  if (imports.length > 0) rendered += (offset === 0 ? '' : afterImport ? '\n' : '\n\n') + imports.join('\n');
  for (const helper of helpers) rendered += (rendered === '' && offset === 0 ? '' : '\n\n\n') + helper;
  // Blank lines between the insertion and the code after it: two after a helper (PEP 8), one after imports.
  const rest = file.source.text.slice(offset);
  // In a notebook, code that follows in the next cell needs no blank lines in this one.
  if (rest.trim() !== '' && !(file.notebook && startsNextCell(rest))) {
    const breaksAfter = (/^(?:[ \t]*\r?\n)*/.exec(rest)![0].match(/\n/g) ?? []).length;
    const wanted = helpers.length > 0 ? 3 : offset > 0 && afterImport ? 0 : 2;
    const missing = offset === 0 ? Math.max(1, wanted - breaksAfter) : Math.max(0, wanted - breaksAfter);
    rendered += '\n'.repeat(missing);
  } else if (offset === 0) {
    rendered += '\n';
  }
  insertions.push({ offset, text: rendered, rank: imports.length > 0 ? 0 : 1 });
  return insertions;
}

export interface FileRewrite {
  file: ProjectFile;
  before: string;
  after: string;
  applied: Fix[];
  /** Fixes left out, with the reason. */
  refused: { fix: Fix; reason: string }[];
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.start === b.start && a.end === b.end && a.text === b.text) return false;
  return a.start < b.end && b.start < a.end;
}

function render(file: ProjectFile, fixes: Fix[]): string {
  const edits = new Map<string, TextEdit>();
  for (const fix of fixes) {
    for (const edit of fix.edits) if (edit.file === file) edits.set(`${edit.start}:${edit.end}:${edit.text}`, edit);
  }
  const output = new MagicString(file.source.text);
  const insertions = renderPreamble(file, fixes.flatMap((fix) => expandPreamble(fix.preamble).filter((item) => item.file === file)));
  // Imports added at one place come out in alphabetical order; a group's blank line once, after them.
  const unique = [...new Map(insertions.map((insertion) => [`${insertion.offset}:${insertion.rank ?? 0}:${insertion.text}`, insertion])).values()];
  unique.sort((a, b) => a.offset - b.offset || (a.rank ?? 0) - (b.rank ?? 0) || a.text.localeCompare(b.text));
  for (const insertion of unique) {
    output.appendLeft(insertion.offset, toFileStyle(insertion.text, file));
  }
  const sorted = [...edits.values()].sort((a, b) => a.start - b.start || a.end - b.end);
  for (const edit of sorted) {
    const text = withEol(edit.text, file.source.eol);
    if (edit.start === edit.end) output.appendLeft(edit.start, text);
    else output.overwrite(edit.start, edit.end, text);
  }
  return output.toString();
}

/** Applies the fixes that touch `file`, refusing ones that overlap others or whose result does not parse. */
export async function rewriteFile(file: ProjectFile, fixes: Fix[]): Promise<FileRewrite> {
  const accepted: Fix[] = [];
  const refused: { fix: Fix; reason: string }[] = [];
  for (const fix of fixes) {
    const mine = fix.edits.filter((edit) => edit.file === file);
    const clash = accepted.some((other) => other.edits.some((edit) => edit.file === file && mine.some((candidate) => overlaps(edit, candidate))));
    if (clash) refused.push({ fix, reason: 'it overlaps another fix in the same place; run rng-fix again after applying' });
    else accepted.push(fix);
  }
  let after = render(file, accepted);
  if (!(await parsesCleanly(after))) {
    // Keep the fixes that parse on their own, one at a time.
    const parsing: Fix[] = [];
    for (const fix of accepted) {
      if (await parsesCleanly(render(file, [...parsing, fix]))) parsing.push(fix);
      else refused.push({ fix, reason: 'the fixed code would not parse' });
    }
    accepted.splice(0, accepted.length, ...parsing);
    after = render(file, accepted);
  }
  return { file, before: file.source.text, after, applied: accepted, refused };
}

/** A unified diff in the style of `git diff`, paths relative to the working directory. */
export function unifiedDiff(displayPath: string, before: string, after: string, label = displayPath, created = false): string {
  if (before === after) return '';
  const patch = structuredPatch(displayPath, displayPath, before, after, '', '', { context: 3 });
  const lines = [created ? '--- /dev/null' : `--- a/${label}`, `+++ b/${label}`];
  for (const hunk of patch.hunks) {
    lines.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`);
    lines.push(...hunk.lines);
  }
  return `${lines.join('\n')}\n`;
}
