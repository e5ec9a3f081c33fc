/**
 * A plain-JavaScript copy of the named nodes of a tree-sitter tree, made in
 * one cursor walk. Asking web-tree-sitter for children and fields crosses into
 * WebAssembly and allocates a wrapper per node, per question; fact
 * extraction asks many questions per node, so it works on this copy instead.
 * It offers the part of the tree-sitter Node interface that extraction uses.
 */
import { cursorCalls, treeAddress, type CursorCalls, type Tree } from './parser.js';

type TreeCursor = ReturnType<Tree['walk']>;

export class LiteNode {
  parent: LiteNode | null = null;
  readonly namedChildren: LiteNode[] = [];

  constructor(
    readonly type: string,
    readonly startIndex: number,
    readonly endIndex: number,
    /** The field this node fills in its parent (`name`, `body`, ...), if any. */
    readonly fieldName: string | null,
    private readonly source: { text: string; lineStarts: number[] | null },
  ) {}

  get text(): string {
    return this.source.text.slice(this.startIndex, this.endIndex);
  }

  get startPosition(): { row: number; column: number } {
    const starts = (this.source.lineStarts ??= computeLineStarts(this.source.text));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= this.startIndex) low = middle;
      else high = middle - 1;
    }
    return { row: low, column: this.startIndex - starts[low] };
  }

  childForFieldName(name: string): LiteNode | null {
    for (const child of this.namedChildren) if (child.fieldName === name) return child;
    return null;
  }

  childrenForFieldName(name: string): LiteNode[] {
    return this.namedChildren.filter((child) => child.fieldName === name);
  }
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/** Statements tree-sitter-python accepts that Python 3 does not. */
const PYTHON_2_ONLY = new Set(['print_statement', 'exec_statement']);

/** Per language: the name of each node type id and whether it is named, asked of WebAssembly once. */
const typeTables = new WeakMap<object, { names: string[]; named: boolean[] }>();

function typeTableOf(language: Tree['language']): { names: string[]; named: boolean[] } {
  let table = typeTables.get(language);
  if (!table) {
    const names: string[] = [];
    const named: boolean[] = [];
    for (let id = 0; id < language.nodeTypeCount; id++) {
      names.push(language.types[id] ?? 'ERROR');
      named.push(language.nodeTypeIsNamed(id));
    }
    table = { names, named };
    typeTables.set(language, table);
  }
  return table;
}

/** What the copy asks of a cursor on the current node. */
interface Walker {
  typeId(): number;
  fieldId(): number;
  startIndex(): number;
  endIndex(): number;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
}

/** The TreeCursor API: each question copies the cursor into WebAssembly memory and back. */
function cursorApiWalker(cursor: TreeCursor): Walker {
  return {
    typeId: () => cursor.nodeTypeId,
    fieldId: () => cursor.currentFieldId,
    startIndex: () => cursor.startIndex,
    endIndex: () => cursor.endIndex,
    gotoFirstChild: () => cursor.gotoFirstChild(),
    gotoNextSibling: () => cursor.gotoNextSibling(),
    gotoParent: () => cursor.gotoParent(),
  };
}

/** The same questions asked of WebAssembly directly, the cursor staying in the transfer buffer (see `cursorCalls`). */
function inPlaceWalker(calls: CursorCalls, cursor: TreeCursor, tree: number): Walker {
  calls.load(cursor);
  return {
    typeId: () => calls.typeId(tree),
    fieldId: () => calls.fieldId(tree),
    startIndex: () => calls.startIndex(tree),
    endIndex: () => calls.endIndex(tree),
    gotoFirstChild: () => calls.gotoFirstChild(tree) === 1,
    gotoNextSibling: () => calls.gotoNextSibling(tree) === 1,
    gotoParent: () => calls.gotoParent(tree) === 1,
  };
}

/**
 * Copies the named nodes of `tree` (whose source is `text`), and notes the
 * first Python 2 statement on the way, so that no second walk looks for it.
 * Every cursor question is a call into WebAssembly, so each node is asked
 * only what is kept of it: a node's type id says whether it is named (an
 * aliased node reports its alias's id), and anonymous nodes, which are
 * tokens, are neither descended into nor measured. `via` chooses how the
 * cursor is asked (tests compare the two); by default, directly when the
 * runtime allows it.
 */
export function liteTree(tree: Tree, text: string, via: 'direct calls' | 'cursor API' = 'direct calls'): { root: LiteNode; python2: LiteNode | null } {
  const source = { text, lineStarts: null as number[] | null };
  const { names, named } = typeTableOf(tree.language);
  const fields = tree.language.fields;
  const cursor = tree.walk();
  const calls = via === 'direct calls' ? cursorCalls() : null;
  const walker = calls ? inPlaceWalker(calls, cursor, treeAddress(tree)) : cursorApiWalker(cursor);
  let python2: LiteNode | null = null;
  try {
    const root = new LiteNode(names[walker.typeId()] ?? 'ERROR', walker.startIndex(), walker.endIndex(), null, source);
    const stack: LiteNode[] = [root];
    if (!walker.gotoFirstChild()) return { root, python2 };
    for (;;) {
      const typeId = walker.typeId();
      // The ERROR type (65535) is past the table; a tree with errors is never copied, but it counts as named.
      if (named[typeId] ?? true) {
        const parent = stack[stack.length - 1];
        const type = names[typeId] ?? 'ERROR';
        const fieldId = walker.fieldId();
        const current = new LiteNode(type, walker.startIndex(), walker.endIndex(), fieldId ? (fields[fieldId] ?? null) : null, source);
        current.parent = parent;
        parent.namedChildren.push(current);
        if (python2 === null && PYTHON_2_ONLY.has(type)) python2 = current;
        if (walker.gotoFirstChild()) {
          stack.push(current);
          continue;
        }
      }
      while (!walker.gotoNextSibling()) {
        if (!walker.gotoParent()) return { root, python2 };
        stack.pop();
        if (stack.length === 0) return { root, python2 };
      }
    }
  } finally {
    cursor.delete();
  }
}
