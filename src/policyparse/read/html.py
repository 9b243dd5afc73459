"""Saved web pages → the lines of the notice they publish.

A government page wraps the notice in site furniture: navigation, an info table
(索引号 / 发文机关 / 成文日期 / 标题 / 发文字号 …), share, print and close links, a footer.
This reader

1. decodes the bytes (BOM, then the page's ``<meta charset>``, else UTF-8, else GB18030:
   GBK and GB2312 pages decode as GB18030, their superset);
2. parses them with selectolax's Lexbor engine (an HTML5 parser: malformed markup is
   repaired the way a browser repairs it) into a small tree of our own (:class:`_El`),
   dropping scripts, styles, comments, images, form controls and hidden elements;
3. finds the article body: the block a known content-block id or class names
   (:data:`CONTENT_HINTS`, a hint only) when it holds most of the page's prose, else the
   innermost block holding most of it (prose = CJK text outside links);
4. writes the body as lines: each ``<p>``/``<div>``/``<h1-6>``/``<li>`` and each ``<br>``
   ends a line, an empty paragraph or a second ``<br>`` is a blank line, a data table is
   one line per row with tab-separated cells (rowspan text repeated in each row it spans,
   colspan cells padded with empty cells, so every row has the table's width);
5. reads the info table anywhere on the page into ``hints`` (title, issuer, doc_number,
   date as YYYY-MM-DD).

selectolax is imported only here, when a web page comes.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from ..errors import CorruptDocument, DecodeFailure, InputTooLarge, NoText
from . import Converted
from .infotable import INFO_LABELS, META_LABELS, iso_date

# ---------------------------------------------------------------------------------------
# data tables: names and words, kept apart from the code that uses them

# ids and classes that gov.cn and provincial sites give the block holding the article;
# a hint, taken when the block holds most of the page's prose (compared lower-cased)
CONTENT_HINTS = frozenset(s.lower() for s in (
    "UCAP-CONTENT", "pages_content", "TRS_Editor", "TRS_UEDITOR", "Custom_UnionStyle", "zoom", "Zoom",
    "article-content", "article_content", "articleContent", "art_con", "artCon", "xxgk_content",
    "news_content", "newsContent", "content_text", "contentText", "conTxt", "con_txt", "detail-content",
    "detail_content", "main-txt", "main_txt", "zwgk_content", "view", "BodyLabel", "fontzoom", "zw",
    "article", "txt_content", "wzcon", "Article_content",
))

# ids and classes of furniture inside or beside an article: never the notice
CHROME_HINTS = frozenset(s.lower() for s in (
    "share", "bdsharebuttonbox", "print", "nav", "navbar", "menu", "breadcrumb", "crumb", "footer", "foot",
    "header", "topbar", "sidebar", "related", "relevant", "position", "location", "pagination", "qrcode",
    "ewm", "erweima", "comment", "toolbar", "fenxiang", "dyfx",
))
_CHROME_PREFIXES = ("share", "print", "footer", "breadcrumb", "qrcode", "bdshare")

# short lines that are page furniture: buttons, bylines, breadcrumbs, footers
CHROME_BUTTONS = ("打印本页", "打印此页", "打印", "关闭窗口", "关闭本页", "关闭", "我要纠错", "收藏", "返回顶部",
                  "字体：大 中 小", "字号：大 中 小", "大 中 小", "扫一扫在手机打开当前页")
CHROME_PREFIXES = ("责任编辑", "来源", "浏览次数", "访问量", "点击数", "阅读次数", "字体", "字号", "分享到", "当前位置",
                   "您的位置", "您现在的位置", "您当前的位置", "所在位置")
CHROME_WORDS = ("网站标识码", "ICP备", "公网安备", "版权所有", "Copyright", "网站地图", "技术支持：")
_CHROME_MAX = 120  # longer lines are never furniture

_BUTTON = "[【\\[]?(?:" + "|".join(re.escape(w).replace("\\ ", "\\s*") for w in CHROME_BUTTONS) + ")[】\\]]?"
_CHROME_LINE_RX = re.compile(
    "^(?:(?:" + "|".join(map(re.escape, CHROME_PREFIXES)) + ")\\s*[:：]"
    + "|" + _BUTTON + "(?:\\s*" + _BUTTON + ")*$"
    + "|.*(?:" + "|".join(map(re.escape, CHROME_WORDS)) + "))"
)

# elements whose content is never text of the notice
_SKIP = frozenset((
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "svg",
    "math",
    "head", "title", "meta", "link", "img", "video", "audio", "canvas", "map", "select", "option", "button",
    "input", "textarea", "base", "source", "track", "param", "picture",
))
# elements that start and end a line
_BLOCK = frozenset((
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section", "article",
    "header", "footer", "nav", "aside", "blockquote", "pre", "center", "form", "fieldset", "figure",
    "figcaption", "main", "address", "hr", "body", "html", "legend", "details", "summary", "caption",
    "table", "tr", "td", "th", "thead", "tbody", "tfoot",
))
# an empty one of these is a blank line (an empty paragraph)
_PARAGRAPH = frozenset(("p",))

_MAX_SPAN = 1000  # colspan limit (the HTML standard's); a rowspan ends with the table

# ---------------------------------------------------------------------------------------
# decoding

_META_CHARSET_RX = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_GB = frozenset(("gb2312", "gbk", "x-gbk", "gb_2312", "gb_2312-80", "csgb2312", "chinese", "iso-ir-58",
                 "gb18030", "cp936", "ms936", "windows-936", "euc-cn"))
_SINGLE_BYTE = frozenset(("ascii", "us-ascii", "iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252"))


def declared_charset(data: bytes) -> str | None:
    """The encoding a page declares in its head (``<meta charset>`` or ``http-equiv``)."""
    m = _META_CHARSET_RX.search(data[:16384])
    return m.group(1).decode("ascii").lower() if m else None


def decode(data: bytes, path: str | None = None) -> tuple[str, str]:
    """The page's text and the encoding it was read with."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path, "has a UTF-8 BOM but"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path, "has a UTF-16 BOM but"), "utf-16"
    tried: list[str] = []
    name = declared_charset(data)
    if name:
        enc = "gb18030" if name in _GB else name
        try:
            enc = codecs.lookup(enc).name
        except LookupError:
            enc = ""
        if enc.startswith("utf-16"):  # a declared UTF-16 without BOM is read as UTF-8 (WHATWG)
            enc = "utf-8"
        if enc and enc not in ("ascii",) and name not in _SINGLE_BYTE:
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                tried.append(enc)
    for enc in ("utf-8", "gb18030"):
        if enc in tried:
            continue
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            pass
    if name in _SINGLE_BYTE:
        enc = "cp1252" if _cp1252_ok(data) else "latin-1"  # latin-1 decodes any bytes
        return data.decode(enc), enc
    raise DecodeFailure(f"declares {name or 'no charset'} and is neither UTF-8 nor GB18030", path)


