"""``policyparse show``: a parsed notice laid out for an analyst on the terminal.

The numbering tree (markers and titles), under each item its responsibility clauses (roles
in the shared palette, deadline) and numeric targets, each fact with its source line in a
dim gutter, the diagnostics at the end. Paragraphs are not printed unless asked
(``text=True``): the facts under a heading are what an analyst checks, the text is in the
file. ``only`` narrows the view to the heading tree, a clause table or a target table.

Everything is built from rich ``Text`` objects, never from markup strings, so document text
such as ``[重点]`` is printed as written. rich measures cell widths, so CJK (two cells a
character) aligns and wraps inside the console's width.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

from ..parse.kinds import NodeKind, is_heading
from .style import COMPARATOR_SIGNS, ROLE_LABELS, ROLES, STYLES

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console, RenderableType
    from rich.text import Text

    from ..output.document import Assignment, Document, Node, Target

VIEWS = ("tree", "clauses", "targets")
COLOR_MODES = ("auto", "always", "never")

# a heading without a title (一、加快发展…。its text runs on) is shown by its first cells
_UNTITLED_CELLS = 48
# the item column of the tables: the heading's markers and the start of its title
_ITEM_TITLE_CELLS = 20
# the label column of a fact (lead / support / responsible / deadline / target …)
_LABEL_CELLS = max(len(w) for w in (*ROLE_LABELS.values(), "deadline", "target", "steps", "task"))
_INDENT = 2
# below this many columns (plus 12 a role column) the clause table becomes blocks
_TABLE_MIN_WIDTH = 40


def make_console(color: str = "auto", width: int | None = None, file: IO[str] | None = None) -> Console:
    """A console for ``show``: ``color`` is ``auto`` (colour on a terminal, unless NO_COLOR
    is set; FORCE_COLOR forces it), ``always`` (also when piped, e.g. into ``less -R``) or
    ``never``; ``width`` overrides the terminal's width."""
    from rich.console import Console

    common: dict[str, Any] = {"file": file, "width": width, "highlight": False, "emoji": False,
                              "markup": False, "soft_wrap": False}
    if color == "never" or (color == "auto" and os.environ.get("NO_COLOR")):
        # no colour system: rich writes no escape codes at all (its own NO_COLOR handling
        # drops colours but keeps bold and dim)
        return Console(color_system=None, force_terminal=False, **common)
    if color == "always":
        truecolor = os.environ.get("COLORTERM", "").lower() in ("truecolor", "24bit")
        return Console(force_terminal=True, color_system="truecolor" if truecolor else "256", **common)
    return Console(**common)


def render(doc: Document, console: Console, only: str | None = None, text: bool = False) -> None:
    """Print ``doc`` (the :class:`~policyparse.output.document.Document`) on ``console``.

    ``only`` is None for the whole view, or one of :data:`VIEWS`; ``text`` adds the text of
    paragraphs and of headings under their titles."""
    if only is not None and only not in VIEWS:
        raise ValueError(f"only must be one of {', '.join(VIEWS)} (got {only!r})")
    if console.color_system is not None:
        _print(doc, console, only, text)
        return
    # plain text: the same layout without the blanks rich pads each line with to the width
    with console.capture() as cap:
        _print(doc, console, only, text)
    console.file.write("".join(line.rstrip() + "\n" for line in cap.get().splitlines()))
    console.file.flush()


def _print(doc: Document, console: Console, only: str | None, text: bool) -> None:
    console.print(view(doc, console.width, only=only, text=text))


def view(doc: Document, width: int, only: str | None = None, text: bool = False) -> RenderableType:
    """The view of ``doc`` as one rich renderable, laid out for ``width`` columns (the
    clause table turns into blocks on a narrow terminal); :func:`render` prints it."""
    from rich.console import Group

    parts: list[RenderableType] = [_header(doc)]
    if only == "clauses":
        parts.append(_clause_table(doc, width))
    elif only == "targets":
        parts.append(_target_table(doc, width))
    else:
        parts.append(_tree(doc, facts=only is None, text=text))
    if doc.diagnostics and only is None:
        parts.append(_diagnostics(doc))
    return Group(*parts)


# ---------------------------------------------------------------- walking the tree


def _is_heading(node: Node) -> bool:
    return is_heading(node.marker, node.kind)


class _Row:
    """One row of the tree view: a source line (or none) and what is shown at a level."""

    __slots__ = ("fact", "kind", "level", "line", "node", "path")

    def __init__(self, line: int | None, level: int, kind: str, node: Node, fact: Any = None,
                 path: tuple[Node, ...] = ()) -> None:
        self.line = line
        self.level = level
        self.kind = kind  # heading, body, paragraph, clause, target
        self.node = node
        self.fact = fact
        self.path = path  # the headings above (and including) the row's item


