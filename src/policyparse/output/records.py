"""The records the pipeline builds: plain slotted classes, one per model of the contract.

``policyparse.output.models`` (pydantic) is the public contract: its JSON Schema is committed and
``parse_text`` / ``parse_bytes`` / ``parse_file`` return validated models. Importing pydantic
and building its model classes costs about 200 ms, four fifths of a small file's whole
``extract``; the command line and ``batch`` need none of it, so the pipeline builds these
records instead and writes them with :func:`to_json`. Each record has the fields of its model,
in the same order, with the same defaults (a test holds them equal), and
``models.Document.model_validate(record, from_attributes=True)`` turns one into the other.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from json.encoder import encode_basestring as _enc  # the C escaper (ensure_ascii=False)
from operator import attrgetter
from typing import Any

SCHEMA_VERSION = "1.0"


class _Record:
    """Slotted record: fields in ``__slots__`` (the contract's order), equality and repr by
    field. Written out by hand rather than with ``dataclasses``, whose import (it pulls in
    ``inspect``) and class generation cost more start-up than the whole small-file parse."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, k) == getattr(other, k) for k in self.__slots__)

    __hash__ = None  # type: ignore[assignment]  # mutable, as the models are

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={getattr(self, k)!r}' for k in self.__slots__)})"


class Span(_Record):
    __slots__ = ("start", "end")

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end


class Department(_Record):
    __slots__ = ("name", "raw", "known_as")

    def __init__(self, name: str, raw: str, known_as: str | None = None) -> None:
        self.name = name
        self.raw = raw
        self.known_as = known_as


class Deadline(_Record):
    __slots__ = ("raw", "kind", "year", "month", "end_year", "end_month")

    def __init__(self, raw: str, kind: str, year: int | None = None, month: int | None = None,
                 end_year: int | None = None, end_month: int | None = None) -> None:
        self.raw = raw
        self.kind = kind
        self.year = year
        self.month = month
        self.end_year = end_year
        self.end_month = end_month


class Assignment(_Record):
    __slots__ = ("line", "seq", "raw", "span", "form", "lead", "support", "responsible", "departments",
                 "and_others", "deadline", "steps", "task", "page")

    def __init__(self, line: int, seq: int = 1, *, raw: str, span: Span | None = None, form: str,
                 lead: list[str] | None = None, support: list[str] | None = None,
                 responsible: list[str] | None = None, departments: list[Department] | None = None,
                 and_others: bool = False, deadline: Deadline | None = None, steps: str | None = None,
                 task: str | None = None, page: int | None = None) -> None:
        self.line = line
        self.seq = seq
        self.raw = raw
        self.span = span
        self.form = form
        self.lead = [] if lead is None else lead
        self.support = [] if support is None else support
        self.responsible = [] if responsible is None else responsible
        self.departments = [] if departments is None else departments
        self.and_others = and_others
        self.deadline = deadline
        self.steps = steps
        self.task = task
        self.page = page

    @classmethod
    def of(cls, line: int, seq: int, raw: str, span: Span | None, form: str, lead: list[str],
           support: list[str], responsible: list[str], departments: list[Department], and_others: bool,
           deadline: Deadline | None, steps: str | None, task: str | None,
           page: int | None = None) -> Assignment:
        """Every field, positionally, in order: the responsibility layer's hot path (keyword
        arguments cost more per call, and __init__'s defaults are not needed there)."""
        self = object.__new__(cls)
        self.line = line
        self.seq = seq
        self.raw = raw
        self.span = span
        self.form = form
        self.lead = lead
        self.support = support
        self.responsible = responsible
        self.departments = departments
        self.and_others = and_others
        self.deadline = deadline
        self.steps = steps
        self.task = task
        self.page = page
        return self


class Target(_Record):
    __slots__ = ("line", "text", "span", "value", "unit", "comparator", "year", "pending", "subject", "page")

    def __init__(self, line: int, text: str, span: Span, value: float | None, unit: str | None,
                 comparator: str | None, year: int | None = None, pending: bool = False,
                 subject: str | None = None, page: int | None = None) -> None:
        self.line = line
        self.text = text
        self.span = span
        self.value = value
        self.unit = unit
        self.comparator = comparator
        self.year = year
        self.pending = pending
        self.subject = subject
        self.page = page


class Node(_Record):
    __slots__ = ("marker", "kind", "number", "title", "text", "line", "end_line", "depth", "assignments",
                 "targets", "children", "page")

    def __init__(self, marker: str | None, kind: str, number: int | None = None, title: str | None = None,
                 text: str = "", *, line: int, end_line: int, depth: int = 0,
                 assignments: list[Assignment] | None = None, targets: list[Target] | None = None,
                 children: list[Node] | None = None, page: int | None = None) -> None:
        self.marker = marker
        self.kind = kind
        self.number = number
        self.title = title
        self.text = text
        self.line = line
        self.end_line = end_line
        self.depth = depth
        self.assignments = [] if assignments is None else assignments
        self.targets = [] if targets is None else targets
        self.children = [] if children is None else children
        self.page = page


class Diagnostic(_Record):
    __slots__ = ("code", "severity", "message", "line", "column")

    def __init__(self, code: str, severity: str, message: str, line: int | None = None,
                 column: int | None = None) -> None:
        self.code = code
        self.severity = severity
        self.message = message
        self.line = line
        self.column = column


class SourceInfo(_Record):
    __slots__ = ("path", "format", "sha256", "encoding", "bom", "newline", "lines", "bytes")

    def __init__(self, sha256: str, encoding: str, lines: int, bytes: int, path: str | None = None,
                 bom: bool = False, newline: str = "\n", format: str = "text") -> None:
        self.path = path
        self.format = format
        self.sha256 = sha256
        self.encoding = encoding
        self.bom = bom
        self.newline = newline
        self.lines = lines
        self.bytes = bytes


class Meta(_Record):
    __slots__ = ("title", "title_line", "plan_title", "issuer", "date", "date_line", "addressees", "draft", "doc_number",
                 "doc_numbers", "attachments", "implied_responsible", "first_listed_leads")

    def __init__(self, title: str | None = None, title_line: int | None = None, plan_title: str | None = None,
                 issuer: str | None = None,
                 date: str | None = None, date_line: int | None = None, addressees: str | None = None,
                 draft: bool = False, doc_number: str | None = None, doc_numbers: list[str] | None = None,
                 attachments: list[str] | None = None, implied_responsible: list[str] | None = None,
                 first_listed_leads: bool = False) -> None:
        self.title = title
        self.title_line = title_line
        self.plan_title = plan_title
        self.issuer = issuer
        self.date = date
        self.date_line = date_line
        self.addressees = addressees
        self.draft = draft
        self.doc_number = doc_number
        self.doc_numbers = [] if doc_numbers is None else doc_numbers
        self.attachments = [] if attachments is None else attachments
        self.implied_responsible = [] if implied_responsible is None else implied_responsible
        self.first_listed_leads = first_listed_leads


class DocumentTree:
    """The walks over a document's nodes, shared by this record and the pydantic model
    (``models.Document`` inherits them): both have ``children`` of nodes with ``children``."""

    __slots__ = ()

    def iter_nodes(self) -> Iterator[Any]:
        """Yield every node depth-first, in document order."""
        stack = list(reversed(self.children))  # type: ignore[attr-defined]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def all_assignments(self) -> list[Any]:
        return [a for n in self.iter_nodes() for a in n.assignments]

    def all_targets(self) -> list[Any]:
        return [t for n in self.iter_nodes() for t in n.targets]


class Document(DocumentTree, _Record):
    __slots__ = ("schema_version", "parser_version", "source", "meta", "children", "diagnostics")

    def __init__(self, parser_version: str, source: SourceInfo, meta: Meta, schema_version: str = SCHEMA_VERSION,
                 children: list[Node] | None = None, diagnostics: list[Diagnostic] | None = None) -> None:
        self.schema_version = schema_version
        self.parser_version = parser_version
        self.source = source
        self.meta = meta
        self.children = [] if children is None else children
        self.diagnostics = [] if diagnostics is None else diagnostics


RECORDS = (Span, Department, Deadline, Assignment, Target, Node, Diagnostic, SourceInfo, Meta, Document)
# each record's fields, in the contract's (and so the JSON's) order
FIELD_ORDER: dict[type, tuple[str, ...]] = {cls: cls.__slots__ for cls in RECORDS}


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
    """A record as plain JSON data (the models' ``model_dump(mode="json")``)."""
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
