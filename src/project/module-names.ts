/**
 * Module names for files that share one: research code keeps scripts in
 * folders without `__init__.py`, each with its own `dataset.py` or `utils.py`,
 * and a script's `from dataset import X` means the file beside it (Python puts
 * the script's folder first on `sys.path`). Such files get names made unique
 * by the folders above them (`segmentation.dataset`), and each file's imports
 * of a shared name are renamed to the file that Python would find from there.
 * Files whose names are unique keep them, and their facts are not touched.
 */
import path from 'node:path';
import { packageRelativePath } from '../discover.js';
import type { FileFacts, NameRef } from '../python/fact-types.js';
import { moduleNameOf } from '../python/facts.js';

/** How many folders up from a file an import is looked for, as `sys.path` entries: the script's folder and those above it. */
const MAX_FOLDERS_UP = 8;

interface Named {
  /** The name as the file's own package path gives it: `dataset`, `pkg.data`. */
  base: string;
  /** Unique among the files given: the base, or the base under as many folders as make it unique. */
  unique: string;
}

/**
 * Whether the folders just above a file's top package are named `dropped`
 * (outermost first): `utils.utils` may mean the module `utils` of
 * `utils/utils.py` (a folder that is not a package, on `sys.path` through its
 * parent), but `torch_xla.core` never means a project's `core.py` elsewhere.
 */
export function namedByFolders(file: string, dropped: readonly string[]): boolean {
  const relative = packageRelativePath(file);
  const folders = file.slice(0, file.length - relative.length - 1).split(path.sep).filter(Boolean);
  if (dropped.length > folders.length) return false;
  return dropped.every((name, position) => folders[folders.length - dropped.length + position] === name);
}

export class ModuleNaming {
  private readonly byPath = new Map<string, Named>();
  /** Base names that several files have. */
  private readonly shared = new Set<string>();
  /** `importTarget`'s answers, by the importing file's folder and the written name. */
  private readonly targets = new Map<string, [string, string] | null>();

  constructor(paths: readonly string[]) {
    const groups = new Map<string, { file: string; folders: string[] }[]>();
    for (const file of paths) {
      if (!file.endsWith('.py')) continue;
      const relative = packageRelativePath(file);
      const base = moduleNameOf(relative);
      // The folders above the file's top package, nearest first, as name parts.
      const top = file.slice(0, file.length - relative.length - 1);
      const folders = top.split(path.sep).filter(Boolean).reverse().map((folder) => folder.replace(/\W/g, '_'));
      const group = groups.get(base) ?? [];
      group.push({ file, folders });
      groups.set(base, group);
    }
    for (const [base, group] of groups) {
      if (group.length === 1) {
        this.byPath.set(group[0].file, { base, unique: base });
        continue;
      }
      this.shared.add(base);
      const deepest = Math.max(...group.map(({ folders }) => folders.length));
      let depth = 1;
      const nameAt = (folders: string[], count: number) => [...folders.slice(0, count).reverse(), base].join('.');
      while (depth < deepest && new Set(group.map(({ folders }) => nameAt(folders, depth))).size < group.length) depth++;
      for (const { file, folders } of group) this.byPath.set(file, { base, unique: nameAt(folders, depth) });
    }
  }

  /** The module name of a file: unique among the files given. */
  moduleOf(file: string): string {
    return this.byPath.get(file)?.unique ?? moduleNameOf(packageRelativePath(file));
  }

  /** The name the file's own package path gives it, which other files' imports may still use. */
  baseOf(file: string): string {
    return this.byPath.get(file)?.base ?? moduleNameOf(packageRelativePath(file));
  }

  /**
   * The module an absolute import written in `from` names, when it is one of
   * the shared names: `[written module, unique name]` (`dataset` ->
   * `segmentation.dataset`), found as Python would from the importing file's
   * folder and those above it. Null when the written name needs no renaming.
   */
  importTarget(written: string, from: string): [string, string] | null {
    if (this.shared.size === 0) return null;
    const parts = written.split('.');
    if (!parts.some((_, length) => this.shared.has(parts.slice(0, length + 1).join('.')) || this.shared.has(parts.slice(length).join('.')))) return null;
    // The answer depends only on the importing file's folder: the files of a folder import much the same modules.
    const key = `${path.dirname(from)}\0${written}`;
    const known = this.targets.get(key);
    if (known !== undefined) return known;
    const target = this.findTarget(parts, path.dirname(from));
    this.targets.set(key, target);
    return target;
  }

  private findTarget(parts: string[], start: string): [string, string] | null {
    let folder = start;
    for (let up = 0; up < MAX_FOLDERS_UP; up++) {
      for (let length = parts.length; length >= 1; length--) {
        const stem = path.join(folder, ...parts.slice(0, length));
        const target = this.byPath.get(`${stem}.py`) ?? this.byPath.get(path.join(stem, '__init__.py'));
        if (!target) continue;
        const module = parts.slice(0, length).join('.');
        return this.shared.has(target.base) && target.unique !== module ? [module, target.unique] : null;
      }
      const parent = path.dirname(folder);
      if (parent === folder) break;
      folder = parent;
    }
    return null;
  }

  /**
   * Renames, in place, the module of a file's facts and the names its imports
   * bring in, where a shared module name means another file than its base
   * name says. Every qualified name in the facts that starts with a renamed
   * module is renamed too.
   */
  adopt(file: string, facts: FileFacts): void {
    const renames = new Map<string, string>();
    const own = this.moduleOf(file);
    if (own !== facts.module) renames.set(facts.module, own);
    for (const written of [...facts.imports.map((binding) => binding.qname), ...facts.starImports]) {
      const target = this.importTarget(written, file);
      if (target && !renames.has(target[0])) renames.set(target[0], target[1]);
    }
    if (renames.size === 0) return;
    // Longest first: `a.b` is renamed before `a`.
    const ordered = [...renames].sort((a, b) => b[0].length - a[0].length);
    const rename = (qname: string): string => {
      for (const [from, to] of ordered) if (qname === from || qname.startsWith(`${from}.`)) return to + qname.slice(from.length);
      return qname;
    };
    facts.module = own;
    for (const binding of facts.imports) binding.qname = rename(binding.qname);
    facts.starImports = facts.starImports.map(rename);
    const seen = new Set<object>();
    const visit = (value: unknown): void => {
      if (typeof value !== 'object' || value === null || seen.has(value)) return;
      seen.add(value);
      if (Array.isArray(value)) {
        for (const item of value) visit(item);
        return;
      }
      const ref = value as Partial<NameRef>;
      if (typeof ref.chain === 'string' && typeof ref.qname === 'string') ref.qname = rename(ref.qname);
      for (const field of Object.values(value)) visit(field);
    };
    visit(facts.functions);
    visit(facts.classes);
  }
}
