/**
 * Interactive review end to end: the built binary runs in a real
 * pseudo-terminal (Python's pty module, test/interactive/drive.py) and a
 * script answers its prompts; then the files on disk are checked.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'dist', 'src', 'cli.js');
const DRIVER = path.join(ROOT, 'test', 'interactive', 'drive.py');
const EXAMPLE = path.join(ROOT, 'examples', 'noisy-images');

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function copyExample(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rng-fix-review-'));
  dirs.push(dir);
  cpSync(EXAMPLE, dir, { recursive: true, filter: (source) => !source.includes('__pycache__') });
  return dir;
}

function drive(cwd: string, answers: [string, string][], env: Record<string, string> = {}, ...args: string[]) {
  const output = execFileSync('python3', [DRIVER, JSON.stringify(answers), '--', process.execPath, CLI, '-i', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 90_000,
  });
  return JSON.parse(output) as { transcript: string; exit_code: number };
}

const NOISY = `import numpy as np
from torch.utils.data import DataLoader, Dataset


class Noisy(Dataset):
    def __getitem__(self, index):
        return np.random.rand()

    def __len__(self):
        return 4


loader = DataLoader(Noisy(), num_workers=2)
`;

const PROMPT = String.raw`Apply this fix\? \[y,n,a,d,A,q,e,\?\]`;

describe('rng-fix -i', () => {
  it('applies the approved fix, skips the rejected one, and writes each file once', () => {
    const dir = copyExample();
    const transforms = readFileSync(path.join(dir, 'noisy_images/transforms.py'), 'utf8');
    const { transcript, exit_code } = drive(dir, [
      [`\\(1/4\\) ${PROMPT}`, '?'],
      ['q - quit; keep the fixes applied so far', 'y'],
      [`\\(3/4\\) ${PROMPT}`, 'n'],
      // The val loader's worker_init_fn is RNG004's (its repeating seed is repaired by its own fix).
      [`\\(4/4\\) ${PROMPT}`, 'y'],
    ]);
    console.log(`transcript of an approve / reject review:\n${transcript}`);
    expect(transcript).toContain('noisy_images/transforms.py:20:15: RNG001');
    expect(transcript).toContain('+++ b/train.py');
    expect(transcript).toContain('Applied 3, skipped 1. Fixed 3, wrote 1 file, 0 failed; 1 left.');
    expect(exit_code).toBe(1);
    const train = readFileSync(path.join(dir, 'train.py'), 'utf8');
    expect(train).toContain('worker_init_fn=seed_worker');
    expect(train).toContain('np.random.seed(torch.initial_seed() % 2**32)');
    expect(readFileSync(path.join(dir, 'noisy_images/transforms.py'), 'utf8')).toBe(transforms);
  });

  it('q keeps what was approved and writes nothing else', () => {
    const dir = copyExample();
    const transforms = readFileSync(path.join(dir, 'noisy_images/transforms.py'), 'utf8');
    const train = readFileSync(path.join(dir, 'train.py'), 'utf8');
    const { transcript, exit_code } = drive(dir, [
      [`\\(1/4\\) ${PROMPT}`, 'n'],
      [`\\(2/4\\) ${PROMPT}`, 'q'],
    ]);
    expect(transcript).toContain('Applied 0, skipped 4. Fixed 0, wrote 0 files, 0 failed; 4 left.');
    expect(exit_code).toBe(1);
    expect(readFileSync(path.join(dir, 'train.py'), 'utf8')).toBe(train);
    expect(readFileSync(path.join(dir, 'noisy_images/transforms.py'), 'utf8')).toBe(transforms);
  });

  it('e opens the fixed file in $EDITOR and applies what the editor saved', () => {
    const dir = copyExample();
    const editor = path.join(dir, 'edit.sh');
    writeFileSync(editor, `#!/bin/sh\nsed -i 's/# An RNG object made before/# Reviewed: an RNG object made before/' "$1"\n`);
    chmodSync(editor, 0o755);
    const { transcript } = drive(
      dir,
      [
        [`\\(1/4\\) ${PROMPT}`, 'n'],
        [`\\(2/4\\) ${PROMPT}`, 'n'],
        [`\\(3/4\\) ${PROMPT}`, 'e'],
        [`\\(4/4\\) ${PROMPT}`, 'n'],
      ],
      { EDITOR: editor, VISUAL: '' },
    );
    expect(transcript).toContain('Applied 1, skipped 3.');
    const transforms = readFileSync(path.join(dir, 'noisy_images/transforms.py'), 'utf8');
    expect(transforms).toContain('# Reviewed: an RNG object made before');
    expect(transforms).toContain('_reseed_for_worker(self.rng).normal(');
  });

  it('refuses an edit that does not parse and asks again', () => {
    const dir = copyExample();
    const editor = path.join(dir, 'break.sh');
    writeFileSync(editor, '#!/bin/sh\necho "def (:" >> "$1"\n');
    chmodSync(editor, 0o755);
    const { transcript } = drive(
      dir,
      [
        [`\\(1/4\\) ${PROMPT}`, 'e'],
        ['does not parse; it was not applied', 'q'],
      ],
      { EDITOR: editor, VISUAL: '' },
    );
    expect(transcript).toContain('The edited file does not parse; it was not applied.');
    expect(readFileSync(path.join(dir, 'train.py'), 'utf8')).not.toContain('def (:');
  });

  it('e runs the editor without a shell: a $(...) in a file name or in $EDITOR\'s arguments never executes', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rng-fix-review-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, '$(touch pwned).py'), NOISY);
    const editor = path.join(dir, 'edit.sh');
    writeFileSync(editor, `#!/bin/sh\n# $1 is the option below, $2 the file.\nsed -i 's/^loader = /# Reviewed\\nloader = /' "$2"\n`);
    chmodSync(editor, 0o755);
    const { transcript } = drive(dir, [[`\\(1/1\\) ${PROMPT}`, 'e']], { EDITOR: `'${editor}' '--option=$(touch pwned-too)'`, VISUAL: '' });
    expect(transcript).toContain('Applied 1, skipped 0.');
    expect(existsSync(path.join(dir, 'pwned'))).toBe(false);
    expect(existsSync(path.join(dir, 'pwned-too'))).toBe(false);
    expect(readFileSync(path.join(dir, '$(touch pwned).py'), 'utf8')).toContain('# Reviewed\nloader = DataLoader(Noisy(), num_workers=2, worker_init_fn=seed_worker)');
  });

  it('clears an invalid answer, so the next one is read on its own', () => {
    const dir = copyExample();
    const { transcript } = drive(dir, [
      [`\\(1/4\\) ${PROMPT}`, 'x'],
      ['answer one of y, n, a, d, A, q, e, \\?', 'n'],
      [`\\(2/4\\) ${PROMPT}`, 'q'],
    ]);
    expect(transcript).toContain('Applied 0, skipped 4.');
  });

  it('an editor that saves no change applies the fix as shown, and the file\'s later fixes are still asked', () => {
    const dir = copyExample();
    const { transcript } = drive(
      dir,
      [
        [`\\(1/4\\) ${PROMPT}`, 'e'],
        [`\\(3/4\\) ${PROMPT}`, 'n'],
        [`\\(4/4\\) ${PROMPT}`, 'y'],
      ],
      { EDITOR: 'true', VISUAL: '' },
    );
    expect(transcript).toContain('No change was saved; the fix is applied as shown.');
    expect(transcript).not.toContain('edited by hand');
    expect(transcript).toContain('Applied 3, skipped 1.');
    expect(readFileSync(path.join(dir, 'train.py'), 'utf8')).toContain('worker_init_fn=seed_worker');
  });

  it('Ctrl-C ends the review with exit code 130', () => {
    const dir = copyExample();
    const train = readFileSync(path.join(dir, 'train.py'), 'utf8');
    const { exit_code } = drive(dir, [[`\\(1/4\\) ${PROMPT}`, '\x03']]);
    expect(exit_code).toBe(130);
    expect(readFileSync(path.join(dir, 'train.py'), 'utf8')).toBe(train);
  });

  it('without a terminal, exits with 2 and points at --dry-run and --write', () => {
    const dir = copyExample();
    const result = spawnSync(process.execPath, [CLI, '-i'], { cwd: dir, encoding: 'utf8', input: '' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('-i needs a terminal');
    expect(result.stderr).toContain('--dry-run');
    expect(result.stderr).toContain('--write');
  });
});

describe('uncommitted changes', () => {
  it('--write leaves files with uncommitted changes alone unless --force; --dry-run never refuses', () => {
    const dir = copyExample();
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'example');
    writeFileSync(path.join(dir, 'train.py'), `${readFileSync(path.join(dir, 'train.py'), 'utf8')}# local change\n`);
    expect(spawnSync(process.execPath, [CLI, '--dry-run'], { cwd: dir }).status).toBe(1);
    const refused = spawnSync(process.execPath, [CLI, '--write'], { cwd: dir, encoding: 'utf8' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('train.py: has uncommitted changes; not written (commit or stash them first, or pass --force)');
    expect(readFileSync(path.join(dir, 'train.py'), 'utf8')).not.toContain('seed_worker');
    expect(readFileSync(path.join(dir, 'noisy_images/transforms.py'), 'utf8')).toContain('_reseed_for_worker');
    const forced = spawnSync(process.execPath, [CLI, '--write', '--force'], { cwd: dir, encoding: 'utf8' });
    expect(forced.status).toBe(0);
    expect(readFileSync(path.join(dir, 'train.py'), 'utf8')).toContain('seed_worker');
  });

  it('-i says a file with uncommitted changes is refused before showing any of its fixes', () => {
    const dir = copyExample();
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'example');
    const edited = `${readFileSync(path.join(dir, 'train.py'), 'utf8')}# local change\n`;
    writeFileSync(path.join(dir, 'train.py'), edited);
    const { transcript } = drive(dir, [[`\\(3/4\\) ${PROMPT}`, 'y']]);
    const refusal = transcript.indexOf('train.py: has uncommitted changes; not written (commit or stash them first, or pass --force); its fixes are skipped.');
    expect(refusal).toBeGreaterThanOrEqual(0);
    expect(refusal, 'said before any fix is shown').toBeLessThan(transcript.indexOf('--- a/'));
    expect(transcript).not.toContain('+++ b/train.py');
    expect(transcript).not.toMatch(/\((1|2|4)\/4\) Apply/);
    expect(transcript).toContain('Applied 1, skipped 3. Fixed 1, wrote 1 file, 0 failed; 3 left.');
    expect(readFileSync(path.join(dir, 'train.py'), 'utf8')).toBe(edited);
    expect(readFileSync(path.join(dir, 'noisy_images/transforms.py'), 'utf8')).toContain('_reseed_for_worker');
  });

  it('refuses through a symbolic link to the repository too', () => {
    const outer = mkdtempSync(path.join(tmpdir(), 'rng-fix-link-'));
    dirs.push(outer);
    const repo = path.join(outer, 'repo');
    cpSync(EXAMPLE, repo, { recursive: true, filter: (source) => !source.includes('__pycache__') });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo, encoding: 'utf8' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'example');
    writeFileSync(path.join(repo, 'train.py'), `${readFileSync(path.join(repo, 'train.py'), 'utf8')}# local change\n`);
    symlinkSync(repo, path.join(outer, 'link-to-repo'));
    const refused = spawnSync(process.execPath, [CLI, '--write', 'link-to-repo'], { cwd: outer, encoding: 'utf8' });
    expect(refused.stderr).toContain('train.py: has uncommitted changes; not written');
    expect(readFileSync(path.join(repo, 'train.py'), 'utf8')).not.toContain('seed_worker');
    expect(readFileSync(path.join(repo, 'noisy_images/transforms.py'), 'utf8')).toContain('_reseed_for_worker');
  });
});
