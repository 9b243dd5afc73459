"""Values more than one stage uses, defined once."""

from __future__ import annotations

VERSION = "0.1.0"  # policyparse.__version__; pyproject.toml states it too (a test holds them equal)

# the largest input read (--max-bytes): a file, or the unpacked parts of a .docx
DEFAULT_MAX_BYTES = 16 * 1024 * 1024
