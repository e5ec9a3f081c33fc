/**
 * The one place that answers "where does this value come from?". Demand-driven
 * and context-insensitive (as CodeQL's type tracking and Jedi's inference are):
 * a value flows through assignments, unpacking, both arms of conditionals,
 * arguments to parameters, returns to call results, attribute stores to loads,
 * container stores to subscripts and iteration, and module globals across
 * imports. A call that receives a value returns a new value, not that one,
 * unless the callee is shown to return it. Answers are memoised per question;
 * a question asked again while it is being answered contributes nothing
 * (recursion is cut, as Jedi does).
 */
import type { ArgumentExpr, Expr, NameRef, Span, ValueFact } from '../python/facts.js';
import type { ClassEntry, FunctionEntry, ProjectIndex } from '../project/index.js';
import { bindArgument, CallerIndex, type Caller } from './callers.js';
import { classesNamedIn, libraryCallValues } from './library-calls.js';
import { libraryBaseArgument } from '../models/library-datasets.js';
import { SELF_RETURNING_LIBRARY_METHODS } from '../models/index.js';
import { argumentFor } from '../project/index.js';
import { BUILD_FROM_CFG, REGISTRY_BUILD_METHODS, REGISTRY_CLASS_METHODS, Registries, registryNameOf, registryReceiverOf } from './registries.js';
import { elementValues, NO_VALUES, UNKNOWN, ValueSet, type InstanceValue, type Value, type Values } from './values.js';
import { nameRef, partEnds } from '../python/name-ref.js';

/** What a parameter is bound to at one call site (or `unknown`: a caller the analysis cannot see). */
export type Binding = { kind: 'value'; value: Expr; ctx: Context } | { kind: 'unknown' };

/** Where an expression is evaluated: the function whose code it is, and the class `self` is an instance of there. */
export interface Context {
  fn: FunctionEntry;
  self: ClassEntry | null;
}

/** How deep questions may nest before the answer is taken as unknown (keeps the stack bounded). */
const MAX_QUESTION_DEPTH = 100;

/** Builtins the analysis knows what calling does (a name no code binds). */
const PYTHON_BUILTINS = new Set(['eval', 'getattr', 'globals', 'setattr', 'type', 'dict', 'list', 'tuple', 'set', 'sorted', 'reversed', 'iter', 'next', 'frozenset', 'super', 'isinstance', 'len', 'range', 'zip', 'map', 'enumerate', 'print', 'int', 'float', 'str', 'hash', 'min', 'max', 'sum', 'abs', 'round']);


/** `R` of `R.module_dict` / `R._module_dict`: the dict a registry keeps its classes in. */
function registryDict(object: Expr): Expr | null {
  if (object.k === 'ref' && /\.(_?module_dict|_?registry|_?obj_map)$/.test(object.ref.chain)) return registryReceiverOf(object);
  return null;
}

/** The value flow made for each project index, so that code holding only the index can ask it. */
const flows = new WeakMap<ProjectIndex, ValueFlow>();

export function flowOf(index: ProjectIndex): ValueFlow {
  return flows.get(index) ?? new ValueFlow(index);
}

/** The object a method is looked up on: `d` of `d.get`, `self.items` of `self.items.shuffle`. */
function receiverOf(ref: NameRef): Extract<Expr, { k: 'ref' }> {
  const qname = ref.qname === null ? null : ref.qname.slice(0, ref.qname.lastIndexOf('.'));
  return { k: 'ref', ref: nameRef(ref.chain.slice(0, ref.chain.lastIndexOf('.')), ref.start, partEnds(ref).slice(0, -1), qname) };
}

export class ValueFlow {
  private readonly memo = new Map<string, Values>();
  /** Parameter bindings by function and parameter name: every caller is read once. */
  private readonly bindingsMemo = new Map<FunctionEntry, Map<string, Binding[]>>();
  private readonly callerIndex: CallerIndex;
  /** How many questions are being answered, one inside the other. */
  private depth = 0;
  private readonly containerIds = new WeakMap<object, number>();
  private nextContainerId = 0;
  /** Per file: module-level names -> the assignments (anywhere in the file) that bind them. */
  private readonly globalsByFile = new Map<string, Map<string, { value: ValueFact; in: FunctionEntry }[]>>();

  /** Functions whose results belong to the worker that calls them: their return values are not followed. */
  isWorkerLocal: ((fn: FunctionEntry) => boolean) | null = null;
  /** Classes decorators register, for reads that build from a registry with a computed key. */
  readonly registries: Registries;

  constructor(readonly index: ProjectIndex) {
    index.dynamicBases = (cls) => this.dynamicBaseClasses(cls);
    this.callerIndex = new CallerIndex(index, (expr, ctx) => this.valuesOf(expr, ctx));
    this.registries = new Registries(this, (names) => index.loadRegistering(names));
    flows.set(index, this);
  }

  contextOf(fn: FunctionEntry): Context {
    return { fn, self: fn.owner };
  }

  // ---- memoisation -------------------------------------------------------------------------------

