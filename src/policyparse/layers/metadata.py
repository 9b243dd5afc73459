"""Document metadata: title, issuer, date, addressees, draft status, document numbers.

Read from the layout a notice has: addressees on the opening line ending in ：, an
issuer line next to a date line (in the header or at the signature), a title block of
one or two short lines ending in a document type (方案, 意见, 举措 …), or the title
named in "现将《X》印发给你们".
"""

from __future__ import annotations

import re

from ..grammar import Grammar, rx
from ..output.document import Meta
from ..parse.kinds import LineKind
from ..parse.lexer import Token
from ..parse.source import SourceText
from ..text.numerals import chinese_to_int

_DATE = rx(
    r"^(?P<y>\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$"
)
_PAREN_ONLY = rx(r"^[（(][^（）()]{1,20}[）)]$")
# module names: read per line (an enum attribute costs several times more)
_BLANK, _HEADING, _BOX = LineKind.BLANK, LineKind.HEADING, LineKind.BOX


def _n(s: str) -> int | None:
    return int(s) if s.isdigit() else chinese_to_int(s.replace("○", "〇"))


def parse_date(text: str) -> str | None:
    """``2016年4月1日`` / ``二〇一六年四月一日`` → ``2016-04-01``."""
    m = _DATE.match("".join(text.split()))
    if not m:
        return None
    y, mo, d = _n(m["y"]), _n(m["m"]), _n(m["d"])
    if not (y and mo and d) or not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


_ENTITY = rx(r"&[a-zA-Z]{2,8};")  # a web copy's leftover HTML entity (&nbsp; &sp;)
_PRIVATE_USE = rx("[\ue000-\uf8ff]")  # private-use characters: a font's own glyphs, no text
_QUOTED_TITLE = rx(r"^《(?P<title>[^《》]{4,80})》(?:[（(][^（）()]{1,20}[）)])?$")


def _plain(tok: Token) -> str:
    p = "".join(tok.text.split())
    return _ENTITY.sub("", p) if "&" in p else p


class _Head:
    """What every metadata rule reads: the tokens, the lines before the first heading."""

    __slots__ = ("tokens", "head", "first_heading", "g", "joined")

    def __init__(self, tokens: list[Token], g: Grammar) -> None:
        self.tokens, self.g = tokens, g
        self.joined = _joined(tokens)
        self.first_heading = next((t.line for t in tokens if t.kind in (_HEADING, _BOX)), len(tokens) + 1)
        self.head = [t for t in tokens if t.line < self.first_heading and t.kind is not _BLANK]


def _joined(tokens: list[Token]) -> str | None:
    """The texts of the tokens joined by newlines, for ``str.find`` over the whole text at
    once; None if a text holds a newline (the line of a position could not be counted)."""
    text = "\n".join([t.text for t in tokens])
    return text if text.count("\n") == len(tokens) - 1 else None


def _holding(tokens: list[Token], joined: str | None, s: str) -> list[int]:
    """The indices of the tokens whose text holds ``s``, in order."""
    if joined is None or "\n" in s:
        return [k for k, t in enumerate(tokens) if s in t.text]
    out: list[int] = []
    line = last = 0
    k = joined.find(s)
    while k >= 0:
        line += joined.count("\n", last, k)
        last = k
        if not out or out[-1] != line:
            out.append(line)
        k = joined.find(s, k + 1)
    return out


def _addressees(meta: Meta, h: _Head) -> None:
    """An opening line that ends with a colon and names addressees:
    各省、自治区、直辖市人民政府，国务院各部委、各直属机构："""
    for t in h.head[:6]:  # after a title block (up to three lines) and a document number
        p = _PRIVATE_USE.sub("", _plain(t))
        if p.endswith(("：", ":")) and len(p) <= 120 and any(w in p for w in h.g.data.metadata.addressee_words):
            meta.addressees = p[:-1]
            return