def _rows(doc: Document, text: bool) -> Iterator[_Row]:
    """The rows of the view in document order: headings at their level, the facts of a
    heading and of the paragraphs under it one level deeper."""

    def walk(node: Node, level: int, path: tuple[Node, ...]) -> Iterator[_Row]:
        if _is_heading(node):
            path = (*path, node)
            yield _Row(node.line, level, "heading", node, path=path)
            if text and node.title is not None and node.text:
                yield _Row(None, level + 1, "body", node, path=path)
            inner = level + 1
        else:
            if text and node.kind != NodeKind.PREAMBLE and node.text:
                yield _Row(node.line, level, "paragraph", node, path=path)
            inner = level
        facts: list[tuple[int, int, int, str, Any]] = [
            (a.line, 0, i, "clause", a) for i, a in enumerate(node.assignments)]
        facts += [(t.line, 1, i, "target", t) for i, t in enumerate(node.targets)]
        for line, _order, _i, kind, fact in sorted(facts, key=lambda f: f[:3]):
            yield _Row(line, inner, kind, node, fact, path)
        for child in node.children:
            yield from walk(child, inner, path)

    for root in doc.children:
        yield from walk(root, 0, ())


def _count_facts(node: Node) -> tuple[int, int]:
    clauses, targets = len(node.assignments), len(node.targets)
    for c in node.children:
        a, t = _count_facts(c)
        clauses += a
        targets += t
    return clauses, targets


# ---------------------------------------------------------------- pieces of text


# control characters a text file may carry (an ESC would restyle the terminal; a
# backspace or CR would overwrite what was printed): shown as their Unicode pictures
_SAFE = {**{c: 0x2400 + c for c in range(32) if c != 9}, 0x7F: 0x2421, **{c: 0xFFFD for c in range(0x80, 0xA0)}}


def _safe(s: str) -> str:
    """Document text made safe to print: control characters (but tab) as visible symbols."""
    return s.translate(_SAFE)


def _clip(s: str, cells: int) -> Text:
    """``s`` on at most ``cells`` terminal cells, an ellipsis where it was cut."""
    from rich.cells import cell_len
    from rich.text import Text

    t = Text(_safe(s))
    if cell_len(s) > cells:
        t.truncate(cells, overflow="ellipsis")
    return t


def _heading_text(node: Node, title_cells: int | None = None) -> Text:
    from rich.text import Text

    out = Text()
    if node.marker:
        out.append(_safe(node.marker), style=STYLES["marker"])
    if node.title is not None:
        title = node.title if title_cells is None else _clip(node.title, title_cells).plain
        out.append(_safe(title), style=STYLES["title"])
    elif node.text:
        out.append_text(_clip(node.text, title_cells or _UNTITLED_CELLS))
    return out


def _item(path: tuple[Node, ...]) -> Text:
    """The item a fact belongs to: the markers of its headings and the start of the last title."""
    from rich.text import Text

    if not path:
        return Text("—", style=STYLES["label"])
    out = Text().append(_safe("".join(n.marker or "" for n in path[:-1])), style=STYLES["marker"])
    out.append_text(_heading_text(path[-1], _ITEM_TITLE_CELLS))
    return out


def _names(names: list[str], and_others: bool = False) -> str:
    """Department names as a list reads: 甲、乙等. A space after each 、 lets rich wrap
    between names instead of cutting one in two (CJK has no spaces to break at; a name
    longer than the column is still folded)."""
    return _safe("、 ".join(names) + ("等" if and_others else ""))


def _deadline(a: Assignment) -> Text | None:
    from rich.text import Text

    d = a.deadline
    if d is None:
        return None
    out = Text().append(_safe(d.raw), style=STYLES["deadline"])
    if d.year is not None:
        when = f"{d.year}" + (f"-{d.month:02d}" if d.month else "")
        if d.end_year is not None:
            when += f"…{d.end_year}" + (f"-{d.end_month:02d}" if d.end_month else "")
        out.append(f"  {d.kind} {when}", style=STYLES["label"])
    return out


def _number(v: float | None) -> str:
    if v is None:
        return "?"
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return str(v)


def _target_value(t: Target) -> Text:
    """value · unit · comparator · year as an analyst reads them: ``≥ 60% · 2020``."""
    from rich.text import Text

    out = Text()
    if t.comparator:
        out.append(COMPARATOR_SIGNS.get(t.comparator, t.comparator) + " ", style=STYLES["target"])
    out.append("*" if t.pending else _number(t.value), style=STYLES["target"])
    if t.unit:
        out.append(_safe(t.unit), style=STYLES["target"])
    if t.pending:
        out.append(" pending", style=STYLES["label"])
    if t.year is not None:
        out.append(f" · {t.year}", style=STYLES["label"])
    return out


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def _label(word: str, style: str | None = None) -> Text:
    from rich.text import Text

    return Text(word, style=style or STYLES["label"])