  private remember(key: string, compute: () => Values): Values {
    const known = this.memo.get(key);
    if (known) return known;
    // A chain of questions this long (values handed through hundreds of functions) is cut: its end is unknown.
    if (this.depth >= MAX_QUESTION_DEPTH) return UNKNOWN;
    this.memo.set(key, NO_VALUES);
    this.depth++;
    try {
      const result = compute();
      this.memo.set(key, result);
      return result;
    } finally {
      this.depth--;
    }
  }

  /** A key for memoised answers and container ids: the function and the class `self` is in it. */
  contextKey(ctx: Context): string {
    return `${ctx.fn.file.path}#${ctx.fn.index}|${ctx.self ? `${ctx.self.file.path}#${ctx.self.fact.start}` : ''}`;
  }

  // ---- expressions ----------------------------------------------------------------------------------

  valuesOf(expr: Expr, ctx: Context): Values {
    switch (expr.k) {
      case 'ref':
        return this.refValues(expr.ref.chain, expr.ref.qname, ctx);
      case 'attr':
        // `super().__init__` and `super(Cls, self).__init__`: the method of the next class in the MRO.
        if (expr.object.k === 'call' && expr.object.callee.k === 'ref' && expr.object.callee.ref.chain === 'super' && expr.object.callee.ref.qname === null) return this.superValues(expr.name, ctx);
        return this.attribute(this.valuesOf(expr.object, ctx), expr.name);
      case 'call':
        return this.callValues(expr.callee, expr.args, ctx, expr);
      case 'sub':
        return this.subscriptValues(expr.object, expr.key, ctx);
      case 'seq':
      case 'comp':
      case 'dict':
        return { values: [this.container(expr, ctx)], possible: false };
      case 'star':
        return elementValues(this.valuesOf(expr.value, ctx));
      case 'either': {
        const set = new ValueSet();
        for (const option of expr.options) set.addAll(this.valuesOf(option, ctx));
        return set.result();
      }
      case 'lambda': {
        const lambda = this.index.functionStartingAt(ctx.fn.file, expr.start);
        return lambda ? { values: [{ kind: 'function', fn: lambda, self: null, selfMadeIn: null, partial: null }], possible: false } : UNKNOWN;
      }
      case 'lit':
        return { values: [{ kind: 'literal', type: expr.type, value: expr.value }], possible: false };
      case 'classdef':
        return { values: [{ kind: 'class', cls: this.index.classAt(ctx.fn.file, expr.index) }], possible: false };
      case 'item': {
        const of = this.valuesOf(expr.of, ctx);
        return this.itemValues(of, expr.index);
      }
      case 'op': {
        // `[Compose([...])] * n`, `augs_a + augs_b`: a list made of the lists it is built from.
        const lists = expr.operands.filter((operand) => operand.k === 'seq' || operand.k === 'comp' || operand.k === 'ref' || operand.k === 'attr');
        const elements = new ValueSet();
        for (const operand of lists) for (const value of this.valuesOf(operand, ctx).values) if (value.kind === 'container') for (const element of value.elements) elements.add(element);
        if (elements.result().values.length === 0) return UNKNOWN;
        let id = this.containerIds.get(expr);
        if (id === undefined) this.containerIds.set(expr, (id = this.nextContainerId++));
        return { values: [{ kind: 'container', id: `op:${id}:${this.contextKey(ctx)}`, elements: elements.result().values, byKey: null, exact: false }], possible: false };
      }
      case 'other':
        return UNKNOWN;
    }
  }

  /** The values of an expression recorded in facts. */
  valuesOfFact(value: ValueFact, ctx: Context): Values {
    return this.valuesOf(value.expr, ctx);
  }

  private itemValues(of: Values, index: number | null): Values {
    const set = new ValueSet();
    set.possible = of.possible;
    for (const value of of.values) {
      if (value.kind === 'container') {
        const elements = index !== null && value.byKey?.has(String(index)) ? value.byKey.get(String(index))! : value.elements;
        for (const element of elements) set.add(element);
      } else set.add({ kind: 'unknown' });
    }
    return set.result();
  }

  /** The container a display or comprehension makes: its elements, and its values by key for a dict. */
  container(expr: Extract<Expr, { k: 'seq' | 'comp' | 'dict' }>, ctx: Context): Value {
    let id = this.containerIds.get(expr);
    if (id === undefined) {
      id = this.nextContainerId++;
      this.containerIds.set(expr, id);
    }
    const elements = new ValueSet();
    let byKey: Map<string, Value[]> | null = null;
    if (expr.k === 'seq') {
      byKey = new Map();
      expr.items.forEach((item, position) => {
        const values = this.valuesOf(item, ctx);
        elements.addAll(values);
        if (item.k !== 'star') byKey!.set(String(position), values.values);
      });
    } else if (expr.k === 'comp') {
      elements.addAll(this.valuesOf(expr.element, ctx));
    } else {
      byKey = new Map();
      for (const entry of expr.entries) {
        const values = entry.key === null ? elementValues(this.valuesOf(entry.value, ctx)) : this.valuesOf(entry.value, ctx);
        elements.addAll(values);
        if (entry.key?.k === 'lit') byKey.set(entry.key.value, values.values);
        else if (entry.key === null) {
          for (const splatted of this.valuesOf(entry.value, ctx).values) {
            if (splatted.kind === 'container' && splatted.byKey) for (const [key, value] of splatted.byKey) byKey.set(key, value);
          }
        }
      }
    }
    const exact = byKey !== null && (expr.k === 'seq' ? expr.items.every((item) => item.k !== 'star') : expr.k === 'dict' && expr.entries.every((entry) => entry.key?.k === 'lit'));
    return { kind: 'container', id: `${ctx.fn.file.path}:${id}:${this.contextKey(ctx)}`, elements: elements.values, byKey, exact };
  }

