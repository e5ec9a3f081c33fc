/**
 * The prefilter's scan for words in code (not only in comments and strings)
 * agrees with tree-sitter's reading of the same file: on written cases, on
 * generated programs, and on every file of the benchmark corpus that holds a
 * rule's word.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { wordsInCode } from '../src/python/code-words.js';
import { loadPythonParser, parseSync, type Node } from '../src/python/parser.js';
import { RULES } from '../transforms/index.js';
import { CORPUS, itRequires } from './requirements.js';

const WORDS = [...new Set(RULES.flatMap((rule) => rule.relevance.words))];

/** Whether a word of `words` lies outside every comment and every string's text (f-string fields are code), as tree-sitter parses `text`. */
function wordsInCodeByTree(text: string, words: readonly string[]): { inCode: boolean; clean: boolean } {
  const tree = parseSync(text);
  try {
    const spans: [number, number][] = [];
    const visit = (node: Node) => {
      if (node.type === 'comment') {
        spans.push([node.startIndex, node.endIndex]);
        return;
      }
      if (node.type === 'string') {
        let start = node.startIndex;
        for (const child of node.namedChildren) {
          if (child?.type !== 'interpolation') continue;
          spans.push([start, child.startIndex + 1]);
          for (const inner of child.namedChildren) if (inner) visit(inner);
          start = child.endIndex - 1;
        }
        spans.push([start, node.endIndex]);
        return;
      }
      for (const child of node.children) if (child) visit(child);
    };
    visit(tree.rootNode);
    let inCode = false;
    for (const word of words) {
      for (let at = text.indexOf(word); at >= 0 && !inCode; at = text.indexOf(word, at + 1)) {
        inCode = !spans.some(([start, end]) => start <= at && at + word.length <= end);
      }
    }
    return { inCode, clean: !tree.rootNode.hasError };
  } finally {
    tree.delete();
  }
}

const scan = (text: string) => wordsInCode(Buffer.from(text, 'utf8'), WORDS);

beforeAll(async () => {
  await loadPythonParser();
});

describe('words in code', () => {
  it.each([
    ['a comment', '# a Dataset of images\nx = 1\n', false],
    ['a docstring', 'def f():\n    """Wraps a Dataset."""\n    return 1\n', false],
    ['a string with escaped quotes', 'x = "say \\"Dataset\\""\n', false],
    ['a triple-quoted string ending in an escaped quote', "x = '''it's a Dataset\\''''\ny = 2\n", false],
    ['a byte string', "x = rb'Dataset'\n", false],
    ['an f-string text', 'x = f"{n} Dataset items"\n', false],
    ['a format spec', 'x = f"{n:>{width}} Dataset"\n', false],
    ['a string continued over a CRLF line end', 'x = "Data\\\r\nset Dataset"\r\ny = 1\r\n', false],
    ['code', 'from torch.utils.data import Dataset\n', true],
    ['a name holding the word', 'class Images(MyDataset):\n    pass\n', true],
    ['an f-string field', 'x = f"{Dataset.__name__}"\n', true],
    ['a field beside a nested string', "x = f\"{d['a']} {Dataset}\"\n", true],
    ['a nested field of a format spec', 'x = f"{n:{DataLoader}}"\n', true],
    ['a keyword just before a string', 'if x in"abc": keras = 1\n', true],
    ['code after a string ending in a backslash pair', 'x = "a\\\\"; import keras\n', true],
  ])('%s', (_, text, expected) => {
    expect(scan(text)).toBe(expected);
    expect(wordsInCodeByTree(text, WORDS)).toEqual({ inCode: expected, clean: true });
  });

  it('counts text it cannot place as code', () => {
    expect(scan('x = "Dataset\ny = 1\n')).toBe(true);
    expect(scan('x = """Dataset\n')).toBe(true);
    expect(scan('x = f"{(Dataset"\n')).toBe(true);
  });

  it('agrees with tree-sitter on generated programs', () => {
    const word = fc.constantFrom(...WORDS, 'data', 'x');
    const quote = fc.constantFrom("'", '"', "'''", '"""');
    const piece = fc.oneof(
      fc.tuple(word).map(([text]) => `${text} = 1\n`),
      fc.tuple(word).map(([text]) => `# ${text}\n`),
      fc.tuple(fc.constantFrom('', 'r', 'b', 'rb', 'u', 'f', 'rf', 'F'), quote, word, fc.constantFrom('', '\\\\', '\\"', "\\'", '#')).map(([prefix, q, text, escape]) => `v = ${prefix}${q}${escape}${text}${escape === '\\"' || escape === "\\'" ? ' ' : ''}${q}\n`),
      fc.tuple(fc.constantFrom('f', 'F', 'rf'), fc.constantFrom("'", '"'), word, word).map(([prefix, q, inner, text]) => `v = ${prefix}${q}{${inner}} ${text} {{${text}}} {n:>{${inner}}}${q}\n`),
      fc.tuple(word).map(([text]) => `def f():\n    """${text}\n    more"""\n    return ${text === 'x' ? 1 : 'x'}\n`),
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 6 }), (pieces) => {
        const text = pieces.join('');
        const byTree = wordsInCodeByTree(text, WORDS);
        if (!byTree.clean) return;
        expect(scan(text)).toBe(byTree.inCode);
      }),
      { numRuns: 500 },
    );
  });

  itRequires(['corpus'], 'agrees with tree-sitter on every corpus file that holds a word', () => {
    const files: string[] = [];
    const collect = (folder: string) => {
      for (const name of readdirSync(folder)) {
        const full = path.join(folder, name);
        if (statSync(full).isDirectory()) collect(full);
        else if (name.endsWith('.py')) files.push(full);
      }
    };
    collect(CORPUS);
    let checked = 0;
    let inCode = 0;
    for (const file of files) {
      const bytes = readFileSync(file);
      if (bytes.includes(0) || !WORDS.some((word) => bytes.includes(word))) continue;
      const byTree = wordsInCodeByTree(bytes.toString('utf8'), WORDS);
      expect(wordsInCode(bytes, WORDS), file).toBe(byTree.inCode);
      checked++;
      if (byTree.inCode) inCode++;
    }
    console.log(`corpus: ${checked} files hold a word, ${inCode} of them in code`);
    expect(checked).toBeGreaterThan(300);
    expect(inCode).toBeLessThan(checked);
  }, 300_000);
});
