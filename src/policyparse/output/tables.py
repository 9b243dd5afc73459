"""The tables: one definition of their columns and rows, shared by every table format.

A document (its JSON data, as ``extract`` writes it or ``batch`` reads it back) becomes
three tables, one row per record with the file and the line it came from:

- ``assignments``: a responsibility clause (lead / support / responsible departments, deadline);
- ``targets``: a numeric target (subject, value, unit, comparator, year);
- ``headings``: a numbered heading, a box (专栏) or an appendix — the nodes that make up a
  section path.

Rows hold typed values (``str``, ``int``, ``float``, ``datetime.date``, ``list[str]``, or
None); each format renders them its own way (:mod:`policyparse.output.table_files`): CSV as text
(lists joined with 、, None as an empty cell), Excel with numbers and dates as such,
Parquet with the column types of :attr:`Column.kind`. A column marked ``csv=False`` is a
typed companion that the CSV files leave out (they keep their columns as they were).
"""

from __future__ import annotations

import datetime
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..parse.kinds import is_heading

# kinds of column values: str, int (64-bit), float (64-bit), date, list (of strings)
KINDS = ("str", "int", "float", "date", "list")


@dataclass(frozen=True)
class Column:
    """A column: its name, the kind of its values, and whether the CSV file has it."""

    name: str
    kind: str = "str"
    csv: bool = True


@dataclass(frozen=True)
class Table:
    """A table's name and columns (in order)."""

    name: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def csv_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.csv)


ASSIGNMENTS = Table("assignments", (
    Column("file"), Column("section_path"), Column("item_title"),
    Column("lead", "list"), Column("support", "list"), Column("responsible", "list"),
    Column("deadline"),
    # the deadline's year and month as a date (the month's first day), and what the date
    # means (by, from, range, period, ongoing…); the raw text stays beside them
    Column("deadline_date", "date", csv=False), Column("deadline_kind", csv=False),
    Column("line", "int"),
    Column("page", "int", csv=False),
))
TARGETS = Table("targets", (
    Column("file"), Column("section_path"), Column("subject"), Column("value", "float"), Column("unit"),
    Column("comparator"), Column("year", "int"), Column("line", "int"),
    Column("page", "int", csv=False),
))
HEADINGS = Table("headings", (
    Column("file"), Column("section_path"), Column("marker"), Column("kind"), Column("number", "int"),
    Column("title"), Column("depth", "int"), Column("line", "int"), Column("end_line", "int"),
    Column("page", "int"),
))
TABLES = (ASSIGNMENTS, TARGETS, HEADINGS)
TABLE_NAMES = tuple(t.name for t in TABLES)

Row = tuple[Any, ...]


# ---------------------------------------------------------------------------- section paths

_MARKER_TAIL = "、．.，, \u3000\t"


def section_label(node: dict[str, Any]) -> str | None:
    """A heading's part of a section path: its marker without trailing punctuation
    (一、 → 一, （五） stays, 专栏3 stays), or an appendix's title; None for other nodes."""
    marker = node.get("marker")
    if not is_heading(marker, node.get("kind", "")):
        return None
    if marker is not None:
        return marker.rstrip(_MARKER_TAIL) or marker
    return (node.get("title") or "附件").strip()


def iter_nodes(data: dict[str, Any]) -> Iterator[tuple[dict[str, Any], str, str]]:
    """Every node depth-first with its section path (``二/（五）``) and the title of the
    nearest heading (the node's own when it is one)."""
    stack: list[tuple[dict[str, Any], tuple[str, ...], str]] = [
        (n, (), "") for n in reversed(data.get("children") or [])]
    while stack:
        node, parent_path, parent_title = stack.pop()
        label = section_label(node)
        path = parent_path + (label,) if label is not None else parent_path
        title = (node.get("title") or "") if label is not None else parent_title
        yield node, "/".join(path), title
        stack.extend((c, path, title) for c in reversed(node.get("children") or []))


# ---------------------------------------------------------------------------- rows


