/**
 * End to end: the built binary (dist/src/cli.js, built by `npm test`) on
 * temporary copies of the example project: output, exit codes, files on disk,
 * and (with the Python environment) the example's own measurement before and
 * after `--write`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { itRequires, PYTHON } from './requirements.js';
import { sarifSchemaErrors } from './sarif-schema.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'dist', 'src', 'cli.js');
const EXAMPLE = path.join(ROOT, 'examples', 'noisy-images');

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function copyExample(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rng-fix-cli-'));
  temporary.push(dir);
  cpSync(EXAMPLE, dir, { recursive: true, filter: (source) => !source.includes('__pycache__') });
  return dir;
}

function emptyProject(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rng-fix-cli-'));
  temporary.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

/** Runs the built binary; every SARIF it prints is checked against the SARIF 2.1.0 schema. */
function rngFix(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (args[args.indexOf('--format') + 1] === 'sarif' && args.includes('--format')) expect(sarifSchemaErrors(result.stdout), 'SARIF schema errors').toEqual([]);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function snapshot(dir: string, files: string[]): Record<string, string> {
  return Object.fromEntries(files.map((file) => [file, readFileSync(path.join(dir, file), 'utf8')]));
}

const EXAMPLE_FILES = ['train.py', 'noisy_images/transforms.py', 'noisy_images/dataset.py', 'noisy_images/__init__.py'];

const NOISY = `import numpy as np
from torch.utils.data import DataLoader, Dataset


class Noisy(Dataset):
    def __getitem__(self, index):
        return np.random.rand()

    def __len__(self):
        return 4


loader = DataLoader(Noisy(), num_workers=2)
`;

describe('rng-fix command line', () => {
  it('reports findings as text with exit code 1', () => {
    const dir = copyExample();
    const { code, stdout, stderr } = rngFix(dir);
    expect(code).toBe(1);
    expect(stdout).toContain('noisy_images/transforms.py:20:15: RNG001');
    expect(stdout).toContain('noisy_images/transforms.py:31:24: RNG002');
    expect(stdout).toContain('train.py:13:5: RNG004');
    expect(stdout).toContain('    train.py:28:20: DataLoader with num_workers that may be positive');
    expect(stderr).toContain('Found 4 findings (RNG001: 2, RNG002: 1, RNG004: 1) in 4 files; 4 fixable.');
  });

  it('stops quietly when the reader of its output closes the pipe early', () => {
    // Enough findings that the JSON is written in several chunks; `head -c 1` reads one byte and exits, so the rest meets a closed pipe (EPIPE).
    const dir = emptyProject(Object.fromEntries(Array.from({ length: 300 }, (_, index) => [`noisy_${index}.py`, NOISY])));
    const result = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" --format json . | (sleep 1; head -c 1 >/dev/null)`], { cwd: dir, encoding: 'utf8' });
    expect(result.stderr).not.toContain('EPIPE');
    expect(result.stderr).not.toContain('internal error');
  });

  it('--dry-run prints diffs and writes nothing', () => {
    const dir = copyExample();
    const before = snapshot(dir, EXAMPLE_FILES);
    const { code, stdout } = rngFix(dir, '--dry-run');
    expect(code).toBe(1);
    expect(stdout).toContain('--- a/noisy_images/transforms.py\n+++ b/noisy_images/transforms.py\n');
    expect(stdout).toContain('+        return image + _reseed_for_worker(self.rng).normal(0.0, self.scale, size=image.shape)');
    expect(stdout).toContain('+    np.random.seed(torch.initial_seed() % 2**32)');
    expect(snapshot(dir, EXAMPLE_FILES)).toEqual(before);
  });

  it('--format json gives one object with the documented fields', () => {
    const dir = copyExample();
    const { code, stdout } = rngFix(dir, '--format', 'json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.findings).toHaveLength(4);
    const rng002 = report.findings.find((finding: { code: string }) => finding.code === 'RNG002');
    expect(rng002).toMatchObject({
      path: 'noisy_images/transforms.py',
      line: 31,
      column: 24,
      endLine: 31,
      endColumn: 74,
      severity: 'error',
      confidence: 'certain',
      fixable: true,
    });
    expect(rng002.related).toContainEqual(expect.objectContaining({ path: 'noisy_images/transforms.py', line: 28, message: 'NumPy Generator made here' }));
    expect(rng002.related).toContainEqual(expect.objectContaining({ path: 'train.py', line: 28 }));
  });

  it('--write fixes everything, and a second run finds nothing', () => {
    const dir = copyExample();
    const first = rngFix(dir, '--write');
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('Fixed 4, wrote 2 files, 0 failed; 0 left.');
    const second = rngFix(dir);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('No findings in 4 files.');
    expect(rngFix(dir, '--dry-run').stdout).toBe('');
  });

  itRequires(['torch'], 'the fixed example yields distinct samples in every epoch (real PyTorch)', () => {
    const dir = copyExample();
    const run = () => JSON.parse(execFileSync(PYTHON, ['-W', 'ignore', 'train.py', '--workers', '4'], { cwd: dir, encoding: 'utf8' }));
    const before = run();
    expect(before.val.repeated_in_epoch_2, 'worker_init_fn with args.seed + worker_id replays epochs').toBeGreaterThan(0);
    expect(before.train.repeated_in_epoch_2, 'the shared Generator replays its noise').toBeGreaterThan(0);
    expect(rngFix(dir, '--write').code).toBe(0);
    const after = run();
    for (const loader of [after.train, after.val]) {
      expect(loader.distinct_in_epoch_1).toBe(loader.samples_per_epoch);
      expect(loader.repeated_in_epoch_2).toBe(0);
    }
    console.log(`example before: ${JSON.stringify(before)}\nexample after: ${JSON.stringify(after)}`);
  });

  it('--write counts a fix that other worker seeding undoes as not effective, and keeps its finding', () => {
    const dir = emptyProject({
      'crops.py': `import numpy as np
from torch.utils.data import DataLoader, Dataset


class Crops(Dataset):
    def __getitem__(self, index):
        np.random.seed(index)
        return np.random.rand()

    def __len__(self):
        return 4


loader = DataLoader(Crops(), num_workers=2)
`,
    });
    const scanned = rngFix(dir, '--torch-version', '1.8');
    expect(scanned.stdout).toContain("not effective: `np.random.seed(index)` in `Crops.__getitem__` (crops.py:7) reseeds NumPy's global RNG in the worker after the fix seeds it");
    expect(scanned.stderr).toContain('2 findings (RNG004: 1, RNG001: 1) in 1 file; 1 fixable (1 not effective until other seeding is removed).');
    const json = JSON.parse(rngFix(dir, '--torch-version', '1.8', '--format', 'json').stdout);
    expect(json.findings.map((finding: { code: string; notEffectiveReason: string | null }) => [finding.code, finding.notEffectiveReason !== null])).toEqual([['RNG004', false], ['RNG001', true]]);
    const written = rngFix(dir, '--torch-version', '1.8', '--write');
    expect(written.code).toBe(1);
    expect(written.stderr).toContain('Fixed 0 (1 more written but not effective: other worker code reseeds the same RNG), wrote 1 file, 0 failed; 2 left.');
    expect(written.stdout).toContain('RNG001');
  });

  it('--write removes temporary files that a killed run left, and keeps those of a run still going', () => {
    const dir = emptyProject({ 'noisy.py': NOISY });
    // A process that has exited: its id names a run that was killed mid-write.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const stale = `.noisy.py.rng-fix-${gone}-0a1b2c3d`;
    const running = `.noisy.py.rng-fix-${process.pid}-4e5f6a7b`;
    writeFileSync(path.join(dir, stale), 'half a file');
    writeFileSync(path.join(dir, running), 'a file being written');
    expect(rngFix(dir, '--write').code).toBe(0);
    expect(existsSync(path.join(dir, stale)), 'the killed run\'s temporary file').toBe(false);
    expect(existsSync(path.join(dir, running)), 'a running process\'s temporary file').toBe(true);
  });

  it('--strategy per-worker-rng fixes inside the dataset instead of at the loader', () => {
    const dir = emptyProject({ 'noisy.py': NOISY });
    const { stdout } = rngFix(dir, '--dry-run', '--strategy', 'per-worker-rng');
    expect(stdout).toContain('+        _seed_numpy_for_worker()');
    expect(stdout).not.toContain('worker_init_fn=');
  });

  it('--torch-version 1.9 silences RNG001; --select and --ignore filter rules', () => {
    const dir = emptyProject({ 'noisy.py': NOISY });
    expect(rngFix(dir, '--torch-version', '1.9').code).toBe(0);
    expect(rngFix(dir, '--ignore', 'RNG001').code).toBe(0);
    expect(rngFix(dir, '--select', 'RNG002').code).toBe(0);
    expect(rngFix(dir, '--select', 'rng001').code).toBe(1);
    expect(rngFix(dir, '--exit-zero').code).toBe(0);
  });

  it('--explain prints the rule documentation', () => {
    const { code, stdout } = rngFix(ROOT, '--explain', 'RNG002');
    expect(code).toBe(0);
    for (const heading of ['## What it does', '## Why is this bad?', '## Example', '## Use instead', '## Fix safety']) expect(stdout).toContain(heading);
  });

  it('usage errors exit with 2', () => {
    const dir = emptyProject({ 'noisy.py': NOISY });
    expect(rngFix(dir, '--no-such-flag').code).toBe(2);
    expect(rngFix(dir, 'missing-folder').code).toBe(2);
    expect(rngFix(dir, '--dry-run', '--write').code).toBe(2);
    expect(rngFix(dir, '--format', 'xml').code).toBe(2);
    expect(rngFix(dir, '--select', 'RNG999').code).toBe(2);
    expect(rngFix(dir, '--explain', 'RNG999').code).toBe(2);
  });

  it('--select or --ignore with no rule code is a usage error, not every rule', () => {
    const dir = emptyProject({ 'noisy.py': NOISY });
    for (const flag of ['--select', '--ignore']) {
      for (const value of ['', ' , ']) {
        const { code, stdout, stderr } = rngFix(dir, flag, value);
        expect(code, `${flag} '${value}'`).toBe(2);
        expect(stderr).toContain(`option '${flag} <codes>' argument '${value}' is invalid. expected one or more rule codes, comma-separated (known: RNG001, RNG002, RNG003, RNG004, RNG005)`);
        expect(stdout).toBe('');
      }
    }
  });

  it('--help states each default once', () => {
    const { code, stdout } = rngFix('.', '--help');
    expect(code).toBe(0);
    const help = stdout.replace(/\s+/g, ' ');
    expect(help).toContain('--jobs <n> threads that survey the files before parsing (default: the number of cores)');
    expect(help.match(/\(default: [^)]*\) \(default:/g)).toBeNull();
  });

  it('warns about files it cannot parse or decode, never writes them, and goes on', () => {
    const broken = 'from torch.utils.data import Dataset\ndef broken(:\n    np.random.rand()\n';
    const dir = emptyProject({
      'noisy.py': NOISY,
      'broken.py': broken,
      'binary.py': Buffer.from([0x69, 0x00, 0x01]),
      'latin.py': Buffer.from('# -*- coding: latin-1 -*-\nname = "caf\xe9"\n', 'latin1'),
    });
    const { code, stderr } = rngFix(dir, '--write');
    expect(code).toBe(0);
    expect(stderr).toMatch(/warning: broken\.py: skipped: syntax error at line 2/);
    expect(stderr).toMatch(/warning: binary\.py: skipped: the file contains NUL bytes/);
    expect(stderr).not.toContain('latin.py');
    expect(readFileSync(path.join(dir, 'broken.py'), 'utf8')).toBe(broken);
    expect(readFileSync(path.join(dir, 'noisy.py'), 'utf8')).toContain('worker_init_fn=seed_worker');
  });

  it('keeps a BOM and a Latin-1 encoding when it rewrites a file', () => {
    const latin = `# -*- coding: latin-1 -*-\n# Donn\xe9es\n${NOISY}`;
    const dir = emptyProject({ 'bom.py': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(NOISY)]), 'latin.py': Buffer.from(latin, 'latin1') });
    expect(rngFix(dir, '--write').code).toBe(0);
    const bom = readFileSync(path.join(dir, 'bom.py'));
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const latinBytes = readFileSync(path.join(dir, 'latin.py'));
    expect(latinBytes.includes(Buffer.from('Donn\xe9es', 'latin1'))).toBe(true);
    expect(latinBytes.toString('latin1')).toContain('worker_init_fn=seed_worker');
  });

  it('does not follow symbolic-link loops', () => {
    const dir = emptyProject({ 'noisy.py': NOISY });
    symlinkSync(dir, path.join(dir, 'loop'));
    const { code, stdout } = rngFix(dir);
    expect(code).toBe(1);
    expect(stdout.match(/RNG001/g)).toHaveLength(1);
  });
});

