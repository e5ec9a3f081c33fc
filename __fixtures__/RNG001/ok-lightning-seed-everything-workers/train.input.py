import pytorch_lightning as pl
import torch
from pytorch_lightning import seed_everything

from datamodule import JitterDataModule


class Regressor(pl.LightningModule):
    def __init__(self):
        super().__init__()
        self.layer = torch.nn.Linear(8, 1)

    def training_step(self, batch, batch_idx):
        return self.layer(batch).pow(2).mean()

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), lr=0.1)


if __name__ == "__main__":
    seed_everything(42, workers=True)
    trainer = pl.Trainer(max_epochs=3, deterministic=True)
    trainer.fit(Regressor(), datamodule=JitterDataModule())