def _number(v: Any) -> int | float | None:
    # kept as the document has it (a whole number may be an int: CSV writes 11, not 11.0);
    # a non-finite value is null, as in the JSON output
    if isinstance(v, float) and not math.isfinite(v):
        return None
    return v


def month_date(year: Any, month: Any) -> datetime.date | None:
    """The first day of a year's month, when both are known (and make a date)."""
    if not isinstance(year, int) or not isinstance(month, int):
        return None
    try:
        return datetime.date(year, month, 1)
    except ValueError:
        return None


def assignment_row(file: str, section: str, title: str, a: dict[str, Any]) -> Row:
    """One assignments row; a task-table row's item title is its task."""
    deadline = a.get("deadline") or {}
    return (file, section, a.get("task") or title, list(a.get("lead") or []), list(a.get("support") or []),
            list(a.get("responsible") or []), deadline.get("raw"),
            month_date(deadline.get("year"), deadline.get("month")), deadline.get("kind"), a.get("line"),
            a.get("page"))


def target_row(file: str, section: str, t: dict[str, Any]) -> Row:
    """One targets row."""
    return (file, section, t.get("subject"), _number(t.get("value")), t.get("unit"), t.get("comparator"),
            t.get("year"), t.get("line"), t.get("page"))


def heading_row(file: str, section: str, node: dict[str, Any]) -> Row:
    """One headings row (for a node that has a section label)."""
    return (file, section, node.get("marker"), node.get("kind"), node.get("number"), node.get("title"),
            node.get("depth"), node.get("line"), node.get("end_line"), node.get("page"))


@dataclass
class DocumentRows:
    """A document's rows, by table, and the counts batch reports."""

    assignments: list[Row]
    targets: list[Row]
    headings: list[Row]
    sections: int = 0  # headings with a marker (an appendix has none)
    n_assignments: int = 0
    n_targets: int = 0

    def by_table(self) -> dict[str, list[Row]]:
        return {"assignments": self.assignments, "targets": self.targets, "headings": self.headings}


def document_rows(data: dict[str, Any], file: str, rows: bool = True) -> DocumentRows:
    """A document's table rows (and counts) from its JSON data; ``rows=False`` counts only."""
    out = DocumentRows([], [], [])
    for node, section, title in iter_nodes(data):
        if node.get("marker") is not None:
            out.sections += 1
        assignments = node.get("assignments") or []
        targets = node.get("targets") or []
        out.n_assignments += len(assignments)
        out.n_targets += len(targets)
        if not rows:
            continue
        if section_label(node) is not None:
            out.headings.append(heading_row(file, section, node))
        out.assignments.extend(assignment_row(file, section, title, a) for a in assignments)
        out.targets.extend(target_row(file, section, t) for t in targets)
    return out


# ---------------------------------------------------------------------------- CSV cells


def _csv_str(v: Any) -> Any:
    return "" if v is None else v


def _csv_float(v: Any) -> Any:
    # as in the JSON output (no locale, no exponent surprises); an int stays an int
    return "" if v is None else json.dumps(v) if isinstance(v, float) else v


def _csv_list(v: Any) -> str:
    return "、".join(v or [])


def _csv_date(v: Any) -> str:
    return "" if v is None else v.isoformat()


_CSV_CELL = {"str": _csv_str, "int": _csv_str, "float": _csv_float, "list": _csv_list, "date": _csv_date}


def csv_formatter(table: Table) -> Any:
    """A function from a row of ``table`` to its CSV cells (the columns with ``csv=True``)."""
    cells = [(i, _CSV_CELL[c.kind]) for i, c in enumerate(table.columns) if c.csv]

    def fmt(row: Row) -> list[Any]:
        return [f(row[i]) for i, f in cells]

    return fmt


__all__ = ["ASSIGNMENTS", "HEADINGS", "KINDS", "TABLES", "TABLE_NAMES", "TARGETS", "Column", "DocumentRows",
           "Row", "Table", "assignment_row", "csv_formatter", "document_rows", "heading_row", "iter_nodes",
           "month_date", "section_label", "target_row"]
