/**
 * Who calls a function: the call sites whose callee may be it, found through
 * the project's index of call sites by name and checked with the value flow.
 * Parameters take their values from these sites.
 */
import type { Expr } from '../python/facts.js';
import type { CallSite, ClassEntry, FunctionEntry, ProjectIndex } from '../project/index.js';
import type { Context } from './flow.js';
import type { FunctionValue, Values } from './values.js';

/** How many call sites that name a method only by its (shared) method name are followed to find its callers. */
const MAX_CALL_SITES = 200;
/** Calls that look a class up by a name: `getattr`, `eval`, `.get`, and functions named for it. */
const LOOKUP = /^(getattr|eval)$|\.get$|(^|[._])(get|lookup|find|resolve|load)?_?(class|cls|type)(_\w*)?$|_class$/i;

/** A callee that looks a class up: `REGISTRY[name]`, `getattr(m, name)`, `eval(spec)`, `REGISTRY.get(name)`. */
function isLookup(expr: Expr): boolean {
  return expr.k === 'sub' || (expr.k === 'call' && expr.callee.k === 'ref' && LOOKUP.test(expr.callee.ref.chain));
}

/** How many call sites through names that hold a class are followed to find a constructor's callers; past it, none are. */
const MAX_INDIRECT_SITES = 2000;

/** A call site that calls a function, with how many leading parameters it binds implicitly, and a `partial`'s bound arguments. */
export interface Caller {
  site: CallSite;
  offset: number;
  partial: FunctionValue['partial'];
}

export class CallerIndex {
  private readonly callers = new Map<FunctionEntry, { callers: Caller[]; complete: boolean }>();
  private readonly siteGroupsByName = new Map<string, { count: number; viaSelf: Map<ClassEntry, CallSite[]>; other: CallSite[] }>();
  /** Functions whose callers are being found right now. */
  private readonly pending = new Set<FunctionEntry>();

  constructor(
    private readonly index: ProjectIndex,
    private readonly evaluate: (expr: Expr, ctx: Context) => Values,
  ) {}

  /**
   * Call sites that call `fn`, with how many leading parameters the call binds
   * implicitly (`self`). Sites are screened by name first; `self.method(...)`
   * and `super().__init__(...)` only count in classes related to `fn`'s. Past
   * `MAX_CALL_SITES` candidates (a method named like hundreds of others, such
   * as `forward`) the callers are not followed: `complete` is then false and
   * the parameters stand for unknown values.
   */
  callersOf(fn: FunctionEntry): { callers: Caller[]; complete: boolean } {
    const cached = this.callers.get(fn);
    if (cached) return cached;
    const result: { callers: Caller[]; complete: boolean } = { callers: [], complete: true };
    this.callers.set(fn, result);
    this.pending.add(fn);
    try {
      return this.findCallers(fn, result);
    } finally {
      this.pending.delete(fn);
    }
  }

  /** Whether `fn`'s callers are known in full: not while they are being found (a question asked meanwhile sees part of them). */
  settled(fn: FunctionEntry): boolean {
    return this.callers.has(fn) && !this.pending.has(fn);
  }

  private findCallers(fn: FunctionEntry, result: { callers: Caller[]; complete: boolean }): { callers: Caller[]; complete: boolean } {
    const owner = fn.owner;
    const related = owner ? new Set([owner, ...this.index.subclassesOf(owner), ...this.index.mro(owner)]) : null;
    const candidates: CallSite[] = [];
    const names = new Set([fn.fact.name]);
    if (fn.fact.name === '__init__' && owner) {
      names.add(owner.fact.name);
      for (const subclass of this.index.subclassesOf(owner)) names.add(subclass.fact.name);
    }
    // Sites that name the function only by a method name shared with others (`obj.forward(...)`): capped.
    let shared = 0;
    for (const name of names) {
      const groups = this.siteGroups(name);
      // `self.method(...)` and `super().method(...)` reach only methods of the caller's own class hierarchy.
      if (related) for (const cls of related) candidates.push(...(groups.viaSelf.get(cls) ?? []));
      for (const site of groups.other) {
        // `X.__init__(self, ...)` names the class whose `__init__` it calls.
        if (name === '__init__' && !names.has(site.call.callee?.chain.split('.').slice(-2, -1)[0] ?? '')) continue;
        candidates.push(site);
        // Constructor calls name the class itself (`Jitter(rng)`), and a module function its own name: only methods share names.
        if (owner && name === fn.fact.name && name !== '__init__') shared++;
      }
    }
    if (shared > MAX_CALL_SITES) {
      result.complete = false;
      return result;
    }
    this.collect(fn, candidates, result);
    // A class no call names is made through a name that holds it (`aug_class = getattr(m, name); aug_class(**config)`,
    // `TRANSFORMS[t](**args)`): only then are such calls asked about, as each of them may lead to any question.
    if (result.callers.length === 0 && fn.fact.name === '__init__' && owner) this.collect(fn, this.indirectSites(), result);
    return result;
  }

