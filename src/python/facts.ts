/**
 * Per-file facts: everything the rules need to know about one Python file,
 * extracted from a single parse. Facts are plain data (JSON-serialisable), so
 * they can be computed in worker threads and carry only what the link phase and
 * the fixes need: names resolved through the file's imports, and UTF-16 offsets
 * into the decoded text for every place a fix may edit.
 */
import { liteTree, type LiteNode as Node } from './lite-tree.js';
import type { Tree } from './parser.js';

export interface Span {
  start: number;
  end: number;
}

/** A dotted name read in the code, such as `np.random.randint` or `self.rng`. */
export interface NameRef {
  /** The dotted text with whitespace removed: `np.random.randint`. */
  chain: string;
  start: number;
  /** End offset of each part: `ends[0]` ends `np`, `ends[1]` ends `np.random`. */
  ends: number[];
  /**
   * What the name means through the file's imports and module-level names:
   * `numpy.random.randint`, `pkg.transforms.RandomCrop`. Null when the head is
   * a local variable, a parameter (`self`) or unknown.
   */
  qname: string | null;
}

/** What an expression may evaluate to, as far as a syntactic look can tell. */
export interface ValueFact extends Span {
  /** The expression is a call: its callee. */
  call: NameRef | null;
  /** The expression is a plain dotted name. */
  ref: NameRef | null;
  /** Callees of every call inside the expression, the outermost first. */
  calls: NameRef[];
  /** Dotted names read inside the expression, callees excluded. */
  reads: NameRef[];
  /** `x.attr` where `x` is a call: `get_worker_info().seed`. */
  attributesOfCalls: { callee: NameRef; attribute: string }[];
  /** Only literals and operators: `42`, `1234 + 5`. */
  constant: boolean;
}

export interface ArgumentFact {
  keyword: string | null;
  /** `*args` or `**kwargs`. */
  splat: '*' | '**' | null;
  value: ValueFact;
}

export interface CallFact extends Span {
  callee: NameRef | null;
  /** The parenthesised argument list. */
  argumentList: Span;
  arguments: ArgumentFact[];
}

export interface AssignmentFact {
  /** `x` or `self.x`. */
  target: NameRef;
  value: ValueFact;
}

export interface FunctionFact extends Span {
  /** `MyDataset.__getitem__`, `make_dataset`, or `<module>` for top-level code. */
  id: string;
  name: string;
  className: string | null;
  /** Line 1-based of the `def`. */
  line: number;
  parameters: string[];
  /** Source text of parameter defaults: `{ workers: '1' }`. */
  defaults: Record<string, string>;
  /** The function takes `**kwargs`. */
  takesAnyKeyword: boolean;
  calls: CallFact[];
  reads: NameRef[];
  assignments: AssignmentFact[];
  returns: ValueFact[];
  /** Where a statement can be added as the body's first (after a docstring), or null for one-line bodies. */
  bodyInsertion: { offset: number; indent: string } | null;
  isLambda: boolean;
  /** Indices in `functions` of the lambdas written inside this function. */
  lambdas: number[];
}

export interface ClassFact extends Span {
  name: string;
  line: number;
  bases: NameRef[];
  /** Method name to index in `functions`. */
  methods: Record<string, number>;
  /** Assignments in the class body: class attributes. */
  attributes: AssignmentFact[];
}

export interface ImportFact {
  local: string;
  /** Fully qualified name the local name stands for. */
  qname: string;
  /** Whether the statement sits at module level. */
  topLevel: boolean;
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

const MAX_VALUE_ITEMS = 16;
/** How deep extraction follows nested code. */
const MAX_NESTING = 400;

/** The module name of a file path relative to a root: `pkg/data/__init__.py` -> `pkg.data`. */
export function moduleNameOf(relativePath: string): string {
  const parts = relativePath.replace(/\\/g, '/').replace(/\.(py|ipynb)$/, '').split('/');
  if (parts[parts.length - 1] === '__init__') parts.pop();
  return parts.filter((part) => part && part !== '.').join('.');
}

function resolveRelative(module: string, isPackage: boolean, level: number, target: string): string {
  const parts = module ? module.split('.') : [];
  const packageParts = isPackage ? parts : parts.slice(0, -1);
  const base = packageParts.slice(0, Math.max(0, packageParts.length - (level - 1)));
  return [...base, ...(target ? [target] : [])].join('.');
}

class Extractor {
  readonly facts: FileFacts;
  private readonly importTable = new Map<string, string>();
  private depth = 0;
  private readonly moduleNameSet = new Set<string>();