  // ---- names ---------------------------------------------------------------------------------------

  /** A dotted name read in `ctx`: a local (with attributes), or what its qualified name stands for. */
  refValues(chain: string, qname: string | null, ctx: Context): Values {
    const parts = chain.split('.');
    if (chain.startsWith('super().')) return this.superValues(parts[1], ctx);
    if (qname === null) {
      let values = this.localValues(parts[0], ctx);
      for (const part of parts.slice(1)) values = this.attribute(values, part);
      return values;
    }
    return this.qnameValues(qname);
  }

  private superValues(name: string, ctx: Context): Values {
    const self = ctx.self ?? ctx.fn.owner;
    if (!self || !ctx.fn.owner) return UNKNOWN;
    const method = this.index.lookupSuperMethod(self, ctx.fn.owner, name);
    return method ? { values: [{ kind: 'function', fn: method, self, selfMadeIn: null, partial: null }], possible: false } : UNKNOWN;
  }

  /** What a fully qualified name stands for: the longest prefix the project defines, then attributes of it. */
  qnameValues(qname: string): Values {
    return this.remember(`q|${qname}`, () => {
      const parts = qname.split('.');
      for (let length = parts.length; length >= 1; length--) {
        const symbol = this.index.resolve(parts.slice(0, length).join('.'));
        if (!symbol || symbol.kind === 'external') {
          if (length === parts.length && symbol?.kind === 'external' && symbol.qname !== qname) return { values: [{ kind: 'external', qname: symbol.qname }], possible: false };
          continue;
        }
        let values: Values;
        switch (symbol.kind) {
          case 'class':
            values = { values: [{ kind: 'class', cls: symbol.entry }], possible: false };
            break;
          case 'function':
            values = { values: [{ kind: 'function', fn: symbol.entry, self: null, selfMadeIn: null, partial: null }], possible: false };
            break;
          case 'module':
            values = { values: [{ kind: 'module', file: symbol.file }], possible: false };
            break;
          case 'variable':
            values = this.globalValues(symbol.file, symbol.name);
            break;
        }
        for (const part of parts.slice(length)) values = this.attribute(values, part);
        return values;
      }
      return { values: [{ kind: 'external', qname }], possible: false };
    });
  }

  /** A module-level variable: every assignment to it in its file, at module level or under `global`. */
  globalValues(file: FunctionEntry['file'], name: string): Values {
    return this.remember(`g|${file.path}|${name}`, () => {
      let globals = this.globalsByFile.get(file.path);
      if (!globals) {
        globals = new Map();
        for (const [position, fact] of file.facts.functions.entries()) {
          const entry = this.index.functionAt(file, position);
          for (const assignment of fact.assignments) {
            const global = fact.id === '<module>' ? assignment.target.chain : assignment.target.qname && assignment.target.qname === `${file.facts.module ? `${file.facts.module}.` : ''}${assignment.target.chain}` ? assignment.target.chain : null;
            if (!global || global.includes('.')) continue;
            const list = globals.get(global) ?? [];
            list.push({ value: assignment.value, in: entry });
            globals.set(global, list);
          }
        }
        this.globalsByFile.set(file.path, globals);
      }
      const set = new ValueSet();
      for (const binding of globals.get(name) ?? []) set.addAll(this.valuesOfFact(binding.value, { fn: binding.in, self: null }));
      return set.result();
    });
  }

