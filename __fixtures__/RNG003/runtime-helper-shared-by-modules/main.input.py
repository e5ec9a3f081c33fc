from batches import NoisyBatches


def make_dataset(workers, use_multiprocessing):
    return NoisyBatches(workers=workers, use_multiprocessing=use_multiprocessing)
