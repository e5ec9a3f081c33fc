/**
 * The Python that fixes add, written against the names the file already
 * imports (`np` or `numpy`, `torch`, `get_worker_info`), with imports added
 * only when missing and helper names that do not collide.
 */
import type { ProjectFile } from '../project/index.js';
import type { HelperItem, PreambleItem } from './fix.js';
import { WORKER_INFO_CALLS } from '../models/torch.js';

/** An expression usable in `file`, with the imports it needs. */
export interface CodeName {
  expression: string;
  preamble: PreambleItem[];
}

/** The local name a top-level import binds to exactly this module or object, if any. */
export function importedAs(file: ProjectFile, qname: string): string | null {
  return file.facts.imports.find((binding) => binding.topLevel && binding.qname === qname)?.local ?? null;
}

/** `import torch`, `import numpy as np`, or `from torch.utils.data import get_worker_info`. */
function importLine(file: ProjectFile, line: string): PreambleItem {
  const from = /^from (\S+) import (\w+)$/.exec(line);
  if (from) return { file, kind: 'import', key: line, code: line, module: from[1], name: from[2] };
  return { file, kind: 'import', key: line, code: line, module: line.split(/\s+/)[1] };
}

function isFree(file: ProjectFile, name: string): boolean {
  return !file.facts.moduleNames.includes(name);
}

/** `base`, or `base_2`, `base_3`, ... : the first name the module does not bind yet. */
export function freeName(file: ProjectFile, base: string, reserved: readonly string[] = []): string {
  for (let suffix = 1; ; suffix++) {
    const name = suffix === 1 ? base : `${base}_${suffix}`;
    if (isFree(file, name) && !reserved.includes(name)) return name;
  }
}

export function torchModule(file: ProjectFile): CodeName {
  const local = importedAs(file, 'torch');
  if (local) return { expression: local, preamble: [] };
  if (isFree(file, 'torch')) return { expression: 'torch', preamble: [importLine(file, 'import torch')] };
  return { expression: '_torch', preamble: [importLine(file, 'import torch as _torch')] };
}

/** An expression for NumPy's `random` module: `np.random`, `numpy.random`, or an alias of `numpy.random`. */
export function numpyRandom(file: ProjectFile): CodeName {
  const random = importedAs(file, 'numpy.random');
  if (random) return { expression: random, preamble: [] };
  const numpy = importedAs(file, 'numpy');
  if (numpy) return { expression: `${numpy}.random`, preamble: [] };
  const alias = isFree(file, 'np') ? 'np' : freeName(file, '_np');
  return { expression: `${alias}.random`, preamble: [importLine(file, `import numpy as ${alias}`)] };
}

/** An expression for `torch.utils.data.get_worker_info`. */
export function getWorkerInfo(file: ProjectFile): CodeName {
  const direct = [...WORKER_INFO_CALLS].map((qname) => importedAs(file, qname)).find((local) => local !== null) ?? null;
  if (direct) return { expression: direct, preamble: [] };
  const data = importedAs(file, 'torch.utils.data');
  if (data) return { expression: `${data}.get_worker_info`, preamble: [] };
  // `from torch.utils.data import DataLoader`: the name joins that import.
  const fromData = file.facts.importStatements.some((statement) => statement.module === 'torch.utils.data' && !statement.plain);
  if (fromData && isFree(file, 'get_worker_info')) {
    return { expression: 'get_worker_info', preamble: [importLine(file, 'from torch.utils.data import get_worker_info')] };
  }
  const torch = importedAs(file, 'torch');
  if (torch) return { expression: `${torch}.utils.data.get_worker_info`, preamble: [] };
  if (isFree(file, 'get_worker_info')) {
    return { expression: 'get_worker_info', preamble: [importLine(file, 'from torch.utils.data import get_worker_info')] };
  }
  const module = torchModule(file);
  return { expression: `${module.expression}.utils.data.get_worker_info`, preamble: module.preamble };
}

/** `torch.initial_seed() % 2**32`: the seed torch gave this worker, in the range NumPy and `random` accept. */
export function workerSeedExpression(file: ProjectFile, bits32: boolean): CodeName {
  const torch = torchModule(file);
  return { expression: `${torch.expression}.initial_seed()${bits32 ? ' % 2**32' : ''}`, preamble: torch.preamble };
}