  /** A name local to the function of `ctx`: `self`, an assigned name, a parameter, or a name of an enclosing function. */
  localValues(name: string, ctx: Context): Values {
    return this.remember(`l|${this.contextKey(ctx)}|${name}`, () => {
      const { fn } = ctx;
      const fact = fn.fact;
      const isMethod = fn.owner !== null && !fact.isLambda && !fact.decorators.includes('staticmethod');
      if (isMethod && fact.parameters[0] === name) {
        const cls = ctx.self ?? fn.owner!;
        if (fact.decorators.includes('classmethod')) return { values: [{ kind: 'class', cls }], possible: false };
        return { values: [{ kind: 'instance', cls, madeIn: null, file: null, span: null }], possible: false };
      }
      const set = new ValueSet();
      let bound = false;
      for (const assignment of fact.assignments) {
        if (assignment.target.chain !== name || assignment.target.qname !== null) continue;
        bound = true;
        set.addAll(this.valuesOfFact(assignment.value, ctx));
      }
      // `trans = []` then `trans.extend(...)` / `trans.append(...)`: the list holds what is stored into it, wherever it goes next.
      const stores = bound ? fact.elementStores.filter((store) => store.container.chain === name && store.container.qname === null) : [];
      if (stores.length > 0) {
        const stored = this.storedValues({ k: 'ref', ref: nameRef(name, fact.start, [fact.start + name.length], null) }, null, ctx);
        // Stores under literal keys (`config["random_state"] = rng`) are kept by key: reading another key does not give them.
        const keyed = stores.every((store) => store.key?.k === 'lit');
        const byKey = keyed ? new Map<string, Value[]>() : null;
        if (byKey) for (const store of stores) byKey.set((store.key as { value: string }).value, [...(byKey.get((store.key as { value: string }).value) ?? []), ...this.valuesOfFact(store.value, ctx).values]);
        if (stored.values.length > 0) set.add({ kind: 'container', id: `stores:${name}:${this.contextKey(ctx)}`, elements: stored.values, byKey, exact: keyed });
      }
      if (fact.parameters.includes(name)) {
        bound = true;
        set.addAll(this.parameterValues(fn, name, ctx.self));
      }
      if (!bound && fact.enclosing !== null) {
        const enclosing = this.index.functionAt(fn.file, fact.enclosing);
        set.addAll(this.localValues(name, { fn: enclosing, self: enclosing.owner }));
        bound = true;
      }
      if (!bound) set.add(PYTHON_BUILTINS.has(name) ? { kind: 'external', qname: name } : { kind: 'unknown' });
      return set.result();
    });
  }

  // ---- attributes ----------------------------------------------------------------------------------

  attribute(values: Values, name: string): Values {
    const set = new ValueSet();
    set.possible = values.possible;
    for (const value of values.values) set.addAll(this.attributeOf(value, name));
    return set.result();
  }

  private attributeOf(value: Value, name: string): Values {
    switch (value.kind) {
      case 'instance':
        return this.instanceAttribute(value, name);
      case 'class': {
        const method = this.index.lookupMethod(value.cls, name);
        if (method) {
          const bound = method.fact.decorators.includes('classmethod') ? value.cls : null;
          return { values: [{ kind: 'function', fn: method, self: bound, selfMadeIn: null, partial: null }], possible: false };
        }
        return this.storedAttribute(value.cls, name);
      }
      case 'module':
        return this.qnameValues(`${value.file.facts.module}.${name}`);
      case 'external':
        return { values: [{ kind: 'external', qname: `${value.qname}.${name}` }], possible: false };
      case 'made':
        return { values: [{ ...value, qname: `${value.qname}.${name}`, parts: [] }], possible: false };
      case 'rng':
        return { values: [{ kind: 'rng-method', of: value, name }], possible: false };
      default:
        return UNKNOWN;
    }
  }

  private instanceAttribute(instance: InstanceValue, name: string): Values {
    const method = this.index.lookupMethod(instance.cls, name);
    if (method) {
      if (method.fact.decorators.some((decorator) => decorator === 'property' || decorator.endsWith('cached_property'))) return this.returnValues(method, instance.cls);
      const self = method.fact.decorators.includes('staticmethod') ? null : instance.cls;
      return { values: [{ kind: 'function', fn: method, self, selfMadeIn: instance.madeIn, partial: null }], possible: false };
    }
    return this.storedAttribute(instance.cls, name);
  }

  /** Values stored in an attribute: `self.name = v` in the class and its bases, class-level `name = v`, literal `setattr`. */
  storedAttribute(cls: ClassEntry, name: string): Values {
    return this.remember(`a|${cls.file.path}#${cls.fact.start}|${name}`, () => {
      const set = new ValueSet();
      for (const { assignment, in: where } of this.index.attributeAssignments(cls, name)) {
        const self = where.owner ? cls : null;
        set.addAll(this.valuesOfFact(assignment.value, { fn: where, self }));
      }
      set.addAll(this.keptByLibraryBase(cls, name));
      return set.result();
    });
  }

