# No __init__.py in src/, src/utils or src/data: the scripts run with src/ on the path.
from torch.utils.data import DataLoader, Dataset
from utils import utils


class SignalDataset(Dataset):
    def __init__(self, signals):
        self.signals = signals

    def __len__(self):
        return len(self.signals)

    def __getitem__(self, index):
        return utils.random_shift(self.signals[index])


def make_loader(signals, workers=4):
    return DataLoader(SignalDataset(signals), batch_size=16, num_workers=workers)