  constructor(
    private readonly root: Node,
    private readonly text: string,
    module: string,
    private readonly isPackage: boolean,
  ) {
    this.facts = {
      module,
      imports: [],
      classes: [],
      functions: [],
      moduleNames: [],
      importInsertion: { offset: 0, afterImport: false },
      importStatements: [],
    };
  }

  run(): FileFacts {
    const root = this.root;
    this.collectModuleBindings(root);
    this.facts.moduleNames = [...this.moduleNameSet];
    const moduleFunction = this.newFunction('<module>', '<module>', null, root, [], false);
    this.walkBlock(root, moduleFunction, new Set(), null);
    this.facts.importInsertion = this.findImportInsertion(root);
    return this.facts;
  }

  // ---- module-level bindings and imports -------------------------------------------------

  private collectModuleBindings(root: Node): void {
    for (const statement of root.namedChildren) {
      if (!statement) continue;
      this.collectBindingsOf(statement, true);
    }
  }

  private collectBindingsOf(statement: Node, topLevel: boolean): void {
    switch (statement.type) {
      case 'import_statement':
      case 'import_from_statement':
      case 'future_import_statement':
        this.recordImport(statement, topLevel);
        return;
      case 'decorated_definition': {
        const definition = statement.childForFieldName('definition');
        if (definition) this.collectBindingsOf(definition, topLevel);
        return;
      }
      case 'function_definition':
      case 'class_definition': {
        const name = statement.childForFieldName('name')?.text;
        if (name && topLevel) this.moduleNameSet.add(name);
        return;
      }
      case 'expression_statement':
        for (const child of statement.namedChildren) {
          if (child?.type === 'assignment' || child?.type === 'augmented_assignment') {
            for (const name of assignedNames(child)) if (topLevel) this.moduleNameSet.add(name);
          }
        }
        return;
      case 'if_statement':
      case 'try_statement':
      case 'with_statement':
      case 'for_statement':
      case 'while_statement':
        // Imports and definitions guarded by `if`/`try` still bind module names.
        for (const block of blocksOf(statement)) {
          for (const inner of block.namedChildren) if (inner) this.collectBindingsOf(inner, topLevel);
        }
        return;
      default:
        return;
    }
  }

  private recordImport(statement: Node, topLevel: boolean): void {
    if (topLevel && statement.parent?.type === 'module') this.recordImportStatement(statement);
    const add = (local: string, qname: string) => {
      this.importTable.set(local, qname);
      this.facts.imports.push({ local, qname, topLevel });
      if (topLevel) this.moduleNameSet.add(local);
    };
    if (statement.type === 'import_statement') {
      for (const name of statement.childrenForFieldName('name')) {
        if (!name) continue;
        if (name.type === 'aliased_import') {
          const dotted = name.childForFieldName('name')?.text.replace(/\s+/g, '') ?? '';
          const alias = name.childForFieldName('alias')?.text ?? '';
          add(alias, dotted);
        } else {
          const dotted = name.text.replace(/\s+/g, '');
          const head = dotted.split('.')[0];
          add(head, head);
        }
      }
      return;
    }
    if (statement.type === 'future_import_statement') return;
    const moduleNode = statement.childForFieldName('module_name');
    let fromModule = '';
    if (moduleNode?.type === 'relative_import') {
      const prefix = moduleNode.namedChildren.find((child) => child?.type === 'import_prefix')?.text ?? '.';
      const rest = moduleNode.namedChildren.find((child) => child?.type === 'dotted_name')?.text ?? '';
      fromModule = resolveRelative(this.facts.module, this.isPackage, prefix.length, rest.replace(/\s+/g, ''));
    } else if (moduleNode) {
      fromModule = moduleNode.text.replace(/\s+/g, '');
    }
    if (statement.namedChildren.some((child) => child?.type === 'wildcard_import')) return;
    for (const name of statement.childrenForFieldName('name')) {
      if (!name) continue;
      if (name.type === 'aliased_import') {
        const imported = name.childForFieldName('name')?.text ?? '';
        const alias = name.childForFieldName('alias')?.text ?? imported;
        add(alias, joinName(fromModule, imported));
      } else {
        add(name.text, joinName(fromModule, name.text));
      }
    }
  }

