"""Reading a PDF's text layer: characters and ruling lines → paragraphs and table rows.

PDFium (through ``pypdfium2``, imported only when a PDF comes) gives each character with
its box, font and size, and each drawn path; the layout is recovered from geometry alone:

1. **characters** that a reader sees: horizontal text (as the page is shown, /Rotate
   applied), not invisible, not white, not painted over by a later white fill, inside the
   page; a character another text object draws again at almost the same place (fake
   bold) counts once;
2. **tables** where ruling lines (stroked segments, or filled shapes thin enough to be
   lines) form a grid of two or more columns: each cell's text, merged cells resolved (a
   row-spanning cell repeated in every row it spans, a column-spanning one in its first
   column with the others empty), one row a line, cells joined by TAB;
3. **the info table** a saved government web page shows above the notice (索引号 /
   发文机关 / 标题 / 发文字号 … label–value pairs, labels wrapping in their column) at the
   top of page 1: taken as hints (title, issuer, doc_number, date), not as text;
4. **lines**: the other characters grouped by baseline, sorted left to right, spaces
   where the gap between two characters is wider than the line's usual gap;
5. **running heads and feet**: a line at the top or bottom of a page that is a page
   number (``3``, ``- 3 -``, ``第3页``, ``3/10``) or that repeats (digits aside) at the same
   height on most pages is dropped (on a one-page notice: one set smaller than the text);
6. **paragraphs**: a line goes on with the one before unless the next line's first
   piece (a character with the punctuation that may not start a line, or a Latin word)
   would have fitted at the end of that one, it is indented, the gap above it is wider
   than a blank line, its size differs, or — where paragraphs are not indented — it
   opens with a heading marker or another font after a finished sentence; blank lines
   where the vertical gap between two lines shows a break between blocks.

Every line keeps the page it starts on. A PDF without a text layer (a scan) is
:class:`~policyparse.errors.NoText`; one that needs a password is
:class:`~policyparse.errors.EncryptedDocument`; one PDFium cannot open, or that is cut
short, is :class:`~policyparse.errors.CorruptDocument`.
"""

from __future__ import annotations

import ctypes
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from ..errors import CorruptDocument, EncryptedDocument, NoText
from . import Converted
from .infotable import INFO_LABELS, META_LABELS, iso_date

# ---------------------------------------------------------------------------------------
# geometry units: PDF points (1/72 in); distances between characters are in ems (font size)

_SPACE_GAP_LATIN = 0.2  # a gap of this many ems between two Latin characters is a space
_SPACE_GAP_ANY = 0.9  # … between any two characters
_SAME_BASELINE = 0.35  # centres closer than this many ems sit on one line
_ASCENT = 0.85  # the share of a character's size above its baseline
_DUP_OFFSET = 0.25  # the same character repeated within this many ems is one (fake bold)
_INDENT = 0.8  # a line starting this many ems right of the left edge is indented
_RULE_THIN = 2.5  # a filled shape thinner than this (points) is a ruling line
_RULE_MIN = 4.0  # … and at least this long
_SNAP = 2.0  # ruling lines closer than this (points) are one
_MARGIN_ZONE = 0.12  # the share of the page height at its top and bottom where heads and feet stand
_REPEAT_SHARE = 0.5  # a head or foot repeats on at least this share of the pages

_SENTENCE_END = "。！？；：.!?;:"
# punctuation a line may not start with (it stays with the character before it)
_NO_LINE_START = "，。、；：！？）》」』”’〕】〉,.;:!?)]}%…—·"
_CLOSERS = "”’」』）)》〉】"
_PAGE_NUMBER = re.compile(
    r"^(?:[-－—–_·•\s]*\d{1,4}[-－—–_·•\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|(?:共\s*\d{1,4}\s*页\s*)?第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$",
    re.IGNORECASE,
)
_WS = " \t\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff\r\n"


def convert(data: bytes, path: str | None, max_bytes: int) -> Converted:
    """The lines of a PDF's text layer, the page of each, and the title it states."""
    pdfium, raw = _import()
    doc = _open(pdfium, data, path)
    try:
        pages: list[_Page] = []
        for index in range(len(doc)):
            try:
                page = doc[index]
                try:
                    pages.append(_read_page(raw, page, index + 1))
                finally:
                    page.close()
            except pdfium.PdfiumError as exc:
                raise CorruptDocument(f"page {index + 1} cannot be read ({exc})", path) from None
        hints = {**_hints(doc), **(pages[0].info if pages else {})}
    finally:
        doc.close()
    if not any(p.items for p in pages):
        raise NoText(
            "has no text layer (a scanned PDF?): run OCR first, e.g. `ocrmypdf --language chi_sim in.pdf out.pdf`",
            path,
        )
    _drop_running_lines(pages)
    lines, line_pages = _paragraphs(pages)
    if not any(ln.strip() for ln in lines):
        raise NoText("has no text but page numbers or running heads: run OCR first (e.g. ocrmypdf)", path)
    return Converted(lines, line_pages, hints)


def _import() -> tuple[Any, Any]:
    import pypdfium2
    import pypdfium2.raw

    return pypdfium2, pypdfium2.raw


