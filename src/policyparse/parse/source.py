"""Bytes → decoded text and a line index, plus the folded view rules match on.

Decoding order: BOM (UTF-8, UTF-16), strict UTF-8, then GB18030 (a superset of GBK
and GB2312). Nothing is ever dropped silently: bytes that decode under none of them
are an error. CRLF and lone CR become LF; lines are split on LF only, so line numbers
are those an editor shows.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from ..errors import BinaryInput, DecodeFailure, EmptyInput

# Characters removed from the folded view (but kept in the source): private-use
# glyphs that some web copies put at line ends, zero-width characters, and the BOM.
_JUNK = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD}


def _is_junk(ch: str) -> bool:
    o = ord(ch)
    return o in _JUNK or 0xE000 <= o <= 0xF8FF


def fold_char(ch: str) -> str:
    """Fold one character for matching (see :func:`fold_line`); junk becomes ""."""
    return "" if _is_junk(ch) else ch.translate(_FOLD_TABLE)


def _build_fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for o in range(0xFF01, 0xFF5F):
        table[o] = chr(o - 0xFEE0)
    for ch in "\u3000\u00a0\u2002\u2003\u2009":
        table[ord(ch)] = " "
    for lo, hi in ((0x2E80, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F), (0xFE30, 0xFE4F), (0x2160, 0x217F)):
        for o in range(lo, hi + 1):
            n = unicodedata.normalize("NFKC", chr(o))
            if len(n) == 1 and n != chr(o):
                table[o] = n
    for o in _JUNK:
        table[o] = None
    return table


_FOLD_TABLE = _build_fold_table()
_FOLD_MAP = {chr(k): v for k, v in _FOLD_TABLE.items() if v is not None}
# Folding maps one character to one that never folds again, so replacing each folding
# character in turn, in any order, equals one translate pass (which costs a dict
# look-up per character; see benchmarks/README.md, "Costs behind the code").
_CHAIN_FREE = not any(v in _FOLD_MAP for v in _FOLD_MAP.values())
# The folding characters nearly every notice holds (in 30 of 31 sample notices), by
# the thousand: they are replaced unconditionally, since a str.replace that finds
# nothing costs one fast scan, less than finding each occurrence with a regex.
_COMMON_FOLDS = tuple((ch, _FOLD_MAP[ch]) for ch in "，：（）；\u3000")

_CTRL_CLASS = "\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f-\x9f"
_CTRL_RX = re.compile("[" + _CTRL_CLASS + "]")
_CTRL_CHARS = frozenset(chr(o) for o in range(0xA0) if _CTRL_RX.match(chr(o)))
_JUNK_CLASS = "\ue000-\uf8ff" + "".join(chr(o) for o in sorted(_JUNK))
# One scan of a text finds every character that needs a second look: control
# characters (the binary test), junk (the per-line fold path) and the BMP folding
# characters not in _COMMON_FOLDS (a few in a notice, if any). Astral characters are
# left out (they make the class slow); _has_astral finds them.
_MARKS_RX = re.compile(
    "["
    + _CTRL_CLASS
    + _JUNK_CLASS
    + re.escape("".join(sorted(k for k in _FOLD_MAP if ord(k) < 0x10000 and k not in dict(_COMMON_FOLDS))))
    + "]"
)


@cache
def _junk_rx() -> re.Pattern[str]:
    # compiled when first needed (the private-use range is slow to compile): a notice
    # read from a file is tested with _MARKS_RX
    return re.compile("[" + _JUNK_CLASS + "]")


def _has_junk(line: str) -> bool:
    return _junk_rx().search(line) is not None


def _has_astral(text: str) -> bool:
    """Whether ``text`` holds a character beyond the BMP: each takes two UTF-16 code
    units (encoding is a copy for a BMP text, cheaper than a regex scan)."""
    return len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


@dataclass(slots=True)
class FoldedLine:
    """A line's folded text and, for each folded character, its column in the source.

    Folding maps one character to one character; junk characters are dropped. When a
    line has no junk (almost always), ``cols`` is the identity and is not stored."""

    text: str
    _cols: list[int] | None
    clean: str = ""  # the source characters at ``cols``: the line minus junk, unfolded

    @property
    def cols(self) -> list[int]:
        return self._cols if self._cols is not None else list(range(len(self.text)))

    def src_col(self, i: int, raw_len: int) -> int:
        if self._cols is None:
            return min(i, raw_len)
        return self._cols[i] if i < len(self._cols) else raw_len


def _fold_lines(lines: list[str], text: str | None = None, marks: set[str] | None = None) -> list[FoldedLine]:
    """Fold a whole document at once (per-line calls cost more).

    ``text`` is ``"\\n".join(lines)`` and ``marks`` the set of _MARKS_RX matches in it,
    if the caller has them already."""
    if text is None:
        text = "\n".join(lines)
    if marks is None:
        marks = set(_MARKS_RX.findall(text))
    junk = [ch for ch in marks if _is_junk(ch)]
    if _has_astral(text) or not _CHAIN_FREE:
        if junk:
            return [fold_line(line) for line in lines]
        folded = text.translate(_FOLD_TABLE).split("\n")
    else:  # almost always
        for ch, to in _COMMON_FOLDS:
            text = text.replace(ch, to)
        for ch in marks:
            if ch in _FOLD_MAP:
                text = text.replace(ch, _FOLD_MAP[ch])
        if junk:  # a few lines hold junk: only those need their columns (folding keeps lengths)
            for ch in junk:
                text = text.replace(ch, "")
            return [FoldedLine(f, None, line) if len(f) == len(line) else FoldedLine(f, *_without_junk(line))
                    for f, line in zip(text.split("\n"), lines)]
        folded = text.split("\n")
    return [FoldedLine(f, None, line) for f, line in zip(folded, lines)]


def fold_line(line: str) -> FoldedLine:
    if not _has_junk(line):
        return FoldedLine(line.translate(_FOLD_TABLE), None, line)
    cols, clean = _without_junk(line)
    return FoldedLine(clean.translate(_FOLD_TABLE), cols, clean)


def _without_junk(line: str) -> tuple[list[int], str]:
    """The columns of a line's characters that are not junk, and the line without its junk."""
    # the junk is a few characters: the columns kept are the runs between them
    cols: list[int] = []
    prev = 0
    for m in _junk_rx().finditer(line):
        cols.extend(range(prev, m.start()))
        prev = m.end()
    cols.extend(range(prev, len(line)))
    return cols, _junk_rx().sub("", line)


