"""Heading markers, titles and depth: fixtures in tests/fixtures/structure.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import policyparse
from policyparse.output.document import Node
from policyparse.text.numerals import chinese_to_int, enclosed_to_int

from .conftest import sample_paths

CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "structure.yaml").read_text(encoding="utf-8"))["cases"]


def _walk(nodes: list[Node], numbered: int, heading_line: int | None, out: dict[str, Any]) -> None:
    for n in nodes:
        is_heading = bool(n.marker)
        if is_heading:
            out["headings"].append([n.line, numbered + 1, n.marker, n.title])
            out["nodes"][n.line] = n
        else:
            out["owner"].setdefault(n.line, heading_line)
        _walk(n.children, numbered + 1 if is_heading else numbered, n.line if is_heading else heading_line, out)


def _collect(text: str) -> dict[str, Any]:
    doc = policyparse.parse_text(text, strict=False)
    out: dict[str, Any] = {"headings": [], "nodes": {}, "owner": {}}
    _walk(doc.children, 0, None, out)
    return out


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_structure(case: dict[str, Any]) -> None:
    got = _collect(case["text"])
    expected = [[h[0], h[1], str(h[2]), h[3]] for h in case["headings"]]
    assert got["headings"] == expected
    for line, number in (case.get("numbers") or {}).items():
        assert got["nodes"][line].number == number, f"number of line {line}"
    for line, kind in (case.get("kinds") or {}).items():
        assert got["nodes"][line].kind == kind, f"kind of line {line}"
    for line, owner in (case.get("owners") or {}).items():
        assert got["owner"].get(line) == owner, f"owner of line {line}"
    for line, end in (case.get("end_lines") or {}).items():
        assert got["nodes"][line].end_line == end, f"end_line of line {line}"


NUMERALS = [
    ("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("二十一", 21), ("九十九", 99), ("一百", 100),
    ("一百零一", 101), ("一百一十", 110), ("两", 2), ("两千", 2000), ("二〇一六", 2016), ("一〇", 10),
    ("三千零五", 3005), ("一万二千", 12000), ("廿", 20), ("廿一", 21), ("卅", 30), ("", None), ("12", 12),
    ("甲", None), ("二十五", 25), ("九百九十九", 999), ("壹拾贰", 12),
]


@pytest.mark.parametrize("text,value", NUMERALS, ids=[f"{t or 'empty'}" for t, _ in NUMERALS])
def test_chinese_numerals(text: str, value: int | None) -> None:
    assert chinese_to_int(text) == value


ENCLOSED = [("①", 1), ("⑳", 20), ("⑴", 1), ("⒇", 20), ("⒈", 1), ("㈠", 1), ("㈩", 10), ("㉑", 21), ("❶", 1), ("A", None)]


@pytest.mark.parametrize("ch,value", ENCLOSED, ids=[c for c, _ in ENCLOSED])
def test_enclosed_numerals(ch: str, value: int | None) -> None:
    assert enclosed_to_int(ch) == value


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem)
def test_every_line_with_text_is_a_node(path) -> None:
    """No line of the notice is lost from the tree: each one that holds text is a heading,
    box or appendix node, or a paragraph, table-row or label node of its own (the first line
    of the preamble included)."""
    doc = policyparse.parse_file(path, strict=False)
    lines = path.read_text(encoding="utf-8").splitlines()
    have = {n.line for n in doc.iter_nodes()}
    missing = [k for k, text in enumerate(lines, 1) if text.strip() and k not in have]
    assert not missing, missing[:5]
    preamble = doc.children[0]
    assert preamble.kind == "preamble" and preamble.children[0].line == preamble.line
