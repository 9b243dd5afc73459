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
    got = [t.to_dict() for t in doc.all_targets()]
    expected = case["targets"]
    assert len(got) == len(expected), [(t["text"], t["value"], t["unit"]) for t in got]
    for g, e in zip(got, expected):
        assert {k: g[k] for k in e} == e
        if g["value"] is not None:
            assert g["text"] and g["span"]["end"] > g["span"]["start"]


def test_a_section_reviewing_past_work_reports_no_targets() -> None:
    text = ("政府工作报告\n——2024年1月16日在某市人民代表大会上\n各位代表：\n"
            "一、2023年工作回顾\n全市地区生产总值增长6.3%，新增市场主体5万户。\n"
            "二、2024年重点工作\n地区生产总值增长7%左右，新增市场主体6万户。\n")
    doc = policyparse.parse_text(text)
    got = [(t.line, t.value) for t in doc.all_targets()]
    assert got == [(7, 7), (7, 6)]


def test_an_undated_report_reviews_the_years_before_its_headings_latest() -> None:
    text = ("各位代表：\n一、2023年工作回顾\n全市地区生产总值增长5.7%。\n"
            "二、2024年重点工作\n地区生产总值增长5.5%左右。\n")
    got = [(t.line, t.value) for t in policyparse.parse_text(text).all_targets()]
    assert got == [(5, 5.5)]


def test_a_review_under_an_unnumbered_caption_reports_no_targets() -> None:
    text = ("各位代表：\n2023年工作回顾\n一、社会大局和谐稳定\n全市地区生产总值增长6%。\n"
            "2024年重点工作\n一、稳增长\n地区生产总值增长5.5%左右。\n")
    got = [(t.line, t.value) for t in policyparse.parse_text(text).all_targets()]
    assert got == [(7, 5.5)]
