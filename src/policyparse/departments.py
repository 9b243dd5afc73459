"""Department lists: split, repair, canonicalise.

A name is recognised by its form (it ends with an organ word such as 厅, 局, 委,
办公室, 人民政府, 成员单位, or it is a group such as 各有关部门), never by a
dictionary; the alias table in grammars/ only normalises spellings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .grammar import Grammar

# Characters that end an organ name; a new name may start right after one of them when
# a separator was forgotten (省财政厅省人力资源社会保障厅).
_ORGAN_END = set("厅局委办部会院署室处司行")
_STRIP = " \t\u3000。.;；,，、:：\"'“”‘’"


@dataclass
class DeptList:
    names: list[str] = field(default_factory=list)
    raws: list[str] = field(default_factory=list)
    known: list[str | None] = field(default_factory=list)  # alias-table spelling, if any
    and_others: bool = False
    repaired: list[str] = field(default_factory=list)  # notes on separator repairs


def looks_like_department(name: str, g: Grammar) -> bool:
    """True when ``name`` has the form of an organ or a group of organs."""
    n = name.strip(_STRIP)
    if not (2 <= len(n) <= 40):
        return False
    if any(c in n for c in "。，,;；:：！？!?") or n[0].isdigit():
        return False
    if g.not_clause_re.match(n):
        return False
    if g.dept_suffix_re.search(n):
        return True
    return bool(g.group_prefix_re.match(n)) and len(n) >= 3


def _split_missing_separator(item: str, g: Grammar) -> list[str]:
    """省财政厅省人力资源社会保障厅 → [省财政厅, 省人力资源社会保障厅]."""
    parts: list[str] = []
    start = 0
    for i in range(2, len(item) - 2):
        if item[i - 1] in _ORGAN_END and any(item.startswith(p, i) for p in g.elidable_prefixes):
            head, tail = item[start:i], item[i:]
            if len(head) >= 3 and len(tail) >= 3 and g.dept_suffix_re.search(tail) and g.dept_suffix_re.search(head):
                parts.append(head)
                start = i
    parts.append(item[start:])
    return parts


def _has_own_region(name: str, g: Grammar) -> bool:
    """本溪市政府, 海城市公安局: the name carries its own place, so no prefix is elided."""
    return any(name.find(p, 2) >= 2 and len(name) - name.find(p, 2) > 2 for p in g.elidable_prefixes)


def _prefix_of(name: str, g: Grammar) -> str | None:
    for p in g.elidable_prefixes:
        if name.startswith(p) and len(name) > len(p) + 1:
            return p
    return None


def split_departments(text: str, g: Grammar) -> DeptList:
    """Split a list such as ``省发展改革委、经济和信息化委，广东电网公司等`` into names.

    Groups are separated by ，/；, names within a group by 、. A prefix (省) written only
    on the first name of a group is restored on the others when none of them carries it.
    """
    out = DeptList()
    t = text.strip(_STRIP)
    tail = g.others_tail_re.search(t)
    if tail:
        out.and_others = True
        t = t[: tail.start()].strip(_STRIP)
    if not t:
        return out
    groups: list[list[str]] = []
    for grp in _split_any(t, "，,；;"):
        items: list[str] = []
        raw_items = _split_any(grp, "、/")
        if any(not x.strip(_STRIP) for x in raw_items[:-1]) and len(raw_items) > 1:
            out.repaired.append("doubled separator")
        for it in raw_items:
            it = it.strip(_STRIP)
            if not it:
                continue
            m = g.others_tail_re.search(it)
            if m and m.start() > 1:
                out.and_others = True
                it = it[: m.start()].strip(_STRIP)
            pieces = _split_missing_separator(it, g)
            if len(pieces) > 1:
                out.repaired.append("missing separator")
            items.extend(p for p in pieces if p)
        if items:
            groups.append(items)
    for items in groups:
        prefix = _prefix_of(items[0], g)
        elided = prefix is not None and len(items) > 1 and not any(
            _prefix_of(x, g) or g.proper_start_re.match(x) for x in items[1:]
        )
        for k, it in enumerate(items):
            raw = it
            name = "".join(it.split())
            if elided and k > 0 and not g.group_prefix_re.match(name) and not _has_own_region(name, g):
                name = prefix + name
            out.names.append(name)
            out.raws.append(raw)
            out.known.append(g.aliases.get(name))
    return out


def _split_any(text: str, seps: str) -> list[str]:
    parts: list[str] = []
    buf: list[str] = []
    depth = 0
    for ch in text:
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        if ch in seps and depth == 0:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return parts
