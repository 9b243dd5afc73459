"""Numeric targets: fixtures in tests/fixtures/targets.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import policyparse

CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "targets.yaml").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_targets(case: dict[str, Any]) -> None:
    doc = policyparse.parse_text(case["text"], strict=False)
    got = [t.model_dump() for t in doc.all_targets()]
    expected = case["targets"]
    assert len(got) == len(expected), [(t["text"], t["value"], t["unit"]) for t in got]
    for g, e in zip(got, expected):
        assert {k: g[k] for k in e} == e
        if g["value"] is not None:
            assert g["text"] and g["span"]["end"] > g["span"]["start"]
