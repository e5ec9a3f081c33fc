/**
 * A plain-JavaScript copy of the named nodes of a tree-sitter tree, made in
 * one cursor walk. Asking web-tree-sitter for children and fields crosses into
 * WebAssembly and allocates a wrapper per node, per question; fact
 * extraction asks many questions per node, so it works on this copy instead.
 * It offers the part of the tree-sitter Node interface that extraction uses.
 */
import type { Tree } from './parser.js';

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

/**
 * Copies the named nodes of `tree` (whose source is `text`), and notes the
 * first Python 2 statement on the way, so that no second walk looks for it.
 */
export function liteTree(tree: Tree, text: string): { root: LiteNode; python2: LiteNode | null } {
  const source = { text, lineStarts: null as number[] | null };
  const cursor = tree.walk();
  let python2: LiteNode | null = null;
  try {
    const root = new LiteNode(cursor.nodeType, cursor.startIndex, cursor.endIndex, null, source);
    const stack: LiteNode[] = [root];
    if (!cursor.gotoFirstChild()) return { root, python2 };
    for (;;) {
      const parent = stack[stack.length - 1];
      let current = parent;
      if (cursor.nodeIsNamed) {
        current = new LiteNode(cursor.nodeType, cursor.startIndex, cursor.endIndex, cursor.currentFieldName, source);
        current.parent = parent;
        parent.namedChildren.push(current);
        if (python2 === null && PYTHON_2_ONLY.has(current.type)) python2 = current;
      }
      // Anonymous nodes (punctuation, keywords) have no named descendants worth keeping but are walked like the rest.
      if (cursor.gotoFirstChild()) {
        stack.push(current);
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return { root, python2 };
        stack.pop();
        if (stack.length === 0) return { root, python2 };
      }
    }
  } finally {
    cursor.delete();
  }
}