def _open(pdfium: Any, data: bytes, path: str | None) -> Any:
    end = data.rfind(b"%%EOF")
    # the end marker closes the file (within 1 KiB, or followed by padding alone)
    if end < 0 or (len(data) - end > 1024 and data[end + 5:].strip(b"\x00\t\n\x0c\r ")):
        raise CorruptDocument("is cut short (no %%EOF end marker): the PDF is truncated or damaged", path)
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        raw = pdfium.raw
        if code == raw.FPDF_ERR_PASSWORD:
            raise EncryptedDocument("is encrypted and needs a password to open; save an unprotected copy first",
                                    path) from None
        if code == raw.FPDF_ERR_SECURITY:
            raise EncryptedDocument("uses an encryption PDFium cannot read; save an unprotected copy first",
                                    path) from None
        if code in (raw.FPDF_ERR_FORMAT, raw.FPDF_ERR_FILE):
            raise CorruptDocument("is not a readable PDF (broken cross-reference or damaged file)", path) from None
        raise CorruptDocument(f"cannot be opened ({exc})", path) from None
    except (ValueError, OSError) as exc:
        raise CorruptDocument(f"cannot be opened ({exc})", path) from None


def _hints(doc: Any) -> dict[str, str]:
    """The document title from the PDF's information dictionary, where it reads like one
    (not a file name, not a template's placeholder)."""
    try:
        meta = doc.get_metadata_dict()
    except Exception:  # noqa: BLE001 - a damaged info dictionary is no reason to refuse the text
        return {}
    title = " ".join((meta.get("Title") or "").split())
    # a saved web page's title is "<article>_<site>": keep the article
    if "_" in title:
        head = title.rsplit("_", 1)[0].strip()
        if sum(1 for ch in head if _is_cjk(ch)) >= 6:
            title = head
    if (sum(1 for ch in title if _is_cjk(ch)) < 6 or re.search(r"\.(?:docx?|wps|pdf|txt|html?)$", title, re.IGNORECASE)
            or re.match(r"(?i)microsoft|untitled|无标题", title)):
        return {}
    return {"title": title}


# ---------------------------------------------------------------------------------------
# one page: characters, ruling lines, tables, lines


@dataclass(slots=True)
class _Char:
    ch: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    style: str  # font name (subset tag dropped) and size: a change of style is a cue
    obj: int = 0  # the text object that drew it

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class _Item:
    """A line of text, or a table row (``cells``), as it stands on its page."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    first_style: str = ""
    last_style: str = ""
    cells: list[str] | None = None
    running: bool = False  # a page head or foot, dropped
    lead: float = 0.0  # the width of the line's first unbreakable piece (a character and the
    # punctuation that may not start a line after it, or a Latin word)


@dataclass
class _Page:
    number: int
    width: float
    height: float
    items: list[_Item] = field(default_factory=list)
    info: dict[str, str] = field(default_factory=dict)  # an info table's metadata (page 1)


@dataclass(slots=True)
class _Rule:
    horizontal: bool
    pos: float  # y of a horizontal, x of a vertical
    a: float  # start along the line
    b: float  # end


def _read_page(raw: Any, page: Any, number: int) -> _Page:
    width, height = page.get_size()
    rotation = page.get_rotation() % 360
    box = _box(page)
    to_display = _display_transform(rotation, box)
    textpage = page.get_textpage()
    try:
        objects = _page_objects(raw, page)
        chars = _chars(raw, textpage, to_display, objects, rotation)
    finally:
        textpage.close()
    rules = _rules(raw, objects, to_display)
    if rotation in (90, 270):
        width, height = height, width
    out = _Page(number, width, height)
    chars = [c for c in chars if -2 <= c.x0 and c.x1 <= width + 2 and -2 <= c.top and c.bottom <= height + 2]
    tables = _grids(rules)
    flow: list[_Char] = []
    grid_chars: list[list[_Char]] = [[] for _ in tables]
    for c in chars:
        for k, g in enumerate(tables):
            if g.contains(c.x0 / 2 + c.x1 / 2, c.cy):
                grid_chars[k].append(c)
                break
        else:
            flow.append(c)
    for g, gc in zip(tables, grid_chars):
        out.items.extend(_table_rows(g, gc, number))
    if number == 1:
        out.info, flow = _info_block(flow)
    out.items.extend(_lines(flow, number))
    out.items.sort(key=lambda it: (round(it.top, 1), it.x0))
    return out


def _box(page: Any) -> tuple[float, float, float, float]:
    try:
        return tuple(page.get_cropbox())  # type: ignore[return-value]
    except Exception:  # noqa: BLE001
        w, h = page.get_size()
        return (0.0, 0.0, w, h)


def _display_transform(rotation: int, box: tuple[float, float, float, float]):  # type: ignore[no-untyped-def]
    """A function taking a point of PDF user space to the page as displayed (y down)."""
    x0, y0, x1, y1 = box
    if rotation == 90:
        return lambda x, y: (y - y0, x - x0)
    if rotation == 180:
        return lambda x, y: (x1 - x, y - y0)
    if rotation == 270:
        return lambda x, y: (y1 - y, x1 - x)
    return lambda x, y: (x - x0, y1 - y)


@dataclass(slots=True)
class _Obj:
    index: int  # order of painting among the page's top-level objects
    kind: int
    handle: Any
    matrix: tuple[float, float, float, float, float, float]


def _address(handle: Any) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _matrix(raw: Any, handle: Any) -> tuple[float, float, float, float, float, float]:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(handle, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _mul(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, float, float, float, float, float]:
    """m then n (row vectors, as PDF matrices compose)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _page_objects(raw: Any, page: Any) -> list[_Obj]:
    """The page's objects in painting order, those inside form XObjects with the form's
    index and their matrix composed with the form's."""
    out: list[_Obj] = []

    def walk(handle_of: Any, count: int, index: int | None, outer: tuple[float, ...], depth: int) -> None:
        for i in range(count):
            h = handle_of(i)
            if not h:
                continue
            kind = raw.FPDFPageObj_GetType(h)
            own = index if index is not None else i
            if kind == raw.FPDF_PAGEOBJ_FORM:
                if depth < 8:
                    m = _mul(_matrix(raw, h), outer)
                    walk(lambda j, h=h: raw.FPDFFormObj_GetObject(h, j), raw.FPDFFormObj_CountObjects(h),
                         own, m, depth + 1)
                continue
            if kind == raw.FPDF_PAGEOBJ_PATH:
                out.append(_Obj(own, kind, h, _mul(_matrix(raw, h), outer)))
            elif kind == raw.FPDF_PAGEOBJ_TEXT:
                out.append(_Obj(own, kind, h, outer))

    walk(lambda i: raw.FPDFPage_GetObject(page, i), raw.FPDFPage_CountObjects(page), None, _IDENTITY, 0)
    return out


