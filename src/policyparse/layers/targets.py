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
from functools import cached_property

import regex

from ..grammar import Grammar
from ..output.document import Span, Target
from ..parse.kinds import LineKind
from ..parse.source import SourceText

# All patterns are stdlib ``re``: it compiles about twice as fast as ``regex`` and the
# patterns need nothing of regex's own. They were first written for ``regex``, whose \d
# and \s differ: stdlib \s also holds \x1c-\x1f (as str.isspace does), and stdlib \d
# lacks the digits Unicode added after Python's tables (all astral). These spell regex's
# sets for stdlib; tests/test_targets_engine.py checks them over every code point.
_ASTRAL_DIGITS = ("\U00010d40-\U00010d49\U000116d0-\U000116e3\U00011bf0-\U00011bf9\U00011de0-\U00011de9"
                  "\U00011f50-\U00011f59\U00016130-\U00016139\U00016d70-\U00016d79\U0001ccf0-\U0001ccf9"
                  "\U0001e4f0-\U0001e4f9\U0001e5f1-\U0001e5fa")
_D = "[\\d" + _ASTRAL_DIGITS + "]"
# \d within the BMP, spelled out (the same from Unicode 6 to 16: the decimal digits added
# since are astral). A leading class spelled with these is one table lookup a character,
# where \d looks up each character's Unicode category; tests/test_targets_engine.py checks
# them over every code point.
_BMP_DIGITS = ("0-9\u0660-\u0669\u06f0-\u06f9\u07c0-\u07c9\u0966-\u096f\u09e6-\u09ef\u0a66-\u0a6f"
               "\u0ae6-\u0aef\u0b66-\u0b6f\u0be6-\u0bef\u0c66-\u0c6f\u0ce6-\u0cef\u0d66-\u0d6f"
               "\u0de6-\u0def\u0e50-\u0e59\u0ed0-\u0ed9\u0f20-\u0f29\u1040-\u1049\u1090-\u1099"
               "\u17e0-\u17e9\u1810-\u1819\u1946-\u194f\u19d0-\u19d9\u1a80-\u1a89\u1a90-\u1a99"
               "\u1b50-\u1b59\u1bb0-\u1bb9\u1c40-\u1c49\u1c50-\u1c59\ua620-\ua629\ua8d0-\ua8d9"
               "\ua900-\ua909\ua9d0-\ua9d9\ua9f0-\ua9f9\uaa50-\uaa59\uabf0-\uabf9\uff10-\uff19")
_S = r"[^\S\x1c-\x1f]"
_D_RX = re.compile(_D)
_YEAR_ONLY_RX = re.compile("(?:19|20)" + _D + "{2}" + _S + "?年")


def _is_space(ch: str) -> bool:
    """``regex``'s \\s on one character (see _S)."""
    return ch.isspace() and not "\x1c" <= ch <= "\x1f"


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


class _Words:
    """Literal words matched at a position without a regex.

    What the alternation ``_alt(words)`` matches there: it tries longest words first and
    two words of one length cannot both match, so it takes the longest that does. An
    empty list gives the empty alternation, which matches the empty string. Words are
    looked up by the character they start (end) with, then compared in place."""

    __slots__ = ("by_first", "by_last", "empty", "tuple")

    def __init__(self, words) -> None:
        ws = set(words) or {""}
        self.empty = "" in ws
        self.tuple = tuple(sorted(ws))
        by_first: dict[str, list[str]] = {}
        by_last: dict[str, list[str]] = {}
        for w in sorted(ws - {""}, key=lambda w: (-len(w), w)):
            by_first.setdefault(w[0], []).append(w)
            by_last.setdefault(w[-1], []).append(w)
        self.by_first = {ch: tuple(v) for ch, v in by_first.items()}
        self.by_last = {ch: tuple(v) for ch, v in by_last.items()}

    def at(self, text: str, i: int, end: int) -> str | None:
        """The word ``re.match(alt, text, i, end)`` finds, or None."""
        if i < end:
            for w in self.by_first.get(text[i], ()):
                if text.startswith(w, i, end):
                    return w
        return "" if self.empty else None

    def ending_at(self, text: str, end: int) -> str | None:
        """The word ``re.search("(?:" + alt + ")$", text, 0, end)`` finds, or None.

        (A line never holds a newline, so ``$`` is the end and nothing else.)"""
        if end > 0:
            for w in self.by_last.get(text[end - 1], ()):
                if text.endswith(w, 0, end):
                    return w
        return "" if self.empty else None


def _fast_path_ok(t) -> bool:
    """The grammar lets :func:`_next_match` and :func:`_quantities` stand for the
    patterns ``rx`` and ``qty_rx`` of :func:`_regex_matchers`.

    They take the longest number and the first unit that follows it, where those
    patterns would backtrack into the number to try a shorter one; a shorter number is
    followed by a digit, "." or ",", so the results agree unless a unit starts with one.
    A placeholder must also be a non-empty word that does not start with a digit."""
    if not t.placeholders or "" in t.placeholders:
        return False
    for w in t.percent + t.magnitudes + t.measures + t.spec_units + t.placeholders:
        if w and (w[0] in ".," or _D_RX.match(w[0])):
            return False
    return True


def _regex_matchers(t) -> tuple[regex.Pattern, regex.Pattern]:
    """The matchers as single patterns, for grammars the fast path does not fit (see
    :func:`_fast_path_ok`; tests/test_perf_equivalence.py holds the two equal): ``rx`` finds
    a value with its unit and qualifier, ``qty_rx`` any quantity."""
    after = {w for words in t.comparators_after.values() for w in words}
    unit = (_alt(t.percent) + r"|(?:" + _alt(t.magnitudes) + r")?(?:" + _alt(t.measures + t.spec_units)
            + r")|(?:" + _alt(t.magnitudes) + r")")
    rx = regex.compile(
        r"(?:(?<![\d.])(?<!\d,)(?P<val>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?(?P<unit>" + unit + r")"
        r"|(?P<val>" + _alt(t.placeholders) + r")(?!\s?\d)(?:\s?(?P<unit>" + unit + r"))?)"
        r"(?:\s?(?P<after>" + _alt(list(after)) + r"))?"
    )
    return rx, regex.compile(r"\d+(?:\.\d+)?\s?(?:" + unit + ")")


