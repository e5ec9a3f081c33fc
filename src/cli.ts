#!/usr/bin/env node
/** The command line: parses flags, runs the engine, prints a report, sets the exit code. */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { RULES, ruleByCode } from '../transforms/index.js';
import { ConfigError, findConfig } from './config.js';
import { MissingPathError } from './discover.js';
import { scan, UsageError, writeFixes, type EngineOptions, type ScanResult, type WriteOptions } from './engine.js';
import { EXIT_USAGE, exitCode } from './exit-code.js';
import { gitTopLevel, realPath, uncommittedFiles } from './git.js';
import { formatGithub } from './report/github.js';
import { formatJson } from './report/json.js';
import { formatSarif } from './report/sarif.js';
import { colorDiff, formatFindingsText, formatProblems, formatSummary } from './report/text.js';
import { review } from './review.js';
import { documentationMarkdown, STRATEGIES, type RuleCode, type Strategy } from './rule.js';

const VERSION: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

type Format = 'text' | 'json' | 'sarif' | 'github';

interface CliOptions {
  dryRun?: boolean;
  write?: boolean;
  interactive?: boolean;
  batchMib?: number;
  force?: boolean;
  format: Format;
  strategy: Strategy;
  torchVersion?: string;
  select?: RuleCode[];
  ignore?: RuleCode[];
  exclude: string[];
  jobs: number;
  explain?: string;
  exitZero?: boolean;
  color?: boolean;
}

function ruleCodes(value: string, previous: RuleCode[] = []): RuleCode[] {
  const codes = value.split(',').map((code) => code.trim().toUpperCase()).filter(Boolean);
  // An empty list would select every rule (or ignore none): almost always an unset shell variable.
  if (codes.length === 0) throw new InvalidArgumentError(`expected one or more rule codes, comma-separated (known: ${RULES.map((rule) => rule.code).join(', ')})`);
  for (const code of codes) {
    if (!ruleByCode(code)) throw new InvalidArgumentError(`unknown rule code "${code}" (known: ${RULES.map((rule) => rule.code).join(', ')})`);
  }
  return [...previous, ...(codes as RuleCode[])];
}

function torchVersion(value: string): string {
  if (!/^\d+(\.\d+)*/.test(value)) throw new InvalidArgumentError('expected a version such as 1.8 or 2.1.0');
  return value;
}

function jobs(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new InvalidArgumentError('expected a whole number of 1 or more');
  return count;
}

function program(): Command {
  return new Command('rng-fix')
    .description('Find and fix random-number bugs that multi-process data loading brings into PyTorch code.')
    .version(VERSION)
    .argument('[paths...]', 'files or folders to scan', ['.'])
    .option('--dry-run', 'print a unified diff of every fix; write nothing')
    .option('--write', 'apply every fix')
    .option('-i, --interactive', 'review fix by fix, then write the approved ones')
    .option('--force', 'with --write or -i: also change files that have uncommitted changes')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif', 'github']).default('text'))
    .addOption(new Option('--strategy <strategy>', 'how to fix').choices([...STRATEGIES]).default('auto'))
    .option('--torch-version <version>', 'the torch version the code runs on (overrides requirement files)', torchVersion)
    .option('--select <codes>', 'only these rules (comma-separated)', ruleCodes)
    .option('--ignore <codes>', 'skip these rules (comma-separated)', ruleCodes)
    .option('--exclude <glob>', 'skip files matching this glob (repeatable)', (value: string, previous: string[]) => [...previous, value], [])
    .addOption(new Option('--jobs <n>', 'threads that survey the files before parsing').argParser(jobs).default(os.availableParallelism(), 'the number of cores'))
    .addOption(new Option('--batch-mib <n>', 'analyse groups of files that imports link about N MiB of source at a time, to bound memory on large trees (see README: Batches)').argParser(jobs))
    .option('--explain <code>', "print a rule's documentation and exit")
    .option('--exit-zero', 'exit with 0 even when findings remain')
    .option('--no-color', 'never colour the output')
    .addHelpText('after', '\nRuntime check of your own training run (it runs your code):\n  rng-fix verify [--epochs N] [--timeout S] [--format text|json] -- COMMAND [ARGS...]\n')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text), writeOut: (text) => process.stdout.write(text) });
}

