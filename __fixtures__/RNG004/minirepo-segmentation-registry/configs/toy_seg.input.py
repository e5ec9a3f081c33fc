train_pipeline = [
    dict(type="RandomFlip", prob=0.5, seed=0),
    dict(type="PhotoMetricDistortion"),
]
data = dict(
    samples_per_gpu=4,
    workers_per_gpu=2,
    train=dict(type="ToySegDataset", pipeline=train_pipeline, num_samples=16),
)
seed = 2023
