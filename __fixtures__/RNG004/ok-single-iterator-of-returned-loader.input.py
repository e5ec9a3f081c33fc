import random

import numpy as np
import torch
from torch.utils.data import IterableDataset


def _worker_init_fn(worker_id):
    # Distinct per worker; seeded once, as the run keeps a single iterator.
    seed = np.random.get_state()[1][0] + worker_id
    np.random.seed(seed)
    random.seed(seed)


class ReplayBuffer(IterableDataset):
    def __init__(self, episodes):
        self.episodes = episodes

    def __iter__(self):
        while True:
            episode = self.episodes[np.random.randint(len(self.episodes))]
            yield episode[random.randrange(len(episode))]


def make_replay_loader(episodes, batch_size, num_workers):
    loader = torch.utils.data.DataLoader(ReplayBuffer(episodes), batch_size=batch_size, num_workers=num_workers, worker_init_fn=_worker_init_fn)
    return loader


class Workspace:
    def __init__(self, cfg):
        self.replay_loader = make_replay_loader(cfg.episodes, cfg.batch_size, cfg.replay_buffer_num_workers)
        self._replay_iter = None

    @property
    def replay_iter(self):
        if self._replay_iter is None:
            self._replay_iter = iter(self.replay_loader)
        return self._replay_iter

    def train(self, steps):
        for step in range(steps):
            batch = next(self.replay_iter)
