"""Normalise a labelled deadline (推进时限/完成时限/时间节点) into kind, year, month.

The raw text is always kept; the normalised form is a reading aid:
``常年推进`` → ongoing; ``2022年10月底前`` → by 2022-10; ``2016年起`` → from 2016;
``2016年至2020年`` → range 2016–2020; ``"十三五"期间`` → period 2016–2020.
"""

from __future__ import annotations

import regex

from ..models import Deadline
from ..numerals import chinese_to_int

_ONGOING = regex.compile(r"常年|长期|長期|持续|持續|常态|常態|长效|每年|定期|逐步推进|持续推进")
_YM = r"(?P<y>\d{4}|[〇零一二三四五六七八九]{4})\s*年(?:\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月)?"
_RANGE = regex.compile(r"(?P<y1>\d{4})\s*年(?:\s*(?P<m1>\d{1,2})\s*月)?\s*(?:[-－—–~～至到])\s*"
                       r"(?P<y2>\d{4})\s*年(?:\s*(?P<m2>\d{1,2})\s*月)?")
_RANGE2 = regex.compile(r"(?P<y1>\d{4})\s*[-－—–~～至到]\s*(?P<y2>\d{4})\s*年")
_BY = regex.compile(_YM + r"\s*(?:底|末|中|上半年|下半年)?\s*(?:前|以前|之前|完成|内)")
_FROM = regex.compile(_YM + r"\s*(?:起|开始|開始|启动|啟動|试点|試點)")
_YEAR = regex.compile(_YM + r"(?P<end>底|末)?")
_PERIOD = regex.compile(r"[“\"‘']?(十[一二三四五六七八九]?五)[”\"’']?\s*(?:期间|期間|时期|時期|末|内)")
_PLAN = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026}


def _num(s: str | None) -> int | None:
    if not s:
        return None
    return int(s) if s.isdigit() else chinese_to_int(s)


def parse_deadline(raw: str) -> Deadline:
    """Read a raw deadline; unknown wordings keep ``kind='unknown'``."""
    text = raw.strip()
    m = _RANGE2.search(text)
    if m:
        return Deadline(raw=raw, kind="range", year=int(m["y1"]), end_year=int(m["y2"]))
    m = _RANGE.search(text)
    if m and m["y1"] and m["y2"]:
        return Deadline(raw=raw, kind="range", year=_num(m["y1"]), month=_num(m["m1"]),
                        end_year=_num(m["y2"]), end_month=_num(m["m2"]))
    m = _BY.search(text)
    if m:
        month = _num(m["m"])
        tail = text[m.end("y"):m.end()]
        if month is None and ("底" in tail or "末" in tail):
            month = 12
        elif month is None and "上半年" in tail:
            month = 6
        return Deadline(raw=raw, kind="by", year=_num(m["y"]), month=month)
    m = _FROM.search(text)
    if m:
        return Deadline(raw=raw, kind="from", year=_num(m["y"]), month=_num(m["m"]))
    m = _PERIOD.search(text)
    if m and m.group(1) in _PLAN:
        start = _PLAN[m.group(1)]
        return Deadline(raw=raw, kind="period", year=start, end_year=start + 4)
    m = _YEAR.search(text)
    if m:
        if _ONGOING.search(text) and text.index(m.group(0)) > 0:
            return Deadline(raw=raw, kind="ongoing")
        month = _num(m["m"]) or (12 if m["end"] else None)
        return Deadline(raw=raw, kind="by" if m["end"] else "period", year=_num(m["y"]), month=month)
    if _ONGOING.search(text):
        return Deadline(raw=raw, kind="ongoing")
    return Deadline(raw=raw, kind="unknown")
