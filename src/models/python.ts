/** Python's standard library, as data: `random`, entropy and the clock, processes, and the calls the value flow knows. */

/** Functions of Python's `random` module that draw from its global instance. */
export const PYTHON_GLOBAL_DRAWS: ReadonlySet<string> = new Set([
  'betavariate', 'binomialvariate', 'choice', 'choices', 'expovariate', 'gammavariate', 'gauss', 'getrandbits',
  'lognormvariate', 'normalvariate', 'paretovariate', 'randbytes', 'randint', 'random', 'randrange', 'sample',
  'shuffle', 'triangular', 'uniform', 'vonmisesvariate', 'weibullvariate',
]);

export const PYTHON_RNG_CONSTRUCTORS = { 'random.Random': 'python-random' } as const;

export const PYTHON_SEED_FUNCTIONS = { 'random.seed': 'python' } as const;

/** Calls whose value is new in every worker and epoch: entropy, the process id, and Python's `random` (which torch reseeds per worker). */
export const PYTHON_FRESH_CALLS: readonly string[] = ['os.getpid', 'os.urandom', 'secrets.randbits', 'secrets.randbelow', 'secrets.token_bytes', 'uuid.uuid4', 'random.getrandbits', 'random.randint', 'random.random', 'random.randrange'];

/** The clock: workers that start within the same tick read the same value. */
export const CLOCK_CALLS: ReadonlySet<string> = new Set(['time.time', 'time.time_ns', 'time.perf_counter', 'time.perf_counter_ns', 'time.monotonic', 'time.monotonic_ns', 'datetime.datetime.now', 'datetime.datetime.utcnow']);

/** How code asks which (worker) process it runs in. */
export const PROCESS_IDENTITY_CALLS: readonly string[] = ['multiprocessing.parent_process', 'multiprocessing.current_process'];

/** Library calls that return (a copy of) one of their arguments' values or its elements. */
export const CONTAINER_BUILDERS: ReadonlySet<string> = new Set(['list', 'tuple', 'set', 'sorted', 'reversed', 'iter', 'frozenset']);
export const IDENTITY_CALLS: ReadonlySet<string> = new Set(['copy.copy', 'copy.deepcopy']);
export const PARTIAL = 'functools.partial';
/** `dataclasses.field(default_factory=f)`: an instance's attribute is what `f()` returns (or the `default`). */
export const DATACLASS_FIELD = 'dataclasses.field';
