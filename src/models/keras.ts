/** Keras (3, and tf.keras 2), as data: the dataset classes whose `__getitem__` a multiprocessing pool runs, and the calls that run them. */

export const KERAS_SEQUENCES: ReadonlySet<string> = new Set([
  'keras.utils.Sequence',
  'keras.utils.PyDataset',
  'keras.utils.data_utils.Sequence',
  'keras.src.utils.data_utils.Sequence',
  'keras.src.trainers.data_adapters.py_dataset_adapter.PyDataset',
  'tensorflow.keras.utils.Sequence',
  'tensorflow.keras.utils.PyDataset',
  'tensorflow.python.keras.utils.data_utils.Sequence',
  'tf_keras.utils.Sequence',
]);

/** Model methods that take `use_multiprocessing=` and `workers=` (Keras 2; Keras 3 takes them in the `PyDataset` constructor). */
export const KERAS_RUN_METHODS: ReadonlySet<string> = new Set(['fit', 'fit_generator', 'evaluate', 'evaluate_generator', 'predict', 'predict_generator']);
