/**
 * Loaders that Hugging Face's `Trainer` builds: a `Trainer(...)` call (of the
 * library's class or a project subclass) is, for each dataset it is given, a
 * torch DataLoader with the worker count of its `TrainingArguments` (see
 * models/transformers.ts for what the library does).
 */
import type { Context, ValueFlow } from '../flow/flow.js';
import { instancesIn, type Values } from '../flow/values.js';
import { HF_TRAINER_ARGUMENTS, HF_TRAINER_DATASETS, HF_TRAINER_NAMES, HF_TRAINERS, HF_TRAINING_ARGUMENTS, HF_WORKER_FIELDS } from '../models/transformers.js';
import type { CallFact } from '../python/facts.js';
import { argumentFor, type ClassEntry, type FunctionEntry, type ProjectIndex } from './index.js';
// A cycle with loaders.ts, which calls findTrainerLoaders: only functions cross it, used after both modules load.
import { literalIntegers, type LoaderCall, type WorkerCount } from './loaders.js';

/** What a trainer's `args` sets for its loaders. */
interface TrainerWorkers {
  workers: WorkerCount;
  persistent: boolean;
}

const NO_WORKERS: TrainerWorkers = { workers: { kind: 'none' }, persistent: false };
const MAY_HAVE_WORKERS: TrainerWorkers = { workers: { kind: 'dynamic' }, persistent: false };

/**
 * The workers a trainer's loaders start, from what its `args` may be: a
 * `TrainingArguments(...)` call shows `dataloader_num_workers` (absent: 0);
 * anything else (`parser.parse_args_into_dataclasses()`, a project subclass
 * of the dataclass, a parameter) may set it from the command line.
 */
function trainerWorkers(flow: ValueFlow, args: Values | null): TrainerWorkers {
  if (args === null) return NO_WORKERS;
  let most = 0;
  let persistent = args.values.length > 0;
  for (const value of args.values) {
    // `args=None`: the trainer makes default arguments, with no workers.
    if (value.kind === 'literal' && value.type === 'none') continue;
    if (value.kind !== 'made' || !HF_TRAINING_ARGUMENTS.has(value.qname.replace(/\(\)$/, ''))) return MAY_HAVE_WORKERS;
    const call = value.madeIn.fact.calls.find((candidate) => candidate.start === value.span.start);
    if (!call || call.arguments.some((argument) => argument.splat !== null)) return MAY_HAVE_WORKERS;
    const ctx = flow.contextOf(value.madeIn);
    const count = call.arguments.find((argument) => argument.keyword === HF_WORKER_FIELDS.numWorkers);
    // Absent: the dataclass default, 0.
    const counts = count ? literalIntegers(flow.valuesOfFact(count.value, ctx)) : [0];
    if (counts === null) return MAY_HAVE_WORKERS;
    most = Math.max(most, ...counts);
    const keeps = call.arguments.find((argument) => argument.keyword === HF_WORKER_FIELDS.persistentWorkers);
    const kept = keeps ? flow.valuesOfFact(keeps.value, ctx).values : [];
    if (!(kept.length > 0 && kept.every((candidate) => candidate.kind === 'literal' && candidate.value === 'True'))) persistent = false;
  }
  if (most === 0) return NO_WORKERS;
  return { workers: { kind: 'literal', value: most }, persistent };
}

/** Whether the project itself defines `method` for `cls` (a subclass that builds that loader in its own code). */
function definesInProject(index: ProjectIndex, cls: ClassEntry | null, method: string): boolean {
  return cls !== null && index.lookupMethod(cls, method) !== null;
}

/** Every loader that a `Trainer(...)` call of the project makes. */
export function findTrainerLoaders(flow: ValueFlow, isDataset: (cls: ClassEntry) => boolean): LoaderCall[] {
  const index = flow.index;
  const subclasses = index.allClasses().filter((cls) => index.derivesFrom(cls, HF_TRAINERS));
  const names = new Set([...HF_TRAINER_NAMES, ...subclasses.map((cls) => cls.fact.name)]);
  const loaders: LoaderCall[] = [];
  const seen = new Set<CallFact>();
  for (const name of names) {
    for (const { call, in: where } of index.callSitesNamed(name)) {
      if (seen.has(call)) continue;
      seen.add(call);
      const ctx = flow.contextOf(where);
      const callee = flow.valuesOf(call.calleeExpr, ctx).values;
      const library = callee.some((value) => value.kind === 'external' && HF_TRAINERS.has(value.qname));
      const subclass = callee.flatMap((value) => (value.kind === 'class' && index.derivesFrom(value.cls, HF_TRAINERS) ? [value.cls] : []))[0] ?? null;
      if (!library && !subclass) continue;
      // A subclass with its own `__init__` may take its arguments in any order: keywords only.
      const positional = library || !definesInProject(index, subclass, '__init__');
      const at = (position: number) => (positional ? position : Number.MAX_SAFE_INTEGER);
      const argsArgument = argumentFor(call, 'args', at(HF_TRAINER_ARGUMENTS.args));
      const { workers, persistent } = trainerWorkers(flow, argsArgument ? flow.valuesOfFact(argsArgument, ctx) : null);
      const collator = argumentFor(call, 'data_collator', at(HF_TRAINER_ARGUMENTS.data_collator));
      for (const spec of HF_TRAINER_DATASETS) {
        if (definesInProject(index, subclass, spec.builtBy)) continue;
        const datasetArgument = argumentFor(call, spec.keyword, at(spec.position));
        if (!datasetArgument) continue;
        loaders.push(trainerLoader(flow, { call, where, ctx, datasetArgument, workers, persistent, shuffles: spec.shuffles, collateFn: collator ? flow.valuesOfFact(collator, ctx) : null }, isDataset));
      }
    }
  }
  return loaders;
}

function trainerLoader(
  flow: ValueFlow,
  made: { call: CallFact; where: FunctionEntry; ctx: Context; datasetArgument: NonNullable<ReturnType<typeof argumentFor>>; workers: WorkerCount; persistent: boolean; shuffles: boolean; collateFn: Values | null },
  isDataset: (cls: ClassEntry) => boolean,
): LoaderCall {
  const values = flow.valuesOfFact(made.datasetArgument, made.ctx);
  // `eval_dataset` may be a dict of datasets: the trainer builds a loader for each.
  const datasets = [...new Set(instancesIn(values).flatMap((instance) => (isDataset(instance.cls) ? [instance.cls] : [])))];
  return {
    file: made.where.file,
    call: made.call,
    in: made.where,
    datasets,
    workers: made.workers,
    workerInitFn: { kind: 'absent' },
    hasKeywordSplat: false,
    loaderClass: null,
    monai: false,
    possible: values.possible,
    datasetArgument: made.datasetArgument,
    collateFn: made.collateFn,
    workersLiveForTheRun: made.persistent,
    shuffles: made.shuffles,
    builtBy: { name: 'Trainer', argument: HF_WORKER_FIELDS.numWorkers, seedsGlobalRngs: true },
  };
}
