/** Large trees are analysed a group of linked files at a time, with the same findings and fixes as all at once. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planBatches } from '../src/batches.js';
import { discoverFiles } from '../src/discover.js';
import { scan } from '../src/engine.js';
import { readAndSurvey, type SurveyedFile } from '../src/load.js';
import { ModuleNaming } from '../src/project/module-names.js';
import { RULES } from '../transforms/index.js';

const DATASET = (name: string, rng: string) => `import numpy as np
from torch.utils.data import Dataset


class ${name}(Dataset):
    def __init__(self):
        self.rng = ${rng}

    def __len__(self):
        return 8

    def __getitem__(self, index):
        return self.rng.normal()
`;

const TRAIN = (module: string, name: string) => `from torch.utils.data import DataLoader

from ${module} import ${name}

loader = DataLoader(${name}(), batch_size=2, num_workers=4)
`;

/** Two projects side by side; one has two script folders, each with its own `dataset.py`, and a library package. */
const TREE: Record<string, string> = {
  'vision/setup.py': '',
  'vision/lib/__init__.py': '',
  'vision/lib/datasets.py': DATASET('Crops', 'np.random.default_rng(0)'),
  'vision/tools/train.py': TRAIN('lib.datasets', 'Crops'),
  'vision/segment/dataset.py': DATASET('Masks', 'np.random.RandomState(1)'),
  'vision/segment/train.py': TRAIN('dataset', 'Masks'),
  'vision/classify/dataset.py': DATASET('Masks', 'np.random.default_rng(2)'),
  'vision/classify/train.py': TRAIN('dataset', 'Masks'),
  'speech/pyproject.toml': '',
  'speech/data.py': DATASET('Clips', 'np.random.default_rng(3)'),
  'speech/train.py': TRAIN('data', 'Clips'),
  'speech/notes.py': 'print("no data loading here")\n',
};

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tree(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'rng-fix-batches-'));
  dirs.push(root);
  for (const [file, text] of Object.entries(TREE)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe('batches of files linked by imports', () => {
  it('keeps importers with what they import, and folders together, and nothing else', async () => {
    const root = tree();
    const paths = (await discoverFiles([root], root)).sort();
    const surveyed = new Map<string, SurveyedFile>();
    for (const file of paths) {
      const survey = readAndSurvey(file, root, [...new Set(RULES.flatMap((rule) => rule.relevance.words))]);
      if (!('problem' in survey)) surveyed.set(file, survey);
    }
    const batches = planBatches(paths, surveyed, new ModuleNaming(paths), 1);
    const names = batches.map((batch) => batch.parse.map((file) => path.relative(root, file)));
    expect(names).toEqual([
      ['speech/data.py', 'speech/train.py'],
      ['vision/classify/dataset.py', 'vision/classify/train.py'],
      ['vision/lib/datasets.py', 'vision/tools/train.py'],
      ['vision/segment/dataset.py', 'vision/segment/train.py'],
    ]);
    // A file that nothing links to parsed files is in no batch (one that loads it may report in it).
    expect(batches.some((batch) => batch.members.has(path.join(root, 'speech/notes.py')))).toBe(false);
    // A byte budget that holds them all makes one batch.
    expect(planBatches(paths, surveyed, new ModuleNaming(paths), Infinity)).toHaveLength(1);
  });

  it('finds and fixes the same, batch by batch with the facts let go, as all at once', async () => {
    const root = tree();
    const options = { rules: RULES, paths: ['.'], cwd: root, strategy: 'auto' as const };
    const whole = await scan({ ...options, batchBytes: Infinity });
    const grouped = await scan({ ...options, batchBytes: 1, releaseFacts: true });
    expect(whole.findings.map((finding) => `${finding.path}:${finding.line} ${finding.code} ${finding.confidence}`)).toEqual([
      'speech/data.py:13 RNG002 certain',
      'vision/classify/dataset.py:13 RNG002 certain',
      'vision/lib/datasets.py:13 RNG002 certain',
      'vision/segment/dataset.py:13 RNG002 certain',
    ]);
    expect(grouped.findings).toEqual(whole.findings);
    expect(grouped.rewrites).toEqual(whole.rewrites);
  });
});
