"""The document the parser builds: one set of classes, from the parser to the Python API.

Each class declares its fields once, in its body: name, type (an annotation, never evaluated at
run time), default and description. From that one declaration come the slots, the constructor,
the JSON writer's field order (:func:`to_json`) and, on demand, the JSON Schema and the
validation of data that comes from outside (:mod:`policyparse.output.schema`, which builds
pydantic models of these classes; only that path imports pydantic). Objects the parser builds
are not validated again: they are made by the code the tests hold to the schema.

Plain slotted classes rather than ``dataclasses``: generating these costs a tenth of what
``@dataclass`` takes, and start-up is most of a small file's ``extract``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from json.encoder import encode_basestring as _enc  # the C escaper (ensure_ascii=False)
from operator import attrgetter
from typing import Any, Literal

SCHEMA_VERSION = "1.0"

Comparator = Literal[">=", "<=", "=", "~", "+", "-"]
DeadlineKind = Literal["ongoing", "by", "from", "range", "period", "unknown"]
Severity = Literal["error", "warning", "info"]

_MISSING: Any = object()


class Field:
    """A field's default (or ``factory`` for a fresh list per object) and its description."""

    __slots__ = ("default", "doc", "factory")

    def __init__(self, default: Any = _MISSING, doc: str | None = None,
                 factory: Callable[[], Any] | None = None) -> None:
        self.default = default
        self.factory = factory
        self.doc = doc

    @property
    def required(self) -> bool:
        return self.default is _MISSING and self.factory is None


def field(default: Any = _MISSING, doc: str | None = None, *, factory: Callable[[], Any] | None = None) -> Any:
    """Declare a field's default and description in a class body: ``page: int | None = field(None, "…")``."""
    return Field(default, doc, factory)


_LITERAL_TYPES = (type(None), bool, int, float, str)


def constructor_source(fields: dict[str, Field]) -> str:
    """The Python source of a class's constructor (positional up to the first required field
    after a defaulted one, keyword-only from there, as Python's rules allow) and of ``of``
    (every field positional, in order, only the trailing plain defaults left out: the fast path
    of a layer that has the values at hand, with no list to make)."""
    params: list[str] = []
    body: list[str] = []
    seen_default = keyword_only = False
    for name, f in fields.items():
        if f.required:
            if seen_default and not keyword_only:
                params.append("*")
                keyword_only = True
            params.append(name)
            body.append(f"self.{name} = {name}")
        elif f.factory is not None:
            seen_default = True
            params.append(f"{name}=None")
            body.append(f"self.{name} = [] if {name} is None else {name}")
        else:
            seen_default = True
            params.append(f"{name}={f.default!r}")
            body.append(f"self.{name} = {name}")
    of_params = list(fields)
    for k in range(len(of_params) - 1, -1, -1):
        f = fields[of_params[k]]
        if f.required or f.factory is not None:
            break
        of_params[k] += f"={f.default!r}"
    sets = "".join(f"    self.{n} = {n}\n" for n in fields)
    return (f"def __init__(self, {', '.join(params)}):\n" + "".join(f"    {b}\n" for b in body)
            + f"def of(cls, {', '.join(of_params)}):\n    self = _new(cls)\n{sets}    return self\n")


def _constructors(name: str, fields: dict[str, Field]) -> tuple[Callable, Callable]:
    """``__init__`` and ``of`` for a class: compiled with :mod:`._constructors` when that module
    holds this very source (so start-up compiles nothing), else compiled here."""
    for f in fields.values():
        if f.factory not in (None, list) or type(f.default) not in _LITERAL_TYPES + (object,):
            raise TypeError(f"{name}: a field's default is a str, number, bool or None, its factory list")
    src = constructor_source(fields)
    from ._constructors import CONSTRUCTORS

    made = CONSTRUCTORS.get(src)
    if made is None:
        env: dict[str, Any] = {"_new": object.__new__}
        exec(compile(src, f"<policyparse.output.document.{name}>", "exec"), env)  # noqa: S102
        made = env["__init__"], env["of"]
    return made


def constructors_module() -> str:
    """The text of ``_constructors.py``: every class's constructor source, compiled once by Python."""
    parts = [('"""The constructors of the document classes, generated from their fields by\n'
              "``python -m policyparse.output.document``: compiled with this module rather than at each\n"
              'start-up. Do not edit; a test holds it current (a stale entry is only compiled at run time)."""\n\n'
              "# ruff: noqa\n\n_new = object.__new__\nCONSTRUCTORS: dict = {}\n")]
    for cls in RECORDS:
        src = constructor_source(cls.FIELDS)
        parts.append(f"\n\n# {cls.__name__}\n{src}\nCONSTRUCTORS[{src!r}] = (__init__, of)\n")
    return "".join(parts)


