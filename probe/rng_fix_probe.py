"""The probe `rng-fix verify` injects into a training run (through sitecustomize.py).

It watches every torch DataLoader and every Keras multiprocessing enqueuer the
program starts. In each worker process it fingerprints the random-number
generators the worker can reach: NumPy's global RNG, Python's `random`, torch's
generator, and every RNG object reachable from the dataset object graph (NumPy
Generator / RandomState, `random.Random`, `torch.Generator`, and those that
augmentation libraries keep inside their objects), once when the worker starts
(after any `worker_init_fn`) and once after its first batch. An RNG that the
first batch used and whose state after it equals another worker's, or the
same worker's in another epoch, produced the same numbers twice.

Each worker writes one JSON file into RNG_FIX_PROBE_DIR; the main process
writes one file per loader. After RNG_FIX_PROBE_EPOCHS epochs of every loader
it has seen, the probe ends the program. Nothing here changes what the program
computes: the probe only reads RNG states (copies of them) and counts batches.
"""
import functools
import hashlib
import importlib.abc
import importlib.util
import json
import os
import random
import sys
import threading
import time
import traceback

OUT = os.environ.get("RNG_FIX_PROBE_DIR")
EPOCHS = int(os.environ.get("RNG_FIX_PROBE_EPOCHS", "2"))
MAX_DEPTH = 7
MAX_ITEMS = 64
PROBE_FILE = os.path.abspath(__file__)


def _write(name, record):
    path = os.path.join(OUT, name)
    with open(f"{path}.tmp", "w", encoding="utf-8") as handle:
        json.dump(record, handle)
    os.replace(f"{path}.tmp", path)


def _digest(value):
    return hashlib.sha1(repr(value).encode()).hexdigest()[:16]


def _user_site():
    """file:line of the innermost frame of the program itself (not a library's, not the probe's)."""
    for frame in reversed(traceback.extract_stack()[:-1]):
        name = os.path.abspath(frame.filename)
        if name == PROBE_FILE or "site-packages" in name or "dist-packages" in name or name.startswith(sys.base_prefix) or frame.filename.startswith("<"):
            continue
        return f"{os.path.relpath(name)}:{frame.lineno}"
    return "?"


# ---- fingerprints -------------------------------------------------------------------------------


def _rng_state(value):
    """(type name, digest of its state) if `value` is an RNG object, else None."""
    module = type(value).__module__ or ""
    name = type(value).__name__
    try:
        if module.startswith("numpy.random") and name == "Generator":
            return "numpy.random.Generator", _digest(value.bit_generator.state)
        if module.startswith("numpy.random") and name == "RandomState":
            state = value.get_state()
            return "numpy.random.RandomState", _digest((state[1].tobytes(), state[2]))
        if isinstance(value, random.Random):
            return "random.Random", _digest(value.getstate())
        if module.startswith("torch") and name == "Generator":
            return "torch.Generator", _digest(bytes(value.get_state().numpy().tobytes()))
    except Exception:  # noqa: BLE001 - an object that only looks like an RNG
        return None
    return None


def _children(value):
    """What an object holds that may hold RNGs, with the path part that reaches it."""
    if isinstance(value, dict):
        for key, item in list(value.items())[:MAX_ITEMS]:
            if isinstance(key, (str, int)):
                yield f"[{key!r}]", item
    elif isinstance(value, (list, tuple)):
        for position, item in enumerate(value[:MAX_ITEMS]):
            yield f"[{position}]", item
    else:
        attributes = getattr(value, "__dict__", None)
        if isinstance(attributes, dict):
            for key, item in list(attributes.items())[:MAX_ITEMS * 2]:
                yield f".{key}", item
        for slot in getattr(type(value), "__slots__", ()) or ():
            if isinstance(slot, str) and hasattr(value, slot):
                yield f".{slot}", getattr(value, slot, None)


_SKIP_TYPES = (str, bytes, int, float, bool, type(None), type, type(sys), type(len))


def _walk(root, root_path):
    """Every RNG object reachable from `root`, by the first path that reaches it."""
    found = {}
    seen = set()
    stack = [(root_path, root, 0)]
    while stack:
        path, value, depth = stack.pop()
        if isinstance(value, _SKIP_TYPES) or callable(value) and not hasattr(value, "__dict__"):
            continue
        if id(value) in seen:
            continue
        seen.add(id(value))
        state = _rng_state(value)
        if state is not None:
            found.setdefault(path, state)
            continue
        module = type(value).__module__ or ""
        # Arrays, tensors and frames hold data, not RNGs.
        if module.startswith(("numpy", "torch", "pandas", "PIL")) or depth >= MAX_DEPTH:
            continue
        for part, child in _children(value):
            stack.append((f"{path}{part}", child, depth + 1))
    return found


