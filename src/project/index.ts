/**
 * The link phase: joins the facts of every file into one project, resolves
 * names across files (imports, re-exports, relative imports), the class
 * hierarchy, and what values (dataset instances, RNG objects, transforms) an
 * expression may hold.
 */
import { readFileSync } from 'node:fs';
import type { AssignmentFact, CallFact, ClassFact, ElementStoreFact, FileFacts, FunctionFact, NameRef, ValueFact } from '../python/facts.js';
import { UNKNOWN_BASE } from '../load.js';
import { KNOWN_LIBRARIES } from '../models/index.js';
import { namedByFolders } from './module-names.js';
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
  /** A module that a fix creates (the shared helper module): it does not exist on disk yet. */
  created?: boolean;
  /**
   * The module name its package path gives, when other files share it and
   * `facts.module` is made unique (`dataset` of `segmentation/dataset.py`,
   * named `segmentation.dataset`): imports that no folder settles still find it.
   */
  sharedModule?: string;
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

export type Symbol =
  | { kind: 'class'; entry: ClassEntry }
  | { kind: 'function'; entry: FunctionEntry }
  | { kind: 'variable'; file: ProjectFile; name: string }
  | { kind: 'module'; file: ProjectFile }
  | { kind: 'external'; qname: string };

export { RNG_CONSTRUCTORS, type RngKind } from '../models/index.js';

const MAX_DEPTH = 8;

/** A method or decorator that registers what it is given: `register_module`, `_register_module`, `register`, `register_transform`. */
export const REGISTERING_METHOD = /^_?register/i;

/** Files that were discovered but not parsed, loaded when the link phase first needs them. */
export interface LazyModules {
  /** Module name -> absolute path. */
  modules: Map<string, string>;
  load(path: string): ProjectFile | null;
  /** The class headers of those files (see `SkippedFile`): names and the last parts of their bases, `<unknown>` for others. */
  headers: { name: string; bases: string[] }[];
  /** Their `name as alias` pairs. */
  aliases: [string, string][];
  /** By the name that leads to a registry (`TRANSFORMS`, `register_transform`), those of them whose class decorators register there. */
  registering: Map<string, string[]>;
  /** Absolute module name -> the paths of those files that import it (or a package of it, or a module in it). */
  importers: Map<string, string[]>;
}

/** A call written somewhere in the project, and the function whose code holds it. */
export interface CallSite {
  call: CallFact;
  in: FunctionEntry;
}

/**
 * Resolves bases that are not plain names (`class D(SAMPLERS[task])`); the
 * value-flow analysis provides it, so that the class hierarchy and the flow
 * of values answer alike.
 */
export type DynamicBaseResolver = (cls: ClassEntry) => ClassEntry[];

/**
 * The linked project. Its indexes (classes and functions by name, call sites
 * by called name, classes by base name) grow as files are registered and are
 * never rebuilt: no question scans every file, and loading a module on demand
 * never invalidates what was already answered.
 */
export class ProjectIndex {
  readonly files: ProjectFile[] = [];
  private readonly modules = new Map<string, ProjectFile>();
  private readonly classesByQname = new Map<string, ClassEntry>();
  /** Every class, also those defined inside functions, in registration order. */
  private readonly classList: ClassEntry[] = [];
  private readonly functionsByQname = new Map<string, FunctionEntry>();
  private readonly functionEntries = new Map<string, FunctionEntry>();
  private readonly classEntries = new Map<string, ClassEntry>();
  /** Last part of the called name (`DataLoader`, `append`), or `<dynamic>` -> call sites. */
  private readonly callSitesByName = new Map<string, CallSite[]>();
  /** Qualified name of a module-level container -> the stores into it (`OPS[k] = v`, `OPS.append(v)`). */
  private readonly elementStoresByQname = new Map<string, { store: ElementStoreFact; in: FunctionEntry }[]>();
  /** Module-level calls of a registering method (`MODEL._register_module(RandLANet)`), in registration order. */
  private readonly registeringCallList: CallSite[] = [];
  /** Last part of a base's name, or `<dynamic>` -> classes with such a base. */
  private readonly classesByBaseName = new Map<string, ClassEntry[]>();
  private readonly resolveCache = new Map<string, Symbol | null>();
  private readonly mroCache = new Map<ClassEntry, ClassEntry[]>();
  private readonly derivesCache = new Map<string, boolean>();
  private readonly loading = new Set<string>();
  /** Bumped by every registered file: answers that depend on the set of classes are cached per generation. */
  private generation = 0;
  private readonly subclassesCache = new Map<ClassEntry, { generation: number; subclasses: ClassEntry[] }>();
  dynamicBases: DynamicBaseResolver | null = null;
  private readonly endingsOf = new WeakMap<ReadonlySet<string>, Set<string>>();
  private readonly derivingNames = new WeakMap<ReadonlySet<string>, Set<string>>();
  private skimReleased = false;