def _start_rx(t) -> re.Pattern:
    """Where a value can start: a digit not inside another number (then the rest of the
    number is group n), or a placeholder's first character.

    It opens with one character class, so that re skips ahead to candidates; opening
    with the lookbehind, it would try every position. (The class spells the BMP's digits
    out and takes any astral character, cheaper to test than the astral digits; the
    lookbehind then tests those.)"""
    ph0 = re.escape("".join(sorted({p[0] for p in t.placeholders})))
    d = _D
    rest = d + "{0,2}(?:," + d + "{3})+(?:\\." + d + "+)?|" + d + "*(?:\\." + d + "+)?"
    lead = "[" + _BMP_DIGITS + "\U00010000-\U0010ffff" + ph0 + "]"
    # a digit after "," starts a number unless the comma follows a digit (1,000; but ，1000名)
    return re.compile(lead + "(?:(?<=" + d + ")(?<![" + d[1:-1] + ".]" + d + ")"
                      "(?<!" + d + "," + d + ")"
                      "(?P<n>" + rest + ")|(?<=[" + ph0 + "]))")


class _Compiled:
    """A grammar's targets data, ready to match. Patterns needed only past the first
    checks are compiled on first use: compiling is most of a first parse's cost here."""

    def __init__(self, t, marker_prefix: str) -> None:
        self.t = t
        # a heading's marker that may open the line before a sentence's first words
        # (grammars/markers.yaml's kinds, optional)
        self.marker_prefix = marker_prefix
        self.before_cmp = {w: cmp for cmp, words in t.comparators_before.items() for w in words}
        self.after_cmp = {w: cmp for cmp, words in t.comparators_after.items() for w in words}
        self.periods = dict(t.plan_periods)
        self.cmp_before = _Words(self.before_cmp)
        self.approx = _Words(t.approximators)
        self.cmp_after = _Words(self.after_cmp)
        self.percent_w = _Words(t.percent)
        self.magnitudes_w = _Words(t.magnitudes)
        self.measures_w = _Words(t.measures + t.spec_units)
        self.placeholder_w = _Words(t.placeholders)
        # words that must end the text before a value (tested with str.endswith)
        self.indicator_end = _Words(t.indicator_nouns).tuple
        self.count_end = _Words(t.count_verbs).tuple
        self.not_before_end = _Words(t.not_before).tuple
        self.baseline_end = _Words(t.baseline_words).tuple if t.baseline_words else None
        self.pct_verbs = tuple(t.percent_verbs_after) if t.percent_verbs_after else None
        # A line can hold a target only if it has an ASCII digit or a placeholder's first
        # character: searched in the text's ASCII characters alone (encode("ascii", "ignore")
        # keeps them at C speed), one match per line; other placeholders are rare
        # characters, found by `in`.
        ph0 = sorted({p[0] for p in t.placeholders})
        self.quick_ascii_rx = re.compile(
            ("[0-9" + re.escape("".join(ch for ch in ph0 if ch.isascii())) + "][^\n]*").encode())
        self.quick_other = tuple(ch for ch in ph0 if not ch.isascii())
        self.unit_quick_rx = _unit_quick_rx(t)
        self.fast = _fast_path_ok(t)
        if self.fast:
            self.start_rx = _start_rx(t)
            self.num_rx = re.compile(_D + "+(?:\\." + _D + "+)?")
        else:
            self.rx, self.qty_rx = _regex_matchers(t)
        self.time_units = frozenset(t.time_units)
        self.weak = frozenset(t.weak_comparators)
        self.need_unit = frozenset(t.verbs_needing_unit)
        self.need_amount = frozenset(t.verbs_needing_amount)
        self.not_for_time = frozenset(t.verbs_not_for_time)
        self.magnitudes = tuple(t.magnitudes)
        self.attributive = tuple(t.attributive)
        self.placeholders = frozenset(t.placeholders)
        self.condition_ends = tuple(t.condition_ends)
        self.list_ends = frozenset(t.list_ends)
        self.amount_units = tuple(t.amount_units)
        self.money_units = tuple(t.money_units)
        self.list_joiners = tuple(t.list_joiners)
        self.ratio_units = frozenset(t.ratio_units)
        self.definition_words = tuple(t.definition_words)
        self.percent = frozenset(t.percent)
        self.spec_units = frozenset(t.spec_units)
        self.rank_units = frozenset(t.rank_units)

    @cached_property
    def year_rx(self) -> re.Pattern:
        # a year: the words around it (到, 截至, 年底) decide nothing, so the pattern starts
        # at the digits
        return re.compile("(?P<y>(?:19|20)" + _D + "{2})" + _S + "*年")

    @cached_property
    def period_rx(self) -> re.Pattern:
        return re.compile(r"[“\"]?(?P<p>" + _alt(list(self.t.plan_periods)) + r")[”\"]?(?:"
                          + (_alt(self.t.plan_period_words) or "(?!)") + ")")

    @cached_property
    def past_period_rx(self) -> re.Pattern:
        return re.compile(self.marker_prefix + r"\s*[“\"]?(?P<p>" + (_alt(list(self.t.plan_periods)) or "(?!)")
                          + r")[”\"]?(?:" + (_alt(self.t.past_period_words) or "(?!)") + ")")

    @cached_property
    def past_year_rx(self) -> re.Pattern:
        """A sentence that opens with a year (在2022年, 2022年，…), not one that looks forward
        from it (2022年底前, 2022年起)."""
        t = self.t
        opener = "(?:" + _alt(t.past_year_openers) + ")?" if t.past_year_openers else ""
        ahead = "(?!" + _alt(t.forward_after_year) + ")" if t.forward_after_year else ""
        return re.compile(self.marker_prefix + r"\s*" + opener + r"\s*(?P<y>(?:19|20)[0-9]{2})\s*年" + ahead)

    @cached_property
    def cmp_rx(self) -> re.Pattern:
        return re.compile(_alt(list(self.before_cmp)))

    @cached_property
    def count_any_rx(self) -> re.Pattern:
        return re.compile(_alt(self.t.count_verbs))

    @cached_property
    def statistic_rx(self) -> re.Pattern | None:
        return re.compile(_alt(self.t.statistic_words)) if self.t.statistic_words else None

    @cached_property
    def aim_rx(self) -> re.Pattern | None:
        if not self.t.aim_words:
            return None
        # 到2020年 aims; 截至2020年 (a statistic word ending in 至) reports
        openers = []
        for w in sorted(set(self.t.aim_year_openers), key=lambda w: (-len(w), w)):
            behind = sorted({s[:-len(w)] for s in self.t.statistic_words if s.endswith(w) and s != w})
            openers.append("".join("(?<!" + re.escape(b) + ")" for b in behind) + re.escape(w))
        year = ("(?:" + "|".join(openers) + ")" + _S + "?(?:19|20)" + _D + "{2}" + _S + "?年|") if openers else ""
        return re.compile(year + _alt(self.t.aim_words))

    @cached_property
    def rule_rx(self) -> re.Pattern | None:
        return re.compile(_alt(self.t.rule_words)) if self.t.rule_words else None

    @cached_property
    def per_unit_rx(self) -> re.Pattern | None:
        return re.compile(_alt(self.t.per_unit)) if self.t.per_unit else None

    @cached_property
    def standard_rx(self) -> re.Pattern | None:
        return re.compile(_alt(self.t.per_unit_standard)) if self.t.per_unit_standard else None


