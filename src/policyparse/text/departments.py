"""Department lists: split, repair, canonicalise.

A name is recognised by its form (a qualifier followed by an organ ending such as 厅, 局,
委, 办公室, 人民政府, 成员单位, or a group such as 各有关部门), never by a dictionary; the
alias table in grammars/ only annotates spellings (``known``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..grammar import Grammar
from .brackets import CLOSE, split_outside, trailing_group_start

_STRIP = " \t\u3000\u00a0。.;；,，、:：\"'“”‘’"
_WS = str.maketrans("", "", " \t\u3000\u00a0\u2002\u2003\u2009")


@dataclass(frozen=True)
class DeptList:
    """A split list. Tuples: a list may be shared between clauses and must not change."""

    names: tuple[str, ...] = ()
    raws: tuple[str, ...] = ()
    known: tuple[str | None, ...] = ()  # alias-table spelling, if any
    and_others: bool = False
    repaired: tuple[str, ...] = ()  # notes on separator repairs
    marked_lead: tuple[int, ...] = ()  # indices of names written with a lead mark: X（牵头）


_EMPTY = DeptList()


def _core(name: str) -> str:
    """The name without a trailing bracketed note: 省发展改革委（省能源局） → 省发展改革委."""
    i = trailing_group_start(name)
    return name[:i] if i > 0 else name


def looks_like_department(name: str, g: Grammar) -> bool:
    """True when ``name`` has the form of an organ or a group of organs: a qualifier and an
    organ ending (省财政厅, 辽宁证监局, 中国（太原）煤炭交易中心), a group (各有关部门,
    各县（市、区）人民政府), or an organ word that stands alone (海关)."""
    n = name.strip(_STRIP)
    if not (2 <= len(n) <= 40) or n[0].isdigit():
        return False
    if n in g.standalone_names:
        return True
    if g.not_start_aff.prefix(n):  # an aside (原省工商局)
        return False
    if g.not_in_names_re.search(n) and not _verb_in_organ_name(n, g):  # prose
        return False
    core = _core(n)
    group = g.group_prefix_aff.prefix(core)
    if group and g.group_suffix_aff.suffix(core):
        return True
    s = g.suffix_aff.suffix(core)
    if s is None:
        return False
    if group and len(core) >= 3:  # 有关部门, 相关单位, 各有关方面的单位
        return True
    if len(core) >= 3:
        return len(core) > len(s)
    # 省委, 市委: a region prefix and a one-character administrative ending
    return g.region_aff.prefix(core) is not None and g.admin_aff.suffix(core) is not None


def looks_like_name(name: str, g: Grammar) -> bool:
    """A short run of words with no prose in it (银保监会, 共青团中央): what a name can be
    where the grammar of a clause, not the name's ending, says it names an organ."""
    n = name.strip(_STRIP)
    if not (2 <= len(n) <= g.loose_name_max) or n[0].isdigit() or g.not_start_aff.prefix(n):
        return False
    return not g.not_in_names_re.search(n) and not g.not_in_loose_names_re.search(n)


def _verb_in_organ_name(n: str, g: Grammar) -> bool:
    """Every word that marks prose in ``n`` is part of the organ's own name: it runs up to
    the organ ending that closes the name (教学指导委员会, 就业指导中心), where a verb of
    a sentence would have a name after it (市教育局指导各区)."""
    for m in g.not_in_names_re.finditer(n):
        rest = n[m.end():]
        # a verb (two characters or more) inside the name, with a qualifier before it: 承办单位
        # and 主办单位 name a role, 社会的委员会 is a phrase
        if m.start() == 0 or len(m.group()) < 2 or not rest or g.suffix_aff.suffix(rest) != rest:
            return False
    return True


