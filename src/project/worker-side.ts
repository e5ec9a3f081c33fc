/**
 * Worker-side code: what runs inside a data-loading worker process. It starts
 * at a dataset's entry methods (`__getitem__`, `__iter__`, ...) and follows,
 * through the value flow, every call whose callee it can tell: methods of the
 * class and its bases, module functions (also in other files), bound methods
 * and `partial`s held in lists, objects held in attributes (a transform whose
 * `__call__` runs for every item, also inside a library `Compose([...])`),
 * and generator objects, whose bodies run where they are consumed.
 */
import type { ValueFlow } from '../flow/flow.js';
import { instancesIn, type InstanceValue, type Value, type Values } from '../flow/values.js';
import type { ClassEntry, FunctionEntry } from './index.js';

export interface WorkerSideFunction {
  fn: FunctionEntry;
  /** The class `self` is an instance of in this function, if it is a method. */
  selfClass: ClassEntry | null;
  /** Whether that instance was built in the parent process (its attributes are then the parent's). */
  selfFromParent: boolean;
  /** Reached only through an over-approximation (a computed attribute name or registry key). */
  possible: boolean;
}

/** Methods an object used in worker code runs: called (`__call__`, `forward` of an nn.Module), indexed or iterated (a wrapped dataset). */
const USE_METHODS = ['__call__', 'forward', '__getitem__', '__iter__'];
const CALL_METHODS = ['__call__', 'forward'];

/** What a function calls and reads, as the value flow answers it where `self` is an instance of `selfClass`. */
interface Steps {
  called: Values[];
  read: Values[];
}

/**
 * `answer` kept per value flow, function and `self` class: what a function's
 * code does in one context is the same for every dataset whose worker code
 * reaches it, so it is asked of the flow once.
 */
export function perFunctionInContext<T>(answer: (flow: ValueFlow, fn: FunctionEntry, selfClass: ClassEntry | null) => T): (flow: ValueFlow, fn: FunctionEntry, selfClass: ClassEntry | null) => T {
  const byFlow = new WeakMap<ValueFlow, Map<FunctionEntry, Map<ClassEntry | null, T>>>();
  return (flow, fn, selfClass) => {
    let byFunction = byFlow.get(flow);
    if (!byFunction) byFlow.set(flow, (byFunction = new Map()));
    let byClass = byFunction.get(fn);
    if (!byClass) byFunction.set(fn, (byClass = new Map()));
    if (byClass.has(selfClass)) return byClass.get(selfClass)!;
    const known = answer(flow, fn, selfClass);
    byClass.set(selfClass, known);
    return known;
  };
}

/** The steps of a function in a context: following many datasets through the same helpers costs one question per call and read. */
const stepsOf = perFunctionInContext((flow, fn, selfClass): Steps => {
  const ctx = { fn, self: selfClass };
  const self = fn.owner && !fn.fact.isLambda ? fn.fact.parameters[0] : undefined;
  return {
    called: fn.fact.calls.map((call) => flow.valuesOf(call.calleeExpr, ctx)),
    read: fn.fact.reads.filter((read) => read.chain !== self).map((read) => flow.refValues(read.chain, read.qname, ctx)),
  };
});

export class WorkerSideCode {
  /** By function, the class `self` is in it, and whether that object comes from the parent. */
  private readonly functions = new Map<FunctionEntry, Map<ClassEntry | null, Map<boolean, WorkerSideFunction>>>();
  /** The same, in the order they were reached. */
  private readonly order: WorkerSideFunction[] = [];
  private readonly queue: WorkerSideFunction[] = [];
  private readonly members = new Set<FunctionEntry>();

  private constructor(private readonly flow: ValueFlow) {}

  /** The code workers run for a project dataset class: its entry methods and what they reach. */
  static ofDataset(flow: ValueFlow, cls: ClassEntry, entryMethods: readonly string[]): WorkerSideCode {
    const code = new WorkerSideCode(flow);
    for (const name of entryMethods) {
      const method = flow.index.lookupMethod(cls, name);
      if (method) code.add(method, cls, true, false);
    }
    code.run();
    return code;
  }

  /**
   * The code workers run for a library dataset (`ImageFolder(root, transform)`):
   * the library calls the project objects it was built with, once per item.
   */
  static ofHeldObjects(flow: ValueFlow, held: readonly InstanceValue[]): WorkerSideCode {
    const code = new WorkerSideCode(flow);
    for (const instance of held) code.addMethods(instance.cls, CALL_METHODS, true, false);
    code.run();
    return code;
  }

