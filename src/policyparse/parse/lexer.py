"""One scan per line: heading marker, box, table row, label line, paragraph or blank.

Rules match the folded view of a line; the marker and title a token carries are
cut from the untouched source line, so they read exactly as the notice does.

A marker opens a heading only where the grammar of the notice allows it:

* it stands at the start of the line and something follows it;
* it does not start an enumeration inside a sentence (一、二级医院, 1、2月份, 110、119);
* a marker the grammar calls *tight-sensitive* (第一条 written without a space, 1.1
  decimals) needs a neighbour in sequence elsewhere in the notice (第二条, 1.2), since
  第一条高速公路 or 1.5 亿元 read the same way at the start of a line.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..grammar import Grammar, first_char_test
from ..text.brackets import trailing_group_start
from ..text.departments import looks_like_department
from ..text.numerals import Numeral, marker_number
from .kinds import LineKind, NodeKind
from .source import _COMMON_FOLDS, FoldedLine, SourceText

# module names: these are read per line (an enum attribute costs several times more)
_BLANK, _PARA, _HEADING, _BOX = LineKind.BLANK, LineKind.PARA, LineKind.HEADING, LineKind.BOX
_TABLE, _LABEL, _APPENDIX = LineKind.TABLE, LineKind.LABEL, LineKind.APPENDIX
_ARABIC, _CHINESE = Numeral.ARABIC, Numeral.CHINESE

# A notice numbers its headings with a handful of numerals (1 to 30, 一 to 十), read
# again on every heading line; reading one costs more than a cache look-up.
_number = lru_cache(maxsize=1024)(marker_number)


@dataclass(slots=True)
class Token:
    line: int  # 1-based
    kind: LineKind
    text: str  # the source line, stripped
    marker: str | None = None
    marker_kind: str | None = None  # a heading's kind (the grammar's), NodeKind.BOX for a box
    number: int | None = None
    title: str | None = None
    body: str = ""  # text after the title on a heading line
    cells: list[str] | None = None
    needs_sequence: bool = False  # kept only if a neighbour in sequence exists


def _is_clause(content: str, g: Grammar) -> bool:
    """A bracketed responsibility clause: labelled, verbal or a bare list of organs."""
    c = content.strip()
    if not c or g.not_clause_re.match(c):
        return False
    if g.label_re.search(c):
        return True
    m = g.verb_tail_re.match(c)
    names = m.group("names") if m else c
    first = names
    for sep in g.first_name_ends:
        first = first.split(sep)[0]
    first = g.others_tail_re.sub("", first.strip()) if first else first
    if m:
        return bool(first) and looks_like_department(first, g)
    items = [x for x in c.replace("，", "、").replace(",", "、").split("、") if x.strip()]
    return bool(items) and all(looks_like_department(g.others_tail_re.sub("", x.strip()), g) for x in items)


_STOPS = ".．"


def _sentence_end(text: str) -> int:
    """Index of the first full stop: 。, or a half-width/full-width period that web copies
    use for it — not the point of a number (6.5%, 3．41亿) nor one inside a name (PM2.5)."""
    cut = text.find("。")
    limit = len(text) if cut < 0 else cut
    if "." not in text[:limit] and "．" not in text[:limit]:
        return cut
    for i in range(limit):
        if text[i] in _STOPS:
            nxt = text[i + 1] if i + 1 < len(text) else ""
            prev = text[i - 1] if i else ""
            if nxt.isdigit() and prev.isdigit() or nxt.isascii() and nxt.isalnum():
                continue
            return i
    return cut


def _title_and_body(raw_rest: str, g: Grammar) -> tuple[str, str]:
    """Title = first sentence up to (not including) 。; the rest is the body.

    A line without 。 is a stand-alone heading; a responsibility clause closing it
    (（牵头单位：X） （X负责） （X、Y）) is body, not title."""
    rest = raw_rest.strip().lstrip(":：")  # 专栏1：重点工程
    cut = _sentence_end(rest)
    if cut < 0:
        title, body = rest, ""
        p = trailing_group_start(title)
        if p > 0 and _is_clause(title[p + 1:-1], g):
            title, body = title[:p], title[p:]
    else:
        title, body = rest[:cut], rest[cut + 1:]
    title = title.strip()
    if title.endswith(("；", ";")):  # an item of a list (（1）出色完成应急任务的；) ends like a sentence
        title = title[:-1].rstrip()
    return title, body.strip()


def _is_table_row(line: str) -> bool:
    # a tab between cells, not one left at either end of a line (web copies do that)
    return "\t" in line.strip()


class _Tables:
    """What the lexer needs of a grammar, worked out once per grammar: each marker kind
    as a tuple (its attributes are read once, not per line), and group numbers: a match
    group asked for by number skips the look-up of its name."""

    def __init__(self, g: Grammar) -> None:
        self.key = _key(g)
        # (pattern, number of group num or 0, of num2 or 0, numeral, enumerates, name, needs_sequence,
        # outline)
        self.kinds = [(rx, rx.groupindex.get("num", 0), rx.groupindex.get("num2", 0), k.numeral, k.enumerates,
                       k.name, k.needs_sequence, k.outline) for k, rx in g.marker_kinds]
        # (a missing group keeps its name, so that asking for it fails as it did)
        self.box_num = g.box_re.groupindex.get("num", "num")
        e = g.enumeration_re
        self.enum_sep = e.groupindex.get("sep", "sep") if e is not None else "sep"
        self.enum_next = e.groupindex.get("next", "next") if e is not None else "next"
        # the test of each pattern's first character (None: any character), and what may open
        # a line by its first character, filled as first characters are met
        m = g.data.markers
        self.box_test, self.appendix_test = first_char_test(m.box.pattern), first_char_test(m.appendix.pattern)
        self.kind_tests = [first_char_test(k.pattern) for k, _rx in g.marker_kinds]
        self.by_first: dict[str, tuple[bool, bool, tuple] | None] = {}

    def opening(self, ch: str) -> tuple[bool, bool, tuple] | None:
        """What may open a line that starts with ``ch``: (a box?, an appendix?, the marker kinds
        in order), or None for nothing (so marker_start_re cannot match either); kept in
        ``by_first``, which the lexer reads first."""
        def may(test: Any) -> bool:
            return test is None or test(ch)
        kinds = tuple(k for k, test in zip(self.kinds, self.kind_tests) if may(test))
        box, appendix = may(self.box_test), may(self.appendix_test)
        got = self.by_first[ch] = (box, appendix, kinds) if box or appendix or kinds else None
        return got


def _key(g: Grammar) -> tuple:
    return (g.marker_kinds, g.box_re, g.appendix_re, g.enumeration_re)


def _tables(g: Grammar) -> _Tables:
    t = getattr(g, "_lexer_tables", None)
    if t is None or any(a is not b for a, b in zip(t.key, _key(g))):
        t = _Tables(g)
        g._lexer_tables = t  # built once per grammar; filled as openings are met
    return t


def classify(src: SourceText, g: Grammar) -> list[Token]:
    """Classify every line of ``src``."""
    tables = _tables(g)
    tokens = [_classify_line(i, raw, folded, g, tables)
              for i, (raw, folded) in enumerate(zip(src.lines, src.folded), start=1)]
    _demote_table_of_contents(tokens)
    _check_sequences(tokens, g)
    _demote_listing_items(tokens, src, g)
    return tokens


_TOC_RUN = 3  # a table of contents repeats at least this many headings in a row


def _toc_key(t: Token) -> tuple:
    """A heading as a table of contents lists it: brackets and spaces may differ in width."""
    return (t.marker_kind, t.number, "".join(_nfkc(t.title or "").split()))


def _nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``. The common folds go first: each replaces a
    character by its own NFKC form, which leaves the result as it was, and the text is then
    usually normal already, which normalize finds by a quick check instead of recomposing
    every character."""
    for ch, to in _COMMON_FOLDS:
        text = text.replace(ch, to)
    return unicodedata.normalize("NFKC", text)