  private recordImportStatement(statement: Node): void {
    const names = statement.childrenForFieldName('name').filter((name): name is Node => name !== null);
    const plain = statement.type === 'import_statement';
    const moduleNode = plain ? (names[0]?.type === 'aliased_import' ? names[0].childForFieldName('name') : names[0]) : statement.childForFieldName('module_name');
    if (!moduleNode || names.length === 0 || moduleNode.type === 'relative_import') return;
    this.facts.importStatements.push({
      start: statement.startIndex,
      end: statement.endIndex,
      module: moduleNode.text.replace(/\s+/g, ''),
      plain,
      lineStart: statement.startIndex - statement.startPosition.column,
      lastNameEnd: names[names.length - 1].endIndex,
    });
  }

  private findImportInsertion(root: Node): { offset: number; afterImport: boolean } {
    let offset = 0;
    let afterImport = false;
    let pastComments = false;
    for (const statement of root.namedChildren) {
      if (!statement) continue;
      if (statement.type === 'comment') {
        // Leading comments (shebang, licence header) stay above anything a fix adds.
        if (!pastComments) offset = statement.endIndex;
        continue;
      }
      const isDocstring = statement.type === 'expression_statement' && statement.namedChildren[0]?.type === 'string';
      if (isDocstring && !pastComments) {
        offset = statement.endIndex;
      } else if (isImportStatement(statement) || isGuardedImportBlock(statement)) {
        offset = statement.endIndex;
        afterImport = true;
      } else {
        break;
      }
      pastComments = true;
    }
    return { offset, afterImport };
  }

  // ---- functions, classes and their contents -----------------------------------------------

  private newFunction(id: string, name: string, className: string | null, node: Node, parameters: string[], isLambda: boolean): FunctionFact {
    const fact: FunctionFact = {
      id,
      name,
      className,
      start: node.startIndex,
      end: node.endIndex,
      line: node.startPosition.row + 1,
      parameters,
      defaults: {},
      takesAnyKeyword: false,
      calls: [],
      reads: [],
      assignments: [],
      returns: [],
      bodyInsertion: null,
      isLambda,
      lambdas: [],
    };
    this.facts.functions.push(fact);
    return fact;
  }

  private walkBlock(block: Node, owner: FunctionFact, locals: Set<string>, classFact: ClassFact | null): void {
    for (const child of block.namedChildren) if (child) this.walk(child, owner, locals, classFact);
  }

  /** Visits a node that belongs to `owner`'s body; `classFact` is set inside a class body. */
  private walk(node: Node, owner: FunctionFact, locals: Set<string>, classFact: ClassFact | null): void {
    // Code nested deeper than this (a sum of 25,000 terms is a tree that deep) is not looked into, so the stack holds.
    if (this.depth >= MAX_NESTING) return;
    this.depth++;
    try {
      this.walkNode(node, owner, locals, classFact);
    } finally {
      this.depth--;
    }
  }

  private walkNode(node: Node, owner: FunctionFact, locals: Set<string>, classFact: ClassFact | null): void {
    switch (node.type) {
      case 'decorated_definition': {
        for (const decorator of node.namedChildren) {
          if (decorator?.type === 'decorator') this.walkExpressionChildren(decorator, owner, locals);
        }
        const definition = node.childForFieldName('definition');
        if (definition) this.walk(definition, owner, locals, classFact);
        return;
      }
      case 'class_definition':
        this.walkClass(node, owner, locals);
        return;
      case 'function_definition':
        this.walkFunction(node, owner, locals, classFact);
        return;
      case 'lambda':
        this.walkLambda(node, owner, locals);
        return;
      case 'call':
        this.recordCall(node, owner, locals);
        this.walkExpressionChildren(node, owner, locals);
        return;
      case 'assignment':
        this.recordAssignment(node, owner, locals, classFact);
        return;
      case 'return_statement': {
        const value = node.namedChildren[0];
        if (value) owner.returns.push(this.valueOf(value, locals));
        this.walkExpressionChildren(node, owner, locals);
        return;
      }
      case 'identifier':
      case 'attribute': {
        const ref = this.refOf(node, locals);
        if (ref) {
          owner.reads.push(ref);
          return;
        }
        this.walkExpressionChildren(node, owner, locals);
        return;
      }
      default:
        this.walkExpressionChildren(node, owner, locals);
    }
  }

