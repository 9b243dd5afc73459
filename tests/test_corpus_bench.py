"""benchmarks/corpus.py on two notices written here (never the shared corpus): its proxies
count what they should."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from .conftest import ROOT

READ = "一、总体要求\n（一）加强统筹。做好工作。（牵头单位：省发展改革委；配合单位：省财政厅）\n"
# a bracket that says 负责 but is no clause: the parser leaves it, the proxy reports it
MISSED = "一、总体要求\n（一）完善制度。研究出台配套办法（具体办法由有关方面负责研究，另行通知）。\n"


@pytest.fixture(scope="module")
def corpus():
    spec = importlib.util.spec_from_file_location("corpus_bench", ROOT / "benchmarks" / "corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_proxies_count_a_read_and_a_missed_clause(corpus, tmp_path: Path, capsys) -> None:
    (tmp_path / "read.txt").write_text(READ, encoding="utf-8")
    (tmp_path / "missed.txt").write_text(MISSED, encoding="utf-8")
    assert corpus.main(["--no-default", str(tmp_path), str(tmp_path / "absent"), "--json"]) == 0
    out = capsys.readouterr()
    assert "absent: no such folder" in out.err
    report = json.loads(out.out)
    rows = {Path(r["path"]).name: r for r in report["notices"]}
    read, missed = rows["read.txt"], rows["missed.txt"]
    assert (read["exit"], read["headings"], read["clauses"], read["missed_clauses"], read["false_names"]) \
        == (0, 2, 1, [], [])
    assert (missed["exit"], missed["clauses"]) == (0, 0)
    assert [(h["line"], h["text"]) for h in missed["missed_clauses"]] == [(2, "（具体办法由有关方面负责研究，另行通知）")]
    tot = report["totals"]
    assert (tot["notices"], tot["exit_nonzero"], tot["clauses"], tot["missed_clauses"], tot["false_names"]) \
        == (2, 0, 1, 1, 0)


def test_false_names_read_prose_not_organs(corpus) -> None:
    for organ in ("省发展改革委", "市委组织部", "国家发展和改革委员会", "各县（市、区）", "省推进工业互联网创新发展专项工作组"):
        assert corpus.name_reasons(organ) == [], organ
    assert corpus.name_reasons("全国总工会等和各省级人民政府") == ["prose word 和"]
    reasons = corpus.name_reasons("加强统筹，做好工作")
    assert reasons[0] == "punctuation ，" and "prose word 加强/做好" in reasons
    assert reasons[-1].startswith("ends in")
    hits = corpus.false_names([{"line": 7, "lead": ["省财政厅"], "support": ["要做好的工作"], "responsible": [],
                                "departments": []}])
    assert [(h["line"], h["role"], h["name"]) for h in hits] == [(7, "support", "要做好的工作")]