/** Flags given on the command line win over `[tool.rng-fix]`; the configuration wins over defaults. */
function engineOptions(command: Command, options: CliOptions, paths: string[]): EngineOptions {
  const config = findConfig(paths[0] ?? '.', new Set(RULES.map((rule) => rule.code)));
  const fromCli = (name: string) => command.getOptionValueSource(name) === 'cli';
  return {
    rules: RULES,
    paths,
    cwd: process.cwd(),
    strategy: fromCli('strategy') ? options.strategy : (config?.strategy ?? options.strategy),
    torchVersion: options.torchVersion ?? config?.torchVersion,
    select: options.select ?? config?.select,
    ignore: options.ignore ?? config?.ignore,
    exclude: [...(config?.exclude ?? []), ...options.exclude],
    jobs: options.jobs,
    ...(options.batchMib ? { batchBytes: options.batchMib * 2 ** 20 } : {}),
    // A review renders the fixes it is given again, from the facts; every other mode needs only the texts.
    releaseFacts: !options.interactive,
  };
}

function elapsedSince(start: bigint): string {
  return `${(Number(process.hrtime.bigint() - start) / 1e9).toFixed(2)}s`;
}

function progressReporter(): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  const start = Date.now();
  let shown = false;
  return (done, total) => {
    // Only runs that take more than a moment get a progress line.
    if (Date.now() - start < 500 && !shown) return;
    shown = true;
    process.stderr.write(done === total ? '\r\x1b[K' : `\rScanning ${done}/${total} files`);
  };
}

function refuseUncommitted(result: ScanResult, force: boolean | undefined): WriteOptions {
  if (force) return {};
  const isDirty = uncommittedFiles(result.plan.rewrites.map((rewrite) => rewrite.file.path));
  return { refuse: (file) => (isDirty(file) ? 'has uncommitted changes; not written (commit or stash them first, or pass --force)' : null) };
}

function report(format: Format, result: ScanResult, findings = result.findings, extra: { rewrites?: boolean; written?: string[] } = {}): string {
  switch (format) {
    case 'json':
      return formatJson({ version: VERSION, findings, problems: result.problems, filesScanned: result.filesScanned, rewrites: extra.rewrites ? result.rewrites : undefined, written: extra.written });
    case 'sarif':
      return formatSarif({ version: VERSION, rules: RULES, findings, repositoryPath: repositoryRelative });
    case 'github':
      return formatGithub(findings, RULES, repositoryRelative);
    default:
      return '';
  }
}

/**
 * SARIF and GitHub annotations want paths relative to the repository root,
 * which may sit above the working directory (a monorepo's package); outside a
 * git repository, relative to the working directory.
 */
function repositoryRelative(shown: string): string {
  const absolute = path.resolve(process.cwd(), shown);
  const root = gitTopLevel(process.cwd());
  const relative = root === null ? path.relative(process.cwd(), absolute) : path.relative(root, realPath(absolute));
  return relative.split(path.sep).join('/');
}

