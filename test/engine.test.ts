/** The engine as a library: results are data, and files that change between scan and write are left alone. */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scan, writeFixes } from '../src/engine.js';
import { exitCode } from '../src/exit-code.js';
import { RULES } from '../transforms/index.js';
import { contentHash } from '../src/load.js';
import { CHANGED_ON_DISK, replaceFileIfUnchanged } from '../src/write.js';

const NOISY = `import numpy as np
from torch.utils.data import DataLoader, Dataset


class Noisy(Dataset):
    def __getitem__(self, index):
        return np.random.rand()

    def __len__(self):
        return 4


loader = DataLoader(Noisy(), num_workers=2)
`;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rng-fix-engine-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('engine', () => {
  it('returns findings and proposed diffs as data, writing nothing', async () => {
    const dir = project({ 'a.py': NOISY });
    const result = await scan({ rules: RULES, paths: ['.'], cwd: dir, strategy: 'auto' });
    expect(result.findings.map((finding) => [finding.code, finding.path, finding.line, finding.column])).toEqual([['RNG001', 'a.py', 7, 16]]);
    expect(result.rewrites).toHaveLength(1);
    expect(result.rewrites[0].diff).toContain('+loader = DataLoader(Noisy(), num_workers=2, worker_init_fn=seed_worker)');
    expect(readFileSync(path.join(dir, 'a.py'), 'utf8')).toBe(NOISY);
  });

  it('writes a helper several modules need once, in a module beside them, and never over a file made meanwhile', async () => {
    const dataset = (name: string) => `import numpy as np
from torch.utils.data import Dataset


class ${name}(Dataset):
    def __init__(self):
        self.rng = np.random.default_rng(0)

    def __getitem__(self, index):
        return self.rng.random()
`;
    const files = { 'noise.py': dataset('Noise'), 'crops.py': dataset('Crops'), 'train.py': 'from torch.utils.data import DataLoader\nfrom noise import Noise\nfrom crops import Crops\n\nloaders = [DataLoader(Noise(), num_workers=2), DataLoader(Crops(), num_workers=2)]\n' };
    const dir = project(files);
    const result = await scan({ rules: RULES, paths: ['.'], cwd: dir, strategy: 'auto' });
    expect(result.rewrites.map((rewrite) => rewrite.path)).toEqual(['_worker_rng.py', 'crops.py', 'noise.py']);
    expect(result.rewrites[0].diff).toMatch(/^--- \/dev\/null\n\+\+\+ b\/_worker_rng\.py\n/);
    for (const name of ['noise.py', 'crops.py']) expect(result.rewrites.find((rewrite) => rewrite.path === name)!.diff).toContain('+from _worker_rng import reseed_for_worker');
    const written = await writeFixes(result);
    expect(written.written.sort()).toEqual(['_worker_rng.py', 'crops.py', 'noise.py']);
    expect(readFileSync(path.join(dir, '_worker_rng.py'), 'utf8')).toContain('def reseed_for_worker(rng):');

    // The module's name taken by a file made between the scan and the write: that file is kept, and nothing is half-done in it.
    const again = project(files);
    const planned = await scan({ rules: RULES, paths: ['.'], cwd: again, strategy: 'auto' });
    writeFileSync(path.join(again, '_worker_rng.py'), '# mine\n');
    const outcome = await writeFixes(planned);
    // The modules that would import from it are not written either: nothing imports what is not there.
    expect(outcome.failed).toEqual([
      { path: '_worker_rng.py', message: 'was created by something else since the scan; not written' },
      { path: 'crops.py', message: 'not written: its fix also needs _worker_rng.py, which was not written' },
      { path: 'noise.py', message: 'not written: its fix also needs _worker_rng.py, which was not written' },
    ]);
    expect(readFileSync(path.join(again, '_worker_rng.py'), 'utf8')).toBe('# mine\n');
    expect(readFileSync(path.join(again, 'noise.py'), 'utf8')).toBe(files['noise.py']);
    expect(readdirSync(again).filter((name) => name.includes('.rng-fix-'))).toEqual([]);
  });

  it('does not write a file that changed on disk after the scan, or one that vanished', async () => {
    const dir = project({ 'a.py': NOISY, 'b.py': NOISY.replace('Noisy', 'Other'), 'c.py': NOISY.replace(/Noisy/g, 'Third') });
    const result = await scan({ rules: RULES, paths: ['.'], cwd: dir, strategy: 'auto' });
    const edited = `${NOISY}# edited meanwhile\n`;
    writeFileSync(path.join(dir, 'a.py'), edited);
    rmSync(path.join(dir, 'c.py'));
    const outcome = await writeFixes(result);
    expect(outcome.failed).toEqual([
      { path: 'a.py', message: 'changed on disk since it was scanned; not written' },
      { path: 'c.py', message: 'not written: ENOENT' },
    ]);
    expect(outcome.written).toEqual(['b.py']);
    expect(readFileSync(path.join(dir, 'a.py'), 'utf8')).toBe(edited);
    expect(outcome.fixed.size).toBe(1);
    expect(exitCode({ remainingFindings: result.findings.length - outcome.fixed.size, failedWrites: outcome.failed.length })).toBe(1);
  });

  it('drops a fix whose result would not parse', async () => {
    // A one-line body leaves no line for the dataset-side fix: declined, with a reason.
    const dir = project({ 'a.py': 'import numpy as np\nfrom torch.utils.data import Dataset\n\n\nclass Noisy(Dataset):\n    def __getitem__(self, index): return np.random.rand()\n' });
    const result = await scan({ rules: RULES, paths: ['.'], cwd: dir, strategy: 'auto' });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0].fixable).toBe(false);
    expect(result.findings[0].unfixableReason).toContain('written on one line');
  });
});

