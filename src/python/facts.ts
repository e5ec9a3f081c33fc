/**
 * Per-file facts: everything the rules need to know about one Python file,
 * extracted from a single parse. Facts are plain data (JSON-serialisable), so
 * they can be computed in worker threads and carry only what the link phase and
 * the fixes need: names resolved through the file's imports, expressions in the
 * small form the value-flow analysis reads, and UTF-16 offsets into the decoded
 * text for every place a fix may edit.
 */
import type { LiteNode as Node, LiteNode } from './lite-tree.js';
import type { ArgumentFact, CallFact, ClassFact, Expr, FileFacts, FunctionFact, NameRef, ValueFact } from './fact-types.js';
import { buildExpr, superCallee } from './expressions.js';
import { findImportInsertion, ModuleBindings } from './module-bindings.js';
import { nameRef, partEnds } from './name-ref.js';
import { PYTHON_BUILTIN_NAMES } from '../models/python-builtins.js';
import { StringTable } from './string-table.js';
import { bodyInsertionOf, joinName, localNamesOf, MAX_NESTING, moduleNameOf, parametersOf, yields } from './syntax.js';

export type * from './fact-types.js';
export { moduleNameOf } from './syntax.js';

class Extractor {
  readonly facts: FileFacts;
  private depth = 0;
  private readonly bindings: ModuleBindings;
  /** Expressions already built, by node: shared wherever the node is asked for again. */
  private readonly exprs = new Map<Node, Expr>();
  /**
   * Dotted names already read, by node: one object however many facts hold it
   * (a call's callee, a value's reads, the function's reads, an expression).
   * The names a node's head binds to depend on the scope, so the scope is kept.
   */
  private readonly refs = new Map<Node, { locals: Set<string>; ref: NameRef | null }>();

  constructor(
    private readonly root: Node,
    private readonly text: string,
    module: string,
    isPackage: boolean,
    /** One string per distinct dotted name: a file reads the same names many times over, and files read each other's. */
    private readonly strings: StringTable,
  ) {
    this.facts = {
      module,
      imports: [],
      classes: [],
      functions: [],
      moduleNames: [],
      importInsertion: { offset: 0, afterImport: false },
      importStatements: [],
      starImports: [],
    };
    this.bindings = new ModuleBindings(this.facts, isPackage);
  }

  run(): FileFacts {
    const root = this.root;
    this.bindings.collect(root);
    this.facts.moduleNames = [...this.bindings.moduleNames];
    const moduleFunction = this.newFunction('<module>', '<module>', null, root, [], false, null);
    this.walkBlock(root, moduleFunction, new Set(), null);
    this.facts.importInsertion = findImportInsertion(root);
    // Arrays grown by `push` keep room for at least 17 elements; a file has thousands of short ones.
    for (const fn of this.facts.functions) {
      fn.calls = fn.calls.slice();
      fn.reads = fn.reads.slice();
      fn.assignments = fn.assignments.slice();
      fn.elementStores = fn.elementStores.slice();
      fn.returns = fn.returns.slice();
      fn.loops = fn.loops.slice();
      fn.lambdas = fn.lambdas.slice();
      fn.decorators = fn.decorators.slice();
    }
    return this.facts;
  }

  // ---- functions, classes and their contents -----------------------------------------------

