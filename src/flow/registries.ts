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
import type { ClassEntry, FunctionEntry } from '../project/index.js';
import type { Context, ValueFlow } from './flow.js';
import { valueKey, type Values } from './values.js';

/** Methods of a registry that give a registered class, or an instance of one. */
export const REGISTRY_CLASS_METHODS: ReadonlySet<string> = new Set(['get', 'get_module', 'get_class', 'lookup']);
export const REGISTRY_BUILD_METHODS: ReadonlySet<string> = new Set(['build', 'build_module', 'create', 'build_from_cfg']);
/** Functions that build from the registry they are given as their second argument (mmcv's, mmengine's, and projects' own `build_from_cfg`). */
export const BUILD_FROM_CFG = /(^|\.)build_from_cfg$/;

/** A decorator that registers what it decorates: `@R.register_module()`, `@R.register`, `@register_transform("x")`. */
const REGISTERING = /^_?register/i;

export class Registries {
  /** Registry (by value key) -> the classes registered there, as far as the decorators evaluated so far show. */
  private readonly byRegistry = new Map<string, ClassEntry[]>();
  /** By registry, the names its decorators reach it by (`TRANSFORMS`, `register_transform`). */
  private readonly namesByRegistry = new Map<string, Set<string>>();
  /** Decorated classes by the name their decorators lead by, not evaluated yet; filled from the index's classes as they come. */
  private readonly waiting = new Map<string, ClassEntry[]>();
  private seenClasses = 0;
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
    this.evaluating++;
    try {
      for (const name of names) {
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
    if (!REGISTERING.test(method)) return [];
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
