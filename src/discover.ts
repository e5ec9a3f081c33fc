/**
 * Which files a run scans: `.py` files under the given folders, minus what
 * `.gitignore` excludes, hidden folders (`.git`, `.venv`), virtual
 * environments, `site-packages`, `node_modules` and build output. A file named
 * on the command line is always scanned.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fastGlob from 'fast-glob';
import ignore, { type Ignore } from 'ignore';

export const DEFAULT_EXCLUDES = [
  '**/.*/**',
  '**/node_modules/**',
  '**/site-packages/**',
  '**/__pycache__/**',
  '**/venv/**',
  '**/build/**',
  '**/dist/**',
  '**/*.egg-info/**',
];

export class MissingPathError extends Error {}

/** Files that mark the top folder of a Python project. */
const PROJECT_MARKERS = ['pyproject.toml', 'setup.py', 'setup.cfg', 'requirements.txt', '.git'];

/**
 * The project a path belongs to: the nearest folder, from the path upwards,
 * that holds `pyproject.toml`, `setup.py`, `setup.cfg`, `requirements.txt` or
 * `.git`; the path itself (or a file's folder) when there is none. The analysis
 * reads the whole project, so that what is found in a folder does not depend on
 * where the scan starts.
 */
export function projectRootOf(absolute: string): string {
  let start = absolute;
  try {
    if (!statSync(absolute).isDirectory()) start = path.dirname(absolute);
  } catch {
    return absolute;
  }
  for (let directory = start; ; directory = path.dirname(directory)) {
    if (PROJECT_MARKERS.some((marker) => existsSync(path.join(directory, marker)))) return directory;
    if (path.dirname(directory) === directory) return start;
  }
}

export async function discoverFiles(paths: string[], cwd: string, exclude: string[] = []): Promise<string[]> {
  const found = new Set<string>();
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stats;
    try {
      stats = statSync(absolute);
    } catch {
      throw new MissingPathError(`${given}: no such file or directory`);
    }
    if (!stats.isDirectory()) {
      found.add(absolute);
      continue;
    }
    for (const file of await filesUnder(absolute, exclude)) found.add(file);
  }
  return [...found].sort();
}

/**
 * The Python files and notebooks under a folder, minus what `.gitignore`
 * files exclude: those found in the same walk, and those of the folders
 * above it up to the repository's top. Rules of a deeper `.gitignore` win,
 * as in git.
 */
/** Git matches .gitignore patterns without regard to case where the file system does (its default core.ignorecase). */
const IGNORE_CASE = process.platform === 'darwin' || process.platform === 'win32';

async function filesUnder(folder: string, exclude: string[]): Promise<string[]> {
  const entries = await fastGlob(['**/*.{py,ipynb}', '**/.gitignore'], {
    cwd: folder,
    dot: true,
    followSymbolicLinks: false,
    ignore: [...DEFAULT_EXCLUDES, ...exclude],
    suppressErrors: true,
  });
  const rules = new Map<string, Ignore>();
  const addRules = (directory: string, file: string) => {
    try {
      rules.set(directory, ignore({ ignorecase: IGNORE_CASE }).add(readFileSync(file, 'utf8')));
    } catch {
      // An unreadable .gitignore excludes nothing.
    }
  };
  for (const directory of foldersAbove(folder)) addRules(directory, path.join(directory, '.gitignore'));
  for (const entry of entries) if (path.posix.basename(entry) === '.gitignore') addRules(path.join(folder, path.posix.dirname(entry)), path.join(folder, entry));
  const files: string[] = [];
  for (const entry of entries) {
    // Hidden files are not scanned (`dot` is on only to find the .gitignore files).
    if (path.posix.basename(entry).startsWith('.')) continue;
    const absolute = path.join(folder, entry);
    if (rules.size === 0 || !ignoredByGit(absolute, rules)) files.push(absolute);
  }
  return files;
}

/** Folders above `folder` whose .gitignore applies to it: up to the repository's top (the folder holding .git), if any. */
function foldersAbove(folder: string): string[] {
  // The top of a repository (also one inside another) reads no .gitignore above itself.
  if (existsSync(path.join(folder, '.git'))) return [];
  const above: string[] = [];
  for (let directory = path.dirname(folder); ; directory = path.dirname(directory)) {
    above.unshift(directory);
    if (existsSync(path.join(directory, '.git'))) return above.filter((candidate) => existsSync(path.join(candidate, '.gitignore')));
    if (path.dirname(directory) === directory) return [];
  }
}

/**
 * Whether git ignores `file`: each folder on its way down, then the file, is
 * judged by every .gitignore above it, the deepest with a matching rule
 * winning; once a folder is ignored, nothing inside it (not even a `!` rule of
 * a .gitignore within it, which git never reads) brings a file back.
 */
function ignoredByGit(file: string, rules: Map<string, Ignore>): boolean {
  const chain: string[] = [];
  for (let directory = path.dirname(file); ; directory = path.dirname(directory)) {
    if (rules.has(directory)) chain.unshift(directory);
    if (path.dirname(directory) === directory) break;
  }
  if (chain.length === 0) return false;
  const below = path.relative(chain[0], file).split(path.sep);
  for (let depth = 1; depth <= below.length; depth++) {
    const target = path.join(chain[0], ...below.slice(0, depth));
    const isFolder = depth < below.length;
    let ignored = false;
    for (const directory of chain) {
      if (directory !== chain[0] && !target.startsWith(directory + path.sep)) continue;
      const relative = path.relative(directory, target).split(path.sep).join('/');
      const verdict = rules.get(directory)!.test(isFolder ? `${relative}/` : relative);
      if (verdict.ignored) ignored = true;
      else if (verdict.unignored) ignored = false;
    }
    if (ignored) return true;
  }
  return false;
}

const packageFolders = new Map<string, boolean>();

function isPackageFolder(directory: string): boolean {
  let known = packageFolders.get(directory);
  if (known === undefined) {
    try {
      known = statSync(path.join(directory, '__init__.py')).isFile();
    } catch {
      known = false;
    }
    packageFolders.set(directory, known);
  }
  return known;
}

/** The path a module name is computed from: relative to the first folder up that is not a package. */
export function packageRelativePath(file: string): string {
  let directory = path.dirname(file);
  const parts = [path.basename(file)];
  for (;;) {
    const isPackage = isPackageFolder(directory);
    const parent = path.dirname(directory);
    if (!isPackage || parent === directory) break;
    parts.unshift(path.basename(directory));
    directory = parent;
  }
  return parts.join('/');
}
