import albumentations as A
import cv2
from torch.utils.data import DataLoader, Dataset


class LeafDataset(Dataset):
    def __init__(self, paths):
        self.paths = paths
        # albumentations 1.4.20 draws from NumPy's and Python's global RNGs,
        # which torch reseeds in every worker.
        self.transform = A.Compose([A.RandomResizedCrop(height=224, width=224), A.HorizontalFlip()])

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, index):
        image = cv2.cvtColor(cv2.imread(self.paths[index]), cv2.COLOR_BGR2RGB)
        return self.transform(image=image)["image"]


loader = DataLoader(LeafDataset(["a.jpg", "b.jpg"]), batch_size=32, num_workers=4)
