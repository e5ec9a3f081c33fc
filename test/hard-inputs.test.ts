/**
 * Bad input next to real findings: each case gets a clear message naming the
 * file, the right exit code, the real finding in a neighbouring file still
 * reported and fixed, and nothing written that should not be.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parsesCleanly } from '../src/python/parser.js';

const CLI = path.resolve(import.meta.dirname, '..', 'dist', 'src', 'cli.js');
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
  for (const dir of dirs.splice(0)) {
    spawnSync('chattr', ['-R', '-i', dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rng-fix-hard-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

function rngFix(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A root word in code (not only in a comment) keeps the prefilter from skipping the bad file, so it is really read and parsed. */
const ROOT = 'from torch.utils.data import Dataset\n';

const BAD_INPUTS: [string, string | Buffer, RegExp | null][] = [
  ['syntax-error.py', `${ROOT}def broken(:\n    pass\n`, /syntax-error\.py: skipped: syntax error at line 2/],
  ['python2.py', `${ROOT}print "x"\n`, /python2\.py: skipped: Python 2 syntax \(print statement\) at line 2/],
  ['nul-bytes.py', Buffer.from(`${ROOT}x = 1\0\n`), /nul-bytes\.py: skipped: the file contains NUL bytes/],
  ['utf16-le-bom.py', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${ROOT}x = 1\n`, 'utf16le')]), /utf16-le-bom\.py: skipped: the file is UTF-16 \(little-endian\), which Python does not accept as source; save it as UTF-8/],
  ['utf16-be-bom.py', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(`${ROOT}x = 1\n`, 'utf16le').swap16()]), /utf16-be-bom\.py: skipped: the file is UTF-16 \(big-endian\)/],
  ['utf16-le.py', Buffer.from(`${ROOT}x = 1\n`, 'utf16le'), /utf16-le\.py: skipped: the file is UTF-16 \(little-endian\)/],
  ['utf16-be.py', Buffer.from(`${ROOT}x = 1\n`, 'utf16le').swap16(), /utf16-be\.py: skipped: the file is UTF-16 \(big-endian\)/],
  ['not-utf8.py', Buffer.from([...Buffer.from(ROOT), 0xff, 0xfe, 0x0a]), /not-utf8\.py: skipped: the file is not valid UTF-8/],
  ['cp1252.py', `# -*- coding: cp1252 -*-\n${ROOT}`, /cp1252\.py: skipped: unsupported source encoding "cp1252"/],
  ['latin1.py', Buffer.from(`# -*- coding: latin-1 -*-\n${ROOT}name = "caf\xe9"\n`, 'latin1'), null],
  ['bom.py', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${ROOT}x = 1\n`)]), null],
  ['empty.py', '', null],
  ['mixed-indentation.py', `${ROOT}if True:\n\tif True:\n\t    x = 1\n`, null],
];

describe('hard inputs', () => {
  for (const [name, content, expected] of BAD_INPUTS) {
    it(`${name}: ${expected ? 'reported and skipped' : 'read without complaint'}; the real finding beside it is fixed`, () => {
      const dir = project({ [name]: content, 'noisy.py': NOISY });
      const { code, stderr } = rngFix(dir, '--write');
      expect(code).toBe(0);
      if (expected) expect(stderr).toMatch(expected);
      else expect(stderr).not.toContain(name);
      expect(readFileSync(path.join(dir, name))).toEqual(Buffer.isBuffer(content) ? content : Buffer.from(content));
      expect(readFileSync(path.join(dir, 'noisy.py'), 'utf8')).toContain('worker_init_fn=seed_worker');
    });
  }

  it('reads a file whose cookie names a codec CPython does not ship (future_fstrings) or ASCII as UTF-8, and fixes it', () => {
    const dir = project({ 'fstrings.py': `# -*- coding: future_fstrings -*-\n${NOISY}`, 'ascii.py': `# coding: ascii\n${NOISY.replace(/Noisy/g, 'Plain')}` });
    const { code, stdout, stderr } = rngFix(dir, '--write');
    expect(stderr).not.toContain('warning');
    expect(code).toBe(0);
    expect(stdout).toBe('');
    for (const name of ['fstrings.py', 'ascii.py']) expect(readFileSync(path.join(dir, name), 'utf8')).toContain('worker_init_fn=seed_worker');
  });

  it('keeps CRLF line endings and tab indentation in what it writes', async () => {
    const crlf = NOISY.replace(/ {4}/g, '\t').replace(/\n/g, '\r\n');
    const dir = project({ 'noisy.py': crlf });
    expect(rngFix(dir, '--write').code).toBe(0);
    const fixed = readFileSync(path.join(dir, 'noisy.py'), 'utf8');
    expect(fixed.replace(/\r\n/g, '')).not.toContain('\n');
    expect(fixed).toContain('\r\n\tnp.random.seed(torch.initial_seed() % 2**32)\r\n');
    expect(await parsesCleanly(fixed)).toBe(true);
  });

  it('handles a 5 MB file, 100,000-character lines and 1,000 levels of nesting', () => {
    const big = `${NOISY}${'value = [1, 2, 3]\n'.repeat(5 * 2 ** 20 / 18)}`;
    const longLine = `${ROOT}x = ${'1 + '.repeat(25_000)}1\n`;
    const nested = `${ROOT}y = ${'('.repeat(1000)}1${')'.repeat(1000)}\n`;
    const dir = project({ 'big.py': big, 'long.py': longLine, 'nested.py': nested });
    const { code, stdout, stderr } = rngFix(dir);
    expect(code).toBe(1);
    expect(stdout).toContain('big.py:7:16: RNG001');
    expect(stderr).not.toMatch(/warning: (long|nested)\.py/);
  });

  it('an empty folder has nothing to report; a missing path is a usage error', () => {
    const dir = project({});
    const empty = rngFix(dir);
    expect(empty.code).toBe(0);
    expect(empty.stderr).toContain('No findings in 0 files.');
    const missing = rngFix(dir, 'does-not-exist');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does-not-exist: no such file or directory');
  });

  it('a symbolic-link loop is not followed', () => {
    const dir = project({ 'noisy.py': NOISY });
    symlinkSync(dir, path.join(dir, 'loop'));
    const { code, stdout } = rngFix(dir);
    expect(code).toBe(1);
    expect(stdout.match(/RNG001/g)).toHaveLength(1);
  });

  const immutable = spawnSync('chattr', ['--version']).status === 0 || spawnSync('chattr', ['-V']).error === undefined;
  it.skipIf(!immutable)('a file that cannot be written is reported with exit code 1 and the others are still written', () => {
    const dir = project({ 'locked.py': NOISY, 'open.py': NOISY.replace(/Noisy/g, 'Other') });
    if (spawnSync('chattr', ['+i', path.join(dir, 'locked.py')]).status !== 0) return expect.fail('chattr +i failed: cannot make a file unwritable here');
    const { code, stderr } = rngFix(dir, '--write');
    expect(code).toBe(1);
    expect(stderr).toMatch(/locked\.py: not written: E(PERM|ACCES)/);
    expect(readFileSync(path.join(dir, 'locked.py'), 'utf8')).toBe(NOISY);
    expect(readFileSync(path.join(dir, 'open.py'), 'utf8')).toContain('worker_init_fn=seed_worker');
  });
});
