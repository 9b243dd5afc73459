"""The public contract: pydantic models of a parsed notice.

Every field a consumer relies on is declared here; the committed JSON Schema
(``document.schema.json``) is generated from :class:`Document` and a test fails when
the two drift apart.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .records import SCHEMA_VERSION, DocumentTree

Comparator = Literal[">=", "<=", "=", "~", "+", "-"]
DeadlineKind = Literal["ongoing", "by", "from", "range", "period", "unknown"]
Severity = Literal["error", "warning", "info"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """Code-point offsets into the source line (0-based, end exclusive)."""

    start: int
    end: int


class Department(_Model):
    name: str = Field(description="Canonical name: whitespace stripped, 等 removed, elided prefix restored.")
    raw: str = Field(description="The text as written in the source.")
    known_as: str | None = Field(None, description="The alias table's spelling of this name, when it has one.")


class Deadline(_Model):
    raw: str
    kind: DeadlineKind
    year: int | None = None
    month: int | None = None
    end_year: int | None = None
    end_month: int | None = None


class Assignment(_Model):
    """One responsibility clause (or task-table row)."""

    line: int = Field(description="1-based line where the clause begins.")
    seq: int = Field(1, description="Order of this clause among clauses on the same line.")
    raw: str
    span: Span | None = None
    form: str = Field(description="Which wording produced it: labelled, verb, bare, label-lines, table-row.")
    lead: list[str] = Field(default_factory=list)
    support: list[str] = Field(default_factory=list)
    responsible: list[str] = Field(default_factory=list)
    departments: list[Department] = Field(default_factory=list, description="Raw and canonical name pairs.")
    and_others: bool = False
    deadline: Deadline | None = None
    steps: str | None = None
    task: str | None = Field(None, description="Task text of a table row.")
    page: int | None = Field(None, description="The page of the original the line lies on (PDF input); null for unpaged input.")


class Target(_Model):
    line: int
    text: str
    span: Span
    value: float | int | None
    unit: str | None
    comparator: Comparator | None
    year: int | None = None
    pending: bool = Field(False, description="True when the value is a placeholder such as * (to be set later).")
    subject: str | None = None
    page: int | None = Field(None, description="The page of the original the line lies on (PDF input); null for unpaged input.")


class Node(_Model):
    marker: str | None
    kind: str
    number: int | None = None
    title: str | None = None
    text: str = ""
    line: int
    end_line: int
    depth: int = 0
    assignments: list[Assignment] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    children: list[Node] = Field(default_factory=list)
    page: int | None = Field(None, description="The page of the original the line lies on (PDF input); null for unpaged input.")


class Diagnostic(_Model):
    code: str
    severity: Severity
    message: str
    line: int | None = None
    column: int | None = None


class SourceInfo(_Model):
    path: str | None = None
    format: str = Field("text", description="What the file was: text, html, docx or pdf (read from its bytes).")
    sha256: str
    encoding: str
    bom: bool = False
    newline: str = "\n"
    lines: int
    bytes: int


class Meta(_Model):
    title: str | None = None
    title_line: int | None = None
    plan_title: str | None = Field(None, description="A covering notice's carried plan (关于印发《X》的通知 → X).")
    issuer: str | None = None
    date: str | None = None
    date_line: int | None = None
    addressees: str | None = None
    draft: bool = False
    doc_number: str | None = Field(None, description="The notice's own document number, if it states one.")
    doc_numbers: list[str] = Field(default_factory=list, description="Every document number cited, in order.")
    attachments: list[str] = Field(default_factory=list)
    implied_responsible: list[str] = Field(default_factory=list)
    first_listed_leads: bool = Field(False, description="The notice declares the first-listed unit the lead.")


class Document(_Model, DocumentTree):
    schema_version: str = SCHEMA_VERSION
    parser_version: str
    source: SourceInfo
    meta: Meta
    children: list[Node] = Field(default_factory=list)
    diagnostics: list[Diagnostic] = Field(default_factory=list)


Node.model_rebuild()