def _cp1252_ok(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _strict(data: bytes, enc: str, path: str | None, what: str) -> str:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        raise DecodeFailure(f"{what} invalid {enc.upper()} at byte {exc.start}", path) from None


# ---------------------------------------------------------------------------------------
# our tree


@dataclass(eq=False, slots=True)
class _El:
    tag: str
    names: frozenset[str] = frozenset()  # id and class tokens, lower-cased
    rowspan: int = 1
    colspan: int = 1
    kids: list = field(default_factory=list)  # _El or str
    in_link: bool = False
    prose: int = 0  # CJK characters and CJK punctuation outside links, in all descendants
    links: int = 0  # characters inside links
    text_len: int = 0  # non-space characters


_CJK_RX = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3001-\u3003\u300a-\u3011\u201c\u201d"
                     r"\uff01-\uff1f\u2014\u2026]")
_HIDDEN_RX = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _span(value: str | None) -> int:
    if not value:
        return 1
    m = re.match(r"\s*(\d+)", value)
    if not m:
        return 1
    n = int(m.group(1)[:6])
    return max(n, 1)


def _parse(text: str) -> _El:
    """The page as our tree (the body, or the whole document if it has none)."""
    from selectolax.lexbor import LexborHTMLParser

    doc = LexborHTMLParser(text)
    top = doc.body or doc.root
    root = _El("body")
    if top is None:
        return root
    stack = [(top, root)]
    while stack:
        node, el = stack.pop()
        for ch in node.iter(include_text=True):
            tag = ch.tag
            if tag == "-text":
                t = ch.text_content
                if t:
                    el.kids.append(t)
                continue
            if not tag or tag[0] in "-_#!" or tag in _SKIP:
                continue
            attrs = ch.attributes
            if "hidden" in attrs or _HIDDEN_RX.search(attrs.get("style") or ""):
                continue
            names = " ".join(v for k in ("id", "class") if (v := attrs.get(k)))
            new = _El(tag, frozenset(names.lower().split()) if names else frozenset(),
                      in_link=el.in_link or tag == "a")
            if tag in ("td", "th"):
                new.rowspan = _span(attrs.get("rowspan"))
                new.colspan = min(_span(attrs.get("colspan")), _MAX_SPAN)
            el.kids.append(new)
            stack.append((ch, new))
    return root


