"""Round brackets, full- and half-width alike: the two scans several layers need."""

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