describe('CI formats', () => {
  it('--format sarif is SARIF 2.1.0 with rules, regions and fingerprints', () => {
    const dir = copyExample();
    const { code, stdout } = rngFix(dir, '--format', 'sarif');
    expect(code).toBe(1);
    const sarif = JSON.parse(stdout);
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver).toMatchObject({ name: 'rng-fix', informationUri: expect.stringMatching(/^https:/) });
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(['RNG001', 'RNG002', 'RNG003', 'RNG004', 'RNG005']);
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(10);
      expect(rule.fullDescription.text.length).toBeGreaterThan(10);
      expect(rule.help.text.length).toBeGreaterThan(10);
    }
    const result = run.results.find((entry: { ruleId: string }) => entry.ruleId === 'RNG002');
    expect(result).toMatchObject({
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'noisy_images/transforms.py' }, region: { startLine: 31, startColumn: 24, endLine: 31, endColumn: 74 } } }],
    });
    expect(result.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:1$/);
    const fingerprints = run.results.map((entry: { partialFingerprints: { primaryLocationLineHash: string } }) => entry.partialFingerprints.primaryLocationLineHash);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
  });

  it('--format sarif percent-encodes file names with spaces, non-ASCII, % and newlines', () => {
    const names = ['with space.py', 'ünïcode.py', '100%.py', 'new\nline.py', 'hash#question?.py'];
    const dir = emptyProject(Object.fromEntries(names.map((name) => [name, NOISY])));
    const { stdout } = rngFix(dir, '--format', 'sarif');
    const uris: string[] = JSON.parse(stdout).runs[0].results.map((result: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => result.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toContain('with%20space.py');
    expect(uris).toContain('%C3%BCn%C3%AFcode.py');
    expect(uris).toContain('100%25.py');
    expect(uris).toContain('new%0Aline.py');
    expect(uris).toContain('hash%23question%3F.py');
    expect(uris.map(decodeURIComponent).sort()).toEqual([...names].sort());
  });

  it('--format github and --format sarif both give paths relative to the repository root, run from a subfolder', () => {
    const repo = mkdtempSync(path.join(tmpdir(), 'rng-fix-cli-'));
    temporary.push(repo);
    const subfolder = path.join(repo, 'packages', 'noisy');
    cpSync(EXAMPLE, subfolder, { recursive: true, filter: (source) => !source.includes('__pycache__') });
    execFileSync('git', ['init', '-q'], { cwd: repo });
    const github = rngFix(subfolder, '--format', 'github').stdout.trim().split('\n');
    const files = github.map((line) => /^::error file=([^,]*),/.exec(line)![1]);
    expect(files).toContain('packages/noisy/noisy_images/transforms.py');
    expect(files).toContain('packages/noisy/train.py');
    const sarif = JSON.parse(rngFix(subfolder, '--format', 'sarif').stdout);
    const uris = sarif.runs[0].results.map((result: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => result.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toEqual(files);
    // Outside a git repository, both are relative to the working folder.
    const plain = copyExample();
    expect(/^::error file=([^,]*),/.exec(rngFix(plain, '--format', 'github').stdout)![1]).toBe('noisy_images/transforms.py');
  });

  it('--format github writes escaped workflow annotations', () => {
    const dir = copyExample();
    const { code, stdout } = rngFix(dir, '--format', 'github');
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^::error file=noisy_images\/transforms\.py,line=31,col=24,endLine=31,endColumn=74,title=RNG002 rng-object-shared-across-workers::`self\.rng` is a NumPy Generator/);
  });

  it('escapes workflow command data and properties', async () => {
    const { escapeData, escapeProperty } = await import('../src/report/github.js');
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c')).toBe('a%3Ab%2Cc');
  });
});

describe('configuration and suppression', () => {
  it('reads [tool.rng-fix] from pyproject.toml; flags override it', () => {
    const dir = emptyProject({ 'noisy.py': NOISY, 'pyproject.toml': '[tool.rng-fix]\nignore = ["RNG001"]\nstrategy = "per-worker-rng"\n' });
    expect(rngFix(dir).code).toBe(0);
    expect(rngFix(dir, '--ignore', 'RNG002').code).toBe(1);
    writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.rng-fix]\nstrategy = "per-worker-rng"\n');
    expect(rngFix(dir, '--dry-run').stdout).toContain('_seed_numpy_for_worker()');
    expect(rngFix(dir, '--dry-run', '--strategy', 'worker-init-fn').stdout).toContain('worker_init_fn=seed_worker');
  });

  it('rejects invalid configuration with the file and key named (exit 2)', () => {
    const dir = emptyProject({ 'noisy.py': NOISY, 'pyproject.toml': '[tool.rng-fix]\nselcet = ["RNG001"]\n' });
    const unknownKey = rngFix(dir);
    expect(unknownKey.code).toBe(2);
    expect(unknownKey.stderr).toContain('pyproject.toml: [tool.rng-fix] unknown key "selcet"');
    writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.rng-fix]\nstrategy = "fastest"\n');
    expect(rngFix(dir).stderr).toContain('[tool.rng-fix] strategy must be one of auto, worker-init-fn, per-worker-rng');
    writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.rng-fix]\nselect = ["RNG042"]\n');
    expect(rngFix(dir).stderr).toContain('[tool.rng-fix] select: unknown rule code "RNG042"');
  });

  it.each([
    ['# noqa: RNG001', 0],
    ['# noqa', 0],
    ['# NOQA: RNG002, RNG001', 0],
    ['# rng-fix: ignore', 0],
    ['# noqa: RNG002', 1],
  ])('honours "%s" on the reported line', (comment, expected) => {
    const dir = emptyProject({ 'noisy.py': NOISY.replace('return np.random.rand()', `return np.random.rand()  ${comment}`) });
    expect(rngFix(dir).code).toBe(expected);
  });

  it('ships pre-commit hooks that run the rng-fix binary', () => {
    const hooks = readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
    expect(hooks).toContain('- id: rng-fix\n');
    expect(hooks).toContain('language: node');
    expect(hooks).toMatch(/entry: rng-fix\n/);
  });
});

