/**
 * Reseeding is a fact too: a `worker_init_fn` that replaces or reseeds an
 * object per worker, reached through `get_worker_info().dataset...` or a
 * module global, makes that object the worker's own. These are the objects
 * (as value keys) such functions reseed, for the datasets a loader reads.
 */
import type { ClassEntry, FunctionEntry } from '../project/index.js';
import type { LoaderCall } from '../project/loaders.js';
import type { ValueFlow } from './flow.js';
import { valueKey, type Value, type Values } from './values.js';
import { WORKER_DATASET } from '../models/torch.js';


/** Methods that reseed an object in place: NumPy and torch generators, Python's Random, and augmentation libraries. */
export const RESEED_METHODS = new Set(['seed', 'manual_seed', 'set_state', 'setstate', 'set_random_seed', 'seed_', 'reseed', 'set_random_state']);

/** Functions a function reaches through calls the value flow resolves, itself first. */
export function reachedFunctions(flow: ValueFlow, fn: FunctionEntry, limit = 16): FunctionEntry[] {
  const reached = [fn];
  for (let position = 0; position < reached.length && reached.length < limit; position++) {
    const current = reached[position];
    for (const lambdaIndex of current.fact.lambdas) {
      const lambda = flow.index.functionAt(current.file, lambdaIndex);
      if (!reached.includes(lambda)) reached.push(lambda);
    }
    for (const call of current.fact.calls) {
      for (const value of flow.valuesOf(call.calleeExpr, flow.contextOf(current)).values) {
        if (value.kind === 'function' && !reached.includes(value.fn)) reached.push(value.fn);
      }
    }
  }
  return reached;
}

/** Keys of the objects that the `worker_init_fn`s of `loaders` reseed or replace, for datasets of class `datasets`. */
export function reseededObjects(flow: ValueFlow, loaders: readonly LoaderCall[], datasets: readonly ClassEntry[]): Set<string> {
  const keys = new Set<string>();
  for (const loader of loaders) {
    if (loader.workerInitFn.kind !== 'function') continue;
    for (const initFn of loader.workerInitFn.functions) {
      for (const fn of reachedFunctions(flow, initFn.fn)) {
        for (const value of reseededIn(flow, fn, datasets).values) keys.add(valueKey(value));
      }
    }
  }
  return keys;
}

/** The objects one function reseeds: `X.attr = new` replaces `X.attr`; `X.seed(s)` and `X.bit_generator.state = ...` reseed `X`. */
function reseededIn(flow: ValueFlow, fn: FunctionEntry, datasets: readonly ClassEntry[]): Values {
  const ctx = flow.contextOf(fn);
  const found: Value[] = [];
  const objectOf = (chain: string, qname: string | null, dropParts: number): Values => {
    const parts = chain.split('.');
    const qparts = qname?.split('.') ?? null;
    const kept = parts.length - dropParts;
    return flow.refValues(parts.slice(0, kept).join('.'), qparts ? qparts.slice(0, qparts.length - dropParts).join('.') : null, ctx);
  };
  const collect = (values: Values) => {
    for (const value of values.values) {
      if (value.kind === 'made' && WORKER_DATASET.test(value.qname)) {
        // A path from the loader's dataset: follow it from every dataset the loader reads.
        const path = value.qname.replace(WORKER_DATASET, '').split('.').filter(Boolean);
        for (const cls of datasets) {
          let current: Values = { values: [{ kind: 'instance', cls, madeIn: null, file: null, span: null }], possible: false };
          for (const part of path) current = flow.attribute(current, part);
          found.push(...current.values);
        }
      } else if (value.kind === 'rng-method' && value.name === 'bit_generator') found.push(value.of);
      else found.push(value);
    }
  };
  for (const assignment of fn.fact.assignments) {
    const target = assignment.target;
    if (target.chain.endsWith('.bit_generator.state')) collect(objectOf(target.chain, target.qname, 2));
    else {
      const before = found.length;
      if (target.chain.includes('.')) collect(objectOf(target.chain, target.qname, 0));
      else if (target.qname !== null) collect(flow.qnameValues(target.qname));
      // An object replaced in the worker (`info.dataset.transform = build_transform(info.seed)`) takes what it held with it.
      for (const replaced of found.slice(before)) found.push(...heldBy(flow, replaced));
    }
  }
  for (const call of fn.fact.calls) {
    const callee = call.calleeExpr;
    // `X.seed(s)`, also when `X` starts with a call: `get_worker_info().dataset.transform.set_random_seed(s)`.
    if (callee.k === 'ref' && callee.ref.chain.includes('.') && RESEED_METHODS.has(callee.ref.chain.slice(callee.ref.chain.lastIndexOf('.') + 1))) {
      collect(objectOf(callee.ref.chain, callee.ref.qname, 1));
    } else if (callee.k === 'attr' && RESEED_METHODS.has(callee.name)) {
      collect(flow.valuesOf(callee.object, ctx));
    }
  }
  return { values: found, possible: false };
}

/** The RNG objects and library objects an object holds, through its attributes, containers and library wrappers (a few levels deep). */
function heldBy(flow: ValueFlow, value: Value, depth = 0, seen = new Set<string>()): Value[] {
  if (depth > 3 || seen.has(valueKey(value))) return [];
  seen.add(valueKey(value));
  const held: Value[] = [];
  const visit = (values: Value[]) => {
    for (const inner of values) {
      if (inner.kind === 'rng' || inner.kind === 'made') held.push(inner);
      held.push(...heldBy(flow, inner, depth + 1, seen));
    }
  };
  if (value.kind === 'container') visit(value.elements);
  else if (value.kind === 'made') visit(value.parts);
  else if (value.kind === 'instance') {
    const names = new Set<string>();
    for (const cls of flow.index.mro(value.cls)) {
      for (const position of Object.values(cls.fact.methods)) {
        const method = flow.index.functionAt(cls.file, position);
        const self = method.fact.parameters[0];
        for (const assignment of method.fact.assignments) if (self && assignment.target.chain.startsWith(`${self}.`) && assignment.target.chain.split('.').length === 2) names.add(assignment.target.chain.split('.')[1]);
      }
    }
    for (const name of names) visit(flow.storedAttribute(value.cls, name).values);
  }
  return held;
}
