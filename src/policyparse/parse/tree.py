"""Tokens → a tree of nodes, depth from the order in which marker kinds appear.

A heading whose kind is already open becomes a sibling at that level (numbering that
restarts in each section, or runs straight through, changes nothing). A kind seen for
the first time nests under the innermost open heading, unless the convention
(GB/T 9704: 一、 → （一） → 1． → （1）) ranks it above some open kinds, in which
case those are closed first — so a notice that starts at （一）, or skips a level,
still nests the way a reader expects. Boxes (专栏N) sit inside the innermost open
heading without opening a level; appendices start a fresh hierarchy.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..grammar import Grammar
from .kinds import LineKind, NodeKind
from .lexer import Token

# module names: read per token (an enum attribute costs several times more)
_BLANK, _HEADING, _BOX, _APPENDIX = LineKind.BLANK, LineKind.HEADING, LineKind.BOX, LineKind.APPENDIX


@dataclass(slots=True)
class RawNode:
    marker: str | None
    kind: str  # a heading's marker kind (the grammar's), or a NodeKind
    number: int | None
    title: str | None
    line: int
    depth: int
    body: list[str] = field(default_factory=list)
    children: list[RawNode] = field(default_factory=list)
    end_line: int = 0


@dataclass
class Tree:
    roots: list[RawNode]
    node_of_line: dict[int, RawNode]


def build_tree(tokens: list[Token], g: Grammar) -> Tree:
    """Nest headings, boxes and paragraphs; map each line to the node it belongs to."""
    roots: list[RawNode] = []
    preamble: RawNode | None = None
    stack: list[RawNode] = []  # open headings, outermost first
    container: RawNode | None = None  # where paragraphs go (a heading or a box)
    base: RawNode | None = None  # appendix node that hosts a fresh hierarchy
    node_of_line: dict[int, RawNode] = {}
    seen_heading = False

    def attach(node: RawNode, parent: RawNode | None) -> None:
        if parent is None:
            roots.append(node)
        else:
            parent.children.append(node)

    for tok in tokens:
        if tok.kind is _HEADING:
            seen_heading = True
            kind = tok.marker_kind or "?"
            level = _level_of(stack, kind)
            if level is not None:
                del stack[level:]
            else:
                r = g.kind_rank(kind)
                # close open kinds the convention ranks below the newcomer
                while stack and g.kind_rank(stack[-1].kind) > r:
                    stack.pop()
            parent = stack[-1] if stack else base
            depth = (parent.depth + 1) if parent is not None else 1
            node = RawNode(tok.marker, kind, tok.number, tok.title, tok.line, depth)
            if tok.body:
                node.body.append(tok.body)
            attach(node, parent)
            stack.append(node)
            container = node
        elif tok.kind is _BOX:
            parent = stack[-1] if stack else base
            depth = (parent.depth + 1) if parent is not None else 1
            node = RawNode(tok.marker, NodeKind.BOX, tok.number, tok.title, tok.line, depth)
            if tok.body:
                node.body.append(tok.body)
            attach(node, parent)
            container = node
        elif tok.kind is _APPENDIX and seen_heading:
            node = RawNode(None, NodeKind.APPENDIX, None, tok.text, tok.line, 0)
            roots.append(node)
            stack = []
            base = node
            container = node
        else:
            if container is None:
                if preamble is None and tok.kind is not _BLANK:
                    preamble = RawNode(None, NodeKind.PREAMBLE, None, None, tok.line, 0)
                    roots.append(preamble)
                target = preamble
            else:
                target = container
            if target is not None and tok.kind is not _BLANK:
                target.body.append(tok.text)
            if target is not None:
                node_of_line[tok.line] = target
            continue
        node_of_line[tok.line] = container  # type: ignore[assignment]

    last_line = tokens[-1].line if tokens else 0
    _close(roots, last_line, node_of_line)
    return Tree(roots, node_of_line)


def _level_of(stack: list[RawNode], kind: str) -> int | None:
    """Where a heading of ``kind`` is open on the stack, if it is."""
    for i, n in enumerate(stack):
        if n.kind == kind:
            return i
    return None


def _close(nodes: list[RawNode], end: int, node_of_line: dict[int, RawNode]) -> None:
    for k, n in enumerate(nodes):
        nxt = nodes[k + 1].line - 1 if k + 1 < len(nodes) else end
        n.end_line = max(n.line, nxt)
        _close(n.children, n.end_line, node_of_line)
