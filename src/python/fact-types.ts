/**
 * The shapes of per-file facts. Facts are plain data (JSON-serialisable), so
 * they can be computed in worker threads; offsets are UTF-16 offsets into the
 * decoded text, for every place a fix may edit.
 */

export interface Span {
  start: number;
  end: number;
}

/** A dotted name read in the code, such as `np.random.randint` or `self.rng`. */
export interface NameRef {
  /** The dotted text with whitespace removed: `np.random.randint`. */
  chain: string;
  start: number;
  /**
   * End offset of each part (`[end of np, end of np.random, ...]`) where the
   * source does not spell the name as its chain; null where it does. Read
   * them with `partEnds` / `partEnd` (name-ref.ts).
   */
  spelledEnds: number[] | null;
  /**
   * What the name means through the file's imports and module-level names:
   * `numpy.random.randint`, `pkg.transforms.RandomCrop`. Null when the head is
   * a local variable, a parameter (`self`) or unknown.
   */
  qname: string | null;
}

export interface ArgumentExpr {
  keyword: string | null;
  splat: '*' | '**' | null;
  value: Expr;
}

/**
 * An expression as the value-flow analysis reads it: enough structure to say
 * what value it may evaluate to (which call, which container, which branch),
 * and nothing about how it is computed beyond that.
 */
export type Expr =
  /** A dotted name: `x`, `self.rng`, `np.random.default_rng`. */
  | { k: 'ref'; ref: NameRef }
  /** An attribute of something that is not a plain name: `make().rng`. */
  | { k: 'attr'; object: Expr; name: string; start: number; end: number }
  | { k: 'call'; callee: Expr; args: ArgumentExpr[]; start: number; end: number }
  | { k: 'sub'; object: Expr; key: Expr }
  | { k: 'seq'; items: Expr[] }
  | { k: 'star'; value: Expr }
  /** A dict display; a null key is a `**splat`. */
  | { k: 'dict'; entries: { key: Expr | null; value: Expr }[] }
  /** Either of several values: both arms of `a if c else b`, `a or b`, `a and b`. */
  | { k: 'either'; options: Expr[] }
  /** A lambda: the function fact that starts at `start`. */
  | { k: 'lambda'; start: number }
  /** A comprehension: a container (or generator) of `element`s. */
  | { k: 'comp'; element: Expr }
  | { k: 'lit'; type: 'int' | 'float' | 'str' | 'bool' | 'none'; value: string }
  /** Arithmetic, comparisons, f-strings...: a new value made from its operands. */
  | { k: 'op'; operands: Expr[] }
  /** A class defined inside a function: `classes[index]` of the file. */
  | { k: 'classdef'; index: number }
  /** An element of what `of` evaluates to: tuple unpacking (`index`), iteration, `with ... as`. */
  | { k: 'item'; of: Expr; index: number | null }
  | { k: 'other' };

/** What an expression may evaluate to, as far as a syntactic look can tell. */
export interface ValueFact extends Span {
  /** The expression is a call: its callee. */
  call: NameRef | null;
  /** The expression is a plain dotted name. */
  ref: NameRef | null;
  /** Only literals and operators: `42`, `1234 + 5`. */
  constant: boolean;
  /** The expression's structure, for the value-flow analysis. */
  expr: Expr;
}

export interface ArgumentFact {
  keyword: string | null;
  /** `*args` or `**kwargs`. */
  splat: '*' | '**' | null;
  value: ValueFact;
}

export interface CallFact extends Span {
  callee: NameRef | null;
  /** The callee as an expression, also when it is not a plain name: `OPS[name](...)`, `getattr(self, n)(...)`. */
  calleeExpr: Expr;
  /** The parenthesised argument list. */
  argumentList: Span;
  arguments: ArgumentFact[];
}

export interface AssignmentFact {
  /** `x` or `self.x`. */
  target: NameRef;
  value: ValueFact;
}

/** `container[key] = value` or `container.append(value)`: a value stored into a container. */
export interface ElementStoreFact {
  container: NameRef;
  /** The key, for a subscript store; null for `append` / `add` / `extend`. */
  key: Expr | null;
  value: ValueFact;
}

export interface FunctionFact extends Span {
  /** `MyDataset.__getitem__`, `make_dataset`, or `<module>` for top-level code. */
  id: string;
  name: string;
  className: string | null;
  /** Index in `classes` of the class whose body defines this method. */
  classIndex: number | null;
  /** Line 1-based of the `def`. */
  line: number;
  parameters: string[];
  /** Source text of parameter defaults: `{ workers: '1' }`. */
  defaults: Record<string, string>;
  /** Parameter defaults as expressions, by parameter name. */
  defaultExprs: Record<string, Expr>;
  /** The name of the `*args` parameter, if any. */
  starParameter: string | null;
  /** The name of the `**kwargs` parameter, if any. */
  keywordsParameter: string | null;
  /** The function takes `**kwargs`. */
  takesAnyKeyword: boolean;
  /** `@staticmethod`, `@classmethod`: what the first parameter is bound to. */
  decorators: string[];
  /** The body yields: calling it makes a generator whose body runs where it is consumed. */
  isGenerator: boolean;
  calls: CallFact[];
  reads: NameRef[];
  assignments: AssignmentFact[];
  elementStores: ElementStoreFact[];
  returns: ValueFact[];
  /** The `for` and `while` statements of its body, as `[start, end, start, end, ...]`. */
  loops: number[];
  /** Where a statement can be added as the body's first (after a docstring), or null for one-line bodies. */
  bodyInsertion: { offset: number; indent: string } | null;
  isLambda: boolean;
  /** Indices in `functions` of the lambdas written inside this function. */
  lambdas: number[];
  /** Index in `functions` of the function this one is written in (methods of a class defined in a function), or null. */
  enclosing: number | null;
}

export interface ClassFact extends Span {
  name: string;
  line: number;
  bases: NameRef[];
  /** Bases that are not plain names: `SAMPLERS[task]`, `make_base()`. */
  dynamicBases: Expr[];
  /** The class's decorators, as expressions: `TRANSFORMS.register_module()`, `register`. */
  decorators: Expr[];
  /** Method name to index in `functions`. */
  methods: Record<string, number>;
  /** Assignments in the class body: class attributes. */
  attributes: AssignmentFact[];
  /** Index in `functions` of the function the class is defined in, or null for a module-level class. */
  scope: number | null;
}

export interface ImportFact {
  local: string;
  /** Fully qualified name the local name stands for. */
  qname: string;
  /** Whether the statement sits at module level. */
  topLevel: boolean;
}

export interface ImportStatementFact extends Span {
  /** `import torch.utils.data as data` -> `torch.utils.data`; `from numpy.random import x` -> `numpy.random`. */
  module: string;
  /** `import x` rather than `from x import y`. */
  plain: boolean;
  /** Offset of the start of the statement's line. */
  lineStart: number;
  /** End of the last imported name, where `, name` can be added to a `from` import. */
  lastNameEnd: number;
}

export interface FileFacts {
  module: string;
  imports: ImportFact[];
  classes: ClassFact[];
  /** Module-level code first (`<module>`), then every function, method and lambda. */
  functions: FunctionFact[];
  /** Names bound at module level: defs, classes, assignments, imports. */
  moduleNames: string[];
  /** Offset just after the last top-level import of the leading block (or after the docstring), and whether any import is there. */
  importInsertion: { offset: number; afterImport: boolean };
  /** Top-level import statements, so that added imports can sit beside their relatives. */
  importStatements: ImportStatementFact[];
  /** Modules imported with `from m import *` at module level, in order; names no code binds may come from them. */
  starImports: string[];
}