def looks_administrative(name: str, g: Grammar) -> bool:
    """A name that only an administrative organ has: an administrative ending (厅, 委,
    人民政府 …) or a region / group prefix (省…, 市…, 各…, 国家…). A bare list needs one."""
    core = _core(name)
    return bool(g.admin_aff.suffix(core) or g.region_aff.prefix(core) or g.group_prefix_aff.prefix(core)
                or g.proper_aff.prefix(core))


def _prefix_of(name: str, g: Grammar) -> str | None:
    p = g.region_aff.prefix(name)
    if p is None or len(name) <= len(p) + 1 or g.exception_aff.prefix(name):
        return None
    return p


def _has_own_place(name: str, g: Grammar) -> bool:
    """本溪市政府, 海城市公安局, 杭州海关, 国家统计局辽宁调查总队: the name carries its own
    place, so no elided prefix belongs to it."""
    if g.proper_aff.prefix(name) or g.group_prefix_aff.prefix(name):
        return True
    s = g.branch_aff.suffix(name)
    if s is not None:
        return len(name) > len(s)
    return g.own_place_re.search(name, 2) is not None


def _split_missing_separator(item: str, g: Grammar) -> list[str]:
    """省财政厅省人力资源社会保障厅 → [省财政厅, 省人力资源社会保障厅]: a region prefix right
    after an organ ending starts a new name when both halves have the form of a name."""
    n = len(item)
    if g.missing_sep_re.search(item, 2, n - 2) is None:
        return [item]
    parts: list[str] = []
    start = 0
    for m in g.missing_sep_re.finditer(item, 2, n - 2):
        i = m.start()
        tail = item[i:]
        if g.exception_aff.prefix(tail):
            continue
        head = item[start:i]
        if len(head) >= 2 and looks_like_department(head, g) and looks_like_department(tail, g):
            parts.append(head)
            start = i
    parts.append(item[start:])
    return parts


def _split_top(text: str, g: Grammar, group: bool) -> list[str]:
    """Split on list separators outside brackets (中国（太原）煤炭交易中心 stays whole)."""
    rx = g.group_sep_re if group else g.item_sep_re
    if "(" not in text and "（" not in text:
        return rx.split(text)
    return split_outside(text, {m.start() for m in rx.finditer(text)})


def _bare_level(item: str, g: Grammar) -> bool:
    """各市 / 州 / 县（市、区）: an administrative level with no organ of its own."""
    if item in g.joint_levels:
        return True
    return any(item.startswith(p) and item[len(p):] in g.joint_levels for p in g.group_prefix_words)


def _place(item: str, g: Grammar) -> bool:
    """沈阳市, 瓦房店市, 延边州: a proper place name with no organ of its own."""
    return (2 <= len(item) <= 8 and item[-1] in g.joint_place_ends and not _bare_level(item, g)
            and g.group_prefix_aff.prefix(item) is None and not looks_like_department(item, g))


def _join_levels(items: list[str], g: Grammar) -> list[str]:
    """Names that share one organ written once at the end of a run:
    各市、州、县人民政府 (bare levels) → one group name again;
    沈阳市、大连市人民政府 (proper places) → 沈阳市人民政府, 大连市人民政府.
    Nothing changes when no item naming the shared organ (人民政府) ends the run
    (各市、省直有关部门 stays two names)."""
    if len(items) < 2 or not g.joint_levels:
        return items
    out: list[str] = []
    i = 0
    while i < len(items):
        j = i
        while j < len(items) - 1 and items[j] and _bare_level(items[j], g):
            j += 1
        last = items[j]
        organ = g.joint_level_organ_aff.suffix(last)
        if j > i and organ is not None:
            out.append("、".join(items[i : j + 1]))
            i = j + 1
            continue
        j = i
        while j < len(items) - 1 and items[j] and _place(items[j], g):
            j += 1
        last = items[j]
        organ = g.joint_level_organ_aff.suffix(last)
        if j > i and organ is not None and _place(last[: -len(organ)], g):
            out.extend(items[k] + organ for k in range(i, j))
            out.append(last)
            i = j + 1
            continue
        out.append(items[i])
        i += 1
    return out


