/**
 * The link phase: joins the facts of every file into one project, resolves
 * names across files (imports, re-exports, relative imports), the class
 * hierarchy, and what values (dataset instances, RNG objects, transforms) an
 * expression may hold.
 */
import type { AssignmentFact, CallFact, ClassFact, FileFacts, FunctionFact, NameRef, ValueFact } from '../python/facts.js';
import type { NotebookLayout } from '../python/notebook.js';
import type { PythonSource } from '../python/source.js';

export interface ProjectFile {
  /** Absolute path. */
  path: string;
  /** Path shown to the user: relative to the working directory, forward slashes. */
  displayPath: string;
  source: PythonSource;
  facts: FileFacts;
  /** For a Jupyter notebook: where its code cells sit in `source.text`, the program they form. */
  notebook?: NotebookLayout;
}

export interface ClassEntry {
  qname: string;
  file: ProjectFile;
  fact: ClassFact;
}

export interface FunctionEntry {
  file: ProjectFile;
  fact: FunctionFact;
  /** Index in `file.facts.functions`. */
  index: number;
  /** The class whose body defines it, for methods. */
  owner: ClassEntry | null;
}

/** Where a value may come from. */
export type ValueOrigin =
  | { kind: 'instance'; cls: ClassEntry; madeIn: FunctionEntry; call: ValueFact }
  | { kind: 'rng'; constructor: string; file: ProjectFile; madeIn: FunctionEntry; value: ValueFact }
  | { kind: 'external'; qname: string };

export type Symbol =
  | { kind: 'class'; entry: ClassEntry }
  | { kind: 'function'; entry: FunctionEntry }
  | { kind: 'variable'; file: ProjectFile; name: string }
  | { kind: 'module'; file: ProjectFile }
  | { kind: 'external'; qname: string };

/** Constructors of RNG objects, mapped to the kind of object they make. */
export const RNG_CONSTRUCTORS: Record<string, RngKind> = {
  'numpy.random.default_rng': 'numpy-generator',
  'numpy.random.Generator': 'numpy-generator',
  'numpy.random.RandomState': 'numpy-random-state',
  'numpy.random.mtrand.RandomState': 'numpy-random-state',
  'random.Random': 'python-random',
  'torch.Generator': 'torch-generator',
  'torch._C.Generator': 'torch-generator',
};
export type RngKind = 'numpy-generator' | 'numpy-random-state' | 'python-random' | 'torch-generator';

const MAX_DEPTH = 8;

/**
 * Libraries whose behaviour the rules know by name. A copy of one inside the
 * scanned tree (a vendored torch, the benchmark corpus) is still that library,
 * not project code to follow.
 */
const KNOWN_LIBRARIES = new Set(['numpy', 'torch', 'torchvision', 'keras', 'tensorflow', 'tf_keras', 'random', 'os', 'multiprocessing', 'time', 'secrets', 'uuid']);

/** Files that were discovered but not parsed, loaded when the link phase first needs them. */
export interface LazyModules {
  /** Module name -> absolute path. */
  modules: Map<string, string>;
  load(path: string): ProjectFile | null;
}

export class ProjectIndex {
  readonly files: ProjectFile[] = [];
  private readonly modules = new Map<string, ProjectFile>();
  private readonly classesByQname = new Map<string, ClassEntry>();
  private readonly functionsByQname = new Map<string, FunctionEntry>();
  private readonly functionEntries = new Map<string, FunctionEntry>();
  private readonly subclassCache = new Map<string, boolean>();
  private readonly resolveCache = new Map<string, Symbol | null>();
  private readonly mroCache = new Map<ClassEntry, ClassEntry[]>();
  private readonly subclassesCache = new Map<ClassEntry, ClassEntry[]>();
  private readonly constructorCallsCache = new Map<ClassEntry, { call: CallFact; in: FunctionEntry }[]>();
  private readonly loading = new Set<string>();

