/**
 * Config-built objects: classes a decorator registers (`@TRANSFORMS.register_module()`,
 * `@register` over `def register(cls): REGISTRY[cls.__name__] = cls`), and
 * the reads that build from a registry with a key the code does not fix
 * (`TRANSFORMS.build(cfg)`, `build_from_cfg(cfg, TRANSFORMS)`,
 * `TRANSFORMS.get(cfg["type"])`, `REGISTRY[name]`). Such a read stands for
 * every class registered there, and what depends on it is `possible`.
 *
 * A registry is known by its value (the `Registry(...)` a module-level name
 * holds, a dict display, an instance of a project registry class), so a
 * registry handed through parameters (a project's own `build_from_cfg`) is
 * still the same registry.
 */
import type { Expr } from '../python/facts.js';
import { REGISTERING_METHOD, type CallSite, type ClassEntry, type FunctionEntry } from '../project/index.js';
import type { Context, ValueFlow } from './flow.js';
import { valueKey, type Value, type Values } from './values.js';

/** Methods of a registry that give a registered class, or an instance of one. */
export const REGISTRY_CLASS_METHODS: ReadonlySet<string> = new Set(['get', 'get_module', 'get_class', 'lookup']);
export const REGISTRY_BUILD_METHODS: ReadonlySet<string> = new Set(['build', 'build_module', 'create', 'build_from_cfg']);
/** Functions that build from the registry they are given as their second argument (mmcv's, mmengine's, and projects' own `build_from_cfg`). */
export const BUILD_FROM_CFG = /(^|\.)build_from_cfg$/;


export class Registries {
  /** Registry (by value key) -> the classes registered there, as far as the decorators evaluated so far show. */
  private readonly byRegistry = new Map<string, ClassEntry[]>();
  /** By registry, the names its decorators reach it by (`TRANSFORMS`, `register_transform`). */
  private readonly namesByRegistry = new Map<string, Set<string>>();
  /** Decorated classes by the name their decorators lead by, not evaluated yet; filled from the index's classes as they come. */
  private readonly waiting = new Map<string, ClassEntry[]>();
  /** Registering calls by the name of their receiver (`MODEL` of `MODEL._register_module(RandLANet)`), not evaluated yet. */
  private readonly waitingCalls = new Map<string, CallSite[]>();
  private seenClasses = 0;
  private seenCalls = 0;
  private evaluating = 0;

  constructor(
    private readonly flow: ValueFlow,
    /** Loads the skipped files whose class decorators register into a registry reached by one of these names; true if any was. */
    private readonly loadRegistering: (names: Iterable<string>) => boolean,
  ) {}

  /**
   * The classes registered in any registry these values may be, or null when
   * none of them is a registry. `names` are the names the code reaches the
   * values by (`TRANSFORMS` of `TRANSFORMS.build(cfg)`): only decorators that
   * lead by such a name are evaluated, and skipped files that register by
   * such a name are loaded first.
   */
  classesIn(values: Values, names: readonly string[] = []): ClassEntry[] | null {
    if (this.evaluating > 0) return null;
    // A registry handed through a parameter (`get_from_name(name, MODEL)` reading `registry.get(name)`) is also reached by the name it was made under.
    const madeUnder = values.values.flatMap((value) => namesBoundTo(value)).filter((name) => !names.includes(name));
    if (madeUnder.length > 0) names = [...names, ...madeUnder];
    this.evaluate(names);
    // Registries already known by other names (a registry handed through a parameter): their names too.
    const more = new Set<string>();
    for (const value of values.values) for (const name of this.namesByRegistry.get(valueKey(value)) ?? []) if (!names.includes(name)) more.add(name);
    if (more.size > 0) this.evaluate([...more]);
    const found = new Set<ClassEntry>();
    let any = false;
    for (const value of values.values) {
      const classes = this.byRegistry.get(valueKey(value));
      if (!classes) continue;
      any = true;
      for (const cls of classes) found.add(cls);
    }
    return any ? [...found] : null;
  }

  /** Evaluates the decorators that lead by these names, loading the skipped files that register by them first. */
  private evaluate(names: readonly string[]): void {
    if (names.length === 0) return;
    this.loadRegistering(names);
    const classes = this.flow.index.allClasses();
    for (; this.seenClasses < classes.length; this.seenClasses++) {
      const cls = classes[this.seenClasses];
      for (const decorator of cls.fact.decorators) {
        const name = leadingName(decorator);
        if (name) this.waiting.set(name, [...(this.waiting.get(name) ?? []), cls]);
      }
    }
    const index = this.flow.index;
    const calls = index.registeringCalls();
    for (; this.seenCalls < calls.length; this.seenCalls++) {
      const site = calls[this.seenCalls];
      const name = leadingName(site.call.calleeExpr);
      if (name) this.waitingCalls.set(name, [...(this.waitingCalls.get(name) ?? []), site]);
    }
    this.evaluating++;
    try {
      for (const name of names) {
        for (const site of this.waitingCalls.get(name) ?? []) this.evaluateCall(site, name);
        this.waitingCalls.delete(name);
        const pending = this.waiting.get(name);
        if (!pending) continue;
        this.waiting.delete(name);
        for (const cls of pending) {
          const scope = cls.fact.scope !== null ? index.functionAt(cls.file, cls.fact.scope) : index.moduleCode(cls.file);
          const ctx: Context = { fn: scope, self: scope.owner };
          for (const decorator of cls.fact.decorators) {
            if (leadingName(decorator) !== name) continue;
            for (const key of this.registryKeysOf(decorator, ctx)) this.add(key, cls, name);
          }
        }
      }
    } finally {
      this.evaluating--;
    }
  }

