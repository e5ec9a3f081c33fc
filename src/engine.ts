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
import { discoverFiles, projectRootOf } from './discover.js';
import { filesOf, rewriteFile, unifiedDiff, type Fix, type FileRewrite } from './fix/fix.js';
import { shareHelpers } from './fix/shared-module.js';
import { torchVersionsByFile } from './project/torch-version.js';
import { loadProjectFile, readAndLoad, readAndSurvey, type FileProblem, type LoadResult, type SkippedFile, type SurveyedFile } from './load.js';
import { absoluteImports, planBatches, type Batch } from './batches.js';
import type { FileFacts } from './python/fact-types.js';
import { KERAS_SEQUENCES } from './project/keras.js';
import { DATA_LOADERS, isDatasetClass } from './project/loaders.js';
import { ProjectIndex, type ProjectFile } from './project/index.js';
import { ModuleNaming } from './project/module-names.js';
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
  /** Threads that survey the files (this one and jobs - 1 workers), used when there are many. */
  jobs?: number;
  /** Parse only files that mention a relevant word, and the modules they lead to (default true). */
  prefilter?: boolean;
  /** Called as files are parsed. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Bytes of source to parse in one batch of files linked by imports; by default (Infinity) the project is
   * analysed at once. The facts of a file take about 20 times its size.
   */
  batchBytes?: number;
  /**
   * Let each batch's facts go once its findings and fixes are made, so that
   * memory follows the largest batch. A review, which renders fixes again,
   * needs them kept.
   */
  releaseFacts?: boolean;
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

/** The load pool's worker script; absent when running from sources (tests), where every file is surveyed in this thread. */
const LOAD_WORKER = new URL('./parse-worker.js', import.meta.url);
/** Files surveyed as one task: a survey takes about 0.1 ms a file. */
const SURVEY_CHUNK = 128;
/** Below this many files, starting worker threads costs more than it saves. */
const POOL_THRESHOLD = 512;
/** Tasks handed to each worker at once, so that it never waits for this thread to hand out the next. */
const IN_FLIGHT = 2;

/**
 * Surveys every file once (see `readAndSurvey`): this thread and `jobs - 1`
 * worker threads take chunks of files in turn. Files that cannot be read are
 * problems.
 */
