/**
 * The engine: discover files, parse each once and extract its facts, link the
 * project, run the rules, merge each file's fixes and check they parse. It
 * returns plain data; writing files is a separate, explicit step.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { RULES } from '../transforms/index.js';
import { analyse } from './analysis.js';
import { discoverFiles, packageRelativePath } from './discover.js';
import { filesOf, rewriteFile, unifiedDiff, type Fix, type FileRewrite } from './fix/fix.js';
import type { ProjectFile } from './project/index.js';
import { torchVersionPolicy } from './project/torch-version.js';
import { extractFacts } from './python/facts.js';
import { firstSyntaxError, withTree } from './python/parser.js';
import { positionOf } from './python/positions.js';
import { decodePythonSource, encodePythonSource, SourceDecodeError } from './python/source.js';
import type { RuleCode, RuleFinding, Strategy } from './rule.js';
import { isSuppressed } from './suppression.js';

export interface EngineOptions {
  paths: string[];
  cwd: string;
  strategy: Strategy;
  torchVersion?: string;
  select?: RuleCode[];
  ignore?: RuleCode[];
  exclude?: string[];
  /** Worker threads for reading and parsing. */
  jobs?: number;
  /** Called as files are parsed. */
  onProgress?: (done: number, total: number) => void;
}