/** The `worker_init_fn` of the PyTorch documentation, seeding NumPy's global RNG in each worker. */
export function seedWorkerHelper(file: ProjectFile, name: string): CodeName {
  const random = numpyRandom(file);
  const seed = workerSeedExpression(file, true);
  const code = [
    `def ${name}(worker_id):`,
    `    # Each DataLoader worker starts with a copy of NumPy's global RNG; seed it`,
    `    # from torch's per-worker seed, which differs per worker and epoch.`,
    `    ${random.expression}.seed(${seed.expression})`,
  ].join('\n');
  return { expression: name, preamble: [...random.preamble, ...seed.preamble, { file, kind: 'helper', key: name, code }] };
}

/** A function that reseeds NumPy's global RNG once in each worker process, called where worker code starts. */
export function seedNumpyInWorkerHelper(file: ProjectFile, name: string): CodeName {
  return { expression: name, preamble: [seedNumpyInWorkerItem(file, name)] };
}

function seedNumpyInWorkerItem(file: ProjectFile, name: string): HelperItem {
  const random = numpyRandom(file);
  const workerInfo = getWorkerInfo(file);
  const registry = workerSeedRegistry(file, name);
  const code = [
    `def ${name}():`,
    `    # DataLoader workers start with identical copies of NumPy's global RNG;`,
    `    # reseed it once per worker from torch's per-worker seed.`,
    `    worker = ${workerInfo.expression}()`,
    `    if worker is not None and ${registry.name}.get("numpy") != worker.seed:`,
    `        ${registry.name}["numpy"] = worker.seed`,
    `        ${random.expression}.seed(worker.seed % 2**32)`,
  ].join('\n');
  return {
    file,
    kind: 'helper',
    key: name,
    code,
    needs: [...random.preamble, ...workerInfo.preamble, ...registry.items],
    shared: { identity: 'seed-numpy-for-worker', name: 'seed_numpy_for_worker', build: seedNumpyInWorkerItem },
  };
}

/**
 * The per-process record of which RNGs were reseeded for which worker seed.
 * It is shared by the helpers of every module (kept on `sys`), so that an RNG
 * reached from two modules (NumPy's global RNG, or an object a dataset hands to
 * a transform in another file) is reseeded once per worker, not reset again
 * halfway through its stream.
 */
export function workerSeedRegistry(file: ProjectFile, helper: string): { name: string; items: HelperItem[] } {
  const sys = plainModule(file, 'sys');
  const existing = file.facts.functions[0]?.assignments.find((assignment) => assignment.target.chain === REGISTRY && /_rng_fix_worker_seeds/.test(file.source.text.slice(assignment.value.start, assignment.value.end)));
  const name = existing ? REGISTRY : freeName(file, REGISTRY, [helper]);
  const code = [`# Shared by the helpers of every module: each RNG is reseeded once per worker.`, `${name} = vars(${sys.expression}).setdefault("_rng_fix_worker_seeds", {})`].join('\n');
  // Helpers of one file share one registry line; one the file already has is used as it is.
  return { name, items: existing ? [] : [{ file, kind: 'helper', key: name, code, needs: sys.preamble }] };
}

const REGISTRY = '_worker_rng_seeds';

export type RngObjectKind = 'numpy-generator' | 'numpy-random-state' | 'python-random' | 'torch-generator';

const RNG_OBJECT_KINDS: readonly RngObjectKind[] = ['numpy-generator', 'numpy-random-state', 'torch-generator', 'python-random'];

/** A function that reseeds an RNG object the first time each worker uses it, and returns it. */
export function reseedForWorkerHelper(file: ProjectFile, name: string, kinds: ReadonlySet<RngObjectKind>): CodeName {
  return { expression: name, preamble: [reseedForWorkerItem(file, name, kinds)] };
}