  constructor(
    files: ProjectFile[],
    private readonly lazy: LazyModules | null = null,
  ) {
    for (const file of files) this.register(file);
  }

  private register(file: ProjectFile): void {
    this.files.push(file);
    this.generation++;
    if (!this.modules.has(file.facts.module)) this.modules.set(file.facts.module, file);
    if (file.sharedModule !== undefined && !this.modules.has(file.sharedModule)) this.modules.set(file.sharedModule, file);
    const classes = file.facts.classes.map((cls) => {
      const scope = cls.scope === null ? '' : `${file.facts.functions[cls.scope].id}.<locals>.`;
      const entry: ClassEntry = { qname: `${prefix(file.facts.module)}${scope}${cls.name}`, file, fact: cls };
      this.classList.push(entry);
      if (cls.scope === null && !this.classesByQname.has(entry.qname)) this.classesByQname.set(entry.qname, entry);
      for (const base of cls.bases) push(this.classesByBaseName, lastPart(base.chain), entry);
      if (cls.dynamicBases.length > 0) push(this.classesByBaseName, '<dynamic>', entry);
      return entry;
    });
    classes.forEach((entry, position) => this.classEntries.set(`${file.path}#${position}`, entry));
    file.facts.functions.forEach((fact, index) => {
      const owner = fact.classIndex === null ? null : classes[fact.classIndex];
      const entry: FunctionEntry = { file, fact, index, owner };
      this.functionEntries.set(`${file.path}#${index}`, entry);
      if (!fact.className && !fact.isLambda && fact.id !== '<module>' && fact.enclosing === null) {
        // A later definition of the same name wins, as in Python.
        this.functionsByQname.set(`${prefix(file.facts.module)}${fact.name}`, entry);
      }
    });
    file.facts.functions.forEach((fact, index) => {
      const entry = this.functionAt(file, index);
      for (const call of fact.calls) {
        const site = { call, in: entry };
        const name = call.callee ? lastPart(call.callee.chain) : '<dynamic>';
        push(this.callSitesByName, name, site);
        // `DL(...)` after `from torch.utils.data import DataLoader as DL` is also found as `DataLoader`.
        const imported = lastPart(call.callee?.qname);
        if (imported && imported !== name) push(this.callSitesByName, imported, site);
        if (fact.id === '<module>' && call.callee?.chain.includes('.') && REGISTERING_METHOD.test(name)) this.registeringCallList.push(site);
      }
      for (const store of fact.elementStores) if (store.container.qname) push(this.elementStoresByQname, store.container.qname, { store, in: entry });
    });
  }

  /** The class at `index` in a file's facts. */
  classAt(file: ProjectFile, index: number): ClassEntry {
    return this.classEntries.get(`${file.path}#${index}`)!;
  }

  /** Stores into the module-level container named `qname`. */
  elementStoresOf(qname: string): readonly { store: ElementStoreFact; in: FunctionEntry }[] {
    return this.elementStoresByQname.get(qname) ?? [];
  }