  private walkExpressionChildren(node: Node, owner: FunctionFact, locals: Set<string>): void {
    for (const child of node.namedChildren) if (child) this.walk(child, owner, locals, null);
  }

  private walkClass(node: Node, owner: FunctionFact, locals: Set<string>): void {
    const name = node.childForFieldName('name')?.text ?? '';
    const superclasses = node.childForFieldName('superclasses');
    const bases: NameRef[] = [];
    for (const base of superclasses?.namedChildren ?? []) {
      if (!base || base.type === 'keyword_argument') continue;
      const ref = this.refOf(base, locals);
      if (ref) bases.push(ref);
      else if (base) this.walk(base, owner, locals, null);
    }
    const body = node.childForFieldName('body');
    // Classes nested in functions are analysed as part of that function.
    if (owner.id !== '<module>' || !body) {
      if (body) this.walkBlock(body, owner, locals, null);
      return;
    }
    const classFact: ClassFact = {
      name,
      line: node.startPosition.row + 1,
      start: node.startIndex,
      end: node.endIndex,
      bases,
      methods: {},
      attributes: [],
    };
    this.facts.classes.push(classFact);
    this.walkBlock(body, owner, locals, classFact);
  }

  private walkFunction(node: Node, owner: FunctionFact, outerLocals: Set<string>, classFact: ClassFact | null): void {
    const name = node.childForFieldName('name')?.text ?? '';
    const parametersNode = node.childForFieldName('parameters');
    const body = node.childForFieldName('body');
    const parameters = parameterNames(parametersNode);
    for (const parameter of parametersNode?.namedChildren ?? []) {
      // Default values are evaluated where the function is defined.
      const value = parameter?.childForFieldName('value');
      if (value) this.walk(value, owner, outerLocals, null);
    }
    const ownLocals = new Set(parameters);
    if (body) for (const local of localNamesOf(body)) ownLocals.add(local);
    if (owner.id !== '<module>') {
      // A function nested in another is analysed as part of the enclosing one.
      const locals = new Set([...outerLocals, ...ownLocals]);
      if (body) this.walkBlock(body, owner, locals, null);
      return;
    }
    const id = classFact ? `${classFact.name}.${name}` : name;
    const fact = this.newFunction(id, name, classFact?.name ?? null, node, parameters, false);
    fact.takesAnyKeyword = (parametersNode?.namedChildren ?? []).some((parameter) => parameter?.type === 'dictionary_splat_pattern');
    for (const parameter of parametersNode?.namedChildren ?? []) {
      const parameterName = parameter.childForFieldName('name')?.text;
      const value = parameter.childForFieldName('value');
      if (parameterName && value) fact.defaults[parameterName] = value.text;
    }
    if (classFact) classFact.methods[name] = this.facts.functions.length - 1;
    if (body) {
      fact.bodyInsertion = bodyInsertionOf(node, body, this.text);
      this.walkBlock(body, fact, ownLocals, null);
    }
  }

  private walkLambda(node: Node, owner: FunctionFact, outerLocals: Set<string>): void {
    const parameters = parameterNames(node.childForFieldName('parameters'));
    const locals = new Set([...outerLocals, ...parameters]);
    const fact = this.newFunction(`<lambda:${node.startIndex}>`, '<lambda>', null, node, parameters, true);
    // The enclosing code reaches what the lambda calls (for example `map(lambda ...)`).
    owner.lambdas.push(this.facts.functions.length - 1);
    const body = node.childForFieldName('body');
    if (body) {
      fact.returns.push(this.valueOf(body, locals));
      this.walk(body, fact, locals, null);
    }
  }

