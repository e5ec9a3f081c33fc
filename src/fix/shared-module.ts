/**
 * One helper per package. When fixes in several modules of one folder need
 * the same helper (`_reseed_for_worker`, `_seed_numpy_for_worker`, ...), the
 * helper is written once, in a module of its own beside them
 * (`_worker_rng.py`), and each module imports it, instead of a copy per file.
 * The new module imports only the standard library, NumPy and torch, so the
 * imports it adds can make no cycle. A module is only shared with files whose
 * way of being imported the code shows: a file that already uses relative
 * imports imports it relatively (`from ._worker_rng import ...`), a file other
 * modules import by its module name imports it by the matching absolute name;
 * any other file (a script run on its own, a notebook) keeps its own copy.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FileFacts } from '../python/facts.js';
import type { ProjectFile, ProjectIndex } from '../project/index.js';
import { isWorkerAware } from '../project/rng-sources.js';
import { expandPreamble, type Fix, type HelperItem, type PreambleItem } from './fix.js';
import { freeName } from './python-code.js';

/** The shared module's name, and the first words of its docstring, by which a later run knows it. */
export const SHARED_MODULE = '_worker_rng';
const DOCSTRING_START = 'Helpers that rng-fix added';
const DOCSTRING = `"""${DOCSTRING_START}: DataLoader (and Keras) workers start with copies of the
parent process's random state; these reseed it once in each worker.
"""
`;

/** How a file names a module that sits beside it: `.name` (relative) or `pkg.sub.name`; null when the code does not show it. */
function siblingModuleName(file: ProjectFile, importers: ReadonlyMap<string, number>, name: string): string | null {
  // A notebook, or a module that is also run as a script, imports nothing new.
  if (file.notebook || /^if[ \t]+__name__[ \t]*==/m.test(file.source.text)) return null;
  // `from .x import y` at the top of the file: it is only ever imported as part of its package.
  if (/^from[ \t]+\.+/m.test(file.source.text)) return `.${name}`;
  const module = file.facts.module;
  if (!module || (importers.get(module) ?? 0) === 0) return null;
  // A name made unique by its folders (`segmentation.dataset`) is still a top-level module.
  if (file.sharedModule !== undefined) return file.sharedModule.includes('.') ? `.${name}` : name;
  // Imported by other modules as part of its package: a relative import works as theirs do; a top-level module imports by name.
  return module.includes('.') ? `.${name}` : name;
}

/** How many other project files import each module by name. */
function importersByModule(index: ProjectIndex): Map<string, number> {
  const counts = new Map<string, number>();
  for (const file of index.files) {
    const imported = new Set<string>();
    for (const binding of file.facts.imports) {
      // The longest prefix of the imported name that is a module of the project (without loading anything).
      const parts = binding.qname.split('.');
      for (let length = parts.length; length >= 1; length--) {
        const module = parts.slice(0, length).join('.');
        const target = index.modulePath(module);
        if (target === null) continue;
        if (target !== file.path) imported.add(module);
        break;
      }
    }
    for (const module of imported) counts.set(module, (counts.get(module) ?? 0) + 1);
  }
  return counts;
}

function emptyFacts(module: string): FileFacts {
  return { module, imports: [], classes: [], functions: [], moduleNames: [], importInsertion: { offset: DOCSTRING.length - 1, afterImport: false }, importStatements: [], starImports: [] };
}

/**
 * The shared module of a folder: the one a run before wrote, or a new file,
 * under a module name no other file of the project has (two folders of
 * top-level modules would otherwise share one name, and imports could not
 * tell their modules apart). `taken` holds the names of modules this run creates.
 */
function sharedModuleIn(index: ProjectIndex, folder: string, like: ProjectFile, taken: Set<string>): ProjectFile | null {
  const packageName = like.facts.module.includes('.') ? like.facts.module.slice(0, like.facts.module.lastIndexOf('.')) : '';
  for (let suffix = 1; suffix < 100; suffix++) {
    const name = suffix === 1 ? SHARED_MODULE : `${SHARED_MODULE}_${suffix}`;
    const file = path.join(folder, `${name}.py`);
    const module = packageName ? `${packageName}.${name}` : name;
    const elsewhere = index.modulePath(module);
    const known = index.files.find((candidate) => candidate.path === file) ?? (existsSync(file) ? index.load(file) : undefined);
    if (known) {
      if (known.source.text.includes(DOCSTRING_START) && (elsewhere === null || elsewhere === file)) return known;
      continue;
    }
    if (existsSync(file) || elsewhere !== null || taken.has(module)) continue;
    const displayPath = path.join(path.dirname(like.displayPath), `${name}.py`).split(path.sep).join('/');
    return { path: file, displayPath, source: { text: DOCSTRING.replace(/\n/g, like.source.eol), encoding: 'utf-8', bom: false, eol: like.source.eol }, facts: emptyFacts(module), created: true };
  }
  return null;
}

