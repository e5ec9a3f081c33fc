/**
 * Worker-side code: what runs inside a data-loading worker process. It starts
 * at a dataset's entry methods (`__getitem__`, `__iter__`, ...) and follows
 * calls to methods of the class and its bases, module functions (also in other
 * files), and objects held in attributes, such as a transform whose
 * `__call__` runs for every item.
 */
import type { NameRef } from '../python/facts.js';
import type { ClassEntry, FunctionEntry, ProjectIndex, Symbol, ValueOrigin } from './index.js';

export interface WorkerSideFunction {
  fn: FunctionEntry;
  /** The class `self` is an instance of in this function, if it is a method. */
  selfClass: ClassEntry | null;
  /** Whether that instance was built in the parent process (its attributes are then the parent's). */
  selfFromParent: boolean;
}

/** Methods an object used in worker code runs: called (`__call__`, `forward` of an nn.Module), indexed or iterated (a wrapped dataset). */
const USE_METHODS = ['__call__', 'forward', '__getitem__', '__iter__'];

export class WorkerSideCode {
  readonly functions = new Map<string, WorkerSideFunction>();
  private readonly queue: WorkerSideFunction[] = [];

  constructor(
    private readonly index: ProjectIndex,
    readonly root: ClassEntry,
    entryMethods: readonly string[],
  ) {
    for (const name of entryMethods) {
      const method = index.lookupMethod(root, name);
      if (method) this.add(method, root, true);
    }
    while (this.queue.length > 0) this.follow(this.queue.shift()!);
  }

  /** Whether a function runs in the worker in this dataset's code. */
  has(fn: FunctionEntry): boolean {
    for (const side of this.functions.values()) if (side.fn === fn) return true;
    return false;
  }

  entries(): WorkerSideFunction[] {
    return [...this.functions.values()];
  }

  private add(fn: FunctionEntry, selfClass: ClassEntry | null, selfFromParent: boolean): void {
    const key = `${fn.file.path}#${fn.index}|${selfClass?.qname ?? ''}|${selfFromParent}`;
    if (this.functions.has(key)) return;
    const side = { fn, selfClass, selfFromParent };
    this.functions.set(key, side);
    this.queue.push(side);
  }

  private follow(side: WorkerSideFunction): void {
    const { fn, selfClass, selfFromParent } = side;
    for (const lambdaIndex of fn.fact.lambdas) this.add(this.index.functionAt(fn.file, lambdaIndex), selfClass, selfFromParent);
    for (const call of fn.fact.calls) {
      const superMethod = /^super\(\)\.(\w+)$/.exec(call.callee?.chain ?? '');
      if (superMethod && selfClass && fn.owner) {
        const method = this.index.lookupSuperMethod(selfClass, fn.owner, superMethod[1]);
        if (method) this.add(method, selfClass, selfFromParent);
      }
    }
    for (const read of fn.fact.reads) this.followRead(read, side);
  }

  private followRead(read: NameRef, side: WorkerSideFunction): void {
    const { fn, selfClass, selfFromParent } = side;
    const parts = read.chain.split('.');
    const self = fn.owner && !fn.fact.isLambda ? fn.fact.parameters[0] : undefined;
    if (read.qname === null && parts[0] === self && selfClass && parts.length >= 2) {
      const method = this.index.lookupMethod(selfClass, parts[1]);
      if (method) {
        this.add(method, selfClass, selfFromParent);
        return;
      }
      const origins = this.index.originsOfAttribute(selfClass, parts[1]);
      this.followObjects(origins, parts.slice(2), selfFromParent);
      return;
    }
    if (read.qname !== null) {
      const { symbol, tail } = resolvePrefix(this.index, read.qname);
      if (symbol?.kind === 'function' && tail.length === 0) this.add(symbol.entry, symbol.entry.owner, false);
      else if (symbol?.kind === 'class') {
        // A class constructed in the worker: its objects, and their attributes, are the worker's own.
        const names = tail.length > 0 ? [tail[0]] : ['__init__', ...USE_METHODS];
        for (const name of names) {
          const method = this.index.lookupMethod(symbol.entry, name);
          if (method) this.add(method, symbol.entry, false);
        }
      } else if (symbol?.kind === 'variable') {
        const moduleCode = this.index.moduleCode(symbol.file);
        const origins = moduleCode.fact.assignments
          .filter((assignment) => assignment.target.chain === symbol.name)
          .flatMap((assignment) => this.index.originsOf(assignment.value, moduleCode, null));
        this.followObjects(origins, tail, true);
      }
      return;
    }
    if (parts.length >= 1 && parts[0] !== self) {
      const origins = fn.fact.assignments
        .filter((assignment) => assignment.target.chain === parts[0])
        .flatMap((assignment) => this.index.originsOf(assignment.value, fn, selfClass));
      this.followObjects(origins, parts.slice(1), selfFromParent);
    }
  }

  /** Objects used in worker code: the method called on them, or what using them runs. */
  private followObjects(origins: ValueOrigin[], tail: string[], fromParent: boolean): void {
    for (const origin of origins) {
      if (origin.kind !== 'instance') continue;
      const madeInParent = fromParent && !this.has(origin.madeIn);
      const names = tail.length > 0 ? [tail[0]] : USE_METHODS;
      for (const name of names) {
        const method = this.index.lookupMethod(origin.cls, name);
        if (method) this.add(method, origin.cls, madeInParent);
      }
    }
  }
}

/** Resolves the longest prefix of a dotted name that the project knows: `mod.TRANSFORM.apply` -> TRANSFORM + [apply]. */
export function resolvePrefix(index: ProjectIndex, qname: string): { symbol: Symbol | null; tail: string[] } {
  const parts = qname.split('.');
  let fallback: Symbol | null = null;
  for (let length = parts.length; length >= 1; length--) {
    const symbol = index.resolve(parts.slice(0, length).join('.'));
    if (length === parts.length) fallback = symbol;
    if (symbol && symbol.kind !== 'external' && symbol.kind !== 'module') return { symbol, tail: parts.slice(length) };
    if (symbol?.kind === 'module') break;
  }
  return { symbol: fallback, tail: [] };
}