  constructor(
    files: ProjectFile[],
    private readonly lazy: LazyModules | null = null,
  ) {
    for (const file of files) this.register(file);
  }

  private register(file: ProjectFile): void {
    this.files.push(file);
    if (!this.modules.has(file.facts.module)) this.modules.set(file.facts.module, file);
    const classByName = new Map<string, ClassEntry>();
    for (const cls of file.facts.classes) {
      const entry: ClassEntry = { qname: `${prefix(file.facts.module)}${cls.name}`, file, fact: cls };
      classByName.set(cls.name, entry);
      if (!this.classesByQname.has(entry.qname)) this.classesByQname.set(entry.qname, entry);
    }
    file.facts.functions.forEach((fact, index) => {
      const owner = fact.className ? (classByName.get(fact.className) ?? null) : null;
      const entry: FunctionEntry = { file, fact, index, owner };
      this.functionEntries.set(`${file.path}#${index}`, entry);
      if (!fact.className && !fact.isLambda && fact.id !== '<module>') {
        // A later definition of the same name wins, as in Python.
        this.functionsByQname.set(`${prefix(file.facts.module)}${fact.name}`, entry);
      }
    });
    // What a name means may change with a new module.
    this.resolveCache.clear();
    this.subclassCache.clear();
    this.mroCache.clear();
    this.subclassesCache.clear();
    this.constructorCallsCache.clear();
  }

  functionAt(file: ProjectFile, index: number): FunctionEntry {
    return this.functionEntries.get(`${file.path}#${index}`)!;
  }

  moduleCode(file: ProjectFile): FunctionEntry {
    return this.functionAt(file, 0);
  }

  /** The function or lambda whose span is exactly `span`, in `file`. */
  functionStartingAt(file: ProjectFile, start: number): FunctionEntry | null {
    const index = file.facts.functions.findIndex((fact) => fact.start === start && fact.id !== '<module>');
    return index < 0 ? null : this.functionAt(file, index);
  }

  /** The innermost function of `file` whose span contains `offset`. */
  functionContaining(file: ProjectFile, offset: number): FunctionEntry {
    let best = 0;
    file.facts.functions.forEach((fact, index) => {
      const current = file.facts.functions[best];
      if (fact.start <= offset && offset < fact.end && fact.end - fact.start <= current.end - current.start) best = index;
    });
    return this.functionAt(file, best);
  }

  // ---- names ----------------------------------------------------------------------------------

  /** Finds the project file of a module, also when the scan root sits inside the package; loads it if needed. */
  private moduleFile(name: string): ProjectFile | undefined {
    const parts = name.split('.');
    for (let drop = 0; drop < parts.length; drop++) {
      const candidate = parts.slice(drop).join('.');
      const file = this.modules.get(candidate) ?? this.loadModule(candidate);
      if (file) return file;
    }
    return undefined;
  }

  private loadModule(name: string): ProjectFile | undefined {
    const target = this.lazy?.modules.get(name);
    return target ? this.load(target) : undefined;
  }

  /** Parses and adds a file that was skipped at first (once). */
  load(target: string): ProjectFile | undefined {
    if (!this.lazy || this.loading.has(target)) return undefined;
    this.loading.add(target);
    const file = this.lazy.load(target);
    if (!file) return undefined;
    this.register(file);
    return file;
  }

  /** What a fully qualified name stands for, following imports and re-exports through the project. */
  resolve(qname: string | null, depth = 0): Symbol | null {
    if (!qname) return null;
    if (depth === 0) {
      if (this.resolveCache.has(qname)) return this.resolveCache.get(qname)!;
      const symbol = this.resolveUncached(qname, 0);
      this.resolveCache.set(qname, symbol);
      return symbol;
    }
    return this.resolveUncached(qname, depth);
  }