def _measure(root: _El) -> list[_El]:
    """Fill in each element's prose, links and text_len; the elements in pre-order."""
    order: list[_El] = []
    stack = [root]
    while stack:
        el = stack.pop()
        order.append(el)
        stack.extend(k for k in reversed(el.kids) if isinstance(k, _El))
    for el in reversed(order):
        prose = links = n = 0
        for k in el.kids:
            if isinstance(k, str):
                c = len(k) if k.isalnum() else sum(map(len, k.split()))  # Unicode spaces, NBSP too
                n += c
                if el.in_link:
                    links += c
                else:
                    prose += len(_CJK_RX.findall(k))
            else:
                prose += k.prose
                links += k.links
                n += k.text_len
        el.prose, el.links, el.text_len = prose, links, n
    return order


# ---------------------------------------------------------------------------------------
# finding the article


def _is_chrome(el: _El) -> bool:
    if not el.names:
        return False
    if el.names & CHROME_HINTS:
        return True
    return any(n.startswith(_CHROME_PREFIXES) for n in el.names)


# the share of the page's prose the article block holds: a hinted block at least
# HINTED_SHARE, else the innermost block holding at least DENSE_SHARE
HINTED_SHARE = 0.5
DENSE_SHARE = 0.8


def _find_body(root: _El, order: list[_El]) -> tuple[_El | None, bool]:
    """The block holding the article, and whether a content-block hint named it."""
    total = root.prose
    if total == 0:
        return None, False
    hinted = [el for el in order if el.names & CONTENT_HINTS and el.prose >= HINTED_SHARE * total]
    if hinted:
        best = max(el.prose for el in hinted)
        # the innermost of those holding the most prose (pre-order: the last is the innermost)
        return [el for el in hinted if el.prose == best][-1], True
    # no hint: the innermost element holding most of the page's prose
    body = root
    for el in order:
        if el.prose >= DENSE_SHARE * total and not _is_chrome(el):
            body = el
    return body, False


# ---------------------------------------------------------------------------------------
# lines

_WS_RUN_RX = re.compile(r"[ \t\n\r\f]*[\t\n\r\f][ \t\n\r\f]*")
_STRIP = " \t\n\r\f\u3000\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"


