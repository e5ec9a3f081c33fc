import { createRequire } from 'node:module';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';

export type { Node, Tree };

const require = createRequire(import.meta.url);

let pythonParser: Promise<Parser> | undefined;
let loadedParser: Parser | undefined;

/**
 * The Python parser, loaded once per thread. It is the WebAssembly build of
 * tree-sitter-python: it installs without a compiler, and trees are freed
 * explicitly with `tree.delete()`, so memory stays bounded on big codebases.
 */
export function loadPythonParser(): Promise<Parser> {
  pythonParser ??= (async () => {
    await Parser.init();
    const language = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
    const parser = new Parser();
    parser.setLanguage(language);
    loadedParser = parser;
    return parser;
  })();
  return pythonParser;
}

/** Parses with the parser loaded by `loadPythonParser()`; the caller must `delete()` the tree. */
export function parseSync(text: string): Tree {
  if (!loadedParser) throw new Error('the Python parser is not loaded yet: await loadPythonParser() first');
  const tree = loadedParser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

/** Parses `text`, hands the tree to `use`, and frees the tree afterwards. */
export async function withTree<T>(text: string, use: (tree: Tree) => T): Promise<T> {
  const parser = await loadPythonParser();
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    return use(tree);
  } finally {
    tree.delete();
  }
}

/** The first syntax error in the tree, as a 1-based line and column, or null. */
export function firstSyntaxError(tree: Tree): { line: number; column: number } | null {
  if (!tree.rootNode.hasError) return null;
  const cursor = tree.walk();
  try {
    for (;;) {
      const node = cursor.currentNode;
      if (node.isError || node.isMissing) {
        return { line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
      }
      if (node.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return { line: 1, column: 1 };
      }
    }
  } finally {
    cursor.delete();
  }
}

/** Whether `text` parses as Python without errors. */
export function parsesCleanly(text: string): Promise<boolean> {
  return withTree(text, (tree) => !tree.rootNode.hasError);
}
