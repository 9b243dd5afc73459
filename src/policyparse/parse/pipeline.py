"""The pipeline: source → lexer → tree → layers → records → validated :class:`Document`.

The layers build plain records (:mod:`policyparse.output.document`); the command line writes those
directly. The public ``parse_*`` functions return the pydantic models of the contract
(:mod:`policyparse.output.models`), validated from the records; ``*_records`` variants skip that
step (and pydantic's import) for callers that only write or read the result.
"""

from __future__ import annotations

from operator import attrgetter
from pathlib import Path

from ..constants import DEFAULT_MAX_BYTES
from ..constants import VERSION as __version__
from ..errors import NoStructure, UnbalancedBrackets
from ..grammar import Grammar, load_grammar
from ..layers.metadata import extract_metadata
from ..layers.responsibility import extract_assignments
from ..layers.targets import extract_targets, review_lines, target_lines
from ..output.document import Diagnostic, Document, Meta, Node, SourceInfo
from ..read import load_bytes, read_source
from ..text.brackets import CLOSE, OPEN, paren_groups
from .kinds import LineKind, NodeKind
from .lexer import Token, classify
from .source import SourceText
from .tree import RawNode, Tree, build_tree

# module names: read per token (an enum attribute costs several times more)
_BLANK = LineKind.BLANK
_HEADINGS = (LineKind.HEADING, LineKind.BOX)  # lines that open a node of their own
_NOT_LEAVES = (LineKind.BLANK, *_HEADINGS)
# the node a line of each kind becomes under its heading (the JSON's plain string)
_LINE_KIND = {LineKind.PARA: NodeKind.PARAGRAPH.value, LineKind.TABLE: NodeKind.TABLE_ROW.value,
              LineKind.LABEL: NodeKind.LABEL.value, LineKind.APPENDIX: NodeKind.PARAGRAPH.value}
_PARAGRAPH = NodeKind.PARAGRAPH.value
_PREAMBLE = NodeKind.PREAMBLE


def parse_source_parts(src: SourceText, grammar: Grammar | None = None, strict: bool = False,
                       require_structure: bool = False) -> tuple[Document, list[Token], Tree]:
    """Parse decoded text; return the document with the tokens and tree it was built from
    (``check`` reads all three, so a file is lexed once). ``strict`` makes broken brackets (unbalanced on a tenth or more
    of the bracketed lines; fewer is a typo, recovered with a warning) an error instead of a
    diagnostic. A text without any numbering or clause is still a notice (its metadata,
    paragraphs and targets are worth having): a warning diagnostic, or an error with
    ``require_structure``."""
    g = grammar or load_grammar()
    tokens = classify(src, g)
    tree = build_tree(tokens, g)
    resp = extract_assignments(src, tokens, g)
    meta = extract_metadata(src, tokens, g)
    meta.implied_responsible = resp.implied
    meta.first_listed_leads = resp.first_listed_leads
    diagnostics: list[Diagnostic] = list(resp.diagnostics)
    if strict:
        _refuse_broken_brackets(src, diagnostics)
    roots = _nodes_with_records(src, tokens, tree, resp.assignments, meta, g)
    if src.hints:  # after the targets: they are dated by what the text itself states
        _fill_from_hints(meta, src.hints)
    if not resp.assignments and not any(t.kind in _HEADINGS for t in tokens):
        if require_structure:
            raise NoStructure("no numbered headings and no responsibility clauses: not a policy notice?", src.path)
        diagnostics.append(Diagnostic(code="no-structure", severity="warning",
                                      message="no numbered headings and no responsibility clauses"))
    doc = Document(
        parser_version=__version__,
        source=SourceInfo(path=src.path, sha256=src.sha256, encoding=src.encoding, bom=src.bom,
                          newline=src.newline, lines=len(src.lines), bytes=src.nbytes, format=src.format),
        meta=meta,
        children=roots,
        diagnostics=sorted(diagnostics, key=lambda d: (d.line or 0, d.code)),
    )
    return doc, tokens, tree


def _refuse_broken_brackets(src: SourceText, diagnostics: list[Diagnostic]) -> None:
    """Brackets unbalanced on a tenth or more of the bracketed lines: clauses cannot be trusted."""
    unbalanced = [d for d in diagnostics if d.code == "unbalanced-brackets"]
    if unbalanced and _brackets_broken(src, len(unbalanced)):
        raise UnbalancedBrackets(
            f"brackets do not balance on {len(unbalanced)} of {_bracket_lines(src)} bracketed lines "
            f"(first: line {unbalanced[0].line}); --lenient closes them at line end", src.path)


def _nodes_with_records(src: SourceText, tokens: list[Token], tree: Tree, assignments: list, meta: Meta,
                        g: Grammar) -> list[Node]:
    """The output tree: every line that is not a heading becomes a node of its own (marker
    null) under the heading, box or preamble it belongs to, and each clause and target hangs
    on the node of its line (a target in a review of past work is none)."""
    by_line = {t.line: t for t in tokens}
    lines_of: dict[int, list[Token]] = {}
    for t in tokens:
        owner = tree.node_of_line.get(t.line)
        if owner is None or t.kind in _NOT_LEAVES or owner.line == t.line and owner.kind is not _PREAMBLE:
            continue  # a heading's own line is the heading; the preamble's first line is a line of it
        lines_of.setdefault(id(owner), []).append(t)
    node_at: dict[int, Node] = {}
    roots = [_convert(r, by_line, lines_of, node_at) for r in tree.roots]
    first = roots[0] if roots else None  # a line with no node of its own (a blank line): the first root
    for a in assignments:
        node_at.get(a.line, first).assignments.append(a)
    doc_year = int(meta.date[:4]) if meta.date else None
    reported = review_lines(tree.roots, tokens, g, doc_year)
    for line in target_lines(src, g):
        t = by_line.get(line)
        if t is None or t.kind is _BLANK or line in reported:
            continue
        found = extract_targets(src, line, g, doc_year)
        if found:
            node_at.get(line, first).targets.extend(found)
    if src.pages is not None:
        _set_pages(roots, src.pages)
    return roots


