from torch.utils.data import Dataset


class ScanDataset(Dataset):
    def __init__(self, scans, transform=None):
        self.scans = scans
        self.transform = transform

    def __len__(self):
        return len(self.scans)

    def __getitem__(self, index):
        scan = self.scans[index]
        if self.transform is not None:
            scan = self.transform(scan)
        return scan
