"""Numbers as notices write them: Chinese numerals, circled digits, full-width digits."""

from __future__ import annotations

from enum import Enum


class Numeral(str, Enum):
    """How a marker kind writes its number (``numeral`` in ``grammars/markers.yaml``)."""

    CHINESE = "chinese"  # 一 十一 二十 (and plain digits): positional reading
    ARABIC = "arabic"  # 1 12, and the enclosed forms ⑴ ⒈
    DECIMAL = "decimal"  # 1.2.3: the last component
    CIRCLED = "circled"  # ① ㉑ ❶
    LATIN = "latin"  # a b c: the letter's place in the alphabet

    def __str__(self) -> str:
        return str.__str__(self)


_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6,
           "柒": 7, "捌": 8, "玖": 9, "貳": 2, "參": 3, "叄": 3, "陸": 6}
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}


def chinese_to_int(s: str) -> int | None:
    """Positional reading: 十一 → 11, 二十 → 20, 一百零一 → 101, 两千 → 2000, 廿一 → 21.
    A run of plain digits (二〇一六) reads digit by digit. None if not a numeral."""
    if not s:
        return None
    if "廿" in s or "卅" in s:  # 廿 = 二十, 卅 = 三十 (dates and some old numbering)
        s = s.replace("廿", "二十").replace("卅", "三十")
    if s.isdigit():
        return int(s)
    if all(c in _DIGITS for c in s) and len(s) > 1:
        return int("".join(str(_DIGITS[c]) for c in s))
    total = section = 0
    number = 0
    seen = False
    for c in s:
        if c in _DIGITS:
            number = _DIGITS[c]
            seen = True
        elif c in _UNITS:
            section += (number if seen and number else 1) * _UNITS[c]
            number, seen = 0, False
        elif c in _BIG:
            section += number
            total += (section or 1) * _BIG[c]
            section, number, seen = 0, 0, False
        else:
            return None
    return total + section + number


_CIRCLED_RANGES = [(0x2460, 1), (0x2474, 1), (0x2488, 1), (0x3251, 21), (0x32B1, 36), (0x2776, 1), (0x2780, 1),
                   (0x278A, 1), (0x3220, 1)]
_CIRCLED_LEN = {0x2460: 20, 0x2474: 20, 0x2488: 20, 0x3251: 15, 0x32B1: 15, 0x2776: 10, 0x2780: 10, 0x278A: 10,
                0x3220: 10}


def enclosed_to_int(ch: str) -> int | None:
    """① → 1, ⑴ → 1, ⒈ → 1, ㉑ → 21, ❶ → 1, ㈠ → 1."""
    o = ord(ch)
    for start, first in _CIRCLED_RANGES:
        if start <= o < start + _CIRCLED_LEN[start]:
            return first + (o - start)
    return None


_DECIMAL, _LATIN = Numeral.DECIMAL, Numeral.LATIN  # module names: read per heading line


def marker_number(num: str, numeral: str) -> int | None:
    """The ordinal a marker's number group stands for; ``numeral`` is a :class:`Numeral`
    (or its value, as the grammar's cached data holds it)."""
    if not num:
        return None
    if len(num) == 1 and enclosed_to_int(num) is not None:
        return enclosed_to_int(num)
    if numeral == _DECIMAL:
        try:
            return int(num.split(".")[-1])
        except ValueError:
            return None
    if numeral == _LATIN:
        return ord(num.lower()) - ord("a") + 1
    if num.isdigit():
        return int(num)
    return chinese_to_int(num)