  private newFunction(id: string, name: string, classIndex: number | null, node: Node, parameters: string[], isLambda: boolean, enclosing: number | null): FunctionFact {
    const fact: FunctionFact = {
      id,
      name,
      className: classIndex === null ? null : this.facts.classes[classIndex].name,
      classIndex,
      start: node.startIndex,
      end: node.endIndex,
      line: node.startPosition.row + 1,
      parameters,
      defaults: {},
      defaultExprs: {},
      starParameter: null,
      keywordsParameter: null,
      takesAnyKeyword: false,
      decorators: [],
      isGenerator: false,
      calls: [],
      reads: [],
      assignments: [],
      elementStores: [],
      returns: [],
      loops: [],
      bodyInsertion: null,
      isLambda,
      lambdas: [],
      enclosing,
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
      case 'import_statement':
      case 'import_from_statement':
        // An import inside a function (`from datasets.synapse import SynapseDataset` in `train()`): its names mean what
        // it imports, unless the module binds them otherwise.
        if (owner.id !== '<module>') {
          for (const [local, qname] of this.bindings.bindingsOfImport(node)) {
            if (this.bindings.imports.has(local) || this.bindings.moduleNames.has(local)) continue;
            this.bindings.imports.set(local, qname);
            this.facts.imports.push({ local, qname, topLevel: false });
          }
        }
        return;
      case 'decorated_definition': {
        const decorators: string[] = [];
        const decoratorExprs: Expr[] = [];
        for (const decorator of node.namedChildren) {
          if (decorator?.type !== 'decorator') continue;
          this.walkExpressionChildren(decorator, owner, locals);
          decorators.push(decorator.text.replace(/^@\s*/, '').replace(/\(.*$/s, '').replace(/\s+/g, ''));
          const expression = decorator.namedChildren.find((child) => child !== null && child.type !== 'comment');
          if (expression) decoratorExprs.push(this.exprOf(expression, locals));
        }
        const definition = node.childForFieldName('definition');
        if (definition?.type === 'function_definition') this.walkFunction(definition, owner, locals, classFact, decorators);
        else if (definition?.type === 'class_definition') this.walkClass(definition, owner, locals, decoratorExprs);
        else if (definition) this.walk(definition, owner, locals, classFact);
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
      case 'augmented_assignment':
        this.recordAugmentedAssignment(node, owner, locals, classFact);
        return;
      case 'expression_statement':
        // In a class body, `name = value` is a class attribute.
        for (const child of node.namedChildren) this.walk(child, owner, locals, classFact);
        return;
      case 'while_statement':
        owner.loops.push(node.startIndex, node.endIndex);
        this.walkExpressionChildren(node, owner, locals);
        return;
      case 'for_statement':
      case 'for_in_clause':
        if (node.type === 'for_statement') owner.loops.push(node.startIndex, node.endIndex);
        this.recordIteration(node, owner, locals);
        this.walkExpressionChildren(node, owner, locals);
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

  private walkClass(node: Node, owner: FunctionFact, locals: Set<string>, decorators: Expr[] = []): void {
    const name = node.childForFieldName('name')?.text ?? '';
    const superclasses = node.childForFieldName('superclasses');
    const bases: NameRef[] = [];
    for (const base of superclasses?.namedChildren ?? []) {
      if (!base || base.type === 'keyword_argument') continue;
      const ref = this.refOf(base, locals);
      if (ref) bases.push(ref);
      else if (base) this.walk(base, owner, locals, null);
      // A generic base (`Dataset[T]`, `Generic[T]`) is its class; a registry lookup (`SAMPLERS[task]`) read this way
      // names a container, not a class, and counts for nothing, while the lookup itself stays a dynamic base.
      const generic = base.type === 'subscript' ? base.childForFieldName('value') : null;
      const genericRef = generic ? this.refOf(generic, locals) : null;
      if (genericRef) bases.push(genericRef);
    }
    const dynamicBases: Expr[] = [];
    for (const base of superclasses?.namedChildren ?? []) {
      if (base && base.type !== 'keyword_argument' && !this.refOf(base, locals)) dynamicBases.push(this.exprOf(base, locals));
    }
    const body = node.childForFieldName('body');
    if (!body) return;
    const ownerIndex = this.facts.functions.indexOf(owner);
    const classFact: ClassFact = {
      name,
      line: node.startPosition.row + 1,
      start: node.startIndex,
      end: node.endIndex,
      bases,
      dynamicBases,
      decorators,
      methods: {},
      attributes: [],
      scope: owner.id === '<module>' ? null : ownerIndex,
    };
    this.facts.classes.push(classFact);
    if (classFact.scope !== null) {
      // A class made inside a function is a local value of that function.
      const ref = nameRef(name, node.startIndex, [node.startIndex + name.length], null);
      owner.assignments.push({ target: ref, value: this.syntheticValue(node, { k: 'classdef', index: this.facts.classes.length - 1 }) });
    }
    this.walkBlock(body, owner, locals, classFact);
  }

  private walkFunction(node: Node, owner: FunctionFact, outerLocals: Set<string>, classFact: ClassFact | null, decorators: string[] = []): void {
    const name = node.childForFieldName('name')?.text ?? '';
    const parametersNode = node.childForFieldName('parameters');
    const body = node.childForFieldName('body');
    const signature = parametersOf(parametersNode);
    const parameters = signature.names;
    for (const parameter of parametersNode?.namedChildren ?? []) {
      // Default values are evaluated where the function is defined.
      const value = parameter?.childForFieldName('value');
      if (value) this.walk(value, owner, outerLocals, null);
    }
    const ownLocals = new Set(parameters);
    if (body) for (const local of localNamesOf(body)) ownLocals.add(local);
    const nested = owner.id !== '<module>' && !classFact;
    if (nested) {
      // A function defined in another is a local value of it (`def worker_init_fn(worker_id): ...` inside `train`),
      // with its own facts; the names it does not bind are the enclosing function's. Its code counts as the
      // enclosing one's too, as a lambda's does.
      for (const local of outerLocals) ownLocals.add(local);
      const ref = nameRef(name, node.startIndex, [node.startIndex + name.length], null);
      owner.assignments.push({ target: ref, value: this.syntheticValue(node, { k: 'lambda', start: node.startIndex }) });
      owner.lambdas.push(this.facts.functions.length);
    }
    const id = classFact ? `${classFact.name}.${name}` : nested ? `${owner.id}.${name}` : name;
    const classIndex = classFact ? this.facts.classes.indexOf(classFact) : null;
    const enclosing = owner.id === '<module>' ? null : this.facts.functions.indexOf(owner);
    const fact = this.newFunction(id, name, classIndex, node, parameters, false, enclosing);
    fact.takesAnyKeyword = signature.keywords !== null;
    fact.starParameter = signature.star;
    fact.keywordsParameter = signature.keywords;
    fact.decorators = decorators;
    fact.isGenerator = body !== null && yields(body);
    for (const parameter of parametersNode?.namedChildren ?? []) {
      const parameterName = parameter.childForFieldName('name')?.text;
      const value = parameter.childForFieldName('value');
      if (parameterName && value) {
        fact.defaults[parameterName] = value.text;
        fact.defaultExprs[parameterName] = this.exprOf(value, outerLocals);
      }
    }
    if (classFact) classFact.methods[name] = this.facts.functions.length - 1;
    if (body) {
      fact.bodyInsertion = bodyInsertionOf(node, body, this.text);
      this.walkBlock(body, fact, ownLocals, null);
    }
  }

  private walkLambda(node: Node, owner: FunctionFact, outerLocals: Set<string>): void {
    const parameters = parametersOf(node.childForFieldName('parameters')).names;
    const locals = new Set([...outerLocals, ...parameters]);
    const fact = this.newFunction(`<lambda:${node.startIndex}>`, '<lambda>', null, node, parameters, true, this.facts.functions.indexOf(owner));
    // The enclosing code reaches what the lambda calls (for example `map(lambda ...)`).
    owner.lambdas.push(this.facts.functions.length - 1);
    const body = node.childForFieldName('body');
    if (body) {
      fact.returns.push(this.valueOf(body, locals));
      this.walk(body, fact, locals, null);
    }
  }

  private recordCall(node: Node, owner: FunctionFact, locals: Set<string>): void {
    const call = this.callOf(node, locals);
    owner.calls.push(call);
    const chain = call.callee?.chain ?? '';
    const positional = call.arguments.filter((argument) => argument.keyword === null && argument.splat === null);
    // `setattr(obj, "name", value)` with a literal name stores an attribute like `obj.name = value`.
    if (chain === 'setattr' && positional.length === 3 && positional[0].value.ref && positional[1].value.expr.k === 'lit' && positional[1].value.expr.type === 'str') {
      const object = positional[0].value.ref;
      const name = positional[1].value.expr.value;
      if (/^\w+$/.test(name)) owner.assignments.push({ target: nameRef(`${object.chain}.${name}`, object.start, [...partEnds(object), positional[1].value.end], object.qname), value: positional[2].value });
    }
    // `items.append(x)`, `items.add(x)`, `items.insert(i, x)`, `items.extend(xs)` store into a container.
    const method = /^(.*)\.(append|add|insert|extend)$/.exec(chain);
    if (method && call.callee && positional.length > 0) {
      const container = nameRef(method[1], call.callee.start, partEnds(call.callee).slice(0, -1), call.callee.qname ? call.callee.qname.slice(0, call.callee.qname.lastIndexOf('.')) : null);
      const stored = positional[positional.length - 1].value;
      owner.elementStores.push({ container, key: null, value: method[2] === 'extend' ? { ...stored, expr: { k: 'item', of: stored.expr, index: null } } : stored });
    }
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
      calleeExpr: functionNode ? this.exprOf(functionNode, locals) : { k: 'other' },
      argumentList: { start: argumentsNode?.startIndex ?? node.endIndex, end: argumentsNode?.endIndex ?? node.endIndex },
      arguments: args.slice(),
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
          for (const target of targets) this.bindTarget(target, value, value.expr, owner, locals, classFact);
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

  /**
   * Binds an assignment target to the value it receives: a name or attribute
   * directly, each part of a tuple / list pattern to its element (`a, *b = v`),
   * and `container[key] = v` as a store into the container.
   */
  private bindTarget(target: Node, value: ValueFact, expr: Expr, owner: FunctionFact, locals: Set<string>, classFact: ClassFact | null): void {
    if (target.type === 'identifier' || target.type === 'attribute') {
      const ref = this.refOf(target, locals);
      if (!ref) return;
      const assignment = { target: ref, value: expr === value.expr ? value : { ...value, expr } };
      if (classFact) classFact.attributes.push(assignment);
      else owner.assignments.push(assignment);
      return;
    }
    if (target.type === 'subscript') {
      const container = target.childForFieldName('value');
      const key = target.childForFieldName('subscript');
      const ref = container ? this.refOf(container, locals) : null;
      if (ref) owner.elementStores.push({ container: ref, key: key ? this.exprOf(key, locals) : null, value: { ...value, expr } });
      return;
    }
    if (['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression'].includes(target.type)) {
      const parts = target.namedChildren.filter((child) => child.type !== 'comment');
      if (target.type === 'parenthesized_expression' && parts.length === 1) {
        this.bindTarget(parts[0], value, expr, owner, locals, classFact);
        return;
      }
      parts.forEach((part, position) => {
        const starred = part.type === 'list_splat_pattern';
        const inner = starred ? part.namedChildren[0] : part;
        // A starred target takes a list of the remaining elements: it holds what they hold.
        if (inner) this.bindTarget(inner, value, { k: 'item', of: expr, index: starred ? null : position }, owner, locals, classFact);
      });
    }
  }

  private recordAugmentedAssignment(node: Node, owner: FunctionFact, locals: Set<string>, classFact: ClassFact | null): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left || !right) return;
    const value = this.valueOf(right, locals);
    // `items += [x]` extends a container with what `[x]` holds.
    if (/^\+=/.test(node.text.slice(left.endIndex - node.startIndex).trim())) {
      const ref = left.type === 'identifier' || left.type === 'attribute' ? this.refOf(left, locals) : null;
      if (ref && (value.expr.k === 'seq' || value.expr.k === 'comp')) owner.elementStores.push({ container: ref, key: null, value: { ...value, expr: { k: 'item', of: value.expr, index: null } } });
    }
    if (left.type === 'attribute' || left.type === 'subscript') this.walk(left, owner, locals, classFact);
    this.walk(right, owner, locals, null);
  }

  /** `for a, b in items:` and comprehension clauses bind their targets to the elements of what they iterate. */
  private recordIteration(node: Node, owner: FunctionFact, locals: Set<string>): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left || !right) return;
    const value = this.valueOf(right, locals);
    this.bindTarget(left, value, { k: 'item', of: value.expr, index: null }, owner, locals, null);
  }

  private syntheticValue(node: Node, expr: Expr): ValueFact {
    return { start: node.startIndex, end: node.endIndex, call: null, ref: null, constant: false, expr };
  }

  // ---- expressions ------------------------------------------------------------------------------

  /** The structure of an expression (see `expressions.ts`), built once per node and shared. */
  private exprOf(node: Node, locals: Set<string>): Expr {
    return buildExpr(node, (current) => this.refOf(current, locals), this.exprs);
  }

  /** The dotted name a node spells, or null when it is not a plain name chain. */
  private refOf(node: Node, locals: Set<string>): NameRef | null {
    const known = this.refs.get(node);
    if (known && known.locals === locals) return known.ref;
    const ref = this.newRefOf(node, locals);
    this.refs.set(node, { locals, ref });
    return ref;
  }

  private intern(name: string): string {
    return this.strings.intern(name);
  }

  private newRefOf(node: Node, locals: Set<string>): NameRef | null {
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
      const imported = this.bindings.imports.get(head);
      if (imported !== undefined) qname = [imported, ...parts.slice(1)].join('.');
      else if (this.bindings.moduleNames.has(head)) qname = joinName(this.facts.module, parts.join('.'));
      // A name nothing binds in a file with `from m import *` may come from m: it is read as this module's, and the
      // project index looks it up in the star-imported modules.
      else if (this.facts.starImports.length > 0 && !PYTHON_BUILTIN_NAMES.has(head)) qname = joinName(this.facts.module, parts.join('.'));
    }
    return nameRef(this.intern(parts.join('.')), current.startIndex, ends, qname === null ? null : this.intern(qname));
  }

