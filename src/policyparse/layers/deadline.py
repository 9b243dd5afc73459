"""Normalise a labelled deadline (推进时限/完成时限/时间节点) into kind, year, month.

The raw text is always kept; the normalised form is a reading aid:
``常年推进`` → ongoing; ``2022年10月底前`` → by 2022-10; ``2016年底前`` → by 2016-12;
``2016年起`` → from 2016; ``2016年至2020年`` / ``2016-2020年`` → range 2016–2020;
``"十三五"期间`` → period 2016–2020. Full-width digits and Chinese-numeral years
(二〇二二年十月底前) read the same. When a text holds several wordings, a range wins over a
dated "by", which wins over "from", a plan period, and a bare date; a bare date in a text
that also says the work is ongoing (到2017年实现…，其他工作常年推进) reads as ongoing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..grammar import Grammar, load_grammar, rx
from ..output.document import Deadline
from ..text.numerals import chinese_to_int

_FOLD = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)},
                       "\u3000": " ", "－": "-", "～": "~", "“": '"', "”": '"'})
# The date syntax: a year, month and day in Arabic or Chinese numerals (二〇二二年十月), and
# the dashes that join a range. The words around a date (底, 前, 起, 期间 …) are grammar data:
# ``clauses.deadline_words`` (grammars/clauses.yaml), the plan names ``targets.plan_periods``.
_Y = r"(?:\d{4}|[〇零○一二三四五六七八九]{4})"
_MO = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:\s*(?:[0-3]?\d|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号])?"
_YM = rf"(?P<y>{_Y})\s*年(?:\s*(?P<m>{_MO})\s*月{_DAY})?"
_DASHES = "-—–~"


def _alt(words) -> str:
    """A regex alternation, longest word first; one that never matches when empty."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) or "(?!)"


@dataclass(frozen=True)
class _Tables:
    """A grammar's deadline wording, compiled: built on the first deadline read, so a
    notice without one never pays for it."""

    range2: Any
    range_: Any
    from_: Any
    by: Any
    plan: Any
    ongoing: Any
    by_openers: tuple[str, ...]
    end_months: dict[str, int | None]
    plan_ends: tuple[str, ...]
    periods: dict[str, int]

    @classmethod
    def build(cls, g: Grammar) -> _Tables:
        w = g.data.clauses.deadline_words
        joins = "(?:[" + re.escape(_DASHES) + "]" + "".join("|" + re.escape(j) for j in w.range_words) + ")"
        range_ = (rf"(?P<y1>{_Y})\s*年(?:\s*(?P<m1>{_MO})\s*月{_DAY})?\s*{joins}\s*"
                  rf"(?:(?P<y2>{_Y})\s*年)?(?:\s*(?P<m2>{_MO})\s*月{_DAY})?")
        range2 = rf"(?P<y1>{_Y})\s*{joins}\s*(?P<y2>{_Y})\s*年"
        by = (rf"(?:{_alt(w.by_openers)})\s*{_YM}|{_YM}\s*(?P<when>{_alt(w.date_ends)})?\s*"
              rf"(?P<before>{_alt(w.before)})?")
        from_ = _YM + rf"\s*(?:{_alt(w.from_words)})"
        periods = dict(g.data.targets.plan_periods)  # plan name → its last year
        plan = (rf'"?(?P<plan>{_alt(periods)})"?\s*(?P<when>{_alt(w.plan_within + w.plan_ends)})')
        # the "by" pattern names its groups once per branch, which only ``regex`` accepts
        import regex

        return cls(rx(range2), rx(range_), rx(from_), regex.compile(by), rx(plan),
                   rx(_alt(g.data.clauses.deadline_ongoing)), tuple(w.by_openers), dict(w.date_ends),
                   tuple(w.plan_ends), periods)


_CACHE: dict[str, _Tables] = {}


def _tables(g: Grammar) -> _Tables:
    t = _CACHE.get(g.fingerprint)
    if t is None:
        t = _CACHE[g.fingerprint] = _Tables.build(g)
    return t


def _num(s: str | None) -> int | None:
    if not s:
        return None
    return int(s) if s.isdigit() else chinese_to_int(s)


_FIELDS = ("kind", "year", "month", "end_year", "end_month")


def parse_deadline(raw: str, g: Grammar | None = None) -> Deadline:
    """Read a raw deadline; unknown wordings keep ``kind='unknown'``."""
    return Deadline(*deadline_fields(raw, g))


def deadline_fields(raw: str, g: Grammar | None = None) -> tuple:
    """The fields of :func:`parse_deadline`'s record, in its order (raw, kind, year, month,
    end_year, end_month): memoised, and no record made for a caller that makes its own."""
    g = g or load_grammar()
    key = ("deadline-fields", raw)
    fields = g.memo.get(key)
    if fields is None:
        read = _read(raw, g)
        fields = g.memo[key] = (raw, *(read.get(k) for k in _FIELDS))
    return fields  # type: ignore[return-value]


def _read(raw: str, g: Grammar) -> dict[str, object]:
    text = raw.translate(_FOLD).strip()
    tb = _tables(g)
    range2_re, range_re, from_re, by_re, plan_re = tb.range2, tb.range_, tb.from_, tb.by, tb.plan
    best: tuple[int, int, dict[str, object]] | None = None

    def offer(start: int, rank: int, **fields: object) -> None:
        nonlocal best
        if best is None or (rank, start) < best[:2]:
            best = (rank, start, fields)

    m = range2_re.search(text)
    if m:
        offer(m.start(), 0, kind="range", year=_num(m["y1"]), end_year=_num(m["y2"]))
    m = range_re.search(text)
    if m and (m["y2"] or m["m2"]):
        y1 = _num(m["y1"])
        offer(m.start(), 1, kind="range", year=y1, month=_num(m["m1"]),
              end_year=_num(m["y2"]) or y1, end_month=_num(m["m2"]))
    m = from_re.search(text)
    if m:
        offer(m.start(), 3, kind="from", year=_num(m["y"]), month=_num(m["m"]))
    m = by_re.search(text)
    if m:
        when = m["when"] or ""
        month = _num(m["m"])
        if month is None:
            month = tb.end_months.get(when)
        if m["before"] or when:
            offer(m.start(), 2, kind="by", year=_num(m["y"]), month=month)
        elif m.group(0).startswith(tb.by_openers):
            # 到2017年实现…，其他工作常年推进: the dated part is the commitment
            offer(m.start(), 5, kind="by", year=_num(m["y"]), month=month)
        elif m.start("y") > 0 and tb.ongoing.search(text):
            offer(m.start(), 5, kind="ongoing")
        elif month is not None:
            offer(m.start(), 5, kind="by", year=_num(m["y"]), month=month)
        else:
            offer(m.start(), 5, kind="period", year=_num(m["y"]))
    m = plan_re.search(text)
    if m:
        end = tb.periods.get(m["plan"])
        if end is not None:
            if m["when"] in tb.plan_ends:
                offer(m.start(), 4, kind="by", year=end, month=12)
            else:
                offer(m.start(), 4, kind="period", year=end - 4, end_year=end)
    if best is not None:
        return best[2]
    if tb.ongoing.search(text):
        return {"kind": "ongoing"}
    return {"kind": "unknown"}