async function surveyFiles(paths: string[], options: EngineOptions, problems: FileProblem[]): Promise<Map<string, SurveyedFile>> {
  const rootWords = (options.prefilter ?? true) ? [...new Set(options.rules.flatMap((rule) => rule.relevance.words))] : null;
  const chunks: string[][] = [];
  for (let start = 0; start < paths.length; start += SURVEY_CHUNK) chunks.push(paths.slice(start, start + SURVEY_CHUNK));
  const results: (SurveyedFile | { problem: FileProblem })[][] = new Array(chunks.length);
  let next = 0;
  const pool = await startLoadPool(options, paths.length);
  try {
    const workerLoops = Array.from({ length: pool ? IN_FLIGHT * pool.options.maxThreads : 0 }, async () => {
      for (let chunk = next++; chunk < chunks.length; chunk = next++) results[chunk] = await pool!.run({ paths: chunks[chunk], cwd: options.cwd, rootWords });
    });
    try {
      for (let chunk = next++; chunk < chunks.length; chunk = next++) {
        results[chunk] = chunks[chunk].map((file) => readAndSurvey(file, options.cwd, rootWords));
        // Lets the workers' results in, so that they get their next chunks.
        await new Promise(setImmediate);
      }
    } finally {
      await Promise.allSettled(workerLoops);
    }
    await Promise.all(workerLoops);
  } finally {
    // The workers' memory is given back before the analysis builds its own.
    await pool?.destroy();
  }
  const surveyed = new Map<string, SurveyedFile>();
  results.forEach((chunk, place) =>
    chunk.forEach((result, offset) => {
      if ('problem' in result) problems.push(result.problem);
      else surveyed.set(chunks[place][offset], result);
    }),
  );
  return surveyed;
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
    for (const absolute of absoluteImports(file, skim.imports, naming)) {
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
  const surveyed = await surveyFiles(paths, options, problems);
  // Files that share a module name (`dataset.py` in several script folders) are told apart by their folders.
  const naming = new ModuleNaming(paths);
  const batches = planBatches(paths, surveyed, naming, options.batchBytes ?? Infinity);
  const toParse = batches.reduce((count, batch) => count + batch.parse.length, 0);
  timing('survey', `${toParse} of ${surveyed.size} files to parse, in ${batches.length} batch${batches.length === 1 ? '' : 'es'}`);
  const context: BatchContext = {
    options,
    paths,
    surveyed,
    naming,
    inScope,
    problems,
    hashes,
    torchVersions: torchVersionsByFile(options.torchVersion, options.cwd),
    batchOf: new Map(batches.flatMap((batch, number) => [...batch.members].map((file) => [file, number] as const))),
    claimed: new Map(),
    parsed: 0,
    toParse,
    batches: batches.length,
    timing,
  };
  const reported: ReportedFinding[] = [];
  const rewrites: FileRewrite[] = [];
  for (const [number, batch] of batches.entries()) {
    const result = await analyseBatch(context, number, batch);
    reported.push(...result.reported);
    rewrites.push(...result.rewrites);
  }

  reported.sort((a, b) => a.finding.path.localeCompare(b.finding.path) || a.start - b.start || a.finding.code.localeCompare(b.finding.code));
  const findings = reported.map((entry) => entry.finding);
  const fixOfFinding = reported.map((entry) => entry.fix);
  const occurrences = new Map<string, number>();
  for (const [index, entry] of reported.entries()) {
    const key = `${entry.finding.code}:${entry.finding.path}:${entry.lineText}`;
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
  // A file of one batch that another batch's analysis also loaded is reported once.
  const shownProblems = [...new Map(problems.map((problem) => [`${problem.path}\0${problem.message}`, problem])).values()].sort((a, b) => a.path.localeCompare(b.path));
  timing('fixes');
  return { findings, problems: shownProblems.filter((problem) => inScope.has(path.resolve(options.cwd, problem.path))), filesScanned: requested.length, rewrites: proposed, plan: { rewrites, hashes, fixOfFinding } };
}

/** What every batch of a scan shares. */
interface BatchContext {
  options: EngineOptions;
  paths: string[];
  surveyed: ReadonlyMap<string, SurveyedFile>;
  naming: ModuleNaming;
  inScope: ReadonlySet<string>;
  problems: FileProblem[];
  hashes: Map<string, string>;
  torchVersions: ReturnType<typeof torchVersionsByFile>;
  /** The batch whose groups hold each file; files of groups with nothing to parse are in none. */
  batchOf: ReadonlyMap<string, number>;
  /** Files in no batch (and modules fixes create), by the batch that first reported in them. */
  claimed: Map<string, number>;
  parsed: number;
  toParse: number;
  batches: number;
  timing: (phase: string, detail?: string) => void;
}

interface ReportedFinding {
  finding: Finding;
  fix: Fix | null;
  /** Offset of the finding, to sort findings as they are in their file. */
  start: number;
  /** The text of the reported line, for the fingerprint. */
  lineText: string;
}

/** What a file's facts are replaced with once its batch is done: its rewrite keeps only its text. */
const RELEASED_FACTS: FileFacts = Object.freeze({
  module: '',
  imports: [],
  classes: [],
  functions: [],
  moduleNames: [],
  importInsertion: { offset: 0, afterImport: false },
  importStatements: [],
  starImports: [],
}) as unknown as FileFacts;

/**
 * Parses a batch's files, links them with the rest of the project (any other
 * file is loaded when the analysis needs it), runs the rules, and plans the
 * fixes of the findings in the batch's own files.
 */
async function analyseBatch(context: BatchContext, number: number, batch: Batch): Promise<{ reported: ReportedFinding[]; rewrites: FileRewrite[] }> {
  const { options, naming, surveyed, inScope, timing } = context;
  const accept = (result: LoadResult): ProjectFile | null => {
    if ('problem' in result) context.problems.push(result.problem);
    if (!('file' in result)) return null;
    context.hashes.set(result.file.path, result.hash);
    const { file } = result;
    const shared = naming.baseOf(file.path);
    naming.adopt(file.path, file.facts);
    if (file.facts.module !== shared) file.sharedModule = shared;
    return file;
  };
  // The facts of the files parsed together share one copy of each string.
  const strings = new StringTable();
  const files: ProjectFile[] = [];
  for (const path of batch.parse) {
    const file = accept(readAndLoad(path, options.cwd, strings));
    if (file) files.push(file);
    options.onProgress?.(++context.parsed, context.toParse);
  }
  const owns = (file: string): boolean => {
    const owner = context.batchOf.get(file) ?? context.claimed.get(file);
    if (owner !== undefined) return owner === number;
    context.claimed.set(file, number);
    return true;
  };
  const mine = (file: string) => context.batchOf.get(file) === undefined || context.batchOf.get(file) === number;
  const parsedHere = new Set(batch.parse);
  // Every other file may be loaded when the analysis asks for it: a module it names, a class a registry it
  // reads registers (a folder of plugins that `importlib` loads is linked by no import); the importers and
  // subclasses of its classes are looked for among the batch's groups (the others have no link to them).
  const skipped = new Map<string, SkippedFile>();
  for (const file of context.paths) {
    const survey = surveyed.get(file);
    if (survey && !parsedHere.has(file)) skipped.set(file, survey.skim);
  }
  const linked = new Map([...skipped].filter(([file]) => mine(file)));
  timing('parse', `${files.length} parsed${context.batches > 1 ? `, batch ${number + 1} of ${context.batches}` : ''}`);
  const unparsed = new Map([...skipped.keys()].map((file) => [naming.moduleOf(file), file]));
  for (const file of skipped.keys()) if (!unparsed.has(naming.baseOf(file))) unparsed.set(naming.baseOf(file), file);
  const index = new ProjectIndex(files, {
    modules: unparsed,
    load: (file) => accept(loadProjectFile(file, options.cwd)),
    headers: [...skipped.values()].flatMap((file) => file.skipped),
    aliases: [...skipped.values()].flatMap((file) => file.aliases),
    registering: registeringFiles(skipped),
    importers: importersOf(linked, naming),
  });
  const flow = valueFlowOf(index);
  loadSubclassesOfRoots(index, linked);
  // What the skim found is not needed past this point: the class screens it fed are built.
  skipped.clear();
  linked.clear();
  index.releaseSkimmedNames();
  timing('subclasses of roots', `${index.files.length} files in the project`);
  const analysis = analyse(flow, context.torchVersions, options.strategy);
  if (process.env.RNG_FIX_DEBUG === 'datasets') process.stderr.write(describeDatasets(analysis));
  timing('analysis', `${index.files.length} files in the project`);
  const ruleFindings: RuleFinding[] = options.rules
    .filter((rule) => selected(rule.code, options))
    .flatMap((rule) => rule.check(analysis))
    .filter((finding) => inScope.has(finding.file.path) && owns(finding.file.path) && !isSuppressed(lineTextAt(finding.file, finding.start), finding.code))
    .map((finding) => {
      // A fix that would edit a file outside the paths given is the same fix, not applied here.
      const outside = finding.fix ? filesOf(finding.fix).find((file) => !inScope.has(file.path)) : undefined;
      if (outside) return { ...finding, fix: null, unfixableReason: `the fix also edits ${outside.displayPath}, outside the paths given; scan the project to apply it` };
      const foreign = finding.fix ? filesOf(finding.fix).find((file) => !file.created && !owns(file.path)) : undefined;
      if (foreign) return { ...finding, fix: null, unfixableReason: `the fix also edits ${foreign.displayPath}, which no import links to ${finding.file.displayPath}; fix it by hand` };
      return finding;
    });
  ruleFindings.sort((a, b) => a.file.displayPath.localeCompare(b.file.displayPath) || a.start - b.start || a.code.localeCompare(b.code));
  // Helpers that several modules of one folder need are written once, in a module beside them.
  shareHelpers([...new Set(ruleFindings.flatMap((finding) => (finding.fix ? [finding.fix] : [])))], index);
  timing('rules', `${ruleFindings.length} findings, ${index.files.length} files in the project`);
  const rewrites = await planRewrites([...new Set(ruleFindings.flatMap((finding) => (finding.fix ? [finding.fix] : [])))]);
  const refusedReasons = new Map<Fix, string>();
  for (const rewrite of rewrites) for (const { fix, reason } of rewrite.refused) refusedReasons.set(fix, reason);
  const reported = ruleFindings.map((finding): ReportedFinding => {
    const refusal = finding.fix ? refusedReasons.get(finding.fix) : undefined;
    const fixable = finding.fix !== null && refusal === undefined;
    return {
      finding: {
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
      },
      fix: finding.fix,
      start: finding.start,
      lineText: lineTextAt(finding.file, finding.start).trim(),
    };
  });
  // What is kept of the batch past here is its findings and its files' texts: the facts go, unless a review renders fixes again.
  if (options.releaseFacts) for (const file of index.files) file.facts = RELEASED_FACTS;
  return { reported, rewrites };
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