class _RecordType(type):
    """Turns a class body's annotated fields into ``__slots__``, ``FIELDS`` (name → Field, in
    order), ``__init__`` and ``of``."""

    def __new__(mcs, name: str, bases: tuple[type, ...], ns: dict[str, Any]) -> _RecordType:
        annotations = ns.get("__annotations__", {})
        fields: dict[str, Field] = {}
        for key in annotations:
            value = ns.pop(key, _MISSING)
            fields[key] = value if isinstance(value, Field) else Field(value)
        ns["__slots__"] = tuple(fields)
        ns["FIELDS"] = fields
        if fields:
            ns["__init__"], of = _constructors(name, fields)
            ns["of"] = classmethod(of)
        return super().__new__(mcs, name, bases, ns)


class Record(metaclass=_RecordType):
    """A slotted object with declared fields (``FIELDS``: name → :class:`Field`, in order);
    equality and repr by field."""

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, k) == getattr(other, k) for k in self.__slots__)

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={getattr(self, k)!r}' for k in self.__slots__)})"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data: what ``json.loads`` gives for :meth:`to_json`."""
        return to_dict(self)

    def to_json(self) -> str:
        """JSON text, indented by two spaces, Chinese kept as is."""
        return to_json(self)

    @classmethod
    def from_dict(cls, data: Any) -> Any:
        """Validate plain data (a JSON file read back) against the schema and build the object;
        a :class:`pydantic.ValidationError` (a ``ValueError``) names every field that is wrong."""
        from .schema import from_data

        return from_data(cls, data)


_PAGE = "The page of the original the line lies on (PDF input); null for unpaged input."


class Span(Record):
    """Code-point offsets into the source line (0-based, end exclusive)."""

    start: int
    end: int


class Department(Record):
    name: str = field(doc="Canonical name: whitespace stripped, 等 removed, elided prefix restored.")
    raw: str = field(doc="The text as written in the source.")
    known_as: str | None = field(None, "The alias table's spelling of this name, when it has one.")


class Deadline(Record):
    raw: str
    kind: DeadlineKind
    year: int | None = None
    month: int | None = None
    end_year: int | None = None
    end_month: int | None = None


class Assignment(Record):
    """One responsibility clause (or task-table row)."""

    line: int = field(doc="1-based line where the clause begins.")
    seq: int = field(1, "Order of this clause among clauses on the same line.")
    raw: str
    span: Span | None = None
    form: str = field(doc="Which wording produced it: labelled, verb, bare, label-lines, table-row.")
    lead: list[str] = field(factory=list)
    support: list[str] = field(factory=list)
    responsible: list[str] = field(factory=list)
    departments: list[Department] = field(factory=list, doc="Raw and canonical name pairs.")
    and_others: bool = False
    deadline: Deadline | None = None
    steps: str | None = None
    task: str | None = field(None, "Task text of a table row.")
    page: int | None = field(None, _PAGE)


class Target(Record):
    line: int
    text: str
    span: Span
    value: float | int | None
    unit: str | None
    comparator: Comparator | None
    year: int | None = None
    pending: bool = field(False, "True when the value is a placeholder such as * (to be set later).")
    subject: str | None = None
    page: int | None = field(None, _PAGE)


class Node(Record):
    marker: str | None
    kind: str
    number: int | None = None
    title: str | None = None
    text: str = ""
    line: int
    end_line: int
    depth: int = 0
    assignments: list[Assignment] = field(factory=list)
    targets: list[Target] = field(factory=list)
    children: list[Node] = field(factory=list)
    page: int | None = field(None, _PAGE)


class Diagnostic(Record):
    code: str
    severity: Severity
    message: str
    line: int | None = None
    column: int | None = None


class SourceInfo(Record):
    path: str | None = None
    format: str = field("text", "What the file was: text, html, docx or pdf (read from its bytes).")
    sha256: str
    encoding: str
    bom: bool = False
    newline: str = "\n"
    lines: int
    bytes: int


class Meta(Record):
    title: str | None = None
    title_line: int | None = None
    plan_title: str | None = field(None, "A covering notice's carried plan (关于印发《X》的通知 → X).")
    issuer: str | None = None
    date: str | None = None
    date_line: int | None = None
    addressees: str | None = None
    draft: bool = False
    doc_number: str | None = field(None, "The notice's own document number, if it states one.")
    doc_numbers: list[str] = field(factory=list, doc="Every document number cited, in order.")
    attachments: list[str] = field(factory=list)
    implied_responsible: list[str] = field(factory=list)
    first_listed_leads: bool = field(False, "The notice declares the first-listed unit the lead.")


