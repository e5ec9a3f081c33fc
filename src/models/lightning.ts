/** PyTorch Lightning, as data: `seed_everything(..., workers=True)` gives every loader without a `worker_init_fn` Lightning's own per-worker seeding. */

export const LIGHTNING_SEED_EVERYTHING = /^(lightning|pytorch_lightning|lightning_fabric|lightning\.fabric|lightning\.pytorch)(\.[\w.]+)?\.seed_everything$/;