# ---------------------------------------------------------------- the views


def _header(doc: Document) -> RenderableType:
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    m, s = doc.meta, doc.source
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style=STYLES["meta.key"], no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")

    def at(line: int | None) -> str:
        return f"  line {line}" if line else ""

    title = Text().append(_safe(m.title) if m.title else "(no title found)", style=STYLES["meta.title"] if m.title else STYLES["label"])
    title.append(at(m.title_line), style=STYLES["label"])
    grid.add_row("title", title)
    if m.plan_title:
        grid.add_row("plan", Text(_safe(m.plan_title)))
    if m.issuer:
        grid.add_row("issuer", Text(_safe(m.issuer)))
    if m.date:
        grid.add_row("date", Text(_safe(m.date)).append(at(m.date_line), style=STYLES["label"]))
    if m.doc_numbers or m.doc_number:
        grid.add_row("number", Text(_safe("  ".join(m.doc_numbers or [m.doc_number or ""]))))
    if m.draft:
        grid.add_row("status", Text("draft (征求意见稿)", style=STYLES["warning"]))
    source = f"{s.path or '-'} · {s.format} · {s.encoding} · {s.lines} lines"
    grid.add_row("source", Text(_safe(source)))
    headings = sum(1 for n in doc.iter_nodes() if _is_heading(n))
    found = " · ".join([_n(headings, "heading"), _n(len(doc.all_assignments()), "clause"),
                        _n(len(doc.all_targets()), "target"), _n(len(doc.diagnostics), "diagnostic")])
    grid.add_row("found", Text(found))
    legend = Text()
    for role in ROLES:
        legend.append(ROLE_LABELS[role], style=STYLES[role]).append("  ")
    legend.append("deadline", style=STYLES["deadline"]).append("  ")
    legend.append("target", style=STYLES["target"])
    grid.add_row("key", legend)
    return Panel(grid, expand=True)


def _fact_grid() -> Any:
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, min_width=_LABEL_CELLS)
    grid.add_column(ratio=1, overflow="fold")
    return grid


def _clause(a: Assignment) -> RenderableType:
    from rich.text import Text

    grid = _fact_grid()
    if a.task:
        grid.add_row(_label("task"), Text(_safe(a.task)))
    roles = [r for r in ROLES if getattr(a, r)]
    for i, role in enumerate(roles):
        others = a.and_others and i == len(roles) - 1
        grid.add_row(_label(ROLE_LABELS[role], STYLES[role].replace("bold ", "")),
                     Text(_names(getattr(a, role), others), style=STYLES[role]))
    if not roles:
        grid.add_row(_label("clause"), Text(_safe(a.raw)))
    deadline = _deadline(a)
    if deadline is not None:
        grid.add_row(_label("deadline", STYLES["deadline"]), deadline)
    if a.steps:
        grid.add_row(_label("steps"), Text(_safe(a.steps)))
    return grid


def _target(t: Target) -> RenderableType:
    from rich.text import Text

    grid = _fact_grid()
    # the parsed value first (what an analyst scans), then the words it was read from
    body = Text()
    body.append_text(_target_value(t))
    body.append("  " + _safe(t.text))
    grid.add_row(_label("target", STYLES["target"].replace("bold ", "")), body)
    return grid


def _tree(doc: Document, facts: bool, text: bool) -> RenderableType:
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(justify="right", style=STYLES["gutter"], no_wrap=True,
                    min_width=len(str(doc.source.lines)))
    grid.add_column(ratio=1, overflow="fold")
    shown = 0
    page: int | None = None
    for row in _rows(doc, text):
        body: RenderableType
        row_page = (row.fact if row.fact is not None else row.node).page
        if row_page is not None and row_page != page and (facts or row.kind == "heading"):
            # a paged original (PDF): where each page begins, so a fact can be found on paper
            page = row_page
            grid.add_row(Text(""), Rule(Text(f"page {page}"), style=STYLES["label"], align="left"))
        if row.kind == "heading":
            body = _heading_text(row.node)
            if not facts:
                clauses, targets = _count_facts(row.node)
                counts = [_n(clauses, "clause")] if clauses else []
                counts += [_n(targets, "target")] if targets else []
                if counts:
                    body.append("  " + " · ".join(counts), style=STYLES["label"])
        elif not facts:
            continue
        elif row.kind in ("body", "paragraph"):
            body = Text(_safe(row.node.text), style=STYLES["text"])
        elif row.kind == "clause":
            body = _clause(row.fact)
        else:
            body = _target(row.fact)
        indent = _INDENT * row.level
        grid.add_row(Text(str(row.line) if row.line and row.kind != "body" else ""),
                     Padding(body, (0, 0, 0, indent)) if indent else body)
        shown += 1
    if not shown:
        return Text("no numbered headings, clauses or targets found", style=STYLES["label"])
    return grid


