"""The pipeline: source → lexer → tree → layers → validated :class:`Document`."""

from __future__ import annotations

from pathlib import Path

from . import __version__
from .errors import NoStructure, UnbalancedBrackets
from .grammar import Grammar, load_grammar
from .layers.metadata import extract_metadata
from .layers.responsibility import extract_assignments, paren_groups
from .layers.targets import extract_targets
from .lexer import Token, classify
from .models import Diagnostic, Document, Node, SourceInfo
from .source import DEFAULT_MAX_BYTES, SourceText, decode_bytes, read_source
from .tree import RawNode, build_tree


def parse_source(src: SourceText, grammar: Grammar | None = None, strict: bool = False) -> Document:
    """Parse decoded text. ``strict`` makes broken brackets (unbalanced on a tenth or more
    of the bracketed lines; fewer is a typo, recovered with a warning) and a text without
    any numbering or clause an error instead of a diagnostic."""
    g = grammar or load_grammar()
    tokens = classify(src, g)
    tree = build_tree(tokens, g)
    resp = extract_assignments(src, tokens, g)
    meta = extract_metadata(src, tokens, g)
    meta.implied_responsible = resp.implied
    meta.first_listed_leads = resp.first_listed_leads
    diagnostics: list[Diagnostic] = list(resp.diagnostics)

    unbalanced = [d for d in diagnostics if d.code == "unbalanced-brackets"]
    if unbalanced and strict and _brackets_broken(src, len(unbalanced)):
        raise UnbalancedBrackets(
            f"brackets do not balance on {len(unbalanced)} of {_bracket_lines(src)} bracketed lines "
            f"(first: line {unbalanced[0].line}); --lenient closes them at line end", src.path)

    # every line that is not a heading becomes a node of its own (marker null) under
    # the heading, box or preamble it belongs to, so each record hangs on its line
    by_line = {t.line: t for t in tokens}
    lines_of: dict[int, list[Token]] = {}
    for t in tokens:
        owner = tree.node_of_line.get(t.line)
        if owner is None or t.kind in ("blank", "heading", "box") or owner.line == t.line:
            continue
        lines_of.setdefault(id(owner), []).append(t)
    node_at: dict[int, Node] = {}
    roots = [_convert(r, by_line, lines_of, node_at) for r in tree.roots]
    for a in resp.assignments:
        _owner(a.line, node_at, tree.node_of_line, roots).assignments.append(a)
    for t in tokens:
        if t.kind == "blank":
            continue
        for target in extract_targets(src, t.line, g):
            _owner(t.line, node_at, tree.node_of_line, roots).targets.append(target)

    has_heading = any(t.kind in ("heading", "box") for t in tokens)
    if not has_heading and not resp.assignments:
        if strict:
            raise NoStructure("no numbered headings and no responsibility clauses: not a policy notice?", src.path)
        diagnostics.append(Diagnostic(code="no-structure", severity="warning",
                                      message="no numbered headings and no responsibility clauses"))

    return Document(
        parser_version=__version__,
        source=SourceInfo(path=src.path, sha256=src.sha256, encoding=src.encoding, bom=src.bom,
                          newline=src.newline, lines=len(src.lines), bytes=src.nbytes),
        meta=meta,
        children=roots,
        diagnostics=sorted(diagnostics, key=lambda d: (d.line or 0, d.code)),
    )


_LINE_KIND = {"para": "paragraph", "table": "table_row", "label": "label", "appendix": "paragraph"}


_NODE_FIELDS = frozenset(Node.model_fields)
_NODE_FIELD_COUNT = len(_NODE_FIELDS)


def _node(fields: dict) -> Node:
    """A Node from values the lexer and tree already typed, every field given.

    What ``model_construct`` does without its per-call bookkeeping, which was the
    largest cost of building the ~450 nodes of a long notice."""
    assert len(fields) == _NODE_FIELD_COUNT, "a Node field was added: give it here too"
    node = Node.__new__(Node)
    object.__setattr__(node, "__dict__", fields)
    object.__setattr__(node, "__pydantic_fields_set__", set(_NODE_FIELDS))
    object.__setattr__(node, "__pydantic_extra__", None)
    object.__setattr__(node, "__pydantic_private__", None)
    return node


_BRACKETS = ("（", "(", "）", ")")
# A stray bracket in a long notice is a typo the parser recovers from (a warning);
# when this share of the bracketed lines is broken, clauses cannot be trusted.
_BROKEN_SHARE = 0.1


def _bracket_lines(src: SourceText) -> int:
    return sum(1 for line in src.lines if any(b in line for b in _BRACKETS))


def _brackets_broken(src: SourceText, unbalanced: int) -> bool:
    return unbalanced >= _BROKEN_SHARE * _bracket_lines(src)


def _convert(r: RawNode, by_line: dict[int, Token], lines_of: dict[int, list[Token]],
             node_at: dict[int, Node]) -> Node:
    head = by_line.get(r.line)
    inline = head.body if head is not None and head.kind in ("heading", "box") else ""
    if r.kind == "appendix" and head is not None:
        inline = head.text
    children = [_convert(c, by_line, lines_of, node_at) for c in r.children]
    for t in lines_of.get(id(r), []):
        leaf = _node({"marker": None, "kind": _LINE_KIND.get(t.kind, "paragraph"), "number": None, "title": None,
                      "text": t.text, "line": t.line, "end_line": t.line, "depth": r.depth + 1,
                      "assignments": [], "targets": [], "children": []})
        node_at[t.line] = leaf
        children.append(leaf)
    children.sort(key=lambda n: n.line)
    node = _node({
        "marker": r.marker,
        "kind": r.kind,
        "number": r.number,
        "title": r.title,
        "text": inline,
        "line": r.line,
        "end_line": max(r.end_line, max((c.end_line for c in children), default=r.line)),
        "depth": r.depth,
        "assignments": [],
        "targets": [],
        "children": children,
    })
    node_at.setdefault(r.line, node)
    return node


def _owner(line: int, node_at: dict[int, Node], node_of_line: dict[int, RawNode], roots: list[Node]) -> Node:
    node = node_at.get(line)
    if node is not None:
        return node
    # a line that has no node of its own (a blank line): the first root
    return roots[0]


def parse_text(text: str, grammar: Grammar | None = None, path: str | None = None, strict: bool = False) -> Document:
    """Parse a notice given as a string."""
    return parse_bytes(text.encode("utf-8"), grammar=grammar, path=path, strict=strict)


def parse_bytes(data: bytes, grammar: Grammar | None = None, path: str | None = None,
                strict: bool = False) -> Document:
    """Parse a notice given as raw bytes (any supported encoding)."""
    return parse_source(decode_bytes(data, path), grammar, strict=strict)


def parse_file(path: str | Path, grammar: Grammar | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
               strict: bool = False) -> Document:
    """Read, decode and parse one notice file."""
    return parse_source(read_source(path, max_bytes=max_bytes), grammar, strict=strict)


__all__ = ["paren_groups", "parse_bytes", "parse_file", "parse_source", "parse_text"]