def _signature(meta: Meta, h: _Head) -> None:
    """Issuer and date: a short date line with the signing organs just above it, one a
    line or side by side (国务院办公厅　中央军委办公厅 / 2018年12月4日); a date line
    without signers dates the notice when no signed one follows."""
    tokens, g = h.tokens, h.g
    for k, t in enumerate(tokens):
        if t.kind is _BLANK or len(t.text) > 40 or "日" not in t.text:
            continue
        d = parse_date(_plain(t))
        if not d:
            continue
        prev = [x for x in tokens[max(0, k - _MAX_SIGNERS):k] if x.kind is not _BLANK]
        organs: list[str] = []
        for x in reversed(prev):
            cand = _plain(x)
            if not _signs(cand, g):
                break
            parts = [w for w in (_ENTITY.sub("", w) for w in x.text.split()) if w]
            organs[:0] = parts if len(parts) > 1 and all(_signs(w, g) for w in parts) else [cand]
        if organs:
            meta.issuer, meta.date, meta.date_line = "、".join(organs), d, t.line
            return
        if meta.date is None:
            meta.date, meta.date_line = d, t.line


def _speech_date(meta: Meta, h: _Head) -> None:
    """A speech (政府工作报告) is dated on its subtitle: ——2024年1月16日在…会议上."""
    if meta.date is not None:
        return
    for t in h.head[:4]:
        m = h.g.speech_date_re.match(_plain(t))
        d = parse_date(m.group("date")) if m else None
        if d:
            meta.date, meta.date_line = d, t.line
            return


def _draft(meta: Meta, h: _Head) -> None:
    """A header line that is only a draft marker (征求意见稿), or a title ending in one."""
    g = h.g
    for t in h.head[:12]:
        p = _plain(t)
        if g.draft_line_re.match(p) or (len(p) <= 80 and "。" not in p and g.draft_suffix_re.search(p)):
            meta.draft = True
            return


def _title_and_issuer(meta: Meta, h: _Head) -> None:
    """The title (see :func:`_title`); an unsigned notice's issuer from its title line
    (国务院关于…的通知 → 国务院), a decree's from its header (中华人民共和国国务院令 → 国务院)."""
    meta.title, meta.title_line, meta.plan_title = _title(h.head, meta, h.g)
    if meta.issuer is None and meta.title:
        meta.issuer = _issuer_of_title(meta.title, h.g)
    if meta.issuer is None:
        meta.issuer = _issuer_of_decree(h.head, h.g)


def _doc_numbers(meta: Meta, h: _Head) -> None:
    """Document numbers, in order: every one cited (国发〔2019〕5号), and the notice's own,
    a header line of its own."""
    g = h.g
    for t in _citing(h.tokens, h.joined):
        if t.kind is _BLANK:
            continue
        p = _plain(t)
        for m in g.doc_number_re.finditer(p):
            num = _doc_number(m, g)
            if num not in meta.doc_numbers:
                meta.doc_numbers.append(num)
            if t.line < h.first_heading and p == num and meta.doc_number is None:
                meta.doc_number = num


def _attachments(meta: Meta, h: _Head) -> None:
    """Attachments listed as 附件：X, or 附件：1．X with 2．Y … on the lines below."""
    tokens, g = h.tokens, h.g
    hint = g.appendix_listing_hint  # a list's line holds it: only those lines are tried
    k = 0
    for k0 in range(len(tokens)) if hint is None else _holding(tokens, h.joined, hint):
        if k0 < k:  # an item of the list before
            continue
        t = tokens[k0]
        m = g.appendix_listing_re.match(_plain(t)) if t.kind is not _BLANK else None
        k = k0 + 1
        if not m:
            continue
        first = m.group("rest").strip()
        if first:
            im = _ITEM.match(first)
            meta.attachments.append(first[im.end():].strip() if im else first)
            if im is None:
                continue
            expect = _item_number(im) + 1
        else:
            expect = 1  # 附件： alone, the items on the lines below
        while k < len(tokens):
            nm = _ITEM.match(_plain(tokens[k]))
            if nm is None or _item_number(nm) != expect:
                break
            meta.attachments.append(_plain(tokens[k])[nm.end():].strip())
            expect += 1
            k += 1


