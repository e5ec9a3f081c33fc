/**
 * Whether a word occurs in a Python file's code, rather than only in its
 * comments and string literals, read from the bytes without parsing. The
 * prefilter parses a file only when a rule's word is in it; words such as
 * `Dataset` or `keras` are often only in docstrings and comments (on the bench
 * corpus, a third of the files that hold one), and a parse costs far more
 * than this scan.
 *
 * It errs towards "in code": any text it cannot place for certain (an
 * unterminated string, brackets that do not match in an f-string's
 * replacement field) counts as code, so such a file is parsed as before.
 * The bytes are UTF-8 or Latin-1; every byte it looks for is ASCII, and no
 * byte of a multi-byte UTF-8 character is.
 */

const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const BACKSLASH = 0x5c;
const HASH = 0x23;
const NEWLINE = 0x0a;
const RETURN = 0x0d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const COLON = 0x3a;

/** A scan that cannot place some text for certain. */
class Uncertain extends Error {}

function isNameByte(byte: number): boolean {
  return (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte === 95 || byte >= 128;
}

/** `r`, `b`, `u`, `f`, `t` in either case: the letters of string prefixes (`t` for 3.14's template strings). */
function isPrefixLetter(byte: number): boolean {
  const lower = byte | 0x20;
  return lower === 0x72 || lower === 0x62 || lower === 0x75 || lower === 0x66 || lower === 0x74;
}

/**
 * The spans of `bytes` that are not code: comments, and string literals
 * except the replacement fields of f-strings (and t-strings), which are code.
 */
class NonCodeSpans {
  /** Start and end offsets, in order: [start0, end0, start1, end1, ...]. */
  readonly spans: number[] = [];

  constructor(private readonly bytes: Uint8Array) {}

  scanModule(): void {
    let at = 0;
    while (at < this.bytes.length) at = this.step(at);
  }

  /** Moves past one byte of code, or a whole comment or string starting at `at`. */
  private step(at: number): number {
    const byte = this.bytes[at];
    if (byte === HASH) {
      let end = at;
      while (end < this.bytes.length && this.bytes[end] !== NEWLINE && this.bytes[end] !== RETURN) end++;
      this.add(at, end);
      return end;
    }
    if (byte === QUOTE || byte === APOSTROPHE) return this.scanString(at);
    return at + 1;
  }

  private add(start: number, end: number): void {
    if (end > start) this.spans.push(start, end);
  }

  /** A string literal whose quote is at `at`; returns the offset after it. */
  private scanString(at: number): number {
    const bytes = this.bytes;
    const quote = bytes[at];
    // The prefix is the run of prefix letters before the quote, if no other name byte precedes it (`elif"x"` is a keyword and a plain string).
    let prefixStart = at;
    while (prefixStart > 0 && isPrefixLetter(bytes[prefixStart - 1])) prefixStart--;
    const isPrefix = at - prefixStart <= 2 && (prefixStart === 0 || !isNameByte(bytes[prefixStart - 1]));
    let formatted = false;
    if (isPrefix) for (let index = prefixStart; index < at; index++) formatted ||= (bytes[index] | 0x20) === 0x66 || (bytes[index] | 0x20) === 0x74;
    const triple = bytes[at + 1] === quote && bytes[at + 2] === quote;
    let position = at + (triple ? 3 : 1);
    let textStart = at;
    for (;;) {
      if (position >= bytes.length) throw new Uncertain();
      const byte = bytes[position];
      if (byte === BACKSLASH) {
        // An escaped character, or a line continued inside the string (`\` then `\r\n` is one continuation).
        position += bytes[position + 1] === RETURN && bytes[position + 2] === NEWLINE ? 3 : 2;
      } else if (!triple && (byte === NEWLINE || byte === RETURN)) {
        throw new Uncertain();
      } else if (byte === quote && (!triple || (bytes[position + 1] === quote && bytes[position + 2] === quote))) {
        const end = position + (triple ? 3 : 1);
        this.add(textStart, end);
        return end;
      } else if (formatted && byte === OPEN_BRACE) {
        if (bytes[position + 1] === OPEN_BRACE) {
          position += 2;
        } else {
          this.add(textStart, position + 1);
          position = this.scanField(position + 1);
          textStart = position;
        }
      } else {
        position++;
      }
    }
  }

  /**
   * A replacement field of an f-string, from just after its `{`: code, then
   * perhaps a format spec. Returns the offset after its closing `}`.
   */
  private scanField(at: number): number {
    const bytes = this.bytes;
    let depth = 0;
    let position = at;
    for (;;) {
      if (position >= bytes.length) throw new Uncertain();
      const byte = bytes[position];
      if (byte === 0x28 || byte === 0x5b || byte === OPEN_BRACE) {
        depth++;
        position++;
      } else if (byte === 0x29 || byte === 0x5d) {
        if (--depth < 0) throw new Uncertain();
        position++;
      } else if (byte === CLOSE_BRACE) {
        if (depth === 0) return position + 1;
        depth--;
        position++;
      } else if (byte === COLON && depth === 0) {
        return this.scanFormatSpec(position + 1);
      } else {
        position = this.step(position);
      }
    }
  }

  /** A format spec (`>10`, `{width}.{precision}f`): text with nested fields, up to the field's closing `}`. */
  private scanFormatSpec(at: number): number {
    const bytes = this.bytes;
    let textStart = at;
    let position = at;
    for (;;) {
      if (position >= bytes.length) throw new Uncertain();
      const byte = bytes[position];
      if (byte === CLOSE_BRACE) {
        this.add(textStart, position);
        return position + 1;
      }
      if (byte === OPEN_BRACE) {
        this.add(textStart, position + 1);
        position = this.scanField(position + 1);
        textStart = position;
      } else {
        position++;
      }
    }
  }
}

/**
 * Whether any occurrence of any of `words` (ASCII) in `bytes` lies outside
 * the file's comments and string literals; true whenever that is not certain.
 */
export function wordsInCode(bytes: Uint8Array, words: readonly string[]): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const occurrences: { start: number; end: number }[] = [];
  for (const word of words) {
    for (let at = buffer.indexOf(word); at >= 0; at = buffer.indexOf(word, at + 1)) occurrences.push({ start: at, end: at + word.length });
  }
  if (occurrences.length === 0) return false;
  const scanner = new NonCodeSpans(bytes);
  try {
    scanner.scanModule();
  } catch (error) {
    if (error instanceof Uncertain) return true;
    throw error;
  }
  const spans = scanner.spans;
  occurrences.sort((a, b) => a.start - b.start);
  let span = 0;
  for (const { start, end } of occurrences) {
    while (span < spans.length && spans[span + 1] <= start) span += 2;
    const inside = span < spans.length && spans[span] <= start && end <= spans[span + 1];
    if (!inside) return true;
  }
  return false;
}