def _set_pages(roots: list[Node], pages: list[int]) -> None:
    """Each node, clause and target carries the page its line lies on."""
    stack = list(roots)
    while stack:
        n = stack.pop()
        n.page = pages[n.line - 1]
        for rec in n.assignments:
            rec.page = pages[rec.line - 1]
        for rec in n.targets:
            rec.page = pages[rec.line - 1]
        stack.extend(n.children)


# metadata a published file states beside its text (a web page's info table), taken only
# where the text itself states none; such a value has no line of its own
_HINTED = ("title", "issuer", "doc_number", "date")


def _fill_from_hints(meta: Meta, hints: dict[str, str]) -> None:
    for key in _HINTED:
        value = hints.get(key)
        if value and getattr(meta, key) is None:
            setattr(meta, key, value)
            if key == "doc_number" and value not in meta.doc_numbers:
                meta.doc_numbers.insert(0, value)


_BRACKETS = OPEN + CLOSE
# A stray bracket in a long notice is a typo the parser recovers from (a warning);
# when this share of the bracketed lines is broken, clauses cannot be trusted.
_BROKEN_SHARE = 0.1


def _bracket_lines(src: SourceText) -> int:
    return sum(1 for line in src.lines if any(b in line for b in _BRACKETS))


def _brackets_broken(src: SourceText, unbalanced: int) -> bool:
    """Brackets are broken when a tenth or more of the bracketed lines do not balance, not
    counting a group that wraps onto the next line (an open left on one line, closed on the
    next: a note or clause the source broke in two)."""
    balance = [sum(line.count(b) for b in OPEN) - sum(line.count(b) for b in CLOSE) for line in src.lines]
    wrapped = 0
    k = 0
    while k < len(balance) - 1:
        if balance[k] > 0 and balance[k + 1] == -balance[k]:
            wrapped += 2
            k += 2
            continue
        k += 1
    return unbalanced - wrapped >= max(1, _BROKEN_SHARE * _bracket_lines(src))


def _convert(r: RawNode, by_line: dict[int, Token], lines_of: dict[int, list[Token]],
             node_at: dict[int, Node]) -> Node:
    head = by_line.get(r.line)
    inline = head.body if head is not None and head.kind in _HEADINGS else ""
    if r.kind is NodeKind.APPENDIX and head is not None:
        inline = head.text
    children = [_convert(c, by_line, lines_of, node_at) for c in r.children]
    leaves = lines_of.get(id(r))
    if leaves:
        depth = r.depth + 1
        for t in leaves:  # in line order, as the tokens are
            leaf = Node.of(None, _LINE_KIND.get(t.kind, _PARAGRAPH), None, None, t.text, t.line, t.line, depth,
                           [], [], [])
            node_at[t.line] = leaf
            children.append(leaf)
        if r.children:  # headings and lines interleave
            children.sort(key=_BY_LINE)
    kind = r.kind.value if isinstance(r.kind, NodeKind) else r.kind  # the JSON writer takes exact str
    end = r.end_line
    for c in children:
        if c.end_line > end:  # noqa: PLR1730 (a comparison, not a call to max, per child)
            end = c.end_line
    node = Node.of(r.marker, kind, r.number, r.title, inline, r.line, end, r.depth, [], [], children)
    node_at.setdefault(r.line, node)
    return node


_BY_LINE = attrgetter("line")


def parse_source(src: SourceText, grammar: Grammar | None = None, strict: bool = False,
                 require_structure: bool = False) -> Document:
    """Parse decoded text (:func:`parse_source_parts` without the lexer's tokens and the tree)."""
    return parse_source_parts(src, grammar, strict, require_structure)[0]


def parse_text(text: str, grammar: Grammar | None = None, path: str | None = None,
               strict: bool = False) -> Document:
    """Parse a notice given as a string (read as its UTF-8 bytes would be: an HTML page given
    as a string is read as a web page)."""
    return parse_source(load_bytes(text.encode("utf-8"), path, text=text), grammar, strict=strict)


def parse_bytes(data: bytes, grammar: Grammar | None = None, path: str | None = None,
                strict: bool = False) -> Document:
    """Parse a notice given as raw bytes: text in any supported encoding, or a published
    file (HTML, .docx, PDF) read by its reader."""
    return parse_source(load_bytes(data, path), grammar, strict=strict)


def parse_file(path: str | Path, grammar: Grammar | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
               strict: bool = False, require_structure: bool = False) -> Document:
    """Read, decode and parse one notice file."""
    return parse_source(read_source(path, max_bytes=max_bytes), grammar, strict=strict,
                        require_structure=require_structure)


__all__ = ["paren_groups", "parse_bytes", "parse_file", "parse_source", "parse_source_parts", "parse_text"]