_CACHE: dict[str, _Compiled] = {}
# characters that end a list of quantities sharing one verb
_LIST_BREAKS = frozenset("，。；：,;:！？!?（）()")


def _unit_quick_rx(t) -> re.Pattern | None:
    """A stdlib pattern that every match of ``rx`` contains: a placeholder's first
    character, or a digit, an optional space and a unit's first character.

    A superset test (its classes hold all that regex's ``\\d``/``\\s`` hold: stdlib
    ``\\s`` adds four control characters, and ``\\d`` misses only astral digits, so
    every astral character counts as one), cheap on the short lines the first test lets
    through; most of them hold numbers with no unit (list numbers, 5G, dates). None when
    the grammar lets ``rx`` match an empty placeholder or unit: no such test then."""
    units = (t.percent, t.magnitudes, t.measures + t.spec_units)
    if not t.placeholders or any(not ws or "" in ws for ws in (t.placeholders, *units)):
        return None
    ph0 = "".join(sorted({re.escape(p[0]) for p in t.placeholders}))
    u0 = "".join(sorted({re.escape(w[0]) for ws in units for w in ws}))
    # one leading class lets re skip ahead to candidates (the BMP digits spelled out: see _BMP_DIGITS)
    return re.compile("[" + ph0 + _BMP_DIGITS + r"\U00010000-\U0010ffff](?:(?<=[" + ph0 + r"])|\s?[" + u0 + "])")


def _compile(g: Grammar) -> _Compiled:
    c = _CACHE.get(g.fingerprint)
    if c is None:
        c = _CACHE[g.fingerprint] = _Compiled(g.data.targets, g.marker_prefix)
    return c


_SENT_END = "。;!?；！？\t"
_PHRASE_END = _SENT_END + ",，、:：()（）"

# Sentence ends: 。；!? a tab, or a period that is not a number's point (web copies);
# phrases end at commas, colons and brackets too. One pattern per set: a stop
# character, or a "." not between two digits. It opens with a character class so
# that re skips ahead to candidates.
def _stop_rx(chars: str) -> re.Pattern:
    return re.compile("[" + re.escape(chars) + r".](?:(?<!\.)|(?<!\d\.)|(?!\d))")


_STOP_RX = _stop_rx(_SENT_END)
_PHRASE_STOP_RX = _stop_rx(_PHRASE_END)


class _Stops:
    """Where the sentence or phrase around a position of one line starts and ends.

    The start is the last stop before the position: a forward search from the reversed
    line finds it at the speed of a forward search (a stop's test is symmetric: a "."
    not between two digits), where backing off from the position tried the pattern at
    every character, and a finditer over every stop took a Python step per stop."""

    __slots__ = ("text", "_rev")

    def __init__(self, text: str) -> None:
        self.text = text
        self._rev: str | None = None

    def _before(self, rx: re.Pattern, chars: str, pos: int) -> int:
        """Just after the last stop before pos (a "." right before pos counts as a stop,
        whatever follows it)."""
        text = self.text
        if not pos or text[pos - 1] == "." or text[pos - 1] in chars:
            return pos
        if self._rev is None:
            self._rev = text[::-1]
        # text[i] is rev[n - 1 - i]; the stops before pos - 1 from rev[n - pos + 1] on
        m = rx.search(self._rev, len(text) - pos + 1)
        return len(text) - m.start() if m else 0

    def sentence_start(self, pos: int) -> int:
        return self._before(_STOP_RX, _SENT_END, pos)

    def phrase_start(self, pos: int) -> int:
        return self._before(_PHRASE_STOP_RX, _PHRASE_END, pos)

    def sentence_end(self, pos: int) -> int:
        """The first sentence stop at or after pos, or the end of the line."""
        m = _STOP_RX.search(self.text, pos)
        return m.start() if m else len(self.text)

    def phrase_end(self, pos: int) -> int:
        """The first phrase stop at or after pos, or the end of the line."""
        m = _PHRASE_STOP_RX.search(self.text, pos)
        return m.start() if m else len(self.text)


def _unit_at(text: str, i: int, end: int, c: _Compiled) -> str | None:
    """The unit ``percent|(?:magnitude)?(?:measure)|(?:magnitude)`` matches at text[i:end]:
    the alternatives in that order, a magnitude tried longest first, then without one."""
    u = c.percent_w.at(text, i, end)
    if u is not None:
        return u
    mags, measures = c.magnitudes_w, c.measures_w
    if i < end:
        for m in mags.by_first.get(text[i], ()):
            if text.startswith(m, i, end):
                u = measures.at(text, i + len(m), end)
                if u is not None:
                    return m + u
    # (no magnitude, or the empty one: the same)
    u = measures.at(text, i, end)
    return u if u is not None else mags.at(text, i, end)


