/**
 * The engine: discover files, parse each once and extract its facts, link the
 * project, run the rules, merge each file's fixes and check they parse. It
 * returns plain data; writing files is a separate, explicit step.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Piscina } from 'piscina';
import { analyse, valueFlowOf } from './analysis.js';
import { discoverFiles, packageRelativePath, projectRootOf } from './discover.js';
import { filesOf, rewriteFile, unifiedDiff, type Fix, type FileRewrite } from './fix/fix.js';
import { shareHelpers } from './fix/shared-module.js';
import { torchVersionsByFile } from './project/torch-version.js';
import { loadProjectFile, readAndLoad, type FileProblem, type LoadResult, type ParseHere, type SkippedFile } from './load.js';
import { KERAS_SEQUENCES } from './project/keras.js';
import { DATA_LOADERS, isDatasetClass } from './project/loaders.js';
import { ProjectIndex, type ProjectFile } from './project/index.js';
import { moduleNameOf } from './python/facts.js';
import { ModuleNaming } from './project/module-names.js';
import { resolveRelative } from './python/syntax.js';
import { loadPythonParser } from './python/parser.js';
import { positionOf } from './python/positions.js';
import { cellSources, locateInNotebook, programToNotebook } from './python/notebook.js';
import { encodePythonSource } from './python/source.js';
import { StringTable } from './python/string-table.js';
import type { Rule, RuleCode, RuleFinding, Strategy } from './rule.js';
import { isSuppressed } from './suppression.js';
import { createFileIfAbsent, replaceFileIfUnchanged } from './write.js';

export interface EngineOptions {
  /** The rules to run (the CLI passes every rule of `transforms/`). */
  rules: readonly Rule[];
  paths: string[];
  cwd: string;
  strategy: Strategy;
  torchVersion?: string;
  select?: RuleCode[];
  ignore?: RuleCode[];
  exclude?: string[];
  /** Worker threads for parsing, used when many files need parsing. */
  jobs?: number;
  /** Parse only files that mention a relevant word, and the modules they lead to (default true). */
  prefilter?: boolean;
  /** Called as files are parsed. */
  onProgress?: (done: number, total: number) => void;
}

export interface Location {
  path: string;
  /** For a notebook: the cell (1-based, among all cells); `line` and `column` count within it. */
  cell?: number;
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
  /** Why the fix, though it applies, will not make the draws per worker (other worker code reseeds the RNG with a repeating seed). */
  notEffectiveReason: string | null;
  /** Stable across unrelated edits: rule, path, the reported line's text and its occurrence (for SARIF). */
  fingerprint: string;
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
  /** Content hash of every file as read, to notice files that change before they are written. */
  hashes: Map<string, string>;
  fixOfFinding: (Fix | null)[];
}

export class UsageError extends Error {}

export type { FileProblem };