  /**
   * The code workers run for callables a loader is given (its `collate_fn`):
   * functions, `partial`s, bound methods and objects with `__call__`, made in the parent.
   */
  static ofCallables(flow: ValueFlow, callables: Values): WorkerSideCode {
    const code = new WorkerSideCode(flow);
    for (const value of callables.values) {
      if (value.kind === 'function') code.add(value.fn, value.self, value.self !== null, callables.possible);
      else if (value.kind === 'instance') code.addMethods(value.cls, CALL_METHODS, true, callables.possible);
    }
    code.run();
    return code;
  }

  private run(): void {
    while (this.queue.length > 0) this.follow(this.queue.shift()!);
  }

  /** Whether a function runs in the worker in this dataset's code. */
  has(fn: FunctionEntry): boolean {
    return this.members.has(fn);
  }

  entries(): readonly WorkerSideFunction[] {
    return this.order;
  }

  private add(fn: FunctionEntry, selfClass: ClassEntry | null, selfFromParent: boolean, possible: boolean): void {
    let byClass = this.functions.get(fn);
    if (!byClass) this.functions.set(fn, (byClass = new Map()));
    let byFlag = byClass.get(selfClass);
    if (!byFlag) byClass.set(selfClass, (byFlag = new Map()));
    const known = byFlag.get(selfFromParent);
    if (known) {
      if (known.possible && !possible) known.possible = false;
      return;
    }
    const side = { fn, selfClass, selfFromParent, possible };
    byFlag.set(selfFromParent, side);
    this.order.push(side);
    this.members.add(fn);
    this.queue.push(side);
  }

  /** Whether an object made in `madeIn` (null: `self`, which the side's flag describes) was made in the parent process. */
  private madeInParent(madeIn: FunctionEntry | null, side: WorkerSideFunction): boolean {
    return madeIn === null ? side.selfFromParent : !this.has(madeIn);
  }

  private addMethods(cls: ClassEntry, names: readonly string[], fromParent: boolean, possible: boolean): void {
    for (const name of names) {
      const method = this.flow.index.lookupMethod(cls, name);
      if (method) this.add(method, cls, fromParent, possible);
    }
  }

  private follow(side: WorkerSideFunction): void {
    const { fn } = side;
    for (const lambdaIndex of fn.fact.lambdas) this.add(this.flow.index.functionAt(fn.file, lambdaIndex), side.selfClass, side.selfFromParent, side.possible);
    const steps = stepsOf(this.flow, fn, side.selfClass);
    for (const callee of steps.called) for (const value of callee.values) this.called(value, side, side.possible || callee.possible);
    for (const values of steps.read) for (const value of values.values) this.handedOn(value, side, side.possible || values.possible);
  }

  /** A value called in worker code. */
  private called(value: Value, side: WorkerSideFunction, possible: boolean): void {
    switch (value.kind) {
      case 'function':
        this.add(value.fn, value.self, value.self ? this.madeInParent(value.selfMadeIn, side) : false, possible);
        return;
      case 'class':
        // A class constructed in the worker: its objects, and their attributes, are the worker's own.
        this.addMethods(value.cls, ['__init__', ...USE_METHODS], false, possible);
        return;
      case 'instance':
        this.addMethods(value.cls, CALL_METHODS, this.madeInParent(value.madeIn, side), possible);
        return;
      case 'made':
        // A library wrapper (`T.Compose([...])`) calls the project objects it holds.
        for (const instance of instancesIn({ values: value.parts, possible })) this.addMethods(instance.cls, CALL_METHODS, this.madeInParent(instance.madeIn, side), possible);
        return;
      default:
        return;
    }
  }

  /** A value read in worker code, and maybe handed to code that uses it: indexed, iterated, called or consumed. */
  private handedOn(value: Value, side: WorkerSideFunction, possible: boolean): void {
    switch (value.kind) {
      case 'generator':
        this.add(value.fn, value.self, this.has(value.madeIn) ? false : true, possible);
        return;
      case 'instance':
        if (value.madeIn !== null) this.addMethods(value.cls, USE_METHODS, this.madeInParent(value.madeIn, side), possible);
        else if (value.cls !== side.selfClass) this.addMethods(value.cls, USE_METHODS, side.selfFromParent, possible);
        return;
      case 'function':
        // A function handed on (`map(fn, xs)`, `apply(self.aug, x)`) is called by whoever receives it.
        this.add(value.fn, value.self, value.self ? this.madeInParent(value.selfMadeIn, side) : false, possible);
        return;
      case 'container':
        for (const element of value.elements) if (element.kind === 'function' || element.kind === 'instance') this.called(element, side, possible);
        return;
      case 'made':
        this.called(value, side, possible);
        return;
      default:
        return;
    }
  }
}
