"""Old import paths, kept for existing configs: the bases under their former names."""
from base import (  # the (  renamed ) base
    BaseSet as Source,
)

__all__ = ["Source"]
