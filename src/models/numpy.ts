/** NumPy's random module, as data: its global RNG's draws and seeding, and the RNG objects it makes. */

/** Functions of `numpy.random` that draw from the global RandomState. */
export const NUMPY_GLOBAL_DRAWS: ReadonlySet<string> = new Set([
  'beta', 'binomial', 'bytes', 'chisquare', 'choice', 'dirichlet', 'exponential', 'f', 'gamma', 'geometric',
  'gumbel', 'hypergeometric', 'laplace', 'logistic', 'lognormal', 'logseries', 'multinomial',
  'multivariate_normal', 'negative_binomial', 'noncentral_chisquare', 'noncentral_f', 'normal', 'pareto',
  'permutation', 'poisson', 'power', 'rand', 'randint', 'randn', 'random', 'random_integers', 'random_sample',
  'ranf', 'rayleigh', 'sample', 'shuffle', 'standard_cauchy', 'standard_exponential', 'standard_gamma',
  'standard_normal', 'standard_t', 'triangular', 'uniform', 'vonmises', 'wald', 'weibull', 'zipf',
]);

export const NUMPY_RNG_CONSTRUCTORS = {
  'numpy.random.default_rng': 'numpy-generator',
  'numpy.random.Generator': 'numpy-generator',
  'numpy.random.RandomState': 'numpy-random-state',
  'numpy.random.mtrand.RandomState': 'numpy-random-state',
} as const;

export const NUMPY_SEED_FUNCTIONS = { 'numpy.random.seed': 'numpy' } as const;

/** Values drawn from NumPy's state as a worker finds it: the parent's (torch < 1.9) or torch's array seeding (>= 1.9), the same in every worker. */
export const NUMPY_PARENT_STATE_CALLS = /^numpy\.random\.(get_state|randint|rand|random|integers|choice)$/;
