/**
 * Property-based tests: programs with datasets, transforms, RNG objects,
 * loaders and worker_init_fns in many shapes, spellings, indentations and
 * line endings. For each: every fixed file parses, a second run finds nothing
 * left to fix and changes nothing, and only lines the fix is about change.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { structuredPatch } from 'diff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scan, writeFixes } from '../src/engine.js';
import { parsesCleanly } from '../src/python/parser.js';
import type { Strategy } from '../src/rule.js';
import { RULES } from '../transforms/index.js';

interface Shape {
  numpy: 'np' | 'numpy' | 'npr' | 'names';
  drawPlace: 'getitem' | 'method' | 'transform' | 'function';
  rngObject: 'none' | 'generator' | 'random-state' | 'python-random' | 'module-generator';
  loader: 'literal' | 'variable' | 'out-of-sight' | 'kwargs' | 'multiline';
  workerInitFn: 'none' | 'repeating' | 'correct';
  indent: string;
  eol: '\n' | '\r\n';
  strategy: Strategy;
  workers: number;
}

const shapes = fc.record<Shape>({
  numpy: fc.constantFrom('np', 'numpy', 'npr', 'names'),
  drawPlace: fc.constantFrom('getitem', 'method', 'transform', 'function'),
  rngObject: fc.constantFrom('none', 'generator', 'random-state', 'python-random', 'module-generator'),
  loader: fc.constantFrom('literal', 'variable', 'out-of-sight', 'kwargs', 'multiline'),
  workerInitFn: fc.constantFrom('none', 'repeating', 'correct'),
  indent: fc.constantFrom('    ', '  ', '\t'),
  eol: fc.constantFrom('\n', '\r\n'),
  strategy: fc.constantFrom('auto', 'worker-init-fn', 'per-worker-rng'),
  workers: fc.integer({ min: 0, max: 8 }),
});

function program(shape: Shape): string {
  const imports = {
    np: ['import numpy as np'],
    numpy: ['import numpy'],
    npr: ['import numpy as np', 'from numpy import random as npr'],
    names: ['import numpy as np', 'from numpy.random import rand'],
  }[shape.numpy];
  const draw = { np: 'np.random.rand()', numpy: 'numpy.random.rand()', npr: 'npr.rand()', names: 'rand()' }[shape.numpy];
  const ctor = {
    none: '',
    generator: 'np.random.default_rng(0)',
    'random-state': 'np.random.RandomState(0)',
    'python-random': 'random.Random(0)',
    'module-generator': '',
  }[shape.rngObject];
  const numpyName = shape.numpy === 'numpy' ? 'numpy' : 'np';
  const lines: string[] = [
    ...imports,
    ...(shape.rngObject === 'python-random' ? ['import random'] : []),
    'import torch',
    'from torch.utils.data import DataLoader, Dataset',
    '',
    ...(shape.rngObject === 'module-generator' ? [`RNG = ${numpyName}.random.default_rng(1)`, ''] : []),
    '',
    'def jitter(value):',
    `    return value + ${draw}`,
    '',
    '',
    'class Flip:',
    '    def __call__(self, value):',
    `        return -value if ${draw} < 0.5 else value`,
    '',
    '',
    'class Noisy(Dataset):',
    '    def __init__(self):',
    '        self.flip = Flip()',
    ...(ctor ? [`        self.rng = ${ctor.replace('np.', `${numpyName}.`)}`] : []),
    '',
    '    def __len__(self):',
    '        return 8',
    '',
    '    def noise(self):',
    `        return ${draw}`,
    '',
    '    def __getitem__(self, index):',
    `        value = ${{ getitem: draw, method: 'self.noise()', transform: 'self.flip(index)', function: 'jitter(index)' }[shape.drawPlace]}`,
    ...(ctor ? ['        value += self.rng.random()'] : []),
    ...(shape.rngObject === 'module-generator' ? ['        value += RNG.random()'] : []),
    '        return value',
    '',
  ];
  if (shape.workerInitFn !== 'none') {
    const seed = shape.workerInitFn === 'repeating' ? '1234 + worker_id' : 'torch.initial_seed() % 2**32';
    lines.push('', 'def init_worker(worker_id):', `    ${numpyName}.random.seed(${seed})`, '');
  }
  const wif = shape.workerInitFn === 'none' ? '' : ', worker_init_fn=init_worker';
  switch (shape.loader) {
    case 'literal':
      lines.push('', `loader = DataLoader(Noisy(), batch_size=2, num_workers=${shape.workers}${wif})`);
      break;
    case 'variable':
      lines.push('', 'def make_loader(workers):', `    return DataLoader(Noisy(), num_workers=workers${wif})`);
      break;
    case 'kwargs':
      lines.push('', `options = {"num_workers": ${shape.workers}}`, `loader = DataLoader(Noisy()${wif}, **options)`);
      break;
    case 'multiline':
      lines.push('', 'loader = DataLoader(', '    Noisy(),', '    batch_size=2,', `    num_workers=${shape.workers},  # workers${wif.replace(', ', '\n    ')}`, ')');
      break;
    case 'out-of-sight':
      break;
  }
  return `${lines.join('\n').replace(/^( {4})+/gm, (spaces) => shape.indent.repeat(spaces.length / 4)).replace(/\n/g, shape.eol)}${shape.eol}`;
}

/** Lines a fix may change: the draw it wraps, the loader call, a seeding call, an import it extends. */
const FIXABLE_LINE = /DataLoader|seed\(|self\.rng|RNG\.|import|num_workers|worker_init_fn/;

describe('fixes on generated programs', () => {
  it('parse, are idempotent, and touch only what they fix', async () => {
    const codes = new Map<string, number>();
    let rewritten = 0;
    await fc.assert(
      fc.asyncProperty(shapes, async (shape) => {
        const dir = mkdtempSync(path.join(tmpdir(), 'rng-fix-property-'));
        try {
          const source = program(shape);
          writeFileSync(path.join(dir, 'data.py'), source);
          expect(await parsesCleanly(source)).toBe(true);
          const options = { rules: RULES, paths: ['.'], cwd: dir, strategy: shape.strategy };
          const first = await scan(options);
          for (const finding of first.findings) codes.set(finding.code, (codes.get(finding.code) ?? 0) + 1);
          if (first.rewrites.length > 0) rewritten++;
          await writeFixes(first);
          const fixed = readFileSync(path.join(dir, 'data.py'), 'utf8');
          expect(await parsesCleanly(fixed), fixed).toBe(true);
          if (shape.eol === '\r\n') expect(fixed.replace(/\r\n/g, '')).not.toContain('\n');

          const second = await scan(options);
          expect(second.rewrites, fixed).toEqual([]);
          expect(second.findings.filter((finding) => finding.fixable), fixed).toEqual([]);
          expect(second.findings.length).toBe(first.findings.filter((finding) => !finding.fixable).length);

          const removed = structuredPatch('a', 'b', source.replace(/\r\n/g, '\n'), fixed.replace(/\r\n/g, '\n')).hunks.flatMap((hunk) => hunk.lines.filter((line) => line.startsWith('-')));
          for (const line of removed) expect(line, `a changed line in\n${fixed}`).toMatch(FIXABLE_LINE);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 120, seed: 20261127 },
    );
    // The generated programs do exercise the rules and their fixes.
    console.log(`generated programs: ${rewritten} of 120 fixed; findings ${JSON.stringify(Object.fromEntries(codes))}`);
    expect(rewritten).toBeGreaterThan(60);
    for (const code of ['RNG001', 'RNG002', 'RNG004']) expect(codes.get(code) ?? 0).toBeGreaterThan(10);
  }, 300_000);
});