# the metadata rules, in order (the title reads the date and addressees found before it)
RULES = (_addressees, _signature, _speech_date, _draft, _title_and_issuer, _doc_numbers, _attachments)


def extract_metadata(src: SourceText, tokens: list[Token], g: Grammar) -> Meta:
    """The notice's metadata: each rule of :data:`RULES` in turn fills what it finds."""
    meta = Meta()
    h = _Head(tokens, g)
    for rule in RULES:
        rule(meta, h)
    return meta


# a joint issue signs with up to this many organs, one per line above the date
_MAX_SIGNERS = 8
# a line that may cite a document number: four digits, perhaps a space, a closing bracket;
# written bracket first (the digits as look-behinds), so that re skips ahead to brackets
# instead of testing every character for a digit
_YEAR_BRACKET = rx(r"[〕\]】)）］﹞](?:(?<=\d{4}.)|(?<=\d{4}\s.))")
_CLOSERS = "〕]】)）］﹞"  # the brackets `_YEAR_BRACKET` opens with


def _citing(tokens: list[Token], joined: str | None) -> list[Token]:
    """The tokens whose text `_YEAR_BRACKET` finds in, in order. The closing brackets are
    found by ``str.find`` over the whole text and the pattern is tried at them only: a
    search line by line tests every character against the brackets, three times slower."""
    if joined is None:
        return [t for t in tokens if _YEAR_BRACKET.search(t.text)]
    text = joined
    match, at = _YEAR_BRACKET.match, []
    for c in _CLOSERS:
        k = text.find(c)
        while k >= 0:
            if match(text, k):
                at.append(k)
            k = text.find(c, k + 1)
    at.sort()
    out: list[Token] = []
    line = last = 0
    for k in at:
        line += text.count("\n", last, k)
        last = k
        t = tokens[line]
        # the look-behinds may reach over a line end (2019⏎〕): the token's own text decides
        if (not out or out[-1] is not t) and _YEAR_BRACKET.search(t.text):
            out.append(t)
    return out


# a numbered item of an attachment list: 1． 1. 1、 (1) ⒈
_ITEM = rx(r"^(?:(?P<n>\d{1,2})\s*[.．、]|[（(](?P<p>\d{1,2})[）)]|(?P<e>[⒈-⒛]))\s*")


def _item_number(m: re.Match) -> int:
    if m.group("e"):
        return ord(m.group("e")) - ord("⒈") + 1
    return int(m.group("n") or m.group("p"))


def _doc_number(m: re.Match, g: Grammar) -> str:
    """The matched number with words before the organ's abbreviation cut off (落实国发… → 国发…)."""
    num = m.group(0)
    org = m.group("org")
    if g.doc_number_not_org_re is not None:
        cut = g.doc_number_not_org_re.match(org)
        if cut is not None and cut.end() < len(org):
            num = num[cut.end():]
    return num


