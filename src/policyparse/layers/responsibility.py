"""Responsibility clauses: who leads, who supports, who is responsible, by when.

Wordings handled (all from the grammar, full- and half-width alike):

* labelled: （牵头部门：X；配合部门：Y；推进时限：Z；推进步骤：W） with ；or ，between labels,
  inline after a sentence, or as label lines standing on their own under an item;
* verbs: （X牵头，Y按职责分工负责） （X牵头，Y参与） （X会同Y负责） （X、Y等按职责分工负责） （X指导）;
* bare lists at the end of a sentence: （省发展改革委、经济和信息化委）;
* task tables whose header row names the columns (序号/任务/牵头部门/参加部门/完成时限, any order).

Document-wide conventions: "列第一位者为牵头单位，下同" makes the first name of later
lists the lead; "以下均需X落实，不再列出" is returned as implied responsibility.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..departments import DeptList, looks_like_department, split_departments
from ..grammar import Grammar
from ..lexer import Token
from ..models import Assignment, Department, Diagnostic, Span
from ..source import SourceText
from .deadline import parse_deadline

_SEP = " \t\u3000;；,，。.、:："


@dataclass
class Clause:
    form: str
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    depts: list[Department] = field(default_factory=list)
    and_others: bool = False
    deadline: str | None = None
    steps: str | None = None
    task: str | None = None
    repairs: list[str] = field(default_factory=list)

    def add(self, role: str, dl: DeptList) -> None:
        getattr(self, role).extend(dl.names)
        self.depts.extend(Department(name=n, raw=r, known_as=k) for n, r, k in zip(dl.names, dl.raws, dl.known))
        self.and_others = self.and_others or dl.and_others
        self.repairs.extend(dl.repaired)

    def empty(self) -> bool:
        return not (self.lead or self.support or self.responsible or self.deadline or self.steps)


@dataclass
class ResponsibilityResult:
    assignments: list[Assignment]
    implied: list[str]
    first_listed_leads: bool
    diagnostics: list[Diagnostic]


# ---------------------------------------------------------------- paren groups

def paren_groups(text: str) -> tuple[list[tuple[int, int]], bool]:
    """Top-level (…)/（…） groups of a line as (open, close) indices; close is the
    index of ')' or len(text) when the group is left open. Also says whether the
    line's brackets balance."""
    groups: list[tuple[int, int]] = []
    depth = 0
    start = -1
    balanced = True
    for i, ch in enumerate(text):
        if ch in "(（":
            if depth == 0:
                start = i
            depth += 1
        elif ch in ")）":
            if depth == 0:
                balanced = False
                continue
            depth -= 1
            if depth == 0:
                groups.append((start, i))
    if depth > 0:
        balanced = False
        groups.append((start, len(text)))
    return groups, balanced


# ---------------------------------------------------------------- clause parsing

def _labelled(content: str, g: Grammar, form: str) -> Clause | None:
    matches = list(g.label_re.finditer(content))
    if not matches:
        return None
    head = content[: matches[0].start()].strip(_SEP)
    clause = Clause(form)
    if head:
        pre = _verbal(head, g, bare_ok=False)
        if pre is None:
            return None
        _merge(clause, pre)
    for k, m in enumerate(matches):
        end = matches[k + 1].start() if k + 1 < len(matches) else len(content)
        value = content[m.end():end].strip(_SEP)
        role = g.label_role[m.group("label")]
        if role in ("lead", "support", "responsible"):
            clause.add(role, split_departments(value, g))
        elif role == "deadline":
            clause.deadline = value or None
        elif role == "steps":
            clause.steps = value or None
    return clause


def _merge(into: Clause, other: Clause) -> None:
    into.lead += other.lead
    into.support += other.support
    into.responsible += other.responsible
    into.depts += other.depts
    into.and_others = into.and_others or other.and_others
    into.repairs += other.repairs


def _names(text: str, g: Grammar) -> DeptList | None:
    dl = split_departments(text, g)
    if not dl.names or not all(looks_like_department(n, g) for n in dl.raws):
        return None
    return dl