  private resolveUncached(qname: string, depth: number): Symbol | null {
    if (depth > MAX_DEPTH || KNOWN_LIBRARIES.has(qname.split('.')[0])) return { kind: 'external', qname };
    const direct = this.classesByQname.get(qname);
    if (direct) return { kind: 'class', entry: direct };
    const directFunction = this.functionsByQname.get(qname);
    if (directFunction) return { kind: 'function', entry: directFunction };
    const parts = qname.split('.');
    for (let length = parts.length; length >= 1; length--) {
      const file = this.moduleFile(parts.slice(0, length).join('.'));
      if (!file) continue;
      const rest = parts.slice(length);
      if (rest.length === 0) return { kind: 'module', file };
      const [name, ...tail] = rest;
      const moduleQname = `${prefix(file.facts.module)}${name}`;
      const cls = this.classesByQname.get(moduleQname);
      if (cls && cls.file === file) {
        if (tail.length === 0) return { kind: 'class', entry: cls };
        const method = this.lookupMethod(cls, tail[0]);
        return method && tail.length === 1 ? { kind: 'function', entry: method } : { kind: 'external', qname };
      }
      const fn = this.functionsByQname.get(moduleQname);
      if (fn && fn.file === file && tail.length === 0) return { kind: 'function', entry: fn };
      const imported = file.facts.imports.find((binding) => binding.local === name && binding.topLevel);
      if (imported) return this.resolve([imported.qname, ...tail].join('.'), depth + 1);
      if (file.facts.moduleNames.includes(name) && tail.length === 0) return { kind: 'variable', file, name };
      // `import pkg` then `pkg.sub.thing`: a submodule that no file imports explicitly.
      const submodule = this.moduleFile(`${file.facts.module}.${name}`);
      if (submodule && submodule !== file) return this.resolve([`${file.facts.module}.${name}`, ...tail].join('.'), depth + 1);
      return { kind: 'external', qname };
    }
    return { kind: 'external', qname };
  }

  resolveClass(ref: NameRef | null): ClassEntry | null {
    const symbol = this.resolve(ref?.qname ?? null);
    return symbol?.kind === 'class' ? symbol.entry : null;
  }

  /** The external name a reference stands for (`numpy.random.randint`), after following project re-exports. */
  externalName(ref: NameRef | null): string | null {
    const symbol = this.resolve(ref?.qname ?? null);
    return symbol?.kind === 'external' ? symbol.qname : null;
  }

  // ---- classes ----------------------------------------------------------------------------------

  /** Project classes in method resolution order (depth-first, left to right), starting with `cls`. */
  mro(cls: ClassEntry): ClassEntry[] {
    const cached = this.mroCache.get(cls);
    if (cached) return cached;
    const order: ClassEntry[] = [];
    const visit = (current: ClassEntry, depth: number) => {
      if (order.includes(current) || depth > MAX_DEPTH * 2) return;
      order.push(current);
      for (const base of current.fact.bases) {
        const baseClass = this.resolveClass(base);
        if (baseClass) visit(baseClass, depth + 1);
      }
    };
    visit(cls, 0);
    this.mroCache.set(cls, order);
    return order;
  }

  /** Whether `cls` derives, through project classes, from one of the external classes in `roots`. */
  derivesFrom(cls: ClassEntry, roots: ReadonlySet<string>): boolean {
    const key = `${cls.qname}|${[...roots].join(',')}`;
    const cached = this.subclassCache.get(key);
    if (cached !== undefined) return cached;
    this.subclassCache.set(key, false);
    let result = false;
    for (const current of this.mro(cls)) {
      for (const base of current.fact.bases) {
        const symbol = this.resolve(base.qname);
        if (symbol?.kind === 'external' && roots.has(symbol.qname)) result = true;
      }
    }
    this.subclassCache.set(key, result);
    return result;
  }

  /** Project classes that have `cls` among their bases (directly or not). */
  subclassesOf(cls: ClassEntry): ClassEntry[] {
    let subclasses = this.subclassesCache.get(cls);
    if (!subclasses) {
      subclasses = [...this.classesByQname.values()].filter((other) => other !== cls && this.mro(other).includes(cls));
      this.subclassesCache.set(cls, subclasses);
    }
    return subclasses;
  }

