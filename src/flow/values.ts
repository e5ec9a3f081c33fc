/**
 * Abstract values: what an expression may evaluate to at run time, as far as
 * the code shows. Each value says where it was made, so that rules can tell
 * the parent process from the workers.
 */
import type { Span } from '../python/facts.js';
import type { ClassEntry, FunctionEntry, ProjectFile, RngKind } from '../project/index.js';

/** Arguments bound by `functools.partial(fn, ...)`, with the code they were written in. */
export interface PartialBinding {
  args: import('../python/facts.js').ArgumentExpr[];
  where: FunctionEntry;
}

export type Value =
  /** An RNG object: `np.random.default_rng(...)`, `RandomState`, `random.Random`, `torch.Generator`. */
  | { kind: 'rng'; rng: RngKind; constructor: string; file: ProjectFile; madeIn: FunctionEntry; span: Span }
  /** A method of an RNG object (`g.manual_seed`), so that calls that return the object keep it. */
  | { kind: 'rng-method'; of: Extract<Value, { kind: 'rng' }>; name: string }
  | { kind: 'class'; cls: ClassEntry }
  /** A function or method; `self` is the instance's class for a bound method; `partial` for `functools.partial(fn, ...)`. */
  | { kind: 'function'; fn: FunctionEntry; self: ClassEntry | null; selfMadeIn: FunctionEntry | null; partial: PartialBinding | null }
  /** An instance of a project class, made by the call at `span` in `madeIn` (null: `self`, made by whoever constructs it). */
  | { kind: 'instance'; cls: ClassEntry; madeIn: FunctionEntry | null; file: ProjectFile | null; span: Span | null }
  /** A name from a library (a module, class or function outside the project): `torch.utils.data.DataLoader`. */
  | { kind: 'external'; qname: string }
  /**
   * What calling a library callable returns (`A.Compose([...])`, `DataLoader(ds)`),
   * or an attribute of it (`get_worker_info().dataset`), named by the path that made it.
   * `parts` are the values of the call's arguments: what a library wrapper holds.
   */
  | { kind: 'made'; qname: string; file: ProjectFile; madeIn: FunctionEntry; span: Span; parts: Value[] }
  /**
   * A list, tuple, set or dict: the values of its elements, and by key (a dict's
   * literal keys, a tuple's positions). `exact`: every element has its key there.
   */
  | { kind: 'container'; id: string; elements: Value[]; byKey: Map<string, Value[]> | null; exact: boolean }
  | { kind: 'module'; file: ProjectFile }
  /** A generator object: its body runs where it is consumed. */
  | { kind: 'generator'; fn: FunctionEntry; self: ClassEntry | null; madeIn: FunctionEntry }
  | { kind: 'literal'; type: 'int' | 'float' | 'str' | 'bool' | 'none'; value: string }
  /** Anything else: a computed value the analysis does not follow. */
  | { kind: 'unknown' };

export type RngValue = Extract<Value, { kind: 'rng' }>;
export type InstanceValue = Extract<Value, { kind: 'instance' }>;
export type FunctionValue = Extract<Value, { kind: 'function' }>;

/**
 * A set of values. `possible` marks an over-approximation: a computed
 * attribute name or registry key that stands for every candidate.
 */
export interface Values {
  values: Value[];
  possible: boolean;
}

export const NO_VALUES: Values = Object.freeze({ values: [], possible: false }) as Values;
export const UNKNOWN: Values = Object.freeze({ values: [{ kind: 'unknown' }], possible: false }) as Values;

/** How many values one set keeps; past that, the rest is unknown. */
const MAX_VALUES = 48;

/** A key that identifies a value, so that sets hold each value once. */
export function valueKey(value: Value): string {
  switch (value.kind) {
    case 'rng':
      return `rng:${value.file.path}:${value.span.start}`;
    case 'rng-method':
      return `rngm:${valueKey(value.of)}:${value.name}`;
    case 'class':
      return `class:${value.cls.file.path}:${value.cls.fact.start}`;
    case 'function':
      return `fn:${value.fn.file.path}:${value.fn.index}:${value.self?.qname ?? ''}:${value.selfMadeIn ? `${value.selfMadeIn.file.path}#${value.selfMadeIn.index}` : ''}:${value.partial ? value.partial.where.index + ':' + JSON.stringify(value.partial.args.map((arg) => arg.keyword)) : ''}`;
    case 'instance':
      return `inst:${value.cls.file.path}:${value.cls.fact.start}:${value.file?.path ?? ''}:${value.span?.start ?? 'self'}`;
    case 'external':
      return `ext:${value.qname}`;
    case 'made':
      return `made:${value.file.path}:${value.span.start}:${value.qname}`;
    case 'container':
      return `container:${value.id}`;
    case 'module':
      return `module:${value.file.path}`;
    case 'generator':
      return `gen:${value.fn.file.path}:${value.fn.index}:${value.self?.qname ?? ''}:${value.madeIn.file.path}#${value.madeIn.index}`;
    case 'literal':
      return `lit:${value.type}:${value.value}`;
    case 'unknown':
      return 'unknown';
  }
}

/** Collects values without repeats. */
export class ValueSet {
  private readonly keys = new Set<string>();
  readonly values: Value[] = [];
  possible = false;

  add(value: Value): void {
    if (this.values.length >= MAX_VALUES) {
      // Past the cap, more RNG objects of a kind already held (210 made at 210 call sites) say nothing new: still an RNG of that kind.
      if (value.kind === 'rng' && this.values.some((held) => held.kind === 'rng' && held.rng === value.rng)) return;
      if (!this.keys.has('unknown')) {
        this.keys.add('unknown');
        this.values.push({ kind: 'unknown' });
      }
      return;
    }
    const key = valueKey(value);
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.values.push(value);
  }

  addAll(values: Values): void {
    for (const value of values.values) this.add(value);
    if (values.possible) this.possible = true;
  }

  result(): Values {
    return { values: this.values, possible: this.possible };
  }
}

/** The values of a container's elements, flattened through nested containers up to `depth`. */
export function elementValues(values: Values, key: string | null = null): Values {
  const set = new ValueSet();
  set.possible = values.possible;
  for (const value of values.values) {
    if (value.kind !== 'container') continue;
    if (key !== null && value.byKey?.has(key)) for (const element of value.byKey.get(key)!) set.add(element);
    else for (const element of value.elements) set.add(element);
  }
  return set.result();
}

/** Project instances a value holds: itself, the elements of containers, the parts of library wrappers. */
export function instancesIn(values: Values, depth = 3): InstanceValue[] {
  const found: InstanceValue[] = [];
  const visit = (value: Value, level: number) => {
    if (value.kind === 'instance') found.push(value);
    if (level >= depth) return;
    if (value.kind === 'container') for (const element of value.elements) visit(element, level + 1);
    if (value.kind === 'made') for (const part of value.parts) visit(part, level + 1);
  };
  for (const value of values.values) visit(value, 0);
  return found;
}
