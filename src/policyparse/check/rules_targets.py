"""Target rules (PP3xx): placeholder values and deadlines that are already past."""

from __future__ import annotations

from collections.abc import Iterator

from ..output.document import Deadline
from .context import Context
from .registry import Hit, rule


@rule("PP301", "target-placeholder", "info", "A target's value is a placeholder (*).",
      what="A numeric target whose value is a placeholder such as * or ×, to be set later.",
      why="The figure is not in the text: whoever relies on the extracted targets must fetch it elsewhere "
          "(usually a later allocation by the State Council).",
      example="新增建设用地*万亩（*为待国家分解下达目标，下同）。")
def placeholder(ctx: Context) -> Iterator[Hit]:
    for t in ctx.doc.all_targets():
        if t.pending:
            yield Hit(t.line, _placeholder_col(ctx, t) + 1, f"target “{t.text}” has a placeholder value: the figure is still to be set",
                      end_column=t.span.end + 1)


def _placeholder_col(ctx: Context, t) -> int:
    """0-based column of the placeholder itself (the target's span may start at its subject)."""
    line = ctx.src.lines[t.line - 1]
    placeholders = ctx.grammar.data.targets.placeholders
    for i in range(t.span.start, min(t.span.end, len(line))):
        if any(line.startswith(p, i) for p in placeholders if not p.isalpha()):
            return i
    return t.span.start


def _end(d: Deadline) -> tuple[int, int] | None:
    """The last month a deadline allows, as (year, month)."""
    if d.kind == "by" and d.year:
        return d.year, d.month or 12
    if d.kind in ("range", "period") and (d.end_year or d.year):
        return (d.end_year or d.year or 0), (d.end_month or 12)
    return None


@rule("PP302", "deadline-before-date", "warning", "A deadline ends before the notice was issued.",
      what="A responsibility clause whose deadline (完成时限 2015年底前, 2014-2015年) ends before the "
           "notice's own date.",
      why="A deadline that had already passed when the notice was signed is almost always a typo in the year "
          "(2015 for 2017); tracking would mark the task overdue from day one.",
      example="辽宁省人民政府\n2016年4月1日\n……（牵头部门：省商务厅；推进时限：2015年底前）")
def deadline_before_date(ctx: Context) -> Iterator[Hit]:
    date = ctx.doc.meta.date
    if not date:
        return
    try:
        year, month = int(date[:4]), int(date[5:7])
    except ValueError:
        return
    for a in ctx.doc.all_assignments():
        if a.deadline is None:
            continue
        end = _end(a.deadline)
        if end is not None and end < (year, month):
            line = ctx.src.lines[a.line - 1]
            i = line.find(a.deadline.raw)
            yield Hit(a.line, (i if i >= 0 else (a.span.start if a.span else 0)) + 1,
                      f"deadline {a.deadline.raw} ends before the notice's date {date}")
