"""The parser's own kinds: what the lexer calls a line, and the nodes it adds to the tree.

Heading kinds are not here: they are the marker kinds a grammar declares
(``grammars/markers.yaml``), and what a kind does is said by its attributes there.

Both enums are ``str`` subclasses, equal to (and hashing as) their values, so a member
compares with the string the JSON output holds (``node["kind"] == NodeKind.APPENDIX``).
Output records hold the plain value (``member.value``): the JSON writer looks types up
exactly. Reading ``LineKind.HEADING`` costs an enum attribute look-up (several times a
module global's): code that runs per line binds the members it needs to module names.
"""

from __future__ import annotations

from enum import Enum


class _Kind(str, Enum):
    def __str__(self) -> str:  # the value, as f-strings and str() show it on every Python
        return str.__str__(self)


class LineKind(_Kind):
    """What the lexer calls a line of the notice."""

    BLANK = "blank"  # empty, or white space only
    PARA = "para"  # running text
    HEADING = "heading"  # a numbered heading (its marker kind comes from the grammar)
    BOX = "box"  # 专栏N: a box, inside the section open where it stands
    TABLE = "table"  # a row of cells (tabs between them)
    LABEL = "label"  # a label line (牵头单位：X)
    APPENDIX = "appendix"  # the line opening an appendix (附件2)


class NodeKind(_Kind):
    """Kinds of nodes the parser makes itself (a heading node's kind is its marker kind)."""

    PREAMBLE = "preamble"  # the lines before the first heading
    BOX = "box"
    APPENDIX = "appendix"
    PARAGRAPH = "paragraph"  # a line of running text under its heading
    TABLE_ROW = "table_row"
    LABEL = "label"


def is_heading(marker: str | None, kind: str) -> bool:
    """A node that opens a part of the notice: a numbered heading or a box (each has a marker)
    or an appendix (none). The one definition the outline, the views and the tables share."""
    return marker is not None or kind == NodeKind.APPENDIX


__all__ = ["LineKind", "NodeKind", "is_heading"]