def _has_bare_run(tokens: list[Token]) -> bool:
    """Whether _TOC_RUN bare heading lines (no text of their own) follow one another, blank
    lines aside: a table of contents needs such a run, whether or not its headings recur."""
    run = 0
    for t in tokens:
        if t.kind is _HEADING and not t.body:
            run += 1
            if run >= _TOC_RUN:
                return True
        elif t.kind is not _BLANK:
            run = 0
    return False


def _demote_table_of_contents(tokens: list[Token]) -> None:
    """A table of contents (目录 and the headings it lists) repeats headings that stand
    later in the body: a run of bare heading lines (no text of their own, nothing between
    them) each of which recurs later is a table of contents, not headings."""
    if not _has_bare_run(tokens):
        return  # (most notices: no heading keys to work out)
    heads = [t for t in tokens if t.kind is _HEADING]
    key_of = {t.line: _toc_key(t) for t in heads}
    last_of: dict[tuple, int] = {}
    for t in heads:
        last_of[key_of[t.line]] = t.line
    run: list[Token] = []

    def flush() -> None:
        if len(run) >= _TOC_RUN:
            for t in run:
                t.kind, t.marker, t.marker_kind, t.number, t.title, t.body = _PARA, None, None, None, None, ""
                t.needs_sequence = False
        run.clear()

    for t in tokens:
        if t.kind is _BLANK:
            continue
        if t.kind is _HEADING and not t.body and last_of[key_of[t.line]] > t.line:
            run.append(t)
        elif run:
            flush()
    flush()


