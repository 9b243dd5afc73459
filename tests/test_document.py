"""The document classes: declared once, they give the constructor, the JSON writer's field
order, the schema and validation of data from outside; the writers agree with ``json``."""

from __future__ import annotations

import inspect
import json
import math
from pathlib import Path

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyparse.output import document as D
from policyparse.output.schema import json_schema, models
from policyparse.output.writers import dumps
from policyparse.parse.pipeline import parse_file

from .conftest import ROOT, sample_paths

UNSEEN = sorted((ROOT / "tests" / "fixtures" / "unseen").glob("*.txt"))


@pytest.mark.parametrize("cls", D.RECORDS, ids=lambda c: c.__name__)
def test_declared_fields_make_slots_constructor_and_model(cls: type) -> None:
    assert cls.__slots__ == tuple(cls.FIELDS) == tuple(cls.__annotations__)
    assert set(inspect.signature(cls).parameters) == set(cls.FIELDS)
    assert tuple(inspect.signature(cls.of).parameters) == cls.__slots__
    model = models()[cls]
    assert tuple(model.model_fields) == cls.__slots__
    for name, f in cls.FIELDS.items():
        info = model.model_fields[name]
        assert info.is_required() == f.required, f"{cls.__name__}.{name}"
        assert info.description == f.doc


@pytest.mark.parametrize("cls", D.RECORDS, ids=lambda c: c.__name__)
def test_defaults_are_fresh_per_object(cls: type) -> None:
    required = {k: None for k, f in cls.FIELDS.items() if f.required}
    made, other = cls(**required), cls(**required)
    for name, f in cls.FIELDS.items():
        if f.factory is not None:
            assert getattr(made, name) == f.factory() and getattr(made, name) is not getattr(other, name)
        elif not f.required:
            assert getattr(made, name) == f.default


def test_records_compare_by_value() -> None:
    a, b = D.Span(1, 2), D.Span(1, 2)
    assert a == b and a != D.Span(1, 3) and a != (1, 2)
    assert repr(a) == "Span(start=1, end=2)"


def test_a_required_field_must_be_given() -> None:
    with pytest.raises(TypeError):
        D.Span(1)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        D.Node(None, "paragraph", line=1)  # type: ignore[call-arg]  # end_line


@pytest.mark.parametrize("path", sample_paths() + UNSEEN, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_document_reads_back_as_written(path: Path) -> None:
    doc = parse_file(path, strict=False)
    text = dumps(doc)
    assert text == dumps(doc.to_dict()) == doc.to_json() + "\n"
    assert json.loads(text) == doc.to_dict()
    back = D.Document.from_json(text)
    assert back == doc and dumps(back) == text
    assert dumps(doc, "yaml") == dumps(doc.to_dict(), "yaml")


def test_data_from_outside_is_validated() -> None:
    good = D.Target(1, "x", D.Span(0, 1), 5, "%", ">=").to_dict()
    assert D.Target.from_dict(good) == D.Target(1, "x", D.Span(0, 1), 5, "%", ">=")
    for bad in ({**good, "comparator": "≥"}, {**good, "extra": 1}, {k: v for k, v in good.items() if k != "line"},
                {**good, "span": {"start": "a", "end": 1}}):
        with pytest.raises(pydantic.ValidationError):
            D.Target.from_dict(bad)
    with pytest.raises(ValueError):
        D.Document.from_json('{"parser_version": "x"}')


def test_schema_describes_the_fields() -> None:
    schema = json_schema()
    target = schema["$defs"]["Target"]
    assert target["required"] == ["line", "text", "span", "value", "unit", "comparator"]
    assert target["properties"]["pending"]["description"] == D.Target.FIELDS["pending"].doc
    assert schema["description"] == D.Document.__doc__


_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20),
                     st.floats(allow_nan=False, allow_infinity=False))
_json = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=30)


@settings(max_examples=200, deadline=None)
@given(_json)
def test_to_json_matches_json_dumps(value: object) -> None:
    assert D.to_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_non_finite_float_is_null() -> None:
    t = D.Target(line=1, text="x", span=D.Span(0, 1), value=math.inf, unit=None, comparator=None)
    assert json.loads(t.to_json())["value"] is None


def test_to_json_refuses_unknown_objects() -> None:
    with pytest.raises(TypeError):
        D.to_json([object()])


def test_of_sets_every_field_in_order() -> None:
    values = (3, 2, "（x）", D.Span(0, 3), "verb", ["a"], ["b"], [], [D.Department("a", "a")], True,
              D.Deadline("2020年底前", "by", 2020, 12), "steps", None, 4)
    a = D.Assignment.of(*values)
    assert tuple(getattr(a, k) for k in a.__slots__) == values
    assert a == D.Assignment(**dict(zip(a.__slots__, values)))
    assert D.Assignment.of(*values[:-1]).page is None  # a trailing plain default may be left out


def test_generated_constructors_are_current() -> None:
    from policyparse.output import _constructors

    assert Path(_constructors.__file__).read_text(encoding="utf-8") == D.constructors_module(), (
        "document fields changed: run `python -m policyparse.output.document`")
    for cls in D.RECORDS:  # start-up compiles none of them
        assert cls.__init__.__code__.co_filename == _constructors.__file__


def test_a_class_not_in_the_generated_module_is_compiled() -> None:
    class Extra(D.Record):
        a: int
        b: list[str] = D.field(factory=list)

    x, y = Extra(1), Extra.of(2, ["u"])
    assert (x.a, x.b, y.a, y.b) == (1, [], 2, ["u"]) and x.b is not Extra(1).b
    with pytest.raises(TypeError):
        type("Bad", (D.Record,), {"__annotations__": {"a": "list"}, "a": D.field([])})