def _color(raw: Any, getter: Any, handle: Any) -> tuple[int, int, int, int] | None:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not getter(handle, r, g, b, a):
        return None
    return (r.value, g.value, b.value, a.value)


def _is_white(rgba: tuple[int, int, int, int] | None) -> bool:
    return rgba is not None and rgba[3] > 200 and min(rgba[:3]) >= 245


def _font_name(raw: Any, textpage: Any, i: int, buf: Any) -> str:
    flags = ctypes.c_int()
    n = raw.FPDFText_GetFontInfo(textpage, i, buf, len(buf), flags)
    name = buf.value.decode("utf-8", "replace") if n else ""
    return name.split("+", 1)[1] if len(name) > 7 and name[6] == "+" else name


def _white_covers(raw: Any, objects: list[_Obj], to_display: Any) -> list[tuple[int, tuple]]:
    """(paint order, bounds) of the white fills on a page: painted over text, they hide it (a web
    page's banner, a form's cover)."""
    covers = []
    for o in objects:
        if o.kind != raw.FPDF_PAGEOBJ_PATH:
            continue
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        raw.FPDFPath_GetDrawMode(o.handle, fill, stroke)
        if fill.value and _is_white(_color(raw, raw.FPDFPageObj_GetFillColor, o.handle)):
            bounds = _bounds(raw, o.handle, to_display)
            if bounds and bounds[2] - bounds[0] > 4 and bounds[3] - bounds[1] > 4:
                covers.append((o.index, bounds))
    return covers


def _chars(raw: Any, textpage: Any, to_display: Any, objects: list[_Obj], rotation: int) -> list[_Char]:
    """The characters a reader sees, in page coordinates (y down)."""
    n = raw.FPDFText_CountChars(textpage)
    if n <= 0:
        return []
    index_of = {_address(o.handle): o.index for o in objects if o.kind == raw.FPDF_PAGEOBJ_TEXT}
    covers = _white_covers(raw, objects, to_display)
    rect = raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    buf = ctypes.create_string_buffer(128)
    per_object: dict[int, tuple[bool, list]] = {}  # address → (visible, white fills painted over it)
    fonts: dict[tuple[int, float], str] = {}
    out: list[_Char] = []
    for i in range(n):
        code = raw.FPDFText_GetUnicode(textpage, i)
        if code in (0, 0xFFFE, 0xFFFF):
            continue
        ch = chr(code)
        if ch in "\r\n" or (ch in _WS and raw.FPDFText_IsGenerated(textpage, i) == 1):
            continue  # PDFium's own line ends and guessed spaces: spaces come from the gaps
        obj = raw.FPDFText_GetTextObject(textpage, i)
        addr = _address(obj) if obj else 0
        seen = per_object.get(addr)
        if seen is None:
            index = index_of.get(addr, -1)
            later = [b for idx, b in covers if idx > index] if index >= 0 else []
            seen = (_text_visible(raw, obj, rotation) if obj else True, later)
            per_object[addr] = seen
        if not seen[0]:
            continue
        if not raw.FPDFText_GetLooseCharBox(textpage, i, rect) or not raw.FPDFText_GetCharOrigin(
                textpage, i, ox, oy):
            continue
        # across along the line: the character's advance; up and down: its baseline and size
        # (a loose box's height follows the font's bounding box, which PDFium versions measure
        # differently, while the baseline is where the glyph was put)
        xa, ya = to_display(rect.left, rect.top)
        xb, yb = to_display(rect.right, rect.bottom)
        x0, x1 = min(xa, xb), max(xa, xb)
        size = raw.FPDFText_GetFontSize(textpage, i) or abs(yb - ya)
        if size <= 0.1:
            continue
        if not (math.isfinite(x0) and math.isfinite(x1) and math.isfinite(oy.value) and math.isfinite(size)):
            continue
        base = to_display(ox.value, oy.value)[1]
        top, bottom = base - _ASCENT * size, base + (1 - _ASCENT) * size
        if seen[1]:
            cx, cy = (x0 + x1) / 2, (top + bottom) / 2
            if any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in seen[1]):
                continue
        key = (addr, round(size, 1))
        style = fonts.get(key)
        if style is None:
            style = f"{_font_name(raw, textpage, i, buf)}/{size:.1f}"
            fonts[key] = style
        out.append(_Char(ch, x0, x1, top, bottom, size, style, addr))
    return out


