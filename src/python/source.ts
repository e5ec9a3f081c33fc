/**
 * Reading and writing Python source files byte-faithfully: the encoding (UTF-8,
 * with or without BOM, or a PEP 263 coding cookie naming Latin-1), the line
 * ending and the indentation unit are detected so fixes can follow them.
 */
import { normaliseCodecName, PYTHON_CODECS } from '../models/python-codecs.js';

export interface PythonSource {
  text: string;
  encoding: 'utf-8' | 'latin-1';
  bom: boolean;
  eol: '\n' | '\r\n';
}

export class SourceDecodeError extends Error {}

const CODING_COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
const LATIN_1_NAMES = new Set(['latin-1', 'latin1', 'iso-8859-1', 'iso8859-1', 'l1', 'cp819', 'iso-latin-1']);
/** Names of UTF-8 and of its subset ASCII, which UTF-8 decodes alike. */
const UTF_8_NAMES = new Set(['utf-8', 'utf8', 'utf_8', 'u8', 'utf', 'utf8-ucs2', 'utf8-ucs4', 'cp65001', 'ascii', 'us-ascii', 'us', '646', 'ansi-x3.4-1968', 'iso646-us']);

/**
 * Whether a cookie's codec reads the file as UTF-8: UTF-8 or ASCII, or a codec
 * CPython does not ship (`future_fstrings`), which a package registers at run
 * time to rewrite UTF-8 source.
 */
function readsAsUtf8(declared: string): boolean {
  return UTF_8_NAMES.has(declared) || !PYTHON_CODECS.has(normaliseCodecName(declared));
}

function declaredEncoding(bytes: Buffer): string | null {
  // PEP 263: the cookie may only sit on the first or second line.
  const head = bytes.subarray(0, 400).toString('latin1').split(/\r?\n/, 2);
  for (const line of head) {
    const match = CODING_COOKIE.exec(line);
    if (match) return match[1].toLowerCase().replace(/_/g, '-');
  }
  return null;
}

/**
 * Whether the bytes are UTF-16 text: a byte-order mark, or ASCII text in
 * UTF-16, where every other byte is NUL.
 */
function utf16Order(bytes: Buffer): 'little-endian' | 'big-endian' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'little-endian';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'big-endian';
  const pairs = Math.floor(Math.min(bytes.length, 1024) / 2);
  if (pairs < 2) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let pair = 0; pair < pairs; pair++) {
    if (bytes[2 * pair] === 0) evenNul++;
    if (bytes[2 * pair + 1] === 0) oddNul++;
  }
  if (oddNul >= pairs * 0.9 && evenNul === 0) return 'little-endian';
  if (evenNul >= pairs * 0.9 && oddNul === 0) return 'big-endian';
  return null;
}

export function decodePythonSource(bytes: Buffer): PythonSource {
  const utf16 = utf16Order(bytes);
  if (utf16) throw new SourceDecodeError(`the file is UTF-16 (${utf16}), which Python does not accept as source; save it as UTF-8`);
  if (bytes.includes(0)) throw new SourceDecodeError('the file contains NUL bytes');
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const declared = declaredEncoding(bytes);
  let text: string;
  let encoding: PythonSource['encoding'];
  if (!bom && declared && LATIN_1_NAMES.has(declared)) {
    text = bytes.toString('latin1');
    encoding = 'latin-1';
  } else if (declared && !readsAsUtf8(declared) && !LATIN_1_NAMES.has(declared)) {
    throw new SourceDecodeError(`unsupported source encoding "${declared}"`);
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      throw new SourceDecodeError('the file is not valid UTF-8 and declares no other encoding');
    }
    encoding = 'utf-8';
  }
  return { text, encoding, bom, eol: detectEol(text) };
}

export function encodePythonSource(source: PythonSource, text: string): Buffer {
  if (source.encoding === 'latin-1') return Buffer.from(text, 'latin1');
  const body = Buffer.from(text, 'utf8');
  return source.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

function detectEol(text: string): '\n' | '\r\n' {
  const firstNewline = text.indexOf('\n');
  return firstNewline > 0 && text[firstNewline - 1] === '\r' ? '\r\n' : '\n';
}

/**
 * The indentation of every line that starts a statement, for the first `limit`
 * of them: lines inside a string (docstrings), inside brackets or after a
 * backslash continuation are skipped, as are blank and comment-only lines.
 */
function statementIndents(text: string, limit: number): string[] {
  const indents: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let continued = false;
  let lineStart = true;
  let index = 0;
  while (index < text.length && indents.length < limit) {
    if (lineStart) {
      lineStart = false;
      if (quote === null && depth === 0 && !continued) {
        const indent = /^[ \t]*/.exec(text.slice(index, index + 256))![0];
        const next = text[index + indent.length];
        if (next !== undefined && next !== '\n' && next !== '\r' && next !== '#') indents.push(indent);
      }
      continued = false;
    }
    const char = text[index];
    if (quote !== null) {
      if (char === '\\') {
        index += text.startsWith('\r\n', index + 1) ? 3 : 2;
        continue;
      }
      if (text.startsWith(quote, index)) {
        index += quote.length;
        quote = null;
        continue;
      }
      if (char === '\n') {
        // A one-quote string cannot span lines; an unterminated one ends here.
        if (quote.length === 1) quote = null;
        lineStart = true;
      }
      index++;
      continue;
    }
    if (char === '#') {
      const newline = text.indexOf('\n', index);
      index = newline < 0 ? text.length : newline;
      continue;
    }
    if (char === '"' || char === "'") {
      quote = text.startsWith(char.repeat(3), index) ? char.repeat(3) : char;
      index += quote.length;
      continue;
    }
    if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') depth = Math.max(0, depth - 1);
    else if (char === '\\' && /^\r?\n/.test(text.slice(index + 1, index + 3))) continued = true;
    else if (char === '\n') lineStart = true;
    index++;
  }
  return indents;
}

const indentUnits = new WeakMap<PythonSource, string>();

/**
 * One level of indentation as the file writes it: four spaces, two, a tab.
 * Only files that get a fix need it, so it is worked out on first use.
 */
export function indentUnitOf(source: PythonSource): string {
  let unit = indentUnits.get(source);
  if (unit === undefined) {
    unit = detectIndentUnit(source.text);
    indentUnits.set(source, unit);
  }
  return unit;
}

/**
 * The smallest step between the indentation of a statement and the next deeper
 * one. Only statement starts count: a docstring or a continuation line may be
 * indented by any amount.
 */
function detectIndentUnit(text: string): string {
  const indents = statementIndents(text, 2000);
  const firstIndented = indents.find((indent) => indent.length > 0);
  if (firstIndented?.startsWith('\t')) return '\t';
  let smallest = Infinity;
  let previous = 0;
  for (const indent of indents) {
    const width = indent.length;
    if (width > previous) smallest = Math.min(smallest, width - previous);
    previous = width;
  }
  return Number.isFinite(smallest) ? ' '.repeat(smallest) : '    ';
}

/** Converts `\n` line breaks of generated code to the file's own line ending. */
export function withEol(code: string, eol: string): string {
  return eol === '\n' ? code : code.replace(/\n/g, eol);
}
