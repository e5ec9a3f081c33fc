/**
 * Which files are analysed together. Files that no import chain links (the
 * projects of a monorepo, independent scripts) cannot tell the analysis
 * anything about each other, so a large tree is analysed a batch of such
 * groups at a time, and the facts of one batch are let go before the next is
 * parsed: memory follows the largest group, not the tree.
 *
 * The groups over-approximate Python's imports: an import links a file to
 * every file its name may mean (the module as written, or, when no module
 * has that name, any module its trailing parts name, as the project index
 * resolves it), and files of one folder always go together (they share the
 * helper module a fix may write beside them).
 */
import path from 'node:path';
import { packageRelativePath, projectRootOf } from './discover.js';
import type { SurveyedFile } from './load.js';
import { KNOWN_LIBRARIES } from './models/index.js';
import { namedByFolders, type ModuleNaming } from './project/module-names.js';
import { moduleNameOf } from './python/facts.js';
import { resolveRelative } from './python/syntax.js';

export interface Batch {
  /** The files to parse: those of its groups that have root words in their code, in path order. */
  parse: string[];
  /** Every file of its groups: findings and fixes in them belong to this batch. */
  members: Set<string>;
}

/** The absolute modules a file's import statements name, relative imports resolved, renamed as `naming` tells files apart. */
export function absoluteImports(file: string, written: readonly string[], naming: ModuleNaming): string[] {
  const relative = packageRelativePath(file);
  const module = moduleNameOf(relative);
  const isPackage = /(^|\/)__init__\.py$/.test(relative);
  const found: string[] = [];
  for (const name of written) {
    const level = /^\.*/.exec(name)![0].length;
    const resolved = level === 0 ? name : resolveRelative(module, isPackage, level, name.slice(level));
    if (!resolved) continue;
    const target = naming.importTarget(resolved, file);
    found.push(target ? target[1] + resolved.slice(target[0].length) : resolved);
  }
  return found;
}

const projectRoots = new Map<string, string>();

/** The project root of a folder (see `projectRootOf`), asked once per folder. */
function projectRoot(folder: string): string {
  let root = projectRoots.get(folder);
  if (root === undefined) {
    root = projectRootOf(folder);
    projectRoots.set(folder, root);
  }
  return root;
}

class UnionFind {
  private readonly parent: number[];
  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, index) => index);
  }
  find(item: number): number {
    let root = item;
    while (this.parent[root] !== root) root = this.parent[root];
    for (let current = item; this.parent[current] !== root; ) [current, this.parent[current]] = [this.parent[current], root];
    return root;
  }
  union(a: number, b: number): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
  }
}

/**
 * Groups the files (in `paths` order) and packs the groups with files to
 * parse into batches of about `budget` bytes of such files; a group larger
 * than that is a batch of its own.
 */
export function planBatches(paths: readonly string[], surveyed: ReadonlyMap<string, SurveyedFile>, naming: ModuleNaming, budget: number): Batch[] {
  const groups = new UnionFind(paths.length);
  const byName = new Map<string, number[]>();
  const named = (name: string, position: number) => {
    const list = byName.get(name) ?? [];
    if (!list.includes(position)) list.push(position);
    byName.set(name, list);
  };
  paths.forEach((file, position) => {
    if (!file.endsWith('.py')) return;
    named(naming.moduleOf(file), position);
    named(naming.baseOf(file), position);
  });
  const byFolder = new Map<string, number>();
  paths.forEach((file, position) => {
    const survey = surveyed.get(file);
    if (!survey) return;
    if (survey.relevant) {
      const folder = path.dirname(file);
      const first = byFolder.get(folder);
      if (first === undefined) byFolder.set(folder, position);
      else groups.union(first, position);
    }
    for (const module of absoluteImports(file, survey.skim.imports, naming)) {
      const parts = module.split('.');
      if (KNOWN_LIBRARIES.has(parts[0])) continue;
      // The longest leading part that names a module; without one, every run of parts that names a module in folders named by the parts before it.
      let linked = false;
      for (let length = parts.length; length >= 1 && !linked; length--) {
        let candidates = byName.get(parts.slice(0, length).join('.')) ?? [];
        // A name several files share, that no folder above the importer settles, means one of its own project's
        // (another project's files of that name are no more likely than each other: none is linked).
        if (candidates.length > 1) {
          const root = projectRoot(path.dirname(file)) + path.sep;
          candidates = candidates.filter((other) => paths[other].startsWith(root));
          if (candidates.length === 0) linked = true;
        }
        for (const other of candidates) {
          groups.union(position, other);
          linked = true;
        }
      }
      if (linked) continue;
      for (let end = parts.length; end >= 1; end--) {
        for (let start = 1; start < end; start++) {
          for (const other of byName.get(parts.slice(start, end).join('.')) ?? []) if (namedByFolders(paths[other], parts.slice(0, start))) groups.union(position, other);
        }
      }
    }
  });
  const members = new Map<number, { parse: string[]; members: string[]; bytes: number }>();
  paths.forEach((file, position) => {
    const root = groups.find(position);
    const group = members.get(root) ?? { parse: [], members: [], bytes: 0 };
    group.members.push(file);
    const survey = surveyed.get(file);
    if (survey?.relevant) {
      group.parse.push(file);
      group.bytes += survey.bytes;
    }
    members.set(root, group);
  });
  const batches: Batch[] = [];
  let current: { parse: string[]; members: string[]; bytes: number } | null = null;
  for (const group of members.values()) {
    if (group.parse.length === 0) continue;
    if (current && current.bytes + group.bytes > budget) {
      batches.push({ parse: current.parse.sort(), members: new Set(current.members) });
      current = null;
    }
    if (!current) current = { parse: [], members: [], bytes: 0 };
    current.parse.push(...group.parse);
    current.members.push(...group.members);
    current.bytes += group.bytes;
  }
  if (current) batches.push({ parse: current.parse.sort(), members: new Set(current.members) });
  return batches;
}