def _globals():
    states = {}
    try:
        import numpy

        state = numpy.random.get_state()
        states["numpy global RNG"] = ("numpy.random (global)", _digest((state[1].tobytes(), state[2])))
    except Exception:  # noqa: BLE001
        pass
    states["random global RNG"] = ("random (global)", _digest(random.getstate()))
    torch = sys.modules.get("torch")
    if torch is not None:
        try:
            states["torch global RNG"] = ("torch (global)", _digest(bytes(torch.get_rng_state().numpy().tobytes())))
        except Exception:  # noqa: BLE001
            pass
    return states


def _fingerprint(dataset, root="dataset"):
    states = _globals()
    states.update(_walk(dataset, root))
    return {path: {"type": kind, "state": digest} for path, (kind, digest) in states.items()}


# ---- torch --------------------------------------------------------------------------------------

_loader_keys = {}
_epochs = {}
_lock = threading.Lock()


def _loader_key(loader):
    key = _loader_keys.get(id(loader))
    if key is None:
        key = f"torch-{len(_loader_keys) + 1}"
        _loader_keys[id(loader)] = key
    return key


class _ProbeCollate:
    """The loader's collate function, which also fingerprints the worker after its first batch."""

    def __init__(self, collate, report):
        self.collate = collate
        self.report = report
        self.calls = 0

    def __call__(self, batch):
        result = self.collate(batch)
        self.calls += 1
        if self.calls == 1:
            self.report["after"] = _fingerprint(self.report.pop("_dataset"))
            _write(f"worker-{os.getpid()}-{self.report['loader']}-{self.report['epoch']}.json", self.report)
        return result


class _ProbeInit:
    """The loader's worker_init_fn (or none), followed by the worker's first fingerprint."""

    def __init__(self, init_fn, report):
        self.init_fn = init_fn
        self.report = report

    def __call__(self, worker_id):
        if self.init_fn is not None:
            self.init_fn(worker_id)
        self.report["before"] = _fingerprint(self.report["_dataset"])


_ORIGINAL_WORKER_LOOP = None


def _probe_worker_loop(key, epoch, start_method, *args):
    # (dataset_kind, dataset, index_queue, data_queue, done_event, auto_collation, collate_fn, drop_last,
    #  base_seed, init_fn, worker_id, num_workers, persistent_workers, shared_seed)
    args = list(args)
    report = {"kind": "torch", "loader": key, "epoch": epoch, "worker": args[10], "pid": os.getpid(), "start": start_method, "_dataset": args[1]}
    args[6] = _ProbeCollate(args[6], report)
    args[9] = _ProbeInit(args[9], report)
    # Set when torch's dataloader module was patched, in this process (spawn) or the parent (fork).
    return _ORIGINAL_WORKER_LOOP(*args)


def _patch_torch(dataloader):
    global _ORIGINAL_WORKER_LOOP
    worker = importlib.import_module("torch.utils.data._utils.worker")
    _ORIGINAL_WORKER_LOOP = worker._worker_loop
    loader_init = dataloader.DataLoader.__init__

    @functools.wraps(loader_init)
    def init(self, *args, **kwargs):
        loader_init(self, *args, **kwargs)
        try:
            key = _loader_key(self)
            context = self.multiprocessing_context
            start = context.get_start_method() if context is not None else __import__("multiprocessing").get_start_method()
            _write(f"loader-{key}.json", {"kind": "torch", "key": key, "site": _user_site(), "workers": self.num_workers, "persistent": bool(getattr(self, "persistent_workers", False)), "start": start, "dataset": type(self.dataset).__qualname__})
        except Exception:  # noqa: BLE001 - the probe never breaks the program
            pass

    dataloader.DataLoader.__init__ = init
    iterator_init = dataloader._MultiProcessingDataLoaderIter.__init__

    @functools.wraps(iterator_init)
    def start_workers(self, loader):
        key = _loader_key(loader)
        with _lock:
            _epochs[key] = _epochs.get(key, 0) + 1
            epoch = _epochs[key]
        if epoch > EPOCHS and all(count >= EPOCHS for count in _epochs.values()):
            _finish()
        context = loader.multiprocessing_context
        start = context.get_start_method() if context is not None else __import__("multiprocessing").get_start_method()
        # The workers' target, while they start: a partial of a function of this module, which spawn can pickle.
        worker._worker_loop = functools.partial(_probe_worker_loop, key, epoch, start)
        try:
            iterator_init(self, loader)
        finally:
            worker._worker_loop = _ORIGINAL_WORKER_LOOP

    dataloader._MultiProcessingDataLoaderIter.__init__ = start_workers


