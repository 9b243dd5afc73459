"""One scan per line: heading marker, box, table row, label line, paragraph or blank.

Rules match the folded view of a line; the marker and title a token carries are
cut from the untouched source line, so they read exactly as the notice does.
"""

from __future__ import annotations

from dataclasses import dataclass

from .grammar import Grammar
from .numerals import marker_number
from .source import FoldedLine, SourceText


@dataclass
class Token:
    line: int  # 1-based
    kind: str  # heading | box | table | label | appendix | blank | para
    text: str  # the source line, stripped
    marker: str | None = None
    marker_kind: str | None = None
    number: int | None = None
    title: str | None = None
    body: str = ""  # text after the title on a heading line
    cells: list[str] | None = None


def _title_and_body(raw_rest: str) -> tuple[str, str]:
    """Title = first sentence up to (not including) 。; the rest is the body."""
    rest = raw_rest.strip()
    cut = rest.find("。")
    if cut < 0:
        title, body = rest, ""
        # a clause standing right after a title with no 。 is not part of the title
        for opener in ("（", "("):
            p = title.find(opener)
            if p > 0 and any(c in title[p:] for c in "：:") and title.rstrip().endswith(("）", ")")):
                title, body = title[:p], title[p:]
                break
    else:
        title, body = rest[:cut], rest[cut + 1:]
    return title.strip().rstrip("：:;；，, \u3000"), body.strip()


def _is_table_row(line: str) -> bool:
    return "\t" in line.strip("\r\n ") and len([c for c in line.split("\t")]) >= 2


def classify(src: SourceText, g: Grammar) -> list[Token]:
    """Classify every line of ``src``."""
    tokens: list[Token] = []
    for i, (raw, folded) in enumerate(zip(src.lines, src.folded), start=1):
        tokens.append(_classify_line(i, raw, folded, g))
    return tokens


def _classify_line(no: int, raw: str, folded: FoldedLine, g: Grammar) -> Token:
    ftext = folded.text
    stripped = ftext.lstrip()
    if not stripped.strip():
        return Token(no, "blank", "")
    lead = len(ftext) - len(stripped)
    text = raw.strip()
    if _is_table_row(raw):
        cells = [c.strip(" \u3000\r") for c in raw.split("\t")]
        return Token(no, "table", text, cells=cells)

    clean = folded.clean  # the source minus junk, aligned with the folded text

    def cut(end_in_folded: int) -> tuple[str, str]:
        return clean[lead:lead + end_in_folded].strip(), clean[lead + end_in_folded:]

    m = g.box_re.match(stripped)
    if m:
        marker, rest = cut(m.end())
        title, body = _title_and_body(rest)
        num = m.group("num")
        return Token(no, "box", text, marker=marker, marker_kind="box",
                     number=marker_number(num, "chinese"), title=title, body=body)
    if g.appendix_re.match(stripped):
        return Token(no, "appendix", text)
    for kind, rx in g.marker_kinds:
        m = rx.match(stripped)
        if not m:
            continue
        rest_folded = stripped[m.end():]
        if not rest_folded.strip():
            continue  # a marker with nothing after it is not a heading
        num = m.groupdict().get("num") or m.groupdict().get("num2") or ""
        number = marker_number(num, kind.numeral)
        if number is None:
            continue
        marker, rest = cut(m.end())
        title, body = _title_and_body(rest)
        if not title:
            continue
        mk = kind.name if kind.name != "decimal" else f"decimal{num.count('.')}"
        return Token(no, "heading", text, marker=marker, marker_kind=mk, number=number, title=title, body=body)
    lm = g.label_re.match(stripped)
    if lm:
        return Token(no, "label", text)
    return Token(no, "para", text)
