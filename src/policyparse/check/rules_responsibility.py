"""Responsibility rules (PP2xx): missing, malformed or misspelt responsibility clauses."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from ..layers.responsibility import header_roles
from ..output.document import Assignment
from ..parse.kinds import LineKind, NodeKind
from ..parse.tree import RawNode
from .context import Context
from .registry import Hit, rule
from .rules_structure import _marker_col, _restarts

_SEP = " \t\u3000;；,，。.、:："
_LIST_SEPS = "、，,；;/"
_DOUBLED_RX = re.compile(r"[、，,；;/][ \t\u3000]*[、，,；;/]")
_STRAY_RX = re.compile(r"[。．！？!?]|\.(?!\d)")


def _has_tasks(n: RawNode) -> bool:
    return bool(n.body) or bool(n.children)


@rule("PP201", "missing-responsibility", "error",
      "An item carries tasks but no responsibility clause, while its siblings have one.",
      what="A numbered item with text (or sub-items) in which no responsibility clause is found anywhere, "
           "when most of its sibling items of the same kind (at least two) do have one and it stands between "
           "two of them (leading 总体要求 / 基本原则 and trailing 保障措施 sections are left alone). In task-division "
           "notices, where each unnumbered paragraph is a task with its own clause, a paragraph ending in 。 without "
           "a clause between paragraphs of the same heading that have one (at least three, two thirds of them).",
      why="A task without a lead department is a task nobody is accountable for; when the siblings all name "
          "one, the missing clause was usually dropped by mistake, or written in a form the parser does not "
          "read.",
      example="（一）加快建设全省统一大市场。……（牵头部门：省发展改革委）\n"
              "（二）加大服务业对内对外开放力度。……                       ← no clause\n"
              "（三）加强制度保障。……（牵头部门：省商务厅）")
def missing_responsibility(ctx: Context) -> Iterator[Hit]:
    lines = ctx.assignment_lines
    import bisect

    # a clause that is there but was not read is PP204's business, not a missing one
    lines = sorted(set(lines) | {line for line, _, _ in unparsed_groups(ctx)})

    def covered(n: RawNode) -> bool:
        i = bisect.bisect_left(lines, n.line)
        return i < len(lines) and lines[i] <= n.end_line

    for run in _runs(ctx.tree.roots):
        flags = [covered(n) for n in run]
        with_clause = sum(flags)
        if with_clause < 2 or with_clause * 2 < len(run):
            continue
        first, last = flags.index(True), len(flags) - 1 - flags[::-1].index(True)
        for k, (n, ok) in enumerate(zip(run, flags)):
            # only items between two siblings with clauses: leading 总体要求/基本原则 and trailing
            # 保障措施/组织实施 sections conventionally carry no assignment
            if not ok and first < k < last and _has_tasks(n):
                yield Hit(n.line, _marker_col(ctx, n), f"{n.marker} {_short(n.title)} has no responsibility clause, but "
                                     f"{with_clause} of its {len(run)} sibling items do")
    yield from _paragraph_tasks(ctx, set(lines))


def _paragraph_tasks(ctx: Context, lines: set[int]) -> Iterator[Hit]:
    """Task-division notices list tasks as unnumbered paragraphs, one clause each: a paragraph
    without one, between paragraphs of the same heading that have one, is the same slip."""
    by_node: dict[int, list[int]] = {}
    for t in ctx.tokens:
        if t.kind == LineKind.PARA:
            n = ctx.tree.node_of_line.get(t.line)
            if n is not None and n.kind not in (NodeKind.PREAMBLE, NodeKind.APPENDIX):
                by_node.setdefault(id(n), []).append(t.line)
    for paras in by_node.values():
        with_clause = [ln for ln in paras if ln in lines]
        if len(with_clause) < 3 or len(with_clause) * 3 < len(paras) * 2:
            continue
        for ln in paras:
            text = ctx.src.lines[ln - 1].strip(" \t\u3000")
            if ln in lines or not (with_clause[0] < ln < with_clause[-1]):
                continue
            # a line that only names departments is a table cell wrapped onto its own line
            if len(text) >= 10 and text.endswith("。") and not _mostly_departments(text.rstrip("。"), ctx):
                col = len(ctx.src.lines[ln - 1]) - len(ctx.src.lines[ln - 1].lstrip(" \t\u3000")) + 1
                yield Hit(ln, col, f"task {_short(text)} has no responsibility clause, but {len(with_clause)} of the "
                                   f"{len(paras)} task paragraphs around it do")


def _runs(nodes: list[RawNode]) -> Iterator[list[RawNode]]:
    """Sibling items of one kind; numbering that restarts at 1 (一、 after 八、: the plan a cover
    notice issues) starts a new run, with its own leading and trailing sections."""
    by_kind: dict[str, list[RawNode]] = {}
    for n in nodes:
        if n.kind not in (NodeKind.PREAMBLE, NodeKind.APPENDIX, NodeKind.BOX):
            by_kind.setdefault(n.kind, []).append(n)
    for run in by_kind.values():
        yield from _restarts(run)
    for n in nodes:
        yield from _runs(n.children)


def _short(text: str | None, width: int = 16) -> str:
    t = (text or "").strip()
    return f"“{t[:width]}…”" if len(t) > width else f"“{t}”"


@rule("PP202", "unknown-label", "warning", "A clause uses a label the grammar does not know.",
      what="Inside brackets (or on a label line), a word that looks like a clause label — it ends in 单位, "
           "部门, 处室, 机构, 时限, 时间 or 步骤 and is followed by a colon — but is not one of the grammar's "
           "labels.",
      why="An unknown label is not read: its departments are lost or attached to the previous label. Add the "
          "label to a grammar overlay (clauses.labels) if it is legitimate.",
      example="（主办处室：省财政厅；推进时限：2017年底前）")
def unknown_label(ctx: Context) -> Iterator[Hit]:
    from ..text.departments import looks_like_department

    g = ctx.grammar
    segs = ctx.segments()
    with_known = {s.group for s in segs if s.role is not None}
    for seg in segs:
        if seg.role is not None or g.group_prefix_re.match(seg.label):
            continue  # 各部门：/有关单位： address someone, they do not label a role
        first = re.split(r"[、，,；;]", seg.value.strip(_SEP))[0].strip(_SEP)
        if seg.group in with_known or looks_like_department(first, g):
            yield Hit(seg.line, seg.label_col + 1,
                      f"unknown clause label {seg.label}: its value {_short(seg.value.strip(_SEP))} is not read "
                      f"as a role")


@rule("PP203", "empty-role", "error", "A clause label has no value.",
      what="A clause label (牵头单位, 配合部门, 责任单位, 推进时限 …) followed by nothing before the next label "
           "or the closing bracket.",
      why="An empty role is an incomplete assignment: the notice promises a lead or a deadline and does not "
          "give it.",
      example="（牵头单位：；配合单位：省财政厅）")
def empty_role(ctx: Context) -> Iterator[Hit]:
    for seg in ctx.segments():
        if seg.role is not None and seg.role != "ignore" and not seg.value.strip(_SEP + "（）()"):
            yield Hit(seg.line, seg.label_col + 1, f"clause label {seg.label} has no value")


@rule("PP204", "unparsed-clause", "error", "A bracketed text looks like a clause but was not read as one.",
      what="A bracketed text that contains a known clause label and a colon, or ends in a role verb "
           "(牵头, 负责, 按职责分工负责) after department names, for which the parser produced no assignment.",
      why="The assignment is silently missing from the output. Typical causes: a sentence inside the clause, "
          "an unknown word before the first label, or brackets that do not match.",
      example="（由省商务厅研究提出意见，牵头单位：省商务厅）")
def unparsed_clause(ctx: Context) -> Iterator[Hit]:
    for line, col, raw in unparsed_groups(ctx):
        yield Hit(line, col + 1, f"{_short(raw, 24)} looks like a responsibility clause but was not read as one")


def unparsed_groups(ctx: Context) -> list[tuple[int, int, str]]:
    """(line, 0-based column, text) of bracket groups that look like clauses but gave no assignment:
    a known label with a colon, names ending in a role verb, or — where clauses stand (after a
    sentence, at the end of the line) — a list whose items nearly all look like departments."""
    if "unparsed" in ctx.memo:
        return ctx.memo["unparsed"]
    g = ctx.grammar
    spans: dict[int, list[tuple[int, int]]] = {}
    for a in ctx.doc.all_assignments():
        if a.span is not None:
            spans.setdefault(a.line, []).append((a.span.start, a.span.end))
    out = []
    for line, s, e, content in ctx.paren_contents():
        text = content.strip(" \u3000")
        if not text or g.not_clause_re.match(text):
            continue
        ft = ctx.src.folded[line - 1].text
        before, after = ft[:s].rstrip(), ft[e + 1:].strip()
        at_clause_place = (not before or before[-1] in "。;；!！?？:：") and (after == "" or after[0] in "。;；")
        looks = (bool(g.label_re.search(text)) or _verb_clause(text, ctx)
                 or (at_clause_place and _mostly_departments(text, ctx)))
        if not looks:
            continue
        ss, se = ctx.src_col(line, s), ctx.src_col(line, e)
        if any(a <= ss < b or ss <= a <= se for a, b in spans.get(line, [])):
            continue
        out.append((line, ss, ctx.src.lines[line - 1][ss:se + 1]))
    ctx.memo["unparsed"] = out
    return out


def _mostly_departments(text: str, ctx: Context) -> bool:
    from ..text.departments import looks_like_department

    items = [x.strip(_SEP) for x in re.split(r"[、，,；;]", text)]
    items = [x for x in items if x]
    if len(items) < 3:
        return False
    good = sum(1 for x in items if looks_like_department(x, ctx.grammar))
    return good >= len(items) - 1


def _verb_clause(text: str, ctx: Context) -> bool:
    g = ctx.grammar
    m = g.verb_tail_re.fullmatch(text.rstrip(_SEP))
    if not m:
        return False
    names = m.group("names").strip(_SEP)
    if not names or any(c in names for c in "。：:"):
        return False
    return bool(g.dept_suffix_re.search(re.split(r"[、，,；;等]", names)[0].strip(_SEP) or "-"))


def _dept_clauses_on(ctx: Context, line: int) -> list[Assignment]:
    return [a for a in ctx.doc.all_assignments() if a.line == line]


@rule("PP205", "doubled-separator", "warning", "A department list has two separators in a row.",
      what="Two list separators with no name between them (、、 or 、，) in a department list.",
      why="Usually a name was deleted and its separator left behind — check that no department is missing. "
          "The parser skips the empty item.",
      example="（责任单位：省民政厅、、省财政厅）")
def doubled_separator(ctx: Context) -> Iterator[Hit]:
    for d in ctx.doc.diagnostics:
        if d.code != "doubled-separator" or not d.line:
            continue
        line = ctx.src.lines[d.line - 1]
        found = False
        for m in _DOUBLED_RX.finditer(line):
            found = True
            yield Hit(d.line, m.start() + 1, f"doubled separator {m.group(0)} in a department list",
                      end_column=m.end() + 1)
        if not found:
            yield Hit(d.line, 1, "doubled separator in a department list")


@rule("PP206", "missing-separator", "warning", "Two department names run together without a separator.",
      what="Two department names written one after the other with no 、 between them "
           "(…厅省…厅), found where a name ending in an organ word is followed by a region prefix.",
      why="The parser splits them, but only by guessing; a missing separator often sits next to other "
          "copy-editing slips in the same list.",
      example="（责任单位：省财政厅省人力资源社会保障厅）")
def missing_separator(ctx: Context) -> Iterator[Hit]:
    for d in ctx.doc.diagnostics:
        if d.code != "missing-separator" or not d.line:
            continue
        line = ctx.src.lines[d.line - 1]
        found = False
        for a in _dept_clauses_on(ctx, d.line):
            raws = [x.raw for x in a.departments]
            for x, y in pairwise(raws):
                i = line.find(x + y)
                if i >= 0:
                    found = True
                    col = i + len(x)
                    yield Hit(d.line, col + 1, f"missing separator between {x} and {y}")
        if not found:
            yield Hit(d.line, 1, "missing separator in a department list")


@rule("PP207", "stray-punctuation", "warning", "A department list contains sentence punctuation.",
      what="A 。 ． ！ ？ inside the value of a lead / support / responsible label.",
      why="Department names never contain a full stop; a stray one usually means the clause was edited by "
          "hand, and sometimes that two clauses were merged.",
      example="（责任单位：省政务服务管理办公室。）")
def stray_punctuation(ctx: Context) -> Iterator[Hit]:
    for seg in ctx.segments():
        if seg.role not in ("lead", "support", "responsible"):
            continue
        for m in _STRAY_RX.finditer(seg.value):
            yield Hit(seg.line, seg.value_col + m.start() + 1,
                      f"stray {m.group(0)} in the value of {seg.label}")


@rule("PP208", "department-short-form", "info", "A department is written in a short form the alias table knows.",
      what="A department name that the alias table (grammars/departments.yaml, aliases) lists as a short form "
           "of a longer spelling (省发改委 → 省发展改革委). Reported once per name and file.",
      why="Lists from different notices are joined on the full spelling; short forms are resolved by the "
          "alias table, but a reader of the raw text may not know them.",
      example="（牵头单位：省发改委）   ← 省发展改革委")
def short_form(ctx: Context) -> Iterator[Hit]:
    seen: dict[str, list[tuple[int, int]]] = {}
    for a in ctx.doc.all_assignments():
        for d in a.departments:
            if d.known_as and d.known_as != d.name:
                seen.setdefault(d.name, []).append((a.line, _find_col(ctx, a, d.raw)))
    for name, where in seen.items():
        line, col = where[0]
        more = f" ({len(where)} times in this file)" if len(where) > 1 else ""
        full = ctx.grammar.aliases[name]
        yield Hit(line, col, f"{name} is a short form; the alias table spells it {full}{more}")


@rule("PP209", "department-near-miss", "warning", "A department name is one slip away from a known name.",
      what="A department name that is not in the alias table but differs from a name there by one character "
           "(or only by a 和), with the same organ word at the end (厅, 委, 局 …). The administrative level in "
           "front (省, 市, 国家 …) is not compared: 市发展改革委 or a ministry's 发展改革委 is another organ, not a "
           "slip of 省发展改革委.",
      why="Near-misses are usually typos (省发展和改革委, 省人力资源社保障厅); they break joins across notices. "
          "If the name is correct, add it to the alias table of a grammar overlay.",
      example="（牵头单位：省人力资源社保障厅）   ← did you mean 省人力资源社会保障厅?")
def near_miss(ctx: Context) -> Iterator[Hit]:
    g = ctx.grammar
    known = set(g.aliases) | set(g.aliases.values())
    reported: set[tuple[int, str]] = set()
    for a in ctx.doc.all_assignments():
        for d in a.departments:
            if d.name in known or d.known_as or (a.line, d.name) in reported:
                continue
            best = _closest(d.name, known, g)
            if best:
                # suggest the name at the level it is written at (市…, not the table's 省…)
                best = _level(d.name, g) + best[len(_level(best, g)):]
                reported.add((a.line, d.name))
                yield Hit(a.line, _find_col(ctx, a, d.raw),
                          f"{d.name} is not in the alias table; did you mean {best}?")


# Administrative levels a name may carry before the organ (grammar: departments' ``levels``
# and ``elidable_prefixes``): the alias table is written for one level (省…), but 发展改革委
# (State Council), 市发展改革委 and 国家发展改革委 are other organs, not slips.


def _level(name: str, g) -> str:
    """The administrative-level prefix of ``name`` (省, 市, 自治区, 国家 …), or ''."""
    for p in (*g.levels, *g.elidable_prefixes):
        if name.startswith(p) and not any(name.startswith(x) for x in g.data.departments.prefix_exceptions):
            return p
    return ""


def _closest(name: str, known: set[str], g) -> str | None:
    if len(name) < 4:
        return None
    suffix = g.dept_suffix_re.search(name)
    if suffix is None:
        return None
    core = name[len(_level(name, g)):]
    cores = {k[len(_level(k, g)):] for k in known}
    if core in cores:
        return None  # only the level differs (发展改革委, 市发展改革委 ~ 省发展改革委): another organ
    for k in sorted(known):
        ks = g.dept_suffix_re.search(k)
        if ks is None or ks.group(0) != suffix.group(0) or k == name:
            continue
        kc = k[len(_level(k, g)):]
        if core.replace("和", "") == kc.replace("和", "") or _one_edit(core, kc):
            return g.aliases.get(k, k)
    return None


def _one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 5:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    return any(b[:i] + b[i + 1:] == a for i in range(len(b)))


def _find_col(ctx: Context, a: Assignment, raw: str) -> int:
    line = ctx.src.lines[a.line - 1]
    start = a.span.start if a.span else 0
    i = line.find(raw, start)
    if i < 0:
        i = line.find(raw)
    return (i if i >= 0 else start) + 1


@rule("PP210", "table-empty-lead", "error", "A task-table row has an empty lead cell.",
      what="A row of a task table (a tab-separated table whose header names a 牵头部门/责任单位 column) with "
           "a task but nothing in the lead (or responsible) column.",
      why="A task row without a lead department is an assignment nobody owns.",
      example="序号\t主要工作任务\t牵头部门\t参加部门\n48\t鼓励保险机构开发更多保险险种\t\t省金融办")
def table_empty_lead(ctx: Context) -> Iterator[Hit]:
    g = ctx.grammar
    roles: list[str] | None = None
    for tok in ctx.tokens:
        if tok.kind != LineKind.TABLE:
            if tok.kind != LineKind.BLANK:
                roles = None
            continue
        cells = [c.strip(" \u3000") for c in tok.cells or []]
        header = header_roles(cells, g)
        if header is not None:
            roles = header
            continue
        if roles is None or not any(cells):
            continue
        lead_idx = [i for i, r in enumerate(roles) if r in ("lead", "responsible")]
        task_idx = [i for i, r in enumerate(roles) if r == "task"]
        if not lead_idx or not any(i < len(cells) and cells[i] for i in task_idx):
            continue
        if all(i >= len(cells) or not cells[i] for i in lead_idx):
            col = _cell_col(ctx.src.lines[tok.line - 1], lead_idx[0])
            yield Hit(tok.line, col, f"task row has an empty {'/'.join(_hdr(roles, lead_idx))} cell")


def _hdr(roles: list[str], idx: list[int]) -> list[str]:
    return [{"lead": "lead", "responsible": "responsible"}[roles[i]] for i in idx]


def _cell_col(line: str, idx: int) -> int:
    pos = 0
    for _ in range(idx):
        j = line.find("\t", pos)
        if j < 0:
            return len(line) + 1
        pos = j + 1
    return pos + 1
