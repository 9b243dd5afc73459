"""The committed JSON Schema is the one the document classes generate, and outputs validate against it."""

from __future__ import annotations

import json

import jsonschema
import pytest

import policyparse
from policyparse.output.document import Document
from policyparse.output.schema import json_schema
from policyparse.output.writers import dumps

from .conftest import ROOT, sample_paths

SCHEMA_FILE = ROOT / "document.schema.json"


def test_committed_schema_matches_the_models() -> None:
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == json_schema(), (
        "document classes changed: regenerate with `policyparse schema -o document.schema.json`"
    )


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem)
def test_sample_output_validates(path) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    data = json.loads(dumps(policyparse.parse_file(path)))
    jsonschema.validate(data, schema)
    assert Document.from_dict(data).to_dict() == data
