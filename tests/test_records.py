"""The records the pipeline builds mirror the pydantic models of the contract, and all three
writers (records, model, plain dict) give the same JSON text."""

from __future__ import annotations

import inspect
import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyparse.output import models, records
from policyparse.output.writers import dumps
from policyparse.parse.pipeline import parse_file_records, to_model

from .conftest import ROOT, sample_paths

PAIRS = [(getattr(records, name), getattr(models, name)) for name in (
    "Span", "Department", "Deadline", "Assignment", "Target", "Node", "Diagnostic", "SourceInfo", "Meta", "Document")]
UNSEEN = sorted((ROOT / "tests" / "fixtures" / "unseen").glob("*.txt"))


@pytest.mark.parametrize(("rec", "model"), PAIRS, ids=lambda c: c.__name__)
def test_record_fields_follow_the_model(rec: type, model: type) -> None:
    assert records.FIELD_ORDER[rec] == rec.__slots__ == tuple(model.model_fields)
    assert set(inspect.signature(rec).parameters) == set(model.model_fields)


@pytest.mark.parametrize(("rec", "model"), PAIRS, ids=lambda c: c.__name__)
def test_record_defaults_follow_the_model(rec: type, model: type) -> None:
    required = {k: None for k, p in inspect.signature(rec).parameters.items() if p.default is p.empty}
    made = rec(**required)  # every other field takes its default
    for name, info in model.model_fields.items():
        assert (name in required) == info.is_required(), f"{rec.__name__}.{name}"
        if name not in required:
            want = info.default_factory() if info.default_factory is not None else info.default
            assert getattr(made, name) == want, f"{rec.__name__}.{name}"
    if any(isinstance(getattr(made, k), list) for k in rec.__slots__):  # list defaults are not shared
        other = rec(**required)
        assert all(getattr(made, k) is not getattr(other, k) for k in rec.__slots__
                   if isinstance(getattr(made, k), list))


def test_records_compare_by_value() -> None:
    a, b = records.Span(1, 2), records.Span(1, 2)
    assert a == b and a != records.Span(1, 3) and a != (1, 2)
    assert repr(a) == "Span(start=1, end=2)"


@pytest.mark.parametrize("path", sample_paths() + UNSEEN, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_records_model_and_dict_write_the_same_json(path: Path) -> None:
    doc = parse_file_records(path, strict=False)
    model = to_model(doc)
    text = dumps(doc)
    assert text == dumps(model)
    assert text == dumps(records.to_dict(doc))
    assert json.loads(text) == model.model_dump(mode="json")
    assert dumps(doc, "yaml") == dumps(model, "yaml")


_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20),
                     st.floats(allow_nan=False, allow_infinity=False))
_json = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=30)


@settings(max_examples=200, deadline=None)
@given(_json)
def test_to_json_matches_json_dumps(value: object) -> None:
    assert records.to_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_non_finite_float_is_null_as_pydantic_writes_it() -> None:
    span = records.Span(0, 1)
    t = records.Target(line=1, text="x", span=span, value=math.inf, unit=None, comparator=None)
    assert json.loads(records.to_json(t))["value"] is None
    assert json.loads(models.Target.model_validate(t, from_attributes=True).model_dump_json())["value"] is None


def test_to_json_refuses_unknown_objects() -> None:
    with pytest.raises(TypeError):
        records.to_json([object()])


def test_assignment_of_sets_every_field_in_order() -> None:
    values = (3, 2, "（x）", records.Span(0, 3), "verb", ["a"], ["b"], [], [records.Department("a", "a")], True,
              records.Deadline("2020年底前", "by", 2020, 12), "steps", None, 4)
    a = records.Assignment.of(*values)
    assert tuple(getattr(a, k) for k in a.__slots__) == values
    assert a == records.Assignment(**dict(zip(a.__slots__, values)))