  /**
   * What a library base class keeps under `name` (`self.transform` of a
   * torchvision dataset): the argument a project class hands to its
   * `__init__` (`super().__init__(root, transform=transform)`), or, for a
   * class without an `__init__` of its own, the argument at the calls that
   * make it.
   */
  private keptByLibraryBase(cls: ClassEntry, name: string): Values {
    const set = new ValueSet();
    for (const current of this.index.mro(cls)) {
      for (const base of current.fact.bases) {
        const symbol = this.index.resolve(base.qname);
        const kept = symbol?.kind === 'external' ? libraryBaseArgument(symbol.qname, name) : null;
        if (!kept) continue;
        const position = kept.position ?? Number.MAX_SAFE_INTEGER;
        const init = this.index.lookupMethod(current, '__init__');
        if (init && init.owner === current) {
          // `super().__init__(...)` / `Base.__init__(self, ...)` in the class's own `__init__`.
          for (const call of init.fact.calls) {
            const chain = call.callee?.chain ?? '';
            const unbound = chain === `${base.chain}.__init__`;
            if (chain !== 'super().__init__' && !unbound) continue;
            const argument = argumentFor(unbound ? { ...call, arguments: call.arguments.slice(1) } : call, kept.keyword, position);
            if (argument) set.addAll(this.valuesOfFact(argument, { fn: init, self: cls }));
          }
        } else if (!init) {
          for (const site of this.index.constructorCalls(current)) {
            const argument = argumentFor(site.call, kept.keyword, position);
            if (argument) set.addAll(this.valuesOfFact(argument, this.contextOf(site.in)));
          }
        }
      }
    }
    return set.result();
  }

  // ---- subscripts -----------------------------------------------------------------------------------

  private subscriptValues(object: Expr, key: Expr, ctx: Context): Values {
    const containers = this.valuesOf(object, ctx);
    const literal = key.k === 'lit' ? key.value : null;
    const set = new ValueSet();
    set.possible = containers.possible;
    for (const value of containers.values) {
      if (value.kind === 'container') {
        if (literal !== null && value.byKey?.has(literal)) for (const element of value.byKey.get(literal)!) set.add(element);
        else if (literal !== null && value.exact) continue;
        else {
          for (const element of value.elements) set.add(element);
          // A registry read with a computed key stands for every entry.
          if (literal === null && value.byKey && value.byKey.size > 1) set.possible = true;
        }
      } else if (value.kind === 'instance') {
        const getitem = this.index.lookupMethod(value.cls, '__getitem__');
        set.addAll(getitem ? this.returnValues(getitem, value.cls) : UNKNOWN);
      } else if (value.kind === 'module') {
        // `globals()[cfg["name"]]`, `sys.modules[__name__]` read by a computed name: any class the module can name.
        if (literal !== null) set.addAll(this.attribute({ values: [value], possible: false }, literal));
        else {
          for (const named of classesNamedIn(this, value.file)) set.add(named);
          set.possible = true;
        }
      } else if (value.kind === 'external' && value.qname === 'sys.modules' && key.k === 'ref' && key.ref.chain === '__name__' && key.ref.qname === null) {
        set.add({ kind: 'module', file: ctx.fn.file });
      } else if (value.kind === 'made') {
        // An item of a library value (a split of `load_dataset(...)`) is named by the path that made it.
        set.add({ ...value, qname: `${value.qname}[]`, parts: [] });
      } else set.add({ kind: 'unknown' });
    }
    // `REGISTRY[name]`, `R.module_dict[name]`: every class registered there.
    const dict = registryDict(object);
    const registry = this.registries.classesIn(containers, this.registryNames(object)) ?? (dict ? this.registries.classesIn(this.valuesOf(dict, ctx), registryNameOf(dict)) : null);
    if (registry) {
      for (const cls of registry) set.add({ kind: 'class', cls });
      set.possible ||= literal === null || registry.length > 1;
    }
    if (object.k === 'ref') {
      const stored = this.storedValues(object, literal, ctx);
      set.addAll(stored);
      if (literal === null && stored.values.length > 0) set.possible = true;
    }
    return set.result();
  }

  /** Whether code stores into the container a name refers to (`name[key] = v`, `name.append(v)`). */
  hasStoredElements(object: Extract<Expr, { k: 'ref' }>, ctx: Context): boolean {
    return this.storedElements(object, ctx).length > 0;
  }

  /** The values stored into the container a name refers to, by key, when every store's key is a literal; else null. */
  storedUnderKeys(object: Extract<Expr, { k: 'ref' }>, ctx: Context): Map<string, Value[]> | null {
    const byKey = new Map<string, Value[]>();
    for (const stored of this.storedElements(object, ctx)) {
      if (stored.key?.k !== 'lit') return null;
      byKey.set(stored.key.value, [...(byKey.get(stored.key.value) ?? []), ...this.valuesOfFact(stored.value, stored.ctx).values]);
    }
    return byKey;
  }

  /** The values stored into the container a name refers to (under `key`, when it is a literal). */
  private storedValues(object: Extract<Expr, { k: 'ref' }>, key: string | null, ctx: Context): Values {
    return this.remember(`s|${this.contextKey(ctx)}|${object.ref.qname ?? object.ref.chain}|${key ?? ''}`, () => {
      const set = new ValueSet();
      for (const stored of this.storedElements(object, ctx)) {
        if (key !== null && stored.key?.k === 'lit' && stored.key.value !== key) continue;
        set.addAll(this.valuesOfFact(stored.value, stored.ctx));
      }
      return set.result();
    });
  }

