/** Which files a scan reads: the same as git's own view of a repository, hidden and build folders aside. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverFiles } from '../src/discover.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'rng-fix-discover-'));
  dirs.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

function gitInit(root: string): string {
  execFileSync('git', ['init', '-q'], { cwd: root });
  return root;
}

/** What git lists as tracked-or-trackable, not ignored: `git ls-files --others --exclude-standard`. */
function gitView(root: string, folder: string): string[] {
  const listed = execFileSync('git', ['ls-files', '--others', '--exclude-standard', '--', folder], { cwd: root, encoding: 'utf8' });
  return listed
    .split('\n')
    .filter((file) => /\.(py|ipynb)$/.test(file) && !file.split('/').some((part) => part.startsWith('.')))
    .map((file) => path.join(root, file))
    .sort();
}

const REPOSITORY = {
  '.gitignore': 'generated/\n*.tmp.py\n/data_local.py\ndata/\n',
  'train.py': '',
  'data_local.py': '',
  'generated/model.py': '',
  'scratch.tmp.py': '',
  'pkg/__init__.py': '',
  'pkg/.gitignore': 'experiments/*\n!experiments/keep.py\nlocal_*.py\n',
  'pkg/data.py': '',
  'pkg/local_override.py': '',
  'pkg/experiments/run.py': '',
  'pkg/experiments/keep.py': '',
  'pkg/sub/data_local.py': '',
  'pkg/sub/notes.ipynb': '{}',
  '.hidden/tool.py': '',
  'pkg/.secret.py': '',
  'pkg/scratch.tmp.py': '',
  'data/.gitignore': '!keep.py\n',
  'data/keep.py': '',
};

describe('discovering files', () => {
  it('honours nested .gitignore files, negations and anchored patterns as git does', async () => {
    const root = gitInit(tree(REPOSITORY));
    const found = await discoverFiles(['.'], root);
    expect(found).toEqual(gitView(root, '.'));
    expect(found.map((file) => path.relative(root, file).split(path.sep).join('/'))).toEqual([
      'pkg/__init__.py',
      'pkg/data.py',
      'pkg/experiments/keep.py',
      'pkg/sub/data_local.py',
      'pkg/sub/notes.ipynb',
      'train.py',
    ]);
  });

  it('applies the .gitignore files of the folders above a scanned subfolder, up to the repository top', async () => {
    const root = gitInit(tree(REPOSITORY));
    const found = await discoverFiles(['pkg'], root);
    expect(found).toEqual(gitView(root, 'pkg'));
    // `*.tmp.py` is a rule of the repository's top .gitignore, above the scanned folder.
    expect(found).not.toContain(path.join(root, 'pkg/scratch.tmp.py'));
    expect(found).toContain(path.join(root, 'pkg/data.py'));
  });

  it('keeps a file of an ignored folder ignored, whatever a .gitignore inside that folder says', async () => {
    const root = gitInit(tree(REPOSITORY));
    expect(await discoverFiles(['.'], root)).not.toContain(path.join(root, 'data/keep.py'));
  });

  it('reads no .gitignore above the top of a repository nested in another', async () => {
    const root = gitInit(tree({ '.gitignore': '*.py\n', 'inner/a.py': '', 'inner/b.py': '' }));
    gitInit(path.join(root, 'inner'));
    const found = await discoverFiles(['inner'], root);
    expect(found).toEqual([path.join(root, 'inner/a.py'), path.join(root, 'inner/b.py')]);
    expect(found).toEqual(gitView(path.join(root, 'inner'), '.'));
  });

  it('reads no .gitignore above a folder that is not in a repository', async () => {
    const root = tree({ '.gitignore': '*.py\n', 'inner/a.py': '' });
    expect(await discoverFiles(['inner'], root)).toEqual([path.join(root, 'inner/a.py')]);
  });

  it('scans a file named on the command line even when .gitignore excludes it', async () => {
    const root = tree(REPOSITORY);
    expect(await discoverFiles(['generated/model.py'], root)).toEqual([path.join(root, 'generated/model.py')]);
  });
});
