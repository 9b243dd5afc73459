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


class _Builder:
    """The tree as it grows: the open headings, where lines go, and each line's node. One
    method a kind of token, each a rule of the nesting (:func:`build_tree` says which)."""

    __slots__ = ("base", "container", "g", "node_of_line", "preamble", "roots", "seen_heading", "stack")

    def __init__(self, g: Grammar) -> None:
        self.g = g
        self.roots: list[RawNode] = []
        self.preamble: RawNode | None = None
        self.stack: list[RawNode] = []  # open headings, outermost first
        self.container: RawNode | None = None  # where lines go (a heading, a box or an appendix)
        self.base: RawNode | None = None  # the appendix that hosts a fresh hierarchy
        self.node_of_line: dict[int, RawNode] = {}
        self.seen_heading = False

    def _attach(self, node: RawNode, tok: Token) -> None:
        """Hang a heading or box on the innermost open heading (or the appendix, or the top)."""
        parent = self.stack[-1] if self.stack else self.base
        node.depth = (parent.depth + 1) if parent is not None else 1
        if tok.body:
            node.body.append(tok.body)
        (self.roots if parent is None else parent.children).append(node)
        self.container = node
        self.node_of_line[tok.line] = node

    def heading(self, tok: Token) -> None:
        """A kind already open is a sibling at its level; a new kind nests, after closing the
        open kinds the convention ranks below it."""
        self.seen_heading = True
        kind = tok.marker_kind or "?"
        stack = self.stack
        level = _level_of(stack, kind)
        if level is not None:
            del stack[level:]
        else:
            r = self.g.kind_rank(kind)
            while stack and self.g.kind_rank(stack[-1].kind) > r:
                stack.pop()
        node = RawNode(tok.marker, kind, tok.number, tok.title, tok.line, 0)
        self._attach(node, tok)
        stack.append(node)

    def box(self, tok: Token) -> None:
        """A box sits in the innermost open heading without opening a level."""
        self._attach(RawNode(tok.marker, NodeKind.BOX, tok.number, tok.title, tok.line, 0), tok)

    def appendix(self, tok: Token) -> None:
        """After the first heading, an appendix starts a fresh hierarchy at the top; before it,
        the line is text like any other."""
        if not self.seen_heading:
            self.line(tok)
            return
        node = RawNode(None, NodeKind.APPENDIX, None, tok.text, tok.line, 0)
        self.roots.append(node)
        self.stack = []
        self.base = self.container = node
        self.node_of_line[tok.line] = node

    def line(self, tok: Token) -> None:
        """Any other line belongs to the open container, or to the preamble before the first."""
        target = self.container
        if target is None:
            if self.preamble is None and tok.kind is not _BLANK:
                self.preamble = RawNode(None, NodeKind.PREAMBLE, None, None, tok.line, 0)
                self.roots.append(self.preamble)
            target = self.preamble
            if target is None:
                return
        if tok.kind is not _BLANK:
            target.body.append(tok.text)
        self.node_of_line[tok.line] = target


def build_tree(tokens: list[Token], g: Grammar) -> Tree:
    """Nest headings, boxes and paragraphs; map each line to the node it belongs to. The
    rules by token kind: :meth:`_Builder.heading`, :meth:`~_Builder.box`,
    :meth:`~_Builder.appendix`, and :meth:`~_Builder.line` for the rest."""
    b = _Builder(g)
    heading, box, appendix, line = b.heading, b.box, b.appendix, b.line
    for tok in tokens:  # kinds compared by identity: a str enum hashes in Python
        kind = tok.kind
        if kind is _HEADING:
            heading(tok)
        elif kind is _BOX:
            box(tok)
        elif kind is _APPENDIX:
            appendix(tok)
        else:
            line(tok)
    _close(b.roots, tokens[-1].line if tokens else 0, b.node_of_line)
    return Tree(b.roots, b.node_of_line)


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
