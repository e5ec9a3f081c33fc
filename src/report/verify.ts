/** `rng-fix verify` results as text or JSON. */
import pc from 'picocolors';
import type { VerifyResult } from '../verify.js';

const ENDED = {
  epochs: (epochs: number) => `stopped after ${epochs} ${epochs === 1 ? 'epoch' : 'epochs'} of every loader`,
  program: () => 'the program ended by itself',
  timeout: () => 'stopped at the timeout',
};

export function formatVerifyText(result: VerifyResult, options: { color: boolean }): string {
  const colors = pc.createColors(options.color);
  const lines: string[] = [];
  const ended = ENDED[result.ended](result.epochs);
  lines.push(`rng-fix verify: ran \`${result.command.join(' ')}\` with a probe (${ended}; exit code ${result.exitCode ?? 'none'}).`);
  for (const problem of result.problems) lines.push(colors.yellow(`warning: not probed: ${problem}`));
  if (result.loaders.length === 0) lines.push('No DataLoader or Keras worker pool was created.');
  // Loaders that start no workers (a framework's own in-process loader) have nothing to observe.
  const idle = result.loaders.filter((loader) => loader.workers === 0 && loader.workersObserved === 0);
  if (idle.length > 0) lines.push(`${idle.length} ${idle.length === 1 ? 'loader' : 'loaders'} without workers not shown.`);
  for (const loader of result.loaders.filter((candidate) => !idle.includes(candidate))) {
    const what = loader.kind === 'torch' ? 'DataLoader' : 'Keras worker pool';
    const settings = `${loader.workers ?? '?'} workers, ${loader.start}${loader.persistent ? ', persistent' : ''}`;
    lines.push(`${colors.bold(`${what} at ${loader.site}`)} (${loader.dataset}; ${settings}): ${loader.workersObserved} worker processes observed in ${loader.epochsObserved} ${loader.epochsObserved === 1 ? 'epoch' : 'epochs'}`);
    const mine = result.shared.filter((rng) => rng.loader === loader.key);
    if (loader.workersObserved === 0) lines.push('  no worker process started (no workers, or none reached its first batch)');
    else if (mine.length === 0) lines.push(`  ${colors.green('ok:')} every RNG the workers used was in a state of its own`);
    for (const rng of mine) {
      const where = rng.kind === 'identical-in-workers' ? `identical in workers ${rng.workers.join(', ')}${rng.epochs.length === 1 ? ` (epoch ${rng.epochs[0]})` : ` (epochs ${rng.epochs.join(', ')})`}` : `repeated in epochs ${rng.epochs.join(', ')} (worker ${rng.workers.join(', ')})`;
      lines.push(`  ${colors.red(where)}: ${rng.path} (${rng.type})`);
      const found = rng.staticFinding;
      lines.push(found ? `    static scan: ${found.code} at ${found.path}:${found.line}:${found.column}${found.fix ? ` (fix: ${found.fix})` : ' (no fix)'}` : '    static scan: not reported');
    }
  }
  const count = result.shared.length;
  lines.push(count === 0 ? 'No shared RNG state found.' : `Found ${count} shared RNG ${count === 1 ? 'state' : 'states'}.`);
  return `${lines.join('\n')}\n`;
}

export function formatVerifyJson(result: VerifyResult, version: string): string {
  return `${JSON.stringify({ version, ...result }, null, 2)}\n`;
}