def _unit_after(text: str, i: int, end: int, c: _Compiled) -> tuple[str, int] | None:
    """``\\s?(?P<unit>…)`` at i: the unit and where it starts (after one space, if a unit follows it)."""
    if i < end and _is_space(text[i]):
        u = _unit_at(text, i + 1, end, c)
        if u is not None:
            return u, i + 1
    u = _unit_at(text, i, end, c)
    return (u, i) if u is not None else None


def _after_at(text: str, i: int, c: _Compiled) -> tuple[str, int] | None:
    """``\\s?(?P<after>…)`` at i (a qualifier after the quantity: 以上, 左右): the word and its end."""
    n = len(text)
    if i < n and _is_space(text[i]):
        a = c.cmp_after.at(text, i + 1, n)
        if a is not None:
            return a, i + 1 + len(a)
    a = c.cmp_after.at(text, i, n)
    return (a, i + len(a)) if a is not None else None


# (match start = value start, match end, value text, unit or None, unit start, unit end, qualifier or None)
_Match = tuple[int, int, str, "str | None", int, int, "str | None"]


def _next_match(text: str, pos: int, c: _Compiled, start_rx: re.Pattern) -> _Match | None:
    """The first value at or after pos with its unit and qualifier, as ``rx.search`` of
    :func:`_regex_matchers` finds it: a number not inside another one, then a unit; or a
    placeholder, then perhaps a unit; then perhaps a qualifier."""
    if not c.fast:
        m = c.rx.search(text, pos)
        if m is None:
            return None
        return (m.start(), m.end(), m.group("val"), m.group("unit"), m.start("unit"), m.end("unit"),
                m.group("after"))
    n = len(text)
    while True:
        sm = start_rx.search(text, pos)
        if sm is None:
            return None
        vs = sm.start()
        if sm.group("n") is not None:
            val = sm.group()
            u = _unit_after(text, sm.end(), n, c)
            if u is None:
                # no unit: nor after any digit inside this number (each is preceded by a
                # digit, "." or ","), and a placeholder does not start with a digit
                pos = sm.end()
                continue
            unit, us = u
            ve = us + len(unit)
        else:
            val = c.placeholder_w.at(text, vs, n)
            if val is None:
                pos = vs + 1
                continue
            ve = vs + len(val)
            if ve < n and (text[ve].isdigit() or text[ve].isspace() and ve + 1 < n and text[ve + 1].isdigit()):
                pos = ve  # 收入/医疗收入×100%: a sign between numbers, no placeholder
                continue
            u = _unit_after(text, ve, n, c)
            unit, us = u if u is not None else (None, -1)
            if u is not None:
                ve = us + len(unit)
        a = _after_at(text, ve, c)
        after, end = a if a is not None else (None, ve)
        return vs, end, val, unit, us, (us + len(unit) if unit is not None else -1), after


def _quantities(text: str, pos: int, end: int, c: _Compiled):
    """(start, end) of each quantity (a number, then a unit) in text[pos:end], as
    ``qty_rx.finditer`` of :func:`_regex_matchers` gives them (it may start inside a number)."""
    if not c.fast:
        for q in c.qty_rx.finditer(text, pos, end):
            yield q.start(), q.end()
        return
    while True:
        nm = c.num_rx.search(text, pos, end)
        if nm is None:
            return
        u = _unit_after(text, nm.end(), end, c)
        if u is not None:
            qe = u[1] + len(u[0])
            yield nm.start(), qe
            pos = qe
            continue
        # No unit. A start later in the integer part gives the same number, so the same
        # failure; one in the fraction may run on into another (1.2.3万 → 2.3万).
        dot = text.find(".", nm.start(), nm.end())
        pos = dot + 1 if dot >= 0 else nm.end()


class _Quantity:
    """One candidate on a line: a value with its unit and the words around it, and what the
    rules below learn about it (comparator, commitment, the sentence it stands in)."""

    __slots__ = ("text", "c", "stops", "doc_year", "vs", "end", "val_s", "unit", "unit_s", "unit_e", "after",
                 "cmp_word", "cmp_start", "prev_char", "next_char", "placeholder", "comparator", "distant",
                 "chained", "s0", "s1")

    def __init__(self, text: str, c: _Compiled, stops: _Stops, doc_year: int | None, m: _Match) -> None:
        self.text, self.c, self.stops, self.doc_year = text, c, stops, doc_year
        self.vs, self.end, self.val_s, self.unit, self.unit_s, self.unit_e, self.after = m
        vs = self.vs
        # the comparator word ending right at the value (longest first: 不低于 over 低于)
        cmp_word = c.cmp_before.ending_at(text, vs)
        cmp_start = vs - len(cmp_word) if cmp_word is not None else vs
        if cmp_word is None and (approx := c.approx.ending_at(text, vs)) is not None:
            # 提高约20%: the comparator stands before the approximator
            cmp_word = c.cmp_before.ending_at(text, vs - len(approx))
            if cmp_word is not None:
                cmp_start = vs - len(approx) - len(cmp_word)
        self.cmp_word, self.cmp_start = cmp_word, cmp_start
        # a space stands for the line's edge: it is neither an identifier's letter nor a bracket
        # (an empty string would be "in" every set of characters)
        self.prev_char = text[vs - 1] if vs > 0 else " "
        self.next_char = text[self.end] if self.end < len(text) else " "
        self.placeholder = self.val_s in c.placeholders
        self.comparator: str | None = None
        self.distant: str | None = None
        self.chained = False
        self.s0 = self.s1 = 0


# --- rules: is it a quantity at all? (each returns True to drop the candidate) ---

def _identifier(q: _Quantity) -> bool:
    """A number glued to letters, digits or code punctuation is an identifier: i5, Q400,
    PM2.5, 3D, 〔2019〕."""
    if q.placeholder:
        return False
    p, n = q.prev_char, q.next_char
    return (p.isascii() and p.isalnum() or n.isascii() and n.isalpha()
            or p in ".-/〔[【" or n in "〕]】-/")


