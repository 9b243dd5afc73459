"""What a marker kind does is said by its attributes in markers.yaml, never by its name:
renaming kinds in an overlay grammar (``--grammar``) changes the kind names in the output
and nothing else. The line and node kinds of the parser's own are str Enums, written to
JSON as their plain values."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from policyparse.check.engine import check_file
from policyparse.check.registry import all_rules
from policyparse.errors import EXIT_CODES, GrammarError
from policyparse.grammar import builtin_grammar_dir, load_grammar
from policyparse.output.writers import dumps
from policyparse.parse.kinds import LineKind, NodeKind
from policyparse.parse.lexer import classify
from policyparse.parse.pipeline import parse_file, parse_source
from policyparse.read import load_bytes

from .conftest import ROOT, sample_paths

# An invented notice: an attachment list (附件：1．X then 2．Y), GB/T 9704 headings, then a
# decimal outline (1 总则 / 1.1 / 1.2.1) under a heading.
NOTICE = """关于印发某某市数字化转型工作方案的通知

各区人民政府，市政府各部门：
现将《某某市数字化转型工作方案》印发给你们，请认真贯彻执行。

附件：1．某某市数字化转型工作方案
2．重点任务分工表

某某市人民政府办公室
2024年3月1日

一、总体要求
（一）工作目标。到2025年，建成数据中心3个。（牵头单位：市发展改革委）
1．推进数据共享。（责任单位：市数据局）
2．完善基础设施。
二、技术规范
1 总则
1.1 适用范围
本方案适用于全市政务系统。
1.2 基本原则
1.2.1 安全可控
1.2.2 开放共享
2 建设内容
2.1 数据平台
"""

# 附件： alone, then the attachments numbered (1) (2) on the lines below
PAREN_LIST = """关于做好某某工作的通知

附件：
(1)某某工作实施细则
(2)某某工作进度表