  allClasses(): ClassEntry[] {
    return [...this.classesByQname.values()];
  }

  lookupMethod(cls: ClassEntry, name: string): FunctionEntry | null {
    for (const current of this.mro(cls)) {
      const index = current.fact.methods[name];
      if (index !== undefined) return this.functionAt(current.file, index);
    }
    return null;
  }

  /** Looks a method up in the classes after `definingClass` in `cls`'s order: what `super().name` finds. */
  lookupSuperMethod(cls: ClassEntry, definingClass: ClassEntry, name: string): FunctionEntry | null {
    const order = this.mro(cls);
    const position = order.indexOf(definingClass);
    for (const current of order.slice(position + 1)) {
      const index = current.fact.methods[name];
      if (index !== undefined) return this.functionAt(current.file, index);
    }
    return null;
  }

  /** Every `self.name = value` in the class and its bases, and class-level `name = value`. */
  attributeAssignments(cls: ClassEntry, name: string): { assignment: AssignmentFact; in: FunctionEntry }[] {
    const found: { assignment: AssignmentFact; in: FunctionEntry }[] = [];
    for (const current of this.mro(cls)) {
      for (const assignment of current.fact.attributes) {
        if (assignment.target.chain === name) found.push({ assignment, in: this.moduleCode(current.file) });
      }
      for (const index of Object.values(current.fact.methods)) {
        const method = this.functionAt(current.file, index);
        const self = method.fact.parameters[0];
        if (!self) continue;
        for (const assignment of method.fact.assignments) {
          if (assignment.target.chain === `${self}.${name}`) found.push({ assignment, in: method });
        }
      }
    }
    return found;
  }

  /** Calls anywhere in the project that construct `cls` (or a subclass that keeps its `__init__`). */
  constructorCalls(cls: ClassEntry): { call: CallFact; in: FunctionEntry }[] {
    const cached = this.constructorCallsCache.get(cls);
    if (cached) return cached;
    const classes = [cls, ...this.subclassesOf(cls).filter((subclass) => this.lookupMethod(subclass, '__init__')?.owner === this.lookupMethod(cls, '__init__')?.owner)];
    const names = new Set(classes.map((entry) => entry.fact.name));
    const calls: { call: CallFact; in: FunctionEntry }[] = [];
    for (const file of [...this.files]) {
      file.facts.functions.forEach((fact, index) => {
        for (const call of fact.calls) {
          // Screening by the called name first keeps unrelated modules unloaded.
          if (!names.has(lastPart(call.callee?.qname)) || !classes.includes(this.resolveClass(call.callee)!)) continue;
          calls.push({ call, in: this.functionAt(file, index) });
        }
      });
    }
    this.constructorCallsCache.set(cls, calls);
    return calls;
  }

  // ---- values -----------------------------------------------------------------------------------

