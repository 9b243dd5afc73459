"""policyparse: Chinese government policy notices → validated, structured data.

>>> import policyparse
>>> doc = policyparse.parse_text("一、总体要求\\n（一）加强统筹。做好工作。（牵头单位：省发展改革委）\\n")
>>> doc.children[0].children[0].assignments[0].lead
['省发展改革委']

Names are imported on first use, so ``policyparse --help`` does not pay for the parser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .constants import VERSION as __version__

_LAZY = {
    "parse_text": "parse.pipeline",
    "parse_bytes": "parse.pipeline",
    "parse_file": "parse.pipeline",
    "Document": "output.document",
    "Node": "output.document",
    "Assignment": "output.document",
    "Target": "output.document",
    "Department": "output.document",
    "Deadline": "output.document",
    "Meta": "output.document",
    "SCHEMA_VERSION": "output.document",
    "json_schema": "output.schema",
    "PolicyParseError": "errors",
}

if TYPE_CHECKING:  # pragma: no cover
    from .errors import PolicyParseError
    from .output.document import SCHEMA_VERSION, Assignment, Deadline, Department, Document, Meta, Node, Target
    from .output.schema import json_schema
    from .parse.pipeline import parse_bytes, parse_file, parse_text


def __getattr__(name: str) -> Any:
    mod = _LAZY.get(name)
    if mod is None:
        raise AttributeError(f"module 'policyparse' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{mod}", __name__), name)
    globals()[name] = value
    return value


__all__ = ["__version__", *_LAZY]