def _verbal(content: str, g: Grammar, bare_ok: bool) -> Clause | None:
    """Unlabelled wordings: parts separated by ；, each a run of name lists ending
    in role verbs. Returns None when any part is not made of department names."""
    clause = Clause("verb")
    any_verb = False
    for part in _split_top(content, ";；"):
        part = part.strip(_SEP)
        if not part:
            continue
        pending: list[DeptList] = []
        for sub in _split_top(part, ",，"):
            sub = sub.strip(_SEP)
            if not sub:
                continue
            m = g.verb_tail_re.fullmatch(sub)
            if m and m.group("names").strip(_SEP):
                names_text = m.group("names").strip(_SEP)
                role = g.verb_role[m.group("verb")]
                jm = g.joint_re.fullmatch(names_text)
                if jm:
                    a, b = _names(jm.group("a"), g), _names(jm.group("b"), g)
                    if a is None or b is None:
                        return None
                    for dl in pending:
                        clause.add("lead", dl)
                    clause.add("lead", a)
                    clause.add("support", b)
                else:
                    dl = _names(names_text, g)
                    if dl is None:
                        return None
                    for p in pending:
                        clause.add(role, p)
                    clause.add(role, dl)
                pending = []
                any_verb = True
            else:
                dl = _names(sub, g)
                if dl is None:
                    return None
                pending.append(dl)
        for dl in pending:
            clause.add("responsible", dl)
    if clause.empty():
        return None
    if not any_verb:
        if not bare_ok:
            return None
        clause.form = "bare"
    return clause


def _split_top(text: str, seps: str) -> list[str]:
    out, buf, depth = [], [], 0
    for ch in text:
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        if ch in seps and depth == 0:
            out.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    out.append("".join(buf))
    return out


@dataclass
class _DocState:
    first_lead: bool = False
    implied: list[str] = field(default_factory=list)


def parse_clause(content: str, g: Grammar, state: _DocState, bare_ok: bool, form: str = "labelled") -> Clause | None:
    """Parse the inside of one （…） group (folded text); None if it is not a clause."""
    text = content.strip(" \t\u3000")
    if not text or g.not_clause_re.match(text):
        return None
    fm = g.first_lead_re.search(text)
    if fm:
        state.first_lead = True
        text = (text[: fm.start()] + text[fm.end():]).replace("下同", "").strip(_SEP)
        if not text:
            return None
    kept_parts = []
    for part in _split_top(text, ";；"):
        im = g.implied_re.search(part)
        if im:
            dl = split_departments(im.group("names"), g)
            for n in dl.names:
                if n not in state.implied:
                    state.implied.append(n)
        else:
            kept_parts.append(part)
    text = "；".join(kept_parts).strip(_SEP)
    if not text:
        return None
    clause = _labelled(text, g, form) if g.label_re.search(text) else _verbal(text, g, bare_ok)
    if clause is None:
        return None
    if state.first_lead and not clause.lead and clause.form in ("bare", "verb") and clause.responsible:
        clause.lead = [clause.responsible[0]]
        clause.responsible = clause.responsible[1:]
    return clause


# ---------------------------------------------------------------- tables

@dataclass
class _Table:
    roles: list[str]
    header: list[str]


def _header_roles(cells: list[str], g: Grammar) -> list[str] | None:
    roles = []
    hits = 0
    for c in cells:
        key = "".join(c.split())
        role = g.header_role.get(key)
        if role is None:
            for word, r in sorted(g.header_role.items(), key=lambda kv: -len(kv[0])):
                if word in key and len(key) <= len(word) + 4:
                    role = r
                    break
        roles.append(role or "other")
        if role in ("lead", "support", "responsible", "deadline"):
            hits += 1
    return roles if hits else None


def _table_row(tok: Token, table: _Table, g: Grammar) -> Clause:
    clause = Clause("table-row")
    cells = tok.cells or []
    for role, cell in zip(table.roles, cells + [""] * (len(table.roles) - len(cells))):
        value = cell.strip(" \u3000")
        if role in ("lead", "support", "responsible"):
            clause.add(role, split_departments(value, g))
        elif role == "deadline":
            clause.deadline = value or None
        elif role == "steps":
            clause.steps = value or None
        elif role == "task":
            clause.task = value or None
    return clause


# ---------------------------------------------------------------- driver

def _to_assignment(c: Clause, line: int, seq: int, raw: str, span: Span | None) -> Assignment:
    return Assignment(
        line=line,
        seq=seq,
        raw=raw,
        span=span,
        form=c.form,
        lead=c.lead,
        support=c.support,
        responsible=c.responsible,
        departments=c.depts,
        and_others=c.and_others,
        deadline=parse_deadline(c.deadline) if c.deadline else None,
        steps=c.steps,
        task=c.task,
    )