class _Lines:
    """Lines written from a walk of the tree: block boundaries and ``<br>`` end lines."""

    def __init__(self, cells_as_lines: bool = False, skip_chrome: bool = True, drop_link_lines: bool = False):
        self.out: list[str] = []
        self.buf: list[str] = []
        self.linked = True  # whether all the text of the line being written is link text
        self.pre = 0  # how many <pre> elements the walk is in
        self.cells_as_lines = cells_as_lines
        self.skip_chrome = skip_chrome
        self.drop_link_lines = drop_link_lines

    def flush(self) -> bool:
        """End the line being written; whether it had text."""
        if not self.buf:
            return False
        line = "".join(self.buf).strip(_STRIP)
        self.buf = []
        linked, self.linked = self.linked, True
        if line and linked and self.drop_link_lines:
            return True  # a menu or a row of links, in a body found without a hint
        if line:
            self.out.append(line)
            return True
        return False

    def blank(self) -> None:
        if self.out and self.out[-1] != "":
            self.out.append("")

    def walk(self, el: _El) -> None:
        # iterative: ("enter", el) / ("leave", el, count_before) / text
        stack: list = [("enter", el)]
        while stack:
            item = stack.pop()
            if item[0] == "text":
                _, t, in_link = item
                if not in_link and t.strip(_STRIP):
                    self.linked = False
                if self.pre and "\n" in t:  # preformatted: its line breaks are kept
                    first, *rest = t.replace("\r\n", "\n").split("\n")
                    self.buf.append(first)
                    for piece in rest:
                        if not self.flush():
                            self.blank()
                        self.buf.append(piece)
                    continue
                self.buf.append(t if t.isprintable() else _WS_RUN_RX.sub(" ", t))
                continue
            if item[0] == "leave":
                _, e, before = item
                self.flush()
                if e.tag == "pre":
                    self.pre -= 1
                if e.tag in _PARAGRAPH and not any(self.out[before:]):
                    self.blank()
                continue
            e = item[1]
            tag = e.tag
            if tag == "br":
                if not self.flush():
                    self.blank()
                continue
            if self.skip_chrome and e is not el and _is_chrome(e):
                continue
            if tag == "table" and not self.cells_as_lines:
                if self.skip_chrome and _is_info_table(e):
                    continue
                if not _is_layout(e):
                    self.flush()
                    for k in e.kids:
                        if isinstance(k, _El) and k.tag == "caption":
                            self.out.extend(ln for ln in _block_lines(k) if ln)
                    self.out.extend(_table_rows(e))
                    continue
            if tag in _BLOCK:
                self.flush()
                stack.append(("leave", e, len(self.out)))
                if tag == "pre":
                    self.pre += 1
            # the children, pushed in reverse so the first is handled first
            stack.extend(reversed([("text", k, e.in_link) if isinstance(k, str) else ("enter", k)
                                   for k in e.kids]))

    def lines(self) -> list[str]:
        self.flush()
        out = self.out
        while out and out[-1] == "":
            out.pop()
        return out


def _block_lines(el: _El, cells_as_lines: bool = False, skip_chrome: bool = True,
                 drop_link_lines: bool = False) -> list[str]:
    w = _Lines(cells_as_lines, skip_chrome, drop_link_lines)
    w.walk(el)
    return w.lines()


def _rows_of(table: _El) -> list[list[_El]]:
    """The table's rows (its own, not those of tables nested in its cells), cells each."""
    rows: list[list[_El]] = []
    stack = list(reversed(table.kids))
    while stack:
        k = stack.pop()
        if not isinstance(k, _El):
            continue
        if k.tag == "tr":
            rows.append([c for c in k.kids if isinstance(c, _El) and c.tag in ("td", "th")])
        elif k.tag in ("thead", "tbody", "tfoot", "form"):
            stack.extend(reversed(k.kids))
    return rows


def _has_table(el: _El) -> bool:
    stack = [k for k in el.kids if isinstance(k, _El)]
    while stack:
        k = stack.pop()
        if k.tag == "table":
            return True
        stack.extend(c for c in k.kids if isinstance(c, _El))
    return False


def _is_layout(table: _El) -> bool:
    """A table used to lay out the page rather than to tabulate: one column, no row with
    two cells of text, or cells holding tables of their own."""
    rows = _rows_of(table)
    if not rows:
        return True
    if max(sum(c.colspan for c in r) for r in rows) <= 1:
        return True
    if not any(sum(1 for c in r if c.text_len) >= 2 for r in rows):
        return True  # a signature block or a boxed paragraph: no row holds two cells of text
    return any(_has_table(c) for r in rows for c in r)


