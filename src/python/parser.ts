import { createRequire } from 'node:module';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';

export type { Node, Tree };

const require = createRequire(import.meta.url);

let pythonParser: Promise<Parser> | undefined;
let loadedParser: Parser | undefined;

/**
 * web-tree-sitter's Emscripten module: `Parser.init` builds it on the object
 * it is given, so the WebAssembly functions behind the cursor can be called
 * directly (see `cursorCalls`).
 */
const runtime: Record<string, unknown> = {};

/**
 * The Python parser, loaded once per thread. It is the WebAssembly build of
 * tree-sitter-python: it installs without a compiler, and trees are freed
 * explicitly with `tree.delete()`, so memory stays bounded on big codebases.
 */
export function loadPythonParser(): Promise<Parser> {
  pythonParser ??= (async () => {
    await Parser.init(runtime);
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

/**
 * The WebAssembly functions behind web-tree-sitter's TreeCursor, called on a
 * cursor kept in the runtime's transfer buffer. Each TreeCursor method copies
 * the cursor into that buffer and back around its call, word by word through
 * a generic `setValue`; a walk that only moves the cursor and reads it can
 * leave it there, and on the bench corpus that glue was half the time of
 * copying a tree. This leans on web-tree-sitter's internals (pinned to an
 * exact version in package.json): null when they are not as expected, and
 * the copy then uses the TreeCursor API (`test/lite-tree.test.ts` checks that
 * both copies agree, and that this one is in use).
 */
export interface CursorCalls {
  /** Puts `cursor`'s handle into the transfer buffer, where the calls below read and move it. */
  load(cursor: object): void;
  typeId(tree: number): number;
  fieldId(tree: number): number;
  startIndex(tree: number): number;
  endIndex(tree: number): number;
  gotoFirstChild(tree: number): number;
  gotoNextSibling(tree: number): number;
  gotoParent(tree: number): number;
}

let cursorCallsOfRuntime: CursorCalls | null | undefined;

type WasmCall = (tree: number) => number;

export function cursorCalls(): CursorCalls | null {
  if (cursorCallsOfRuntime !== undefined) return cursorCallsOfRuntime;
  if (!loadedParser) return null;
  const call = (name: string): WasmCall | null => {
    const value = runtime[`_ts_tree_cursor_${name}_wasm`];
    return typeof value === 'function' ? (value as WasmCall) : null;
  };
  const init = runtime._ts_init;
  const names = ['current_node_type_id', 'current_field_id', 'start_index', 'end_index', 'goto_first_child', 'goto_next_sibling', 'goto_parent'];
  const calls = names.map(call);
  if (typeof init !== 'function' || !(runtime.HEAP32 instanceof Int32Array) || calls.some((found) => found === null)) {
    cursorCallsOfRuntime = null;
    return null;
  }
  // `ts_init` only writes the language versions into the transfer buffer and returns its address.
  const transferBuffer = (init as () => number)();
  const [typeId, fieldId, startIndex, endIndex, gotoFirstChild, gotoNextSibling, gotoParent] = calls as WasmCall[];
  cursorCallsOfRuntime = {
    load(cursor) {
      // The memory may have grown (and its buffer been replaced) since the last parse; the handle is four little-endian words.
      const view = new DataView((runtime.HEAP32 as Int32Array).buffer);
      const handle = cursor as Record<number, number>;
      for (let word = 0; word < 4; word++) view.setInt32(transferBuffer + 4 * word, handle[word], true);
    },
    typeId,
    fieldId,
    startIndex,
    endIndex,
    gotoFirstChild,
    gotoNextSibling,
    gotoParent,
  };
  return cursorCallsOfRuntime;
}

/** The address of a tree in WebAssembly memory, which the cursor calls take. */
export function treeAddress(tree: Tree): number {
  return (tree as unknown as Record<number, number>)[0];
}
