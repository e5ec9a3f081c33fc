/**
 * Which files have uncommitted changes (modified, staged or untracked) in
 * their git work tree: `--write` and `-i` leave those alone unless `--force`,
 * so that every change rng-fix makes can be reviewed and reverted with git.
 */
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import path from 'node:path';

function git(cwd: string, args: string[]): string | null {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  return result.status === 0 ? result.stdout : null;
}

const topLevels = new Map<string, string | null>();

/** The root of the git work tree holding `directory`, or null outside one. */
export function gitTopLevel(directory: string): string | null {
  if (!topLevels.has(directory)) topLevels.set(directory, git(directory, ['rev-parse', '--show-toplevel'])?.trim() || null);
  return topLevels.get(directory)!;
}

/** The path with every symbolic link resolved; git reports real paths, a user may give a link. */
export function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/** Which of `files` (and other files of their work trees) have uncommitted changes, compared by real path. */
export function uncommittedFiles(files: string[]): (file: string) => boolean {
  const dirty = new Set<string>();
  for (const file of files) gitTopLevel(path.dirname(file));
  for (const top of new Set(files.map((file) => gitTopLevel(path.dirname(file))))) {
    if (!top) continue;
    const status = git(top, ['status', '--porcelain=v1', '-z', '--untracked-files=all']);
    if (status === null) continue;
    const entries = status.split('\0');
    for (let index = 0; index < entries.length; index++) {
      const entry = entries[index];
      if (entry.length < 4) continue;
      dirty.add(realPath(path.join(top, entry.slice(3))));
      // A rename is followed by its original path.
      if (entry[0] === 'R' || entry[0] === 'C') index++;
    }
  }
  return (file) => dirty.has(realPath(file));
}
