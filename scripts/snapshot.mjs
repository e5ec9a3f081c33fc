// Checks out a repository at a commit from a snapshot that the search tool's
// `fetch` brought to /work/.mirror (or RNG_FIX_MIRROR), once, into a cache
// folder. Used by the real-code benchmark (`npm run eval`) and by the speed
// benchmark's real-repository corpus (`npm run bench`). Needs no network.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const MIRROR = process.env.RNG_FIX_MIRROR ?? '/work/.mirror';

/** The folder holding `repo` (owner/name) at `commit` under `cache`, or null when there is no snapshot of it. */
export function checkout(repo, commit, cache) {
  const dir = path.join(cache, `${repo.replace('/', '+')}@${commit.slice(0, 12)}`);
  if (existsSync(path.join(dir, '.complete'))) return dir;
  // A snapshot is a bare repository, or a clone's `.git`.
  const snapshot = path.join(MIRROR, repo.replace('/', '+'), 'repo');
  const gitDir = existsSync(path.join(snapshot, '.git')) ? path.join(snapshot, '.git') : snapshot;
  if (!existsSync(gitDir)) return null;
  mkdirSync(dir, { recursive: true });
  // Only what the scan reads: sources, notebooks and requirement files (a snapshot lacks its large files, which `git archive` of everything trips on).
  const listing = spawnSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-z', '--name-only', commit], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (listing.status !== 0) return null;
  const wanted = listing.stdout.split('\0').filter((name) => /(\.(py|ipynb|toml|cfg|ya?ml)|requirements[^/]*\.txt|\.gitignore)$/.test(name));
  for (let start = 0; start < wanted.length; start += 500) {
    const archive = spawnSync('git', ['--git-dir', gitDir, 'archive', '--format=tar', commit, '--', ...wanted.slice(start, start + 500)], { maxBuffer: 1 << 30 });
    if (archive.status !== 0) return null;
    execFileSync('tar', ['-x', '-C', dir], { input: archive.stdout, maxBuffer: 1 << 30 });
  }
  writeFileSync(path.join(dir, '.complete'), '');
  return dir;
}