@dataclass
class SourceText:
    text: str
    lines: list[str]
    encoding: str
    bom: bool
    sha256: str
    nbytes: int
    newline: str = "\n"
    path: str | None = None
    folded: list[FoldedLine] = field(default_factory=list)
    # what the bytes were: "text", or the published form a reader turned into these lines
    format: str = "text"
    # the 1-based page of each line, for a paged original (PDF); None otherwise
    pages: list[int] | None = None
    # metadata the container states beside the text (a web page's info table):
    # title, issuer, doc_number, date (YYYY-MM-DD); used where the text states none
    hints: dict[str, str] = field(default_factory=dict)
    # what a layer works out once per text (keyed by that layer's own objects); no part of the text
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.folded:
            self.folded = _fold_lines(self.lines)


def _split_lines(text: str) -> tuple[list[str], str, str]:
    """Lines, the newline convention and the text with LF line ends and no final one."""
    if "\r" in text:
        newline = "\r\n" if "\r\n" in text else "\r"
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    else:  # almost always: one scan, no copy
        newline = "\n"
    if text.endswith("\n"):  # a final LF ends the last line, it does not open one
        text = text[:-1]
    elif not text:
        return [], newline, text
    return text.split("\n"), newline, text


_CTRL_BYTES = bytes(b for b in range(0x20) if b not in (9, 10, 12, 13, 27))


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data[:65536]:
        return True
    sample = data[:65536]
    ctrl = len(sample) - len(sample.translate(None, _CTRL_BYTES))
    return ctrl > max(8, len(sample) // 100)


_BINARY = "looks like a binary file, not text (NUL or control bytes)"


def _decode_plain(data: bytes, path: str | None) -> tuple[str, str]:
    """Text without a BOM: UTF-8, else GB18030. Bytes that decode as neither are refused as
    binary when they look it (NUL or control bytes; decoded text is tested by the caller)."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_exc:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            if _looks_binary(data):
                raise BinaryInput(_BINARY, path) from None
            raise DecodeFailure(
                f"is neither UTF-8 nor GB18030 (first bad byte at offset {utf8_exc.start})", path
            ) from None


def decode_bytes(data: bytes, path: str | None = None, text: str | None = None) -> SourceText:
    """Decode raw bytes into a :class:`SourceText`, or raise a user-facing error. ``text``:
    the bytes' UTF-8 decoding, when the caller has it (``parse_text`` encodes a string to
    read it as bytes): it is not decoded again."""
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip(b" \t\r\n\x0c") or data in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        raise EmptyInput("the file is empty", path)
    bom = False
    encoding = ""
    if text is not None and not data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8"  # what _decode_plain finds first: the bytes are that string's UTF-8
    elif data.startswith(codecs.BOM_UTF8):
        bom, encoding = True, "utf-8-sig"
        try:
            text = data[len(codecs.BOM_UTF8):].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DecodeFailure(f"has a UTF-8 BOM but invalid UTF-8 at byte {exc.start + 3}", path) from None
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        bom, encoding = True, "utf-16"
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeFailure(f"has a UTF-16 BOM but invalid UTF-16 at byte {exc.start}", path) from None
    else:
        text, encoding = _decode_plain(data, path)
    marks = set(_MARKS_RX.findall(text))
    # A control byte below 0x20 decodes, in UTF-8 as in GB18030, to that character and no
    # other byte does: a text without such characters came from bytes that do not look binary.
    if not bom and not marks.isdisjoint(_CTRL_CHARS) and _looks_binary(data):
        raise BinaryInput(_BINARY, path)
    if not text or text.isspace():  # (strip() would copy the text to say the same)
        raise EmptyInput("the file has no text", path)
    if not marks.isdisjoint(_CTRL_CHARS):  # rare: count exactly, as the test is defined
        ctrl = len(_CTRL_RX.findall(text, 0, 65536))
        if ctrl > max(8, min(len(text), 65536) // 100):
            raise BinaryInput("decoded text is mostly control characters (binary file?)", path)
    lines, newline, text = _split_lines(text)
    return SourceText(
        text=text,
        lines=lines,
        encoding=encoding,
        bom=bom,
        sha256=digest,
        nbytes=len(data),
        newline=newline,
        path=path,
        # (the marks of the text before CR LF and CR became LF: the same set, as CR
        # is not among them)
        folded=_fold_lines(lines, text, marks),
    )


def converted_source(lines: list[str], data: bytes, path: str | None, format: str,
                     pages: list[int] | None = None, hints: dict[str, str] | None = None) -> SourceText:
    """The :class:`SourceText` of lines a reader took out of a published file (``data``):
    the text the parser reads is these lines joined by LF; ``sha256`` and ``nbytes`` are
    those of the file as given."""
    if pages is not None and len(pages) != len(lines):
        raise ValueError("one page per line")
    lines = [ln.replace("\r", " ").replace("\n", " ") if ("\n" in ln or "\r" in ln) else ln for ln in lines]
    text = "\n".join(lines)
    if not text.strip():
        raise EmptyInput("the file has no text", path)
    return SourceText(text=text, lines=list(lines), encoding="utf-8", bom=False,
                      sha256=hashlib.sha256(data).hexdigest(), nbytes=len(data), path=path,
                      format=format, pages=pages, hints=dict(hints or {}))
