/**
 * What a test needs from the machine (a Python environment with a framework,
 * the benchmark corpus), checked once per requirement. A test whose
 * requirement is missing is skipped with a warning on a developer's machine,
 * and fails on its own, with its own reason, under CI (CI=true): one missing
 * framework never takes down the tests that do not need it.
 *
 * To add a requirement, add an entry to REQUIREMENTS and name it in the
 * test's `requires` list.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { it } from 'vitest';

export const ROOT = path.resolve(import.meta.dirname, '..');
/** The environments scripts/setup-python-env.sh makes; RNG_FIX_TEST_PYTHON / RNG_FIX_TF_PYTHON name others. */
export const PYTHON = process.env.RNG_FIX_TEST_PYTHON ?? path.join(ROOT, '.venv-test', 'bin', 'python');
export const TF_PYTHON = process.env.RNG_FIX_TF_PYTHON ?? path.join(ROOT, '.venv-tf', 'bin', 'python');
export const AUG_PYTHON = path.join(ROOT, '.venv-aug', 'bin', 'python');
export const CORPUS = process.env.RNG_FIX_CORPUS ?? path.join(homedir(), '.cache', 'rng-fix', 'corpus');

export const UNDER_CI = process.env.CI === 'true' || process.env.CI === '1';

const SETUP = 'run scripts/setup-python-env.sh';
const shown = (file: string) => (file.startsWith(`${ROOT}${path.sep}`) ? path.relative(ROOT, file) : file);

function pythonImports(python: string, modules: string, env: Record<string, string> = {}): boolean {
  if (!existsSync(python)) return false;
  return spawnSync(python, ['-c', `import ${modules}`], { stdio: 'ignore', env: { ...process.env, ...env } }).status === 0;
}

/** Each requirement: a check returning null when met, or what is missing and how to get it. */
const REQUIREMENTS = {
  torch: () => (pythonImports(PYTHON, 'torch, numpy') ? null : `${shown(PYTHON)} with torch and numpy (${SETUP})`),
  keras: () => (pythonImports(PYTHON, 'torch, numpy, keras', { KERAS_BACKEND: 'torch' }) ? null : `${shown(PYTHON)} with keras 3 on the torch backend (${SETUP})`),
  tensorflow: () => (pythonImports(TF_PYTHON, 'tensorflow', { TF_CPP_MIN_LOG_LEVEL: '3' }) ? null : `${shown(TF_PYTHON)} with tensorflow (${SETUP})`),
  augmentation: () => (pythonImports(AUG_PYTHON, 'torch, albumentations, monai', { NO_ALBUMENTATIONS_UPDATE: '1' }) ? null : `${shown(AUG_PYTHON)} with albumentations and MONAI (${SETUP})`),
  corpus: () => (existsSync(path.join(CORPUS, '.complete')) ? null : `the benchmark corpus at ${CORPUS} (run scripts/build-corpus.sh)`),
} satisfies Record<string, () => string | null>;

export type Requirement = keyof typeof REQUIREMENTS;

const checked = new Map<Requirement, string | null>();

/** What is missing for these requirements, one reason each; empty when all are met. */
export function missing(requires: readonly Requirement[]): string[] {
  return requires.flatMap((name) => {
    if (!checked.has(name)) checked.set(name, REQUIREMENTS[name]());
    const reason = checked.get(name);
    return reason ? [reason] : [];
  });
}

/**
 * A test that needs `requires`: run when they are met; otherwise skipped with
 * a warning, or, under CI, failed with the reasons.
 */
export function itRequires(requires: readonly Requirement[], name: string, test: () => unknown | Promise<unknown>, timeout?: number): void {
  const reasons = missing(requires);
  if (reasons.length === 0) {
    it(name, test, timeout);
  } else if (UNDER_CI) {
    it(name, () => {
      throw new Error(`cannot run: needs ${reasons.join('; ')} (required under CI)`);
    });
  } else {
    console.warn(`\n*** SKIPPED ${name}: needs ${reasons.join('; ')} ***\n`);
    it.skip(name, test);
  }
}
