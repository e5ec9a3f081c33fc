// npm run bench: rng-fix's full scan against ast-grep (three naive rules) and
// against a plain tree-sitter parse of the same files, on a corpus of real Python
// from pinned PyPI wheels. Runs alternate (A B C A B C ...) and medians are
// reported, with peak memory, throughput and the ratios.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { globby } from 'globby';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const jobs = Number(process.env.BENCH_JOBS ?? 2);
const corpus = execFileSync('bash', [path.join(root, 'scripts/build-corpus.sh')], { encoding: 'utf8' }).trim();
const doubled = `${corpus}-x2`;
if (!existsSync(doubled)) {
  // Two hard-linked copies of the corpus: twice the files at no disk cost.
  execFileSync('mkdir', ['-p', doubled]);
  execFileSync('cp', ['-al', corpus, path.join(doubled, 'a')]);
  execFileSync('cp', ['-al', corpus, path.join(doubled, 'b')]);
}

async function describe(folder) {
  const files = await globby('**/*.{py,ipynb}', { cwd: folder, absolute: true, followSymbolicLinks: false });
  const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
  return { files: files.length, megabytes: bytes / 2 ** 20 };
}

const timeBinary = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Runs a command, returning wall seconds and peak resident memory (MiB, when /usr/bin/time exists). */
function measure(command, args) {
  const start = process.hrtime.bigint();
  const result = timeBinary
    ? spawnSync(timeBinary, ['-f', '%M', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  // rng-fix exits with 1 when it has findings; anything else, or no output, is a failure.
  if ((result.status !== 0 && result.status !== 1) || result.stdout.trim() === '') throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  const peak = timeBinary ? Number(result.stderr.trim().split('\n').pop()) / 1024 : NaN;
  return { seconds, peak, stdout: result.stdout };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const node = process.execPath;
const cli = path.join(root, 'dist/src/cli.js');
const astGrep = path.join(root, 'node_modules/.bin/ast-grep');
const commands = {
  'rng-fix scan': (folder) => [node, [cli, folder, '--format', 'json', '--jobs', String(jobs)]],
  'ast-grep scan': (folder) => [astGrep, ['scan', '-c', path.join(root, 'bench/ast-grep/sgconfig.yml'), '--threads', String(jobs), '--json=stream', folder]],
  'tree-sitter parse': (folder) => [node, [path.join(root, 'bench/parse-only.mjs'), folder, String(jobs)]],
  'rng-fix, no prefilter': (folder) => [node, [path.join(root, 'bench/scan-full.mjs'), folder, String(jobs)]],
};

const size = await describe(corpus);
console.log(`corpus: ${corpus}: ${size.files} files, ${size.megabytes.toFixed(1)} MiB; ${rounds} rounds, ${jobs} threads, ${availableParallelism()} cores`);
const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
const outputs = {};
for (let round = 0; round < rounds; round++) {
  for (const [name, make] of Object.entries(commands)) {
    if (name === 'rng-fix, no prefilter' && round > 0) continue;
    const [command, args] = make(corpus);
    const result = measure(command, args);
    samples[name].push(result);
    outputs[name] = result.stdout;
  }
}
const doubledSamples = [];
for (let round = 0; round < rounds; round++) {
  const [command, args] = commands['rng-fix scan'](doubled);
  doubledSamples.push(measure(command, args));
}

const rows = Object.entries(samples).map(([name, runs]) => {
  const seconds = median(runs.map((run) => run.seconds));
  const peak = Math.max(...runs.map((run) => run.peak));
  return { name, seconds, peak, filesPerSecond: size.files / seconds, megabytesPerSecond: size.megabytes / seconds };
});
console.log('\n| run | median s | files/s | MiB/s | peak MiB |\n|---|---|---|---|---|');
for (const row of rows) console.log(`| ${row.name} | ${row.seconds.toFixed(2)} | ${row.filesPerSecond.toFixed(0)} | ${row.megabytesPerSecond.toFixed(1)} | ${row.peak.toFixed(0)} |`);
const time = (name) => rows.find((row) => row.name === name).seconds;
const doubledSeconds = median(doubledSamples.map((run) => run.seconds));
console.log(`\nrng-fix scan / ast-grep scan: ${(time('rng-fix scan') / time('ast-grep scan')).toFixed(2)}x (target <= 0.5x)`);
console.log(`rng-fix scan / plain tree-sitter parse: ${(time('rng-fix scan') / time('tree-sitter parse')).toFixed(2)}x`);
console.log(`rng-fix scan, no prefilter / with prefilter: ${(time('rng-fix, no prefilter') / time('rng-fix scan')).toFixed(2)}x`);
console.log(`rng-fix scan peak memory: ${rows[0].peak.toFixed(0)} MiB (target <= 300 MiB)`);
console.log(`twice the corpus / the corpus: ${(doubledSeconds / time('rng-fix scan')).toFixed(2)}x (target <= 2.1x)`);
const findings = (name) => JSON.parse(outputs[name]).findings.map((finding) => `${finding.path}:${finding.line}:${finding.column}:${finding.code}:${finding.confidence}`).sort();
const same = JSON.stringify(findings('rng-fix scan')) === JSON.stringify(findings('rng-fix, no prefilter'));
console.log(`prefiltered and full runs find the same ${findings('rng-fix scan').length} findings: ${same ? 'yes' : 'NO'}`);
if (!same) process.exitCode = 1;
