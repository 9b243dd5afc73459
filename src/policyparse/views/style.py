"""The palette every view shares: one colour per role, fact and severity.

Plain data (hex colours and rich style strings), no rendering library: the terminal view
uses ``STYLES`` as rich styles, an HTML report can use ``PALETTE`` as CSS colours. The
colours are mid-tones that read on dark and on light backgrounds.
"""

from __future__ import annotations

# the roles of a responsibility clause, in the order a clause states them
ROLES = ("lead", "support", "responsible")

# one hex colour per kind of fact
PALETTE: dict[str, str] = {
    "lead": "#d75f00",  # 牵头单位 / 牵头部门
    "support": "#0087d7",  # 配合单位 / 参加部门
    "responsible": "#af00af",  # 责任单位 / 负责
    "deadline": "#af8700",  # 完成时限 / 时间节点
    "target": "#00875f",  # numeric targets
    "error": "#d70000",
    "warning": "#d78700",
    "info": "#808080",
}

# rich style strings, by name: the palette plus the structural styles of the views
STYLES: dict[str, str] = {
    "lead": f"bold {PALETTE['lead']}",
    "support": PALETTE["support"],
    "responsible": f"bold {PALETTE['responsible']}",
    "deadline": PALETTE["deadline"],
    "target": f"bold {PALETTE['target']}",
    "error": f"bold {PALETTE['error']}",
    "warning": f"bold {PALETTE['warning']}",
    "info": PALETTE["info"],
    "label": "dim",
    "gutter": "dim",
    "marker": "bold",
    "title": "bold",
    "text": "dim",
    "meta.key": "dim",
    "meta.title": "bold",
}

# the words a view prints before each role's names (colour alone must not carry meaning:
# without colour the label tells the roles apart)
ROLE_LABELS: dict[str, str] = {"lead": "lead", "support": "support", "responsible": "responsible"}

# comparators of a target as printed: the contract's ASCII codes → what an analyst reads
COMPARATOR_SIGNS: dict[str, str] = {">=": "≥", "<=": "≤", "=": "=", "~": "≈", "+": "+", "-": "−"}

__all__ = ["COMPARATOR_SIGNS", "PALETTE", "ROLES", "ROLE_LABELS", "STYLES"]
