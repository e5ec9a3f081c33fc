/**
 * Turning a path into a ProjectFile: read, decode, parse once, extract facts,
 * free the tree. Synchronous once the parser is loaded, so the link phase can
 * also load a module on demand; runs the same in worker threads.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { packageRelativePath } from './discover.js';
import type { ProjectFile } from './project/index.js';
import { wordsInCode } from './python/code-words.js';
import { extractFacts } from './python/facts.js';
import { liteTree } from './python/lite-tree.js';
import { firstSyntaxError, parseSync } from './python/parser.js';
import { NotebookError, notebookToProgram, type NotebookLayout } from './python/notebook.js';
import { decodePythonSource, SourceDecodeError } from './python/source.js';
import type { StringTable } from './python/string-table.js';

export interface FileProblem {
  path: string;
  message: string;
}

/** A file that was read but not parsed: what its text says of classes and names, for the link phase's screens. */
export interface SkippedFile {
  /**
   * The classes it defines, as `class Name(Base, mod.Other)` spells them: the
   * last part of each base's name, or `<unknown>` for a base that is not a
   * plain dotted name (`SAMPLERS[task]`, `make_base()`); keywords are left out.
   */
  skipped: { name: string; bases: string[] }[];
  /** `[name, alias]` for every `name as alias` it holds (imports, and some `with` and `except` too). */
  aliases: [string, string][];
  /**
   * The decorators with `regist` in their names that sit over its classes, by
   * the name that leads to their registry: `TRANSFORMS` of
   * `@TRANSFORMS.register_module()`, `register_transform` of `@register_transform("x")`.
   */
  registers: string[];
  /** The modules its import statements name, as written (`segkit.builder`, `.builder`, `..data`). */
  imports: string[];
}

export type LoadResult = { file: ProjectFile; hash: string } | { problem: FileProblem } | SkippedFile;