  private recordCall(node: Node, owner: FunctionFact, locals: Set<string>): void {
    owner.calls.push(this.callOf(node, locals));
  }

  private callOf(node: Node, locals: Set<string>): CallFact {
    const functionNode = node.childForFieldName('function');
    const argumentsNode = node.childForFieldName('arguments');
    const args: ArgumentFact[] = [];
    if (argumentsNode?.type === 'argument_list') {
      for (const argument of argumentsNode.namedChildren) {
        if (!argument || argument.type === 'comment') continue;
        if (argument.type === 'keyword_argument') {
          const value = argument.childForFieldName('value');
          if (value) args.push({ keyword: argument.childForFieldName('name')?.text ?? null, splat: null, value: this.valueOf(value, locals) });
        } else if (argument.type === 'list_splat' || argument.type === 'dictionary_splat') {
          const inner = argument.namedChildren[0] ?? argument;
          args.push({ keyword: null, splat: argument.type === 'list_splat' ? '*' : '**', value: this.valueOf(inner, locals) });
        } else {
          args.push({ keyword: null, splat: null, value: this.valueOf(argument, locals) });
        }
      }
    } else if (argumentsNode) {
      // A generator expression as the sole argument: `sum(x for x in y)`.
      args.push({ keyword: null, splat: null, value: this.valueOf(argumentsNode, locals) });
    }
    return {
      start: node.startIndex,
      end: node.endIndex,
      callee: functionNode ? (this.refOf(functionNode, locals) ?? superCallee(functionNode)) : null,
      argumentList: { start: argumentsNode?.startIndex ?? node.endIndex, end: argumentsNode?.endIndex ?? node.endIndex },
      arguments: args,
    };
  }

  private recordAssignment(node: Node, owner: FunctionFact, locals: Set<string>, classFact: ClassFact | null): void {
    // `a = b = value` nests assignments on the right.
    const targets: Node[] = [];
    let current: Node | null = node;
    while (current?.type === 'assignment') {
      const left = current.childForFieldName('left');
      if (left) targets.push(left);
      const right: Node | null = current.childForFieldName('right');
      if (right?.type !== 'assignment') {
        if (right) {
          const value = this.valueOf(right, locals);
          for (const target of targets) {
            const ref = target.type === 'identifier' || target.type === 'attribute' ? this.refOf(target, locals) : null;
            if (!ref) continue;
            const assignment = { target: ref, value };
            if (classFact) classFact.attributes.push(assignment);
            else owner.assignments.push(assignment);
          }
          this.walk(right, owner, locals, null);
        }
        break;
      }
      current = right;
    }
    // Subscripts and attribute targets read their objects: `self.cache[i] = x` reads `self.cache`.
    for (const target of targets) {
      if (target.type === 'attribute') {
        const object = target.childForFieldName('object');
        if (object && object.type !== 'identifier') this.walk(object, owner, locals, null);
      } else if (target.type !== 'identifier') {
        this.walkExpressionChildren(target, owner, locals);
      }
    }
  }

  // ---- expressions ------------------------------------------------------------------------------

  /** The dotted name a node spells, or null when it is not a plain name chain. */
  private refOf(node: Node, locals: Set<string>): NameRef | null {
    const parts: string[] = [];
    const ends: number[] = [];
    let current: Node | null = node;
    const stack: Node[] = [];
    while (current?.type === 'attribute') {
      stack.push(current);
      current = current.childForFieldName('object');
    }
    if (current?.type !== 'identifier') return null;
    parts.push(current.text);
    ends.push(current.endIndex);
    for (let index = stack.length - 1; index >= 0; index--) {
      const attribute = stack[index].childForFieldName('attribute');
      if (!attribute) return null;
      parts.push(attribute.text);
      ends.push(stack[index].endIndex);
    }
    const head = parts[0];
    let qname: string | null = null;
    if (!locals.has(head)) {
      const imported = this.importTable.get(head);
      if (imported !== undefined) qname = [imported, ...parts.slice(1)].join('.');
      else if (this.moduleNameSet.has(head)) qname = joinName(this.facts.module, parts.join('.'));
    }
    return { chain: parts.join('.'), start: current.startIndex, ends, qname };
  }