def _demote_listing_items(tokens: list[Token], src: SourceText, g: Grammar) -> None:
    """附件：1．X / 2．Y (or 附件： then 1．X): the numbered lines under an attachment list are list items
    (of the kinds that say ``list_item``)."""
    info = g.kind_info
    hint = g.appendix_listing_hint
    for k, t in enumerate(tokens):
        if t.kind is not _PARA:
            continue
        ftext = src.folded[t.line - 1].text
        if hint is not None and hint not in ftext:
            continue
        stripped = ftext.strip()
        m = g.appendix_listing_re.match(stripped)
        if m is None:
            continue
        expect = 1 if not m.group("rest").strip() else 2
        for nxt in tokens[k + 1:]:
            if nxt.kind is not _HEADING or nxt.number != expect:
                break
            if not info[nxt.marker_kind].list_item:  # type: ignore[index]
                break
            nxt.kind, nxt.marker, nxt.marker_kind, nxt.number, nxt.title, nxt.body = _PARA, None, None, None, None, ""
            expect += 1


def _path(tok: Token, outline: bool) -> tuple[int, ...]:
    """Where a heading stands in its sequence: (n,), or every component of an outline's number (1.2.1)."""
    if outline:
        return tuple(int(x) for x in tok.marker.replace("．", ".").strip(".").split(".") if x.isdigit())  # type: ignore[union-attr]
    return (tok.number or 0,)