  /** `name[key] = v` and `name.append(v)` stores into the container a name refers to. */
  private storedElements(object: Extract<Expr, { k: 'ref' }>, ctx: Context): { key: Expr | null; value: ValueFact; ctx: Context }[] {
    const { chain, qname } = object.ref;
    const found: { key: Expr | null; value: ValueFact; ctx: Context }[] = [];
    const parts = chain.split('.');
    if (qname !== null) {
      for (const site of this.index.elementStoresOf(qname)) found.push({ key: site.store.key, value: site.store.value, ctx: { fn: site.in, self: site.in.owner } });
    } else if (parts.length === 2 && ctx.fn.owner && ctx.fn.fact.parameters[0] === parts[0]) {
      const cls = ctx.self ?? ctx.fn.owner;
      for (const current of this.index.mro(cls)) {
        for (const index of Object.values(current.fact.methods)) {
          const method = this.index.functionAt(current.file, index);
          for (const store of method.fact.elementStores) {
            if (store.container.chain === `${method.fact.parameters[0]}.${parts[1]}`) found.push({ key: store.key, value: store.value, ctx: { fn: method, self: cls } });
          }
        }
      }
    } else if (parts.length === 1) {
      for (const store of ctx.fn.fact.elementStores) if (store.container.chain === chain && store.container.qname === null) found.push({ key: store.key, value: store.value, ctx });
    }
    return found;
  }

  /** Values stored into a container with `[key] = v` / `append(v)` (used for iteration over it). */
  withStoredElements(object: Expr, values: Values, ctx: Context): Values {
    if (object.k !== 'ref') return values;
    const stored = this.storedValues(object, null, ctx);
    if (stored.values.length === 0) return values;
    const set = new ValueSet();
    set.addAll(values);
    set.add({ kind: 'container', id: `stores:${object.ref.chain}:${this.contextKey(ctx)}`, elements: stored.values, byKey: null, exact: false });
    return set.result();
  }

  // ---- calls ------------------------------------------------------------------------------------------

  /**
   * The names that may lead to the registry a container is (`REGISTRY[key]`):
   * its own, and those of the functions that store into it (the decorators
   * that fill it, `register_transform`).
   */
  private registryNames(object: Expr): string[] {
    if (object.k !== 'ref') return [];
    const names = registryNameOf(object);
    if (object.ref.qname) {
      for (const site of this.index.elementStoresOf(object.ref.qname)) {
        // The storing function, and the factories it is defined in (`register_transform` returns `register`).
        for (let fn: FunctionEntry | null = site.in; fn && fn.fact.id !== '<module>'; fn = fn.fact.enclosing !== null ? this.index.functionAt(fn.file, fn.fact.enclosing) : null) names.push(fn.fact.name);
      }
    }
    return names;
  }

  /**
   * A call that builds from a registry: `R.get(key)` (a registered class),
   * `R.build(cfg)` or `build_from_cfg(cfg, R)` (an instance of one); null for
   * any other call.
   */
  private registryCall(calleeExpr: Expr, args: ArgumentExpr[], ctx: Context, span: Span): Values | null {
    const method = calleeExpr.k === 'ref' ? calleeExpr.ref.chain.split('.').pop()! : calleeExpr.k === 'attr' ? calleeExpr.name : '';
    let classes: ClassEntry[] | null = null;
    let build = false;
    if (REGISTRY_CLASS_METHODS.has(method) || REGISTRY_BUILD_METHODS.has(method)) {
      const receiver = registryReceiverOf(calleeExpr);
      classes = receiver ? this.registries.classesIn(this.valuesOf(receiver, ctx), registryNameOf(receiver)) : null;
      build = REGISTRY_BUILD_METHODS.has(method);
    }
    if (!classes && calleeExpr.k === 'ref' && BUILD_FROM_CFG.test(calleeExpr.ref.chain)) {
      const registry = args.filter((arg) => arg.keyword === null && arg.splat === null)[1] ?? args.find((arg) => arg.keyword === 'registry');
      classes = registry ? this.registries.classesIn(this.valuesOf(registry.value, ctx), registryNameOf(registry.value)) : null;
      build = true;
    }
    if (!classes) return null;
    const file = ctx.fn.file;
    return {
      values: classes.map((cls) => (build ? { kind: 'instance', cls, madeIn: ctx.fn, file, span: { start: span.start, end: span.end } } : { kind: 'class', cls })),
      possible: classes.length > 1 || args.length === 0 || args[0].value.k !== 'lit',
    };
  }

