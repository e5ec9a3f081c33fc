from torch.utils.data import Dataset


class ScanDataset(Dataset):
    def __init__(self, scans, transforms=()):
        self.scans = scans
        self.transforms = list(transforms)

    def __len__(self):
        return len(self.scans)

    def __getitem__(self, index):
        scan = self.scans[index]
        for t in self.transforms:
            scan = t(scan)
        return scan
