// npm run corpus-check: `rng-fix --write` twice over a copy of the benchmark corpus
// (real Python from pinned PyPI wheels) with every fixture case and the example
// project added to it. Checks that every written file still parses (tree-sitter
// and `python -m py_compile`) and that the second run changes nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { parsesCleanly } from '../dist/src/python/parser.js';
import { notebookToProgram } from '../dist/src/python/notebook.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = execFileSync('bash', [path.join(root, 'scripts/build-corpus.sh')], { encoding: 'utf8' }).trim();
const work = mkdtempSync(path.join(tmpdir(), 'rng-fix-corpus-check-'));
const python = existsSync(path.join(root, '.venv-test/bin/python')) ? path.join(root, '.venv-test/bin/python') : 'python3';
let failures = 0;

try {
  const copy = path.join(work, 'corpus');
  cpSync(corpus, copy, { recursive: true });
  // The library code has no findings of its own: add the fixture cases and the example, in their own folders.
  const cases = path.join(copy, 'rng_fix_cases');
  cpSync(path.join(root, '__fixtures__'), cases, { recursive: true, filter: (source) => !/\.output\.|findings\.txt$/.test(source) });
  const renameInputs = (dir) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) renameInputs(full);
      else if (/\.input\.(py|ipynb)$/.test(entry)) renameSync(full, full.replace(/\.input\.(py|ipynb)$/, '.$1'));
    }
  };
  renameInputs(cases);
  cpSync(path.join(root, 'examples'), path.join(copy, 'rng_fix_examples'), { recursive: true });

  const run = (...args) => {
    const result = spawnSync(process.execPath, [path.join(root, 'dist/src/cli.js'), copy, '--format', 'json', '--force', ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
    if (result.status === 2) throw new Error(result.stderr);
    return JSON.parse(result.stdout);
  };
  // Every finding on the real code of the corpus, with its confidence (the fixture cases and the example are counted only).
  const listed = run();
  const real = listed.findings.filter((finding) => !/rng_fix_(cases|examples)\//.test(finding.path));
  console.log(`findings: ${listed.findings.length} in all, ${listed.findings.length - real.length} in the fixture cases and example, ${real.length} in the corpus's own code:`);
  for (const finding of real) console.log(`  ${finding.path.slice(finding.path.indexOf('corpus/') + 7)}:${finding.line} ${finding.code} ${finding.confidence} ${finding.fixable ? 'fixable' : 'unfixable'}`);

  const started = Date.now();
  const first = run('--write');
  const firstSeconds = (Date.now() - started) / 1000;
  console.log(`first --write: ${first.filesScanned} files scanned, ${first.written.length} written, ${first.findings.length} findings left (unfixable), ${first.problems.length} files skipped, ${firstSeconds.toFixed(1)} s`);

  let compiled = 0;
  for (const written of first.written) {
    const file = path.resolve(process.cwd(), written);
    const text = readFileSync(file, 'utf8');
    const program = file.endsWith('.ipynb') ? notebookToProgram(text).program : text;
    if (!(await parsesCleanly(program))) {
      failures++;
      console.log(`does not parse after --write: ${written}`);
    }
    if (file.endsWith('.py')) {
      const check = spawnSync(python, ['-m', 'py_compile', file], { encoding: 'utf8' });
      if (check.status !== 0) {
        failures++;
        console.log(`py_compile fails after --write: ${written}\n${check.stderr}`);
      } else compiled++;
    }
  }
  console.log(`written files that parse: ${first.written.length - failures} of ${first.written.length}; py_compile passes on ${compiled} .py files`);

  const second = run('--write');
  console.log(`second --write: ${second.written.length} written, ${second.findings.length} findings left`);
  if (second.written.length > 0) {
    failures++;
    console.log(`the second run changed: ${second.written.join(', ')}`);
  }
  if (second.findings.length !== first.findings.length) {
    failures++;
    console.log('the second run reports a different number of findings');
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(failures === 0 ? 'corpus check passed' : `corpus check FAILED: ${failures} problems`);
process.exitCode = failures === 0 ? 0 : 1;