def _is_info_table(table: _El) -> bool:
    """A site's info table: two cells or more that start with an info-table label."""
    labels = set()
    for row in _rows_of(table):
        for cell in row:
            m = _LABEL_RX.match(_cell_text(cell))
            if m and m.end() > 0:
                labels.add(_norm_label(m.group(1)))
    return len(labels) >= 2


def _cell_text(cell: _El) -> str:
    return " ".join(ln for ln in _block_lines(cell) if ln).replace("\t", " ")


def _table_rows(table: _El) -> list[str]:
    """A data table as tab-separated rows, merged cells resolved: a rowspan cell's text
    stands in each row it spans, a colspan cell is followed by empty cells."""
    rows = _rows_of(table)
    grid: dict[tuple[int, int], str] = {}
    for r, cells in enumerate(rows):
        c = 0
        for cell in cells:
            while (r, c) in grid:
                c += 1
            text = _cell_text(cell)
            rs = min(cell.rowspan, len(rows) - r)
            for i in range(rs):
                for j in range(cell.colspan):
                    grid[(r + i, c + j)] = text if j == 0 else ""
            c += cell.colspan
    if not grid:
        return []
    width = max(c for _, c in grid) + 1
    out = []
    for r in range(len(rows)):
        cells = [grid.get((r, c), "") for c in range(width)]
        if any(cells):
            out.append("\t".join(cells))
    return out


def _tidy(lines: list[str], hinted: bool = True) -> list[str]:
    """Blank-line runs collapsed, none at the ends; furniture lines dropped: buttons,
    bylines, footers, the lines of an info box (``发布日期：2025-03-12``; in a body found
    without a hint also ``发文机关：…``, which a hinted article block may state itself)."""
    out: list[str] = []
    for ln in lines:
        if ln == "":
            if out and out[-1] != "":
                out.append("")
            continue
        if len(ln) <= _CHROME_MAX and "\t" not in ln and _CHROME_LINE_RX.match(ln):
            continue
        if len(ln) <= _CHROME_MAX and _is_label_line(ln, _LABEL_SET if not hinted else _INFO_SET):
            continue
        out.append(ln)
    while out and out[-1] == "":
        out.pop()
    return out


# ---------------------------------------------------------------------------------------
# the info table


_LABEL_WORDS = sorted(list(META_LABELS) + list(INFO_LABELS), key=len, reverse=True)
_LABEL_RX = re.compile(
    "(" + "|".join("[ \u3000\u00a0]*".join(re.escape(ch) for ch in w) for w in _LABEL_WORDS) + r")"
    r"[ \u3000\u00a0]*[:：]?[ \u3000\u00a0]*"
)


def _is_label_line(line: str, labels: frozenset[str]) -> bool:
    """Whether the line starts with one of ``labels`` and a colon (``发布日期：2025-03-12``)."""
    m = _LABEL_RX.match(line)
    return bool(m and _has_colon(m) and _norm_label(m.group(1)) in labels)


def _norm_label(s: str) -> str:
    return re.sub(r"[\s\u3000\u00a0:：]", "", s)


def _has_colon(m: re.Match[str]) -> bool:
    return ":" in m.group(0) or "：" in m.group(0)


def _label_matches(unit: str) -> list[re.Match[str]]:
    """The labels of a label unit, in order: one at its start (its colon may be left out
    when the value stands in the next unit), then any ``label：`` after a space."""
    first = _LABEL_RX.match(unit)
    if not first:
        return []
    if not _has_colon(first) and unit[first.end():].strip(_STRIP):
        return []  # 名称解释… is a sentence, not a label
    out = [first]
    for m in _LABEL_RX.finditer(unit, first.end()):
        if _has_colon(m) and m.start() > out[-1].end() and unit[m.start() - 1] in _STRIP:
            out.append(m)
    return out


