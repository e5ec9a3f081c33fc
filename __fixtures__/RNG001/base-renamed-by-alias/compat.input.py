"""Old import path, kept for existing configs: the base under its former name."""
from base import BaseSet as Source

__all__ = ["Source"]
