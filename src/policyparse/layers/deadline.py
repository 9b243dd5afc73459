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
from functools import lru_cache
from typing import Any

from ..grammar import Grammar, load_grammar, rx
from ..output.records import Deadline
from ..text.numerals import chinese_to_int

_FOLD = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)},
                       "\u3000": " ", "－": "-", "～": "~", "“": '"', "”": '"'})
_Y = r"(?:\d{4}|[〇零○一二三四五六七八九]{4})"
_MO = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:\s*(?:[0-3]?\d|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号])?"
_YM = rf"(?P<y>{_Y})\s*年(?:\s*(?P<m>{_MO})\s*月{_DAY})?"
_RANGE = (rf"(?P<y1>{_Y})\s*年(?:\s*(?P<m1>{_MO})\s*月{_DAY})?\s*(?:[-—–~至到])\s*"
                       rf"(?:(?P<y2>{_Y})\s*年)?(?:\s*(?P<m2>{_MO})\s*月{_DAY})?")
_RANGE2 = rf"(?P<y1>{_Y})\s*[-—–~至到]\s*(?P<y2>{_Y})\s*年"
_BY = (rf"(?:到|至|于|於)\s*{_YM}|{_YM}\s*(?P<when>年?底|年?末|中|上半年|下半年)?\s*"
                    r"(?P<before>前|以前|之前|完成|内|內)?")
_FROM = _YM + r"\s*(?:起|开始|開始|启动|啟動)"
_PLAN = r'"?(?P<plan>十[一二三四五六七八九]?五)"?\s*(?P<when>期间|期間|时期|時期|内|內|末|期末)'


@lru_cache(maxsize=1)
def _patterns() -> tuple[Any, Any, Any, Any, Any]:
    """Compiled on the first deadline read: a notice without one never pays for them.
    The "by" pattern names its groups once per branch, which only ``regex`` accepts."""
    import regex

    return rx(_RANGE2), rx(_RANGE), rx(_FROM), regex.compile(_BY), rx(_PLAN)


def _num(s: str | None) -> int | None:
    if not s:
        return None
    return int(s) if s.isdigit() else chinese_to_int(s)


def _ongoing_re(g: Grammar) -> Any:
    pattern = getattr(g, "_deadline_ongoing_re", None)
    if pattern is None:
        words = sorted(set(g.data.clauses.deadline_ongoing), key=len, reverse=True)
        pattern = rx("|".join(re.escape(w) for w in words) or r"(?!)")
        g._deadline_ongoing_re = pattern  # compiled once per grammar
    return pattern


_FIELDS = ("kind", "year", "month", "end_year", "end_month")


def _deadline(raw: str, fields: dict[str, object]) -> Deadline:
    return Deadline(raw, *(fields.get(k) for k in _FIELDS))  # type: ignore[arg-type]


def parse_deadline(raw: str, g: Grammar | None = None) -> Deadline:
    """Read a raw deadline; unknown wordings keep ``kind='unknown'``."""
    g = g or load_grammar()
    key = ("deadline", raw)
    fields = g.memo.get(key)
    if fields is None:
        fields = g.memo[key] = _read(raw, g)
    return _deadline(raw, fields)  # type: ignore[arg-type]


def _read(raw: str, g: Grammar) -> dict[str, object]:
    text = raw.translate(_FOLD).strip()
    range2_re, range_re, from_re, by_re, plan_re = _patterns()
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
        if month is None and ("底" in when or "末" in when or when == "下半年"):
            month = 12
        elif month is None and when == "上半年":
            month = 6
        if m["before"] or when:
            offer(m.start(), 2, kind="by", year=_num(m["y"]), month=month)
        elif m.group(0).startswith(("到", "至", "于", "於")):
            # 到2017年实现…，其他工作常年推进: the dated part is the commitment
            offer(m.start(), 5, kind="by", year=_num(m["y"]), month=month)
        elif m.start("y") > 0 and _ongoing_re(g).search(text):
            offer(m.start(), 5, kind="ongoing")
        elif month is not None:
            offer(m.start(), 5, kind="by", year=_num(m["y"]), month=month)
        else:
            offer(m.start(), 5, kind="period", year=_num(m["y"]))
    m = plan_re.search(text)
    if m:
        periods = g.data.targets.plan_periods  # plan name → its last year
        end = periods.get(m["plan"])
        if end is not None:
            if "末" in m["when"]:
                offer(m.start(), 4, kind="by", year=end, month=12)
            else:
                offer(m.start(), 4, kind="period", year=end - 4, end_year=end)
    if best is not None:
        return best[2]
    if _ongoing_re(g).search(text):
        return {"kind": "ongoing"}
    return {"kind": "unknown"}
