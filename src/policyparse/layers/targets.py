"""Numeric targets: value, unit, comparator, target year.

A quantity is a target when the text commits to it:

* a comparator word stands right before it (达到42%, 不少于4000场, 下降20%, 控制在…),
  possibly with a qualifier after it (80%以上, 50%左右);
* an indicator noun stands right before it (耕地保有量6902万亩, 比例1.16%);
* a count follows a verb of building or reaching (建设200个基地, 培育50个).

Ordinals (第十五届), identifiers (12365), specifications (500千伏), years and
document numbers are never values. Placeholders (*万亩) give ``value=None,
pending=True``. Matching runs on the folded line (６．５％ → 6.5%), spans and text
come from the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from ..grammar import Grammar
from ..records import Span, Target
from ..source import SourceText


def _alt(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@dataclass
class _Compiled:
    rx: regex.Pattern
    before_cmp: dict[str, str]
    after_cmp: dict[str, str]
    year_rx: regex.Pattern
    period_rx: regex.Pattern
    periods: dict[str, int]
    indicator_rx: regex.Pattern
    count_rx: regex.Pattern
    not_before_rx: regex.Pattern
    cmp_rx: regex.Pattern
    cmp_end_rx: regex.Pattern
    cmp_reach: int
    qty_rx: regex.Pattern
    quick_rx: re.Pattern
    unit_quick_rx: re.Pattern | None
    year_only_rx: regex.Pattern
    after_rx: regex.Pattern
    count_any_rx: regex.Pattern
    statistic_rx: regex.Pattern | None
    aim_rx: regex.Pattern | None
    time_units: frozenset[str]
    rule_rx: regex.Pattern | None
    per_unit_rx: regex.Pattern | None
    standard_rx: regex.Pattern | None
    weak: frozenset[str]
    baseline_rx: regex.Pattern | None
    need_unit: frozenset[str]
    need_amount: frozenset[str]
    not_for_time: frozenset[str]
    magnitudes: tuple[str, ...]
    attributive: tuple[str, ...]
    placeholders: frozenset[str]
    percent: frozenset[str]
    spec_units: frozenset[str]
    pct_verb_rx: regex.Pattern | None = None


_CACHE: dict[str, _Compiled] = {}
# characters that end a list of quantities sharing one verb
_LIST_BREAKS = frozenset("，。；：,;:！？!?（）()")


def _unit_quick_rx(t) -> re.Pattern | None:
    """A stdlib pattern that every match of ``rx`` contains: a placeholder's first
    character, or a digit, an optional space and a unit's first character.

    A superset test (its classes hold all that regex's ``\\d``/``\\s`` hold: stdlib
    ``\\s`` adds four control characters, and ``\\d`` misses only astral digits, so
    every astral character counts as one), cheap on the short lines ``quick_rx`` lets
    through; most of them hold numbers with no unit (list numbers, 5G, dates). None when
    the grammar lets ``rx`` match an empty placeholder or unit: no such test then."""
    units = (t.percent, t.magnitudes, t.measures + t.spec_units)
    if not t.placeholders or any(not ws or "" in ws for ws in (t.placeholders, *units)):
        return None
    ph0 = "".join(sorted({re.escape(p[0]) for p in t.placeholders}))
    u0 = "".join(sorted({re.escape(w[0]) for ws in units for w in ws}))
    return re.compile("[" + ph0 + r"]|[\d\U00010000-\U0010ffff]\s?[" + u0 + "]")


def _compile(g: Grammar) -> _Compiled:
    c = _CACHE.get(g.fingerprint)
    if c is not None:
        return c
    t = g.data.targets
    before_cmp = {w: cmp for cmp, words in t.comparators_before.items() for w in words}
    after_cmp = {w: cmp for cmp, words in t.comparators_after.items() for w in words}
    percent = _alt(t.percent)
    units = _alt(t.measures + t.spec_units)
    mags = _alt(t.magnitudes)
    ph = _alt(t.placeholders)
    unit = percent + r"|(?:" + mags + r")?(?:" + units + r")|(?:" + mags + r")"
    # value: arabic number (1,234.5), or a placeholder; unit: %, or [magnitude] measure
    rx = regex.compile(
        # a number needs a unit (one without is never a target, so the engine need not stop
        # at it); a placeholder may stand alone (降低*)
        r"(?:(?<![\d.,])(?P<val>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?(?P<unit>" + unit + r")"
        r"|(?P<val>" + ph + r")(?:\s?(?P<unit>" + unit + r"))?)"
        r"(?:\s?(?P<after>" + _alt(list(after_cmp)) + r"))?"
    )
    c = _Compiled(
        rx=rx,
        before_cmp=before_cmp,
        after_cmp=after_cmp,
        year_rx=regex.compile(r"(?:到|至|截至|截止到?|力争)?\s*(?P<y>(?:19|20)\d{2})\s*年(?:底|末|前|年底)?"),
        period_rx=regex.compile(r"[“\"]?(?P<p>" + _alt(list(t.plan_periods)) + r")[”\"]?(?:末|期末|时期|期间)"),
        periods=dict(t.plan_periods),
        indicator_rx=regex.compile(r"(?:" + _alt(t.indicator_nouns) + r")$"),
        count_rx=regex.compile(r"(?:" + _alt(t.count_verbs) + r")$"),
        not_before_rx=regex.compile(r"(?:" + _alt(t.not_before) + r")$"),
        cmp_rx=regex.compile(_alt(list(before_cmp))),
        cmp_end_rx=regex.compile(r"(?:" + _alt(list(before_cmp)) + r")$"),
        cmp_reach=max((len(w) for w in before_cmp), default=0),
        qty_rx=regex.compile(r"\d+(?:\.\d+)?\s?(?:" + unit + ")"),
        # a line can hold a target only if it has a digit or a placeholder (stdlib re: a
        # character class scans several times faster than with regex)
        quick_rx=re.compile("[0-9" + "".join(sorted({re.escape(p[0]) for p in t.placeholders})) + "]"),
        unit_quick_rx=_unit_quick_rx(t),
        year_only_rx=regex.compile(r"(?:19|20)\d{2}\s?年"),
        after_rx=regex.compile(r"\s?(?:" + _alt(list(after_cmp)) + r")"),
        count_any_rx=regex.compile(_alt(t.count_verbs)),
        statistic_rx=regex.compile(_alt(t.statistic_words)) if t.statistic_words else None,
        aim_rx=regex.compile(r"(?:到|(?<!截)至)\s?(?:19|20)\d{2}\s?年|" + _alt(t.aim_words)) if t.aim_words else None,
        time_units=frozenset(t.time_units),
        rule_rx=regex.compile(_alt(t.rule_words)) if t.rule_words else None,
        per_unit_rx=regex.compile(_alt(t.per_unit)) if t.per_unit else None,
        weak=frozenset(t.weak_comparators),
        baseline_rx=regex.compile(r"(?:" + _alt(t.baseline_words) + r")\s?$") if t.baseline_words else None,
        need_unit=frozenset(t.verbs_needing_unit),
        need_amount=frozenset(t.verbs_needing_amount),
        not_for_time=frozenset(t.verbs_not_for_time),
        magnitudes=tuple(t.magnitudes),
        standard_rx=regex.compile(_alt(t.per_unit_standard)) if t.per_unit_standard else None,
        attributive=tuple(t.attributive),
        placeholders=frozenset(t.placeholders),
        pct_verb_rx=regex.compile(_alt(t.percent_verbs_after)) if t.percent_verbs_after else None,
        percent=frozenset(t.percent),
        spec_units=frozenset(t.spec_units),
    )
    _CACHE[g.fingerprint] = c
    return c


_SENT_END = "。;!?；！？\t"
# comparator words too common to be trusted away from the number they qualify


_PHRASE_END = _SENT_END + ",，、:：()（）"


# sentence ends: 。；!? a tab, or a period that is not a number's point (web copies)
_STOP_RX = re.compile(r"[" + re.escape(_SENT_END) + r"]|\.(?!\d)|(?<!\d)\.")
_PHRASE_STOP_RX = re.compile(r"[" + re.escape(_PHRASE_END) + r"]|\.(?!\d)|(?<!\d)\.")


def _last_before(rx: re.Pattern, text: str, pos: int) -> int:
    last = -1
    for m in rx.finditer(text, 0, pos):
        last = m.start()
    return last + 1


def _sentence_start(text: str, pos: int) -> int:
    return _last_before(_STOP_RX, text, pos)


def _phrase_start(text: str, pos: int) -> int:
    return _last_before(_PHRASE_STOP_RX, text, pos)


def _sentence_end(text: str, pos: int) -> int:
    m = _STOP_RX.search(text, pos)
    return m.start() if m else len(text)


def extract_targets(src: SourceText, line_no: int, g: Grammar) -> list[Target]:
    """Targets on one line, in order, duplicates of the same span text dropped."""
    c = _compile(g)
    fl = src.folded[line_no - 1]
    text = fl.text
    # most lines hold no digit; of the rest most hold no number with a unit
    if c.quick_rx.search(text) is None or c.unit_quick_rx is not None and c.unit_quick_rx.search(text) is None:
        return []
    raw = src.lines[line_no - 1]
    out: list[Target] = []
    seen_text: set[str] = set()
    pos = 0
    prev_end = -1
    prev_cmp: str | None = None
    while True:
        m = c.rx.search(text, pos)
        if not m:
            break
        pos = max(m.end(), m.start() + 1)
        val_s = m.group("val")
        unit = m.group("unit")
        # the comparator word ending right at the value (longest first: 不低于 over 低于)
        vs0 = m.start("val")
        cm = c.cmp_end_rx.search(text, max(0, vs0 - c.cmp_reach), vs0)
        cmp_word = cm.group(0) if cm else None
        cmp_start = cm.start() if cm else vs0
        after = m.group("after")
        vs = m.start("val")
        prev_char = text[vs - 1] if vs > 0 else ""
        next_char = text[m.end()] if m.end() < len(text) else ""
        placeholder = val_s in c.placeholders
        is_num = not placeholder
        # a number glued to letters/digits or other numbers is an identifier (i5, Q400, PM2.5, 3D)
        if is_num and (prev_char.isascii() and prev_char.isalnum() or next_char.isascii() and next_char.isalpha()):
            continue
        if is_num and (prev_char in ".-/〔[【" or next_char in "〕]】-/"):
            continue
        head = text[:cmp_start]
        if c.not_before_rx.search(head):
            continue
        if unit is None and not placeholder:
            continue
        if unit in c.spec_units:
            continue
        if is_num and unit == "年" and len(val_s) == 4:
            continue  # a year
        if placeholder and val_s in ("X", "XX") and not cmp_word:
            continue
        # the commitment: comparator before, qualifier after, indicator noun, or count verb
        comparator = c.before_cmp.get(cmp_word) if cmp_word else None
        distant = None
        if not cmp_word:
            # a comparator verb earlier in the same phrase: 新增“放心消费示范店”200户
            ps0 = _phrase_start(text, vs)
            gap = text[ps0:vs]
            for dm in c.cmp_rx.finditer(gap):
                if dm.group(0) not in c.weak and len(gap) - dm.end() <= 24 and not _quantity_between(gap, dm.end(), c):
                    distant = dm.group(0)
            if distant:
                comparator = c.before_cmp[distant]
        if after:
            comparator = c.after_cmp[after]
        chained = vs - 1 == prev_end and prev_char in "、和" and prev_cmp is not None
        if not chained and prev_cmp is not None and 0 <= prev_end < vs:
            # 建设数字化车间1500个、智能工厂150个: the next item of the same list shares the verb
            gap = text[prev_end:vs]
            chained = (gap[:1] in ("、", "和", "及") and len(gap) <= 16
                       and not any(ch.isdigit() or ch in _LIST_BREAKS for ch in gap)
                       and c.cmp_rx.search(gap) is None)
        if chained and comparator is None:
            comparator = prev_cmp
        committed = cmp_word is not None or after is not None or chained or distant is not None
        if not committed and c.indicator_rx.search(head):
            committed, comparator = True, "="
        if not committed and c.count_rx.search(head) and not placeholder:
            committed, comparator = True, "="
        if not committed and not placeholder and unit not in c.percent and _count_verb_before(text, vs, c):
            committed, comparator = True, "="  # 累计建成5G基站1.2万个: verb, object, then the count
        if (not committed and not placeholder and unit in c.percent and c.pct_verb_rx is not None
                and c.pct_verb_rx.match(text, m.end())):
            committed, comparator = True, "="  # 停车位100%建设充电设施, 行政村100%覆盖
        if not committed:
            continue
        if not after and _is_statistic(text, vs, m.end(), c):
            continue
        verb = cmp_word or distant
        if unit in c.time_units and (comparator not in ("=", "<=") or not verb or verb in c.not_for_time):
            continue  # 240小时过境免签 is a policy's duration, not a target
        if verb in c.need_unit and unit is None:
            continue
        if verb in c.need_amount and unit not in c.percent and not (unit and unit.startswith(c.magnitudes)):
            continue
        if _describes_a_rule(text, vs, m.end(), unit, comparator, c):
            continue
        value: float | int | None
        if placeholder:
            value = None
        else:
            v = float(val_s.replace(",", ""))
            value = int(v) if v.is_integer() and "." not in val_s else v
        start = cmp_start
        # the reported span runs from the start of the phrase (the subject) to the end of the match
        ps = _phrase_start(text, start)
        span_s, span_e = ps, m.end()
        ss = fl.src_col(span_s, len(raw))
        se = fl.src_col(span_e, len(raw)) if span_e < len(fl.cols) else len(raw)
        span_text = raw[ss:se].strip()
        subject = text[ps:start].strip() or None
        year = _year_for(text, start, c)
        prev_end, prev_cmp = m.end(), comparator
        key = "".join(span_text.split())
        if key in seen_text:
            continue
        seen_text.add(key)
        out.append(Target(
            line=line_no,
            text=span_text,
            span=Span(ss, se),
            value=value,
            unit=_unit_from_source(raw, fl, m, unit),
            comparator=comparator,
            year=year,
            pending=placeholder,
            subject=subject,
        ))
    return out


def _quantity_between(text: str, pos: int, c: _Compiled, end: int | None = None) -> bool:
    """A quantity stands in text[pos:end] that a verb before it would bind to first.

    Years (提高到2020年的50%), identifiers (5G) and quantities that modify a noun
    (超过100亿元的企业) do not count."""
    for q in c.qty_rx.finditer(text, pos, len(text) if end is None else end):
        qt = q.group(0)
        if c.year_only_rx.fullmatch(qt) or qt[-1].isascii() and qt[-1].isalpha():
            continue
        am = c.after_rx.match(text, q.end())
        rest = text[am.end() if am else q.end():]
        if c.attributive and rest.startswith(c.attributive):
            continue
        return True
    return False


def _count_verb_before(text: str, vs: int, c: _Compiled) -> bool:
    """A verb of building earlier in the phrase, its object between it and the count."""
    ps = _phrase_start(text, vs)
    if vs - ps > 40:
        ps = vs - 40
    last = None
    for vm in c.count_any_rx.finditer(text, ps, vs):
        last = vm
    return last is not None and not _quantity_between(text, last.end(), c, vs)


def _is_statistic(text: str, vs: int, end: int, c: _Compiled) -> bool:
    """A sentence reporting a change against the past (同比, 比上年) states a statistic,
    unless it aims (力争, 确保, 到2020年)."""
    if c.statistic_rx is None:
        return False
    s, e = _sentence_start(text, vs), _sentence_end(text, end)
    if not c.statistic_rx.search(text, s, e):
        return False
    return not (c.aim_rx is not None and c.aim_rx.search(text, s, e))


def _describes_a_rule(text: str, vs: int, end: int, unit: str | None, comparator: str | None,
                      c: _Compiled) -> bool:
    """A quantity that states a rule of support or a class of things, not a goal."""
    if not unit:
        return False
    money = unit.endswith("元")
    timed = unit in c.time_units
    if money or timed:
        s, e = _sentence_start(text, vs), _sentence_end(text, end)
        if c.rule_rx is not None and c.rule_rx.search(text, s, e):
            return True  # 每家给予100万元奖励，最高不超过500万元 / 补贴期限不超过6个月
        if money and c.per_unit_rx is not None and c.per_unit_rx.search(text, s, vs):
            return True  # 按每人每月200元标准
    if unit in c.percent and c.rule_rx is not None and c.rule_rx.search(text, _phrase_start(text, vs), vs):
        return True  # 贷款贴息比例不超过50%, 补贴比例不高于30%: the share a rule of support pays
    if c.standard_rx is not None and c.standard_rx.search(text, _sentence_start(text, vs), vs):
        return True  # 按每户不低于1个充电桩配置
    if comparator in (">=", "<=") and unit not in c.percent and c.attributive:
        rest = text[end:end + 3].lstrip()
        if rest.startswith(c.attributive):
            return True  # 年营业收入超过1亿元的企业, 60岁以上的老年人
    return False


def _unit_from_source(raw: str, fl, m: regex.Match, unit: str | None) -> str | None:
    if not unit:
        return None
    s = fl.src_col(m.start("unit"), len(raw))
    e = fl.src_col(m.end("unit"), len(raw)) if m.end("unit") < len(fl.cols) else len(raw)
    return raw[s:e].strip() or unit


def _year_for(text: str, pos: int, c: _Compiled) -> int | None:
    """The target year the sentence gives before the quantity (到2020年, 2016年底前, 到“十三五”末)."""
    s = _sentence_start(text, pos)
    seg = text[s:pos]
    year = None
    for ym in c.year_rx.finditer(seg):
        if c.baseline_rx is not None and c.baseline_rx.search(seg, max(0, ym.start("y") - 4), ym.start("y")):
            continue  # 较2020年下降13.5%: the year compared with, not the year aimed at
        year = int(ym.group("y"))
    if year is None:
        pm = None
        for pm in c.period_rx.finditer(seg):
            pass
        if pm is not None:
            year = c.periods.get(pm.group("p"))
    return year
