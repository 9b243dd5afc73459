"""Structure rules (PP1xx): numbering, heading depth, brackets."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from ..parse.kinds import LineKind, NodeKind
from ..parse.tree import RawNode
from .context import Context
from .registry import Hit, rule

_NOT_NUMBERED = (NodeKind.PREAMBLE, NodeKind.APPENDIX, NodeKind.BOX)


def _hierarchies(ctx: Context) -> Iterator[list[RawNode]]:
    """The main body and each appendix: numbering and depth are judged within one of them.
    A top-level heading numbered 1 after a higher one of its kind (一、 after 八、) starts a
    new hierarchy too: a cover notice and the plan it issues, or the parts of a report."""
    main = [n for n in ctx.tree.roots if n.kind != NodeKind.APPENDIX]
    yield from _restarts(main)
    for n in ctx.tree.roots:
        if n.kind == NodeKind.APPENDIX:
            yield from _restarts(n.children)


def _restarts(nodes: list[RawNode]) -> list[list[RawNode]]:
    """Split ``nodes`` where a numbered node of a kind restarts at 1 after a higher number
    of that kind: each part is its own sequence (an attached document, an unnumbered part)."""
    parts: list[list[RawNode]] = [[]]
    last: dict[str, int] = {}
    for n in nodes:
        if n.kind not in _NOT_NUMBERED and n.number is not None:
            if n.number == 1 and last.get(n.kind, 0) > 1:
                parts.append([])
                last = {}
            last[n.kind] = n.number
        parts[-1].append(n)
    return [p for p in parts if p]


def _sibling_runs(nodes: list[RawNode]) -> Iterator[list[RawNode]]:
    """Per parent, the children of each numbered kind, in order, depth-first; a kind
    that restarts at 1 starts a new run."""
    by_kind: dict[str, list[RawNode]] = {}
    for n in nodes:
        if n.kind not in _NOT_NUMBERED and n.number is not None:
            by_kind.setdefault(n.kind, []).append(n)
    for run in by_kind.values():
        yield from _restarts(run)
    for n in nodes:
        yield from _sibling_runs(n.children)


def _numbering(ctx: Context) -> Iterator[tuple[str, RawNode, RawNode | None, int | None]]:
    """(problem, node, previous sibling, expected number) for each numbering problem.

    The first item of a kind under a parent may start at 1 or continue the numbering of
    that kind from the previous section (notices number straight through, too)."""
    for roots in _hierarchies(ctx):
        last_of_kind: dict[str, int] = {}
        runs = sorted(_sibling_runs(roots), key=lambda r: r[0].line)
        for run in runs:
            first = run[0]
            cont = last_of_kind.get(first.kind)
            assert first.number is not None
            if first.number != 1 and (cont is None or first.number > cont + 1):
                expected = cont + 1 if cont is not None else 1
                if not _written_run_in(ctx, first.kind, expected, first.number, _line_before(ctx, first), first.line):
                    yield "gap", first, None, expected
            for prev, node in pairwise(run):
                assert prev.number is not None and node.number is not None
                if node.number == prev.number:
                    yield "duplicate", node, prev, prev.number + 1
                elif node.number > prev.number + 1:
                    if not _written_run_in(ctx, node.kind, prev.number + 1, node.number, prev.line, node.line):
                        yield "gap", node, prev, prev.number + 1
                elif node.number < prev.number:
                    yield "order", node, prev, prev.number + 1
            last_of_kind[first.kind] = max(n.number or 0 for n in run)


def _line_before(ctx: Context, n: RawNode) -> int:
    """The line of the nearest heading before ``n`` (its parent or an earlier one), or 1."""
    opens = (LineKind.HEADING, LineKind.APPENDIX)
    heads = [t.line for t in ctx.tokens if t.kind in opens and t.line < n.line]
    return heads[-1] if heads else 1


_RUN_IN: dict[str, object] = {}


def _written_run_in(ctx: Context, kind: str, lo: int, hi: int, start: int, end: int) -> bool:
    """Whether every number lo..hi-1 of ``kind`` is written between lines start and end
    (end excluded), run into a line rather than opening one: 第一章　总则　　第一条　…, where an
    export put a chapter's first article on the chapter's line, or 注：1、… . The numbers are
    there; only the line break is missing, so nothing was lost."""
    import regex

    from ..text.numerals import marker_number

    spec = next((k for k in ctx.grammar.data.markers.kinds if k.name == kind), None)
    if spec is None:
        return False
    rx = _RUN_IN.get(spec.pattern)
    if rx is None:
        body = spec.pattern[1:] if spec.pattern.startswith("^") else spec.pattern
        rx = _RUN_IN.setdefault(spec.pattern, regex.compile(r"(?<=[\s:：;；。])(?:" + body + ")"))
    found: set[int] = set()
    for line in range(max(1, start), end):
        text = ctx.src.folded[line - 1].text
        for m in rx.finditer(text):  # type: ignore[attr-defined]
            num = m.groupdict().get("num") or m.groupdict().get("num2") or ""
            v = marker_number(num, spec.numeral)
            if v is not None:
                found.add(v)
    return all(v in found for v in range(lo, hi))


def _where(n: RawNode) -> str:
    return f"{n.marker} on line {n.line}"


@rule("PP101", "numbering-gap", "warning", "A heading number skips one or more numbers.",
      what="A numbered heading whose number is more than one past its previous sibling of the same kind "
           "(（三） right after （一）), or a first item that neither starts at 1 nor continues the numbering "
           "of the previous section.",
      why="A missing item usually means a paragraph was lost when the notice was copied, or two items were "
          "merged; the task list an analyst builds from it would silently miss a task.",
      example="（一）加快建设全省统一大市场。……\n（三）加强助推新兴领域发展的制度保障。……   ← （二） is missing")
def numbering_gap(ctx: Context) -> Iterator[Hit]:
    for problem, node, prev, expected in _numbering(ctx):
        if problem != "gap":
            continue
        after = f" after {_where(prev)}" if prev else ""
        yield Hit(node.line, _marker_col(ctx, node), f"{node.marker} comes{after} but number {expected} is missing")


@rule("PP102", "numbering-duplicate", "warning", "Two sibling headings carry the same number.",
      what="A numbered heading with the same number as the sibling before it (（二） twice).",
      why="Two items with one number make references ambiguous (“第（二）项”) and usually mean the next "
          "number is off by one for the rest of the section.",
      example="（二）完善质量监管体系。……\n（二）改善市场信用环境。……")
def numbering_duplicate(ctx: Context) -> Iterator[Hit]:
    for problem, node, prev, _ in _numbering(ctx):
        if problem == "duplicate" and prev is not None:
            yield Hit(node.line, _marker_col(ctx, node), f"{node.marker} repeats the number of {_where(prev)}")


@rule("PP103", "numbering-out-of-order", "warning", "A heading number goes backwards.",
      what="A numbered heading whose number is lower than the sibling before it (（二） after （四）).",
      why="Out-of-order numbers usually mean paragraphs were pasted in the wrong place; the hierarchy built "
          "from them may attach tasks to the wrong section.",
      example="（四）加快推进人口城镇化相关领域改革。……\n（二）加大服务业对内对外开放力度。……")
def numbering_order(ctx: Context) -> Iterator[Hit]:
    for problem, node, prev, _ in _numbering(ctx):
        if problem == "order" and prev is not None:
            yield Hit(node.line, _marker_col(ctx, node), f"{node.marker} comes after {_where(prev)}: numbers go backwards")


@rule("PP104", "heading-depth", "warning", "A heading kind is used at two different depths.",
      what="A heading whose kind (一、 / （一） / 1． / （1） …) stands at a different depth than the same kind "
           "does earlier in the document, where that is not a skipped level: a section whose numbered items "
           "are all of one kind (1、 right under 二、 when that section has no （一）) is laid out as GB/T 9704 "
           "allows. An appendix, or a document numbered from 一、 again (a cover notice and its plan), has its "
           "own hierarchy.",
      why="The depth of an item comes from its marker kind. When one kind is used at two levels — typically "
          "（一） items written before the first 一、 heading, or 1． used once directly under 一、 — the items "
          "end up nested under the wrong parent.",
      example="（一）指导思想。……\n一、重点任务\n（二）加快建设全省统一大市场。……   ← （一） at depth 1, （二） at depth 2")
def heading_depth(ctx: Context) -> Iterator[Hit]:
    for roots in _hierarchies(ctx):
        first: dict[str, RawNode] = {}
        odd = _misplaced(roots, ctx)
        stack = list(reversed(roots))
        while stack:
            n = stack.pop()
            stack.extend(reversed(n.children))
            if n.kind in _NOT_NUMBERED:
                continue
            f = first.setdefault(n.kind, n)
            if n.depth != f.depth and (id(n) in odd or id(f) in odd):
                yield Hit(n.line, _marker_col(ctx, n),
                          f"{n.marker} is a heading at level {n.depth}, but the same kind of heading "
                          f"({f.marker} on line {f.line}) is at level {f.depth}")


def _misplaced(roots: list[RawNode], ctx: Context) -> set[int]:
    """ids of headings whose level is not explained by their place. A kind may stand at two
    levels when a section skips a level (GB/T 9704 allows it: 1、 right under 二、 when that
    section has no （一）): all numbered children of that parent are then of the one kind, and
    each is nested under the right heading. It is misplaced when it shares its parent with
    another numbered kind (1． once among （一） items), or stands at the top level while a
    more senior kind does too (（一） before the first 一、)."""
    rank = ctx.grammar.kind_rank
    out: set[int] = set()

    def numbered(nodes: list[RawNode]) -> list[RawNode]:
        return [n for n in nodes if n.kind not in _NOT_NUMBERED]

    top = numbered(roots)
    for n in top:
        if any(rank(o.kind) < rank(n.kind) for o in top):
            out.add(id(n))
    stack = list(roots)
    while stack:
        p = stack.pop()
        stack.extend(p.children)
        kids = numbered(p.children)
        if len({k.kind for k in kids}) > 1:
            out.update(id(k) for k in kids)
    return out


@rule("PP105", "unbalanced-brackets", "error", "Brackets on a line do not balance.",
      what="A line with an opening bracket that is never closed, or a closing bracket that was never opened "
           "(（ ） and ( ) alike).",
      why="A responsibility clause lives inside brackets; an unclosed one swallows the rest of the line, so "
          "the parser can only guess where the clause ends.",
      example="推进法院案件受理制度改革。（责任单位：省法院")
def unbalanced(ctx: Context) -> Iterator[Hit]:
    for d in ctx.doc.diagnostics:
        if d.code == "unbalanced-brackets" and d.line:
            col, which = _unbalanced_col(ctx.src.folded[d.line - 1].text)
            yield Hit(d.line, ctx.src_col(d.line, col) + 1, f"{which} bracket: brackets on this line do not balance")


@rule("PP106", "no-structure", "error", "The text has no numbered heading and no responsibility clause.",
      what="A file in which the parser finds neither a numbered heading nor a responsibility clause.",
      why="Such a file yields a record without sections or assignments. When it has no sentences either it is "
          "most likely not a policy notice, or its numbering is written in a way the grammar does not know "
          "(error). Short letters, replies and decisions (复函, 批复, 决定) are written as plain paragraphs by "
          "design: for text with sentences the finding is info, shown but not failing a run.",
      example="关于做好有关工作的说明\n请各单位认真落实。")
def no_structure(ctx: Context) -> Iterator[Hit]:
    for d in ctx.doc.diagnostics:
        if d.code == "no-structure":
            if _has_prose(ctx):
                yield Hit(1, 1, "no numbered heading and no responsibility clause: the notice is plain paragraphs, "
                                "nothing structured to extract", severity="info")
            else:
                yield Hit(1, 1, "no numbered heading and no responsibility clause: nothing to extract")


def _has_prose(ctx: Context) -> bool:
    """A paragraph of sentences (text ending in 。 ！ ？ or ；): a letter or a decision, not a stray file."""
    return any(t.kind == LineKind.PARA and ctx.src.folded[t.line - 1].text.rstrip(" ").endswith(("。", "!", "?", ";", "！", "？", "；"))
               for t in ctx.tokens)


def _marker_col(ctx: Context, n: RawNode) -> int:
    line = ctx.src.lines[n.line - 1]
    i = line.find(n.marker) if n.marker else -1
    return (i if i >= 0 else len(line) - len(line.lstrip())) + 1


def _unbalanced_col(text: str) -> tuple[int, str]:
    opens: list[int] = []
    for i, ch in enumerate(text):
        if ch in "(（":
            opens.append(i)
        elif ch in ")）":
            if not opens:
                return i, "unopened closing"
            opens.pop()
    return (opens[0] if opens else 0), "unclosed opening"