def extract_assignments(src: SourceText, tokens: list[Token], g: Grammar) -> ResponsibilityResult:
    """Every responsibility clause in the document, in order, each with its line."""
    state = _DocState()
    out: list[Assignment] = []
    diags: list[Diagnostic] = []
    table: _Table | None = None
    label_block: list[Token] = []

    def flush_labels() -> None:
        if not label_block:
            return
        first = label_block[0]
        content = "；".join(src.folded[t.line - 1].clean.strip() for t in label_block)
        c = parse_clause(content, g, state, bare_ok=False, form="label-lines")
        if c is not None:
            raw = "\n".join(t.text for t in label_block)
            out.append(_to_assignment(c, first.line, 1, raw, None))
            _repair_diags(c, first.line, diags)
        label_block.clear()

    for tok in tokens:
        if tok.kind == "label":
            label_block.append(tok)
            continue
        flush_labels()
        if tok.kind == "table":
            roles = _header_roles(tok.cells or [], g)
            if roles is not None:
                table = _Table(roles, tok.cells or [])
                continue
            if table is not None and any((c or "").strip(" \u3000") for c in tok.cells or []):
                c = _table_row(tok, table, g)
                out.append(_to_assignment(c, tok.line, 1, tok.text, None))
                _repair_diags(c, tok.line, diags)
            continue
        if tok.kind != "blank":
            table = None
        if tok.kind in ("blank",):
            continue
        out.extend(_line_clauses(src, tok.line, g, state, diags))
    flush_labels()
    return ResponsibilityResult(out, state.implied, state.first_lead, diags)


def _line_clauses(src: SourceText, line_no: int, g: Grammar, state: _DocState,
                  diags: list[Diagnostic]) -> list[Assignment]:
    raw = src.lines[line_no - 1]
    folded = src.folded[line_no - 1]
    ft = folded.clean
    groups, balanced = paren_groups(ft)
    if not balanced:
        diags.append(Diagnostic(code="unbalanced-brackets", severity="warning", line=line_no,
                                message="brackets on this line do not balance; an open one is closed at line end"))
    found: list[tuple[int, Clause, int, int]] = []
    for (s, e) in groups:
        content = ft[s + 1:e]
        before = ft[:s].rstrip()
        after = ft[e + 1:].strip() if e < len(ft) else ""
        bare_ok = (not before or before[-1] in "。;；!！?？:：") and (after == "" or after[0] in "。;；")
        c = parse_clause(content, g, state, bare_ok=bare_ok)
        if c is not None:
            found.append((s, c, s, min(e + 1, len(ft))))
    # a labelled clause written without brackets after a sentence (…工作。牵头单位：X；…)
    outside = _outside_groups(ft, groups)
    for m in g.label_re.finditer(ft):
        if not outside[m.start()]:
            continue
        prev = ft[: m.start()].rstrip()
        if prev and prev[-1] not in "。;；!！?？":
            continue
        end = len(ft)
        for (s, _e) in groups:
            if s > m.start():
                end = s
                break
        c = parse_clause(ft[m.start():end], g, state, bare_ok=False)
        if c is not None:
            found.append((m.start(), c, m.start(), end))
        break
    found.sort(key=lambda x: x[0])
    result = []
    for seq, (_, c, s, e) in enumerate(found, start=1):
        ss, se = folded.src_col(s, len(raw)), folded.src_col(e, len(raw)) if e < len(folded.cols) else len(raw)
        result.append(_to_assignment(c, line_no, seq, raw[ss:se], Span(start=ss, end=se)))
        _repair_diags(c, line_no, diags)
    return result


def _outside_groups(text: str, groups: list[tuple[int, int]]) -> list[bool]:
    flags = [True] * (len(text) + 1)
    for s, e in groups:
        for i in range(s, min(e + 1, len(text))):
            flags[i] = False
    return flags


def _repair_diags(c: Clause, line: int, diags: list[Diagnostic]) -> None:
    for note in dict.fromkeys(c.repairs):
        diags.append(Diagnostic(code=note.replace(" ", "-"), severity="info", line=line,
                                message=f"department list has a {note}; repaired"))