describe('notebooks', () => {
  const notebook = readFileSync(path.join(ROOT, '__fixtures__', 'RNG001', 'notebook.input.ipynb'), 'utf8');

  it('reports findings with the cell, in text and JSON', () => {
    const dir = emptyProject({ 'explore.ipynb': notebook });
    const text = rngFix(dir);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('explore.ipynb:cell 3:6:16: RNG001');
    expect(text.stdout).toContain('    explore.ipynb:cell 5:2:10: DataLoader with num_workers=4');
    const json = JSON.parse(rngFix(dir, '--format', 'json').stdout);
    expect(json.findings[0]).toMatchObject({ path: 'explore.ipynb', cell: 3, line: 6, column: 16 });
    const sarif = JSON.parse(rngFix(dir, '--format', 'sarif').stdout);
    expect(sarif.runs[0].results[0].properties.cell).toBe(3);
    expect(rngFix(dir, '--format', 'github').stdout).toContain('title=RNG001 numpy-global-in-worker (cell 3)::');
  });

  it('shows diffs per cell and writes only the changed sources', () => {
    const dir = emptyProject({ 'explore.ipynb': notebook });
    expect(rngFix(dir, '--dry-run').stdout).toContain('--- a/explore.ipynb (cell 5)\n+++ b/explore.ipynb (cell 5)\n');
    expect(rngFix(dir, '--write').code).toBe(0);
    const fixed = readFileSync(path.join(dir, 'explore.ipynb'), 'utf8');
    expect(fixed).toBe(readFileSync(path.join(ROOT, '__fixtures__', 'RNG001', 'notebook.output.ipynb'), 'utf8'));
    expect(rngFix(dir).code).toBe(0);
  });

  it('skips invalid notebook JSON with a warning and never rewrites it', () => {
    const broken = '{"cells": [ {"cell_type": "code", "source": ["import torch.utils.data as d\\n"] ';
    const dir = emptyProject({ 'broken.ipynb': broken, 'noisy.py': NOISY });
    const { code, stderr } = rngFix(dir, '--write');
    expect(code).toBe(0);
    expect(stderr).toMatch(/warning: broken\.ipynb: skipped: not valid notebook JSON/);
    expect(readFileSync(path.join(dir, 'broken.ipynb'), 'utf8')).toBe(broken);
  });
});