def _title(head: list[Token], meta: Meta, g: Grammar) -> tuple[str | None, int | None, str | None]:
    """(title, its line, the carried plan's title). The title is the one the document gives
    itself at its head: a covering notice's own title line (关于印发《X》的通知) is the title
    and X the plan's; only a text with no title line of its own (it opens with the
    addressees, or with 附件 and the plan) takes the plan's title."""
    cands: list[tuple[str, int]] = []
    k = 0
    while k < len(head):
        t = head[k]
        p = _plain(t)
        qm = _QUOTED_TITLE.match(p)
        if qm:  # 《关于…的意见》（简称22条意见）: a title given in book-title marks
            p = qm.group("title")
        ds = g.draft_suffix_re.search(p)
        if ds is not None and ds.start() > 0:
            p = p[:ds.start()]  # 辽宁省养老服务条例（草案）: the draft marker is not part of the title
        if not _title_like(p, meta, g):
            k += 1
            continue
        # a title may run over two lines or more: join while the block stays short
        joined, last = p, k
        while not _title_ends(joined, g) and last + 1 < len(head) and \
                head[last + 1].line == head[last].line + 1 and _title_like(_plain(head[last + 1]), meta, g):
            last += 1
            joined += _plain(head[last])
        if _title_ends(joined, g) and len(joined) <= 160:
            line = t.line
            if last + 1 < len(head) and head[last + 1].line == head[last].line + 1:
                nxt = _plain(head[last + 1])
                if g.title_period_re.fullmatch(nxt):  # the period on a line of its own
                    joined += nxt
                    last += 1
            if k > 0 and joined.startswith(g.title_subject_openers) and head[k - 1].line == t.line - 1:
                above = _plain(head[k - 1])  # the issuer on its own line above 关于…
                if len(above) <= 30 and g.issuer_end_re.search(above) and "。" not in above:
                    joined, line = above + joined, head[k - 1].line
            cands.append((joined, line))
        k = last + 1
    if len(cands) > 1:  # 臺北市政府函: the form of the document, when a real title follows
        kept = [(t, ln) for t, ln in cands if not _form_label(t, g)]
        cands = kept or cands
    issued = next((m.group("title") for m in (g.issued_title_re.search(_plain(t)) for t in head) if m), None)
    if not cands:
        return issued, next((t.line for t in head if issued and issued in _plain(t)), None), issued
    title, line = cands[0]
    wm = g.wrapper_title_re.search(title)
    if wm is None:
        return title, line, None
    inner = wm.group("title").strip("《》")
    plan = next((c for c, _ in cands[1:] if c in (inner, issued)), issued or inner)
    return title, line, plan


def _title_ends(title: str, g: Grammar) -> bool:
    """A title block ends in a document type, perhaps followed by its period
    (任务分工(2016-2020年), 行动方案（2021—2023年）)."""
    return bool(g.title_end_re.search(g.title_period_re.sub("", title)) or g.title_issues_re.search(title))


def _signs(text: str, g: Grammar) -> bool:
    """A short line naming an organ, as a signature does."""
    return (len(text) <= 30 and g.issuer_end_re.search(text) is not None and "。" not in text
            and not text.endswith("："))


def _issuer_of_decree(head: list[Token], g: Grammar) -> str | None:
    """上海市人民政府令 / 中华人民共和国国务院令 opening a decree (signed 市长 某某, a person):
    the organ that issues it, without the state's name before it (国务院)."""
    for t in head[:2]:
        p = _plain(t)
        for w in g.form_labels:
            organ = p[: -len(w)] if p.endswith(w) else ""
            if organ and g.issuer_end_re.search(organ):
                for prefix in g.data.metadata.state_names:
                    if organ.startswith(prefix) and len(organ) > len(prefix):
                        organ = organ[len(prefix):]
                return organ
    return None


def _issuer_of_title(title: str, g: Grammar) -> str | None:
    """某市人民政府关于…的实施意见 → 某市人民政府; 国务院办公厅、中央军委办公厅关于… → both."""
    for opener in g.title_subject_openers:
        k = title.find(opener)
        if k >= 2:
            head = title[:k]
            if g.issuer_end_re.search(head) and len(head) <= 60:
                return head
    return None


def _form_label(title: str, g: Grammar) -> bool:
    """An organ's name and a form word only (臺北市政府函, 辽宁省人民政府令)."""
    for w in g.form_labels:
        if title.endswith(w) and len(title) > len(w):
            head = title[: -len(w)]
            return bool(g.issuer_end_re.search(head)) and not head.startswith(g.title_subject_openers)
    return False


def _title_like(p: str, meta: Meta, g: Grammar) -> bool:
    if not p or len(p) > 60 or "。" in p or p.endswith(("：", ":", "，", ",")):
        return False
    if _PAREN_ONLY.match(p) or parse_date(p) or p == meta.issuer:
        return False
    if g.appendix_re.match(p) or g.appendix_listing_re.match(p) or g.doc_number_re.fullmatch(p):
        return False
    return not p.startswith(g.not_title_starts)