  private valueOf(node: Node, locals: Set<string>): ValueFact {
    const value: ValueFact = {
      start: node.startIndex,
      end: node.endIndex,
      call: null,
      ref: null,
      calls: [],
      reads: [],
      attributesOfCalls: [],
      constant: true,
    };
    let inner = node;
    while (inner.type === 'parenthesized_expression' && inner.namedChildren[0]) inner = inner.namedChildren[0];
    if (inner.type === 'call') {
      const callee = inner.childForFieldName('function');
      value.call = callee ? this.refOf(callee, locals) : null;
    } else {
      value.ref = this.refOf(inner, locals);
    }
    const visit = (current: Node, depth = 0) => {
      if (value.calls.length >= MAX_VALUE_ITEMS || value.reads.length >= MAX_VALUE_ITEMS || depth >= MAX_NESTING) return;
      switch (current.type) {
        case 'call': {
          value.constant = false;
          const callee = current.childForFieldName('function');
          const ref = callee ? this.refOf(callee, locals) : null;
          if (ref) value.calls.push(ref);
          else if (callee) visit(callee, depth + 1);
          const args = current.childForFieldName('arguments');
          if (args) visit(args, depth + 1);
          return;
        }
        case 'attribute': {
          value.constant = false;
          const ref = this.refOf(current, locals);
          if (ref) {
            value.reads.push(ref);
            return;
          }
          const object = current.childForFieldName('object');
          const attribute = current.childForFieldName('attribute')?.text;
          if (object?.type === 'call' && attribute) {
            const callee = object.childForFieldName('function');
            const calleeRef = callee ? this.refOf(callee, locals) : null;
            if (calleeRef) value.attributesOfCalls.push({ callee: calleeRef, attribute });
          }
          if (object) visit(object, depth + 1);
          return;
        }
        case 'identifier': {
          value.constant = false;
          const ref = this.refOf(current, locals);
          if (ref) value.reads.push(ref);
          return;
        }
        case 'true':
        case 'false':
        case 'none':
        case 'integer':
        case 'float':
        case 'string':
        case 'comment':
          return;
        case 'lambda':
        case 'list_comprehension':
        case 'generator_expression':
        case 'dictionary_comprehension':
        case 'set_comprehension':
          value.constant = false;
          break;
        default:
          break;
      }
      for (const child of current.namedChildren) if (child) visit(child, depth + 1);
    };
    visit(node);
    return value;
  }
}

/** `super().method` as the dotted name `super().method`, so the link phase can find the method. */
function superCallee(node: Node): NameRef | null {
  if (node.type !== 'attribute') return null;
  const object = node.childForFieldName('object');
  const attribute = node.childForFieldName('attribute');
  if (object?.type !== 'call' || object.childForFieldName('function')?.text !== 'super' || !attribute) return null;
  return { chain: `super().${attribute.text}`, start: node.startIndex, ends: [object.endIndex, node.endIndex], qname: null };
}

function joinName(prefix: string, name: string): string {
  return prefix ? `${prefix}.${name}` : name;
}

function isImportStatement(node: Node): boolean {
  return node.type === 'import_statement' || node.type === 'import_from_statement' || node.type === 'future_import_statement';
}

/** `try: import x / except ImportError: ...` and `if TYPE_CHECKING: import x` belong to the import block. */
function isGuardedImportBlock(node: Node): boolean {
  if (node.type !== 'try_statement' && node.type !== 'if_statement') return false;
  const blocks = blocksOf(node);
  return blocks.length > 0 && blocks.every((block) => block.namedChildren.every((child) => !child || isImportStatement(child) || child.type === 'pass_statement' || child.type === 'comment' || (child.type === 'expression_statement' && child.text.startsWith('raise'))));
}

function blocksOf(statement: Node): Node[] {
  const blocks: Node[] = [];
  const visit = (node: Node) => {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'block') blocks.push(child);
      else if (['else_clause', 'elif_clause', 'except_clause', 'finally_clause', 'except_group_clause'].includes(child.type)) visit(child);
    }
  };
  visit(statement);
  return blocks;
}

