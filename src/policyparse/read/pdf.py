"""Reading a pdf file (to be written)."""

from __future__ import annotations

from ..errors import UnsupportedFormat
from . import Converted


def convert(data: bytes, path: str | None, max_bytes: int) -> Converted:
    raise UnsupportedFormat("pdf files are not read yet", path)
