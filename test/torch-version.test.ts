/** Reading the project's torch constraint from every kind of requirement file. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clausesAdmitBefore19, parseSpecifier, torchVersionPolicy } from '../src/project/torch-version.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function policyFor(file: string, text: string, scanFrom = '.') {
  const dir = mkdtempSync(path.join(tmpdir(), 'rng-fix-torch-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, file), text);
  mkdirSync(path.join(dir, 'src', 'pkg'), { recursive: true });
  return torchVersionPolicy([path.join(dir, scanFrom)], undefined, dir);
}

describe('torch version constraints', () => {
  it.each([
    ['>=1.9', false],
    ['>=1.10,<3', false],
    ['==2.1.0', false],
    ['~=1.12', false],
    ['^2.0', false],
    ['>=1.4', true],
    ['>1.8', true],
    ['==1.8.1', true],
    ['==1.8.*', true],
    ['<2', true],
    ['', true],
  ])('%s admits torch < 1.9: %s', (spec, admits) => {
    expect(clausesAdmitBefore19(parseSpecifier(spec)!)).toBe(admits);
  });

  it('reads requirements*.txt, ignoring markers, comments and other torch packages', () => {
    const policy = policyFor('requirements-train.txt', 'torchvision==0.8\ntorch-geometric\ntorch>=1.10 ; python_version >= "3.8"  # cpu\n');
    expect(policy).toEqual({ admitsBefore19: false, evidence: 'torch>=1.10 in requirements-train.txt' });
  });

  it('reads setup.py install_requires', () => {
    expect(policyFor('setup.py', 'setup(install_requires=["numpy", "torch>=1.6,<2"])\n').admitsBefore19).toBe(true);
    expect(policyFor('setup.py', "setup(install_requires=['torch>=2.0'])\n").admitsBefore19).toBe(false);
  });

  it('reads setup.cfg install_requires', () => {
    expect(policyFor('setup.cfg', '[options]\ninstall_requires =\n    numpy\n    torch>=1.11\n\n[flake8]\n').admitsBefore19).toBe(false);
  });

  it('reads pyproject.toml, PEP 621 and Poetry', () => {
    expect(policyFor('pyproject.toml', '[project]\nname = "x"\ndependencies = ["torch>=2.1"]\n').admitsBefore19).toBe(false);
    expect(policyFor('pyproject.toml', '[tool.poetry.dependencies]\npython = "^3.10"\ntorch = "^1.7"\n').admitsBefore19).toBe(true);
    expect(policyFor('pyproject.toml', '[tool.poetry.dependencies]\ntorch = { version = ">=1.13", source = "pytorch" }\n').admitsBefore19).toBe(false);
  });

  it('reads environment.yml, conda and pip sections', () => {
    expect(policyFor('environment.yml', 'dependencies:\n  - python=3.9\n  - pytorch=1.8\n').admitsBefore19).toBe(true);
    expect(policyFor('environment.yml', 'dependencies:\n  - pytorch::pytorch>=1.12\n').admitsBefore19).toBe(false);
    expect(policyFor('environment.yml', 'dependencies:\n  - pip\n  - pip:\n    - torch==2.2.0\n').admitsBefore19).toBe(false);
  });

  it('searches from the scanned path upwards', () => {
    expect(policyFor('requirements.txt', 'torch>=2\n', 'src/pkg')).toEqual({ admitsBefore19: false, evidence: 'torch>=2 in requirements.txt' });
  });

  it('treats a missing constraint as unknown, which admits old torch; --torch-version overrides', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rng-fix-torch-'));
    dirs.push(dir);
    expect(torchVersionPolicy([dir], undefined, dir)).toEqual({ admitsBefore19: true, evidence: 'no torch version constraint was found' });
    expect(torchVersionPolicy([dir], '1.8.1', dir).admitsBefore19).toBe(true);
    expect(torchVersionPolicy([dir], '1.10', dir)).toEqual({ admitsBefore19: false, evidence: '--torch-version 1.10' });
  });
});
