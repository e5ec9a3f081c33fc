# README: imitates a config-driven semantic-segmentation toolkit (registries of
# datasets and pipeline transforms built from dict configs, build_dataloader
# with a partial worker_init_fn).
from configs import toy_seg as cfg
from segkit import datasets  # noqa: F401  (registers the datasets)
from segkit.builder import build_dataloader, build_dataset


def main():
    dataset = build_dataset(cfg.data["train"])
    loader = build_dataloader(
        dataset,
        cfg.data["samples_per_gpu"],
        cfg.data["workers_per_gpu"],
        seed=cfg.seed,
    )
    for epoch in range(2):
        for batch in loader:
            pass


if __name__ == "__main__":
    main()