def _hints(units: list[str]) -> dict[str, str]:
    """title / issuer / doc_number / date from label–value pairs, a label and its value in
    one unit (``发文机关：国务院``) or in two following ones (a label cell, a value cell)."""
    found: dict[str, str] = {}
    for i, u in enumerate(units):
        if not u or len(u) > 300:
            continue
        matches = _label_matches(u)
        for n, m in enumerate(matches):
            end = matches[n + 1].start() if n + 1 < len(matches) else len(u)
            value = u[m.end():end].strip(_STRIP)
            if not value and n + 1 == len(matches) and i + 1 < len(units):
                nxt = units[i + 1]
                value = "" if _label_matches(nxt) else nxt
            key = META_LABELS.get(_norm_label(m.group(1)))
            if not key or key in found or not value:
                continue
            if key == "date":
                value = iso_date(value) or ""
            else:
                value = re.sub(r"\s+", " ", value).strip()
            if _HINT_OK[key](value):
                found[key] = value
    return found


_LABEL_SET = frozenset(_LABEL_WORDS)
_INFO_SET = frozenset(INFO_LABELS)

# what a value must look like to be taken (sites write 无 or —— in an empty field)
_HINT_OK = {
    "title": lambda v: len(_CJK_RX.findall(v)) >= 4,
    "issuer": lambda v: 2 <= len(v) <= 80 and bool(_CJK_RX.search(v)),
    "doc_number": lambda v: len(v) <= 60 and any(ch.isdigit() for ch in v),
    "date": bool,
}


# ---------------------------------------------------------------------------------------


def convert(data: bytes, path: str | None, max_bytes: int) -> Converted:
    """The notice in a saved web page: its lines and the metadata of its info table."""
    if len(data) > max_bytes:
        raise InputTooLarge(f"is over the {max_bytes / 1048576:.0f} MiB limit (--max-bytes)", path)
    text, _enc = decode(data, path)
    try:
        root = _parse(text)
    except (ValueError, RuntimeError, MemoryError) as exc:  # the parser repairs markup; this is a broken file
        raise CorruptDocument(f"cannot be parsed as HTML ({type(exc).__name__})", path) from None
    order = _measure(root)
    hints = _hints(_block_lines(root, cells_as_lines=True, skip_chrome=False))
    body, hinted = _find_body(root, order)
    lines = _tidy(_block_lines(body, drop_link_lines=not hinted), hinted) if body is not None else []
    if not any(_CJK_RX.search(ln) or ln.strip() for ln in lines):
        raise NoText("the web page has no article text (no body found: only page furniture or nothing)", path)
    title = _title_outside(root, body)
    if title is not None and "".join(title.split()) not in "".join("".join(lines[:4]).split()):
        lines = [title, *lines]
    return Converted(lines=lines, hints=hints or None)


def _title_outside(root: _El, body: _El | None) -> str | None:
    """The notice's title where a site sets it above the article block (an ``<h1>`` outside
    it, as many provincial sites do) and the article does not repeat it: it is the notice's
    first line, as on a page that keeps it inside. Only a heading that reads as a notice's
    title (it ends in a document type: 通知, 实施方案 …) counts, not a site's name."""
    inside: set[int] = set()
    stack = [body] if body is not None else []
    while stack:
        el = stack.pop()
        inside.add(id(el))
        stack.extend(k for k in el.kids if isinstance(k, _El))
    heading = None
    stack = [root]
    while stack and heading is None:
        el = stack.pop()
        if id(el) in inside:
            continue
        if el.tag == "h1":
            heading = el
            break
        stack.extend(reversed([k for k in el.kids if isinstance(k, _El)]))
    if heading is None:
        return None
    text = " ".join("".join(_texts(heading)).split())
    if not (4 <= len(text) <= 120) or not _CJK_RX.search(text):
        return None
    from ..grammar import load_grammar

    g = load_grammar()
    if not (g.title_end_re.search(g.title_period_re.sub("", text)) or g.title_issues_re.search(text)):
        return None
    return text


def _texts(el: _El):
    for k in el.kids:
        if isinstance(k, str):
            yield k
        else:
            yield from _texts(k)


__all__ = ["CHROME_HINTS", "CONTENT_HINTS", "META_LABELS", "convert", "declared_charset", "decode"]