def _text_visible(raw: Any, obj: Any, rotation: int) -> bool:
    """A text object a reader sees: painted (not render mode 3 or clip-only), not white,
    running left to right on the displayed page (a diagonal watermark does not)."""
    mode = raw.FPDFTextObj_GetTextRenderMode(obj)
    if mode in (3, 7):  # invisible, clip
        return False
    if mode in (0, 4) and _is_white(_color(raw, raw.FPDFPageObj_GetFillColor, obj)):
        return False
    color = _color(raw, raw.FPDFPageObj_GetFillColor, obj)
    if color is not None and color[3] == 0 and mode in (0, 4):
        return False
    a, b, _c, _d, _e, _f = _matrix(raw, obj)
    dx, dy = {0: (a, -b), 90: (b, a), 180: (-a, b), 270: (-b, -a)}.get(rotation, (a, -b))
    return dx > 0 and abs(dy) <= 0.1 * dx


def _bounds(raw: Any, handle: Any, to_display: Any) -> tuple[float, float, float, float] | None:
    l, b, r, t = (ctypes.c_float() for _ in range(4))
    if not raw.FPDFPageObj_GetBounds(handle, l, b, r, t):
        return None
    xa, ya = to_display(l.value, t.value)
    xb, yb = to_display(r.value, b.value)
    return (min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb))


def _rules(raw: Any, objects: list[_Obj], to_display: Any) -> list[_Rule]:
    """Horizontal and vertical ruling lines: stroked straight segments, and filled
    shapes thin enough to be lines (how Word draws cell borders)."""
    out: list[_Rule] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for o in objects:
        if o.kind != raw.FPDF_PAGEOBJ_PATH:
            continue
        h = o.handle
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        raw.FPDFPath_GetDrawMode(h, fill, stroke)
        if stroke.value and not _is_white(_color(raw, raw.FPDFPageObj_GetStrokeColor, h)):
            a, b, c, d, e, f = o.matrix
            start = prev = None
            for k in range(raw.FPDFPath_CountSegments(h)):
                seg = raw.FPDFPath_GetPathSegment(h, k)
                if not seg or not raw.FPDFPathSegment_GetPoint(seg, x, y):
                    continue
                px, py = x.value * a + y.value * c + e, x.value * b + y.value * d + f
                point = to_display(px, py)
                kind = raw.FPDFPathSegment_GetType(seg)
                if kind == raw.FPDF_SEGMENT_MOVETO:
                    start = prev = point
                    continue
                if kind == raw.FPDF_SEGMENT_LINETO and prev is not None:
                    _add_rule(out, prev, point)
                prev = point
                if raw.FPDFPathSegment_GetClose(seg) and start is not None:
                    _add_rule(out, prev, start)
                    prev = start
        elif fill.value and not _is_white(_color(raw, raw.FPDFPageObj_GetFillColor, h)):
            bounds = _bounds(raw, h, to_display)
            if bounds is None:
                continue
            x0, y0, x1, y1 = bounds
            w, ht = x1 - x0, y1 - y0
            if ht <= _RULE_THIN and w >= _RULE_MIN:
                out.append(_Rule(True, (y0 + y1) / 2, x0, x1))
            elif w <= _RULE_THIN and ht >= _RULE_MIN:
                out.append(_Rule(False, (x0 + x1) / 2, y0, y1))
    return out


def _add_rule(out: list[_Rule], p: tuple[float, float], q: tuple[float, float]) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y1 - y0) <= 0.5 and abs(x1 - x0) >= _RULE_MIN:
        out.append(_Rule(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x1 - x0) <= 0.5 and abs(y1 - y0) >= _RULE_MIN:
        out.append(_Rule(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))


# ---------------------------------------------------------------------------------------
# tables: ruling lines that form a grid


@dataclass
class _Grid:
    xs: list[float]  # column edges, left to right
    ys: list[float]  # row edges, top to bottom
    region: list[list[int]]  # the merged cell each grid cell belongs to (its id)
    spans: dict[int, tuple[int, int, int, int]]  # id → (row0, col0, row1, col1), inclusive

    def contains(self, x: float, y: float) -> bool:
        return self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]

    def cell_at(self, x: float, y: float) -> tuple[int, int]:
        i = max(0, min(len(self.ys) - 2, _bisect(self.ys, y)))
        j = max(0, min(len(self.xs) - 2, _bisect(self.xs, x)))
        return i, j


