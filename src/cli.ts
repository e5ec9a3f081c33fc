#!/usr/bin/env node
/** The command line: parses flags, runs the engine, prints a report, sets the exit code. */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { RULES, ruleByCode } from '../transforms/index.js';
import { scan, writeFixes, UsageError, type EngineOptions } from './engine.js';
import { MissingPathError } from './discover.js';
import { EXIT_USAGE, exitCode } from './exit-code.js';
import { formatJson } from './report/json.js';
import { colorDiff, formatFindingsText, formatProblems, formatSummary } from './report/text.js';
import { documentationMarkdown, STRATEGIES, type RuleCode, type Strategy } from './rule.js';

const VERSION: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

interface CliOptions {
  dryRun?: boolean;
  write?: boolean;
  format: 'text' | 'json';
  strategy: Strategy;
  torchVersion?: string;
  select?: RuleCode[];
  ignore?: RuleCode[];
  exclude: string[];
  explain?: string;
  exitZero?: boolean;
  color?: boolean;
}

function ruleCodes(value: string, previous: RuleCode[] = []): RuleCode[] {
  const codes = value.split(',').map((code) => code.trim().toUpperCase()).filter(Boolean);
  for (const code of codes) {
    if (!ruleByCode(code)) throw new InvalidArgumentError(`unknown rule code "${code}" (known: ${RULES.map((rule) => rule.code).join(', ')})`);
  }
  return [...previous, ...(codes as RuleCode[])];
}

function torchVersion(value: string): string {
  if (!/^\d+(\.\d+)*/.test(value)) throw new InvalidArgumentError('expected a version such as 1.8 or 2.1.0');
  return value;
}

function program(): Command {
  return new Command('rng-fix')
    .description('Find and fix random-number bugs that multi-process data loading brings into PyTorch code.')
    .version(VERSION)
    .argument('[paths...]', 'files or folders to scan', ['.'])
    .option('--dry-run', 'print a unified diff of every fix; write nothing')
    .option('--write', 'apply every fix')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--strategy <strategy>', 'how to fix').choices([...STRATEGIES]).default('auto'))
    .option('--torch-version <version>', 'the torch version the code runs on (overrides requirement files)', torchVersion)
    .option('--select <codes>', 'only these rules (comma-separated)', ruleCodes)
    .option('--ignore <codes>', 'skip these rules (comma-separated)', ruleCodes)
    .option('--exclude <glob>', 'skip files matching this glob (repeatable)', (value: string, previous: string[]) => [...previous, value], [])
    .option('--explain <code>', "print a rule's documentation and exit")
    .option('--exit-zero', 'exit with 0 even when findings remain')
    .option('--no-color', 'never colour the output')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text), writeOut: (text) => process.stdout.write(text) });
}

async function run(argv: string[]): Promise<number> {
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
    if (!rule) {
      process.stderr.write(`rng-fix: unknown rule code "${options.explain}"\n`);
      return EXIT_USAGE;
    }
    process.stdout.write(documentationMarkdown(rule));
    return 0;
  }
  if (options.dryRun && options.write) throw new UsageError('--dry-run and --write cannot be used together');

  const color = options.color !== false && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const stderrColor = options.color !== false && process.stderr.isTTY === true && !process.env.NO_COLOR;
  const engineOptions: EngineOptions = {
    paths,
    cwd: process.cwd(),
    strategy: options.strategy,
    torchVersion: options.torchVersion,
    select: options.select,
    ignore: options.ignore,
    exclude: options.exclude,
  };
  const result = await scan(engineOptions);
  process.stderr.write(formatProblems(result.problems, { color: stderrColor }));

  if (options.write) {
    const outcome = await writeFixes(result);
    const remaining = result.findings.filter((_, index) => !outcome.fixed.has(index));
    for (const problem of outcome.failed) process.stderr.write(`rng-fix: ${problem.path}: ${problem.message}\n`);
    if (options.format === 'json') {
      process.stdout.write(formatJson({ version: VERSION, findings: remaining, problems: [...result.problems, ...outcome.failed], filesScanned: result.filesScanned, written: outcome.written }));
    } else {
      process.stdout.write(formatFindingsText(remaining, { color }));
      process.stderr.write(formatSummary(result.findings, result.filesScanned, [`Fixed ${outcome.fixed.size}, wrote ${outcome.written.length} ${outcome.written.length === 1 ? 'file' : 'files'}; ${remaining.length} left.`]));
    }
    return exitCode({ remainingFindings: remaining.length, failedWrites: outcome.failed.length, exitZero: options.exitZero });
  }

  if (options.format === 'json') {
    process.stdout.write(formatJson({ version: VERSION, findings: result.findings, problems: result.problems, filesScanned: result.filesScanned, rewrites: options.dryRun ? result.rewrites : undefined }));
  } else if (options.dryRun) {
    for (const rewrite of result.rewrites) process.stdout.write(colorDiff(rewrite.diff, color));
    const unfixable = result.findings.filter((finding) => !finding.fixable);
    process.stderr.write(formatFindingsText(unfixable, { color: stderrColor }));
    process.stderr.write(formatSummary(result.findings, result.filesScanned, [`Would change ${result.rewrites.length} ${result.rewrites.length === 1 ? 'file' : 'files'}; nothing written.`]));
  } else {
    process.stdout.write(formatFindingsText(result.findings, { color }));
    const hint = result.findings.some((finding) => finding.fixable) ? ['Run with --dry-run to see the fixes, --write to apply them.'] : [];
    process.stderr.write(formatSummary(result.findings, result.filesScanned, hint));
  }
  return exitCode({ remainingFindings: result.findings.length, failedWrites: 0, exitZero: options.exitZero });
}

run(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof MissingPathError) {
      process.stderr.write(`rng-fix: ${error.message}\n`);
    } else {
      process.stderr.write(`rng-fix: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exitCode = EXIT_USAGE;
  },
);