# ---- Keras 3 ------------------------------------------------------------------------------------

_keras_runs = {}


_KERAS = {"adapter": None, "get_index": None, "calls": 0}


def _probe_get_index(uid, i):
    """Keras's `get_index` (what a pool worker runs for a batch); after the first, the worker's fingerprint. Module-level, so that the pool can pickle it."""
    result = _KERAS["get_index"](uid, i)
    _KERAS["calls"] += 1
    if _KERAS["calls"] == 1 and _KERAS_WORKER:
        info = dict(_KERAS_WORKER)
        info["after"] = _fingerprint(_KERAS["adapter"]._SHARED_SEQUENCES[uid])
        _write(f"worker-{os.getpid()}-{info['loader']}-{info['epoch']}.json", info)
    return result


def _patch_keras(adapter):
    _KERAS["adapter"] = adapter
    _KERAS["get_index"] = adapter.get_index
    adapter.get_index = _probe_get_index
    enqueuer_init = adapter.OrderedEnqueuer.__init__

    @functools.wraps(enqueuer_init)
    def init(self, py_dataset, *args, **kwargs):
        # Known before Keras's own __init__ asks for its pool function.
        key = f"keras-{len(_keras_runs) + 1}"
        _keras_runs[id(self)] = {"key": key, "epoch": 0}
        enqueuer_init(self, py_dataset, *args, **kwargs)
        _epochs.setdefault(key, 0)
        _write(f"loader-{key}.json", {"kind": "keras", "key": key, "site": _user_site(), "workers": getattr(self, "workers", None) or getattr(py_dataset, "workers", None), "persistent": False, "start": __import__("multiprocessing").get_start_method(), "dataset": type(py_dataset).__qualname__})

    adapter.OrderedEnqueuer.__init__ = init
    executor_init = adapter.OrderedEnqueuer._get_executor_init

    def get_executor_init(self, workers):
        pool_fn = executor_init(self, workers)
        run = _keras_runs.get(id(self))
        if run is None:
            return pool_fn

        def counted(seqs):
            run["epoch"] += 1
            _epochs[run["key"]] = run["epoch"]
            if run["epoch"] > EPOCHS and all(count >= EPOCHS for count in _epochs.values()):
                _finish()
            original = adapter.init_pool_generator
            adapter.init_pool_generator = functools.partial(_keras_init, original, run["key"], run["epoch"])
            try:
                return pool_fn(seqs)
            finally:
                adapter.init_pool_generator = original

        return counted

    adapter.OrderedEnqueuer._get_executor_init = get_executor_init


_KERAS_WORKER = {}


def _keras_init(original, key, epoch, gens, random_seed=None, id_queue=None):
    original(gens, random_seed, id_queue)
    _KERAS_WORKER.update({"kind": "keras", "loader": key, "epoch": epoch, "worker": os.getpid(), "pid": os.getpid(), "start": "fork"})
    # Before any batch: every dataset the pool shares, as the worker starts with it.
    _KERAS_WORKER["before"] = {}
    for uid, dataset in (gens or {}).items():
        if dataset is not None:
            _KERAS_WORKER["before"].update(_fingerprint(dataset))


# ---- wiring -------------------------------------------------------------------------------------


def _finish():
    """Ends the program once every loader ran its epochs (the workers of the epochs before wrote their files at their first batch)."""
    _write("finished.json", {"reason": "epochs", "epochs": _epochs, "at": time.time()})
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


_PATCHES = {"torch.utils.data.dataloader": _patch_torch, "keras.src.trainers.data_adapters.py_dataset_adapter": _patch_keras}


class _Finder(importlib.abc.MetaPathFinder):
    """Patches the modules above right after they are first imported."""

    def find_spec(self, name, path, target=None):
        patch = _PATCHES.get(name)
        if patch is None:
            return None
        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(name)
        finally:
            sys.meta_path.insert(0, self)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        exec_module = loader.exec_module

        def patched(module):
            exec_module(module)
            try:
                patch(module)
            except Exception as error:  # noqa: BLE001 - a version whose internals differ: not probed
                _write(f"problem-{os.getpid()}-{name}.json", {"module": name, "error": repr(error)})

        loader.exec_module = patched
        return spec


def install():
    if not OUT or getattr(sys, "_rng_fix_probe", False):
        return
    sys._rng_fix_probe = True
    sys.meta_path.insert(0, _Finder())
