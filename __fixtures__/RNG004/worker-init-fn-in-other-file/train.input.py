from torch.utils.data import DataLoader, TensorDataset

import torch

from seeding import worker_init_fn

dataset = TensorDataset(torch.arange(16))
loader = DataLoader(dataset, num_workers=4, worker_init_fn=worker_init_fn)
