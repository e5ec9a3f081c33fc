/**
 * What calling a library function makes, for the calls the value flow knows:
 * RNG constructors make an RNG object, `functools.partial` binds a function,
 * `getattr` reads an attribute (every method, for a computed name), `type`
 * gives the class, container builders and `copy` keep their argument's
 * elements; any other library call makes a new value from its arguments.
 */
import type { ArgumentExpr, Expr, Span } from '../python/facts.js';
import { RNG_CONSTRUCTORS } from '../models/index.js';
import { DATASET_SPLITTERS } from '../models/torch.js';
import { CONTAINER_BUILDERS, DATACLASS_FIELD, IDENTITY_CALLS, PARTIAL } from '../models/python.js';
import { GLOBAL_RNG_FOR_NONE } from '../models/sklearn.js';
import type { Context, ValueFlow } from './flow.js';
import { elementValues, ValueSet, type Value, type Values } from './values.js';


/** The classes a module can name: those it defines at module level, and the project classes it imports. */
export function classesNamedIn(flow: ValueFlow, file: Context['fn']['file']): Value[] {
  const classes: Value[] = file.facts.classes.flatMap((cls, position) => (cls.scope === null ? [{ kind: 'class', cls: flow.index.classAt(file, position) } as Value] : []));
  for (const binding of file.facts.imports) {
    const symbol = flow.index.resolve(binding.qname);
    if (symbol?.kind === 'class') classes.push({ kind: 'class', cls: symbol.entry });
  }
  return classes;
}