function reseedForWorkerItem(file: ProjectFile, name: string, kinds: ReadonlySet<RngObjectKind>): HelperItem {
  const workerInfo = getWorkerInfo(file);
  const ordered = RNG_OBJECT_KINDS.filter((kind) => kinds.has(kind));
  // NumPy is named only by the RandomState branch and the isinstance tests.
  const random = kinds.has('numpy-random-state') || (ordered.length > 1 && kinds.has('numpy-generator')) ? numpyRandom(file) : null;
  const registry = workerSeedRegistry(file, name);
  const seeds = registry.name;
  const torch = kinds.has('torch-generator') ? torchModule(file) : null;
  const reseed: Record<RngObjectKind, string> = {
    'numpy-generator': 'rng.bit_generator.state = type(rng.bit_generator)(seed).state',
    'numpy-random-state': `rng.set_state(${random?.expression}.RandomState(${random?.expression}.MT19937(seed)).get_state())`,
    'python-random': 'rng.seed(seed)',
    // manual_seed takes 64 bits: fold the object's number in with a hash instead of above bit 64.
    'torch-generator': `rng.manual_seed(hash((worker.seed, len(${seeds}))) % 2**64)`,
  };
  const branches: string[] = [];
  if (ordered.length === 1) {
    branches.push(`        ${reseed[ordered[0]]}`);
  } else {
    const test: Record<RngObjectKind, string> = {
      'numpy-generator': `isinstance(rng, ${random?.expression}.Generator)`,
      'numpy-random-state': `isinstance(rng, ${random?.expression}.RandomState)`,
      'torch-generator': `isinstance(rng, ${torch?.expression}.Generator)`,
      'python-random': '',
    };
    ordered.forEach((kind, position) => {
      const last = position === ordered.length - 1;
      branches.push(last ? '        else:' : `        ${position === 0 ? 'if' : 'elif'} ${test[kind]}:`, `            ${reseed[kind]}`);
    });
  }
  const code = [
    `def ${name}(rng):`,
    `    # An RNG object made before the DataLoader starts its workers is copied into`,
    `    # each of them with the same state; reseed each copy once per worker from`,
    `    # torch's per-worker seed (new every epoch, reproducible with torch.manual_seed).`,
    `    worker = ${workerInfo.expression}()`,
    `    if worker is not None and ${seeds}.get(id(rng)) != worker.seed:`,
    `        ${seeds}[id(rng)] = worker.seed`,
    ...(ordered.some((kind) => kind !== 'torch-generator') ? [`        seed = worker.seed + len(${seeds}) * 2**64  # a distinct stream per object`] : []),
    ...branches,
    '    return rng',
  ].join('\n');
  return {
    file,
    kind: 'helper',
    key: name,
    code,
    needs: [...(random?.preamble ?? []), ...(torch?.preamble ?? []), ...workerInfo.preamble, ...registry.items],
    // In a module of its own the helper serves every file of the package: it takes every kind of RNG object.
    shared: { identity: 'reseed-for-worker', name: 'reseed_for_worker', build: (module, moduleName) => reseedForWorkerItem(module, moduleName, new Set(RNG_OBJECT_KINDS)) },
  };
}

/** A function that reseeds an augmentation pipeline the first time each worker calls it, and returns it. */
export function reseedPipelineForWorkerHelper(file: ProjectFile, name: string, library: string, reseed: (object: string, seed: string) => string): CodeName {
  return { expression: name, preamble: [reseedPipelineForWorkerItem(file, name, library, reseed)] };
}

function reseedPipelineForWorkerItem(file: ProjectFile, name: string, library: string, reseed: (object: string, seed: string) => string): HelperItem {
  const info = getWorkerInfo(file);
  const registry = workerSeedRegistry(file, name);
  const code = [
    `def ${name}(pipeline):`,
    `    # Augmentation pipelines hold their own RNG, copied unchanged into every`,
    `    # DataLoader worker; reseed each copy once per worker from torch's per-worker seed.`,
    `    worker = ${info.expression}()`,
    `    if worker is not None and ${registry.name}.get(id(pipeline)) != worker.seed:`,
    `        ${registry.name}[id(pipeline)] = worker.seed`,
    // Each object of a worker gets a stream of its own: two pipelines seeded alike would draw alike.
    `        ${reseed('pipeline', `hash((worker.seed, len(${registry.name}))) % 2**32`)}`,
    '    return pipeline',
  ].join('\n');
  return {
    file,
    kind: 'helper',
    key: name,
    code,
    needs: [...info.preamble, ...registry.items],
    shared: {
      identity: `reseed-${library}-for-worker:${reseed('x', 's')}`,
      name: `reseed_${library.toLowerCase()}_for_worker`,
      build: (module, moduleName) => reseedPipelineForWorkerItem(module, moduleName, library, reseed),
    },
  };
}

