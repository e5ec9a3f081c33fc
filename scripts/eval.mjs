#!/usr/bin/env node
/**
 * Scores rng-fix on the labelled real-code benchmark (bench/real-code/cases-*.json,
 * metadata only; see bench/real-code/LABELLING.md), from the repository
 * snapshots that the search tool's `fetch` brought to /work/.mirror (or
 * RNG_FIX_MIRROR). Not part of CI: CI has no network and no snapshots.
 *
 *   npm run eval                      the tuning half, case by case, and its figures
 *   npm run eval -- --split held-out  the held-out half: figures only (per variant)
 *   npm run eval -- --split all       both halves' figures
 *
 * A positive counts as found when a finding lands on one of its `rng_lines`
 * in its `path`; a look-alike counts as flagged when a finding lands on one of
 * its `rng_lines` (or anywhere in the file when it lists none). Each
 * repository is checked out at the case's commit into a cache folder and
 * scanned whole, once per set of flags.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkout } from './snapshot.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CASES = path.join(ROOT, 'bench', 'real-code');
const CACHE = process.env.RNG_FIX_EVAL_CACHE ?? path.join(homedir(), '.cache', 'rng-fix', 'eval');
const CLI = path.join(ROOT, 'dist', 'src', 'cli.js');

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const split = option('--split', 'tune');

function caseFiles() {
  return readdirSync(CASES).filter((name) => /^cases-.*\.json$/.test(name)).map((name) => path.join(CASES, name));
}

/** The half a case belongs to: whole repositories go to one half, by a hash of their name, so no half sees another's code. */
function splitOf(item) {
  return item.split ?? (createHash('sha1').update(item.repo.toLowerCase()).digest()[0] % 2 === 0 ? 'tune' : 'held-out');
}

const cases = caseFiles().flatMap((file) => JSON.parse(readFileSync(file, 'utf8')));
const chosen = cases.filter((item) => item.label !== 'uncertain' && (split === 'all' || splitOf(item) === split));

const scans = new Map();
/** Findings of a whole-repository scan, by path, as `line -> codes`. */
function findingsOf(dir, flags) {
  const key = `${dir}|${flags.join(' ')}`;
  if (!scans.has(key)) {
    const result = spawnSync(process.execPath, [CLI, '--format', 'json', '--exit-zero', ...flags, '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
    const byPath = new Map();
    try {
      for (const finding of JSON.parse(result.stdout).findings) {
        const lines = byPath.get(finding.path) ?? new Map();
        lines.set(finding.line, [...(lines.get(finding.line) ?? []), finding.code]);
        byPath.set(finding.path, lines);
      }
    } catch {
      console.error(`scan of ${dir} failed: ${result.stderr.slice(0, 400)}`);
    }
    scans.set(key, byPath);
  }
  return scans.get(key);
}

const EXPECTED_RULE = { a: 'RNG001', b: 'RNG002', c: 'RNG003', d: 'RNG004', lib: 'RNG005' };
const rows = [];
for (const item of chosen) {
  const dir = checkout(item.repo, item.commit, CACHE);
  if (!dir) {
    rows.push({ item, status: 'no snapshot' });
    continue;
  }
  // `requires` may name an rng-fix option (`--torch-version 1.8`) or one of the project's own (`--multi_processing True`): only the former is passed on.
  const torchVersion = /--torch-version\s+(\S+)/.exec(item.requires ?? '');
  const flags = torchVersion ? ['--torch-version', torchVersion[1]] : [];
  const lines = findingsOf(dir, flags).get(item.path) ?? new Map();
  const at = (item.rng_lines ?? []).filter((line) => lines.has(line));
  const hit = item.label === 'negative' && (item.rng_lines ?? []).length === 0 ? lines.size > 0 : at.length > 0;
  const codes = [...new Set(at.flatMap((line) => lines.get(line)))];
  rows.push({ item, status: hit ? (item.label === 'positive' ? 'found' : 'flagged') : item.label === 'positive' ? 'missed' : 'clean', codes, elsewhere: [...lines.keys()].filter((line) => !at.includes(line)) });
}

if (split === 'tune') {
  for (const { item, status, codes = [], elsewhere = [] } of rows) {
    const rule = EXPECTED_RULE[item.variant];
    const mark = { found: '+', clean: ' ', missed: 'MISS', flagged: 'FP', 'no snapshot': '?' }[status];
    console.log(`${mark.padEnd(4)} ${item.id.padEnd(8)} ${item.variant.padEnd(4)} ${item.repo}/${item.path}:${(item.rng_lines ?? []).join(',')} ${codes.join(',')}${rule && codes.length > 0 && !codes.includes(rule) ? ` (expected ${rule})` : ''}${elsewhere.length ? ` [other lines: ${elsewhere.join(',')}]` : ''}`);
  }
}

const byVariant = new Map();
for (const { item, status } of rows) {
  const entry = byVariant.get(item.variant) ?? { positives: 0, found: 0, negatives: 0, flagged: 0, missing: 0 };
  if (status === 'no snapshot') entry.missing++;
  else if (item.label === 'positive') {
    entry.positives++;
    if (status === 'found') entry.found++;
  } else {
    entry.negatives++;
    if (status === 'flagged') entry.flagged++;
  }
  byVariant.set(item.variant, entry);
}
console.log(`\n${split} half: ${rows.length} cases from ${new Set(rows.map((row) => row.item.repo)).size} repositories`);
console.log('variant  positives  found  recall  look-alikes  flagged  no snapshot');
let positives = 0;
let found = 0;
let flagged = 0;
for (const [variant, entry] of [...byVariant].sort()) {
  positives += entry.positives;
  found += entry.found;
  flagged += entry.flagged;
  const recall = entry.positives ? `${Math.round((100 * entry.found) / entry.positives)}%` : '-';
  console.log(`${variant.padEnd(8)} ${String(entry.positives).padStart(9)}  ${String(entry.found).padStart(5)}  ${recall.padStart(6)}  ${String(entry.negatives).padStart(11)}  ${String(entry.flagged).padStart(7)}  ${String(entry.missing).padStart(11)}`);
}
console.log(`all      ${String(positives).padStart(9)}  ${String(found).padStart(5)}  ${positives ? `${Math.round((100 * found) / positives)}%`.padStart(6) : '     -'}  ${' '.repeat(11)}  ${String(flagged).padStart(7)}`);