def _bisect(edges: list[float], v: float) -> int:
    for k in range(len(edges) - 1):
        if v < edges[k + 1]:
            return k
    return len(edges) - 2


def _merge_rules(rules: list[_Rule]) -> list[_Rule]:
    """Collinear rules that touch or overlap become one."""
    out: list[_Rule] = []
    for r in sorted(rules, key=lambda r: (r.horizontal, round(r.pos), r.a)):
        for m in out[-6:]:
            if m.horizontal == r.horizontal and abs(m.pos - r.pos) <= _SNAP and r.a <= m.b + _SNAP and r.b >= m.a - _SNAP:
                m.a, m.b = min(m.a, r.a), max(m.b, r.b)
                break
        else:
            out.append(_Rule(r.horizontal, r.pos, r.a, r.b))
    return out


def _cluster(values: list[float], tol: float = _SNAP) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _grids(rules: list[_Rule]) -> list[_Grid]:
    """The tables the ruling lines draw: groups of crossing lines with two or more
    columns, their cells and which cells are merged."""
    if not rules:
        return []
    rules = _merge_rules(rules)
    hs = [r for r in rules if r.horizontal]
    vs = [r for r in rules if not r.horizontal]
    if len(hs) < 2 or len(vs) < 2:
        return []
    parent = list(range(len(rules)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    index = {id(r): k for k, r in enumerate(rules)}
    for h in hs:
        for v in vs:
            if h.a - _SNAP <= v.pos <= h.b + _SNAP and v.a - _SNAP <= h.pos <= v.b + _SNAP:
                parent[find(index[id(h)])] = find(index[id(v)])
    groups: dict[int, list[_Rule]] = {}
    for k, r in enumerate(rules):
        groups.setdefault(find(k), []).append(r)
    out = []
    for members in groups.values():
        g = _grid(members)
        if g is not None:
            out.append(g)
    return out


def _grid(members: list[_Rule]) -> _Grid | None:
    hs = [r for r in members if r.horizontal]
    vs = [r for r in members if not r.horizontal]
    if len(hs) < 2 or len(vs) < 2:
        return None
    xs = _cluster([v.pos for v in vs])
    ys = _cluster([h.pos for h in hs])
    if len(xs) < 3 or len(ys) < 2:  # one column: a box round a paragraph, not a table
        return None
    rows, cols = len(ys) - 1, len(xs) - 1

    def has_v(x: float, y0: float, y1: float) -> bool:
        mid = (y0 + y1) / 2
        return any(abs(v.pos - x) <= _SNAP and v.a - _SNAP <= mid <= v.b + _SNAP for v in vs)

    def has_h(y: float, x0: float, x1: float) -> bool:
        mid = (x0 + x1) / 2
        return any(abs(h.pos - y) <= _SNAP and h.a - _SNAP <= mid <= h.b + _SNAP for h in hs)

    parent = list(range(rows * cols))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i in range(rows):
        for j in range(cols):
            if j + 1 < cols and not has_v(xs[j + 1], ys[i], ys[i + 1]):
                parent[find(i * cols + j + 1)] = find(i * cols + j)
            if i + 1 < rows and not has_h(ys[i + 1], xs[j], xs[j + 1]):
                parent[find((i + 1) * cols + j)] = find(i * cols + j)
    region = [[find(i * cols + j) for j in range(cols)] for i in range(rows)]
    spans: dict[int, tuple[int, int, int, int]] = {}
    for i in range(rows):
        for j in range(cols):
            k = region[i][j]
            r0, c0, r1, c1 = spans.get(k, (i, j, i, j))
            spans[k] = (min(r0, i), min(c0, j), max(r1, i), max(c1, j))
    if len(spans) < 2:
        return None
    return _Grid(xs, ys, region, spans)


def _table_rows(g: _Grid, chars: list[_Char], page: int) -> list[_Item]:
    """One item per grid row, its cells resolved to the table's full width."""
    by_cell: dict[int, list[_Char]] = {}
    for c in chars:
        i, j = g.cell_at((c.x0 + c.x1) / 2, c.cy)
        by_cell.setdefault(g.region[i][j], []).append(c)
    text: dict[int, str] = {}
    for k, cs in by_cell.items():
        _r0, c0, _r1, c1 = g.spans[k]
        text[k] = _cell_text(cs, g.xs[c0], g.xs[c1 + 1])
    items = []
    size = statistics.median([c.size for c in chars]) if chars else 10.0
    for i in range(len(g.ys) - 1):
        cells = []
        for j in range(len(g.xs) - 1):
            k = g.region[i][j]
            cells.append(text.get(k, "") if g.spans[k][1] == j else "")
        if not any(cells):
            continue
        items.append(_Item("\t".join(cells), g.xs[0], g.xs[-1], g.ys[i], g.ys[i + 1], size, page, cells=cells))
    # a table that is one column of text once its empty columns are gone is a frame
    return items


def _cell_text(chars: list[_Char], left: float, right: float) -> str:
    """A cell's lines joined: without a space where a line ran to the cell's edge and
    wrapped, with one where it ended short (a new paragraph in the cell)."""
    lines = _lines(chars, 0)
    if not lines:
        return ""
    pad = max(0.0, min(ln.x0 for ln in lines) - left)
    out = lines[0].text
    for prev, ln in pairwise(lines):
        wrapped = prev.x1 + pad >= right - 1.2 * prev.size
        out += _joint(out, ln.text, wrapped)
    return out


def _joint(left: str, right: str, wrapped: bool) -> str:
    """``right`` as it follows ``left`` when two lines are joined."""
    if not left or not right:
        return right
    # a wrap between two Latin letters was a space between words (a number may wrap anywhere)
    if not wrapped or (left[-1].isascii() and left[-1].isalpha() and right[0].isascii() and right[0].isalpha()):
        return " " + right
    return right


# ---------------------------------------------------------------------------------------
# the info table a government web page shows above a notice

# (its labels and the hint each gives: read/infotable.py, shared with the HTML and Word readers)
_INFO_ALL = frozenset(META_LABELS) | frozenset(INFO_LABELS)
_INFO_GAP = 1.5  # ems between the label and the value of one row


@dataclass
class _Cell:
    chars: list[_Char]
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


def _info_block(chars: list[_Char]) -> tuple[dict[str, str], list[_Char]]:
    """The metadata of an info table at the top of the first page, and the characters
    left once it is taken away. Its labels (``发文机关：``) may wrap inside their column
    (``发文机`` / ``关：``) with the value centred beside them; two or more known labels
    make an info table."""
    segs = _segments(chars)
    if not segs:
        return {}, chars
    labels: list[_Cell] = []
    used: set[int] = set()
    for k, s in enumerate(segs):
        if k in used:
            continue
        stack = [k]
        for _ in range(3):
            text = "".join("".join(segs[i].text for i in stack).split())
            if text.endswith(("：", ":")) and text[:-1] in _INFO_ALL:
                labels.append(_merge_cells([segs[i] for i in stack], text[:-1]))
                used.update(stack)
                break
            if len(text) > 8:
                break
            last = segs[stack[-1]]
            below = [i for i, t in enumerate(segs) if i not in used and i not in stack and abs(t.x0 - last.x0) <= 1.5
                     and 0 <= t.top - last.bottom <= 0.8 * last.size]
            if not below:
                break
            stack.append(min(below, key=lambda i: segs[i].top))
    if sum(1 for c in labels) < 2:
        return {}, chars
    top = min(c.top for c in labels)
    bottom = max(c.bottom for c in labels)
    if any(k not in used and s.bottom < top for k, s in enumerate(segs)):
        return {}, chars  # text above it: not a page's info table
    found: dict[str, str] = {}
    for lab in labels:
        right = min((o.x0 for o in labels if o is not lab and o.x0 > lab.x1 and o.top < lab.bottom and o.bottom > lab.top),
                    default=float("inf"))
        vals = [s for k, s in enumerate(segs) if k not in used and lab.x1 - 1 <= s.x0 < right
                and lab.top - 0.6 * lab.size <= (s.top + s.bottom) / 2 <= lab.bottom + 0.6 * lab.size]
        vals.sort(key=lambda s: (s.top, s.x0))
        value = "".join(s.text for s in vals).strip()
        key = META_LABELS.get(lab.text)
        if key == "date":
            value = iso_date(value) or ""
        if key and value and key not in found:
            found[key] = value
        for s in vals:
            bottom = max(bottom, s.bottom)
            top = min(top, s.top)
    inside = {id(c) for k, s in enumerate(segs) if top - 0.1 <= (s.top + s.bottom) / 2 <= bottom + 0.1 for c in s.chars}
    return found, [c for c in chars if id(c) not in inside]


def _merge_cells(cells: list[_Cell], text: str) -> _Cell:
    return _Cell([c for cell in cells for c in cell.chars], text, min(c.x0 for c in cells), max(c.x1 for c in cells),
                 min(c.top for c in cells), max(c.bottom for c in cells), cells[0].size)


def _segments(chars: list[_Char]) -> list[_Cell]:
    """Pieces of lines set apart by a gap of more than ``_INFO_GAP`` ems, top to bottom."""
    out = []
    for band in _bands(chars):
        band.sort(key=lambda c: c.x0)
        piece = [band[0]]
        for c in band[1:]:
            if c.x0 - piece[-1].x1 > _INFO_GAP * c.size:
                out.append(piece)
                piece = []
            piece.append(c)
        out.append(piece)
    cells = []
    for piece in out:
        item = _line(list(piece), 0)
        if item is not None:
            cells.append(_Cell(piece, item.text, item.x0, item.x1, item.top, item.bottom, item.size))
    return cells


# ---------------------------------------------------------------------------------------
# lines


def _lines(chars: list[_Char], page: int) -> list[_Item]:
    """Characters grouped into lines by baseline, each line's text with its spaces."""
    out = []
    for band in _bands(chars):
        item = _line(band, page)
        if item is not None:
            out.append(item)
    return out


def _bands(chars: list[_Char]) -> list[list[_Char]]:
    """Characters grouped into lines, top to bottom: a character joins the line whose
    height band (its running mean top and bottom) covers most of its own height, or
    whose centre is close to its own (a comma's box may be shorter than its neighbours')."""
    if not chars:
        return []
    chars = sorted(chars, key=lambda c: c.cy)
    bands: list[list[_Char]] = [[chars[0]]]
    top, bottom = chars[0].top, chars[0].bottom
    for c in chars[1:]:
        band = bands[-1]
        n = len(band)
        overlap = min(bottom, c.bottom) - max(top, c.top)
        close = abs(c.cy - (top + bottom) / 2) <= _SAME_BASELINE * max(c.size, band[0].size)
        if close or overlap >= 0.6 * min(c.bottom - c.top, bottom - top):
            band.append(c)
            top += (c.top - top) / (n + 1)
            bottom += (c.bottom - bottom) / (n + 1)
        else:
            bands.append([c])
            top, bottom = c.top, c.bottom
    return bands


def _line(band: list[_Char], page: int) -> _Item | None:
    band.sort(key=lambda c: c.x0)
    kept: list[_Char] = []
    for c in band:
        last = kept[-1] if kept else None
        if (last is not None and c.ch == last.ch and c.obj != last.obj
                and abs(c.x0 - last.x0) <= _DUP_OFFSET * c.size and abs(c.top - last.top) <= _DUP_OFFSET * c.size):
            continue  # drawn again by another text object at (almost) the same place: fake bold
        kept.append(c)
    ink = [c for c in kept if c.ch not in _WS]
    if not ink:
        return None
    # justified text spreads every gap of a line alike: a space is a gap wider than the usual one
    gaps = sorted(b.x0 - a.x1 for a, b in pairwise(ink))
    base = max(0.0, gaps[len(gaps) // 2]) if gaps else 0.0
    parts: list[str] = []
    prev: _Char | None = None
    pending_space = False
    for c in kept:
        if c.ch in _WS:
            pending_space = prev is not None
            continue
        if prev is not None:
            gap = c.x0 - prev.x1 - base
            em = max(prev.size, c.size)
            latin = _is_latin(prev.ch) and _is_latin(c.ch)
            if pending_space or gap > _SPACE_GAP_ANY * em or (latin and gap > _SPACE_GAP_LATIN * em):
                parts.append(" ")
        parts.append(c.ch)
        prev = c
        pending_space = False
    text = "".join(parts).strip()
    sizes = [c.size for c in ink]
    end = ink[0].x1
    latin = _is_latin(ink[0].ch)
    for prev_c, c in pairwise(ink):
        if c.ch in _NO_LINE_START or (latin and _is_latin(c.ch) and c.x0 - prev_c.x1 <= _SPACE_GAP_LATIN * c.size):
            end = c.x1
        else:
            break
    return _Item(text, ink[0].x0, ink[-1].x1, min(c.top for c in ink), max(c.bottom for c in ink),
                 statistics.median(sizes), page, ink[0].style, ink[-1].style, lead=end - ink[0].x0)


def _is_latin(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "%&'-+/.,;:)!?]")


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FFFF or 0xF900 <= o <= 0xFAFF


# ---------------------------------------------------------------------------------------
# running heads and feet


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", "".join(text.split()))


def _drop_running_lines(pages: list[_Page]) -> None:
    """Mark page numbers and lines repeated at the top or bottom of most pages."""
    candidates: list[tuple[_Page, _Item]] = []
    for p in pages:
        text_items = [it for it in p.items if it.cells is None]
        if not text_items:
            continue
        zone = _MARGIN_ZONE * p.height
        edge = text_items[:2] + text_items[-2:]
        for it in dict.fromkeys(map(id, edge)):
            item = next(x for x in edge if id(x) == it)
            if item.bottom <= zone or item.top >= p.height - zone:
                candidates.append((p, item))
    if not candidates:
        return
    where: dict[str, set[int]] = {}
    heights: dict[str, list[float]] = {}
    for p, it in candidates:
        key = _running_key(it.text)
        where.setdefault(key, set()).add(p.number)
        heights.setdefault(key, []).append(it.top)
    npages = len(pages)
    sizes = [it.size for p in pages for it in p.items if it.cells is None]
    body = statistics.median(sizes) if sizes else 0.0
    for p, it in candidates:
        key = _running_key(it.text)
        text = "".join(it.text.split())
        if _PAGE_NUMBER.match(text) or _PAGE_NUMBER.match(it.text.strip()):
            it.running = True
            continue
        on = where[key]
        if npages == 1 and it.size <= 0.8 * body and len(p.items) > 3:
            it.running = True  # one page: nothing repeats, but a head is set smaller than the text
            continue
        if npages >= 2 and len(on) >= 2 and len(on) >= _REPEAT_SHARE * npages:
            tops = heights[key]
            if max(tops) - min(tops) <= 0.05 * p.height:
                it.running = True


# ---------------------------------------------------------------------------------------
# paragraphs


@dataclass
class _Frame:
    left: float
    right: float
    pitch: float  # the usual distance from one line's top to the next's in a paragraph
    justified: bool
    indented: bool  # paragraphs start with an indented line (as GB/T 9704 sets them)


def _frame(items: list[_Item], width: float) -> _Frame | None:
    """The text column of pages of one shape: its left edge (the leftmost start three
    lines share), its right edge (the rightmost end two lines reach within an em, so a
    ragged right edge counts), the line pitch inside paragraphs, whether it is justified."""
    text = [it for it in items if it.cells is None and not it.running and len(it.text) >= 2]
    if len(text) < 3:
        return None
    em = statistics.median(it.size for it in text)
    lefts = Counter(round(it.x0) for it in text)
    shared = [pos for pos in lefts if sum(lefts.get(pos + d, 0) for d in (-1, 0, 1)) >= 3]
    left = float(min(shared or lefts))
    rights = Counter(round(it.x1) for it in text)
    near = {pos: sum(rights.get(pos + d, 0) for d in (-1, 0, 1)) for pos in rights}
    common = max(near, key=lambda pos: (near[pos], pos))
    if near[common] >= max(3, 0.25 * len(text)):
        right = float(common)  # justified: most lines end at the edge (a hanging comma may pass it)
    else:
        ends = sorted(it.x1 for it in text)
        right = next((ends[k] for k in range(len(ends) - 1, 0, -1) if ends[k] - ends[k - 1] <= em), ends[-1])
    # lines that all stop short of the page's middle say nothing of where a full line ends
    right = max(right, left + 0.5 * (width - left))
    pitches = []
    for a, b in pairwise(text):
        if a.page == b.page and abs(a.size - b.size) <= 0.1 * a.size:
            d = b.top - a.top
            if 0.8 * a.size <= d <= 3 * a.size:
                pitches.append(d)
    pitch = statistics.median(pitches) if pitches else 1.5 * em
    full = sum(1 for it in text if abs(it.x1 - right) <= 1.5)
    # indented first lines, against short last lines (one of each per paragraph where paragraphs
    # are indented; hardly any of the first where they are not)
    firsts = sum(1 for it in text if left + _INDENT * it.size < it.x0 <= left + 3.5 * it.size)
    lasts = sum(1 for it in text if it.x1 < right - 2 * it.size)
    return _Frame(left, right, pitch, full >= 0.3 * len(text), firsts >= max(3, 0.3 * lasts))


def _paragraphs(pages: list[_Page]) -> tuple[list[str], list[int]]:
    from ..grammar import load_grammar
    from ..parse.source import fold_line

    starts_marker = load_grammar().marker_start_re.match
    items = [it for p in pages for it in p.items if not it.running]
    by_shape: dict[tuple[int, int], list[_Item]] = {}
    for p in pages:
        by_shape.setdefault((round(p.width), round(p.height)), []).extend(it for it in p.items if not it.running)
    shape_frame = {k: _frame(v, k[0]) for k, v in by_shape.items()}
    frames = {p.number: shape_frame[(round(p.width), round(p.height))] for p in pages}

    lines: list[str] = []
    line_pages: list[int] = []
    prev: _Item | None = None
    for it in items:
        if it.cells is not None:
            if prev is not None and _blank_between(prev, it, frames):
                _blank(lines, line_pages, it.page)
            lines.append(it.text)
            line_pages.append(it.page)
            prev = it
            continue
        if prev is not None and prev.cells is None and _continues(prev, it, frames, starts_marker, fold_line):
            lines[-1] += _joint(lines[-1], it.text, True)
        else:
            if prev is not None and _blank_between(prev, it, frames):
                _blank(lines, line_pages, it.page)
            lines.append(it.text)
            line_pages.append(it.page)
        prev = it
    while lines and not lines[-1]:
        lines.pop()
        line_pages.pop()
    return lines, line_pages


def _blank(lines: list[str], pages: list[int], page: int) -> None:
    if lines and lines[-1]:
        lines.append("")
        pages.append(page)


def _blank_between(a: _Item, b: _Item, frames: dict[int, _Frame | None]) -> bool:
    """A gap between two lines wider than a blank line's height."""
    if a.page != b.page:
        return False
    f = frames.get(b.page)
    pitch = f.pitch if f else 1.5 * a.size
    return b.top - a.top > max(1.8 * pitch, a.bottom - a.top + pitch * 1.3)


def _continues(a: _Item, b: _Item, frames: dict[int, _Frame | None], starts_marker: Any, fold: Any) -> bool:
    """Whether line ``b`` goes on with the paragraph line ``a`` ends."""
    fa, fb = frames.get(a.page), frames.get(b.page)
    if fa is None or fb is None:
        return False
    if abs(a.size - b.size) > 0.15 * a.size:
        return False
    if a.page == b.page:
        gap = b.top - a.top
        if gap > 1.8 * fa.pitch or gap < 0.5 * fa.pitch:
            return False
    if fa.right - a.x1 >= b.lead + 0.25 * a.size:
        return False  # the next line's first piece would have fitted: the line ended its paragraph
    if b.x0 > fb.left + _INDENT * b.size:
        return False  # an indented line starts one
    if b.x0 < fb.left - _INDENT * b.size:
        return False
    if fb.indented:
        return True  # where paragraphs are indented, a line at the left edge goes on with one
    # a finished sentence followed by a heading marker or a change of font starts anew
    finished = a.text[-1:] in _SENTENCE_END or (a.text[-1:] in _CLOSERS and a.text[-2:-1] in _SENTENCE_END)
    return not (finished and (starts_marker(fold(b.text).text.lstrip()) or b.first_style != a.last_style))
