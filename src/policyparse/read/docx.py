"""Word .docx → the lines the parser reads.

A .docx is a zip of XML parts. The text is ``word/document.xml`` (found through the
package relationships); ``word/numbering.xml`` and ``word/styles.xml`` say how Word numbers
paragraphs whose markers are not in the text (automatic numbering). Headers, footers,
footnotes and comments live in parts of their own and are not read.

What comes out follows the corpus conventions (see ``read/__init__.py``): a paragraph a
line, a manual line break (``w:br``) ends a line, an empty paragraph is a blank line; a
table row a line, cells joined by TAB with merged cells resolved (``w:gridSpan`` fills its
first column and leaves the spanned ones empty, a ``w:vMerge`` continuation repeats the
text of the cell it continues); text boxes (``w:txbxContent``) follow the paragraph they
are anchored in, read once (the ``mc:Fallback`` copy only when the ``mc:Choice`` has no
text). A table that holds other tables, or has a single column, is page layout: its cells
are read as blocks of paragraphs.

The XML is read with the standard library (zipfile + ElementTree): python-docx renders
neither automatic numbering nor text boxes, and lxml would add a compiled dependency for
no gain at notice sizes. The parts read are bounded: their unpacked sizes count against
``max_bytes`` (a zip bomb is refused before it is unpacked), and a part that declares a
document type is refused (entity expansion).
"""

from __future__ import annotations

import io
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from dataclasses import dataclass, field

from ..errors import CorruptDocument, EncryptedDocument, InputTooLarge, NoText, UnsupportedFormat
from . import Converted
from .infotable import INFO_LABELS, META_LABELS, iso_date

_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

# whitespace stripped from the ends of lines and cells (the corpus conventions)
_STRIP = " \u3000\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\r\n\t"
# a document type declaration: refused, so no entity is ever expanded (Word never writes
# one, and outside the prolog the string can only stand in a comment or CDATA)
_DOCTYPE = b"<!DOCTYPE"
# page-number fields: their results are page furniture, not text
_PAGE_FIELDS = ("PAGE", "NUMPAGES", "SECTIONPAGES")


def convert(data: bytes, path: str | None, max_bytes: int) -> Converted:
    """The lines of a .docx file (see the module docstring)."""
    if data.startswith(_OLE):
        if _ENCRYPTED_STREAM in data:
            raise EncryptedDocument("is a password-protected Office file; remove the password and save it again",
                                    path)
        raise UnsupportedFormat("is a legacy Word (.doc) file; convert it first, e.g. "
                                "`soffice --headless --convert-to docx FILE`", path)
    pkg = _Package(data, path, max_bytes)
    try:
        main = pkg.main_part()
        root = pkg.xml(main)
        if root is None:
            raise CorruptDocument("is not a Word document (no word/document.xml)", path)
        ns = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
        if ns not in (_TRANSITIONAL, _STRICT):
            raise CorruptDocument("is not a Word document (word/document.xml is not WordprocessingML)", path)
        w = "{" + ns + "}"
        rels = pkg.rels(main)
        styles = pkg.xml(rels.get("styles") or posixpath.join(posixpath.dirname(main), "styles.xml"))
        numbering = pkg.xml(rels.get("numbering") or posixpath.join(posixpath.dirname(main), "numbering.xml"))
        body = root.find(w + "body")
        if body is None:
            raise CorruptDocument("is not a Word document (word/document.xml has no body)", path)
        reader = _Reader(w, _Numbering(w, numbering, styles))
        try:
            lines = reader.body(body)
        except RecursionError:
            raise CorruptDocument("is damaged (its XML nests too deeply)", path) from None
    finally:
        pkg.close()
    lines = _tidy(lines)
    if not any(lines):
        raise NoText("has no text (an empty document, or only images)", path)
    return Converted(lines, hints=reader.hints or None)


# ---------------------------------------------------------------- the package