  private collect(fn: FunctionEntry, candidates: readonly CallSite[], result: { callers: Caller[]; complete: boolean }): void {
    for (const site of candidates) {
      const ctx = { fn: site.in, self: site.in.owner };
      for (const value of this.evaluate(site.call.calleeExpr, ctx).values) {
        if (value.kind === 'function' && value.fn === fn) {
          // `super().__init__(...)`, `obj.method(...)`: bound; `Base.__init__(self, ...)`: unbound.
          result.callers.push({ site, offset: value.self ? 1 : 0, partial: value.partial });
        } else if (value.kind === 'class' && fn.fact.name === '__init__' && this.index.lookupMethod(value.cls, '__init__') === fn) {
          if (!result.callers.some((caller) => caller.site === site)) result.callers.push({ site, offset: 1, partial: null });
        }
      }
    }
  }

  /**
   * Call sites whose callee is a lookup (`REGISTRY[name](...)`,
   * `getattr(m, name)(...)`), or a local name the calling function binds to
   * one (`cls = getattr(m, name)`, `REGISTRY.get(name)`, `eval(spec)`). Any of them may construct
   * any class; the value flow tells which. Gathered again when files were added.
   */
  private indirectSites(): CallSite[] {
    const files = this.index.files;
    if (this.indirect.files === files.length) return this.indirect.sites;
    // Files are only ever added: only the new ones are read.
    for (const file of files.slice(this.indirect.files)) {
      file.facts.functions.forEach((fact, position) => {
        // Names this function binds to a lookup: `getattr(module, name)`, `eval(spec)`, `REGISTRY[name]`,
        // `REGISTRY.get(name)`, or a function named for one (`self._transformer_class(name)`, `get_model_class(cfg)`).
        let boundToLookup: Set<string> | null = null;
        for (const call of fact.calls) {
          const callee = call.callee;
          if (!callee) {
            // `REGISTRY[name](...)`, `getattr(m, name)(...)`.
            if (isLookup(call.calleeExpr)) this.indirect.dynamic.push({ call, in: this.index.functionAt(file, position) });
            continue;
          }
          if (callee.qname !== null || callee.chain.includes('.')) continue;
          boundToLookup ??= new Set(fact.assignments.filter((assignment) => isLookup(assignment.value.expr)).map((assignment) => assignment.target.chain));
          if (boundToLookup.has(callee.chain)) this.indirect.bound.push({ call, in: this.index.functionAt(file, position) });
        }
      });
    }
    const sites = [...this.indirect.dynamic, ...this.indirect.bound];
    this.indirect.files = files.length;
    this.indirect.sites = sites.length > MAX_INDIRECT_SITES ? [] : sites;
    return this.indirect.sites;
  }
  /** The lookup call sites of the first `files` files: through a lookup directly, or through a name bound to one. */
  private readonly indirect = { files: 0, dynamic: [] as CallSite[], bound: [] as CallSite[], sites: [] as CallSite[] };

  /** The call sites named `name`, split into calls through `self` / `super()` (by the caller's class) and the others; built once per name. */
  private siteGroups(name: string): { viaSelf: Map<ClassEntry, CallSite[]>; other: CallSite[] } {
    const sites = this.index.callSitesNamed(name);
    const cached = this.siteGroupsByName.get(name);
    if (cached && cached.count === sites.length) return cached;
    const groups = { count: sites.length, viaSelf: new Map<ClassEntry, CallSite[]>(), other: [] as CallSite[] };
    for (const site of sites) {
      const chain = site.call.callee?.chain ?? '';
      const owner = site.in.owner;
      const viaSelf = owner !== null && (chain.startsWith('super().') || chain.split('.')[0] === site.in.fact.parameters[0]);
      if (viaSelf) {
        const list = groups.viaSelf.get(owner);
        if (list) list.push(site);
        else groups.viaSelf.set(owner, [site]);
      }
      else groups.other.push(site);
    }
    this.siteGroupsByName.set(name, groups);
    return groups;
  }
}

/** The argument bound to a parameter in a list of arguments: by keyword, by position, or through `**splat` of a dict. */
export function bindArgument(fn: FunctionEntry, name: string, position: number, args: { keyword: string | null; splat: '*' | '**' | null; value: Expr; ctx: Context }[]): { kind: 'value'; value: Expr; ctx: Context } | { kind: 'unknown' } | null {
  const byKeyword = args.find((arg) => arg.keyword === name);
  if (byKeyword) return { kind: 'value', value: byKeyword.value, ctx: byKeyword.ctx };
  if (name === fn.fact.keywordsParameter && args.length > 0) {
    // `**kwargs` holds the keywords no other parameter takes, and whatever `**splat`s hold.
    const entries: { key: Expr | null; value: Expr }[] = [];
    for (const arg of args) {
      if (arg.splat === '**') entries.push({ key: null, value: arg.value });
      else if (arg.keyword !== null && !fn.fact.parameters.includes(arg.keyword)) entries.push({ key: { k: 'lit', type: 'str', value: arg.keyword }, value: arg.value });
    }
    return { kind: 'value', value: { k: 'dict', entries }, ctx: args[args.length - 1].ctx };
  }
  if (name === fn.fact.starParameter || name === fn.fact.keywordsParameter) return { kind: 'unknown' };
  let index = 0;
  for (const arg of args) {
    if (arg.keyword !== null || arg.splat === '**') continue;
    if (arg.splat === '*') return position >= index ? { kind: 'unknown' } : null;
    if (index === position) return { kind: 'value', value: arg.value, ctx: arg.ctx };
    index++;
  }
  const splat = args.find((arg) => arg.splat === '**');
  if (splat) return { kind: 'value', value: { k: 'sub', object: splat.value, key: { k: 'lit', type: 'str', value: name } }, ctx: splat.ctx };
  return null;
}