一、工作任务
（一）加强统筹。做好工作。
"""


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYPARSE_CACHE_DIR", str(tmp_path / "cache"))


def _builtin_kinds() -> list[dict[str, Any]]:
    return yaml.safe_load((builtin_grammar_dir() / "markers.yaml").read_text(encoding="utf-8"))["kinds"]


def _overlay(tmp_path: Path, kinds: list[dict[str, Any]], name: str = "overlay.yaml") -> str:
    """An overlay whose kind list comes first (the built-in kinds it leaves out follow it)."""
    p = tmp_path / name
    # JSON is YAML
    p.write_text(json.dumps({"markers": {"kinds": kinds}}, ensure_ascii=False), encoding="utf-8")
    return str(p)


def _renamed(rename: dict[str, str]) -> list[dict[str, Any]]:
    return [{**k, "name": rename.get(k["name"], k["name"])} for k in _builtin_kinds()]


def _headings(doc: Any) -> list[tuple[int, int, str, str]]:
    return [(n.line, n.depth, n.kind, n.marker) for n in doc.iter_nodes() if n.marker is not None]


def _parse(text: str, grammar: Any = None) -> Any:
    return parse_source(load_bytes(text.encode("utf-8"), "n.txt"), grammar or load_grammar())


def test_the_invented_notice_parses_as_intended() -> None:
    assert _headings(_parse(NOTICE)) == [
        (12, 1, "cn_dun", "一、"), (13, 2, "cn_paren", "（一）"), (14, 3, "arabic_dot", "1．"),
        (15, 3, "arabic_dot", "2．"), (16, 1, "cn_dun", "二、"), (17, 2, "decimal0", "1"),
        (18, 3, "decimal1", "1.1"), (20, 3, "decimal1", "1.2"), (21, 4, "decimal2", "1.2.1"),
        (22, 4, "decimal2", "1.2.2"), (23, 2, "decimal0", "2"), (24, 3, "decimal1", "2.1")]


def test_renaming_every_kind_changes_only_the_kind_names(tmp_path: Path) -> None:
    names = [k["name"] for k in _builtin_kinds()]
    g = load_grammar(_overlay(tmp_path, _renamed({n: f"x_{n}" for n in names})))
    notice = tmp_path / "n.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    for path in [notice, *sample_paths()]:
        plain = dumps(parse_file(path, load_grammar()))
        renamed = dumps(parse_file(path, g))
        assert '"kind": "x_' in renamed, path
        assert renamed.replace('"kind": "x_', '"kind": "') == plain, path


def test_a_renamed_decimal_outline_still_nests(tmp_path: Path) -> None:
    g = load_grammar(_overlay(tmp_path, _renamed({"decimal": "outline"})))
    got = _headings(_parse(NOTICE, g))
    assert [h for h in got if h[2].startswith("outline")] == [
        (17, 2, "outline0", "1"), (18, 3, "outline1", "1.1"), (20, 3, "outline1", "1.2"),
        (21, 4, "outline2", "1.2.1"), (22, 4, "outline2", "1.2.2"), (23, 2, "outline0", "2"),
        (24, 3, "outline1", "2.1")]


def test_a_renamed_list_item_kind_still_reads_attachment_lists(tmp_path: Path) -> None:
    g = load_grammar(_overlay(tmp_path, _renamed({"arabic_dot": "numbered", "arabic_paren": "paren_numbered"})))
    for text, listing_ends in ((NOTICE, 8), (PAREN_LIST, 6)):
        assert [h for h in _headings(_parse(text, g)) if h[0] < listing_ends] == []  # its items are no headings
    assert _parse(NOTICE, g).meta.attachments == _parse(NOTICE).meta.attachments


def test_list_item_says_which_kinds_number_attachment_lists(tmp_path: Path) -> None:
    kinds = [{**k, "list_item": False} for k in _builtin_kinds()]
    g = load_grammar(_overlay(tmp_path, kinds))
    assert [h[:3] for h in _headings(_parse(NOTICE, g)) if h[0] < 8] == [(7, 1, "arabic_dot")]
    assert [h[:3] for h in _headings(_parse(PAREN_LIST, g)) if h[0] < 6] == [
        (4, 1, "arabic_paren"), (5, 1, "arabic_paren")]


def test_family_makes_kinds_neighbours_in_sequence(tmp_path: Path) -> None:
    # 1.1 needs a neighbour in sequence: here only its parent 1．, a kind of the same family
    text = "一、总体要求\n1．总则\n1.1 适用范围\n本方案适用于全市。\n"
    assert [h[2] for h in _headings(_parse(text))] == ["cn_dun", "arabic_dot", "decimal1"]
    kinds = [{**k, "family": k["name"]} if k["name"] == "arabic_dot" else k for k in _builtin_kinds()]
    g = load_grammar(_overlay(tmp_path, kinds))
    assert [h[2] for h in _headings(_parse(text, g))] == ["cn_dun", "arabic_dot"]


def test_an_outline_top_stands_only_with_its_first_child() -> None:
    # 1 总则 heads an outline only where its 1.1 follows: a table's row number reads the same
    assert [h[2] for h in _headings(_parse("1 总则\n1.1 适用范围\n"))] == ["decimal0", "decimal1"]
    assert _headings(_parse("1 总则\n2 附则\n")) == []


def test_a_kind_named_like_an_outline_level_is_refused(tmp_path: Path) -> None:
    kinds = [{**k, "name": "decimal1"} if k["name"] == "circled" else k for k in _builtin_kinds()]
    with pytest.raises(GrammarError, match="decimal1"):
        load_grammar(_overlay(tmp_path, kinds))


def test_an_unknown_numeral_is_refused(tmp_path: Path) -> None:
    kinds = [{**k, "numeral": "roman"} if k["name"] == "latin_paren" else k for k in _builtin_kinds()]
    with pytest.raises(GrammarError, match="numeral"):
        load_grammar(_overlay(tmp_path, kinds))


def test_renaming_through_the_command_line(tmp_path: Path) -> None:
    notice = tmp_path / "n.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    over = _overlay(tmp_path, _renamed({"decimal": "outline", "arabic_dot": "numbered"}))
    proc = subprocess.run([sys.executable, "-m", "policyparse", "extract", str(notice), "--grammar", over],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    second = json.loads(proc.stdout)["children"][2]  # preamble, 一、, 二、
    assert (second["marker"], [c["kind"] for c in second["children"]]) == ("二、", ["outline0", "outline0"])
    assert [c["kind"] for c in second["children"][0]["children"]] == ["outline1", "outline1"]


def test_a_bad_overlay_kind_is_a_grammar_error_on_the_command_line(tmp_path: Path) -> None:
    over = _overlay(tmp_path, [{**k, "outline": "sometimes"} if k["name"] == "decimal" else k
                               for k in _builtin_kinds()])
    args = [sys.executable, "-m", "policyparse", "extract", str(sample_paths()[0]), "--grammar", over]
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == EXIT_CODES["grammar"] and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and proc.stdout == ""


def test_line_kinds_are_enum_members() -> None:
    tokens = classify(load_bytes(NOTICE.encode("utf-8"), "n.txt"), load_grammar())
    assert {type(t.kind) for t in tokens} == {LineKind}
    assert {t.kind for t in tokens} == {LineKind.BLANK, LineKind.PARA, LineKind.HEADING}


def test_node_kinds_are_written_as_plain_strings() -> None:
    doc = _parse(NOTICE + "附件1\n某某市数字化转型工作方案\n")
    kinds = {n.kind for n in doc.iter_nodes()}
    assert {type(k) for k in kinds} == {str}  # the JSON writer looks types up exactly
    assert {NodeKind.PREAMBLE, NodeKind.PARAGRAPH, NodeKind.APPENDIX} <= kinds
    data = json.loads(dumps(doc))
    assert data["children"][0]["kind"] == "preamble" == NodeKind.PREAMBLE
    assert f"{NodeKind.TABLE_ROW}" == "table_row" and str(LineKind.HEADING) == "heading"


def test_check_ranks_outline_levels_as_the_tree_does(tmp_path: Path) -> None:
    # 1.1 written before its outline's first 1: the level-1 kind stands at the top beside the
    # more senior level 0, as （一） before the first 一、 does (PP104 heading-depth)
    notice = tmp_path / "d.txt"
    notice.write_text("1.1 范围\n本规范规定了数据平台的建设要求。\n1 总则\n1.1 适用范围\n本方案适用于全市政务系统。\n"
                      "1.2 基本原则\n", encoding="utf-8")
    found = [(f.code, f.line) for f in check_file(str(notice), load_grammar(), all_rules())]
    assert ("PP104", 4) in found and ("PP104", 6) in found