/** A class statement with bases; the bases may run over several lines. */
const CLASS_HEADER = /^[ \t]*class[ \t]+([\w\u0080-\u00ff]+)[ \t]*\(([^)]*)\)/;
/** Bytes are read as Latin-1 here: a name in UTF-8 beyond ASCII is a run of \u0080-\u00ff characters. */
const CLASS_HEADER_START = /^[ \t]*class[ \t]+([\w\u0080-\u00ff]+)[ \t]*\(/;
/** How far past its line a class header's bases are looked for. */
const HEADER_SPAN = 2000;
/** A base that a class header does not spell as a dotted name. */
export const UNKNOWN_BASE = '<unknown>';

/**
 * The class headers of a file, found in its bytes: only the lines that hold
 * `class` become strings, so skimming thousands of files makes little garbage.
 */
function classHeaders(bytes: Buffer): SkippedFile['skipped'] {
  const headers: SkippedFile['skipped'] = [];
  for (let at = bytes.indexOf('class'); at >= 0; at = bytes.indexOf('class', at + 5)) {
    // Most hits are not statements (`subclass`, `@classmethod`, `x.__class__`): `class` must start its line's code and be followed by a blank.
    if (bytes[at + 5] !== 32 && bytes[at + 5] !== 9) continue;
    let lineStart = at;
    while (lineStart > 0 && (bytes[lineStart - 1] === 32 || bytes[lineStart - 1] === 9)) lineStart--;
    if (lineStart > 0 && bytes[lineStart - 1] !== 10) continue;
    let lineEnd = bytes.indexOf(10, at);
    if (lineEnd < 0) lineEnd = bytes.length;
    let text = bytes.toString('latin1', lineStart, lineEnd);
    const start = CLASS_HEADER_START.exec(text);
    if (!start) continue;
    if (!text.includes(')')) text = bytes.toString('latin1', lineStart, Math.min(bytes.length, lineStart + HEADER_SPAN));
    const match = CLASS_HEADER.exec(text);
    // Bases the skim cannot read in full (longer than the span, or with a comment, which may hold a `)`) count as unknown.
    const bases = !match
      ? [UNKNOWN_BASE]
      : match[2]
          .replace(/#[^\n]*/g, UNKNOWN_BASE)
          .split(',')
          .map((base) => base.trim())
          .filter((base) => base !== '' && !base.includes('='))
          .map((base) => (/^[\w.\u0080-\u00ff]+$/.test(base) ? (base.split('.').pop() ?? base) : UNKNOWN_BASE));
    headers.push({ name: start[1], bases });
    // The rest of the header's line holds no other class statement.
    at = Math.max(at, lineEnd - 5);
  }
  return headers;
}

/** A decorator line that registers (`@X.register_module()`, `@register_x(...)`, any case, as REGISTERING_METHOD) over a `class` line, perhaps with other decorators between. */
const REGISTERING_DECORATOR = /^[ \t]*@[ \t]*([\w.]*?)(?:\.)?(_?regist\w*)[^\n]*\r?\n(?:[ \t]*@[^\n]*\r?\n)*[ \t]*class[ \t]/gim;

/**
 * A registering call given a name (`MODEL._register_module(RandLANet, 'torch')`,
 * `R.register_module(module=Cls)`), also indented (module-level code under an
 * `if`) and with its arguments on the next lines. A call inside a function
 * matches too: the file is then loaded for nothing, and the index counts only
 * module-level calls.
 */
const REGISTERING_CALL = /^[ \t]*([\w.]*?)\.(_?regist\w*)\(\s*(?:\w+\s*=\s*)?[A-Za-z_]/gim;

/** The names that lead to the registries a file's class decorators and module-level calls register into; only files that hold the word are searched as text. */
function registersClasses(bytes: Buffer): string[] {
  // 'egist': `register`, `Register`, `_register`; only files that hold it are searched as text.
  if (!bytes.includes('egist') && !bytes.includes('EGIST')) return [];
  const names = new Set<string>();
  const text = bytes.toString('latin1');
  for (const match of text.matchAll(REGISTERING_DECORATOR)) names.add(match[1] ? match[1].split('.').pop()! : match[2]);
  for (const match of text.matchAll(REGISTERING_CALL)) names.add(match[1].split('.').pop()!);
  return [...names];
}

/** A byte of a name: ASCII letters, digits, `_`, and any non-ASCII byte (identifiers may be Unicode). */
function isNameByte(byte: number): boolean {
  return (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte === 95 || byte >= 128;
}

/**
 * The `name as alias` pairs of a file's imports (the last part of a dotted
 * name), read from the bytes around each ` as ` in the text that follows an
 * `import`: its line, continued lines, and a parenthesised list. Only imports
 * are read: ` as ` is common in code (`with`, `except`), and a search that
 * starts on a space stops at every space.
 */
function aliasesOf(bytes: Buffer): [string, string][] {
  const aliases: [string, string][] = [];
  for (let at = bytes.indexOf('import'); at >= 0; ) {
    const end = importEnd(bytes, at + 6);
    for (let as = at + 6; as + 4 <= end; as++) {
      if (bytes[as] === 32 && bytes[as + 1] === 97 && bytes[as + 2] === 115 && bytes[as + 3] === 32) aliasOf(bytes, as, aliases);
    }
    at = bytes.indexOf('import', end);
  }
  return aliases;
}

/** `from m import x` and `import m, n as o` at the start of a line: the modules they name. */
const FROM_IMPORT = /^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import\b/;
const PLAIN_IMPORT = /^[ \t]*import[ \t]+(.+)/;

/** The modules a file's import statements name, read from the lines that hold `import`. */
function importedModules(bytes: Buffer): string[] {
  const modules = new Set<string>();
  for (let at = bytes.indexOf('import'); at >= 0; at = bytes.indexOf('import', at + 6)) {
    let lineStart = at;
    while (lineStart > 0 && bytes[lineStart - 1] !== 10) lineStart--;
    // Only a line's first words can make it an import statement; a long run of text before `import` is something else.
    if (at - lineStart > 200) continue;
    const line = bytes.toString('latin1', lineStart, importEnd(bytes, at + 6));
    const from = FROM_IMPORT.exec(line);
    if (from) {
      if (from[1]) modules.add(from[1]);
      continue;
    }
    const plain = PLAIN_IMPORT.exec(line);
    if (plain) for (const part of plain[1].replace(/[()\\\r\n]/g, ' ').split(',')) {
      const name = part.trim().split(/[ \t]+/)[0];
      if (/^[\w.]+$/.test(name)) modules.add(name);
    }
  }
  return [...modules];
}

/** Where an import statement whose `import` keyword ends just before `from` ends: at its line's end, unless continued by `\` or an open parenthesis. */
function importEnd(bytes: Buffer, from: number): number {
  let depth = 0;
  for (let at = from; at < bytes.length; at++) {
    const byte = bytes[at];
    if (byte === 40) depth++;
    else if (byte === 41) depth = Math.max(0, depth - 1);
    else if (byte === 92 && (bytes[at + 1] === 10 || bytes[at + 1] === 13)) at += bytes[at + 1] === 13 && bytes[at + 2] === 10 ? 2 : 1;
    else if ((byte === 10 || byte === 13) && depth === 0) return at;
    else if (byte === 35) while (at + 1 < bytes.length && bytes[at + 1] !== 10 && bytes[at + 1] !== 13) at++;
  }
  return bytes.length;
}

/** The pair around the ` as ` at `at`, if both sides are names. */
function aliasOf(bytes: Buffer, at: number, into: [string, string][]): void {
  let nameEnd = at;
  while (nameEnd > 0 && (bytes[nameEnd - 1] === 32 || bytes[nameEnd - 1] === 9)) nameEnd--;
  let nameStart = nameEnd;
  while (nameStart > 0 && isNameByte(bytes[nameStart - 1])) nameStart--;
  let aliasStart = at + 4;
  while (bytes[aliasStart] === 32 || bytes[aliasStart] === 9) aliasStart++;
  let aliasEnd = aliasStart;
  while (aliasEnd < bytes.length && isNameByte(bytes[aliasEnd])) aliasEnd++;
  if (nameStart < nameEnd && aliasStart < aliasEnd) into.push([bytes.toString('latin1', nameStart, nameEnd), bytes.toString('latin1', aliasStart, aliasEnd)]);
}

export function contentHash(bytes: Buffer): string {
  return createHash('sha1').update(bytes).digest('hex');
}

export function displayPath(cwd: string, absolute: string): string {
  return path.relative(cwd, absolute).split(path.sep).join('/') || path.basename(absolute);
}

/**
 * The thread's read buffer, reused for every file: a scan reads every file of
 * the project, and a new buffer each (freed only when the collector gets to
 * it) would leave the process holding a large part of the project's bytes.
 */
let readBuffer = Buffer.allocUnsafe(1 << 20);

/**
 * A file's bytes, as a view of the read buffer that is valid until the next
 * read: whatever is kept of them (text, class headers, hash) is copied out.
 */
function readBytes(absolute: string): Buffer {
  const fd = openSync(absolute, 'r');
  try {
    let length = 0;
    for (;;) {
      if (length === readBuffer.length) {
        const larger = Buffer.allocUnsafe(readBuffer.length * 2);
        readBuffer.copy(larger, 0, 0, length);
        readBuffer = larger;
      }
      const count = readSync(fd, readBuffer, length, readBuffer.length - length, null);
      if (count === 0) return readBuffer.subarray(0, length);
      length += count;
    }
  } finally {
    closeSync(fd);
  }
}

/** Reads a file and parses it. */
export function loadProjectFile(absolute: string, cwd: string): LoadResult {
  return readAndLoad(absolute, cwd);
}

/**
 * Reads a file and parses it. `strings` is the table the facts' names are
 * interned in, shared by the files loaded together.
 */
export function readAndLoad(absolute: string, cwd: string, strings?: StringTable): LoadResult {
  const bytes = readOrProblem(absolute, cwd);
  if (!Buffer.isBuffer(bytes)) return bytes;
  return parseBytes(absolute, cwd, bytes, strings);
}

/**
 * What the engine knows of every file before it parses any: its skim (class
 * headers, aliases, registrations, imports), its size, and whether its code
 * has root words (null root words: every file is worth parsing). Notebooks
 * and files with NUL bytes are always parsed, so that a broken one is
 * reported; a notebook is skimmed through the program its cells make.
 */
export interface SurveyedFile {
  relevant: boolean;
  skim: SkippedFile;
  bytes: number;
}

const NOTHING_SKIMMED: SkippedFile = Object.freeze({ skipped: [], aliases: [], registers: [], imports: [] }) as unknown as SkippedFile;

export function readAndSurvey(absolute: string, cwd: string, rootWords: readonly string[] | null): SurveyedFile | { problem: FileProblem } {
  const read = readOrProblem(absolute, cwd);
  if (!Buffer.isBuffer(read)) return read;
  let bytes: Buffer = read;
  let parse = bytes.includes(0);
  if (absolute.endsWith('.ipynb')) {
    parse = true;
    try {
      bytes = Buffer.from(notebookToProgram(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).program);
    } catch {
      return { relevant: true, skim: NOTHING_SKIMMED, bytes: read.length };
    }
  }
  const skim = { skipped: classHeaders(bytes), aliases: aliasesOf(bytes), registers: registersClasses(bytes), imports: importedModules(bytes) };
  return { relevant: parse || rootWords === null || wordsInCode(bytes, rootWords), skim, bytes: read.length };
}

/** A file's bytes (a view of the read buffer), or the problem that kept it from being read. */
function readOrProblem(absolute: string, cwd: string): Buffer | { problem: FileProblem } {
  try {
    return readBytes(absolute);
  } catch (error) {
    return { problem: { path: displayPath(cwd, absolute), message: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` } };
  }
}

function parseBytes(absolute: string, cwd: string, bytes: Buffer, strings?: StringTable): LoadResult {
  const shown = displayPath(cwd, absolute);
  let source;
  let notebook: NotebookLayout | undefined;
  try {
    if (absolute.endsWith('.ipynb')) {
      const json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      const converted = notebookToProgram(json);
      notebook = converted.layout;
      source = { ...decodePythonSource(Buffer.from(converted.program)), encoding: 'utf-8' as const, bom: false };
    } else {
      source = decodePythonSource(bytes);
    }
  } catch (error) {
    if (error instanceof SourceDecodeError || error instanceof NotebookError) return { problem: { path: shown, message: `skipped: ${error.message}` } };
    if (error instanceof TypeError) return { problem: { path: shown, message: 'skipped: the notebook is not valid UTF-8' } };
    throw error;
  }
  const tree = parseSync(source.text);
  try {
    const error = firstSyntaxError(tree);
    if (error) {
      return { problem: { path: shown, message: `skipped: syntax error at line ${error.line}, column ${error.column}; the file is not analysed and will not be changed` } };
    }
    const { root, python2 } = liteTree(tree, source.text);
    // tree-sitter-python also accepts Python 2's print and exec statements; Python 3 does not.
    if (python2) {
      return { problem: { path: shown, message: `skipped: Python 2 syntax (${python2.type.replace('_', ' ')}) at line ${python2.startPosition.row + 1}; the file is not analysed and will not be changed` } };
    }
    const facts = extractFacts(root, source.text, packageRelativePath(absolute), strings);
    return { file: { path: absolute, displayPath: shown, source, facts, ...(notebook ? { notebook } : {}) }, hash: contentHash(bytes) };
  } finally {
    tree.delete();
  }
}
