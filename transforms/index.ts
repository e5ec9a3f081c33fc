/** The registry of rules, in code order. Every rule lives in its own file beside this one. */
import type { Rule, RuleCode } from '../src/rule.js';
import { rng001 } from './rng001-numpy-global-in-worker.js';
import { rng002 } from './rng002-rng-object-shared-across-workers.js';
import { rng003 } from './rng003-keras-sequence-multiprocessing.js';
import { rng004 } from './rng004-worker-init-fn-repeats.js';
import { rng005 } from './rng005-library-rng-in-worker.js';

export const RULES: readonly Rule[] = [rng001, rng002, rng003, rng004, rng005];

export function ruleByCode(code: string): Rule | undefined {
  return RULES.find((rule) => rule.code === (code.toUpperCase() as RuleCode));
}
