from torch.utils.data import DataLoader

from .loader import TransformedPoints


class Pipeline:
    def __init__(self, model, workers=2):
        self.model = model
        self.workers = workers

    def run_train(self, points):
        model = self.model
        split = TransformedPoints(points, transform=model.transform)
        loader = DataLoader(split, batch_size=2, num_workers=self.workers)
        for batch in loader:
            pass
