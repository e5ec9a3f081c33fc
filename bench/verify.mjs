// npm run bench (last part): the cost of `rng-fix verify` on a training-shaped program
// (bench/verify_program.py: 4 workers, 256 items, 2 epochs), as the program's own wall time
// against the same two epochs run under verify (which stops the program when a third epoch
// starts). Alternating runs, medians. Needs the project's Python environment (.venv-test).
// Environment: BENCH_ROUNDS (default 3).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const python = process.env.RNG_FIX_TEST_PYTHON ?? path.join(root, '.venv-test', 'bin', 'python');
const program = path.join(root, 'bench', 'verify_program.py');
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
if (!existsSync(python)) {
  console.log(`verify overhead: not measured (${python} missing: run scripts/setup-python-env.sh)`);
  process.exit(0);
}

function timed(command, args) {
  const start = performance.now();
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', env: { ...process.env, PYTHONWARNINGS: 'ignore' } });
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command} ${args.join(' ')}: exit ${result.status}\n${result.stderr}`);
  return (performance.now() - start) / 1000;
}

const plain = [];
const probed = [];
for (let round = 0; round < rounds; round++) {
  plain.push(timed(python, [program, '2']));
  probed.push(timed(process.execPath, [path.join(root, 'dist', 'src', 'cli.js'), 'verify', '--epochs', '2', '--', python, program, '3']));
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log('\n| run | median s |\n|---|---|');
console.log(`| the program, 2 epochs | ${median(plain).toFixed(2)} |`);
console.log(`| rng-fix verify --epochs 2 (probe and static scan) | ${median(probed).toFixed(2)} |`);
console.log(`\nverify / the program alone: ${(median(probed) / median(plain)).toFixed(2)}x (the static scan of the project included)`);
