"""The parser against hand-annotated notices kept in the repository (tests/fixtures/unseen).

Each ``*.txt`` there has a ``*.gold.json`` in the format of ../shared/gold/SPEC.md. They were
written alongside the parser, so they are a regression net, not the accuracy figure (that is
tests/test_real_notices.py). Scored with the project's own scorer (tests/scoring.py), so the
test runs everywhere, ../shared or not.
"""

from __future__ import annotations

import json

from policyparse.parse.pipeline import parse_file

from .conftest import ROOT
from .scoring import METRICS, Score, score

UNSEEN = ROOT / "tests" / "fixtures" / "unseen"
BAR = 0.99


def test_unseen_notices_meet_the_bar() -> None:
    s = Score()
    gold_files = sorted(UNSEEN.glob("*.gold.json"))
    assert len(gold_files) >= 44, "unseen gold files are missing"
    for gf in gold_files:
        gold = json.loads(gf.read_text(encoding="utf-8"))
        score(gold, parse_file(UNSEEN / gold["doc"]).to_dict(), s)
    low = {k: v for k, v in s.f1().items() if v < BAR}
    shown = "\n".join(" ".join(map(str, e)) for e in s.errors[:40])
    assert not low, f"below {BAR}: {low}\n{shown}"
    assert set(s.f1()) == set(METRICS)
