// npm run bench: rng-fix's full scan against ast-grep (three naive rules) and
// against a plain tree-sitter parse of the same files, on a corpus of real Python
// from pinned PyPI releases; the same scan on twice the corpus; and a scaling
// series on generated projects (twice the Dataset classes, twice the files, many
// classes in one file). Runs alternate (A B C A B C ...) and medians are
// reported, with peak memory, throughput and the ratios.
//
// Environment: BENCH_ROUNDS (default 3), BENCH_JOBS (threads, default 2),
// BENCH_SKIP_REAL=1 (skip the real-repository corpus of bench/perf-corpus.txt),
// BENCH_TIMEOUT (seconds one run may take before it is stopped and reported as
// "> N s", default 300), BENCH_SKIP_FULL=1 (skip the slow scan without the
// prefilter), BENCH_SKIP_SYNTHETIC=1 (skip the scaling series),
// BENCH_SYNTH_FILES / BENCH_SYNTH_CLASSES (the series' smaller project, default
// 100 files, 1200 classes), BENCH_SYNTH_ONE_FILE (classes in the one-file
// project, default 600).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastGlob from 'fast-glob';
import { realRepositories, ruffBinary } from './real-repos.mjs';
import { project } from './synthetic.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const jobs = Number(process.env.BENCH_JOBS ?? 2);
const timeout = Number(process.env.BENCH_TIMEOUT ?? 300);
const skipFull = process.env.BENCH_SKIP_FULL === '1';
const skipSynthetic = process.env.BENCH_SKIP_SYNTHETIC === '1';
const synthFiles = Number(process.env.BENCH_SYNTH_FILES ?? 100);
const synthClasses = Number(process.env.BENCH_SYNTH_CLASSES ?? 1200);
const synthOneFile = Number(process.env.BENCH_SYNTH_ONE_FILE ?? 600);

