// The real-repository corpus of the speed benchmark: the eight repositories of
// bench/perf-corpus.txt, at the pinned commits, checked out from the snapshots
// that the search tool's `fetch` brought (see scripts/snapshot.mjs), and the same
// corpus twice (hard links). Null when a snapshot is missing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkout } from '../scripts/snapshot.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cache = path.join(homedir(), '.cache', 'rng-fix', 'perf-corpus');

/** `{ corpus, doubled, missing }`: the corpus folder and its double, or the repositories without a snapshot. */
export function realRepositories() {
  const pins = readFileSync(path.join(root, 'bench', 'perf-corpus.txt'), 'utf8')
    .split('\n')
    .map((line) => /^([\w.-]+\/[\w.-]+)\s+([0-9a-f]{40})/.exec(line))
    .filter(Boolean)
    .map(([, repo, commit]) => ({ repo, commit }));
  const corpus = path.join(cache, 'corpus');
  const doubled = path.join(cache, 'corpus-x2');
  const marker = pins.map(({ repo, commit }) => `${repo} ${commit}`).join('\n');
  if (!existsSync(path.join(corpus, '.complete')) || readFileSync(path.join(corpus, '.complete'), 'utf8') !== marker) {
    const missing = [];
    const folders = pins.map(({ repo, commit }) => checkout(repo, commit, path.join(cache, 'checkouts')) ?? (missing.push(repo), null));
    if (missing.length > 0) return { corpus: null, doubled: null, missing };
    execFileSync('rm', ['-rf', corpus, doubled]);
    mkdirSync(corpus, { recursive: true });
    for (const folder of folders) execFileSync('cp', ['-al', folder, path.join(corpus, path.basename(folder))]);
    mkdirSync(doubled, { recursive: true });
    execFileSync('cp', ['-al', corpus, path.join(doubled, 'a')]);
    execFileSync('cp', ['-al', corpus, path.join(doubled, 'b')]);
    writeFileSync(path.join(corpus, '.complete'), marker);
  }
  return { corpus, doubled, missing: [] };
}

/** ruff, pinned in bench/requirements-bench.txt, in bench/.venv (made on first use). */
export function ruffBinary() {
  const venv = path.join(root, 'bench', '.venv');
  const ruff = path.join(venv, 'bin', 'ruff');
  if (!existsSync(ruff)) {
    execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
    execFileSync(path.join(venv, 'bin', 'pip'), ['install', '--quiet', '-r', path.join(root, 'bench', 'requirements-bench.txt')], { stdio: 'inherit' });
  }
  return ruff;
}