/** `rng-fix verify [options] -- COMMAND...`: runs the user's command with the probe and reports RNG states that repeat. */
async function runVerify(argv: string[]): Promise<number> {
  const separator = argv.indexOf('--');
  const own = separator < 0 ? argv : argv.slice(0, separator);
  const commandWords = separator < 0 ? [] : argv.slice(separator + 1);
  const command = new Command('rng-fix verify')
    .description('Run your training command with a probe and report random-number generators that repeat across DataLoader workers or epochs. It runs your code.')
    .usage('[options] -- COMMAND [ARGS...]')
    .addOption(new Option('--epochs <n>', 'epochs of each loader to observe before stopping the program').argParser(jobs).default(2))
    .addOption(new Option('--timeout <seconds>', 'stop the program after this long').argParser(jobs).default(600))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--no-color', 'never colour the output')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text), writeOut: (text) => process.stdout.write(text) });
  try {
    command.parse(own, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
    throw error;
  }
  const options = command.opts<{ epochs: number; timeout: number; format: 'text' | 'json'; color?: boolean }>();
  if (commandWords.length === 0) throw new UsageError('verify needs the command to run after `--`, for example: rng-fix verify -- python train.py');
  process.stderr.write(`rng-fix verify runs your command, with a probe that watches its data-loading workers: ${commandWords.join(' ')}\n(it stops the program after ${options.epochs} ${options.epochs === 1 ? 'epoch' : 'epochs'} of every loader, or after ${options.timeout} s)\n`);
  const { verify, verifyExitCode } = await import('./verify.js');
  const { formatVerifyJson, formatVerifyText } = await import('./report/verify.js');
  const result = await verify({ command: commandWords, cwd: process.cwd(), epochs: options.epochs, timeout: options.timeout }, async () => (await scan({ rules: RULES, paths: ['.'], cwd: process.cwd(), strategy: 'auto' })).findings);
  const color = options.color !== false && process.stdout.isTTY === true && !process.env.NO_COLOR;
  process.stdout.write(options.format === 'json' ? formatVerifyJson(result, VERSION) : formatVerifyText(result, { color }));
  return verifyExitCode(result);
}

async function run(argv: string[]): Promise<number> {
  if (argv[2] === 'verify') return runVerify(argv.slice(3));
  const started = process.hrtime.bigint();
  const command = program();
  try {
    command.parse(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
    throw error;
  }
  const options = command.opts<CliOptions>();
  const paths = command.processedArgs[0] as string[];

  if (options.explain) {
    const rule = ruleByCode(options.explain);
    if (!rule) throw new UsageError(`unknown rule code "${options.explain}"`);
    process.stdout.write(documentationMarkdown(rule));
    return 0;
  }
  const modes = [options.dryRun && '--dry-run', options.write && '--write', options.interactive && '-i'].filter(Boolean);
  if (modes.length > 1) throw new UsageError(`${modes.join(' and ')} cannot be used together`);
  if (options.interactive && !process.stdin.isTTY) {
    throw new UsageError('-i needs a terminal to ask questions on; use --dry-run to see the fixes or --write to apply them all');
  }

  const color = options.color !== false && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const stderrColor = options.color !== false && process.stderr.isTTY === true && !process.env.NO_COLOR;
  const result = await scan({ ...engineOptions(command, options, paths), onProgress: progressReporter() });
  process.stderr.write(formatProblems(result.problems, { color: stderrColor }));
  const text = options.format === 'text';

  if (options.write || options.interactive) {
    const writeOptions = refuseUncommitted(result, options.force);
    const outcome = options.interactive
      ? await review(result, writeOptions, color, (output) => process.stdout.write(output))
      : { ...(await writeFixes(result, writeOptions)), applied: undefined, skipped: undefined, interrupted: false };
    // A fix that was written but that other seeding undoes has not fixed its finding: it is still left.
    const effective = [...outcome.fixed].filter((index) => result.findings[index].notEffectiveReason === null);
    const undone = outcome.fixed.size - effective.length;
    const remaining = result.findings.filter((finding, index) => !outcome.fixed.has(index) || finding.notEffectiveReason !== null);
    for (const problem of outcome.failed) process.stderr.write(`rng-fix: ${problem.path}: ${problem.message}\n`);
    if (text) {
      if (!options.interactive) process.stdout.write(formatFindingsText(remaining, { color }));
      const decided = outcome.applied === undefined ? [] : [`Applied ${outcome.applied}, skipped ${outcome.skipped}.`];
      const notEffective = undone > 0 ? ` (${undone} more written but not effective: other worker code reseeds the same RNG)` : '';
      const written = `Fixed ${effective.length}${notEffective}, wrote ${outcome.written.length} ${outcome.written.length === 1 ? 'file' : 'files'}, ${outcome.failed.length} failed; ${remaining.length} left.`;
      process.stderr.write(formatSummary(result.findings, result.filesScanned, [...decided, written, `(${elapsedSince(started)})`]));
    } else {
      process.stdout.write(report(options.format, result, remaining, { written: outcome.written }));
    }
    return exitCode({ remainingFindings: remaining.length, failedWrites: outcome.failed.length, exitZero: options.exitZero, interrupted: outcome.interrupted });
  }

  if (!text) {
    process.stdout.write(report(options.format, result, result.findings, { rewrites: options.dryRun }));
  } else if (options.dryRun) {
    for (const rewrite of result.rewrites) process.stdout.write(colorDiff(rewrite.diff, color));
    process.stderr.write(formatFindingsText(result.findings.filter((finding) => !finding.fixable), { color: stderrColor }));
    const changes = `Would change ${result.rewrites.length} ${result.rewrites.length === 1 ? 'file' : 'files'}; nothing written.`;
    process.stderr.write(formatSummary(result.findings, result.filesScanned, [changes, `(${elapsedSince(started)})`]));
  } else {
    process.stdout.write(formatFindingsText(result.findings, { color }));
    const hint = result.findings.some((finding) => finding.fixable) ? ['Run with --dry-run to see the fixes, -i to review them, --write to apply them.'] : [];
    process.stderr.write(formatSummary(result.findings, result.filesScanned, [...hint, `(${elapsedSince(started)})`]));
  }
  return exitCode({ remainingFindings: result.findings.length, failedWrites: 0, exitZero: options.exitZero });
}

// A reader that stops early (`rng-fix --format json | head`) closes the pipe: the rest of the output is not wanted,
// and it is not an error of the scan (as for `git log | head`).
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

run(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof MissingPathError || error instanceof ConfigError) {
      process.stderr.write(`rng-fix: ${error.message}\n`);
    } else {
      process.stderr.write(`rng-fix: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exitCode = EXIT_USAGE;
  },
);