  /** What a call evaluates to. `span` is the call's place, where the values it makes are said to be made. */
  callValues(calleeExpr: Expr, args: ArgumentExpr[], ctx: Context, span: Span): Values {
    const built = this.registryCall(calleeExpr, args, ctx, span);
    if (built) return built;
    const callee = this.valuesOf(calleeExpr, ctx);
    const set = new ValueSet();
    set.possible = callee.possible;
    // `d.get(k)`, `d.values()`, `d.items()`, `d.pop(k)` on a container.
    if (calleeExpr.k === 'ref' && /\.(get|pop|values|items|copy|setdefault)$/.test(calleeExpr.ref.chain) && this.isProjectName(calleeExpr.ref)) {
      const object = receiverOf(calleeExpr.ref);
      const objectChain = object.ref.chain;
      const holder = this.withStoredElements(object, this.valuesOf(object, ctx), ctx);
      if (holder.values.some((value) => value.kind === 'container')) {
        const method = calleeExpr.ref.chain.slice(objectChain.length + 1);
        const key = args[0]?.value.k === 'lit' ? args[0].value.value : null;
        const viewId = `view:${calleeExpr.ref.chain}:${span.start}:${this.contextKey(ctx)}`;
        if (method === 'values' || method === 'copy') set.add({ kind: 'container', id: viewId, elements: elementValues(holder).values, byKey: null, exact: false });
        else if (method === 'items') {
          // `for split, ds in d.items()`: pairs whose second item is any of the values.
          const values = elementValues(holder).values;
          const pair: Value = { kind: 'container', id: `${viewId}:pair`, elements: values, byKey: new Map([['0', [{ kind: 'unknown' }]], ['1', values]]), exact: false };
          set.add({ kind: 'container', id: viewId, elements: [pair], byKey: null, exact: false });
        }
        else set.addAll(elementValues(holder, key));
        if (key === null && method !== 'values' && method !== 'copy' && method !== 'items') set.possible = true;
        return set.result();
      }
    }
    const sameClass = this.selfReturningLibraryCall(calleeExpr, ctx);
    if (sameClass) return sameClass;
    for (const value of callee.values) set.addAll(this.callOf(value, args, ctx, span));
    return set.result();
  }

  /** Whether a method call's receiver is the project's own: a local name, or a module-level variable of a project module (not `os.environ`). */
  private isProjectName(ref: NameRef): boolean {
    if (ref.qname === null) return true;
    return this.index.resolve(ref.qname.slice(0, ref.qname.lastIndexOf('.')))?.kind === 'variable';
  }

  /**
   * `dataset.shuffle()` on an instance of a project subclass of a library
   * base whose method returns an object of the receiver's class (PyG's
   * `Dataset.shuffle`): the same instances, or null for any other call.
   */
  private selfReturningLibraryCall(calleeExpr: Expr, ctx: Context): Values | null {
    if (calleeExpr.k !== 'ref' || calleeExpr.ref.qname !== null || !calleeExpr.ref.chain.includes('.')) return null;
    const chain = calleeExpr.ref.chain;
    const method = chain.slice(chain.lastIndexOf('.') + 1);
    const bases = SELF_RETURNING_LIBRARY_METHODS.filter((entry) => entry.methods.includes(method)).map((entry) => entry.bases);
    if (bases.length === 0) return null;
    const receiver = this.valuesOf(receiverOf(calleeExpr.ref), ctx);
    const instances = receiver.values.filter(
      (value): value is InstanceValue => value.kind === 'instance' && !this.index.lookupMethod(value.cls, method) && bases.some((roots) => this.index.derivesFrom(value.cls, roots)),
    );
    return instances.length > 0 ? { values: instances, possible: receiver.possible || instances.length < receiver.values.length } : null;
  }