  /** Call sites whose callee's last name part is `name` (`<dynamic>`: callees that are not plain names). */
  callSitesNamed(name: string): readonly CallSite[] {
    return this.callSitesByName.get(name) ?? [];
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

  // ---- names ----------------------------------------------------------------------------------

  /** Finds the project file of a module, also when the scan root sits inside the package; loads it if needed. */
  private moduleFile(name: string, exact = false): ProjectFile | undefined {
    const parts = name.split('.');
    for (let drop = 0; drop < (exact ? 1 : parts.length); drop++) {
      const candidate = parts.slice(drop).join('.');
      // A name with leading parts dropped means a module in folders of those names.
      if (drop > 0) {
        const target = this.modulePath(candidate);
        if (target === null || !namedByFolders(target, parts.slice(0, drop))) continue;
      }
      const file = this.modules.get(candidate) ?? this.loadModule(candidate);
      if (file) return file;
    }
    return undefined;
  }

  private loadModule(name: string): ProjectFile | undefined {
    const target = this.lazy?.modules.get(name);
    return target ? this.load(target) : undefined;
  }

  /** The path of the file that a module name stands for (registered or not yet loaded), or null. */
  modulePath(name: string): string | null {
    return this.modules.get(name)?.path ?? this.lazy?.modules.get(name) ?? null;
  }

  /**
   * Loads the skipped files that import a module (or its package), so that
   * calls of its functions there are seen (`train.py` calling
   * `build_dataloader(dataset)` without naming a DataLoader itself). A module
   * imported by many skipped files (a library's core) is left alone: past
   * `cap` importers, its callers stay as they are.
   */
  loadImportersOf(module: string, cap = 24): void {
    if (!this.lazy || this.importersAsked.has(module)) return;
    this.importersAsked.add(module);
    const parts = module.split('.');
    // Those that name the module itself first; those that name a package of it (`from pkg import mod`) only while few.
    const paths = new Set(this.lazy.importers.get(module) ?? []);
    if (paths.size > cap) return;
    for (let length = parts.length - 1; length >= 1; length--) {
      const more = this.lazy.importers.get(parts.slice(0, length).join('.')) ?? [];
      if (paths.size + more.length > cap) break;
      for (const file of more) paths.add(file);
    }
    for (const file of paths) this.load(file);
  }
  private readonly importersAsked = new Set<string>();

  /**
   * Loads the skipped files whose class decorators register into a registry
   * reached by one of `names` (once each): no import leads to a class that a
   * config builds. A name that more than `cap` files register by is left
   * alone. Returns whether any file was loaded.
   */
  loadRegistering(names: Iterable<string>, cap = 24): boolean {
    let loaded = false;
    for (const name of names) {
      const files = this.lazy?.registering.get(name);
      if (!files) continue;
      this.lazy!.registering.delete(name);
      // A registry that hundreds of files fill (a library's `MODELS`) holds models, not the few transforms a config picks.
      if (files.length > cap) continue;
      for (const file of files) loaded = this.load(file) !== undefined || loaded;
    }
    return loaded;
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
    // The longest prefix that names a module as it is (`data.data` is the name `data` in module `data`); when the
    // rest is not found there, the longest that names a module with leading packages dropped (the scan root inside
    // the package, or a folder that is not a package: `utils.utils` is the module `utils` in folder `utils`).
    let exact = parts.length;
    while (exact >= 1 && !this.moduleFile(parts.slice(0, exact).join('.'), true)) exact--;
    if (exact > 0 && exact < parts.length) {
      const found = this.resolveFrom(qname, parts, exact, depth);
      if (found && found.kind !== 'external') return found;
    }
    return this.resolveFrom(qname, parts, parts.length, depth);
  }

  private resolveFrom(qname: string, parts: string[], longest: number, depth: number): Symbol | null {
    for (let length = longest; length >= 1; length--) {
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
      // `from m import *`: the first star-imported module that defines the name (as Python's last import would win, the
      // modules are asked in reverse order).
      if (!file.facts.moduleNames.includes(name)) {
        for (const star of [...file.facts.starImports].reverse()) {
          // A module not parsed yet is loaded only if its text defines the name at its top level.
          const unparsed = this.modules.has(star) ? null : this.lazy?.modules.get(star);
          if (unparsed && !topLevelNamesOf(unparsed).has(name) && !topLevelNamesOf(unparsed).has('*')) continue;
          const found = this.resolve([star, name, ...tail].join('.'), depth + 1);
          const starFile = this.modules.get(star) ?? (unparsed ? this.moduleFile(star) : undefined);
          if (found && (found.kind !== 'external' || !starFile)) return found;
        }
      }
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

  /**
   * `externalName(ref)` when it is one of `names`, else null. A name that
   * cannot end as one of them (`self.load()` for `get_worker_info`) is not
   * followed, so asking about every call of a function loads no modules for
   * the calls that do not matter. A project re-export under another name
   * (`from torch.utils.data import get_worker_info as info`, imported
   * elsewhere) is not seen.
   */
  externalNameIn(ref: NameRef | null, names: ReadonlySet<string>): string | null {
    if (!ref) return null;
    let endings = this.endingsOf.get(names);
    if (!endings) {
      endings = new Set([...names].map((name) => lastPart(name)));
      this.endingsOf.set(names, endings);
    }
    if (!endings.has(lastPart(ref.chain)) && !endings.has(lastPart(ref.qname))) return null;
    const external = this.externalName(ref);
    return external !== null && names.has(external) ? external : null;
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
      if (current.fact.dynamicBases.length > 0 && this.dynamicBases) {
        for (const baseClass of this.dynamicBases(current)) visit(baseClass, depth + 1);
      }
    };
    visit(cls, 0);
    this.mroCache.set(cls, order);
    return order;
  }

  /**
   * The names that may stand for a class deriving from one of `roots`, by
   * name alone: the roots' last parts, then (to a fixpoint) every class with a
   * base of such a name or a base that is not a plain name, and every alias
   * of such a name. Parsed files give their classes and imports; skimmed
   * files their class headers and `as` aliases. Files loaded later were
   * skimmed before, so the set never has to grow.
   */
  private namesThatMayDerive(roots: ReadonlySet<string>): Set<string> | null {
    const known = this.derivingNames.get(roots);
    if (known) return known;
    // Without the skimmed files' names, a set built now could miss a class: no screen.
    if (this.skimReleased) return null;
    const dependents = new Map<string, string[]>();
    const names = new Set([...roots].map((root) => lastPart(root)));
    const edge = (from: string, to: string) => push(dependents, from, to);
    for (const cls of this.classList) {
      if (cls.fact.dynamicBases.length > 0) names.add(cls.fact.name);
      for (const base of cls.fact.bases) {
        edge(lastPart(base.chain), cls.fact.name);
        if (base.qname) edge(lastPart(base.qname), cls.fact.name);
      }
    }
    for (const file of this.files) for (const binding of file.facts.imports) edge(lastPart(binding.qname), binding.local);
    for (const header of this.lazy?.headers ?? []) {
      for (const base of header.bases) {
        if (base === UNKNOWN_BASE) names.add(header.name);
        else edge(base, header.name);
      }
    }
    for (const [name, alias] of this.lazy?.aliases ?? []) edge(name, alias);
    const queue = [...names];
    for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
      for (const dependent of dependents.get(name) ?? []) {
        if (names.has(dependent)) continue;
        names.add(dependent);
        queue.push(dependent);
      }
    }
    this.derivingNames.set(roots, names);
    return names;
  }

  /**
   * Drops what the skim found (class headers, aliases) once the screens that
   * need it are built; a screen asked for later is not built (every class is
   * followed), so releasing early costs time, never a finding.
   */
  releaseSkimmedNames(): void {
    this.skimReleased = true;
    if (this.lazy) {
      this.lazy.headers = [];
      this.lazy.aliases = [];
    }
  }

  /** Whether `cls` derives, through project classes, from one of the external classes in `roots`. */
  derivesFrom(cls: ClassEntry, roots: ReadonlySet<string>): boolean {
    const key = `${cls.file.path}#${cls.fact.start}|${[...roots].join(',')}`;
    const cached = this.derivesCache.get(key);
    if (cached !== undefined) return cached;
    // A class none of whose bases can be such a class by name is not followed: its bases' modules stay unloaded.
    const names = this.namesThatMayDerive(roots);
    if (names && cls.fact.dynamicBases.length === 0 && !cls.fact.bases.some((base) => names.has(lastPart(base.chain)) || (base.qname !== null && names.has(lastPart(base.qname))))) {
      this.derivesCache.set(key, false);
      return false;
    }
    this.derivesCache.set(key, false);
    let result = false;
    for (const current of this.mro(cls)) {
      for (const base of current.fact.bases) {
        const symbol = this.resolve(base.qname);
        if (symbol?.kind === 'external' && roots.has(symbol.qname)) result = true;
      }
    }
    this.derivesCache.set(key, result);
    return result;
  }

  /** Project classes that have `cls` among their bases (directly or not), found through the base-name index. */
  subclassesOf(cls: ClassEntry): ClassEntry[] {
    const cached = this.subclassesCache.get(cls);
    if (cached && cached.generation === this.generation) return cached.subclasses;
    const subclasses: ClassEntry[] = [];
    const queue = [cls];
    for (let position = 0; position < queue.length; position++) {
      const current = queue[position];
      const candidates = [...(this.classesByBaseName.get(current.fact.name) ?? []), ...(this.classesByBaseName.get('<dynamic>') ?? [])];
      for (const candidate of candidates) {
        if (candidate === cls || subclasses.includes(candidate) || !this.mro(candidate).includes(current)) continue;
        subclasses.push(candidate);
        queue.push(candidate);
      }
    }
    this.subclassesCache.set(cls, { generation: this.generation, subclasses });
    return subclasses;
  }

  /** Module-level calls of a registering method of some object (`R.register_module(module=Cls)`), of the loaded files, in registration order. */
  registeringCalls(): readonly CallSite[] {
    return this.registeringCallList;
  }

  /** Every class of the loaded files, also classes defined inside functions. */
  allClasses(): readonly ClassEntry[] {
    return this.classList;
  }

  lookupMethod(cls: ClassEntry, name: string): FunctionEntry | null {
    for (const current of this.mro(cls)) {
      const index = Object.hasOwn(current.fact.methods, name) ? current.fact.methods[name] : undefined;
      if (index !== undefined) return this.functionAt(current.file, index);
    }
    return null;
  }

  /** Looks a method up in the classes after `definingClass` in `cls`'s order: what `super().name` finds. */
  lookupSuperMethod(cls: ClassEntry, definingClass: ClassEntry, name: string): FunctionEntry | null {
    const order = this.mro(cls);
    const position = order.indexOf(definingClass);
    for (const current of order.slice(position + 1)) {
      const index = Object.hasOwn(current.fact.methods, name) ? current.fact.methods[name] : undefined;
      if (index !== undefined) return this.functionAt(current.file, index);
    }
    return null;
  }

  /** Every `self.name = value` in the class and its bases, and class-level `name = value`. */
  attributeAssignments(cls: ClassEntry, name: string): { assignment: AssignmentFact; in: FunctionEntry }[] {
    const found: { assignment: AssignmentFact; in: FunctionEntry }[] = [];
    for (const current of this.mro(cls)) {
      for (const assignment of current.fact.attributes) {
        if (assignment.target.chain === name) found.push({ assignment, in: current.fact.scope === null ? this.moduleCode(current.file) : this.functionAt(current.file, current.fact.scope) });
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
  constructorCalls(cls: ClassEntry): CallSite[] {
    const init = this.lookupMethod(cls, '__init__')?.owner;
    const classes = [cls, ...this.subclassesOf(cls).filter((subclass) => this.lookupMethod(subclass, '__init__')?.owner === init)];
    const calls: CallSite[] = [];
    for (const entry of classes) {
      for (const site of this.callSitesNamed(entry.fact.name)) {
        if (site.call.callee?.qname && this.resolveClass(site.call.callee) === entry) calls.push(site);
      }
    }
    return calls;
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

/** `def name`, `class name` and `name =` at the margin of a file not parsed yet, read from its text once. */
const topLevelNames = new Map<string, Set<string>>();
function topLevelNamesOf(file: string): Set<string> {
  let names = topLevelNames.get(file);
  if (!names) {
    names = new Set<string>();
    let text = '';
    try {
      text = readFileSync(file, 'latin1');
    } catch {
      // Unreadable: it defines nothing we can see.
    }
    for (const match of text.matchAll(/^(?:(?:async[ \t]+)?def|class)[ \t]+(\w+)|^(\w+)[ \t]*(?::[^=\n]*)?=(?!=)|^from[ \t]+\S+[ \t]+import[ \t]+\*/gm)) {
      // A star import of its own may bring any name.
      if (!match[1] && !match[2]) names.add('*');
      names.add(match[1] ?? match[2] ?? '*');
    }
    if (names.has('*')) names = new Set(['*']);
    topLevelNames.set(file, names);
  }
  return names;
}

/** The last dotted part of a name: `pkg.mod.Noisy` -> `Noisy`. */
export function lastPart(qname: string | null | undefined): string {
  return qname ? qname.slice(qname.lastIndexOf('.') + 1) : '';
}

function prefix(module: string): string {
  return module ? `${module}.` : '';
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