def _table(*headers: str) -> Any:
    from rich import box
    from rich.table import Table

    # columns as wide as their contents; rich narrows the widest when the table does not fit
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
    for h in headers:
        if h == "line":
            table.add_column(h, justify="right", style=STYLES["gutter"], no_wrap=True)
        else:
            table.add_column(h, overflow="fold")
    return table


def _clause_table(doc: Document, width: int) -> RenderableType:
    """Every responsibility clause a row: line, item, lead, support, responsible, deadline.

    A column no clause of the notice fills is left out (named under the table); on a
    terminal too narrow for the columns each clause is a block of labelled rows instead."""
    from rich.console import Group
    from rich.text import Text

    rows = [r for r in _rows(doc, text=False) if r.kind == "clause"]
    if not rows:
        return Text("no responsibility clauses found", style=STYLES["label"])
    columns = [c for c in ROLES if any(getattr(r.fact, c) for r in rows)]
    if any(r.fact.deadline is not None for r in rows):
        columns.append("deadline")
    empty = [c for c in (*ROLES, "deadline") if c not in columns]
    if width < _TABLE_MIN_WIDTH + 12 * len(columns):
        return _stacked(rows, doc)
    table = _table("line", "item", *columns)
    for col in table.columns[2:]:
        col.header_style = STYLES[col.header]  # type: ignore[index]
    items = [Text(_safe(r.fact.task)) if r.fact.task else _item(r.path) for r in rows]
    _fix_item_width(table, items, width)
    for row, item in zip(rows, items):
        a = row.fact
        roles = [r for r in ROLES if getattr(a, r)]
        cells = [_deadline(a) or Text("") if c == "deadline" else
                 Text(_names(getattr(a, c), a.and_others and c == roles[-1]), style=STYLES[c]) for c in columns]
        table.add_row(Text(str(a.line)), item, *cells)
    if empty:
        note = Text(f"no clause names {' or '.join(c if c != 'deadline' else 'a deadline' for c in empty)}",
                    style=STYLES["label"])
        return Group(table, note)
    return table


def _stacked(rows: list[_Row], doc: Document) -> RenderableType:
    """Clauses as blocks (the item, then a row per role) for a narrow terminal."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(justify="right", style=STYLES["gutter"], no_wrap=True, min_width=len(str(doc.source.lines)))
    grid.add_column(ratio=1, overflow="fold")
    for row in rows:
        a = row.fact
        grid.add_row(Text(str(a.line)), Group(_item(row.path) if not a.task or row.path else Text(""),
                                              _clause(a)))
    return grid


def _target_table(doc: Document, width: int) -> RenderableType:
    """Every numeric target a row: line, item, the target as written, its value and year."""
    from rich.text import Text

    rows = [r for r in _rows(doc, text=False) if r.kind == "target"]
    if not rows:
        return Text("no numeric targets found", style=STYLES["label"])
    table = _table("line", "item", "target", "value")
    items = [_item(r.path) for r in rows]
    _fix_item_width(table, items, width)
    for row, item in zip(rows, items):
        t = row.fact
        table.add_row(Text(str(t.line)), item, Text(_safe(t.text)), _target_value(t))
    return table


def _fix_item_width(table: Any, items: list[Text], width: int) -> None:
    """The item column as wide as its longest item, up to a quarter of the terminal: rich
    narrows the widest columns first when a table does not fit, which would cut the short
    item column down to the width of the long name lists."""
    from rich.cells import cell_len

    table.columns[1].width = max(4, min(max(cell_len(t.plain) for t in items), width // 4))


def _diagnostics(doc: Document) -> RenderableType:
    from rich.console import Group
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(justify="right", style=STYLES["gutter"], no_wrap=True, min_width=len(str(doc.source.lines)))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    for d in doc.diagnostics:
        sev = Text(d.severity, style=STYLES.get(d.severity, ""))
        grid.add_row(Text(str(d.line) if d.line else ""), sev,
                     Text().append(_safe(d.code), style=STYLES["label"]).append("  " + _safe(d.message)))
    return Group(Rule(Text("diagnostics"), style=STYLES["label"], align="left"), grid)


__all__ = ["COLOR_MODES", "VIEWS", "make_console", "render", "view"]
