/**
 * The tree copy asks the cursor its questions by calling WebAssembly directly
 * (web-tree-sitter internals); the copy must be the same node for node as one
 * made through the TreeCursor API, on every fixture, on awkward syntax, and on
 * the benchmark corpus.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { liteTree, type LiteNode } from '../src/python/lite-tree.js';
import { cursorCalls, loadPythonParser, parseSync } from '../src/python/parser.js';
import { FIXTURES } from './fixture-cases.js';
import { CORPUS, itRequires } from './requirements.js';

function pythonFilesUnder(folder: string, every = 1): string[] {
  const files: string[] = [];
  const collect = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) collect(full);
      else if (name.endsWith('.py')) files.push(full);
    }
  };
  collect(folder);
  return files.filter((_, index) => index % every === 0);
}

/** Every node's type, span, field and child count, in document order. */
function outline(node: LiteNode, into: (string | number | null)[] = []): (string | number | null)[] {
  into.push(node.type, node.startIndex, node.endIndex, node.fieldName, node.namedChildren.length, node.parent?.startIndex ?? -1);
  for (const child of node.namedChildren) outline(child, into);
  return into;
}

function expectSameCopies(text: string, label: string): void {
  const tree = parseSync(text);
  try {
    const direct = liteTree(tree, text);
    const viaApi = liteTree(tree, text, 'cursor API');
    expect(outline(direct.root), label).toEqual(outline(viaApi.root));
    expect(direct.python2?.startIndex, label).toBe(viaApi.python2?.startIndex);
  } finally {
    tree.delete();
  }
}

beforeAll(async () => {
  await loadPythonParser();
});

describe('tree copy', () => {
  it('calls WebAssembly directly with the pinned web-tree-sitter', () => {
    expect(cursorCalls()).not.toBeNull();
  });

  it('is the same through direct calls and through the cursor API, on every fixture', () => {
    const files = pythonFilesUnder(FIXTURES);
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) expectSameCopies(readFileSync(file, 'utf8'), file);
  });

  it.each([
    ['Unicode names and strings', 'données = "é😀"\nclass Ünïcode(Base):\n    def f(self): return données\n'],
    ['a Python 2 print statement', 'import numpy\nprint "x"\n'],
    ['deep nesting', `x = ${'('.repeat(300)}1${')'.repeat(300)}\n`],
    ['an empty file', ''],
    ['comments only', '# a\n# b\n'],
    ['decorators, lambdas, f-strings and match', '@d(1)\ndef f(a, *b, c=lambda: 2, **d):\n    match a:\n        case [1, *rest]: return f"{a!r:>{b}}"\n'],
  ])('is the same both ways on %s', (label, text) => {
    expectSameCopies(text, label);
  });

  it('stays right after the WebAssembly memory grows', () => {
    // A file large enough to grow the memory, then a small one: the transfer buffer is written through the new buffer.
    const before = process.memoryUsage().external;
    expectSameCopies('x = [\n' + '    (1, "a", b.c),\n'.repeat(20_000) + ']\n', 'large');
    expect(process.memoryUsage().external).toBeGreaterThan(before);
    expectSameCopies('y = 1\n', 'small after large');
  });

  itRequires(['corpus'], 'is the same both ways on every twentieth corpus file', () => {
    const files = pythonFilesUnder(CORPUS, 20);
    expect(files.length).toBeGreaterThan(250);
    for (const file of files) expectSameCopies(readFileSync(file, 'utf8'), file);
  }, 300_000);
});
