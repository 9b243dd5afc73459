"""Whole-document golden files for the samples.

After an intended change of output: ``python -m pytest tests/test_golden.py --update-golden``
and review the diff of tests/golden/ like any other change.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import policyparse
from policyparse.output.writers import dumps

from .conftest import ROOT, sample_paths

GOLDEN = ROOT / "tests" / "golden"


def _render(path: Path) -> str:
    doc = policyparse.parse_file(path)
    data = json.loads(dumps(doc))
    data["source"]["path"] = path.name  # the golden must not depend on where the repo lives
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem)
def test_sample_matches_golden(path: Path, update_golden: bool) -> None:
    golden = GOLDEN / f"{path.stem}.json"
    actual = _render(path)
    if update_golden:
        golden.write_text(actual, encoding="utf-8")
        pytest.skip("golden file rewritten")
    assert golden.exists(), f"no golden file for {path.name}: run with --update-golden"
    expected = golden.read_text(encoding="utf-8")
    assert actual == expected, f"{path.name} output changed; review and run --update-golden if intended"


def test_every_sample_has_a_golden_file() -> None:
    names = {p.stem for p in sample_paths()}
    goldens = {p.stem for p in GOLDEN.glob("*.json")}
    assert names and names == goldens
