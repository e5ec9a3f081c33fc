/**
 * Per-file facts: everything the rules need to know about one Python file,
 * extracted from a single parse. Facts are plain data (JSON-serialisable), so
 * they can be computed in worker threads and carry only what the link phase and
 * the fixes need: names resolved through the file's imports, expressions in the
 * small form the value-flow analysis reads, and UTF-16 offsets into the decoded
 * text for every place a fix may edit.
 */
import { liteTree, type LiteNode as Node } from './lite-tree.js';
import type { Tree } from './parser.js';
import type { ArgumentFact, CallFact, ClassFact, Expr, FileFacts, FunctionFact, NameRef, ValueFact } from './fact-types.js';
import { assignedNames, blocksOf, bodyInsertionOf, isGuardedImportBlock, isImportStatement, joinName, localNamesOf, MAX_NESTING, moduleNameOf, parametersOf, resolveRelative, yields } from './syntax.js';

export type * from './fact-types.js';
export { moduleNameOf } from './syntax.js';

const MAX_VALUE_ITEMS = 16;
/** How many nodes an expression keeps in facts: enough for any value a rule follows. */
const MAX_EXPR_NODES = 96;
class Extractor {
  readonly facts: FileFacts;
  private readonly importTable = new Map<string, string>();
  private depth = 0;
  private readonly moduleNameSet = new Set<string>();
  /** Expressions already built, by node: shared wherever the node is asked for again. */
  private readonly exprs = new Map<Node, Expr>();

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
    const moduleFunction = this.newFunction('<module>', '<module>', null, root, [], false, null);
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
      case 'decorated_definition': {
        const decorators: string[] = [];
        for (const decorator of node.namedChildren) {
          if (decorator?.type !== 'decorator') continue;
          this.walkExpressionChildren(decorator, owner, locals);
          decorators.push(decorator.text.replace(/^@\s*/, '').replace(/\(.*$/s, '').replace(/\s+/g, ''));
        }
        const definition = node.childForFieldName('definition');
        if (definition?.type === 'function_definition') this.walkFunction(definition, owner, locals, classFact, decorators);
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
      case 'for_statement':
      case 'for_in_clause':
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
      methods: {},
      attributes: [],
      scope: owner.id === '<module>' ? null : ownerIndex,
    };
    this.facts.classes.push(classFact);
    if (classFact.scope !== null) {
      // A class made inside a function is a local value of that function.
      const ref: NameRef = { chain: name, start: node.startIndex, ends: [node.startIndex + name.length], qname: null };
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
    if (owner.id !== '<module>' && !classFact) {
      // A function nested in another is analysed as part of the enclosing one.
      const locals = new Set([...outerLocals, ...ownLocals]);
      if (body) this.walkBlock(body, owner, locals, null);
      return;
    }
    const id = classFact ? `${classFact.name}.${name}` : name;
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
      if (/^\w+$/.test(name)) owner.assignments.push({ target: { ...object, chain: `${object.chain}.${name}`, ends: [...object.ends, positional[1].value.end] }, value: positional[2].value });
    }
    // `items.append(x)`, `items.add(x)`, `items.insert(i, x)`, `items.extend(xs)` store into a container.
    const method = /^(.*)\.(append|add|insert|extend)$/.exec(chain);
    if (method && call.callee && positional.length > 0) {
      const container: NameRef = { ...call.callee, chain: method[1], ends: call.callee.ends.slice(0, -1), qname: call.callee.qname ? call.callee.qname.slice(0, call.callee.qname.lastIndexOf('.')) : null };
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
    return { start: node.startIndex, end: node.endIndex, call: null, ref: null, calls: [], reads: [], attributesOfCalls: [], constant: false, expr };
  }

  // ---- expressions ------------------------------------------------------------------------------

  /**
   * The structure of an expression, as the value-flow analysis reads it. Large
   * expressions are cut off (`other`) so that facts stay small.
   */
  private exprOf(node: Node, locals: Set<string>): Expr {
    let budget = MAX_EXPR_NODES;
    const build = (current: Node, depth: number): Expr => {
      // The same node is asked for as a value, an argument and a callee: its structure is built once and shared.
      const known = this.exprs.get(current);
      if (known) return known;
      const built = buildNode(current, depth);
      if (built.k !== 'other') this.exprs.set(current, built);
      return built;
    };
    const buildNode = (current: Node, depth: number): Expr => {
      if (--budget <= 0 || depth >= MAX_NESTING) return { k: 'other' };
      const ref = current.type === 'identifier' || current.type === 'attribute' ? this.refOf(current, locals) : null;
      if (ref) return { k: 'ref', ref };
      const field = (name: string) => current.childForFieldName(name);
      const children = () => current.namedChildren.filter((child) => child.type !== 'comment');
      switch (current.type) {
        case 'parenthesized_expression':
        case 'await': {
          const inner = children()[0];
          return inner ? build(inner, depth + 1) : { k: 'other' };
        }
        case 'named_expression': {
          const value = field('value');
          return value ? build(value, depth + 1) : { k: 'other' };
        }
        case 'attribute': {
          const object = field('object');
          const attribute = field('attribute');
          if (!object || !attribute) return { k: 'other' };
          return { k: 'attr', object: build(object, depth + 1), name: attribute.text, start: current.startIndex, end: current.endIndex };
        }
        case 'call': {
          const callee = field('function');
          const argumentsNode = field('arguments');
          const args = [];
          if (argumentsNode?.type === 'argument_list') {
            for (const argument of argumentsNode.namedChildren) {
              if (argument.type === 'comment') continue;
              if (argument.type === 'keyword_argument') {
                const value = argument.childForFieldName('value');
                args.push({ keyword: argument.childForFieldName('name')?.text ?? null, splat: null, value: value ? build(value, depth + 1) : { k: 'other' as const } });
              } else if (argument.type === 'list_splat' || argument.type === 'dictionary_splat') {
                const inner = argument.namedChildren[0];
                args.push({ keyword: null, splat: argument.type === 'list_splat' ? ('*' as const) : ('**' as const), value: inner ? build(inner, depth + 1) : { k: 'other' as const } });
              } else {
                args.push({ keyword: null, splat: null, value: build(argument, depth + 1) });
              }
            }
          } else if (argumentsNode) {
            args.push({ keyword: null, splat: null, value: build(argumentsNode, depth + 1) });
          }
          const calleeExpr: Expr = callee ? (superCallee(callee) ? { k: 'ref', ref: superCallee(callee)! } : build(callee, depth + 1)) : { k: 'other' };
          return { k: 'call', callee: calleeExpr, args, start: current.startIndex, end: current.endIndex };
        }
        case 'subscript': {
          const object = field('value');
          const key = field('subscript');
          return { k: 'sub', object: object ? build(object, depth + 1) : { k: 'other' }, key: key ? build(key, depth + 1) : { k: 'other' } };
        }
        case 'list':
        case 'tuple':
        case 'set':
        case 'expression_list':
          return { k: 'seq', items: children().map((child) => build(child, depth + 1)) };
        case 'list_splat':
        case 'dictionary_splat': {
          const inner = children()[0];
          return { k: 'star', value: inner ? build(inner, depth + 1) : { k: 'other' } };
        }
        case 'dictionary':
          return {
            k: 'dict',
            entries: children().map((child) => {
              if (child.type === 'pair') {
                const key = child.childForFieldName('key');
                const value = child.childForFieldName('value');
                return { key: key ? build(key, depth + 1) : { k: 'other' as const }, value: value ? build(value, depth + 1) : { k: 'other' as const } };
              }
              const inner = child.namedChildren[0];
              return { key: null, value: inner ? build(inner, depth + 1) : { k: 'other' as const } };
            }),
          };
        case 'conditional_expression': {
          const parts = children();
          return { k: 'either', options: [parts[0], parts[2]].filter((part): part is Node => part !== undefined).map((part) => build(part, depth + 1)) };
        }
        case 'boolean_operator': {
          const left = field('left');
          const right = field('right');
          return { k: 'either', options: [left, right].filter((part): part is Node => part !== null).map((part) => build(part, depth + 1)) };
        }
        case 'lambda':
          return { k: 'lambda', start: current.startIndex };
        case 'list_comprehension':
        case 'set_comprehension':
        case 'generator_expression':
        case 'dictionary_comprehension': {
          const body = field('body');
          const element = body?.type === 'pair' ? body.childForFieldName('value') : body;
          return { k: 'comp', element: element ? build(element, depth + 1) : { k: 'other' } };
        }
        case 'integer':
          return { k: 'lit', type: 'int', value: current.text };
        case 'float':
          return { k: 'lit', type: 'float', value: current.text };
        case 'true':
        case 'false':
          return { k: 'lit', type: 'bool', value: current.text };
        case 'none':
          return { k: 'lit', type: 'none', value: 'None' };
        case 'string': {
          const content = current.namedChildren.filter((child) => child.type === 'string_content');
          const interpolated = current.namedChildren.some((child) => child.type === 'interpolation');
          if (interpolated) return { k: 'op', operands: [] };
          return { k: 'lit', type: 'str', value: content.map((child) => child.text).join('') };
        }
        case 'binary_operator':
        case 'unary_operator':
        case 'comparison_operator':
        case 'not_operator':
        case 'concatenated_string':
          return { k: 'op', operands: children().map((child) => build(child, depth + 1)) };
        default:
          return { k: 'other' };
      }
    };
    return build(node, 0);
  }

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
      expr: this.exprOf(node, locals),
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

export function extractFacts(tree: Tree, text: string, relativePath: string): FileFacts {
  const module = moduleNameOf(relativePath);
  const isPackage = /(^|[\\/])__init__\.py$/.test(relativePath);
  return new Extractor(liteTree(tree, text), text, module, isPackage).run();
}