  /**
   * Where the value of an expression may come from: instances of project
   * classes constructed in it (also inside wrappers such as `Compose([...])` or
   * `Subset(ds, idx)`), RNG objects, following local variables, module
   * variables, `self.` attributes, factory functions and constructor arguments.
   */
  originsOf(value: ValueFact, where: FunctionEntry, selfClass: ClassEntry | null, depth = 0, seen = new Set<string>()): ValueOrigin[] {
    if (depth > MAX_DEPTH) return [];
    const key = `${where.file.path}:${value.start}:${value.end}:${selfClass?.qname ?? ''}`;
    if (seen.has(key)) return [];
    seen.add(key);
    const origins: ValueOrigin[] = [];
    // `torch.Generator().manual_seed(0)` returns the generator it seeds.
    const seeded = value.call ? null : value.attributesOfCalls.find((entry) => entry.attribute === 'manual_seed' && value.start === entry.callee.start);
    const constructor = value.call ?? seeded?.callee ?? null;
    if (constructor) {
      const external = this.externalName(constructor);
      if (external && RNG_CONSTRUCTORS[external]) {
        origins.push({ kind: 'rng', constructor: external, file: where.file, madeIn: where, value });
        return origins;
      }
    }
    for (const callee of value.calls) {
      const symbol = this.resolve(callee.qname);
      const owner = symbol?.kind === 'function' ? symbol.entry.owner : null;
      if (symbol?.kind === 'class') origins.push({ kind: 'instance', cls: symbol.entry, madeIn: where, call: value });
      // `MyDataset.from_config(...)`: a classmethod that builds an instance.
      else if (owner) origins.push({ kind: 'instance', cls: owner, madeIn: where, call: value });
      else if (symbol?.kind === 'function') {
        for (const returned of symbol.entry.fact.returns) origins.push(...this.originsOf(returned, symbol.entry, null, depth + 1, seen));
      } else if (symbol?.kind === 'external') origins.push({ kind: 'external', qname: symbol.qname });
    }
    for (const read of value.reads) origins.push(...this.originsOfName(read, where, selfClass, depth + 1, seen));
    return origins;
  }

  private originsOfName(read: NameRef, where: FunctionEntry, selfClass: ClassEntry | null, depth: number, seen: Set<string>): ValueOrigin[] {
    const parts = read.chain.split('.');
    const self = where.fact.parameters[0];
    if (read.qname === null) {
      if (parts.length === 2 && parts[0] === self && where.owner && !where.fact.isLambda) {
        return this.originsOfAttribute(selfClass ?? where.owner, parts[1], depth, seen);
      }
      if (parts.length !== 1) return [];
      const origins: ValueOrigin[] = [];
      for (const assignment of where.fact.assignments) {
        if (assignment.target.chain === read.chain) origins.push(...this.originsOf(assignment.value, where, selfClass, depth + 1, seen));
      }
      // A parameter of `__init__`: follow the arguments at the constructor calls.
      const position = where.fact.parameters.indexOf(read.chain);
      if (position > 0 && where.owner && where.fact.name === '__init__') {
        for (const site of this.constructorCalls(selfClass ?? where.owner)) {
          const argument = argumentFor(site.call, read.chain, position - 1);
          if (argument) origins.push(...this.originsOf(argument, site.in, site.in.owner, depth + 1, seen));
        }
      }
      return origins;
    }
    const symbol = this.resolve(read.qname);
    if (symbol?.kind === 'variable') {
      const moduleCode = this.moduleCode(symbol.file);
      return moduleCode.fact.assignments
        .filter((assignment) => assignment.target.chain === symbol.name)
        .flatMap((assignment) => this.originsOf(assignment.value, moduleCode, null, depth + 1, seen));
    }
    return [];
  }

  originsOfAttribute(cls: ClassEntry, name: string, depth = 0, seen = new Set<string>()): ValueOrigin[] {
    return this.attributeAssignments(cls, name).flatMap(({ assignment, in: where }) => this.originsOf(assignment.value, where, cls, depth + 1, seen));
  }
}

/** The argument bound to a parameter at a call: by keyword, or by position. */
export function argumentFor(call: CallFact, keyword: string, position: number): ValueFact | null {
  const byKeyword = call.arguments.find((argument) => argument.keyword === keyword);
  if (byKeyword) return byKeyword.value;
  const positional = call.arguments.filter((argument) => argument.keyword === null && argument.splat === null);
  const firstSplat = call.arguments.findIndex((argument) => argument.splat === '*');
  if (firstSplat >= 0 && firstSplat <= position) return null;
  return positional[position]?.value ?? null;
}

/** The last dotted part of a name: `pkg.mod.Noisy` -> `Noisy`. */
export function lastPart(qname: string | null | undefined): string {
  return qname ? qname.slice(qname.lastIndexOf('.') + 1) : '';
}

function prefix(module: string): string {
  return module ? `${module}.` : '';
}