def _after_a_blocking_word(q: _Quantity) -> bool:
    """Words after which no number is a target (grammar ``not_before``)."""
    return q.text.endswith(q.c.not_before_end, 0, q.cmp_start)


def _no_unit(q: _Quantity) -> bool:
    """A bare number (no unit, not a placeholder) commits to nothing: 3项任务 has a unit, 3 alone none."""
    return q.unit is None and not q.placeholder


def _specification(q: _Quantity) -> bool:
    """A specification, not a quantity: 500千伏."""
    return q.unit in q.c.spec_units


def _category(q: _Quantity) -> bool:
    """1类创新药, 2级及以上能效: a rank without a comparator is a category."""
    return q.unit in q.c.rank_units and q.cmp_word is None


def _a_year(q: _Quantity) -> bool:
    """2025年 is a year, not 2025 years."""
    return not q.placeholder and q.unit == "年" and len(q.val_s) == 4


def _bare_x(q: _Quantity) -> bool:
    """X or XX with no comparator is a letter, not a placeholder."""
    return q.placeholder and q.val_s in ("X", "XX") and not q.cmp_word


def _restates_a_list(q: _Quantity) -> bool:
    """沈阳、大连、本溪等3个试点城市: the count restates the list, it commits to nothing."""
    vs = q.vs
    return (not q.placeholder and vs >= 1 and q.text[vs - 1] in q.c.list_ends
            and _names_the_whole_list(q.text, vs, q.val_s, q.stops))


NOT_A_QUANTITY = (_identifier, _after_a_blocking_word, _no_unit, _specification, _category, _a_year, _bare_x,
                  _restates_a_list)


# --- the comparator and the commitment ---

def _read_comparator(q: _Quantity, prev_end: int, prev_cmp: str | None) -> None:
    """The comparator: the word right before the value, else a comparator verb earlier in
    the phrase (新增“放心消费示范店”200户), a qualifier after it (80%以上) overriding either,
    else the verb of the list item before (建设数字化车间1500个、智能工厂150个)."""
    c, text, vs = q.c, q.text, q.vs
    comparator = c.before_cmp.get(q.cmp_word) if q.cmp_word else None
    if not q.cmp_word:
        gap = text[q.stops.phrase_start(vs):vs]
        for dm in c.cmp_rx.finditer(gap):
            if dm.group(0) not in c.weak and len(gap) - dm.end() <= 24 and not _quantity_between(gap, dm.end(), c):
                q.distant = dm.group(0)
        if q.distant:
            comparator = c.before_cmp[q.distant]
    if q.after:
        comparator = c.after_cmp[q.after]
    chained = vs - 1 == prev_end and q.prev_char in c.list_joiners and prev_cmp is not None
    if not chained and prev_cmp is not None and 0 <= prev_end < vs:
        # the next item of a list shares the verb, or its object comes first:
        # 选拔100名正职后备人才、200名副职后备人才
        gap = text[prev_end:vs]
        chained = ((gap[:1] in c.list_joiners or gap[-1:] in c.list_joiners) and len(gap) <= 16
                   and not any(ch.isdigit() or ch in _LIST_BREAKS for ch in gap)
                   and c.cmp_rx.search(gap) is None)
    if chained and comparator is None:
        comparator = prev_cmp
    q.chained, q.comparator = chained, comparator


def _worded_commitment(q: _Quantity) -> bool:
    """A comparator word, a qualifier after the value, a verb earlier in the phrase or a
    shared list verb: 达到42%, 80%以上, 新增…200户."""
    return q.cmp_word is not None or q.after is not None or q.chained or q.distant is not None


def _indicator_noun(q: _Quantity) -> bool:
    """An indicator noun right before the value: 耕地保有量6902万亩, 比例1.16%."""
    return q.text.endswith(q.c.indicator_end, 0, q.cmp_start)


def _count_noun(q: _Quantity) -> bool:
    """A count noun right before the value (grammar ``count_end``)."""
    return not q.placeholder and q.text.endswith(q.c.count_end, 0, q.cmp_start)


def _count_verb(q: _Quantity) -> bool:
    """累计建成5G基站1.2万个: a verb, its object, then the count."""
    return (not q.placeholder and q.unit not in q.c.percent
            and _count_verb_before(q.text, q.vs, q.c, q.stops, q.unit))


def _percent_verb(q: _Quantity) -> bool:
    """停车位100%建设充电设施, 行政村100%覆盖: a percentage followed by its verb."""
    c = q.c
    return (not q.placeholder and q.unit in c.percent and c.pct_verbs is not None
            and q.text.startswith(c.pct_verbs, q.end))


# the first that holds commits the text to the quantity; all but the worded one make it "="
COMMITMENTS = (_worded_commitment, _indicator_noun, _count_noun, _count_verb, _percent_verb)


# --- rules: is the committed quantity a target? (each returns True to drop it) ---

def _picks_out_what_follows(q: _Quantity) -> bool:
    """年收入50万元以上行政村占比达到60%: the floor picks out the villages counted."""
    return q.after is not None and q.cmp_word is None and _qualifies_what_follows(q.text, q.end, q.c, q.stops)


def _floor_on_counted_noun(q: _Quantity) -> bool:
    """新增产值超10亿元企业8家: the floor picks out the firms counted."""
    q_end = q.unit_e if q.unit_e >= 0 else q.end
    return (q.cmp_word is not None and _threshold_on_noun(q.text, q.vs, q_end, q.c)
            and _qualifies_what_follows(q.text, q.end, q.c, q.stops, counts=True))


def _amount_class(q: _Quantity) -> bool:
    """签约50亿元以上工业项目45个: an amount with a floor, then a noun, is a class."""
    q_end = q.unit_e if q.unit_e >= 0 else q.end
    return (q.cmp_word is None and q.after is not None and q.unit is not None
            and q.unit.endswith(q.c.amount_units) and _threshold_on_noun(q.text, q.vs, q_end, q.c))