export interface Location {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Finding extends Location {
  code: RuleCode;
  message: string;
  severity: 'error';
  confidence: 'certain' | 'possible';
  related: (Location & { message: string })[];
  fixable: boolean;
  /** What the fix does, when there is one. */
  fix: string | null;
  /** Why there is no fix, when there is none. */
  unfixableReason: string | null;
  /** Stable across unrelated edits: rule, path, the reported line's text and its occurrence (for SARIF). */
  fingerprint: string;
}

export interface FileProblem {
  path: string;
  message: string;
}

export interface ProposedRewrite {
  path: string;
  diff: string;
  /** Indices in `findings` of the findings this rewrite fixes. */
  fixes: number[];
}

export interface ScanResult {
  findings: Finding[];
  /** Files that could not be read or parsed; they are never written. */
  problems: FileProblem[];
  filesScanned: number;
  rewrites: ProposedRewrite[];
  /** Internal: what `writeFixes` needs. */
  plan: FixPlanData;
}

interface FixPlanData {
  rewrites: FileRewrite[];
  bytesRead: Map<string, Buffer>;
  fixOfFinding: (Fix | null)[];
}

export class UsageError extends Error {}

function locate(file: ProjectFile, start: number, end: number): Location {
  const from = positionOf(file.source.text, file, start);
  const to = positionOf(file.source.text, file, end);
  return { path: file.displayPath, line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

function lineTextAt(file: ProjectFile, offset: number): string {
  const text = file.source.text;
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end < 0 ? text.length : end);
}

function displayPath(cwd: string, absolute: string): string {
  return path.relative(cwd, absolute).split(path.sep).join('/') || path.basename(absolute);
}

async function loadFile(absolute: string, cwd: string, problems: FileProblem[], bytesRead: Map<string, Buffer>): Promise<ProjectFile | null> {
  const shown = displayPath(cwd, absolute);
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolute);
  } catch (error) {
    problems.push({ path: shown, message: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
    return null;
  }
  let source;
  try {
    source = decodePythonSource(bytes);
  } catch (error) {
    if (error instanceof SourceDecodeError) {
      problems.push({ path: shown, message: `skipped: ${error.message}` });
      return null;
    }
    throw error;
  }
  const facts = await withTree(source.text, (tree) => {
    const error = firstSyntaxError(tree);
    if (error) {
      problems.push({ path: shown, message: `skipped: syntax error at line ${error.line}, column ${error.column}; the file is not analysed and will not be changed` });
      return null;
    }
    return extractFacts(tree, source.text, packageRelativePath(absolute));
  });
  if (!facts) return null;
  bytesRead.set(absolute, bytes);
  return { path: absolute, displayPath: shown, source, facts };
}

function selected(code: RuleCode, options: EngineOptions): boolean {
  if (options.select && options.select.length > 0 && !options.select.includes(code)) return false;
  return !(options.ignore ?? []).includes(code);
}

/** Merges the fixes of every finding file by file; a fix refused in one file is dropped from all. */
async function planRewrites(fixes: Fix[]): Promise<FileRewrite[]> {
  let active = fixes;
  for (;;) {
    const byFile = new Map<ProjectFile, Fix[]>();
    for (const fix of active) for (const file of filesOf(fix)) byFile.set(file, [...(byFile.get(file) ?? []), fix]);
    const rewrites = await Promise.all([...byFile].map(([file, fileFixes]) => rewriteFile(file, fileFixes)));
    const refused = new Set(rewrites.flatMap((rewrite) => rewrite.refused.map((entry) => entry.fix)));
    const spansFiles = [...refused].some((fix) => filesOf(fix).length > 1);
    if (!spansFiles) return rewrites;
    active = active.filter((fix) => !refused.has(fix));
  }
}

export async function scan(options: EngineOptions): Promise<ScanResult> {
  const problems: FileProblem[] = [];
  const bytesRead = new Map<string, Buffer>();
  const paths = await discoverFiles(options.paths, options.cwd, options.exclude);
  const files: ProjectFile[] = [];
  for (const [index, absolute] of paths.entries()) {
    const file = await loadFile(absolute, options.cwd, problems, bytesRead);
    if (file) files.push(file);
    options.onProgress?.(index + 1, paths.length);
  }
  const torch = torchVersionPolicy(
    options.paths.map((given) => path.resolve(options.cwd, given)),
    options.torchVersion,
    options.cwd,
  );
  const analysis = analyse(files, torch, options.strategy);
  const ruleFindings: RuleFinding[] = RULES.filter((rule) => selected(rule.code, options))
    .flatMap((rule) => rule.check(analysis))
    .filter((finding) => !isSuppressed(lineTextAt(finding.file, finding.start), finding.code));
  ruleFindings.sort((a, b) => a.file.displayPath.localeCompare(b.file.displayPath) || a.start - b.start || a.code.localeCompare(b.code));

  const fixOfFinding = ruleFindings.map((finding) => finding.fix);
  const rewrites = await planRewrites([...new Set(fixOfFinding.filter((fix): fix is Fix => fix !== null))]);
  const refusedReasons = new Map<Fix, string>();
  for (const rewrite of rewrites) for (const { fix, reason } of rewrite.refused) refusedReasons.set(fix, reason);

  const findings: Finding[] = ruleFindings.map((finding) => {
    const refusal = finding.fix ? refusedReasons.get(finding.fix) : undefined;
    const fixable = finding.fix !== null && refusal === undefined;
    return {
      code: finding.code,
      ...locate(finding.file, finding.start, finding.end),
      message: finding.message,
      severity: 'error',
      confidence: finding.confidence,
      related: finding.related.map((place) => ({ ...locate(place.file, place.start, place.end), message: place.message })),
      fixable,
      fix: fixable ? finding.fix!.description : null,
      unfixableReason: fixable ? null : (refusal ?? finding.unfixableReason ?? 'no safe fix is known'),
      fingerprint: '',
    };
  });
  const occurrences = new Map<string, number>();
  for (const [index, finding] of ruleFindings.entries()) {
    const lineText = lineTextAt(finding.file, finding.start).trim();
    const key = `${finding.code}:${finding.file.displayPath}:${lineText}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    findings[index].fingerprint = `${createHash('sha256').update(key).digest('hex').slice(0, 16)}:${occurrence + 1}`;
  }
  const proposed: ProposedRewrite[] = rewrites
    .filter((rewrite) => rewrite.after !== rewrite.before)
    .sort((a, b) => a.file.displayPath.localeCompare(b.file.displayPath))
    .map((rewrite) => ({
      path: rewrite.file.displayPath,
      diff: unifiedDiff(rewrite.file.displayPath, rewrite.before, rewrite.after),
      fixes: fixOfFinding.flatMap((fix, index) => (fix && rewrite.applied.includes(fix) ? [index] : [])),
    }));
  return { findings, problems, filesScanned: paths.length, rewrites: proposed, plan: { rewrites, bytesRead, fixOfFinding } };
}

export interface WriteOutcome {
  written: string[];
  /** Files left alone, with the reason (changed on disk since the scan, not writable). */
  failed: FileProblem[];
  /** Indices of findings whose fix was written in full. */
  fixed: Set<number>;
}

/**
 * Writes the planned rewrites atomically (a temporary file renamed over the
 * original), keeping each file's encoding, BOM and line endings. A file that
 * changed on disk since it was read is not written.
 */
export async function writeFixes(result: ScanResult, options: WriteOptions = {}): Promise<WriteOutcome> {
  return writeRewrites(result, result.plan.rewrites, options);
}

export interface WriteOptions {
  /** Why a file must not be written (for example: uncommitted changes), or null. */
  refuse?: (absolutePath: string) => string | null;
}

/** Writes the given rewrites (all of a scan's, or those a reviewer approved). */
export async function writeRewrites(result: ScanResult, rewrites: FileRewrite[], options: WriteOptions = {}): Promise<WriteOutcome> {
  const written: string[] = [];
  const failed: FileProblem[] = [];
  const failedFixes = new Set<Fix>();
  for (const rewrite of rewrites) {
    if (rewrite.after === rewrite.before) continue;
    const file = rewrite.file;
    const refusal = options.refuse?.(file.path);
    if (refusal) {
      failed.push({ path: file.displayPath, message: refusal });
      for (const fix of rewrite.applied) failedFixes.add(fix);
      continue;
    }
    try {
      const onDisk = readFileSync(file.path);
      if (!onDisk.equals(result.plan.bytesRead.get(file.path)!)) {
        failed.push({ path: file.displayPath, message: 'changed on disk since it was scanned; not written' });
        for (const fix of rewrite.applied) failedFixes.add(fix);
        continue;
      }
      await writeFileAtomic(file.path, encodePythonSource(file.source, rewrite.after));
      written.push(file.displayPath);
    } catch (error) {
      failed.push({ path: file.displayPath, message: `not written: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
      for (const fix of rewrite.applied) failedFixes.add(fix);
    }
  }
  const appliedFixes = new Set(rewrites.flatMap((rewrite) => (rewrite.after === rewrite.before ? [] : rewrite.applied)));
  const fixed = new Set<number>();
  result.plan.fixOfFinding.forEach((fix, index) => {
    if (fix && appliedFixes.has(fix) && !failedFixes.has(fix) && result.findings[index].fixable) fixed.add(index);
  });
  return { written, failed, fixed };
}
