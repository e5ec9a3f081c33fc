/**
 * scikit-learn, as data: `check_random_state(seed)` makes a new NumPy
 * RandomState for an int seed, returns a RandomState it is given, and returns
 * NumPy's global RNG for None (which torch >= 1.9 reseeds in workers).
 */
export const SKLEARN_RNG_CONSTRUCTORS = {
  'sklearn.utils.check_random_state': 'numpy-random-state',
  'sklearn.utils.validation.check_random_state': 'numpy-random-state',
} as const;

/** Of the RNG constructors, those that give NumPy's global RNG for a missing or None seed, and pass an RNG object through. */
export const GLOBAL_RNG_FOR_NONE: ReadonlySet<string> = new Set(Object.keys(SKLEARN_RNG_CONSTRUCTORS));
