"""The records the pipeline builds: plain slotted dataclasses, one per model of the contract.

``policyparse.models`` (pydantic) is the public contract: its JSON Schema is committed and
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
from dataclasses import dataclass, field
from json.encoder import encode_basestring as _enc  # the C escaper (ensure_ascii=False)
from typing import Any

SCHEMA_VERSION = "1.0"


@dataclass(slots=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
class Department:
    name: str
    raw: str
    known_as: str | None = None


@dataclass(slots=True)
class Deadline:
    raw: str
    kind: str
    year: int | None = None
    month: int | None = None
    end_year: int | None = None
    end_month: int | None = None


@dataclass(slots=True)
class Assignment:
    line: int
    seq: int = 1
    raw: str = ""
    span: Span | None = None
    form: str = ""
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    departments: list[Department] = field(default_factory=list)
    and_others: bool = False
    deadline: Deadline | None = None
    steps: str | None = None
    task: str | None = None


@dataclass(slots=True)
class Target:
    line: int
    text: str
    span: Span
    value: float | int | None
    unit: str | None
    comparator: str | None
    year: int | None = None
    pending: bool = False
    subject: str | None = None


@dataclass(slots=True)
class Node:
    marker: str | None
    kind: str
    number: int | None = None
    title: str | None = None
    text: str = ""
    line: int = 0
    end_line: int = 0
    depth: int = 0
    assignments: list[Assignment] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)


@dataclass(slots=True)
class Diagnostic:
    code: str
    severity: str
    message: str
    line: int | None = None
    column: int | None = None


@dataclass(slots=True)
class SourceInfo:
    sha256: str
    encoding: str
    lines: int
    bytes: int
    path: str | None = None
    bom: bool = False
    newline: str = "\n"


@dataclass(slots=True)
class Meta:
    title: str | None = None
    title_line: int | None = None
    issuer: str | None = None
    date: str | None = None
    date_line: int | None = None
    addressees: str | None = None
    draft: bool = False
    doc_number: str | None = None
    doc_numbers: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    implied_responsible: list[str] = field(default_factory=list)
    first_listed_leads: bool = False


@dataclass(slots=True)
class Document:
    parser_version: str
    source: SourceInfo
    meta: Meta
    schema_version: str = SCHEMA_VERSION
    children: list[Node] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

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


# The order of each model's fields in the contract (and so in the JSON). Dataclass fields
# with defaults must follow those without, so a record may declare them in another order.
FIELD_ORDER: dict[type, tuple[str, ...]] = {
    Span: ("start", "end"),
    Department: ("name", "raw", "known_as"),
    Deadline: ("raw", "kind", "year", "month", "end_year", "end_month"),
    Assignment: ("line", "seq", "raw", "span", "form", "lead", "support", "responsible", "departments",
                 "and_others", "deadline", "steps", "task"),
    Target: ("line", "text", "span", "value", "unit", "comparator", "year", "pending", "subject"),
    Node: ("marker", "kind", "number", "title", "text", "line", "end_line", "depth", "assignments",
           "targets", "children"),
    Diagnostic: ("code", "severity", "message", "line", "column"),
    SourceInfo: ("path", "sha256", "encoding", "bom", "newline", "lines", "bytes"),
    Meta: ("title", "title_line", "issuer", "date", "date_line", "addressees", "draft", "doc_number",
           "doc_numbers", "attachments", "implied_responsible", "first_listed_leads"),
    Document: ("schema_version", "parser_version", "source", "meta", "children", "diagnostics"),
}


def to_dict(obj: Any) -> Any:
    """A record as plain JSON data (the models' ``model_dump(mode="json")``)."""
    order = FIELD_ORDER.get(type(obj))
    if order is not None:
        return {k: to_dict(getattr(obj, k)) for k in order}
    if isinstance(obj, list):
        return [to_dict(x) for x in obj]
    return obj


def _float(v: float) -> str:
    if not math.isfinite(v):
        return "null"  # what pydantic writes for a non-finite float
    return float.__repr__(v)


def to_json(obj: Any) -> str:
    """A record (or list/str/number/bool/None) as JSON text, indented by two spaces, exactly
    what ``json.dumps(to_dict(obj), ensure_ascii=False, indent=2)`` writes, several times
    faster: ``json`` only has a C encoder for unindented output."""
    parts: list[str] = []
    append = parts.append
    order_of = FIELD_ORDER.get
    keys: dict[tuple[type, int], list[str]] = {}

    def emit(v: Any, depth: int) -> None:
        if v is None:
            append("null")
        elif v is True:
            append("true")
        elif v is False:
            append("false")
        else:
            tv = type(v)
            if tv is str:
                append(_enc(v))
            elif tv is int:
                append(int.__repr__(v))
            elif tv is float:
                append(_float(v))
            elif tv is list:
                if not v:
                    append("[]")
                    return
                pad = "\n" + "  " * (depth + 1)
                append("[")
                first = True
                for x in v:
                    append(pad if first else "," + pad)
                    first = False
                    emit(x, depth + 1)
                append("\n" + "  " * depth + "]")
            else:
                order = order_of(tv)
                if order is None:
                    if isinstance(v, dict):
                        emit_dict(v, depth)
                        return
                    raise TypeError(f"cannot write {tv.__name__} as JSON")
                ks = keys.get((tv, depth))
                if ks is None:
                    pad = "\n" + "  " * (depth + 1)
                    ks = keys[(tv, depth)] = [("{" if i == 0 else ",") + pad + _enc(k) + ": "
                                             for i, k in enumerate(order)]
                for k, name in zip(ks, order):
                    append(k)
                    emit(getattr(v, name), depth + 1)
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
