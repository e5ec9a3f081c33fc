/**
 * Reading and writing Python source files byte-faithfully: the encoding (UTF-8,
 * with or without BOM, or a PEP 263 coding cookie naming Latin-1), the line
 * ending and the indentation unit are detected so fixes can follow them.
 */

export interface PythonSource {
  text: string;
  encoding: 'utf-8' | 'latin-1';
  bom: boolean;
  eol: '\n' | '\r\n';
  /** One level of indentation as the file writes it: four spaces, two, a tab. */
  indentUnit: string;
}

export class SourceDecodeError extends Error {}

const CODING_COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
const LATIN_1_NAMES = new Set(['latin-1', 'latin1', 'iso-8859-1', 'iso8859-1', 'l1', 'cp819', 'iso-latin-1']);
const UTF_8_NAMES = new Set(['utf-8', 'utf8', 'utf_8', 'u8']);

function declaredEncoding(bytes: Buffer): string | null {
  // PEP 263: the cookie may only sit on the first or second line.
  const head = bytes.subarray(0, 400).toString('latin1').split(/\r?\n/, 2);
  for (const line of head) {
    const match = CODING_COOKIE.exec(line);
    if (match) return match[1].toLowerCase().replace(/_/g, '-');
  }
  return null;
}

export function decodePythonSource(bytes: Buffer): PythonSource {
  if (bytes.includes(0)) throw new SourceDecodeError('the file contains NUL bytes');
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const declared = declaredEncoding(bytes);
  let text: string;
  let encoding: PythonSource['encoding'];
  if (!bom && declared && LATIN_1_NAMES.has(declared)) {
    text = bytes.toString('latin1');
    encoding = 'latin-1';
  } else if (declared && !UTF_8_NAMES.has(declared) && !LATIN_1_NAMES.has(declared)) {
    throw new SourceDecodeError(`unsupported source encoding "${declared}"`);
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      throw new SourceDecodeError('the file is not valid UTF-8 and declares no other encoding');
    }
    encoding = 'utf-8';
  }
  return { text, encoding, bom, eol: detectEol(text), indentUnit: detectIndentUnit(text) };
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

/** The smallest step between the indentation of a line and the next deeper one. */
function detectIndentUnit(text: string): string {
  const lines = text.split('\n', 2000);
  for (const line of lines) {
    if (line.startsWith('\t')) return '\t';
    if (line.startsWith(' ')) break;
  }
  let smallest = Infinity;
  let previous = 0;
  for (const line of lines) {
    const match = /^( *)\S/.exec(line);
    if (!match || line.trimStart().startsWith('#')) continue;
    const width = match[1].length;
    if (width > previous) smallest = Math.min(smallest, width - previous);
    previous = width;
  }
  return Number.isFinite(smallest) ? ' '.repeat(smallest) : '    ';
}

/** Converts `\n` line breaks of generated code to the file's own line ending. */
export function withEol(code: string, eol: string): string {
  return eol === '\n' ? code : code.replace(/\n/g, eol);
}