function parameterNames(parameters: Node | null): string[] {
  const names: string[] = [];
  for (const parameter of parameters?.namedChildren ?? []) {
    if (!parameter) continue;
    if (parameter.type === 'identifier') names.push(parameter.text);
    else {
      const name = parameter.childForFieldName('name') ?? parameter.namedChildren.find((child) => child?.type === 'identifier');
      if (name?.type === 'identifier') names.push(name.text);
    }
  }
  return names;
}

/** Identifiers bound by an assignment's targets. */
function assignedNames(assignment: Node): string[] {
  const names: string[] = [];
  const collect = (target: Node | null) => {
    if (!target) return;
    if (target.type === 'identifier') names.push(target.text);
    else if (['pattern_list', 'tuple_pattern', 'list_pattern', 'list_splat_pattern', 'parenthesized_expression', 'tuple', 'list'].includes(target.type)) {
      for (const child of target.namedChildren) collect(child);
    }
  };
  let current: Node | null = assignment;
  while (current && (current.type === 'assignment' || current.type === 'augmented_assignment')) {
    collect(current.childForFieldName('left'));
    const right: Node | null = current.childForFieldName('right');
    current = right?.type === 'assignment' ? right : null;
  }
  return names;
}

/** Names local to a function body: assigned, imported, defined, or loop targets, minus `global`/`nonlocal` ones. */
function localNamesOf(body: Node): Set<string> {
  const locals = new Set<string>();
  const globals = new Set<string>();
  const visit = (node: Node, depth = 0) => {
    if (depth >= MAX_NESTING) return;
    switch (node.type) {
      case 'function_definition':
      case 'class_definition': {
        const name = node.childForFieldName('name')?.text;
        if (name) locals.add(name);
        return;
      }
      case 'lambda':
        return;
      case 'global_statement':
      case 'nonlocal_statement':
        for (const child of node.namedChildren) if (child?.type === 'identifier') globals.add(child.text);
        return;
      case 'assignment':
      case 'augmented_assignment':
        for (const name of assignedNames(node)) locals.add(name);
        break;
      case 'named_expression': {
        const name = node.childForFieldName('name')?.text;
        if (name) locals.add(name);
        break;
      }
      case 'for_statement':
      case 'for_in_clause': {
        collectTargets(node.childForFieldName('left'), locals);
        break;
      }
      case 'as_pattern': {
        const alias = node.childForFieldName('alias');
        collectTargets(alias, locals);
        break;
      }
      case 'import_statement':
      case 'import_from_statement':
        for (const name of node.childrenForFieldName('name')) {
          if (!name) continue;
          const alias = name.type === 'aliased_import' ? name.childForFieldName('alias')?.text : name.text.split('.')[0];
          if (alias) locals.add(alias);
        }
        return;
      default:
        break;
    }
    for (const child of node.namedChildren) if (child) visit(child, depth + 1);
  };
  visit(body);
  for (const name of globals) locals.delete(name);
  return locals;
}

function collectTargets(target: Node | null, into: Set<string>): void {
  if (!target) return;
  if (target.type === 'identifier') into.add(target.text);
  for (const child of target.namedChildren) if (child && child.type !== 'attribute' && child.type !== 'subscript') collectTargets(child, into);
}

function bodyInsertionOf(definition: Node, body: Node, source: string): { offset: number; indent: string } | null {
  const statements = body.namedChildren.filter((node): node is Node => node !== null && node.type !== 'comment');
  if (statements.length === 0) return null;
  let first = statements[0];
  // A one-line body (`def f(self): return x`) has no line of its own to insert before.
  if (first.startPosition.row === definition.startPosition.row) return null;
  if (first.type === 'expression_statement' && first.namedChildren[0]?.type === 'string') {
    if (statements.length < 2) return null;
    first = statements[1];
  }
  const lineStart = first.startIndex - first.startPosition.column;
  const indent = source.slice(lineStart, first.startIndex);
  if (!/^[ \t]*$/.test(indent)) return null;
  return { offset: lineStart, indent };
}

export function extractFacts(tree: Tree, text: string, relativePath: string): FileFacts {
  const module = moduleNameOf(relativePath);
  const isPackage = /(^|[\\/])__init__\.py$/.test(relativePath);
  return new Extractor(liteTree(tree, text), text, module, isPackage).run();
}