function locate(file: ProjectFile, start: number, end: number): Location {
  if (file.notebook) {
    // In a notebook, lines and columns count within the cell.
    const from = locateInNotebook(file.notebook, file.source.text, start);
    const to = locateInNotebook(file.notebook, file.source.text, end);
    return { path: file.displayPath, cell: from.cell, line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
  }
  const from = positionOf(file.source.text, file, start);
  const to = positionOf(file.source.text, file, end);
  return { path: file.displayPath, line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

/** What a file's rewritten text is written as: the Python source, or the notebook JSON with its changed cells. */
function encodeRewrite(rewrite: FileRewrite): Buffer {
  const file = rewrite.file;
  if (file.notebook) return Buffer.from(programToNotebook(file.notebook, rewrite.before, rewrite.after), 'utf8');
  return encodePythonSource(file.source, rewrite.after);
}

/** The diff of a rewrite; for a notebook, one diff per changed cell, naming the cell. */
export function rewriteDiff(rewrite: FileRewrite): string {
  const file = rewrite.file;
  // A module the fix creates: the whole file is new, from /dev/null.
  if (file.created) return unifiedDiff(file.displayPath, rewrite.before === file.source.text ? '' : rewrite.before, rewrite.after, file.displayPath, true);
  if (!file.notebook) return unifiedDiff(file.displayPath, rewrite.before, rewrite.after);
  const before = cellSources(file.notebook, rewrite.before);
  const after = cellSources(file.notebook, rewrite.after);
  return file.notebook.cells.map((cell, index) => unifiedDiff(file.displayPath, before[index], after[index], `${file.displayPath} (cell ${cell.number})`)).join('');
}

function lineTextAt(file: ProjectFile, offset: number): string {
  const text = file.source.text;
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end < 0 ? text.length : end);
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

/** The load pool's worker script; absent when running from sources (tests), where every file is loaded in this thread. */
const LOAD_WORKER = new URL('./parse-worker.js', import.meta.url);
/** Files this thread takes at a time: few, so that it soon comes back to the files workers leave it to parse. */
const OWN_BATCH = 16;
/**
 * Files a worker takes at a time. A worker that only skims gets through a
 * file in about 0.1 ms; with two such batches in hand it keeps busy while
 * this thread parses a large file (tens of milliseconds) before handing out
 * more.
 */
const WORKER_BATCH = 128;
/** Below this many files, starting worker threads costs more than it saves. */
const POOL_THRESHOLD = 512;
const YIELD_EVERY_MS = 5;
/** Tasks handed to each worker at once: it works through them while this thread is busy with a file of its own. */
const IN_FLIGHT = 2;

/**
 * Reads every file once: with the prefilter, a file without root words in
 * its code is only skimmed for its class headers and import aliases (cheap,
 * and no parser memory for the many files that have none); the rest are
 * parsed. This thread and `jobs - 1` worker threads take files in turn;
 * workers skim, and leave the files worth parsing to this thread, so that
 * facts never cross between threads.
 */
async function loadFiles(paths: string[], options: EngineOptions, prefilter: boolean): Promise<LoadResult[]> {
  const pool = await startLoadPool(options, paths.length);
  try {
    return await loadWith(pool, paths, options, prefilter);
  } finally {
    // The workers' memory is given back before the analysis builds its own.
    await pool?.destroy();
  }
}

async function loadWith(pool: Piscina | null, paths: string[], options: EngineOptions, prefilter: boolean): Promise<LoadResult[]> {
  const rootWords = prefilter ? [...new Set(options.rules.flatMap((rule) => rule.relevance.words))] : null;
  const results: LoadResult[] = new Array(paths.length);
  // The facts of every file this phase loads share one copy of each string, those cloned from workers too.
  const strings = new StringTable();
  let next = 0;
  const take = (count: number): [number, number] => {
    const start = next;
    next = Math.min(paths.length, next + count);
    return [start, next];
  };
  let done = 0;
  const finish = (count: number) => {
    done += count;
    options.onProgress?.(done, paths.length);
  };
  // Files a worker skimmed and found worth parsing, by place in `paths`: this thread parses them.
  const parseHere: number[] = [];
  let wake: (() => void) | null = null;
  const workerLoops = Array.from({ length: pool ? IN_FLIGHT * pool.options.maxThreads : 0 }, async () => {
    for (let [start, end] = take(WORKER_BATCH); start < end; [start, end] = take(WORKER_BATCH)) {
      const loaded: (LoadResult | ParseHere)[] = await pool!.run({ paths: paths.slice(start, end), cwd: options.cwd, rootWords });
      loaded.forEach((result, offset) => {
        if ('parseHere' in result) {
          parseHere.push(start + offset);
          return;
        }
        if ('file' in result) strings.internAll(result.file.facts);
        results[start + offset] = result;
      });
      finish(loaded.length);
      wake?.();
    }
  });
  let lastYield = performance.now();
  const load = async (place: number, words: readonly string[] | null) => {
    results[place] = readAndLoad(paths[place], options.cwd, words, strings);
    // Every few milliseconds, lets the workers' results in and hands them their next batches.
    if (pool && performance.now() - lastYield > YIELD_EVERY_MS) {
      await new Promise(setImmediate);
      lastYield = performance.now();
    }
  };
  let running = workerLoops.length;
  for (const loop of workerLoops) void loop.then(() => running--, () => running--);
  try {
    for (;;) {
      const left = parseHere.pop();
      if (left !== undefined) {
        await load(left, null);
        continue;
      }
      const [start, end] = take(OWN_BATCH);
      if (start < end) {
        for (let place = start; place < end; place++) await load(place, rootWords);
        finish(end - start);
        continue;
      }
      if (running === 0) break;
      // Every file is handed out: wait for the workers' last batches and what they leave to parse.
      await new Promise<void>((resolve) => {
        wake = resolve;
        void Promise.allSettled(workerLoops).then(() => resolve());
      });
      wake = null;
    }
  } catch (error) {
    // This thread's error is the one to report; the workers' runs are settled first, so none is left unhandled.
    next = paths.length;
    await Promise.allSettled(workerLoops);
    throw error;
  }
  await Promise.all(workerLoops);
  return results;
}

/**
 * The worker threads, started once the files are found and only when there
 * are enough of them: a worker stopped while it is still loading its modules
 * can abort the process (Node 20), so none is started that will not be used.
 */
async function startLoadPool(options: EngineOptions, files: number): Promise<Piscina | null> {
  const threads = (options.jobs ?? 1) - 1;
  if (threads <= 0 || files <= POOL_THRESHOLD || !existsSync(fileURLToPath(LOAD_WORKER))) return null;
  const { Piscina } = await import('piscina');
  return new Piscina({ filename: LOAD_WORKER.href, maxThreads: threads, minThreads: threads, concurrentTasksPerWorker: IN_FLIGHT, idleTimeout: 100 });
}

/** The parsed files and the skimmed ones (by path), with problems and hashes recorded by `accept`. */
function partitionLoaded(paths: string[], loaded: LoadResult[], accept: (result: LoadResult) => ProjectFile | null): { files: ProjectFile[]; skipped: Map<string, SkippedFile> } {
  const files: ProjectFile[] = [];
  const skipped = new Map<string, SkippedFile>();
  loaded.forEach((result, position) => {
    if ('skipped' in result) skipped.set(paths[position], result);
    const file = accept(result);
    if (file) files.push(file);
  });
  return { files, skipped };
}

/** Name that leads to a registry (`TRANSFORMS`, `register_transform`) -> the skipped files whose class decorators register there. */
function registeringFiles(skipped: ReadonlyMap<string, SkippedFile>): Map<string, string[]> {
  const files = new Map<string, string[]>();
  for (const [file, skim] of skipped) for (const name of skim.registers) files.set(name, [...(files.get(name) ?? []), file]);
  return files;
}

/** Absolute module name -> the skipped files that import it, relative imports resolved from each file's own module. */
function importersOf(skipped: ReadonlyMap<string, SkippedFile>, naming: ModuleNaming): Map<string, string[]> {
  const importers = new Map<string, string[]>();
  for (const [file, skim] of skipped) {
    const relative = packageRelativePath(file);
    const module = moduleNameOf(relative);
    const isPackage = /(^|\/)__init__\.py$/.test(relative);
    for (const written of skim.imports) {
      const level = /^\.*/.exec(written)![0].length;
      const resolved = level === 0 ? written : resolveRelative(module, isPackage, level, written.slice(level));
      if (!resolved) continue;
      const target = naming.importTarget(resolved, file);
      const absolute = target ? target[1] + resolved.slice(target[0].length) : resolved;
      const list = importers.get(absolute) ?? [];
      list.push(file);
      importers.set(absolute, list);
    }
  }
  return importers;
}

/**
 * A subclass of a dataset (or loader) class may sit in a file without root
 * words (`class Leaf(Middle)`): load the skipped files whose class headers
 * name such a class, until none is left.
 */
function loadSubclassesOfRoots(index: ProjectIndex, skipped: Map<string, SkippedFile>): void {
  const waiting = new Map([...skipped].map(([file, skim]) => [file, skim.skipped]));
  for (;;) {
    const roots = new Set(
      index
        .allClasses()
        .filter((cls) => isDatasetClass(index, cls) || index.derivesFrom(cls, DATA_LOADERS) || index.derivesFrom(cls, KERAS_SEQUENCES))
        .map((cls) => cls.fact.name),
    );
    const next = [...waiting].filter(([, classes]) => classes.some((cls) => cls.bases.some((base) => roots.has(base))));
    if (next.length === 0) return;
    for (const [file] of next) {
      waiting.delete(file);
      index.load(file);
    }
  }
}

/**
 * With RNG_FIX_TIMING=1 in the environment, the time of each phase and the
 * counts of files and the memory in use after it go to stderr (as ESLint's TIMING does for rules).
 */
function phaseTimer(): (phase: string, detail?: string) => void {
  if (process.env.RNG_FIX_TIMING !== '1') return () => {};
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  return (phase, detail) => {
    const now = performance.now();
    // CPU time of every thread of the process, the workers' and the collector's among them.
    const cpu = process.cpuUsage(lastCpu);
    const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
    const memory = `rss ${(rss / 2 ** 20).toFixed(0)} MiB, heap ${(heapUsed / 2 ** 20).toFixed(0)} of ${(heapTotal / 2 ** 20).toFixed(0)} MiB, external ${(external / 2 ** 20).toFixed(0)} MiB`;
    process.stderr.write(`rng-fix timing: ${phase}: ${(now - last).toFixed(0)} ms, CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms (${detail ? `${detail}, ` : ''}${memory})\n`);
    last = now;
    lastCpu = process.cpuUsage();
  };
}

/**
 * With RNG_FIX_DEBUG=datasets: every dataset the analysis found, the loaders
 * that read it and the functions its workers run, to see why a draw is or is
 * not reported.
 */
function describeDatasets(analysis: ReturnType<typeof analyse>): string {
  return analysis.datasets
    .map((dataset) => {
      const loaders = dataset.loaders.map((loader) => `${loader.file.displayPath}:${positionOf(loader.file.source.text, loader.file, loader.call.start).line}${loader.workers.kind === 'none' ? ' (no workers)' : ''}`);
      const code = dataset.workerSide.entries().map((side) => `${side.fn.fact.id}${side.possible ? ' (possible)' : ''}`);
      return `rng-fix dataset ${dataset.name}: loaders [${loaders.join(', ')}]; worker code [${code.join(', ')}]\n`;
    })
    .join('');
}

export async function scan(options: EngineOptions): Promise<ScanResult> {
  const timing = phaseTimer();
  const problems: FileProblem[] = [];
  const hashes = new Map<string, string>();
  // Reports and edits stay within the paths given; the analysis reads their whole projects.
  const requested = await discoverFiles(options.paths, options.cwd, options.exclude);
  const inScope = new Set(requested);
  // A project root that is itself a given folder is not walked twice.
  const given = new Set(options.paths.map((folder) => path.resolve(options.cwd, folder)));
  const roots = [...new Set([...given].map(projectRootOf))].filter((root) => !given.has(root));
  const paths = roots.length === 0 ? requested : [...new Set([...requested, ...(await discoverFiles(roots, options.cwd, options.exclude))])].sort();
  await loadPythonParser();
  timing('discover', `${paths.length} files`);
  // Files that share a module name (`dataset.py` in several script folders) are told apart by their folders.
  const naming = new ModuleNaming(paths);
  const accept = (result: LoadResult): ProjectFile | null => {
    if ('problem' in result) problems.push(result.problem);
    if (!('file' in result)) return null;
    hashes.set(result.file.path, result.hash);
    const { file } = result;
    const shared = naming.baseOf(file.path);
    naming.adopt(file.path, file.facts);
    if (file.facts.module !== shared) file.sharedModule = shared;
    return file;
  };
  const { files, skipped } = partitionLoaded(paths, await loadFiles(paths, options, options.prefilter ?? true), accept);
  timing('skim and parse', `${files.length} parsed, ${skipped.size} skimmed`);
  const unparsed = new Map([...skipped.keys()].map((file) => [naming.moduleOf(file), file]));
  for (const file of skipped.keys()) if (!unparsed.has(naming.baseOf(file))) unparsed.set(naming.baseOf(file), file);
  const index = new ProjectIndex(files, {
    modules: unparsed,
    load: (file) => accept(loadProjectFile(file, options.cwd)),
    headers: [...skipped.values()].flatMap((file) => file.skipped),
    aliases: [...skipped.values()].flatMap((file) => file.aliases),
    registering: registeringFiles(skipped),
    importers: importersOf(skipped, naming),
  });
  const flow = valueFlowOf(index);
  loadSubclassesOfRoots(index, skipped);
  // What the skim found is not needed past this point: the class screens it fed are built.
  skipped.clear();
  index.releaseSkimmedNames();
  timing('subclasses of roots', `${index.files.length} files in the project`);
  const analysis = analyse(flow, torchVersionsByFile(options.torchVersion, options.cwd), options.strategy);
  if (process.env.RNG_FIX_DEBUG === 'datasets') process.stderr.write(describeDatasets(analysis));
  timing('analysis', `${index.files.length} files in the project`);
  const ruleFindings: RuleFinding[] = options.rules
    .filter((rule) => selected(rule.code, options))
    .flatMap((rule) => rule.check(analysis))
    .filter((finding) => inScope.has(finding.file.path) && !isSuppressed(lineTextAt(finding.file, finding.start), finding.code))
    .map((finding) => {
      // A fix that would edit a file outside the paths given is the same fix, not applied here.
      const outside = finding.fix ? filesOf(finding.fix).find((file) => !inScope.has(file.path)) : undefined;
      if (!outside) return finding;
      return { ...finding, fix: null, unfixableReason: `the fix also edits ${outside.displayPath}, outside the paths given; scan the project to apply it` };
    });
  ruleFindings.sort((a, b) => a.file.displayPath.localeCompare(b.file.displayPath) || a.start - b.start || a.code.localeCompare(b.code));
  // Helpers that several modules of one folder need are written once, in a module beside them.
  shareHelpers([...new Set(ruleFindings.flatMap((finding) => (finding.fix ? [finding.fix] : [])))], index);

  timing('rules', `${ruleFindings.length} findings, ${index.files.length} files in the project`);
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
      notEffectiveReason: fixable ? (finding.notEffectiveReason ?? null) : null,
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
  const findingsOfFix = new Map<Fix, number[]>();
  fixOfFinding.forEach((fix, index) => {
    if (fix) findingsOfFix.set(fix, [...(findingsOfFix.get(fix) ?? []), index]);
  });
  const proposed: ProposedRewrite[] = rewrites
    .filter((rewrite) => rewrite.after !== rewrite.before)
    .sort((a, b) => a.file.displayPath.localeCompare(b.file.displayPath))
    .map((rewrite) => ({
      path: rewrite.file.displayPath,
      diff: rewriteDiff(rewrite),
      fixes: rewrite.applied.flatMap((fix) => findingsOfFix.get(fix) ?? []).sort((a, b) => a - b),
    }));
  problems.sort((a, b) => a.path.localeCompare(b.path));
  timing('fixes');
  return { findings, problems: problems.filter((problem) => inScope.has(path.resolve(options.cwd, problem.path))), filesScanned: requested.length, rewrites: proposed, plan: { rewrites, hashes, fixOfFinding } };
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
 * changed on disk since it was read is not written (checked again just before
 * the rename).
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
  // A module a fix creates is written before the files that import from it; a file whose fix failed
  // elsewhere (that module not written) is left alone, so no file imports what is not there.
  const ordered = [...rewrites].sort((a, b) => Number(!a.file.created) - Number(!b.file.created));
  for (const rewrite of ordered) {
    if (rewrite.after === rewrite.before) continue;
    const file = rewrite.file;
    const dependsOnFailed = rewrite.applied.find((fix) => failedFixes.has(fix));
    if (dependsOnFailed) {
      const other = filesOf(dependsOnFailed).find((candidate) => candidate !== file && failed.some((problem) => problem.path === candidate.displayPath));
      failed.push({ path: file.displayPath, message: `not written: its fix also needs ${other?.displayPath ?? 'another file'}, which was not written` });
      for (const fix of rewrite.applied) failedFixes.add(fix);
      continue;
    }
    const refusal = options.refuse?.(file.path);
    if (refusal) {
      failed.push({ path: file.displayPath, message: refusal });
      for (const fix of rewrite.applied) failedFixes.add(fix);
      continue;
    }
    try {
      const bytes = encodeRewrite(rewrite);
      const problem = file.created ? await createFileIfAbsent(file.path, bytes) : await replaceFileIfUnchanged(file.path, bytes, result.plan.hashes.get(file.path) ?? '');
      if (problem) {
        failed.push({ path: file.displayPath, message: problem });
        for (const fix of rewrite.applied) failedFixes.add(fix);
        continue;
      }
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