def _check_sequences(tokens: list[Token], g: Grammar) -> None:
    """Demote headings that need a neighbour in sequence (of their kind's family) and have none."""
    weak = [t for t in tokens if t.needs_sequence]
    if not weak:
        return
    info = g.kind_info
    paths: dict[str, set[tuple[int, ...]]] = {}
    for t in tokens:
        if t.kind is _HEADING:
            k = info[t.marker_kind]  # type: ignore[index]
            paths.setdefault(k.family, set()).add(_path(t, k.level is not None))
    for t in weak:
        k = info[t.marker_kind]  # type: ignore[index]
        p = _path(t, k.level is not None)
        near = {p[:-1] + (p[-1] - 1,), p[:-1] + (p[-1] + 1,), p + (1,)}
        if k.level == 0:  # 1　总则 heads an outline only with its 1.1 (a table row 1 … has none)
            near = {p + (1,)}
        if len(p) > 1:
            # the same item of the neighbouring section: 1.1 ↔ 2.1
            near |= {p[:-2] + (p[-2] - 1, p[-1]), p[:-2] + (p[-2] + 1, p[-1])}
            if p[-1] == 1:
                near.add(p[:-1])
        if not near & paths.get(k.family, set()):
            t.kind, t.marker, t.marker_kind, t.number, t.title, t.body = _PARA, None, None, None, None, ""
        t.needs_sequence = False


def _classify_line(no: int, raw: str, folded: FoldedLine, g: Grammar, tables: _Tables) -> Token:
    ftext = folded.text
    stripped = ftext.lstrip()
    if not stripped or stripped.isspace():
        return Token(no, _BLANK, "")
    text = raw.strip()
    if "\t" in raw and _is_table_row(raw):
        cells = [c.strip(" \u3000\r") for c in raw.split("\t")]
        return Token(no, _TABLE, text, cells=cells)
    if (opening := tables.by_first.get(stripped[0], tables)) is tables:  # a first character not met before
        opening = tables.opening(stripped[0])
    if opening is None or g.marker_start_re.match(stripped) is None:
        # a label line (牵头单位：X) has its colon near the start
        if ":" in stripped[:g.label_reach] and g.label_re.match(stripped):
            return Token(no, _LABEL, text)
        return Token(no, _PARA, text)

    lead = len(ftext) - len(stripped)
    clean = folded.clean  # the source minus junk, aligned with the folded text

    def cut(end_in_folded: int) -> tuple[str, str]:
        return clean[lead:lead + end_in_folded].strip(), clean[lead + end_in_folded:]

    box, appendix, kinds = opening
    m = g.box_re.match(stripped) if box else None
    if m:
        marker, rest = cut(m.end())
        title, body = _title_and_body(rest, g)
        num = m.group(tables.box_num)
        return Token(no, _BOX, text, marker=marker, marker_kind=NodeKind.BOX,
                     number=_number(num, _CHINESE), title=title, body=body)
    if appendix and g.appendix_re.match(stripped):
        return Token(no, _APPENDIX, text)
    for rx, num_group, num2_group, numeral, enumerates, name, needs_sequence, outline in kinds:
        m = rx.match(stripped)
        if not m:
            continue
        rest_folded = stripped[m.end():]
        if not rest_folded.strip():
            continue  # a marker with nothing after it is not a heading
        num = (num_group and m.group(num_group)) or (num2_group and m.group(num2_group)) or ""
        number = _number(num, numeral)
        if number is None:
            continue
        if enumerates and g.enumeration_re is not None:
            em = g.enumeration_re.match(rest_folded)
            nxt = em.group(tables.enum_next) if em else ""
            # the next number counts only in the marker's own numeral system (2、三区 is a heading)
            if em and (em.group(tables.enum_sep) or (
                    nxt.isdigit() == (numeral == _ARABIC) and _number(nxt, numeral) == number + 1)):
                continue  # 一、二级医院 / 1、2月份 / 110、119: an enumeration, not a heading
        marker, rest = cut(m.end())
        title, body = _title_and_body(rest, g)
        if not title:
            continue
        mk = g.outline_level(name, num.count(".")) if outline else name
        weak = needs_sequence == "always" or (needs_sequence == "unspaced" and not rest_folded[0].isspace())
        return Token(no, _HEADING, text, marker=marker, marker_kind=mk, number=number, title=title, body=body,
                     needs_sequence=weak)
    if g.label_re.match(stripped):
        return Token(no, _LABEL, text)
    return Token(no, _PARA, text)