def _reports(q: _Quantity) -> bool:
    """A statistic (同比增长8%) or a sentence about a year before the notice's reports what
    was, it sets no goal."""
    return not q.after and (_is_statistic(q.text, q.s0, q.s1, q.c) or q.doc_year is not None
                            and _reports_a_past_year(q.text, q.s0, q.s1, q.doc_year, q.c))


def _duration(q: _Quantity) -> bool:
    """240小时过境免签 is a policy's duration, not a target."""
    verb = q.cmp_word or q.distant
    return q.unit in q.c.time_units and (q.comparator not in ("=", "<=") or not verb or verb in q.c.not_for_time)


def _verb_needs_unit(q: _Quantity) -> bool:
    """Verbs that take only a quantity with a unit (grammar ``need_unit``)."""
    return (q.cmp_word or q.distant) in q.c.need_unit and q.unit is None


def _verb_needs_amount(q: _Quantity) -> bool:
    """Verbs that take only a percentage or an amount with a magnitude (grammar ``need_amount``)."""
    c, unit = q.c, q.unit
    return ((q.cmp_word or q.distant) in c.need_amount and unit not in c.percent
            and not (unit and unit.startswith(c.magnitudes)))


def _a_rule(q: _Quantity) -> bool:
    """A rule's bound, not a goal: 每人每年不超过…."""
    return _describes_a_rule(q.text, q.vs, q.end, q.unit, q.comparator, q.c, q.s0, q.s1, q.stops)


def _a_condition(q: _Quantity) -> bool:
    """A condition: 投资额达到1亿元的项目，给予…."""
    return _states_a_condition(q.text, q.end, q.c, q.stops)


def _a_definition(q: _Quantity) -> bool:
    """日间手术是指…住院时间不超过48小时: a definition, not a goal."""
    words = q.c.definition_words
    return bool(words) and any(q.text.find(w, q.s0, q.vs) >= 0 for w in words)


NOT_A_TARGET = (_picks_out_what_follows, _floor_on_counted_noun, _amount_class, _reports, _duration,
                _verb_needs_unit, _verb_needs_amount, _a_rule, _a_condition, _a_definition)


def _holds(rules: tuple, q: _Quantity) -> bool:
    """Does any of the rules hold for q (the first that does ends the test)?"""
    for rule in rules:
        if rule(q):
            return True
    return False


def _value(q: _Quantity) -> float | int | None | bool:
    """The value: None for a placeholder; False for digits this Python cannot read."""
    if q.placeholder:
        return None
    try:
        v = float(q.val_s.replace(",", ""))
    except ValueError:  # digits newer than this Python's Unicode tables
        return False
    return int(v) if v.is_integer() and "." not in q.val_s else v


def _candidate_lines(src: SourceText, c: _Compiled) -> frozenset[int]:
    """The indices of the lines of ``src`` that may hold a target, worked out once per text.

    Most lines hold no digit or placeholder: the lines that do are found in the whole text
    at once (line breaks are ASCII, so its ASCII characters keep them), and of those, the
    ones with no number followed by a unit's first character are dropped."""
    got = src.memo.get(c)
    if got is None:
        texts = [f.text for f in src.folded]
        joined = "\n".join(texts)
        ascii_text = joined.encode("ascii", "ignore")
        hits = _line_indices(ascii_text, b"\n", (m.start() for m in c.quick_ascii_rx.finditer(ascii_text)))
        for ch in c.quick_other:
            if ch in joined:
                hits |= _line_indices(joined, "\n", (m.start() for m in re.finditer(re.escape(ch), joined)))
        quick = c.unit_quick_rx
        got = src.memo[c] = frozenset(i for i in hits if quick is None or quick.search(texts[i]) is not None)
    return got


def _line_indices(text, newline, positions) -> set[int]:
    """The 0-based line of each of the ascending ``positions`` in ``text``."""
    out: set[int] = set()
    line = last = 0
    for p in positions:
        line += text.count(newline, last, p)
        last = p
        out.add(line)
    return out


def target_lines(src: SourceText, g: Grammar) -> list[int]:
    """The 1-based lines of ``src`` that may hold a target, in order: the only lines
    :func:`extract_targets` needs to be asked about."""
    c = _CACHE.get(g.fingerprint) or _compile(g)
    return [i + 1 for i in sorted(_candidate_lines(src, c))]


def extract_targets(src: SourceText, line_no: int, g: Grammar, doc_year: int | None = None) -> list[Target]:
    """Targets on one line, in order, duplicates of the same span text dropped. ``doc_year``:
    the year the notice is dated, when known (a sentence about an earlier year reports).

    Each candidate quantity runs the rule tables in order: NOT_A_QUANTITY, then the
    comparator and COMMITMENTS, then NOT_A_TARGET."""
    c = _CACHE.get(g.fingerprint) or _compile(g)
    lines = src.memo.get(c)
    if line_no - 1 not in (lines if lines is not None else _candidate_lines(src, c)):
        return []
    fl = src.folded[line_no - 1]
    text = fl.text
    raw = src.lines[line_no - 1]
    ncols = len(fl._cols) if fl._cols is not None else len(text)  # without building the identity list
    out: list[Target] = []
    seen_text: set[str] = set()
    start_rx = c.start_rx if c.fast else None
    stops = _Stops(text)
    pos = 0
    prev_end = -1
    prev_cmp: str | None = None
    while (m := _next_match(text, pos, c, start_rx)) is not None:
        q = _Quantity(text, c, stops, doc_year, m)
        pos = max(q.end, q.vs + 1)
        if _holds(NOT_A_QUANTITY, q):
            continue
        _read_comparator(q, prev_end, prev_cmp)
        for i, commits in enumerate(COMMITMENTS):
            if commits(q):
                if i:
                    q.comparator = "="
                break
        else:
            continue
        q.s0, q.s1 = stops.sentence_start(q.vs), stops.sentence_end(q.end)  # the sentence around it
        if _holds(NOT_A_TARGET, q):
            continue
        value = _value(q)
        if value is False:
            continue
        start = q.cmp_start
        # the reported span runs from the start of the phrase (the subject) to the end of the match
        ps = stops.phrase_start(start)
        ss = fl.src_col(ps, len(raw))
        se = fl.src_col(q.end, len(raw)) if q.end < ncols else len(raw)
        span_text = raw[ss:se].strip()
        year = _year_for(text, start, c, q.s0 if start == q.vs else stops.sentence_start(start))
        prev_end, prev_cmp = q.end, q.comparator
        key = "".join(span_text.split())
        if key in seen_text:
            continue
        seen_text.add(key)
        out.append(Target(line=line_no, text=span_text, span=Span(ss, se), value=value,
                          unit=_unit_from_source(raw, fl, ncols, q.unit, q.unit_s, q.unit_e),
                          comparator=q.comparator, year=year, pending=q.placeholder,
                          subject=text[ps:start].strip() or None))
    return out


