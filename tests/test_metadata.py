"""Notice metadata: fixtures in tests/fixtures/metadata.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import policyparse
from policyparse.layers.metadata import parse_date

CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "metadata.yaml").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_metadata(case: dict[str, Any]) -> None:
    meta = policyparse.parse_text(case["text"], strict=False).meta.to_dict()
    expected = case["meta"]
    assert {k: meta[k] for k in expected} == expected


DATES = [
    ("2016年4月1日", "2016-04-01"), ("2016 年 4 月 1 日", "2016-04-01"), ("二〇一六年四月一日", "2016-04-01"),
    ("二○一六年十二月三十一日", "2016-12-31"), ("二零二五年三月二十日", "2025-03-20"), ("２０１６年６月１８日", "2016-06-18"),
    ("2016年13月1日", None), ("2016年4月", None), ("4月1日", None), ("2016年4月1日起施行", None),
]


@pytest.mark.parametrize("text,iso", DATES, ids=[d for d, _ in DATES])
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso
