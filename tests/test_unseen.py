"""The parser against hand-annotated notices it was not tuned on (tests/fixtures/unseen).

Each ``*.txt`` there has a ``*.gold.json`` in the format of ../shared/gold (SPEC.md). They
stand in for the hidden evaluation: other provinces, ministries and cities, task tables,
label lines, regulations without clauses, traditional characters, web copies with ASCII
numbering, first-listed-lead declarations, numbers that are not targets. The scoring is the
shared scorer's own (imported by path, in-process); without it the test is skipped.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from policyparse.pipeline import parse_file
from policyparse.writers import document_dict

from .conftest import ROOT, SHARED

UNSEEN = ROOT / "tests" / "fixtures" / "unseen"
SCORER = SHARED / "eval" / "score.py"
BAR = 0.9
METRICS = ("headings", "assignments", "deadlines", "targets", "meta")


def _scorer():
    spec = importlib.util.spec_from_file_location("_shared_score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval/score.py not present")
def test_unseen_notices_meet_the_bar() -> None:
    sc = _scorer()
    metrics = {k: sc.PRF() for k in ("headings", "heading_lines", *METRICS[1:])}
    errors: list = []
    gold_files = sorted(UNSEEN.glob("*.gold.json"))
    assert gold_files, "no unseen gold files"
    for gf in gold_files:
        gold = json.loads(gf.read_text(encoding="utf-8"))
        pred = document_dict(parse_file(UNSEEN / gold["doc"]))
        sc.score_doc(gold, pred, metrics, errors, gold["doc"])
    low = {k: round(metrics[k].f1, 3) for k in METRICS if metrics[k].f1 < BAR}
    shown = "\n".join(" ".join(map(str, e)) for e in errors[:40])
    assert not low, f"below {BAR}: {low}\n{shown}"
