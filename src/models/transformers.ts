/**
 * Hugging Face transformers' `Trainer`, as data: it builds torch's DataLoader
 * itself (in `get_train_dataloader` / `get_eval_dataloader`) from the datasets
 * it is given, with `args.dataloader_num_workers` workers (0 by default) and
 * `args.dataloader_persistent_workers`, and passes its own `seed_worker` as
 * `worker_init_fn`. `seed_worker` seeds Python's, NumPy's and torch's global
 * RNGs from `torch.initial_seed()`, which is new in every worker and epoch; RNG
 * objects the dataset holds, and augmentation libraries' own RNGs, are not
 * reseeded. It takes no `worker_init_fn` of its own: a fix cannot add one.
 */

/** Trainer classes that build torch loaders this way (project subclasses of them too). */
export const HF_TRAINERS: ReadonlySet<string> = new Set([
  'transformers.Trainer',
  'transformers.trainer.Trainer',
  'transformers.Seq2SeqTrainer',
  'transformers.trainer_seq2seq.Seq2SeqTrainer',
]);

/** The call names of those classes, for finding their calls by name. */
export const HF_TRAINER_NAMES: readonly string[] = ['Trainer', 'Seq2SeqTrainer'];

/** `TrainingArguments` and its subclasses in transformers: the dataclass whose fields set the loaders' worker count. */
export const HF_TRAINING_ARGUMENTS: ReadonlySet<string> = new Set([
  'transformers.TrainingArguments',
  'transformers.training_args.TrainingArguments',
  'transformers.Seq2SeqTrainingArguments',
  'transformers.training_args_seq2seq.Seq2SeqTrainingArguments',
]);

/**
 * The datasets a trainer reads, each with the method that builds its loader
 * (a project subclass that overrides the method builds that loader itself,
 * in code the analysis reads), and whether that loader shuffles. Positions
 * count `Trainer(model, args, data_collator, train_dataset, eval_dataset, ...)`.
 */
export const HF_TRAINER_DATASETS: readonly { keyword: string; position: number; builtBy: string; shuffles: boolean }[] = [
  { keyword: 'train_dataset', position: 3, builtBy: 'get_train_dataloader', shuffles: true },
  { keyword: 'eval_dataset', position: 4, builtBy: 'get_eval_dataloader', shuffles: false },
];

/** Where a trainer takes its `TrainingArguments` and its collator (which runs in the workers, once per batch). */
export const HF_TRAINER_ARGUMENTS = { args: 1, data_collator: 2 } as const;

/** The `TrainingArguments` fields for the loaders' worker count and persistence. */
export const HF_WORKER_FIELDS = { numWorkers: 'dataloader_num_workers', persistentWorkers: 'dataloader_persistent_workers' } as const;

/** The word a file that configures a trainer's loaders names (`TrainingArguments`, `Seq2SeqTrainingArguments`): such files are parsed. */
export const HF_TRAINER_WORD = 'TrainingArguments';
