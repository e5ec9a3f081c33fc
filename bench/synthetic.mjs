// Synthetic projects of one shape at several sizes, for the scaling series of
// `npm run bench`: does rng-fix's time grow in step with the code it scans?
//
// A project has `files` modules mod0.py ... that import each other in a chain
// (each module's `prepare_F` calls the one of the module before), a shared
// augment.py with a Jitter helper, and `classes` Dataset classes spread evenly
// over the modules. Every Dataset holds a helper with a parent-made RNG,
// `self.aug = Jitter(np.random.default_rng(seed))`, that its `__getitem__`
// calls, the bug rng-fix reports; train.py imports every class and makes a
// DataLoader with num_workers=4 for each. With `files: 1` every class is in
// one module.
//
// The text depends only on the two numbers, so a project is generated once
// into a cache folder (RNG_FIX_SYNTHETIC, default ~/.cache/rng-fix/synthetic)
// and reused while its marker names the same generator version.
//
// Usage as a script: node bench/synthetic.mjs FOLDER FILES CLASSES
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const VERSION = 'synthetic-1';

const AUGMENT = `import numpy as np


class Jitter:
    """Adds Gaussian noise from the random generator it is given."""

    def __init__(self, rng, scale=0.1):
        self.rng = rng
        self.scale = scale

    def __call__(self, x):
        return x + self.rng.normal(0.0, self.scale, size=np.shape(x))
`;

function datasetClass(f, k, seed) {
  return `

class Data${f}_${k}(Dataset):
    """Synthetic dataset ${f}.${k}."""

    def __init__(self, root, seed=${seed}):
        self.root = root
        self.items = [float(i) for i in range(${16 + (seed % 16)})]
        self.aug = Jitter(np.random.default_rng(seed))

    def __len__(self):
        return len(self.items)

    def __getitem__(self, index):
        x = np.full(3, self.items[index % len(self.items)])
        return torch.as_tensor(self.aug(prepare_${f}(x)))
`;
}

function moduleText(f, classes, firstSeed) {
  const previous = f > 0 ? `from mod${f - 1} import prepare_${f - 1}\n` : '';
  const prepare =
    f > 0
      ? `def prepare_${f}(x):\n    return prepare_${f - 1}(x) * 1.0\n`
      : `def prepare_${f}(x):\n    return np.asarray(x, dtype=np.float32)\n`;
  const body = Array.from({ length: classes }, (_, k) => datasetClass(f, k, firstSeed + k)).join('');
  return `import numpy as np
import torch
from torch.utils.data import Dataset

from augment import Jitter
${previous}

${prepare}${body}`;
}

function trainText(perModule) {
  const imports = perModule
    .map((count, f) => `from mod${f} import ${Array.from({ length: count }, (_, k) => `Data${f}_${k}`).join(', ')}`)
    .join('\n');
  const loaders = perModule
    .flatMap((count, f) =>
      Array.from({ length: count }, (_, k) => `        DataLoader(Data${f}_${k}(root), batch_size=8, shuffle=True, num_workers=4),`),
    )
    .join('\n');
  return `from torch.utils.data import DataLoader

${imports}


def make_loaders(root):
    return [
${loaders}
    ]


def train(root, epochs=2):
    for epoch in range(epochs):
        for loader in make_loaders(root):
            for batch in loader:
                pass
`;
}

/** Writes the project (files modules, classes Dataset classes in all) into folder, replacing it. */
export function generate(folder, files, classes) {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'augment.py'), AUGMENT);
  // classes spread evenly: the first (classes % files) modules get one more.
  const perModule = Array.from({ length: files }, (_, f) => Math.floor(classes / files) + (f < classes % files ? 1 : 0));
  let seed = 0;
  perModule.forEach((count, f) => {
    writeFileSync(path.join(folder, `mod${f}.py`), moduleText(f, count, seed));
    seed += count;
  });
  writeFileSync(path.join(folder, 'train.py'), trainText(perModule));
}

/** The cached project of that size: generated on first use. Returns its folder. */
export function project(files, classes) {
  const base = process.env.RNG_FIX_SYNTHETIC ?? path.join(homedir(), '.cache', 'rng-fix', 'synthetic');
  const folder = path.join(base, `files${files}-classes${classes}`);
  const marker = path.join(folder, '.complete');
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== VERSION) {
    generate(folder, files, classes);
    writeFileSync(marker, VERSION);
  }
  return folder;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [folder, files, classes] = process.argv.slice(2);
  if (!folder || !(Number(files) >= 1) || !(Number(classes) >= 1)) {
    console.error('usage: node bench/synthetic.mjs FOLDER FILES CLASSES');
    process.exit(2);
  }
  generate(folder, Number(files), Number(classes));
  console.log(folder);
}
