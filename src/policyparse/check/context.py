"""What a rule sees: the decoded source, its tokens and heading tree, the parsed Document."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from ..grammar import Grammar
from ..output.document import Document
from ..parse.kinds import LineKind
from ..parse.lexer import Token
from ..parse.pipeline import parse_source_parts
from ..parse.source import SourceText
from ..parse.tree import Tree
from ..text.brackets import paren_groups

_SEP = " \t\u3000;；,，。.、:："

_NO_BRACKETS = (LineKind.BLANK, LineKind.TABLE)  # not read for bracket groups: none, or cells read as cells


@dataclass
class Segment:
    """One ``label：value`` pair of a labelled clause, with 0-based columns in the source line."""

    line: int
    label: str
    role: str | None  # None: the label is not in the grammar
    label_col: int
    value: str  # as written (source text), separators kept
    value_col: int
    group: tuple[int, int] = (0, 0)  # (line, start) of the bracket group or label line it sits in


@dataclass
class Context:
    path: str
    src: SourceText
    grammar: Grammar
    doc: Document
    tokens: list[Token]
    tree: Tree
    memo: dict = field(default_factory=dict)  # per-file results shared between rules

    @classmethod
    def build(cls, path: str, src: SourceText, g: Grammar) -> Context:
        doc, tokens, tree = parse_source_parts(src, g, strict=False)
        return cls(path, src, g, doc, tokens, tree)

    def src_col(self, line: int, folded_index: int) -> int:
        """0-based source column of a 0-based index into the folded line."""
        return self.src.folded[line - 1].src_col(folded_index, len(self.src.lines[line - 1]))

    @cached_property
    def assignment_lines(self) -> list[int]:
        return sorted({a.line for a in self.doc.all_assignments()})

    def paren_contents(self) -> Iterator[tuple[int, int, int, str]]:
        """(line, open index, close index, folded content) for every top-level bracket group."""
        for tok in self.tokens:
            if tok.kind in _NO_BRACKETS:
                continue
            ft = self.src.folded[tok.line - 1].text
            groups, _ = paren_groups(ft)
            for s, e in groups:
                yield tok.line, s, e, ft[s + 1:e]

    def segments(self) -> list[Segment]:
        """Every ``label：value`` pair inside brackets or on label lines (known labels and
        label-like words ending in 单位/部门/… alike)."""
        if "segments" in self.memo:
            return self.memo["segments"]
        out: list[Segment] = []
        rx = _label_like_re(self.grammar)
        for tok in self.tokens:
            if tok.kind in _NO_BRACKETS:
                continue
            ft = self.src.folded[tok.line - 1].text
            spans: list[tuple[int, int]] = []
            if tok.kind == LineKind.LABEL:
                spans.append((0, len(ft)))
            groups, _ = paren_groups(ft)
            spans.extend((s + 1, e) for s, e in groups)
            for s, e in spans:
                matches = [m for m in rx.finditer(ft, s, e) if _at_boundary(ft, m.start(), s)]
                for k, m in enumerate(matches):
                    end = matches[k + 1].start() if k + 1 < len(matches) else e
                    label = m.group("label")
                    role = self.grammar.label_role.get(label)
                    vs = m.end()
                    raw_line = self.src.lines[tok.line - 1]
                    a, b = self.src_col(tok.line, vs), self.src_col(tok.line, end)
                    out.append(Segment(tok.line, label, role, self.src_col(tok.line, m.start()),
                                       raw_line[a:b], a, (tok.line, s)))
        self.memo["segments"] = out
        return out


def _at_boundary(text: str, i: int, start: int) -> bool:
    """A label starts a group or follows a separator (not the middle of a sentence)."""
    if i <= start:
        return True
    return text[i - 1] in _SEP + "(（"


_LABEL_CACHE: dict[str, object] = {}


def _label_like_re(g: Grammar):
    """Known labels, or a short word ending like a label (…单位, …部门, …时限) before a colon."""
    import regex

    rx = _LABEL_CACHE.get(g.fingerprint)
    if rx is None:
        known = "|".join(regex.escape(w) for w in sorted(g.label_role, key=lambda w: (-len(w), w)))
        endings = g.data.clauses.label_endings
        like = (r"|[\p{Han}]{0,6}?(?:" + "|".join(regex.escape(w) for w in endings) + ")") if endings else ""
        rx = regex.compile(r"(?P<label>" + known + like + r")\s*[:：]\s*")
        _LABEL_CACHE[g.fingerprint] = rx
    return rx