/** The values a call of the library function `qname` evaluates to; `span` is the call's place. */
export function libraryCallValues(flow: ValueFlow, qname: string, args: ArgumentExpr[], ctx: Context, span: Span): Values {
  const rng = RNG_CONSTRUCTORS[qname];
  const file = ctx.fn.file;
  const where = { start: span.start, end: span.end };
  const positional = args.filter((arg) => arg.keyword === null && arg.splat === null);
  if (rng && GLOBAL_RNG_FOR_NONE.has(qname)) {
    // `check_random_state(None)` is NumPy's global RNG, and `check_random_state(rng)` is `rng`.
    const seed = positional[0]?.value ?? args.find((arg) => arg.keyword === 'seed')?.value;
    const seedValues = seed ? flow.valuesOf(seed, ctx).values : [];
    // No seed, or one that may be None (a `random_state=None` default): the global RNG, not an object of its own.
    if (!seed || seedValues.some((value) => value.kind === 'literal' && value.type === 'none')) return { values: [{ kind: 'made', qname: `${qname}()`, file, madeIn: ctx.fn, span: where, parts: [] }], possible: false };
    const given = seedValues.filter((value) => value.kind === 'rng');
    if (given.length > 0) return { values: given, possible: true };
  }
  if (rng) return { values: [{ kind: 'rng', rng, constructor: qname, file, madeIn: ctx.fn, span: where }], possible: false };
  if (qname === DATACLASS_FIELD) {
    const factory = args.find((arg) => arg.keyword === 'default_factory');
    if (factory) return flow.callValues(factory.value, [], ctx, span);
    const fallback = args.find((arg) => arg.keyword === 'default');
    if (fallback) return flow.valuesOf(fallback.value, ctx);
  }
  if (qname === PARTIAL && positional.length > 0) {
    const set = new ValueSet();
    const target = flow.valuesOf(positional[0].value, ctx);
    set.possible = target.possible;
    for (const value of target.values) {
      if (value.kind === 'function') set.add({ ...value, partial: { args: args.filter((arg) => arg !== positional[0]), where: ctx.fn } });
      // `partial(CropDataset, root=...)`: calling it makes an instance of the class.
      else if (value.kind === 'class') set.add(value);
      // A library function with arguments bound is, for what it may do, that function (`partial(mmengine_worker_init_fn, seed=s)`).
      else if (value.kind === 'external') set.add(value);
      else set.add({ kind: 'unknown' });
    }
    return set.result();
  }
  if (qname === 'importlib.import_module' && positional.length >= 1 && positional[0].value.k === 'lit') {
    const packageArgument = args.find((arg) => arg.keyword === 'package')?.value ?? positional[1]?.value;
    const written = positional[0].value.value;
    const level = /^\.*/.exec(written)![0].length;
    const base = level > 0 && packageArgument?.k === 'lit' ? packageArgument.value.split('.').slice(0, packageArgument.value.split('.').length - (level - 1)).join('.') : '';
    return flow.qnameValues(level > 0 ? [base, written.slice(level)].filter(Boolean).join('.') : written);
  }
  // `train, val = random_split(dataset, [n, m])`: a list of `Subset`s of the dataset.
  if (DATASET_SPLITTERS.has(qname) && positional.length >= 1) {
    const of = flow.valuesOf(positional[0].value, ctx);
    const subset: Value = { kind: 'made', qname: 'torch.utils.data.Subset()', file, madeIn: ctx.fn, span: where, parts: of.values };
    return { values: [{ kind: 'container', id: `${qname}:${file.path}:${span.start}:${flow.contextKey(ctx)}`, elements: [subset], byKey: null, exact: false }], possible: of.possible };
  }
  // `globals()`: the module's own namespace, read like the module (`globals()[cfg["type"]]`).
  if (qname === 'globals' && args.length === 0) return { values: [{ kind: 'module', file }], possible: false };
  // `eval(cfg["type"])`: a name the configuration spells, so any class the module can name (its own and those it imports).
  if (qname === 'eval' && positional.length === 1) {
    if (positional[0].value.k === 'lit') return flow.refValues(positional[0].value.value, null, ctx);
    return { values: classesNamedIn(flow, file), possible: true };
  }
  if (qname === 'getattr' && positional.length >= 2) {
    const object = flow.valuesOf(positional[0].value, ctx);
    const name = positional[1].value;
    if (name.k === 'lit') return flow.attribute(object, name.value);
    // A computed attribute name stands for every method of the object's class, and every class of a module.
    const set = new ValueSet();
    set.possible = true;
    for (const value of object.values) {
      if (value.kind === 'module') for (const cls of value.file.facts.classes) if (cls.scope === null) set.add({ kind: 'class', cls: flow.index.classAt(value.file, value.file.facts.classes.indexOf(cls)) });
      if (value.kind !== 'instance') continue;
      for (const cls of flow.index.mro(value.cls)) {
        for (const method of Object.keys(cls.fact.methods)) if (!method.startsWith('__')) set.addAll(flow.attribute({ values: [value], possible: false }, method));
      }
    }
    return set.result();
  }
  if (qname === 'type' && positional.length === 1) {
    const set = new ValueSet();
    for (const value of flow.valuesOf(positional[0].value, ctx).values) set.add(value.kind === 'instance' ? { kind: 'class', cls: value.cls } : { kind: 'unknown' });
    return set.result();
  }
  if (qname === 'dict') {
    // `dict(mapping, k=v)`: the mapping's keys are not known, as with a `**splat`.
    const entries = args.map((arg) => ({ key: arg.keyword === null ? null : ({ k: 'lit', type: 'str', value: arg.keyword } as Expr), value: arg.value }));
    return { values: [flow.container({ k: 'dict', entries }, ctx)], possible: false };
  }
  if (CONTAINER_BUILDERS.has(qname) && positional.length >= 1) {
    const of = flow.withStoredElements(positional[0].value, flow.valuesOf(positional[0].value, ctx), ctx);
    return { values: [{ kind: 'container', id: `${qname}:${file.path}:${span.start}:${flow.contextKey(ctx)}`, elements: elementValues(of).values, byKey: null, exact: false }], possible: of.possible };
  }
  if (IDENTITY_CALLS.has(qname) && positional.length >= 1) return flow.valuesOf(positional[0].value, ctx);
  const parts = new ValueSet();
  for (const arg of args) parts.addAll(arg.splat === '*' ? elementValues(flow.valuesOf(arg.value, ctx)) : flow.valuesOf(arg.value, ctx));
  return { values: [{ kind: 'made', qname: `${qname}()`, file, madeIn: ctx.fn, span: where, parts: parts.values }], possible: parts.possible };
}