  private valueOf(node: Node, locals: Set<string>): ValueFact {
    const value: ValueFact = { start: node.startIndex, end: node.endIndex, call: null, ref: null, constant: isConstant(node), expr: this.exprOf(node, locals) };
    let inner = node;
    while (inner.type === 'parenthesized_expression' && inner.namedChildren[0]) inner = inner.namedChildren[0];
    if (inner.type === 'call') {
      const callee = inner.childForFieldName('function');
      value.call = callee ? this.refOf(callee, locals) : null;
    } else {
      value.ref = this.refOf(inner, locals);
    }
    return value;
  }
}

/** Node types that make a value depend on more than literals and operators. */
const NOT_CONSTANT = new Set(['call', 'attribute', 'identifier', 'lambda', 'list_comprehension', 'generator_expression', 'dictionary_comprehension', 'set_comprehension']);

/** Only literals and operators (`42`, `1234 + 5`, `"a" * 3`); a string counts as a literal, f-strings too. */
function isConstant(node: Node, depth = 0): boolean {
  // Past this depth the rest is not looked into (and taken as constant), as elsewhere in extraction.
  if (depth >= MAX_NESTING) return true;
  if (NOT_CONSTANT.has(node.type)) return false;
  if (node.type === 'string') return true;
  for (const child of node.namedChildren) if (!isConstant(child, depth + 1)) return false;
  return true;
}

/** The facts of a file from its copied tree (`liteTree`). */
/** `strings`: the table names are interned in, shared by the files loaded together; by default, the file's own. */
export function extractFacts(root: LiteNode, text: string, relativePath: string, strings = new StringTable()): FileFacts {
  const module = moduleNameOf(relativePath);
  const isPackage = /(^|[\\/])__init__\.py$/.test(relativePath);
  return new Extractor(root, text, module, isPackage, strings).run();
}

