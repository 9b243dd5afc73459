"""Source rules (PP4xx): encoding, BOM, unreadable files, mixed marker widths."""

from __future__ import annotations

from collections.abc import Iterator

from ..parse.kinds import LineKind
from .context import Context
from .registry import Hit, doc_only, rule

_FULL = set("（）．")
_HALF = set("().")


@rule("PP401", "not-utf8", "warning", "The file is not encoded as UTF-8.",
      what="A file decoded as GB18030 (GBK, GB2312) or UTF-16 instead of UTF-8.",
      why="policyparse reads them, but diff tools, GitHub and most editors show them as garbage; keeping "
          "notices in UTF-8 makes review possible.",
      example="(a notice saved by a Windows editor as GBK: 一、总体要求 stored as d2bb a1a2 d7dc …)")
def not_utf8(ctx: Context) -> Iterator[Hit]:
    enc = ctx.src.encoding
    if not enc.startswith("utf-8"):
        yield Hit(1, 1, f"file is encoded as {enc.upper()}, not UTF-8")


@rule("PP402", "utf8-bom", "warning", "The file starts with a UTF-8 byte-order mark.",
      what="A UTF-8 file that begins with the bytes EF BB BF (a BOM).",
      why="A BOM is invisible but breaks tools that compare or concatenate files, and the first line's "
          "text no longer matches what a reader searches for.",
      example="\\ufeff各市人民政府，省政府各厅委、各直属机构：")
def bom(ctx: Context) -> Iterator[Hit]:
    if ctx.src.bom and ctx.src.encoding.startswith("utf-8"):
        yield Hit(1, 1, "file starts with a UTF-8 byte-order mark (BOM)")


doc_only("PP403", "unreadable-file", "error", "The file cannot be read or decoded.",
         what="A file that cannot be read (permissions, I/O), is empty, looks binary, is too large, or decodes "
              "as neither UTF-8, UTF-16 with BOM, nor GB18030.",
         why="Nothing can be extracted from it; in a folder of notices it is usually a stray file or one saved "
             "in the wrong encoding.",
         example="(a .txt file holding Big5 bytes, or a PDF renamed to .txt)")


@rule("PP404", "mixed-width-markers", "warning", "Heading markers mix full-width and half-width brackets or dots.",
      what="Headings of one kind written with both full-width and half-width forms in one document — （一） "
           "beside (一), or 1． beside 1. — or one marker mixing both. The headings in the less common form of "
           "their kind are reported. Different kinds are not compared: （一） over 1. is the usual layout of a "
           "notice, not a mix.",
      why="Mixed widths betray text pasted from different sources, often with other edits; they also make "
          "grep-based checks by keepers miss items.",
      example="（一）加快建设全省统一大市场。……\n(二)加大服务业对内对外开放力度。……")
def mixed_width(ctx: Context) -> Iterator[Hit]:
    by_kind: dict[str, list[tuple[object, str]]] = {}
    for tok in ctx.tokens:
        if tok.kind != LineKind.HEADING or not tok.marker:
            continue
        full = any(c in _FULL for c in tok.marker)
        half = any(c in _HALF for c in tok.marker)
        if full or half:
            w = "mixed" if full and half else ("full" if full else "half")
            by_kind.setdefault(tok.marker_kind or "", []).append((tok, w))
    for marks in by_kind.values():
        n_full = sum(1 for _, w in marks if w == "full")
        n_half = sum(1 for _, w in marks if w == "half")
        major = "full" if n_full >= n_half else "half"
        for tok, w in marks:
            if w == "mixed" or (n_full and n_half and w != major):
                line = ctx.src.lines[tok.line - 1]
                col = line.find(tok.marker) + 1 or 1
                what = ("mixes full-width and half-width characters" if w == "mixed"
                        else f"is {w}-width while {max(n_full, n_half)} other heading markers of its kind are "
                             f"{major}-width")
                yield Hit(tok.line, col, f"heading marker {tok.marker} {what}")
