// npm run bench (last part): a bulk `--write` on a large tree. FILES modules
// (default 3,000) of about LINES lines (default 2,000): each holds a Dataset
// whose __getitem__ draws from a parent-made RNG object, read by a DataLoader
// with workers (one RNG002 fix per file), and ordinary code around it (plain
// functions and a class) to make up the length. The tree is generated afresh,
// written with `rng-fix --write`, and timed with its peak memory; then every
// written file is checked to hold its fix.
//
// Environment: BENCH_WRITE_FILES, BENCH_WRITE_LINES, BENCH_JOBS (default 2).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const files = Number(process.env.BENCH_WRITE_FILES ?? 3000);
const lines = Number(process.env.BENCH_WRITE_LINES ?? 2000);
const jobs = Number(process.env.BENCH_JOBS ?? 2);

function filler(f, count) {
  const out = [];
  for (let k = 0; out.length < count; k++) {
    out.push(
      '',
      '',
      `def transform_${f}_${k}(values, scale=${k % 7}.5, offset=None):`,
      `    """Scales and shifts a list of values (step ${k})."""`,
      '    result = []',
      '    for index, value in enumerate(values):',
      '        if offset is not None and index % 2 == 0:',
      '            value = value + offset',
      `        result.append(value * scale + ${k})`,
      '    total = sum(result)',
      "    return {'values': result, 'total': total, 'count': len(result)}",
    );
  }
  return out.slice(0, count).join('\n');
}

function moduleText(f) {
  const head = `import numpy as np
from torch.utils.data import DataLoader, Dataset


class Points${f}(Dataset):
    def __init__(self, items, seed=${f}):
        self.items = items
        self.rng = np.random.default_rng(seed)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, index):
        return self.items[index] + self.rng.normal()


def make_loader_${f}(items):
    return DataLoader(Points${f}(items), batch_size=4, num_workers=4)
`;
  return `${head}${filler(f, lines - head.split('\n').length)}\n`;
}

const folder = mkdtempSync(path.join(tmpdir(), 'rng-fix-write-bench-'));
try {
  writeAndMeasure();
} finally {
  rmSync(folder, { recursive: true, force: true });
}

function writeAndMeasure() {
  for (let f = 0; f < files; f++) {
    const dir = path.join(folder, `pkg${Math.floor(f / 100)}`);
    if (!existsSync(dir)) mkdirSync(dir);
    writeFileSync(path.join(dir, `mod${f}.py`), moduleText(f));
  }
  const timeBinary = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', '%e %M'] : [];
  const command = [...timeBinary, process.execPath, path.join(root, 'dist/src/cli.js'), '--write', '--force', '--jobs', String(jobs), '--batch-mib', '8', '--format', 'json', folder];
  // BENCH_WRITE_GENERATE_ONLY=1: leave the generated tree for a look (its path is printed), unwritten.
  if (process.env.BENCH_WRITE_GENERATE_ONLY) {
    console.log(folder);
    process.exit(0);
  }
  const run = spawnSync(command[0], command.slice(1), { encoding: 'utf8', maxBuffer: 1 << 28 });
  const [seconds, kib] = timeBinary.length ? run.stderr.trim().split('\n').pop().split(' ').map(Number) : [NaN, NaN];
  if (run.status !== 0 && run.status !== 1) {
    // A failed run is a figure too (the heap limit on a tree this big), not a reason to lose the others.
    const reason = /heap out of memory/.test(run.stderr) ? 'ran out of JavaScript heap' : `exited with ${run.status}`;
    console.log(`\nbulk --write: ${files} files of ${lines} lines: FAILED, ${reason} after ${seconds.toFixed(1)} s at ${(kib / 1024).toFixed(0)} MiB (targets <= 60 s, <= 600 MiB)`);
    process.exitCode = 1;
    return;
  }
  const fixed = Array.from({ length: files }, (_, f) => readFileSync(path.join(folder, `pkg${Math.floor(f / 100)}`, `mod${f}.py`), 'utf8')).filter((text) => !text.includes('self.items[index] + self.rng.normal()')).length;
  console.log(`\nbulk --write: ${files} files of ${lines} lines: ${seconds.toFixed(1)} s, peak ${(kib / 1024).toFixed(0)} MiB (targets <= 60 s, <= 600 MiB); files holding their fix: ${fixed} of ${files}`);
  if (fixed !== files) process.exitCode = 1;
}
