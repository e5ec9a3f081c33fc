/**
 * Library datasets that loaders read (`ImageFolder(root, transform=...)`,
 * MONAI's `CacheDataset(data, transform)`, a Hugging Face dataset given
 * `set_transform(f)`), as `src/models/library-datasets.ts` describes them: the
 * callables they are built with run in the workers, once per item. Project
 * callables become the dataset's worker-side code; augmentation objects of a
 * library (MONAI, albumentations) are kept as held objects for RNG005.
 */
import type { Context, ValueFlow } from '../flow/flow.js';
import { instancesIn, valueKey, type Value, type Values } from '../flow/values.js';
import { libraryDatasetModel, type CalledArgument, type LibraryDatasetModel } from '../models/library-datasets.js';
import type { CallFact, ValueFact } from '../python/facts.js';
import { argumentFor, type FunctionEntry } from './index.js';
import { mayStartWorkers, type LoaderCall } from './loaders.js';
import { WorkerSideCode } from './worker-side.js';

type MadeValue = Extract<Value, { kind: 'made' }>;

/** An object a library dataset calls per item, and where the project hands it over. */
export interface HeldByLibrary {
  value: Value;
  /** The argument that gives it to the dataset (`transform=train_transforms`). */
  argument: ValueFact;
  /** The code that makes the dataset (or installs the callable). */
  in: FunctionEntry;
  /** The attribute the dataset keeps it under, or null when unknown. */
  attribute: string | null;
  /** Whether every loader reads that dataset itself (`get_worker_info().dataset` is it), not a wrapper. */
  direct: boolean;
}

export interface LibraryDatasetUse {
  /** The library class (`CacheDataset`), for findings. */
  name: string;
  library: string;
  loader: LoaderCall;
  workerSide: WorkerSideCode;
  held: HeldByLibrary[];
}

/** The library datasets a loader may read, the dataset itself or inside a wrapper (`Subset`, `ConcatDataset`), and whether directly. */
function libraryDatasetsIn(values: Values): { value: MadeValue; model: LibraryDatasetModel; direct: boolean }[] {
  const found: { value: MadeValue; model: LibraryDatasetModel; direct: boolean }[] = [];
  const visit = (value: Value, level: number) => {
    if (level > 3) return;
    if (value.kind === 'made') {
      const model = libraryDatasetModel(value.qname);
      if (model) found.push({ value, model, direct: level === 0 });
      else for (const part of value.parts) visit(part, level + 1);
    }
    if (value.kind === 'container') for (const element of value.elements) visit(element, level + 1);
  };
  for (const value of values.values) visit(value, 0);
  return found;
}

/** The call fact that made a value: the call written at its place. */
function callAt(value: MadeValue): CallFact | null {
  return value.madeIn.fact.calls.find((call) => call.start === value.span.start && call.end === value.span.end) ?? null;
}

function argumentOf(call: CallFact, called: CalledArgument): ValueFact | null {
  return argumentFor(call, called.keyword, called.position ?? Number.MAX_SAFE_INTEGER);
}

/** What a library dataset calls per item: the arguments its model names, or what its installing methods were given. */
function calledArguments(flow: ValueFlow, dataset: MadeValue, model: LibraryDatasetModel): { argument: ValueFact; in: FunctionEntry; attribute: string | null }[] {
  const found: { argument: ValueFact; in: FunctionEntry; attribute: string | null }[] = [];
  const call = callAt(dataset);
  if (call) {
    if (model.calls === 'all') {
      for (const argument of call.arguments) if (argument.splat === null) found.push({ argument: argument.value, in: dataset.madeIn, attribute: argument.keyword });
    } else {
      for (const called of model.calls) {
        const argument = argumentOf(call, called);
        if (argument) found.push({ argument, in: dataset.madeIn, attribute: called.attribute });
      }
    }
    // `ds.with_transform(f)`: the dataset this call returns calls `f`.
    const method = /\.(\w+)\(\)$/.exec(dataset.qname)?.[1];
    const installs = method ? model.installs[method] : undefined;
    const installed = installs ? argumentOf(call, installs) : null;
    if (installed) found.push({ argument: installed, in: dataset.madeIn, attribute: installs!.attribute });
  }
  // `ds.set_transform(f)` anywhere in the project, on this very dataset.
  for (const [method, installs] of Object.entries(model.installs)) {
    for (const site of flow.index.callSitesNamed(method)) {
      const callee = flow.valuesOf(site.call.calleeExpr, flow.contextOf(site.in));
      const onThis = callee.values.some((value) => value.kind === 'made' && value.file === dataset.file && value.span.start === dataset.span.start && value.qname === `${dataset.qname}.${method}`);
      const argument = onThis ? argumentOf(site.call, installs) : null;
      if (argument && method !== /\.(\w+)\(\)$/.exec(dataset.qname)?.[1]) found.push({ argument, in: site.in, attribute: installs.attribute });
    }
  }
  return found;
}

export function libraryDatasetUses(flow: ValueFlow, loaders: readonly LoaderCall[]): LibraryDatasetUse[] {
  const uses: LibraryDatasetUse[] = [];
  for (const loader of loaders) {
    if (!mayStartWorkers(loader) || !loader.datasetArgument) continue;
    const datasets = libraryDatasetsIn(flow.valuesOfFact(loader.datasetArgument, flow.contextOf(loader.in)));
    const seen = new Set<string>();
    for (const { value: dataset, model, direct } of datasets) {
      if (seen.has(valueKey(dataset))) continue;
      seen.add(valueKey(dataset));
      const callables: Value[] = [];
      const held: HeldByLibrary[] = [];
      let possible = false;
      for (const { argument, in: where, attribute } of calledArguments(flow, dataset, model)) {
        const ctx: Context = flow.contextOf(where);
        const values = flow.valuesOfFact(argument, ctx);
        possible ||= values.possible;
        // Project objects and functions, also inside a library wrapper (`T.Compose([MyCrop()])`).
        callables.push(...instancesIn(values), ...values.values.filter((value) => value.kind === 'function'));
        for (const value of values.values) if (value.kind === 'made' || value.kind === 'container') held.push({ value, argument, in: where, attribute, direct });
      }
      if (callables.length === 0 && held.length === 0) continue;
      const name = /^([\w.]+)\(\)/.exec(dataset.qname)![1].split('.').pop()!;
      uses.push({ name, library: model.library, loader, workerSide: WorkerSideCode.ofCallables(flow, { values: callables, possible }), held });
    }
  }
  return uses;
}
