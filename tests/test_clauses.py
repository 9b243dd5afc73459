"""Responsibility clauses, department lists and deadlines, case by case.

The cases live in ``tests/fixtures/{clauses,departments,deadlines}.yaml`` (input text →
expected records); this module only reads them into ``pytest.mark.parametrize``. Each
clause case also runs as a half-width web copy of itself — （）：；， become ()：;, —
unless it says ``half: false``, so every rule is checked in both widths.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import policyparse
from policyparse.grammar import load_grammar
from policyparse.layers.deadline import parse_deadline
from policyparse.output.document import Assignment, Deadline
from policyparse.parse.pipeline import parse_source
from policyparse.parse.source import decode_bytes
from policyparse.text.departments import looks_like_department, split_departments

FIXTURES = Path(__file__).resolve().parent / "fixtures"
_HALF = str.maketrans({"（": "(", "）": ")", "：": ":", "；": ";", "，": ","})


def _load(name: str) -> Any:
    return yaml.safe_load((FIXTURES / f"{name}.yaml").read_text(encoding="utf-8"))


def _half(value: Any) -> Any:
    if isinstance(value, str):
        return value.translate(_HALF)
    if isinstance(value, list):
        return [_half(v) for v in value]
    if isinstance(value, dict):
        return {k: _half(v) for k, v in value.items()}
    return value


def _clause_params() -> list[Any]:
    params = []
    for case in _load("clauses")["cases"]:
        params.append(pytest.param(case, id=case["name"]))
        if case.get("half", True) and _half(case["text"]) != case["text"]:
            params.append(pytest.param(_half(case), id=case["name"] + "-half"))
    return params


_DEFAULTS: dict[str, Any] = {"seq": 1, "lead": [], "support": [], "responsible": [], "and_others": False,
                             "deadline": None, "kind": None, "steps": None}


def _record(a: Assignment) -> dict[str, Any]:
    return {"line": a.line, "seq": a.seq, "lead": a.lead, "support": a.support, "responsible": a.responsible,
            "and_others": a.and_others, "deadline": a.deadline.raw if a.deadline else None,
            "kind": a.deadline.kind if a.deadline else None, "steps": a.steps}


def _expected(rec: dict[str, Any]) -> dict[str, Any]:
    unknown = set(rec) - set(_DEFAULTS) - {"line"}
    assert not unknown, f"fixture record has unknown keys {unknown}"
    return {**_DEFAULTS, **rec}


@pytest.mark.parametrize("case", _clause_params())
def test_clause(case: dict[str, Any]) -> None:
    doc = policyparse.parse_text(case["text"], strict=False)
    got = [_record(a) for a in doc.all_assignments()]
    want = [_expected(r) for r in case.get("expect") or []]
    assert got == want
    assert doc.meta.implied_responsible == case.get("implied", [])
    if "first_listed_leads" in case:
        assert doc.meta.first_listed_leads is case["first_listed_leads"]


@pytest.mark.parametrize("case", _clause_params())
def test_clause_output_validates(case: dict[str, Any]) -> None:
    """Nothing validates what the parser builds at run time: the schema must accept every clause,
    and reading it back gives the same object (no value a type the schema would convert)."""
    doc = parse_source(decode_bytes(case["text"].encode("utf-8")), strict=False)
    for a in doc.all_assignments():
        assert Assignment.from_dict(a.to_dict()) == a
        assert all(d.name for d in a.departments)
        assert sorted(d.name for d in a.departments) == sorted(a.lead + a.support + a.responsible)


_DEPTS = _load("departments")


@pytest.mark.parametrize("case", [pytest.param(c, id=c["name"]) for c in _DEPTS["split"]])
def test_split_departments(case: dict[str, Any]) -> None:
    dl = split_departments(case["text"], load_grammar())
    assert list(dl.names) == case["names"]
    assert dl.and_others is case.get("and_others", False)
    if "raws" in case:
        assert list(dl.raws) == case["raws"]


@pytest.mark.parametrize("case", [pytest.param(c, id=c["name"]) for c in _DEPTS["recognise"]])
def test_looks_like_department(case: dict[str, Any]) -> None:
    g = load_grammar()
    for name in case.get("yes", []):
        assert looks_like_department(name, g), name
    for name in case.get("no", []):
        assert not looks_like_department(name, g), name


@pytest.mark.parametrize("case", [pytest.param(c, id=c["name"]) for c in _load("deadlines")["cases"]])
def test_deadline(case: dict[str, Any]) -> None:
    d = parse_deadline(case["raw"])
    want = {k: case.get(k) for k in ("kind", "year", "month", "end_year", "end_month")}
    got = {k: getattr(d, k) for k in want}
    assert got == want
    assert d.raw == case["raw"]
    assert Deadline.from_dict(d.to_dict()) == d


_SAMPLES = sorted((Path(__file__).resolve().parents[1] / "samples").glob("*.txt"))
_TO_FULL = str.maketrans({"(": "（", ")": "）", ":": "：", ";": "；", ",": "，"})


def _contents(text: str, full: bool = False) -> list[tuple[list[str], list[str], list[str], bool]]:
    def f(names: list[str]) -> list[str]:
        return [n.translate(_TO_FULL) for n in names] if full else names

    return [(f(a.lead), f(a.support), f(a.responsible), a.and_others)
            for a in policyparse.parse_text(text).all_assignments()]


@pytest.mark.parametrize("path", _SAMPLES, ids=lambda p: p.stem)
def test_web_copy_variants_give_the_same_clauses(path: Path) -> None:
    """A half-width copy, a copy with a blank line after every line, and a copy without
    indentation all carry the same responsibility records as the original."""
    text = path.read_text(encoding="utf-8")
    want = _contents(text)
    assert want
    assert _contents(text.translate(_HALF), full=True) == want
    assert _contents("\n\n".join(text.split("\n"))) == want
    assert _contents("\n".join(line.strip() for line in text.split("\n"))) == want


def test_an_empty_loose_name_word_list_rules_out_no_name(monkeypatch) -> None:
    """A grammar whose ``not_in_loose_names`` is empty: an empty alternation must not match
    every name."""
    from policyparse.grammar import load_grammar
    from policyparse.text.departments import looks_like_name

    g = load_grammar()
    monkeypatch.setattr(g.data.departments, "not_in_loose_names", [])
    monkeypatch.delitem(g.__dict__, "not_in_loose_names_re", raising=False)
    try:
        assert looks_like_name("银保监会", g)
    finally:
        g.__dict__.pop("not_in_loose_names_re", None)  # rebuilt from the restored list