describe('replacing a file', () => {
  const hashOf = (file: string) => contentHash(readFileSync(file));

  it('does not overwrite a change made after the first check, just before the rename', async () => {
    const dir = project({ 'a.py': NOISY });
    const file = path.join(dir, 'a.py');
    const edited = `${NOISY}# edited while rng-fix was writing\n`;
    const problem = await replaceFileIfUnchanged(file, Buffer.from('fixed\n'), hashOf(file), { beforeRename: () => writeFileSync(file, edited) });
    expect(problem).toBe(CHANGED_ON_DISK);
    expect(readFileSync(file, 'utf8')).toBe(edited);
    expect(readdirSync(dir), 'the temporary file is removed').toEqual(['a.py']);
  });

  it('notices a file replaced or touched with the same content', async () => {
    const dir = project({ 'a.py': NOISY, 'copy.py': NOISY });
    const file = path.join(dir, 'a.py');
    const replaced = await replaceFileIfUnchanged(file, Buffer.from('fixed\n'), hashOf(file), { beforeRename: () => renameSync(path.join(dir, 'copy.py'), file) });
    expect(replaced).toBe(CHANGED_ON_DISK);
    const touched = await replaceFileIfUnchanged(file, Buffer.from('fixed\n'), hashOf(file), { beforeRename: () => utimesSync(file, 1, 1) });
    expect(touched).toBe(CHANGED_ON_DISK);
    expect(readFileSync(file, 'utf8')).toBe(NOISY);
  });

  it('writes through a symbolic link and keeps the mode', async () => {
    const dir = project({ 'a.py': NOISY });
    const file = path.join(dir, 'a.py');
    chmodSync(file, 0o750);
    symlinkSync(file, path.join(dir, 'link.py'));
    expect(await replaceFileIfUnchanged(path.join(dir, 'link.py'), Buffer.from('fixed\n'), hashOf(file))).toBeNull();
    expect(readFileSync(file, 'utf8')).toBe('fixed\n');
    expect(statSync(file).mode & 0o777).toBe(0o750);
    expect(readdirSync(dir).sort()).toEqual(['a.py', 'link.py']);
  });
});

describe('exit codes', () => {
  it('are 0 clean, 1 with findings or failed writes, 0 with --exit-zero', () => {
    expect(exitCode({ remainingFindings: 0, failedWrites: 0 })).toBe(0);
    expect(exitCode({ remainingFindings: 2, failedWrites: 0 })).toBe(1);
    expect(exitCode({ remainingFindings: 0, failedWrites: 1 })).toBe(1);
    expect(exitCode({ remainingFindings: 2, failedWrites: 0, exitZero: true })).toBe(0);
  });
});

describe('rewriting', () => {
  it('refuses a fix whose result would not parse and keeps the others', async () => {
    const { rewriteFile } = await import('../src/fix/fix.js');
    const dir = project({ 'a.py': NOISY });
    const result = await scan({ rules: RULES, paths: ['.'], cwd: dir, strategy: 'auto' });
    const file = result.plan.rewrites[0].file;
    const good = { description: 'rename', edits: [{ file, start: 0, end: 0, text: '# fixed\n' }], preamble: [] };
    const broken = { description: 'break', edits: [{ file, start: NOISY.indexOf('class'), end: NOISY.indexOf('class'), text: 'def (:\n' }], preamble: [] };
    const rewrite = await rewriteFile(file, [good, broken]);
    expect(rewrite.applied).toEqual([good]);
    expect(rewrite.refused).toEqual([{ fix: broken, reason: 'the fixed code would not parse' }]);
    expect(rewrite.after).toBe(`# fixed\n${NOISY}`);
  });
});