  /**
   * A registering call at module level: `MODEL._register_module(RandLANet, 'torch')`,
   * `TRANSFORMS.register_module(module=Resize)`, `R.register(Cls)`. The class is
   * the first positional argument or a `module`-like keyword.
   */
  private evaluateCall(site: CallSite, name: string): void {
    const receiver = receiverOf(site.call.calleeExpr);
    if (!receiver) return;
    const argument = site.call.arguments.find((candidate) => candidate.keyword !== null && REGISTERED_KEYWORDS.has(candidate.keyword)) ?? (site.call.arguments[0]?.keyword === null && site.call.arguments[0].splat === null ? site.call.arguments[0] : undefined);
    if (!argument) return;
    const ctx: Context = { fn: site.in, self: site.in.owner };
    const classes = this.flow.valuesOf(argument.value.expr, ctx).values.flatMap((value) => (value.kind === 'class' ? [value.cls] : []));
    if (classes.length === 0) return;
    for (const key of this.flow.valuesOf(receiver, ctx).values.map(valueKey)) for (const cls of classes) this.add(key, cls, name);
  }

  private add(key: string, cls: ClassEntry, name: string): void {
    const list = this.byRegistry.get(key) ?? [];
    if (!list.includes(cls)) list.push(cls);
    this.byRegistry.set(key, list);
    const names = this.namesByRegistry.get(key) ?? new Set<string>();
    names.add(name);
    this.namesByRegistry.set(key, names);
  }

  /** The registries a decorator puts its class in. */
  private registryKeysOf(decorator: Expr, ctx: Context): string[] {
    const callee = decorator.k === 'call' ? decorator.callee : decorator;
    // `@R.register_module(...)` / `@R.register`: the registry is R.
    const method = callee.k === 'ref' ? callee.ref.chain.split('.').pop()! : callee.k === 'attr' ? callee.name : '';
    if (!REGISTERING_METHOD.test(method)) return [];
    const receiver = receiverOf(callee);
    if (receiver) return this.flow.valuesOf(receiver, ctx).values.map(valueKey);
    // `@register`: a function that stores its argument into a container.
    if (decorator.k !== 'call') {
      const decorating = this.flow.valuesOf(decorator, ctx).values.flatMap((value) => (value.kind === 'function' ? [value.fn] : []));
      return decorating.flatMap((fn) => this.containersStoring(fn, (name) => name === fn.fact.parameters[0]));
    }
    // `@register("name")`: a factory that returns the function that stores its argument.
    const returned = this.flow.valuesOf(decorator, ctx).values.flatMap((value) => (value.kind === 'function' ? [value.fn] : []));
    return returned.flatMap((fn) => this.containersStoring(fn, (name) => name === fn.fact.parameters[0]));
  }

  /** The containers a decorator function stores the decorated object into: `REGISTRY[cls.__name__] = cls`. */
  private containersStoring(fn: FunctionEntry, isDecorated: (name: string) => boolean): string[] {
    const ctx = this.flow.contextOf(fn);
    return fn.fact.elementStores.flatMap((store) => {
      const name = store.value.ref?.chain;
      if (!name || name.includes('.') || store.value.ref?.qname !== null || !isDecorated(name)) return [];
      return this.flow.refValues(store.container.chain, store.container.qname, ctx).values.map(valueKey);
    });
  }
}

/** The names the assignment that made a registry object binds it to: `MODEL` of `MODEL = Registry("model")`. */
function namesBoundTo(value: Value): string[] {
  if ((value.kind !== 'instance' && value.kind !== 'made') || !value.madeIn || !value.span) return [];
  const start = value.span.start;
  return value.madeIn.fact.assignments.flatMap((assignment) => (assignment.value.start === start ? [assignment.target.chain.split('.').pop()!] : []));
}

/** Keywords a registering call takes the registered class by: mmcv's and mmengine's `module`, Open3D's `module_class`. */
const REGISTERED_KEYWORDS: ReadonlySet<string> = new Set(['module', 'module_class', 'cls', 'obj']);

/** The name a decorator reaches its registry by, as the skim reads it: `TRANSFORMS` of `@TRANSFORMS.register_module()`, `register_x` of `@register_x("y")`. */
function leadingName(decorator: Expr): string {
  const callee = decorator.k === 'call' ? decorator.callee : decorator;
  if (callee.k !== 'ref') return '';
  const parts = callee.ref.chain.split('.');
  return parts.length > 1 ? parts[parts.length - 2] : parts[0];
}

/** The name a registry read reaches the registry by: `TRANSFORMS` of `TRANSFORMS.build(cfg)` or `TRANSFORMS[key]`. */
export function registryNameOf(receiver: Expr | null): string[] {
  return receiver?.k === 'ref' ? [receiver.ref.chain.split('.').pop()!] : [];
}

/** `R` of `R.register_module` (a dotted name or an attribute of an expression), or null for a plain name. */
function receiverOf(callee: Expr): Expr | null {
  if (callee.k === 'attr') return callee.object;
  if (callee.k !== 'ref' || !callee.ref.chain.includes('.')) return null;
  const parts = callee.ref.chain.split('.');
  const qname = callee.ref.qname ? callee.ref.qname.slice(0, callee.ref.qname.lastIndexOf('.')) : null;
  return { k: 'ref', ref: { chain: parts.slice(0, -1).join('.'), start: callee.ref.start, spelledEnds: null, qname } };
}

export { receiverOf as registryReceiverOf };
