/**
 * Which files a run scans: `.py` files under the given folders, minus what
 * `.gitignore` excludes, hidden folders (`.git`, `.venv`), virtual
 * environments, `site-packages`, `node_modules` and build output. A file named
 * on the command line is always scanned.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { globby } from 'globby';

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
    const files = await globby('**/*.{py,ipynb}', {
      cwd: absolute,
      absolute: true,
      gitignore: true,
      followSymbolicLinks: false,
      ignore: [...DEFAULT_EXCLUDES, ...exclude],
      suppressErrors: true,
    });
    for (const file of files) found.add(path.normalize(file));
  }
  return [...found].sort();
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