  private callOf(callee: Value, args: ArgumentExpr[], ctx: Context, span: Span): Values {
    const file = ctx.fn.file;
    switch (callee.kind) {
      case 'class':
        return { values: [{ kind: 'instance', cls: callee.cls, madeIn: ctx.fn, file, span: { start: span.start, end: span.end } }], possible: false };
      case 'function': {
        // What a function that makes its result per worker (a reseeding helper) returns is that worker's own.
        if (this.isWorkerLocal?.(callee.fn)) return UNKNOWN;
        if (callee.fn.fact.isGenerator) return { values: [{ kind: 'generator', fn: callee.fn, self: callee.self, madeIn: ctx.fn }], possible: false };
        if (callee.fn.fact.decorators.some((decorator) => decorator.endsWith('contextmanager'))) return UNKNOWN;
        return this.returnValues(callee.fn, callee.self);
      }
      case 'external':
        return libraryCallValues(this, callee.qname, args, ctx, span);
      case 'made':
        return { values: [{ ...callee, qname: `${callee.qname}()`, span: { start: span.start, end: span.end } }], possible: false };
      case 'rng-method':
        // `torch.Generator().manual_seed(s)` returns the generator it seeds.
        return callee.name === 'manual_seed' && callee.of.rng === 'torch-generator' ? { values: [callee.of], possible: false } : UNKNOWN;
      case 'instance': {
        const call = this.index.lookupMethod(callee.cls, '__call__');
        return call ? this.returnValues(call, callee.cls) : UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  }

  /** What a function returns (context-insensitive: its parameters stand for every argument they receive). */
  returnValues(fn: FunctionEntry, self: ClassEntry | null): Values {
    const ctx = { fn, self: self ?? fn.owner };
    return this.remember(`r|${this.contextKey(ctx)}`, () => {
      const set = new ValueSet();
      for (const returned of fn.fact.returns) set.addAll(this.valuesOfFact(returned, ctx));
      return set.result();
    });
  }

  // ---- parameters ----------------------------------------------------------------------------------

  /** The values a parameter receives: arguments at every call site that reaches the function, or its default. */
  parameterValues(fn: FunctionEntry, name: string, self: ClassEntry | null): Values {
    return this.remember(`p|${fn.file.path}#${fn.index}|${self?.qname ?? ''}|${name}`, () => {
      const set = new ValueSet();
      let bound = false;
      for (const binding of this.bindings(fn, name)) {
        bound = true;
        if (binding.kind === 'value') set.addAll(this.valuesOf(binding.value, binding.ctx));
        else set.add({ kind: 'unknown' });
      }
      // Own keys only: a parameter may be named like an Object method (`constructor`).
      const fallback = Object.hasOwn(fn.fact.defaultExprs, name) ? fn.fact.defaultExprs[name] : undefined;
      if (fallback) {
        const enclosing = fn.fact.enclosing !== null ? this.index.functionAt(fn.file, fn.fact.enclosing) : this.index.moduleCode(fn.file);
        set.addAll(this.valuesOf(fallback, { fn: enclosing, self: enclosing.owner }));
      } else if (!bound) set.add({ kind: 'unknown' });
      return set.result();
    });
  }

  /**
   * The argument expressions bound to a parameter, at every call site of the
   * function that the project shows (constructor calls for `__init__`,
   * `super().__init__(...)`, bound and unbound method calls, `functools.partial`).
   * `unknown`: a site whose argument cannot be told (`*args`).
   */
  bindings(fn: FunctionEntry, name: string): readonly Binding[] {
    let byName = this.bindingsMemo.get(fn);
    if (!byName) this.bindingsMemo.set(fn, (byName = new Map()));
    const known = byName.get(name);
    if (known) return known;
    const bindings = this.bindingsOf(fn, name);
    // Asked while `fn`'s callers are still being found, the answer is partial: not kept.
    if (this.callerIndex.settled(fn)) byName.set(name, bindings);
    return bindings;
  }

  private bindingsOf(fn: FunctionEntry, name: string): Binding[] {
    const position = fn.fact.parameters.indexOf(name);
    if (position < 0) return [];
    const result: Binding[] = [];
    const isMethod = fn.owner !== null && !fn.fact.decorators.includes('staticmethod');
    // `map(lambda t: t(image), self.transforms)`: a lambda handed to a builtin that calls it with the elements of its other arguments.
    if (fn.fact.isLambda && fn.fact.enclosing !== null) {
      const enclosing = this.index.functionAt(fn.file, fn.fact.enclosing);
      for (const call of enclosing.fact.calls) {
        const chain = call.callee?.chain;
        const given = call.arguments.findIndex((argument) => argument.value.expr.k === 'lambda' && argument.value.expr.start === fn.fact.start);
        if (given < 0 || call.callee?.qname !== null) continue;
        const ctx = { fn: enclosing, self: enclosing.owner };
        const iterable = (at: number): Expr | null => call.arguments[at]?.value.expr ?? null;
        const source = chain === 'map' && given === 0 ? iterable(position + 1) : chain === 'filter' && given === 0 && position === 0 ? iterable(1) : call.arguments[given].keyword === 'key' && position === 0 ? iterable(0) : null;
        if (source) result.push({ kind: 'value', value: { k: 'item', of: source, index: null }, ctx });
      }
      if (result.length > 0) return result;
    }
    const { callers, complete } = this.callersOf(fn);
    if (!complete) result.push({ kind: 'unknown' });
    for (const { site, offset, partial } of callers) {
      const ctx = { fn: site.in, self: site.in.owner };
      const args: { keyword: string | null; splat: '*' | '**' | null; value: Expr; ctx: Context }[] = [];
      if (partial) for (const arg of partial.args) args.push({ ...arg, ctx: { fn: partial.where, self: partial.where.owner } });
      for (const arg of site.call.arguments) args.push({ keyword: arg.keyword, splat: arg.splat, value: arg.value.expr, ctx });
      const shift = isMethod ? offset : 0;
      const found = bindArgument(fn, name, position - shift, args);
      if (found) result.push(found.kind === 'value' ? { kind: 'value', value: found.value, ctx: found.ctx } : found);
    }
    return result;
  }

  /** Call sites that call `fn` (see `CallerIndex`). */
  callersOf(fn: FunctionEntry): { callers: Caller[]; complete: boolean } {
    return this.callerIndex.callersOf(fn);
  }

  // ---- helpers for rules ------------------------------------------------------------------------------

  /** The project classes a class's computed bases evaluate to. */
  private dynamicBaseClasses(cls: ClassEntry): ClassEntry[] {
    const scope = cls.fact.scope !== null ? this.index.functionAt(cls.file, cls.fact.scope) : this.index.moduleCode(cls.file);
    const classes: ClassEntry[] = [];
    for (const base of cls.fact.dynamicBases) {
      for (const value of this.valuesOf(base, { fn: scope, self: scope.owner }).values) if (value.kind === 'class' && !classes.includes(value.cls)) classes.push(value.cls);
    }
    return classes;
  }
}