interface Need {
  fix: Fix;
  item: HelperItem;
}

/**
 * Moves helpers that two or more files of one folder need into that folder's
 * shared module, and makes each of those files import them. Fixes are changed
 * in place; each keeps, for its own file, the import, and for the shared
 * module, the helper, so that any one fix applied on its own works.
 */
export function shareHelpers(fixes: readonly Fix[], index: ProjectIndex): void {
  const needs: Need[] = [];
  for (const fix of fixes) for (const item of fix.preamble) if (item.kind === 'helper' && item.shared && !item.file.created) needs.push({ fix, item });
  const byFolder = new Map<string, Need[]>();
  for (const need of needs) {
    const folder = path.dirname(need.item.file.path);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), need]);
  }
  let importers: Map<string, number> | null = null;
  const created = new Set<string>();
  for (const [folder, folderNeeds] of byFolder) {
    importers ??= importersByModule(index);
    const named = new Map<ProjectFile, string | null>();
    const nameOf = (file: ProjectFile, module: string) => {
      if (!named.has(file)) named.set(file, siblingModuleName(file, importers!, module));
      return named.get(file)!;
    };
    const module = sharedModuleIn(index, folder, folderNeeds[0].item.file, created);
    if (!module) continue;
    const moduleName = path.basename(module.path, '.py');
    const sharing = folderNeeds.filter((need) => nameOf(need.item.file, moduleName) !== null);
    // A new module is made for two files or more; one an earlier run made serves a single file too.
    if (new Set(sharing.map((need) => need.item.file)).size < (module.created ? 2 : 1)) continue;
    if (module.created) created.add(module.facts.module);
    // One helper in the module per identity, made once.
    const written = new Map<string, { name: string; item: HelperItem | null }>();
    const helperFor = (item: HelperItem) => {
      const shared = item.shared!;
      let known = written.get(shared.identity);
      if (!known) {
        const existing = module.created ? undefined : existingHelper(index, module, shared.name);
        const name = existing ?? freeName(module, shared.name, [...written.values()].map((entry) => entry.name));
        known = { name, item: existing ? null : shared.build(module, name) };
        written.set(shared.identity, known);
      }
      return known;
    };
    for (const { fix, item } of sharing) {
      const { name, item: helper } = helperFor(item);
      const from = nameOf(item.file, moduleName)!;
      // A file that imports the helper already (an earlier run's fix) calls it by that name.
      const bound = item.file.facts.imports.find((binding) => binding.topLevel && binding.qname === `${module.facts.module}.${name}`)?.local;
      // Otherwise the file calls it by the module's name, unless it already binds that name to something else.
      const local = bound ?? (name === item.key || !item.file.facts.moduleNames.includes(name) ? name : item.key);
      if (local !== item.key) renameInEdits(fix, item.file, item.key, local);
      const line = `from ${from} import ${local === name ? name : `${name} as ${local}`}`;
      const imported: PreambleItem[] = bound ? [] : [{ file: item.file, kind: 'import', key: line, code: line, module: from, project: true }];
      fix.preamble = fix.preamble.flatMap((entry) => (entry === item ? [...imported, ...(helper ? [helper] : [])] : [entry]));
    }
  }
}

/** Calls of the helper in a fix's edits of `file` name it `to` instead of `from`. */
function renameInEdits(fix: Fix, file: ProjectFile, from: string, to: string): void {
  const call = new RegExp(`(?<![\\w.])${from}\\(`, 'g');
  fix.edits = fix.edits.map((edit) => (edit.file === file ? { ...edit, text: edit.text.replace(call, `${to}(`) } : edit));
}

/** The helper `name` a shared module of an earlier run defines (a function that asks which worker it runs in). */
function existingHelper(index: ProjectIndex, module: ProjectFile, name: string): string | undefined {
  const position = module.facts.functions.findIndex((fact) => fact.name === name && !fact.className && fact.enclosing === null && !fact.isLambda);
  return position >= 0 && isWorkerAware(index.functionAt(module, position), index) ? name : undefined;
}

/** Every file a fix touches, the shared module included. */
export function createdFilesOf(fix: Fix): ProjectFile[] {
  return [...new Set(expandPreamble(fix.preamble).map((item) => item.file).filter((file) => file.created))];
}
