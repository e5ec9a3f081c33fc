"""A small config-driven segmentation toolkit."""