/** A module imported under its own name (`import os`), or an import line for it. */
function plainModule(file: ProjectFile, module: string): CodeName {
  const local = importedAs(file, module);
  if (local) return { expression: local, preamble: [] };
  return { expression: module, preamble: [importLine(file, `import ${module}`)] };
}

/** Whether code runs in a worker process (Keras's pool), and which process it is. */
function processIdentity(file: ProjectFile): { isWorker: string; pid: string; preamble: PreambleItem[] } {
  const multiprocessing = plainModule(file, 'multiprocessing');
  const os = plainModule(file, 'os');
  return {
    isWorker: `${multiprocessing.expression}.parent_process() is not None`,
    pid: `${os.expression}.getpid()`,
    preamble: [...multiprocessing.preamble, ...os.preamble],
  };
}

/** Reseeds NumPy's global RNG once in each (Keras) worker process; called where `__getitem__` starts. */
export function seedWorkerProcessHelper(file: ProjectFile, name: string): CodeName {
  return { expression: name, preamble: [seedWorkerProcessItem(file, name)] };
}

function seedWorkerProcessItem(file: ProjectFile, name: string): HelperItem {
  const identity = processIdentity(file);
  const random = numpyRandom(file);
  const state = freeName(file, '_seeded_process', [name]);
  const code = [
    `${state} = None`,
    '',
    '',
    `def ${name}():`,
    `    # Keras runs this dataset in a pool of processes that start with copies of`,
    `    # the parent's random state; reseed once in each worker process.`,
    `    global ${state}`,
    `    if ${identity.isWorker} and ${state} != ${identity.pid}:`,
    `        ${state} = ${identity.pid}`,
    `        ${random.expression}.seed()`,
  ].join('\n');
  return { file, kind: 'helper', key: name, code, needs: [...identity.preamble, ...random.preamble], shared: { identity: 'seed-worker-process', name: 'seed_worker_process', build: seedWorkerProcessItem } };
}

/** Reseeds an RNG object the first time each worker process uses it, and returns it. */
export function reseedInWorkerProcessHelper(file: ProjectFile, name: string, kinds: ReadonlySet<RngObjectKind>): CodeName {
  return { expression: name, preamble: [reseedInWorkerProcessItem(file, name, kinds)] };
}

function reseedInWorkerProcessItem(file: ProjectFile, name: string, kinds: ReadonlySet<RngObjectKind>): HelperItem {
  const identity = processIdentity(file);
  const seeds = freeName(file, '_rng_processes', [name]);
  const generator = kinds.has('numpy-generator');
  // RandomState, random.Random and torch.Generator all reseed from fresh entropy with `seed()`.
  const others = kinds.has('numpy-random-state') || kinds.has('python-random') || kinds.has('torch-generator');
  const random = generator && others ? numpyRandom(file) : null;
  const reseedGenerator = 'rng.bit_generator.state = type(rng.bit_generator)().state';
  const branches = generator && others
    ? [`        if isinstance(rng, ${random!.expression}.Generator):`, `            ${reseedGenerator}`, '        else:', '            rng.seed()']
    : [`        ${generator ? reseedGenerator : 'rng.seed()'}`];
  const code = [
    `${seeds} = {}`,
    '',
    '',
    `def ${name}(rng):`,
    `    # An RNG object made before Keras starts its worker processes is copied into`,
    `    # each of them with the same state; reseed each copy once per process.`,
    `    if ${identity.isWorker} and ${seeds}.get(id(rng)) != ${identity.pid}:`,
    `        ${seeds}[id(rng)] = ${identity.pid}`,
    ...branches,
    '    return rng',
  ].join('\n');
  return {
    file,
    kind: 'helper',
    key: name,
    code,
    needs: [...identity.preamble, ...(random?.preamble ?? [])],
    shared: { identity: 'reseed-in-worker-process', name: 'reseed_in_worker_process', build: (module, moduleName) => reseedInWorkerProcessItem(module, moduleName, new Set(RNG_OBJECT_KINDS)) },
  };
}
