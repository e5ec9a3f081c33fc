from sklearn.utils import check_random_state
from torch.utils.data import DataLoader, Dataset


class RandomCrops(Dataset):
    def __init__(self, images, size=32):
        self.images = images
        self.size = size
        # None gives NumPy's global RNG, which torch reseeds in every worker.
        self.random_state = check_random_state(None)

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        image = self.images[index]
        top = self.random_state.randint(0, len(image) - self.size + 1)
        return image[top : top + self.size]


loader = DataLoader(RandomCrops([list(range(64))] * 8), batch_size=2, num_workers=4)