def _quantity_between(text: str, pos: int, c: _Compiled, end: int | None = None) -> bool:
    """A quantity stands in text[pos:end] that a verb before it would bind to first.

    Years (提高到2020年的50%), identifiers (5G) and quantities that modify a noun
    (超过100亿元的企业) do not count."""
    for qs, qe in _quantities(text, pos, len(text) if end is None else end, c):
        if _YEAR_ONLY_RX.fullmatch(text, qs, qe) or text[qe - 1].isascii() and text[qe - 1].isalpha():
            continue
        am = _after_at(text, qe, c)
        if c.attributive and text.startswith(c.attributive, am[1] if am else qe):
            continue
        if _threshold_on_noun(text, qs, qe, c):
            continue  # 新增产值超10亿元企业8家: the verb binds to the firms, not the floor
        return True
    return False


def _threshold_on_noun(text: str, qs: int, qe: int, c: _Compiled) -> bool:
    """A floor or ceiling (超10亿元, 10亿元以上) that runs straight into a noun, as a
    class of things does (产值超10亿元企业)."""
    am = _after_at(text, qe, c)
    end = am[1] if am else qe
    floor = am is not None or c.before_cmp.get(c.cmp_before.ending_at(text, qs) or "") in (">=", "<=")
    return floor and end < len(text) and "\u4e00" <= text[end] <= "\u9fff" and \
        c.cmp_before.ending_at(text, end + 1) is None


_NUMBER_RX = re.compile(r"(?<![\d.])\d+(?:\.\d+)?")


def _qualifies_what_follows(text: str, end: int, c: _Compiled, stops: _Stops, counts: bool = False) -> bool:
    """A quantity with a floor or ceiling after it (50万元以上) that runs straight into a
    noun, while a comparator with its own number follows in the same phrase, qualifies
    that noun (年经营性收入50万元以上行政村占比达到60%): the sentence commits to the later
    number, not to this one. With ``counts``, any later quantity in the phrase will do
    (产值超10亿元企业8家)."""
    if end >= len(text) or not ("\u4e00" <= text[end] <= "\u9fff"):
        return False
    stop = stops.phrase_end(end)
    for cm in c.cmp_rx.finditer(text, end, stop):
        if cm.end() < stop and (text[cm.end()].isdigit() or text[cm.end()] in c.placeholders):
            return True
    return counts and next(_quantities(text, end, stop, c), None) is not None


def _names_the_whole_list(text: str, vs: int, val_s: str, stops: _Stops) -> bool:
    """A count after 等 that equals the number of items the list names (沈阳、大连、本溪等3个):
    the list is complete, the count describes it."""
    items = 1
    ps = stops.phrase_start(vs - 1)
    while ps >= 1 and text[ps - 1] == "、":
        items += 1
        ps = stops.phrase_start(ps - 1)
    return items > 1 and val_s.isdigit() and int(val_s) == items


def _states_a_condition(text: str, end: int, c: _Compiled, stops: _Stops) -> bool:
    """A quantity in a phrase that ends in 的 before a comma states the condition of what
    follows (数量在5亿公斤以下的，经国务院授权…; 达到90%的，可…), not a target."""
    pe = stops.phrase_end(end)
    return 0 < pe < len(text) and text[pe] in "，," and text.endswith(c.condition_ends, end, pe)


def _count_verb_before(text: str, vs: int, c: _Compiled, stops: _Stops, unit: str | None = None) -> bool:
    """A verb of building earlier in the phrase, its object between it and the count; or,
    in a phrase with no verb of its own, the verb of a parallel count just before it
    (培育…企业300家，制造业单项冠军企业30家: the same measure word, after a comma)."""
    ps = stops.phrase_start(vs)
    # 新增首店、旗舰店、新概念店1000家, 推进神农设施、武汉光源等8个大科学装置: the count
    # follows a list of its objects; the verb stands before the list's first item
    while ps >= 1 and text[ps - 1] == "、":
        ps = stops.phrase_start(ps - 1)
    start = max(ps, vs - 40)
    last = None
    for vm in c.count_any_rx.finditer(text, start, vs):
        last = vm
    if last is not None:
        return not _quantity_between(text, last.end(), c, vs)
    if ps < 2 or vs - ps > 20 or text[ps - 1] not in "，," or c.cmp_rx.search(text, ps, vs) or not unit:
        return False
    # the count of the phrase before, in the same measure word: right before the comma
    # (培育…企业300家，…30家) or followed by its object (支持300名人才赴境外培训，1000名…)
    prev = None
    for m in _NUMBER_RX.finditer(text, stops.phrase_start(ps - 1), ps - 1):
        if text.startswith(unit, m.end()):
            prev = m
    if prev is None:
        return False
    return _count_verb_before(text, prev.start(), c, stops, unit)




def _reports_a_past_year(text: str, s: int, e: int, doc_year: int, c: _Compiled) -> bool:
    """A sentence (text[s:e]) that opens with a year (or a plan period) before the notice's
    own reports what was done then (2022年，全市实现地区生产总值5000亿元; “十三五”期间，
    …累计下降16.2%), unless it aims (力争, 确保)."""
    m = c.past_year_rx.match(text, s, e)
    if m is not None:
        past = int(m.group("y")) < doc_year
    else:  # “十三五”期间, 十三五时期以来: a plan period that ended before the notice
        pm = c.past_period_rx.match(text, s, e)
        past = pm is not None and c.periods.get(pm.group("p"), doc_year) < doc_year
    if not past:
        return False
    return not (c.aim_rx is not None and c.aim_rx.search(text, s, e))