class Document(Record):
    """A parsed notice: the numbering tree with each clause and target on the node of its line."""

    schema_version: str = SCHEMA_VERSION
    parser_version: str
    source: SourceInfo
    meta: Meta
    children: list[Node] = field(factory=list)
    diagnostics: list[Diagnostic] = field(factory=list)

    def iter_nodes(self) -> Iterator[Node]:
        """Yield every node depth-first, in document order."""
        stack = list(reversed(self.children))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def all_assignments(self) -> list[Assignment]:
        return [a for n in self.iter_nodes() for a in n.assignments]

    def all_targets(self) -> list[Target]:
        return [t for n in self.iter_nodes() for t in n.targets]

    @classmethod
    def from_json(cls, text: str | bytes) -> Document:
        """Read back a document ``to_json`` (or ``extract``) wrote, validated."""
        import json

        return cls.from_dict(json.loads(text))


# every class of the document, each after the classes its fields hold (Node holds itself)
RECORDS = (Span, Department, Deadline, Assignment, Target, Node, Diagnostic, SourceInfo, Meta, Document)


def _float(v: float) -> str:
    if not math.isfinite(v):
        return "null"  # what pydantic writes for a non-finite float
    return float.__repr__(v)


def _bool(v: bool) -> str:
    return "true" if v else "false"


def _null(_v: None) -> str:
    return "null"


# JSON text of a scalar, by exact type (bool is looked up as bool, not as the int it also is)
_SCALAR: dict[type, Any] = {str: _enc, int: int.__repr__, float: _float, bool: _bool, type(None): _null}
# each record's field values, in order, in one C call
_GETTERS: dict[type, Any] = {cls: attrgetter(*cls.__slots__) for cls in RECORDS}


def to_dict(obj: Any) -> Any:
    """A record (or a list of them, or a scalar) as plain JSON data."""
    get = _GETTERS.get(type(obj))
    if get is not None:
        return {k: (x if type(x) in _SCALAR else to_dict(x)) for k, x in zip(obj.__slots__, get(obj))}
    if type(obj) is list:
        return [x if type(x) in _SCALAR else to_dict(x) for x in obj]
    return obj


def to_json(obj: Any) -> str:
    """A record (or list/dict/str/number/bool/None) as JSON text, indented by two spaces:
    exactly what ``json.dumps(to_dict(obj), ensure_ascii=False, indent=2)`` writes, several
    times faster (``json`` has a C encoder only for unindented output)."""
    parts: list[str] = []
    append = parts.append
    scalar = _SCALAR.get
    getters = _GETTERS.get
    keys: dict[tuple[type, int], list[str]] = {}

    def emit(v: Any, depth: int) -> None:
        tv = type(v)
        f = scalar(tv)
        if f is not None:
            append(f(v))
            return
        if tv is list:
            if not v:
                append("[]")
                return
            pad = "\n" + "  " * (depth + 1)
            sep = "," + pad
            append("[")
            first = True
            for x in v:
                f = scalar(type(x))
                if f is not None:
                    append((pad if first else sep) + f(x))
                else:
                    append(pad if first else sep)
                    emit(x, depth + 1)
                first = False
            append("\n" + "  " * depth + "]")
            return
        get = getters(tv)
        if get is None:
            if isinstance(v, dict):
                emit_dict(v, depth)
                return
            raise TypeError(f"cannot write {tv.__name__} as JSON")
        ks = keys.get((tv, depth))
        if ks is None:  # '{\n    "line": ', ',\n    "seq": ' … for this record type at this depth
            pad = "\n" + "  " * (depth + 1)
            ks = keys[(tv, depth)] = [("{" if i == 0 else ",") + pad + _enc(k) + ": "
                                     for i, k in enumerate(tv.__slots__)]
        for k, x in zip(ks, get(v)):
            f = scalar(type(x))
            if f is not None:
                append(k + f(x))
            else:
                append(k)
                emit(x, depth + 1)
        append("\n" + "  " * depth + "}")

    def emit_dict(d: dict, depth: int) -> None:
        if not d:
            append("{}")
            return
        pad = "\n" + "  " * (depth + 1)
        first = True
        for k, x in d.items():
            append(("{" if first else ",") + pad + _enc(str(k)) + ": ")
            first = False
            emit(x, depth + 1)
        append("\n" + "  " * depth + "}")

    emit(obj, 0)
    return "".join(parts)


if __name__ == "__main__":  # python -m policyparse.output.document: rewrite _constructors.py
    from pathlib import Path

    Path(__file__).with_name("_constructors.py").write_text(constructors_module(), encoding="utf-8")