const corpus = execFileSync('bash', [path.join(root, 'scripts/build-corpus.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
const doubled = `${corpus}-x2`;
const pins = readFileSync(path.join(corpus, '.complete'), 'utf8');
const doubledMarker = path.join(doubled, '.complete');
if (!existsSync(doubledMarker) || readFileSync(doubledMarker, 'utf8') !== pins) {
  // Two hard-linked copies of the corpus: twice the files at no disk cost.
  execFileSync('rm', ['-rf', doubled]);
  execFileSync('mkdir', ['-p', doubled]);
  execFileSync('cp', ['-al', corpus, path.join(doubled, 'a')]);
  execFileSync('cp', ['-al', corpus, path.join(doubled, 'b')]);
  writeFileSync(doubledMarker, pins);
}

async function describe(folder) {
  const files = await fastGlob('**/*.{py,ipynb}', { cwd: folder, absolute: true, followSymbolicLinks: false });
  const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
  return { files: files.length, megabytes: bytes / 2 ** 20 };
}

// Peak resident memory comes from GNU time (Debian package `time`); without it
// the runs are still timed and memory is reported as n/a.
const timeBinary = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
if (!timeBinary) console.log('note: /usr/bin/time not found (apt-get install -y time): peak memory is not measured');

/**
 * Runs a command in its own process group, returning wall seconds, peak resident
 * memory (MiB) and stdout. A run that takes longer than the timeout is killed,
 * with its children, and returns { timedOut: true, seconds: timeout }.
 */
function measure(command, args) {
  return new Promise((resolve, reject) => {
    const [file, argv] = timeBinary ? [timeBinary, ['-f', '%M %U %S', command, ...args]] : [command, args];
    const start = process.hrtime.bigint();
    const child = spawn(file, argv, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeout * 1000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const out = Buffer.concat(stdout).toString('utf8');
      const err = Buffer.concat(stderr).toString('utf8');
      if (timedOut) return resolve({ seconds: timeout, cpu: NaN, peak: NaN, stdout: '', timedOut: true });
      // rng-fix exits with 1 when it has findings; anything else, or no output, is a failure.
      if ((status !== 0 && status !== 1) || out.trim() === '') {
        return reject(new Error(`${command} ${args.join(' ')} failed (${status}): ${err.slice(-2000)}`));
      }
      const [kib, user, system] = timeBinary ? err.trim().split('\n').pop().split(' ').map(Number) : [NaN, NaN, NaN];
      resolve({ seconds, cpu: user + system, peak: kib / 1024, stdout: out, timedOut: false });
    });
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
/**
 * Median wall and CPU (user + system) seconds of the runs; a run that timed out
 * counts as the timeout. CPU time is reported beside wall time because it moves
 * less when other work shares the machine.
 */
function summarise(runs) {
  const timedOut = runs.filter((run) => run.timedOut).length > runs.length / 2;
  const done = runs.filter((run) => !run.timedOut);
  const peaks = runs.map((run) => run.peak).filter((peak) => !Number.isNaN(peak));
  return {
    seconds: median(runs.map((run) => run.seconds)),
    cpu: timedOut || done.length === 0 ? NaN : median(done.map((run) => run.cpu)),
    timedOut,
    peak: peaks.length ? Math.max(...peaks) : NaN,
  };
}
const secondsText = (summary) => (summary.timedOut ? `> ${timeout}` : summary.seconds.toFixed(2));
const cpuText = (summary) => (Number.isNaN(summary.cpu) ? 'n/a' : summary.cpu.toFixed(2));
const mibText = (peak) => (Number.isNaN(peak) ? 'n/a' : peak.toFixed(0));
/** a / b in wall time (and CPU time) as text; a timed-out numerator gives "> x", a timed-out denominator "n/a". */
function ratioText(a, b) {
  if (b.timedOut) return 'n/a (timed out)';
  const cpu = Number.isNaN(a.cpu) || Number.isNaN(b.cpu) ? '' : ` (CPU ${(a.cpu / b.cpu).toFixed(2)}x)`;
  return `${a.timedOut ? '> ' : ''}${(a.seconds / b.seconds).toFixed(2)}x${cpu}`;
}

const node = process.execPath;
const cli = path.join(root, 'dist/src/cli.js');
const astGrep = path.join(root, 'node_modules/.bin/ast-grep');
const commands = {
  'rng-fix scan': (folder) => [node, [cli, folder, '--format', 'json', '--jobs', String(jobs)]],
  'ast-grep scan': (folder) => [astGrep, ['scan', '-c', path.join(root, 'bench/ast-grep/sgconfig.yml'), '--threads', String(jobs), '--json=stream', folder]],
  'tree-sitter parse': (folder) => [node, [path.join(root, 'bench/parse-only.mjs'), folder, String(jobs)]],
  'rng-fix, no prefilter': (folder) => [node, [path.join(root, 'bench/scan-full.mjs'), folder, String(jobs)]],
};
if (skipFull) delete commands['rng-fix, no prefilter'];

// The scaling series: a project of synthFiles modules and synthClasses Dataset
// classes, with twice the classes, twice the files, and both; and one module
// holding synthOneFile classes, then twice that.
const synthetic = skipSynthetic
  ? {}
  : {
      [`${synthFiles} files, ${synthClasses} classes`]: [synthFiles, synthClasses],
      [`${synthFiles} files, ${2 * synthClasses} classes`]: [synthFiles, 2 * synthClasses],
      [`${2 * synthFiles} files, ${synthClasses} classes`]: [2 * synthFiles, synthClasses],
      [`${2 * synthFiles} files, ${2 * synthClasses} classes`]: [2 * synthFiles, 2 * synthClasses],
      [`1 file, ${synthOneFile} classes`]: [1, synthOneFile],
      [`1 file, ${2 * synthOneFile} classes`]: [1, 2 * synthOneFile],
    };
const syntheticFolders = Object.fromEntries(Object.entries(synthetic).map(([name, [files, classes]]) => [name, project(files, classes)]));

const skipReal = process.env.BENCH_SKIP_REAL === '1';
const real = skipReal ? { corpus: null, missing: [] } : realRepositories();
if (real.missing.length > 0) console.log(`note: no snapshot of ${real.missing.join(', ')} (fetch them with the search tool): the real-repository corpus is skipped`);
const realCommands = real.corpus
  ? {
      'rng-fix scan': () => commands['rng-fix scan'](real.corpus),
      'rng-fix scan, --jobs 1': () => [node, [cli, real.corpus, '--format', 'json', '--jobs', '1']],
      'ast-grep scan': () => commands['ast-grep scan'](real.corpus),
      'ruff check --isolated --select NPY002': () => [ruffBinary(), ['check', '--isolated', '--select', 'NPY002', '--no-cache', '--output-format', 'json', '--exit-zero', real.corpus]],
      'rng-fix scan, twice the corpus': () => commands['rng-fix scan'](real.doubled),
    }
  : {};
const realSamples = Object.fromEntries(Object.keys(realCommands).map((name) => [name, []]));

const size = await describe(corpus);
console.log(`corpus: ${corpus}: ${size.files} files, ${size.megabytes.toFixed(1)} MiB (${pins.trim().split('\n').join(', ')})`);
console.log(`${rounds} rounds, ${jobs} threads, ${availableParallelism()} cores, timeout ${timeout} s per run${skipFull ? ', no-prefilter run skipped' : ''}`);
const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
const doubledSamples = [];
const syntheticSamples = Object.fromEntries(Object.keys(synthetic).map((name) => [name, []]));
const outputs = {};
for (let round = 0; round < rounds; round++) {
  for (const [name, make] of Object.entries(commands)) {
    if (name === 'rng-fix, no prefilter' && round > 0) continue;
    const [command, args] = make(corpus);
    const result = await measure(command, args);
    samples[name].push(result);
    if (!result.timedOut) outputs[name] = result.stdout;
  }
  doubledSamples.push(await measure(...commands['rng-fix scan'](doubled)));
  for (const [name, folder] of Object.entries(syntheticFolders)) {
    syntheticSamples[name].push(await measure(...commands['rng-fix scan'](folder)));
  }
  for (const [name, make] of Object.entries(realCommands)) realSamples[name].push(await measure(...make()));
  console.log(`round ${round + 1} of ${rounds} done`);
}

const rows = Object.fromEntries(Object.entries(samples).map(([name, runs]) => [name, summarise(runs)]));
console.log('\n| run | median s | CPU s | files/s | MiB/s | peak MiB |\n|---|---|---|---|---|---|');
for (const [name, row] of Object.entries(rows)) {
  const rate = (amount) => (row.timedOut ? '-' : (amount / row.seconds).toFixed(amount === size.files ? 0 : 1));
  console.log(`| ${name} | ${secondsText(row)} | ${cpuText(row)} | ${rate(size.files)} | ${rate(size.megabytes)} | ${mibText(row.peak)} |`);
}
const doubledRow = summarise(doubledSamples);
console.log(`| rng-fix scan, twice the corpus | ${secondsText(doubledRow)} | ${cpuText(doubledRow)} | - | - | ${mibText(doubledRow.peak)} |`);

const scan = rows['rng-fix scan'];
console.log(`\nrng-fix scan / ast-grep scan: ${ratioText(scan, rows['ast-grep scan'])} (target <= 0.5x)`);
console.log(`rng-fix scan / plain tree-sitter parse: ${ratioText(scan, rows['tree-sitter parse'])}`);
if (!skipFull) console.log(`rng-fix scan, no prefilter / with prefilter: ${ratioText(rows['rng-fix, no prefilter'], scan)}`);
console.log(`rng-fix scan peak memory: ${mibText(scan.peak)} MiB (target <= 300 MiB)`);
console.log(`twice the corpus / the corpus: ${ratioText(doubledRow, scan)} (target <= 2.1x)`);

if (real.corpus) {
  const rows = Object.fromEntries(Object.entries(realSamples).map(([name, runs]) => [name, summarise(runs)]));
  const realSize = await describe(real.corpus);
  console.log(`\nreal repositories (bench/perf-corpus.txt): ${realSize.files} files, ${realSize.megabytes.toFixed(1)} MiB`);
  console.log('\n| run | median s | CPU s | files/s | peak MiB |\n|---|---|---|---|---|');
  for (const [name, row] of Object.entries(rows)) console.log(`| ${name} | ${secondsText(row)} | ${cpuText(row)} | ${row.timedOut ? '-' : (realSize.files / row.seconds).toFixed(0)} | ${mibText(row.peak)} |`);
  const realScan = rows['rng-fix scan'];
  console.log(`\nrng-fix scan / ast-grep scan: ${ratioText(realScan, rows['ast-grep scan'])} (target <= 0.5x)`);
  console.log(`rng-fix scan / ruff check --select NPY002: ${ratioText(realScan, rows['ruff check --isolated --select NPY002'])}`);
  console.log(`rng-fix --jobs 1 / default (${jobs} threads): ${ratioText(rows['rng-fix scan, --jobs 1'], realScan)} (target >= 1.7x)`);
  console.log(`rng-fix scan peak memory: ${mibText(realScan.peak)} MiB (target <= 300 MiB)`);
  console.log(`twice the corpus / the corpus: ${ratioText(rows['rng-fix scan, twice the corpus'], realScan)} (target <= 2.1x)`);
}

if (!skipSynthetic) {
  const synth = Object.fromEntries(Object.entries(syntheticSamples).map(([name, runs]) => [name, summarise(runs)]));
  const findings = (name) => (syntheticSamples[name].find((run) => !run.timedOut) ? JSON.parse(syntheticSamples[name].find((run) => !run.timedOut).stdout).findings.length : '-');
  console.log('\n| synthetic project | median s | CPU s | peak MiB | findings |\n|---|---|---|---|---|');
  for (const [name, row] of Object.entries(synth)) console.log(`| ${name} | ${secondsText(row)} | ${cpuText(row)} | ${mibText(row.peak)} | ${findings(name)} |`);
  const [a, classes2, files2, both, one, one2] = Object.values(synth);
  console.log(`\ntwice the classes, same files: ${ratioText(classes2, a)} (${synthFiles} files), ${ratioText(both, files2)} (${2 * synthFiles} files) (linear ~2.0, goal <= 2.2)`);
  console.log(`twice the files, same classes: ${ratioText(files2, a)} (${synthClasses} classes), ${ratioText(both, classes2)} (${2 * synthClasses} classes) (linear ~1.0 plus the files' own cost)`);
  console.log(`twice the project (files and classes): ${ratioText(both, a)} (linear ~2.0, goal <= 2.2)`);
  console.log(`twice the classes in one file: ${ratioText(one2, one)} (linear ~2.0, goal <= 2.2)`);
}

if (!skipFull) {
  const list = (name) => JSON.parse(outputs[name]).findings.map((finding) => `${finding.path}:${finding.line}:${finding.column}:${finding.code}:${finding.confidence}`).sort();
  if (outputs['rng-fix scan'] && outputs['rng-fix, no prefilter']) {
    const same = JSON.stringify(list('rng-fix scan')) === JSON.stringify(list('rng-fix, no prefilter'));
    console.log(`\nprefiltered and full runs find the same ${list('rng-fix scan').length} findings: ${same ? 'yes' : 'NO'}`);
    if (!same) process.exitCode = 1;
  } else {
    console.log('\nprefiltered and full runs: not compared (a run timed out)');
  }
}
