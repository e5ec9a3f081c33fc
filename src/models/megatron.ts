/**
 * Megatron-Core's datasets (NeMo builds its GPT datasets on them), as data.
 * `MegatronDataset` is a torch `Dataset`; `GPTDataset.__getitem__` asks the
 * subclass for every item through `_query_document_sample_shuffle_indices`,
 * so a project subclass's override runs in the workers.
 */
export const MEGATRON_DATASETS: readonly string[] = [
  'megatron.core.datasets.megatron_dataset.MegatronDataset',
  'megatron.core.datasets.gpt_dataset.GPTDataset',
];

export const MEGATRON_ITEM_METHODS = {
  bases: new Set(['megatron.core.datasets.gpt_dataset.GPTDataset']) as ReadonlySet<string>,
  methods: ['_query_document_sample_shuffle_indices'] as readonly string[],
};