class _Package:
    """The zip, read part by part within a budget of unpacked bytes."""

    def __init__(self, data: bytes, path: str | None, max_bytes: int):
        self.path = path
        self.budget = max_bytes
        self.used = 0
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
            raise CorruptDocument("is not a readable .docx (truncated, or not a zip file)", path) from None
        # part names are case-insensitive in a package
        self.infos = {i.filename.lower().lstrip("/"): i for i in infos}

    def close(self) -> None:
        self.zip.close()

    def read(self, name: str) -> bytes | None:
        info = self.infos.get(name.lower().lstrip("/"))
        if info is None:
            return None
        if info.flag_bits & 0x1:
            raise EncryptedDocument("has encrypted parts; remove the password and save it again", self.path)
        limit = self.budget - self.used
        if info.file_size > limit:
            raise InputTooLarge(f"unpacks to over the {_mib(self.budget)} limit (--max-bytes)", self.path)
        try:
            with self.zip.open(info) as fh:
                # zipfile stops at the declared size (a lie there fails the CRC check)
                data = fh.read(min(limit, info.file_size) + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise CorruptDocument(f"is damaged ({info.filename}: {_reason(exc)})", self.path) from None
        except RuntimeError:  # zipfile's "password required"
            raise EncryptedDocument("has encrypted parts; remove the password and save it again",
                                    self.path) from None
        if len(data) > limit:
            raise InputTooLarge(f"unpacks to over the {_mib(self.budget)} limit (--max-bytes)", self.path)
        self.used += len(data)
        return data

    def xml(self, name: str) -> ET.Element | None:
        data = self.read(name)
        if data is None:
            return None
        if _DOCTYPE in data:
            raise CorruptDocument(f"is damaged ({name} declares a document type)", self.path)
        try:
            return ET.fromstring(data)
        except (ET.ParseError, ValueError, LookupError) as exc:
            raise CorruptDocument(f"is damaged ({name}: broken XML, {exc})", self.path) from None

    def rels(self, part: str) -> dict[str, str]:
        """The targets of a part's relationships, by the last word of their type."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out: dict[str, str] = {}
        if root is None:
            return out
        for rel in root.iter(_REL_NS + "Relationship"):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            target = rel.get("Target")
            if not target or rel.get("TargetMode") == "External" or kind in out:
                continue
            target = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            out[kind] = posixpath.normpath(target)
        return out

    def main_part(self) -> str:
        return self.rels("").get("officeDocument", "word/document.xml")


def _mib(n: int) -> str:
    return f"{n / 1048576:.0f} MiB" if n >= 1048576 else f"{n} bytes"


def _reason(exc: BaseException) -> str:
    return str(exc).split("\n")[0][:80] or type(exc).__name__


# ---------------------------------------------------------------- numbering


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; 0 never
    legal: bool = False  # w:isLgl: every level shown in decimal
    suffix: str = "tab"  # w:suff: tab, space or nothing


@dataclass
class _Numbering:
    """Word's automatic numbering: the marker each numbered paragraph shows, counted in
    document order as Word counts it."""

    w: str
    numbering: ET.Element | None
    styles: ET.Element | None
    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    abstract_link: dict[str, str] = field(default_factory=dict)  # w:numStyleLink → style id
    nums: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    overrides: dict[tuple[str, int], tuple[int | None, _Level | None]] = field(default_factory=dict)
    style_num: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)
    style_base: dict[str, str] = field(default_factory=dict)
    level_style: dict[str, tuple[str, int]] = field(default_factory=dict)  # style id → (abstract, level)
    default_style: str | None = None
    counters: dict[str, dict[int, int]] = field(default_factory=dict)  # by abstract num, by level
    overridden: set[tuple[str, int]] = field(default_factory=set)

    def __post_init__(self) -> None:
        w = self.w
        if self.styles is not None:
            for st in self.styles.iter(w + "style"):
                sid = st.get(w + "styleId")
                if sid is None:
                    continue
                if st.get(w + "type") == "paragraph" and _on(st.get(w + "default")) and self.default_style is None:
                    self.default_style = sid
                base = st.find(w + "basedOn")
                if base is not None and base.get(w + "val"):
                    self.style_base[sid] = base.get(w + "val")
                npr = st.find(f"{w}pPr/{w}numPr")
                if npr is not None:
                    self.style_num[sid] = _num_pr(w, npr)
        if self.numbering is None:
            return
        for an in self.numbering.iter(w + "abstractNum"):
            aid = an.get(w + "abstractNumId")
            if aid is None:
                continue
            levels: dict[int, _Level] = {}
            for lvl in an.findall(w + "lvl"):
                ilvl = _int(lvl.get(w + "ilvl"), 0)
                levels[ilvl] = self._level(lvl)
                ps = lvl.find(w + "pStyle")
                if ps is not None and ps.get(w + "val"):
                    self.level_style.setdefault(ps.get(w + "val"), (aid, ilvl))
            self.abstract[aid] = levels
            link = an.find(w + "numStyleLink")
            if link is not None and link.get(w + "val"):
                self.abstract_link[aid] = link.get(w + "val")
        for num in self.numbering.iter(w + "num"):
            nid = num.get(w + "numId")
            ref = num.find(w + "abstractNumId")
            if nid is None or ref is None:
                continue
            self.nums[nid] = ref.get(w + "val", "")
            for ov in num.findall(w + "lvlOverride"):
                ilvl = _int(ov.get(w + "ilvl"), 0)
                so = ov.find(w + "startOverride")
                lvl = ov.find(w + "lvl")
                self.overrides[(nid, ilvl)] = (_int(so.get(w + "val"), 1) if so is not None else None,
                                              self._level(lvl) if lvl is not None else None)

    def _level(self, lvl: ET.Element) -> _Level:
        w = self.w

        def val(tag: str) -> str | None:
            el = lvl.find(w + tag)
            return None if el is None else el.get(w + "val")

        restart = val("lvlRestart")
        legal = lvl.find(w + "isLgl")
        return _Level(start=_int(val("start"), 1), fmt=val("numFmt") or "decimal",
                      text=val("lvlText") if val("lvlText") is not None else "",
                      restart=None if restart is None else _int(restart, 0),
                      legal=legal is not None and _on(legal.get(w + "val", "1")),
                      suffix=val("suff") or "tab")

    def _resolve(self, num_id: str) -> tuple[str | None, dict[int, _Level]]:
        """The abstract numbering of a numId, following numbering-style links."""
        aid = self.nums.get(num_id)
        for _ in range(4):
            if aid is None or aid not in self.abstract_link:
                break
            linked = self._style_num(self.abstract_link[aid])[0]
            nxt = self.nums.get(linked) if linked else None
            if nxt is None or nxt == aid:
                break
            aid = nxt
        return aid, self.abstract.get(aid or "", {})

    def _style_num(self, sid: str | None) -> tuple[str | None, int | None]:
        """A style's numbering: numId and level, each from the nearest style of the
        basedOn chain that states it."""
        seen: set[str] = set()
        num_id: str | None = None
        ilvl: int | None = None
        while sid and sid not in seen:
            seen.add(sid)
            got = self.style_num.get(sid)
            if got is not None:
                num_id = got[0] if num_id is None else num_id
                ilvl = got[1] if ilvl is None else ilvl
            sid = self.style_base.get(sid)
        return num_id, ilvl

    def _numbering(self, ppr: ET.Element | None) -> tuple[str, int, str, dict[int, _Level]] | None:
        """(numbering instance, level, abstract numbering, its levels) of a paragraph: from its
        own numPr, else its style's; the level from numPr, the style, or the style a level
        links to. None when the paragraph is not numbered."""
        w = self.w
        num_id: str | None = None
        ilvl: int | None = None
        sid = self.default_style
        if ppr is not None:
            ps = ppr.find(w + "pStyle")
            if ps is not None and ps.get(w + "val"):
                sid = ps.get(w + "val")
            npr = ppr.find(w + "numPr")
            if npr is not None:
                num_id, ilvl = _num_pr(w, npr)
        if num_id is None:
            num_id, style_ilvl = self._style_num(sid)
            if ilvl is None:
                ilvl = style_ilvl
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        aid, levels = self._resolve(num_id)
        if aid is None:
            return None
        if ilvl is None:
            linked = self.level_style.get(sid or "")
            ilvl = linked[1] if linked and linked[0] == aid else 0
        return num_id, max(0, min(ilvl, 8)), aid, levels

    def marker(self, ppr: ET.Element | None) -> tuple[str, str] | None:
        """The marker and the text between it and the paragraph's text, for a paragraph
        with these properties; counts the paragraph. None when it is not numbered."""
        found = self._numbering(ppr) if self.nums else None
        if found is None:
            return None
        num_id, ilvl, aid, levels = found

        def level(k: int) -> _Level:
            ov = self.overrides.get((num_id, k))
            if ov is not None and ov[1] is not None:
                return ov[1]
            return levels.get(k, _Level())

        lvl = level(ilvl)
        count = self.counters.setdefault(aid, {})
        ov = self.overrides.get((num_id, ilvl))
        if ov is not None and ov[0] is not None and (num_id, ilvl) not in self.overridden:
            self.overridden.add((num_id, ilvl))
            count[ilvl] = ov[0]
        elif ilvl in count:
            count[ilvl] += 1
        else:
            count[ilvl] = lvl.start
        for deeper in [k for k in count if k > ilvl]:
            r = level(deeper).restart
            if r is None or (r > 0 and ilvl < r):
                del count[deeper]
        if lvl.fmt == "bullet" or lvl.fmt == "none" and "%" not in lvl.text:
            return None

        def sub(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            if k > ilvl and k not in count:
                return ""
            lk = level(k)
            n = count.get(k, lk.start)
            return str(n) if lvl.legal and k != ilvl else format_number(n, lk.fmt)

        text = re.sub(r"%([1-9])", sub, lvl.text)
        if not text.strip(_STRIP):
            return None
        if lvl.suffix == "nothing" or not text[-1].isalnum():
            return text, ""
        return text, " "


def _num_pr(w: str, npr: ET.Element) -> tuple[str | None, int | None]:
    nid = npr.find(w + "numId")
    lvl = npr.find(w + "ilvl")
    return (None if nid is None else nid.get(w + "val"), None if lvl is None else _int(lvl.get(w + "val"), 0))


def _int(s: str | None, default: int) -> int:
    try:
        return int(s) if s is not None else default
    except ValueError:
        return default


def _on(v: str | None) -> bool:
    return v is not None and v.lower() not in ("0", "false", "off")


_CN_DIGITS = "〇一二三四五六七八九"  # digit by digit (ideographDigital)
_CN_COUNT = "零一二三四五六七八九"  # counting: 一百零一
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_CN_LEGAL_TRAD = "零壹貳參肆伍陸柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "".join(chr(c) for r in ((0x2460, 0x2474), (0x3251, 0x3260), (0x32B1, 0x32C0)) for c in range(*r))  # ①..㊿
_PAREN = "".join(chr(c) for c in range(0x2474, 0x2488))  # ⑴..⒇
_FULLSTOP = "".join(chr(c) for c in range(0x2488, 0x249C))  # ⒈..⒛
_IDEO_CIRCLED = "".join(chr(c) for c in range(0x3280, 0x328A))  # ㊀..㊉
_IDEO_PAREN = "".join(chr(c) for c in range(0x3220, 0x322A))  # ㈠..㈩


def _chinese(n: int, digits: str = _CN_COUNT, units: str = "十百千") -> str:
    """A number as Chinese counting spells it: 十一, 二十, 一百零一, 一千零五十."""
    if n <= 0:
        return digits[0]
    if n >= 10000:
        high, low = divmod(n, 10000)
        rest = _chinese(low, digits, units) if low else ""
        zero = digits[0] if 0 < low < 1000 else ""
        return _chinese(high, digits, units) + "万" + zero + rest
    out = ""
    zero = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d, n = divmod(n, power)
        if d:
            if zero:
                out += digits[0]
            out += digits[d] + unit
            zero = False
        elif out:
            zero = True
    if out.startswith(digits[1] + units[0]) and digits is _CN_COUNT:
        out = out[1:]  # 十一, not 一十一
    return out


def _letters(n: int, upper: bool) -> str:
    # Word repeats the letter: a..z, aa..zz, aaa..
    ch = chr((n - 1) % 26 + (65 if upper else 97))
    return ch * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


def _table_or_decimal(table: str, n: int) -> str:
    return table[n - 1] if 1 <= n <= len(table) else str(n)


def format_number(n: int, fmt: str) -> str:
    """A level's counter as Word shows it in the number format ``fmt`` (w:numFmt)."""
    if fmt in ("decimal", "decimalHalfWidth", "ordinal", "cardinalText", "ordinalText", "numberInDash"):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate({ord(c): 0xFF10 + int(c) for c in "0123456789"})
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "japaneseCounting", "koreanCounting"):
        return _chinese(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(c)] for c in str(n))
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _CN_LEGAL, "拾佰仟")
    if fmt in ("ideographLegalTraditional", "japaneseLegal"):
        return _chinese(n, _CN_LEGAL_TRAD, "拾佰仟")
    # past the last stem or branch LibreOffice counts on in digits; so do we
    if fmt == "ideographTraditional":
        return _table_or_decimal(_STEMS, n)
    if fmt == "ideographZodiac":
        return _table_or_decimal(_BRANCHES, n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _table_or_decimal(_CIRCLED, n)
    if fmt == "decimalEnclosedParen":
        return _table_or_decimal(_PAREN, n)
    if fmt == "decimalEnclosedFullstop":
        return _table_or_decimal(_FULLSTOP, n)
    if fmt == "ideographEnclosedCircle":
        return _table_or_decimal(_IDEO_CIRCLED, n)
    if fmt == "ideographEnclosedParen":
        return _table_or_decimal(_IDEO_PAREN, n)
    if fmt == "upperLetter":
        return _letters(n, True)
    if fmt == "lowerLetter":
        return _letters(n, False)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "none":
        return ""
    return str(n)


# ---------------------------------------------------------------- the text


class _Field:
    __slots__ = ("instr", "result")

    def __init__(self) -> None:
        self.instr = ""
        self.result = False


class _Reader:
    """Walks the body in document order, producing lines."""

    def __init__(self, w: str, numbering: _Numbering):
        self.w = w
        self.numbering = numbering
        self.fields: list[_Field] = []
        self.hints: dict[str, str] = {}  # from an info table (see _info_table)

    # blocks ------------------------------------------------------------

    def body(self, el: ET.Element) -> list[str]:
        out: list[str] = []
        self._blocks(el, out)
        return out

    def _blocks(self, el: ET.Element, out: list[str]) -> None:
        w = self.w
        for child in el:
            tag = child.tag
            if tag == w + "p":
                out.extend(self.paragraph(child))
            elif tag == w + "tbl":
                self.table(child, out)
            elif tag in (w + "sdt",):
                content = child.find(w + "sdtContent")
                if content is not None:
                    self._blocks(content, out)
            elif tag in (w + "customXml", w + "ins", w + "moveTo", w + "smartTag"):
                self._blocks(child, out)
            elif tag == _MC + "AlternateContent":
                branch = self._branch(child)
                if branch is not None:
                    self._blocks(branch, out)

    def _branch(self, alt: ET.Element) -> ET.Element | None:
        """The branch of an mc:AlternateContent to read: the first choice, or the
        fallback when the choice holds no text."""
        choice = alt.find(_MC + "Choice")
        fallback = alt.find(_MC + "Fallback")
        if choice is not None and (fallback is None or any((t.text or "").strip() for t in choice.iter(self.w + "t"))):
            return choice
        return fallback

    # paragraphs ----------------------------------------------------------

    def paragraph(self, p: ET.Element) -> list[str]:
        """The lines of one paragraph: its text (split at manual line breaks; "" when
        empty), then the paragraphs of the text boxes anchored in it."""
        w = self.w
        ppr = p.find(w + "pPr")
        pieces: list[str] = []
        boxes: list[str] = []
        self._inline(p, pieces, boxes)
        # a field instruction never spans paragraphs: one left open is broken, and must
        # not hide the rest of the document
        self.fields = [f for f in self.fields if f.result]
        text = "".join(pieces)
        mark = self.numbering.marker(ppr)
        lines = [ln.strip(_STRIP) for ln in text.split("\n")]
        if mark is not None:  # Word shows the number of an empty paragraph too (a 序号 cell)
            k = next((i for i, ln in enumerate(lines) if ln), 0)
            lines[k] = (mark[0] + mark[1] + lines[k]).strip(_STRIP)
        return lines + boxes

    def _inline(self, el: ET.Element, pieces: list[str], boxes: list[str]) -> None:
        w = self.w
        for child in el:
            tag = child.tag
            if tag == w + "r":
                self._run(child, pieces, boxes)
            elif tag in (w + "hyperlink", w + "smartTag", w + "customXml", w + "ins", w + "moveTo", w + "dir",
                         w + "bdo"):
                self._inline(child, pieces, boxes)
            elif tag == w + "fldSimple":
                if not _page_field(child.get(w + "instr", "")):
                    self._inline(child, pieces, boxes)
            elif tag == w + "sdt":
                content = child.find(w + "sdtContent")
                if content is not None:
                    self._inline(content, pieces, boxes)
            elif tag == _MC + "AlternateContent":
                branch = self._branch(child)
                if branch is not None:
                    self._inline(branch, pieces, boxes)
            elif tag == _MATH + "oMath" or tag == _MATH + "oMathPara":
                pieces.extend(t.text or "" for t in child.iter(_MATH + "t"))

    def _hidden(self) -> bool:
        for f in self.fields:
            if not f.result or _page_field(f.instr):
                return True
        return False

    def _run(self, r: ET.Element, pieces: list[str], boxes: list[str]) -> None:
        w = self.w
        rpr = r.find(w + "rPr")
        if rpr is not None:
            vanish = rpr.find(w + "vanish")
            if vanish is not None and _on(vanish.get(w + "val", "1")):
                return
        for child in r:
            tag = child.tag
            if tag == w + "t":
                if not self._hidden():
                    pieces.append((child.text or "").replace("\t", " "))
            elif tag in (w + "tab", w + "ptab"):
                if not self._hidden():
                    pieces.append(" ")
            elif tag in (w + "br", w + "cr"):
                if not self._hidden():
                    pieces.append("\n")
            elif tag == w + "noBreakHyphen":
                pieces.append("-")
            elif tag == w + "sym":
                ch = _sym(child.get(w + "char"))
                if ch:
                    pieces.append(ch)
            elif tag == w + "fldChar":
                kind = child.get(w + "fldCharType")
                if kind == "begin":
                    self.fields.append(_Field())
                elif kind == "separate" and self.fields:
                    self.fields[-1].result = True
                elif kind == "end" and self.fields:
                    self.fields.pop()
            elif tag == w + "instrText":
                if self.fields:
                    self.fields[-1].instr += child.text or ""
            elif tag in (w + "drawing", w + "pict", w + "object") or tag == _MC + "AlternateContent":
                self._boxes(child, boxes)

    def _boxes(self, el: ET.Element, boxes: list[str]) -> None:
        """The paragraphs of the text boxes inside a drawing, each read once."""
        w = self.w
        if el.tag == _MC + "AlternateContent":
            branch = self._branch(el)
            if branch is not None:
                self._boxes(branch, boxes)
            return
        if el.tag == w + "txbxContent":
            self._blocks(el, boxes)
            return
        for child in el:
            self._boxes(child, boxes)

    # tables ---------------------------------------------------------------

    def table(self, tbl: ET.Element, out: list[str]) -> None:
        w = self.w
        rows = list(self._rows(tbl))
        ncols = len(tbl.findall(f"{w}tblGrid/{w}gridCol"))
        widths = [sum(_int(_val(w, tc, "gridSpan"), 1) for tc in cells) for _, cells in rows]
        if ncols <= 1 and max(widths, default=0) <= 1 or any(tc.find(".//" + w + "tbl") is not None
                                                             for _, cells in rows for tc in cells):
            # layout: a one-column frame or a table of tables; its cells are blocks
            for _, cells in rows:
                for tc in cells:
                    self._blocks(tc, out)
            return
        above: list[str] = []
        grid: list[list[str]] = []
        for tr, cells in rows:
            trpr = tr.find(w + "trPr")
            col = _int(_val(w, trpr, "gridBefore"), 0) if trpr is not None else 0
            row = [""] * col
            for tc in cells:
                tcpr = tc.find(w + "tcPr")
                span = max(1, _int(_val(w, tcpr, "gridSpan"), 1)) if tcpr is not None else 1
                vm = tcpr.find(w + "vMerge") if tcpr is not None else None
                hm = tcpr.find(w + "hMerge") if tcpr is not None else None
                if hm is not None and hm.get(w + "val") != "restart" and row:
                    row.append("")  # an old-style horizontal merge: part of the cell before
                    col += 1
                    continue
                if vm is not None and vm.get(w + "val") != "restart":
                    text = above[col] if col < len(above) else ""
                    self._skip(tc)
                else:
                    text = self.cell(tc)
                row.append(text)
                row.extend([""] * (span - 1))
                col += span
            grid.append(row)
            above = row
        info = _info_table(grid)
        if info is not None:
            for key, value in info.items():
                self.hints.setdefault(key, value)
            return
        width = max([ncols] + [len(r) for r in grid])
        for row in grid:
            row.extend([""] * (width - len(row)))
            if any(row):
                out.append("\t".join(row))

    def _rows(self, tbl: ET.Element):
        """(row, cells) of a table, looking through content controls and custom XML."""
        w = self.w
        for tr in _children(w, tbl, w + "tr"):
            yield tr, list(_children(w, tr, w + "tc"))

    def cell(self, tc: ET.Element) -> str:
        """A cell's text: its paragraphs joined by single spaces."""
        lines: list[str] = []
        self._blocks(tc, lines)
        return " ".join(part for ln in lines for part in (c.strip(_STRIP) for c in ln.split("\t")) if part)

    def _skip(self, tc: ET.Element) -> None:
        """Count the numbered paragraphs of a merged-away cell (Word numbers them too)."""
        self._blocks(tc, [])


# The labels of the info table a government web page puts above a notice (索引号 / 发文机关 /
# 成文日期 / 标题 / 发文字号 …), kept when the page is saved as a .docx: metadata stated
# beside the text, not text. The fields the pipeline takes as hints, by label.
_LABEL_SPACE_RX = re.compile(r"[\s\u3000]+")


def _info_table(grid: list[list[str]]) -> dict[str, str] | None:
    """The metadata of an info table, or None when ``grid`` is not one.

    An info table is made of label–value pairs, every label ending in a colon, two of
    them labels such a table uses (``infotable.META_LABELS``, ``infotable.INFO_LABELS``), or one such label
    alone (the page's 主题词 row in a table of its own)."""
    known = unknown = 0
    found: dict[str, str] = {}
    for row in grid:
        cells = list(row)
        while cells and not cells[-1]:
            cells.pop()
        for k in range(0, len(cells), 2):
            label = _LABEL_SPACE_RX.sub("", cells[k])
            value = cells[k + 1] if k + 1 < len(cells) else ""
            if not label:
                if value:
                    return None
                continue
            if not label.endswith(("：", ":")) or len(label) > 9:
                return None
            label = label[:-1]
            if label in META_LABELS:
                known += 1
                key = META_LABELS[label]
                if key == "date":
                    value = iso_date(value) or ""
                if value and key not in found:
                    found[key] = value
            elif label in INFO_LABELS:
                known += 1
            else:
                unknown += 1
    return found if known >= 2 or known == 1 and not unknown else None


def _children(w: str, el: ET.Element, tag: str):
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in (w + "sdt",):
            content = child.find(w + "sdtContent")
            if content is not None:
                yield from _children(w, content, tag)
        elif child.tag in (w + "customXml",):
            yield from _children(w, child, tag)


def _val(w: str, el: ET.Element | None, tag: str) -> str | None:
    if el is None:
        return None
    if tag in ("gridSpan", "vMerge", "hMerge"):
        el = el if el.tag.endswith("tcPr") else el.find(w + "tcPr")
        if el is None:
            return None
    found = el.find(w + tag)
    return None if found is None else found.get(w + "val")


def _page_field(instr: str) -> bool:
    word = instr.strip().split(" ", 1)[0].upper()
    return word in _PAGE_FIELDS


def _sym(code: str | None) -> str:
    """The character of a w:sym, when it is an ordinary one (symbol-font glyphs in the
    private-use area are dropped)."""
    try:
        o = int(code or "", 16)
    except ValueError:
        return ""
    if 0xE000 <= o <= 0xF8FF or o < 0x20:
        return ""
    return chr(o)


def _tidy(lines: list[str]) -> list[str]:
    """Blank lines collapsed to one, none at the start or end."""
    out: list[str] = []
    for ln in lines:
        if not ln.strip(_STRIP):
            if out and out[-1] != "":
                out.append("")
            continue
        out.append(ln)
    while out and out[-1] == "":
        out.pop()
    return out