def _strip_others(t: str, g: Grammar) -> tuple[str, bool]:
    tail = g.others_aff.suffix(t)
    if tail is not None and len(t) > len(tail) + 1:
        return t[: -len(tail)].strip(_STRIP), True
    return t, False


def _group_items(grp: str, g: Grammar, first: int, repaired: list[str],
                 marked: list[int]) -> tuple[list[tuple[str, str]], bool]:
    """The (as written, name) items of one group (names within it are split by 、), and
    whether one ends in 等 or the like. A doubled or forgotten separator is repaired (and
    said in ``repaired``); a name carrying a lead mark (X（牵头）) loses it and its index
    (counting from ``first``) goes to ``marked``."""
    raw_items = [x.strip(_STRIP) for x in _split_top(grp, g, group=False)]
    if len(raw_items) > 1 and "" in raw_items[:-1]:
        repaired.append("doubled separator")
    raw_items = _join_levels(raw_items, g)
    others_last = g.others_aff._last
    and_others = False
    items: list[tuple[str, str]] = []
    for it in raw_items:
        if not it:
            continue
        if it[-1] in others_last:
            it, others = _strip_others(it, g)
            and_others = and_others or others
        name = it.translate(_WS)
        if name[-1] in CLOSE and (mark := g.lead_mark_re.search(name)):
            name = name[: mark.start()]
            if not name:
                continue  # a lead mark with no name before it: （牵头） alone names no one
            it = it[: max(it.rfind("（"), it.rfind("("))].rstrip(_STRIP)
            marked.append(first + len(items))
        if len(name) >= 5 and (pieces := _split_missing_separator(name, g)) and len(pieces) > 1:
            repaired.append("missing separator")
            items.extend((p, p) for p in pieces)
        else:
            items.append((it, name))
    return items, and_others


def _restore_prefix(items: list[tuple[str, str]], g: Grammar) -> list[tuple[str, str]]:
    """A region prefix written only on a group's first name (省发展改革委、财政厅) is restored on
    the others, when none of them writes a prefix of its own and the name has no place of its own."""
    if len(items) < 2:
        return items
    prefix = _prefix_of(items[0][1], g)
    if prefix is None or any(_prefix_of(n, g) for _, n in items[1:]):
        return items
    return [items[0]] + [(raw, name if _has_own_place(name, g) else prefix + name) for raw, name in items[1:]]


def split_departments(text: str, g: Grammar) -> DeptList:
    """Split a list such as ``省发展改革委、经济和信息化委，广东电网公司等`` into names.

    Groups are separated by ，/；, names within a group by 、. A region prefix (省) written
    only on the first name of a group is restored on the others when none of them writes a
    prefix of its own; names that carry their own place (本溪市政府, 辽宁证监局) or stand
    for a group (各市人民政府) are kept as written. Whitespace inside a name is removed, a
    doubled or forgotten 、 repaired, a trailing 等 / 及其他相关… sets ``and_others``.
    """
    t = text.strip(_STRIP)
    if not t:
        return _EMPTY
    joined_others = False
    for w in g.others_joins:  # X、Y等和各省级人民政府: 等 ends one run, 和 adds a name
        if w in t:
            t = t.replace(w, "、")
            joined_others = True
    t, and_others = _strip_others(t, g)
    and_others = and_others or joined_others
    if not t:
        return DeptList(and_others=and_others)
    names: list[str] = []
    raws: list[str] = []
    repaired: list[str] = []
    marked: list[int] = []
    for grp in _split_top(t, g, group=True):
        items, others = _group_items(grp, g, len(names), repaired, marked)
        and_others = and_others or others
        for raw, name in _restore_prefix(items, g):
            names.append(name)
            raws.append(raw)
    return DeptList(tuple(names), tuple(raws), tuple(g.aliases.get(n) for n in names), and_others,
                    tuple(repaired), tuple(marked))
