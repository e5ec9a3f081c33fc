from .data import ScanDataset
from .transforms import build_transforms

__all__ = ["ScanDataset", "build_transforms"]
