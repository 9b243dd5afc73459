"""Round brackets, full- and half-width alike: the scans the lexer, the layers and the lint share."""

from __future__ import annotations

from collections.abc import Container

OPEN = "（("
CLOSE = "）)"


def trailing_group_start(text: str) -> int:
    """Index of the bracket that opens a group closing ``text`` at its very end, or -1:
    ``推进城镇化（牵头单位：省住建厅）`` → the index of （."""
    if not text or text[-1] not in CLOSE:
        return -1
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        ch = text[i]
        if ch in CLOSE:
            depth += 1
        elif ch in OPEN:
            depth -= 1
            if depth == 0:
                return i
    return -1


def split_outside(text: str, is_sep: Container) -> list[str]:
    """Split ``text`` where ``i in is_sep`` (a set of positions) or ``ch in is_sep`` (a
    string of separator characters) holds outside brackets: 中国（太原）煤炭交易中心 stays whole."""
    by_position = not isinstance(is_sep, str)
    parts: list[str] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and ((i in is_sep) if by_position else (ch in is_sep)):
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def bracket_positions(text: str) -> list[int]:
    """Indices of the round brackets of ``text``, in order. One ``str.find`` run per bracket
    character: a character-class scan of the whole line costs several times more, and most
    lines hold two brackets or none. (``in`` where it settles the question: unlike find, it
    parses no arguments.)"""
    if "（" in text:
        o = text.find("（")
        c = text.find("）")  # the usual line: one full-width group
        if c > o and text.rfind("（") == o and text.rfind("）") == c and "(" not in text and ")" not in text:
            return [o, c]
    elif "(" not in text and ")" not in text and "）" not in text:
        return []
    pos: list[int] = []
    for ch in "（()）":
        i = text.find(ch)
        while i >= 0:
            pos.append(i)
            i = text.find(ch, i + 1)
    if len(pos) > 2:
        pos.sort()
    elif len(pos) == 2 and pos[0] > pos[1]:  # （ found first: the usual line needs no sort
        pos.reverse()
    return pos


def groups_at(text: str, pos: list[int]) -> tuple[list[tuple[int, int]], bool]:
    """paren_groups over the bracket positions ``pos`` of ``text``."""
    groups: list[tuple[int, int]] = []
    depth = 0
    start = -1
    balanced = True
    for i in pos:
        if text[i] in OPEN:
            if depth == 0:
                start = i
            depth += 1
        elif depth == 0:
            balanced = False
        else:
            depth -= 1
            if depth == 0:
                groups.append((start, i))
    if depth > 0:
        balanced = False
        groups.append((start, len(text)))
    return groups, balanced


def paren_groups(text: str) -> tuple[list[tuple[int, int]], bool]:
    """Top-level (…)/（…） groups of a line as (open, close) indices; close is the
    index of ')' or len(text) when the group is left open. Also says whether the
    line's brackets balance."""
    return groups_at(text, bracket_positions(text))