def _is_statistic(text: str, s: int, e: int, c: _Compiled) -> bool:
    """A sentence (text[s:e]) reporting a change against the past (同比, 比上年) states
    a statistic, unless it aims (力争, 确保, 到2020年)."""
    if c.statistic_rx is None:
        return False
    if not c.statistic_rx.search(text, s, e):
        return False
    return not (c.aim_rx is not None and c.aim_rx.search(text, s, e))


def _describes_a_rule(text: str, vs: int, end: int, unit: str | None, comparator: str | None,
                      c: _Compiled, s: int, e: int, stops: _Stops) -> bool:
    """A quantity (text[vs:end], in the sentence text[s:e]) that states a rule of
    support or a class of things, not a goal."""
    if not unit:
        return False
    money = unit.endswith(c.money_units) or unit in c.ratio_units  # 罚款 of 1倍以上5倍以下 is money too
    timed = unit in c.time_units
    if money or timed:
        if c.rule_rx is not None and c.rule_rx.search(text, s, e):
            # 每家给予100万元奖励，最高不超过500万元 / 补贴期限不超过6个月; but an aim in the
            # value's own phrase, with the rule words all before it, commits to the amount:
            # 落实增值税减免政策，力争全年新增减税降费超过600亿元
            ps = stops.phrase_start(vs)
            if not (c.aim_rx is not None and c.aim_rx.search(text, ps, vs)
                    and not c.rule_rx.search(text, ps, e)):
                return True
        if money and c.per_unit_rx is not None and c.per_unit_rx.search(text, s, vs):
            return True  # 按每人每月200元标准
    if unit in c.percent and c.rule_rx is not None and c.rule_rx.search(text, stops.phrase_start(vs), vs):
        return True  # 贷款贴息比例不超过50%, 补贴比例不高于30%: the share a rule of support pays
    if c.standard_rx is not None and c.standard_rx.search(text, s, vs):
        return True  # 按每户不低于1个充电桩配置
    if comparator in (">=", "<=") and unit not in c.percent and c.attributive:
        rest = text[end:end + 3].lstrip()
        if rest.startswith(c.attributive):
            return True  # 年营业收入超过1亿元的企业, 60岁以上的老年人
    return False


def _unit_from_source(raw: str, fl, ncols: int, unit: str | None, us: int, ue: int) -> str | None:
    if not unit:
        return None
    s = fl.src_col(us, len(raw))
    e = fl.src_col(ue, len(raw)) if ue < ncols else len(raw)
    return raw[s:e].strip() or unit


def _year_for(text: str, pos: int, c: _Compiled, s: int) -> int | None:
    """The target year the sentence (from s) gives before the quantity (到2020年, 2016年底前,
    到“十三五”末)."""
    seg = text[s:pos]
    year = None
    # (every year has a 年, every period its name: no scan when there is none)
    for ym in c.year_rx.finditer(seg) if "年" in seg else ():
        ys = ym.start("y")
        # 较2020年下降13.5%: the year compared with, not the year aimed at
        if c.baseline_end is not None and (
                seg.endswith(c.baseline_end, max(0, ys - 4), ys)
                or ys > 0 and _is_space(seg[ys - 1]) and seg.endswith(c.baseline_end, max(0, ys - 4), ys - 1)):
            continue
        try:
            year = int(ym.group("y"))
        except ValueError:  # digits newer than this Python's Unicode tables
            continue
    if year is None:
        for name in c.periods:
            if name in seg:
                pm = None
                for pm in c.period_rx.finditer(seg):
                    pass
                if pm is not None:
                    year = c.periods.get(pm.group("p"))
                break
    return year


_HEADING_YEAR_RX = re.compile(r"(?:19|20)\d{2}(?=年)")
_CAPTION_MAX = 20  # a caption: a short line of its own, no sentence in it (2023年工作回顾)
_CAPTION_STOPS = "。，,；;：:"


def review_lines(roots: list, tokens: list, g: Grammar, doc_year: int | None) -> set[int]:
    """Lines of the sections that review past work (一、2023年工作回顾 in a report of 2024,
    过去五年工作回顾): they report what was done, so they hold no targets. A section is a
    numbered heading with what it holds, or an unnumbered caption line and the lines up to
    the next caption. ``roots``: the tree's nodes (``title``, ``marker``, ``line``,
    ``end_line``, ``children``); ``tokens``: the lexer's lines. An undated notice is placed
    in the latest year its headings and captions name."""
    t = g.data.targets
    if not t.review_endings:
        return set()
    sections: list[tuple[str, int, int]] = []  # (title, first line, last line)
    stack = list(roots)
    while stack:
        n = stack.pop()
        if n.marker:
            sections.append((n.title or "", n.line, n.end_line))
        stack.extend(n.children)
    para = LineKind.PARA
    captions = [k for k, tok in enumerate(tokens) if tok.kind is para and len(tok.text) <= _CAPTION_MAX
                and not any(ch in tok.text for ch in _CAPTION_STOPS)]
    last_line = tokens[-1].line if tokens else 0
    for j, k in enumerate(captions):
        end = tokens[captions[j + 1]].line - 1 if j + 1 < len(captions) else last_line
        sections.append((tokens[k].text.strip(), tokens[k].line, end))
    if doc_year is None:
        doc_year = max((int(y) for title, _, _ in sections for y in _HEADING_YEAR_RX.findall(title)), default=None)
    endings = tuple(t.review_endings)
    out: set[int] = set()
    for title, first, last in sections:
        if not title.endswith(endings):
            continue
        years = [int(y) for y in _HEADING_YEAR_RX.findall(title)]
        if any(w in title for w in t.review_past_words) or (years and doc_year is not None and max(years) < doc_year):
            out.update(range(first, last + 1))
    return out
