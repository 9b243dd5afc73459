"""Responsibility clauses: who leads, who supports, who is responsible, by when.

Wordings handled (all from the grammar, full- and half-width alike, simplified and
traditional side by side in the grammar):

* labelled: （牵头部门：X；配合部门：Y；推进时限：Z；推进步骤：W） with ；or ，between labels,
  inline after a sentence without brackets, or as label lines standing on their own under
  an item (one clause, on the line of its first label);
* verbs: （X牵头，Y按职责分工负责） （由X牵头，Y参与） （X会同Y负责） （X、Y等按职责分工负责） （X指导）;
* bare lists at the end of a sentence: （省发展改革委、经济和信息化委）;
* task tables whose header row names the columns (序号/任务/牵头部门/参加部门/完成时限, any
  order), cells separated by tabs or by runs of spaces.

A parenthesised text is a clause only where clauses stand: a labelled one anywhere, a verb
clause or a bare list only at the end of a sentence, and every unlabelled name must have
the form of an organ name (departments.looks_like_department); a bare list also needs one
administrative name (省…, …厅, …人民政府). So （试行）, （PM2.5）, （区、市）, an aside in
mid-sentence and （图书馆、博物馆） are never clauses.

Document-wide conventions: "列第一位者为牵头单位，下同" makes the first name of the clause
that says it and of every later list the lead; "以下均需X落实，不再列出" is returned as
implied responsibility, not repeated on every clause. Both may stand in a clause or alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..grammar import Grammar
from ..output.document import Assignment, Deadline, Department, Diagnostic, Span
from ..parse.kinds import LineKind
from ..parse.lexer import Token
from ..parse.source import FoldedLine, SourceText
from ..text.brackets import CLOSE, OPEN, bracket_positions, groups_at, split_outside
from ..text.departments import (
    DeptList,
    looks_administrative,
    looks_like_department,
    looks_like_name,
    split_departments,
)
from .deadline import deadline_fields, parse_deadline

# module names: read per line (an enum attribute costs several times more)
_BLANK, _PARA, _HEADING = LineKind.BLANK, LineKind.PARA, LineKind.HEADING
_LABEL, _TABLE = LineKind.LABEL, LineKind.TABLE

_SEP = " \t\u3000;；,，。.、:："
_SPACE = " \t\u3000\u00a0"
_PART_SEPS = ";；"
_SUB_SEPS = ",，"
_CUT_SEPS = ";；,，。"
# A bracket followed by one of these (or by nothing) closes its sentence: clause position.
_END_AFTER = "。．；;.!！?？(（"
_VERB_AFTER = _END_AFTER + ",，"
_BEFORE_INLINE = "。．；;!！?？"
# a heading marker closed by a lone bracket (1) 一） a)): its bracket opens nothing on the line.
# Its bracket is the line's first one and comes after a space, a digit, a numeral or a letter:
# _HALF_MARKER_END (with str.isdecimal, \d of a str pattern) is tested before the pattern.
_HALF_MARKER = re.compile(r"^[ \t\u3000]*(?:\d{1,3}|[一二三四五六七八九十]{1,4}|[a-zA-Z])[ \t\u3000]*[)）]")
_HALF_MARKER_END = " \t\u3000一二三四五六七八九十abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass
class Clause:
    form: str
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    depts: list[tuple[str, str, str | None]] = field(default_factory=list)  # (name, raw, known_as)
    and_others: bool = False
    deadline: str | None = None
    steps: str | None = None
    task: str | None = None
    repairs: list[str] = field(default_factory=list)
    admin: bool = False  # some unlabelled name is unmistakably an administrative organ
    each_own: bool = False  # （X、Y分别负责）: each answers for its own part, no one leads

    def add(self, role: str, dl: DeptList) -> None:
        if dl.marked_lead:  # 省发展改革委（牵头）、省财政厅: the marked names lead
            for k, n in enumerate(dl.names):
                (self.lead if k in dl.marked_lead else getattr(self, role)).append(n)
        else:
            getattr(self, role).extend(dl.names)
        self.depts.extend(zip(dl.names, dl.raws, dl.known))
        if dl.and_others:
            self.and_others = True
        if dl.repaired:
            self.repairs.extend(dl.repaired)

    def merge(self, other: Clause) -> None:
        self.lead += other.lead
        self.support += other.support
        self.responsible += other.responsible
        self.depts += other.depts
        self.and_others = self.and_others or other.and_others
        self.repairs += other.repairs
        self.each_own = self.each_own or other.each_own

    def empty(self) -> bool:
        return not (self.lead or self.support or self.responsible or self.deadline or self.steps)

    def with_first_lead(self) -> Clause:
        """A copy whose first responsible name leads (列第一位者为牵头单位)."""
        c = object.__new__(Clause)
        c.__dict__.update(self.__dict__)
        c.lead, c.responsible = self.responsible[:1], self.responsible[1:]
        return c


@dataclass
class ResponsibilityResult:
    assignments: list[Assignment]
    implied: list[str]
    first_listed_leads: bool
    diagnostics: list[Diagnostic]


@dataclass
class _DocState:
    first_lead: bool = False
    implied: list[str] = field(default_factory=list)
    # per-document memo of split lists (text → DeptList, or None when not all names):
    # the same lists recur clause after clause
    lists: dict[str, DeptList] = field(default_factory=dict)
    names: dict[tuple[str, bool], DeptList | None] = field(default_factory=dict)

    def split(self, text: str, g: Grammar) -> DeptList:
        dl = self.lists.get(text)
        if dl is None:  # lists recur across notices too: the grammar's memo keeps them
            key = ("split", text)
            dl = g.memo.get(key)  # type: ignore[assignment]
            if dl is None:
                dl = _remember(g, key, split_departments(text, g))
            self.lists[text] = dl
        return dl

    def names_of(self, text: str, g: Grammar, verb: bool = False) -> DeptList | None:
        """The list in ``text`` if every name in it has the form of an organ name. A list
        that a role verb closes (X、Y负责) is a clause by its grammar: there a name that
        has no organ ending (银保监会, 共青团中央) counts when it is no prose and the list
        names at least one organ by its form."""
        key = (text, verb)
        if key in self.names:
            return self.names[key]
        dl: DeptList | None = self.split(text, g)
        if not dl.names:
            dl = None
        else:
            forms = [looks_like_department(n, g) for n in dl.names]
            if not all(forms) and not (verb and any(forms)
                                       and all(f or looks_like_name(n, g) for f, n in zip(forms, dl.names))):
                dl = None
        self.names[key] = dl
        return dl


def _split_top(text: str, seps: str) -> list[str]:
    """Split on ``seps`` outside brackets."""
    if "(" not in text and "（" not in text:
        for s in seps[1:]:
            text = text.replace(s, seps[0])
        return text.split(seps[0])
    return split_outside(text, seps)


# ---------------------------------------------------------------- document-wide notes

def _doc_notes(text: str, g: Grammar, state: _DocState) -> None:
    """Record a first-listed-lead declaration or an implied-responsibility note in ``text``."""
    if g.first_lead_re.search(text):
        state.first_lead = True
    for m in g.implied_re.finditer(text):
        for n in split_departments(m.group("names"), g).names:
            if n not in state.implied:
                state.implied.append(n)


def _cut(text: str, start: int, end: int, g: Grammar) -> str:
    """Remove a note from a clause: from the separator before it to its end, with a
    following 下同."""
    k = max(text.rfind(c, 0, start) for c in _CUT_SEPS)
    rest = text[end:].lstrip(_CUT_SEPS + _SPACE)
    tail = g.note_tail_aff.prefix(rest)
    if tail:
        end = len(text) - len(rest) + len(tail)
    return (text[: max(k, 0)] + text[end:]).strip(_SEP)


def _without_notes(text: str, g: Grammar) -> str:
    m = g.first_lead_re.search(text)
    if m:
        text = _cut(text, m.start(), m.end(), g)
    m = g.implied_re.search(text)
    while m:
        text = _cut(text, m.start(), m.end(), g)
        m = g.implied_re.search(text)
    return text


# ---------------------------------------------------------------- clause parsing

def _labelled(text: str, g: Grammar, form: str, st: _DocState, bare_ok: bool = False) -> Clause | None:
    matches = list(g.label_re.finditer(text))
    clause = Clause(form)
    head = text[: matches[0].start()].strip(_SEP)
    if head:
        # （X牵头，责任单位：Y）; other lead-in text is ignored. Where a bare list may stand and
        # only a time or steps label follows, the lead-in is that bare list:
        # （市政务服务数据管理局；时间节点：2023年6月底前）.
        role_of = g.label_role
        bare_head = bare_ok and all(role_of[m.group("label")] in ("deadline", "steps") for m in matches)
        pre = _verbal(head, g, bare_head, st)
        if pre is not None:
            clause.merge(pre)
    role_of = g.label_role
    for k, m in enumerate(matches):
        end = matches[k + 1].start() if k + 1 < len(matches) else len(text)
        value = text[m.end():end].strip(_SEP)
        role = role_of[m.group("label")]
        if role == "lead" or role == "support" or role == "responsible":
            dl = st.split(value, g)
            verb_last = g.verb_aff._last
            verbal = (_verbal(value, g, True, st)
                      if any(n[-1] in verb_last and g.verb_aff.suffix(n) for n in dl.names) else None)
            if verbal is not None:  # 责任单位：X牵头，Y配合 — the verbs give the roles
                clause.lead += verbal.lead
                clause.support += verbal.support
                getattr(clause, role).extend(verbal.responsible)
                clause.depts += verbal.depts
                clause.and_others = clause.and_others or verbal.and_others
            else:
                clause.add(role, dl)
        elif role == "deadline":
            clause.deadline = value or clause.deadline
        elif role == "steps":
            clause.steps = value or clause.steps
    return None if clause.empty() else clause


def _open(sub: str, g: Grammar) -> str:
    w = g.opener_aff.prefix(sub)
    return sub[len(w):] if w else sub


def _verb_of(sub: str, g: Grammar) -> str | None:
    return g.verb_aff.suffix(sub)


def _verbal(content: str, g: Grammar, bare_ok: bool, st: _DocState) -> Clause | None:
    """Unlabelled wordings: parts separated by ；, each a run of name lists ending in
    role verbs. None when any part is not made of department names."""
    clause = Clause("verb")
    any_verb = False
    for part in _split_top(content, _PART_SEPS):
        part = part.strip(_SEP)
        if not part:
            continue
        pending: list[DeptList] = []
        for sub in _split_top(part, _SUB_SEPS):
            sub = _open(sub.strip(_SEP), g)
            if not sub:
                continue
            verb = _verb_of(sub, g)
            if verb is None:
                dl = st.names_of(sub, g)
                if dl is None:
                    if _is_date(sub, g):  # （X负责，2022年底前完成）: only labelled deadlines count
                        continue
                    return None
                pending.append(dl)
                continue
            names_text = _open(sub[: -len(verb)].strip(_SEP), g)
            if not names_text:
                return None
            any_verb = True
            joint = _joint(names_text, g, st)
            if joint is not None:
                a, b = joint
                for dl in pending:
                    clause.add("lead", dl)
                clause.add("lead", a)
                clause.add("support", b)
            else:
                dl = st.names_of(names_text, g, verb=True)
                if dl is None:
                    return None
                role = g.verb_role[verb]
                for p in pending:
                    clause.add(role, p)
                clause.add(role, dl)
                if any(w in verb for w in g.data.clauses.each_own):
                    clause.each_own = True
            pending = []
        for dl in pending:
            clause.add("responsible", dl)
    if clause.empty():
        return None
    if not any_verb:
        if not bare_ok or not any(looks_administrative(n, g) for n, _r, _k in clause.depts):
            return None
        clause.form = "bare"
    return clause


def _is_date(text: str, g: Grammar) -> bool:
    return parse_deadline(text, g).kind != "unknown" and not any(ch in text for ch in "、")


def _joint(text: str, g: Grammar, st: _DocState) -> tuple[DeptList, DeptList] | None:
    """X会同Y: X leads, Y supports."""
    for w in g.joint_words:
        k = text.find(w)
        if k > 0:
            a, b = st.names_of(text[:k], g), st.names_of(text[k + len(w):], g)
            if a is not None and b is not None:
                return a, b
    return None


_MISS = object()
_MEMO_LIMIT = 50_000


def _remember(g: Grammar, key: object, value: object) -> Any:
    """Store in the grammar's memo, which is dropped whole when it grows past the limit."""
    if len(g.memo) >= _MEMO_LIMIT:
        g.memo.clear()
    g.memo[key] = value
    return value


def parse_clause(content: str, g: Grammar, state: _DocState, bare_ok: bool, form: str = "labelled",
                 verb_ok: bool | None = None) -> Clause | None:
    """Parse the inside of one （…） group (or a run of label lines); None if it is not a
    clause. ``bare_ok`` / ``verb_ok``: the group stands where a bare list / a verb clause
    may stand (labelled clauses may stand anywhere). The reading of a text is memoised on
    the grammar; the document's first-listed-lead convention is applied afterwards."""
    key = ("clause", content, bare_ok, verb_ok, form)
    memo = g.memo
    template = memo.get(key, _MISS)
    if template is _MISS:
        template = _remember(g, key, _read_clause(content, g, state, bare_ok, form, verb_ok))
    if template is None:
        return None
    clause: Clause = template  # type: ignore[assignment]  # shared: never mutated after this point
    if state.first_lead and not clause.lead and not clause.support and clause.responsible and not clause.each_own:
        return clause.with_first_lead()
    return clause


def _read_clause(content: str, g: Grammar, state: _DocState, bare_ok: bool, form: str,
                 verb_ok: bool | None) -> Clause | None:
    text = content.strip(_SPACE)
    if not text:
        return None
    labelled = ("：" in text or ":" in text) and g.label_re.search(text) is not None
    if not labelled and g.not_clause_re.match(text):  # （2020年） is an aside; （5月底完成，牵头单位：X） is not
        return None
    if g.note_hint_re.search(text):
        text = _without_notes(text, g)
        if not text:
            return None
        labelled = labelled and g.label_re.search(text) is not None
    if labelled:
        return _labelled(text, g, form, state, bare_ok)
    if bare_ok or (verb_ok if verb_ok is not None else bare_ok):
        return _verbal(text, g, bare_ok, state)
    return None


# ---------------------------------------------------------------- tables

@dataclass
class _Table:
    roles: list[str]
    spaced: bool = False
    single: bool = False  # cells separated by single spaces (a web page's table as text)
    vertical: bool = False  # one cell per line (a web page's table flattened)
    next_seq: int = 1  # a vertical table's next row number
    header_end: int = 0  # the line of a vertical table's last header cell


@dataclass
class _WrappedRow:
    """A spaced row with fewer cells than the header: the rest stand on the lines below,
    one cell (or one line of a cell) per line."""

    line: int
    text: str
    cells: list[str]
    more: list[str] = field(default_factory=list)

    def vertical_cells(self, roles: list[str]) -> list[str]:
        """One cell per line after the row number; lines beyond the columns continue the
        task cell, the one that holds running text."""
        more = list(self.more)
        extra = len(more) - (len(roles) - 1)
        if extra > 0:
            t = roles.index("task") if "task" in roles else 1
            k = max(t - 1, 0)
            more[k:k + extra + 1] = ["".join(more[k:k + extra + 1])]
        return self.cells + more

    def cells_filled(self, roles: list[str]) -> list[str]:
        """Lines below fill the empty columns in order; with more lines than empty columns,
        the first extra lines continue the last cell of the row's first line
        (区财政局 / 区税务局 / 区政府有关部门… → lead 区财政局、区税务局, support …)."""
        cells = list(self.cells)
        extra = len(self.more) - (len(roles) - len(cells))
        for k, text in enumerate(self.more):
            if k < extra and cells:
                sep = "、" if roles[len(cells) - 1] in ("lead", "support", "responsible") else ""
                cells[-1] = cells[-1] + sep + text
            else:
                cells.append(text)
        return cells


def _header_word_in(key: str, g: Grammar) -> str | None:
    """The first header word (longest, then in alphabetical order) that ``key`` holds and is
    at most four characters longer than: each length of word is looked up among the cell's
    substrings of that length, fewer look-ups than testing every word."""
    n = len(key)
    for m, words in g.header_words_by_len:  # longest first
        if m > n:
            continue
        if m < n - 4:
            return None
        found = None
        for i in range(n - m + 1):
            w = key[i:i + m]
            if w in words and (found is None or w < found):
                found = w
        if found is not None:
            return found
    return None


def header_roles(cells: list[str], g: Grammar) -> list[str] | None:
    """Column roles when ``cells`` is a task table's header row: two cells or more that the
    grammar's table headers know, one of them a department or deadline column; None
    otherwise. The one definition the parser and the lint both use."""
    roles = []
    hits = 0
    known = 0
    for c in cells:
        key = "".join(c.split())
        role = g.header_role.get(key)
        if role is None and key:
            word = _header_word_in(key, g)
            role = g.header_role[word] if word is not None else None
        roles.append(role or "other")
        if role is not None:
            known += 1
        if role in ("lead", "support", "responsible", "deadline"):
            hits += 1
    return roles if hits and known >= 2 else None


def _table_row(cells: list[str], table: _Table, g: Grammar, st: _DocState) -> Clause:
    clause = Clause("table-row")
    for role, cell in zip(table.roles, cells):
        value = cell.strip(_SPACE)
        if role == "lead" or role == "support" or role == "responsible":
            clause.add(role, st.split(value, g))
        elif role == "deadline":
            clause.deadline = value or None
        elif role == "steps":
            clause.steps = value or None
        elif role == "task":
            clause.task = value or None
    return clause


def _spaced_cells(text: str, g: Grammar, single: bool = False) -> list[str]:
    t = text.strip(_SPACE)
    if single:
        return t.split()
    if "  " not in t and "\u3000" not in t and "\t" not in t:
        return [t]
    return [c for c in g.space_run_re.split(t) if c]


def _fit_row(cells: list[str], roles: list[str]) -> list[str]:
    """A row split on single spaces with more cells than columns: the task cell held the
    spaces (加快建设 统一大市场), so the extra pieces join it."""
    extra = len(cells) - len(roles)
    if extra <= 0 or "task" not in roles:
        return cells
    t = roles.index("task")
    return cells[:t] + [" ".join(cells[t:t + extra + 1])] + cells[t + extra + 1:]


def _number_ahead(tokens: list[Token], i: int, n: int, window: int) -> bool:
    """The row number ``n`` stands alone on one of the next ``window`` non-blank lines."""
    seen = 0
    for tok in tokens[i + 1:]:
        if tok.kind is _BLANK:
            continue
        if tok.text.strip() == str(n):
            return True
        seen += 1
        if seen >= window:
            return False
    return False


def _next_starts_row(tokens: list[Token], i: int) -> bool:
    """The next non-blank line after ``tokens[i]`` opens with a row number (1 地区生产总值…)."""
    for tok in tokens[i + 1:]:
        if tok.kind is _BLANK:
            continue
        first = tok.text.split(maxsplit=1)[0] if tok.text.strip() else ""
        return _is_number(first) and len(tok.text.split()) >= 2
    return False


def _is_number(cell: str) -> bool:
    c = cell.strip(_SPACE).rstrip(".．、")
    return c.isdigit()


# ---------------------------------------------------------------- driver

def _blank_half_marker(ft: str, pos: list[int]) -> tuple[str, list[int]]:
    """A half-bracket marker opening the line (1）, 一）, a)) is no bracket group: its
    bracket is blanked (same length: offsets stay put) and dropped from the positions."""
    first = pos[0]
    if first > 0 and ft[first] not in OPEN and (ft[first - 1] in _HALF_MARKER_END or ft[first - 1].isdecimal()) \
            and (hm := _HALF_MARKER.match(ft)) is not None:
        return ft[: hm.end() - 1] + " " + ft[hm.end():], pos[1:]
    return ft, pos


def _names_someone(c: Clause) -> bool:
    return bool(c.lead or c.support or c.responsible)


def _colon_outside(text: str, groups: list[tuple[int, int]]) -> bool:
    """Is there a ：/: outside every bracket group (where an unbracketed label could be)?"""
    if len(groups) == 1:  # the usual line: one clause at the end
        # outside iff the first colon comes before the group or the last one after it
        # (argument-free find/rfind: no slicing, no argument parsing)
        s, e = groups[0]
        for colon in ("：", ":"):
            k = text.find(colon)
            if k >= 0 and (k < s or text.rfind(colon) > e):
                return True
        return False
    for colon in ("：", ":"):
        k = text.find(colon)
        while k >= 0:
            if not any(s < k < e for s, e in groups):
                return True
            k = text.find(colon, k + 1)
    return False


def _has_note_hint(text: str, g: Grammar) -> bool:
    """g.note_hint_re.search(text) is not None, without a regex: the hints are literal
    words. Each occurrence of a hint's first character is found by ``str.find`` (memchr, for
    one character) and tried with ``startswith``, cheaper than a regex or a multi-character
    ``in`` since the first characters are rare."""
    hints = getattr(g, "_resp_note_hints", None)
    if hints is None:
        by_first: dict[str, list[str]] = {}
        for w in sorted({w for w in g.data.clauses.note_hints if w}):
            by_first.setdefault(w[0], []).append(w)
        hints = g._resp_note_hints = {c: tuple(ws) for c, ws in by_first.items()}
    for c, words in hints.items():
        i = text.find(c)
        while i >= 0:
            for w in words:
                if text.startswith(w, i):
                    return True
            i = text.find(c, i + 1)
    return False


class _DeptMemo(dict):
    """(name, raw, known_as) → its Department, made on first lookup: a clause's records are
    then one ``map`` over its keys, with no Python-level test per name."""

    def __missing__(self, key: tuple[str, str, str | None]) -> Department:
        d = self[key] = Department(*key)
        return d


def _rules_of_kind(rules: tuple, one_kind: dict) -> dict[LineKind, tuple]:
    """For each kind of line, ``rules`` without those that ``one_kind`` gives another kind."""
    return {k: tuple(r for r in rules if one_kind.get(r, k) is k) for k in LineKind}


class _Extractor:
    def __init__(self, src: SourceText, g: Grammar) -> None:
        self.src = src
        self.g = g
        self.state = _DocState()
        self.out: list[Assignment] = []
        self.diags: list[Diagnostic] = []
        self.block: list[Token] = []
        self.block_roles: set[str] = set()
        self.wrapped: _WrappedRow | None = None  # a spaced table row still taking its cells
        # one Department object per (name, raw) in a document: they are never mutated
        self.dept_memo = _DeptMemo()
        self.emitted: dict[int, tuple] = {}  # id(clause) → (clause, its fields); see emit
        # may a line hold a document-wide note? Most notices have no hint word at all: one
        # test of the whole text spares the test of every line (a hint with a space could
        # appear where line() blanks a marker's bracket: then every line is tested)
        self.hints = _has_note_hint("\n".join(f.clean for f in src.folded), g) or any(
            " " in w for ws in g._resp_note_hints.values() for w in ws)

    def emit(self, c: Clause, line: int, seq: int, raw: str, span: Span | None) -> None:
        if c.form == "table-row" and self.state.first_lead and not c.lead and not c.support and c.responsible:
            c = c.with_first_lead()
        # a memoised clause recurs: its Department records and deadline are built once per
        # document, with the other fields of its records in Assignment's field order
        hit = self.emitted.get(id(c))
        if hit is None or hit[0] is not c:
            hit = self.emitted[id(c)] = self._fields(c)
        _c, form, lead, support, responsible, depts, and_others, dl, steps, task = hit
        # positional arguments: keywords cost more per call. The clause may be a memoised
        # one shared with other lines: its lists are copied.
        self.out.append(Assignment.of(line, seq, raw, span, form, lead[:], support[:], responsible[:],
                                      depts[:], and_others, Deadline(*dl) if dl else None, steps, task))
        if c.repairs:
            for note in dict.fromkeys(c.repairs):
                self.diags.append(Diagnostic(code=note.replace(" ", "-"), severity="info", line=line,
                                             message=f"department list has a {note}; repaired"))

    def _fields(self, c: Clause) -> tuple:
        depts = list(map(self.dept_memo.__getitem__, c.depts))
        dl = deadline_fields(c.deadline, self.g) if c.deadline else None
        return (c, c.form, c.lead, c.support, c.responsible, depts, c.and_others, dl, c.steps, c.task)

    # label lines ----------------------------------------------------------
    def add_label(self, tok: Token) -> None:
        clean = self.src.folded[tok.line - 1].clean.strip(_SPACE)
        m = self.g.label_re.match(clean)
        role = self.g.label_role[m.group("label")] if m else "other"
        if role != "ignore" and role in self.block_roles:
            self.flush_labels()
        self.block.append(tok)
        self.block_roles.add(role)

    def _continues_block(self) -> bool:
        """The last label line ends in a list separator or its colon: the value goes on."""
        last = self.src.folded[self.block[-1].line - 1].clean.rstrip(_SPACE)
        return bool(last) and last[-1] in "、，,：:"

    def flush_labels(self) -> None:
        block = self.block
        if not block:
            return
        parts: list[str] = []
        for t in block:  # a wrapped value continues its line; a new label line is a new part
            text = self.src.folded[t.line - 1].clean.strip(_SPACE)
            if parts and parts[-1] and parts[-1][-1] not in "、，,：:":
                parts.append("；")
            parts.append(text)
        content = "".join(parts)
        c = parse_clause(content, self.g, self.state, bare_ok=False, form="label-lines")
        if c is not None and _names_someone(c):  # 工作时限：两个月内 alone is prose
            self.emit(c, block[0].line, 1, "\n".join(t.text for t in block), None)
        self.block = []
        self.block_roles = set()

    # lines -------------------------------------------------------------------
    def line(self, line_no: int) -> None:
        """Every clause on one line: its bracket groups (（牵头单位：X）, （X负责）), then a
        labelled clause outside them (…工作。牵头单位：X), recorded with their spans."""
        folded = self.src.folded[line_no - 1]
        ft = folded.clean
        pos = bracket_positions(ft)
        if pos:
            ft, pos = _blank_half_marker(ft, pos)
        if self.hints and _has_note_hint(ft, self.g):
            _doc_notes(ft, self.g, self.state)
        k1 = ft.find("：") if "：" in ft else -1
        k2 = ft.find(":") if ":" in ft else -1
        if not pos and k1 < 0 and k2 < 0:
            return
        if len(pos) == 2 and ft[pos[0]] in OPEN and ft[pos[1]] not in OPEN:
            groups, balanced = [(pos[0], pos[1])], True  # the usual line: one group
        else:
            groups, balanced = groups_at(ft, pos) if pos else ([], True)
        if not balanced:
            self.diags.append(Diagnostic(
                code="unbalanced-brackets", severity="warning", line=line_no,
                message="brackets on this line do not balance; an open one is closed at line end"))
        found = self._bracketed(ft, groups, balanced, line_no)
        if groups and len(groups) == 1:
            s, e = groups[0]
            outside = (k1 >= 0 and (k1 < s or ft.rfind("：") > e)) or (k2 >= 0 and (k2 < s or ft.rfind(":") > e))
        else:
            outside = (k1 >= 0 or k2 >= 0) and _colon_outside(ft, groups)
        if outside:
            inline = self._inline_labelled(ft, groups)
            if inline is not None:
                found.append(inline)
                found.sort(key=lambda x: x[0])
        if found:
            self._emit_found(line_no, folded, found)

    def _bracketed(self, ft: str, groups: list[tuple[int, int]], balanced: bool,
                   line_no: int) -> list[tuple[int, int, Clause]]:
        """The clauses the bracket groups of a line hold, with their (start, end). Where a
        group stands decides what it may be: closing a sentence or standing after one, a bare
        list of names is a clause; before a comma, only a list its verb closes (X负责)."""
        found: list[tuple[int, int, Clause]] = []
        n = len(ft)
        for s, e in groups:
            if e - s < 3:  # （一） （1）: too short for a name
                continue
            j = e + 1  # the first character after the group, past spaces
            while j < n and ft[j] in _SPACE:
                j += 1
            if j >= n:  # right after a sentence, or closing one
                end_ok = verb_ok = True
            else:
                after = ft[j]
                end_ok = after in _END_AFTER
                if not end_ok:
                    i = s - 1
                    while i >= 0 and ft[i] in _SPACE:
                        i -= 1
                    end_ok = i >= 0 and ft[i] in _BEFORE_INLINE
                verb_ok = end_ok or after in _VERB_AFTER
            content = ft[s + 1:e]
            if e == n and not balanced:
                content += self._wrapped_rest(line_no)
            c = parse_clause(content, self.g, self.state, end_ok, "labelled", verb_ok)
            if c is not None:
                found.append((s, e + 1 if e < n else n, c))
        return found

    def _emit_found(self, line_no: int, folded: FoldedLine, found: list[tuple[int, int, Clause]]) -> None:
        """Record a line's clauses, their spans mapped from the folded line to the source."""
        raw = self.src.lines[line_no - 1]
        if folded.clean is raw:  # the line itself (no junk dropped): columns are the same
            for seq, (s, e, c) in enumerate(found, start=1):
                self.emit(c, line_no, seq, raw[s:e], Span(s, e))
            return
        n, nraw = len(folded.clean), len(raw)
        for seq, (s, e, c) in enumerate(found, start=1):
            ss = folded.src_col(s, nraw)
            se = folded.src_col(e, nraw) if e < n else nraw
            self.emit(c, line_no, seq, raw[ss:se], Span(ss, se))

    def _wrapped_rest(self, line_no: int) -> str:
        """A group left open at the end of a line that the next line closes, before opening
        any of its own (（牵头部 / 门：市交通委…）): the rest of the group, else ""."""
        if line_no >= len(self.src.folded):
            return ""
        nxt = self.src.folded[line_no].clean
        close = min((i for i in map(nxt.find, CLOSE) if i >= 0), default=-1)
        if close < 0 or any(0 <= nxt.find(o) < close for o in OPEN):
            return ""
        return nxt[:close].strip(_SPACE)

    def _inline_labelled(self, ft: str, groups: list[tuple[int, int]]) -> tuple[int, int, Clause] | None:
        """A labelled clause written without brackets after a sentence (…工作。牵头单位：X；…)."""
        for m in self.g.label_re.finditer(ft):
            p = m.start()
            if any(s <= p <= e for s, e in groups):
                continue
            if p > 0 and ft[p - 1] not in _SPACE:
                prev = ft[:p].rstrip(_SPACE)
                if prev and prev[-1] not in _BEFORE_INLINE:
                    continue
            end = next((s for s, _e in groups if s > p), len(ft))
            c = parse_clause(ft[p:end], self.g, self.state, bare_ok=False)
            return (p, end, c) if c is not None and _names_someone(c) else None
        return None

    def _flush_row(self, table: _Table) -> None:
        w = self.wrapped
        if w is not None:
            self.wrapped = None
            cells = w.vertical_cells(table.roles) if table.vertical else w.cells_filled(table.roles)
            self.emit(_table_row(cells, table, self.g, self.state), w.line, 1, w.text, None)

    def _vertical_header(self, tokens: list[Token], i: int) -> _Table | None:
        """序号 / 重点任务 / 牵头单位 / 责任单位, one header cell per line, then 1 on a line
        of its own: a table flattened one cell per line."""
        roles: list[str] = []
        last = tokens[i].line
        after = ""
        for tok in tokens[i:]:
            if tok.kind is _BLANK:
                continue
            role = self.g.header_role.get("".join(tok.text.split()))
            if role is None:
                after = tok.text.strip()
                break
            roles.append(role)
            last = tok.line
        if (len(roles) < 3 or len(set(roles)) < len(roles) or after != "1"
                or not any(r in ("lead", "support", "responsible") for r in roles)):
            return None
        return _Table(roles, vertical=True, header_end=last)

    def _vertical_row(self, tokens: list[Token], i: int, table: _Table) -> bool:
        """Handle ``tokens[i]`` as part of a vertical table; False when the table has ended."""
        tok = tokens[i]
        text = tok.text.strip()
        if tok.line <= table.header_end:
            return True
        if text.isdigit() and int(text) == table.next_seq:
            self._flush_row(table)
            table.next_seq += 1
            self.wrapped = _WrappedRow(tok.line, tok.text, [text])
            return True
        w = self.wrapped
        ncols = len(table.roles)
        if w is None:
            if tok.kind is _HEADING and _number_ahead(tokens, i, table.next_seq, 2):
                self.line(tok.line)  # a section row before the first row
                return True
            return False
        # past the columns, a line belongs to the row while the next row number is near, or
        # when it names departments (the last row, its task cell having wrapped)
        if len(w.more) < ncols - 1 or _number_ahead(tokens, i, table.next_seq, ncols) or (
                tok.kind is _PARA and self.state.names_of(text.rstrip("。"), self.g) is not None):
            if tok.kind is _HEADING and len(w.more) >= ncols - 1:
                self._flush_row(table)
                self.line(tok.line)  # 一、主要预期目标 as a section row between rows
                return True
            w.more.append(text)
            return True
        self._flush_row(table)
        return False

    # driver ------------------------------------------------------------------
    # Each token goes through the rules of TOKEN_RULES in order until one takes it (returns
    # True); a rule that does not take it may still end a block or a table first.

    def _label_line(self, tokens: list[Token], i: int, tok: Token) -> bool:
        """牵头单位：X on a line of its own joins the block of label lines."""
        if tok.kind is not _LABEL:
            return False
        self.add_label(tok)
        return True

    def _label_block_end(self, tokens: list[Token], i: int, tok: Token) -> bool:
        """A line after label lines continues a wrapped value (责任单位：省发展改革委、\n省财政厅)
        or ends the block."""
        if not self.block:
            return False
        if tok.kind is _PARA and self._continues_block():
            self.block.append(tok)
            return True
        self.flush_labels()
        return False

    def _tab_row(self, tokens: list[Token], i: int, tok: Token) -> bool:
        """A tab-separated row: a task table's header, one of its rows, or text in cells
        outside a task table (whose clauses count as any line's)."""
        if tok.kind is not _TABLE:
            return False
        cells = tok.cells or []
        roles = header_roles(cells, self.g)
        table = self.table
        if roles is not None:
            self.table = _Table(roles)
        elif table is not None and not table.spaced:
            if any(c.strip(_SPACE) for c in cells):
                self.emit(_table_row(cells, table, self.g, self.state), tok.line, 1, tok.text, None)
        else:
            self.line(tok.line)
        return True

    def _vertical_table(self, tokens: list[Token], i: int, tok: Token) -> bool:
        """A line of a table flattened one cell per line; the table ends where it does not fit."""
        table = self.table
        if table is None or not table.vertical:
            return False
        if self._vertical_row(tokens, i, table):
            return True
        self.table = None
        return False

    def _spaced_table(self, tokens: list[Token], i: int, tok: Token) -> bool:
        """A row of a table whose cells are separated by runs of spaces, a wrapped line of
        its last row, or a section heading between its rows."""
        table = self.table
        if table is None or not table.spaced:
            return False
        cells = _spaced_cells(self.src.folded[tok.line - 1].clean, self.g, table.single)
        if table.single:
            cells = _fit_row(cells, table.roles)
        if 2 <= len(cells) <= len(table.roles) and (table.roles[0] != "seq" or _is_number(cells[0])):
            self._flush_row(table)
            if table.single and len(cells) < len(table.roles):
                self.wrapped = _WrappedRow(tok.line, tok.text, cells)
            else:
                self.emit(_table_row(cells, table, self.g, self.state), tok.line, 1, tok.text, None)
            return True
        if self.wrapped is not None and tok.kind is _PARA:
            self.wrapped.more.append(tok.text.strip())
            return True
        self._flush_row(table)
        if tok.kind is _HEADING and _next_starts_row(tokens, i):
            self.line(tok.line)  # 一、主要预期目标 as a section row between a table's rows
            return True
        return False

    def _section_row(self, tokens: list[Token], i: int, tok: Token) -> bool:
        """一、加快重大项目建设 between the rows of a tab-separated task table, or a row whose
        only cell is a section's name (扩大服务消费 then empty cells, as a merged cell reads):
        the table goes on."""
        table = self.table
        if (table is not None and not table.spaced
                and (tok.kind is _HEADING or tok.kind is _PARA and "\t" in self.src.lines[tok.line - 1])
                and _next_is_row(tokens, i, table)):
            self.line(tok.line)
            return True
        return False

    def _table_header(self, tokens: list[Token], i: int, tok: Token) -> bool:
        """Any table ends here; a paragraph may open one: a header one cell per line (序号 /
        重点任务 / 牵头单位 …), or header cells separated by spaces."""
        self.table = None
        if tok.kind is not _PARA:
            return False
        g = self.g
        clean = self.src.folded[tok.line - 1].clean
        inner = clean.strip(_SPACE)
        first = inner[:1]  # the key's first character, unless white space comes first
        if (not first or first in g.header_firsts or first.isspace()) and "".join(inner.split()) in g.header_role:
            self.table = self._vertical_header(tokens, i)
            if self.table is not None:
                return True
        if "  " in inner or "\u3000" in inner:
            roles = header_roles(_spaced_cells(clean, g), g)
            if roles is not None and len(roles) >= 3:
                self.table = _Table(roles, spaced=True)
                return True
        elif " " in inner:  # 序号 重点工作任务 主要责任单位 协同配合单位: every cell a header
            roles = header_roles(inner.split(), g)
            if roles is not None and len(roles) >= 3 and "other" not in roles:
                self.table = _Table(roles, spaced=True, single=True)
                return True
        return False

    def _any_line(self, tokens: list[Token], i: int, tok: Token) -> bool:
        """Any other line: the clauses written in it."""
        self.line(tok.line)
        return True

    TOKEN_RULES = (_label_line, _label_block_end, _tab_row, _vertical_table, _spaced_table, _section_row,
                   _table_header, _any_line)
    # the rules each kind of line goes through: those that take one kind only (and leave the
    # others untouched) are left out of the other kinds' lists
    RULES_OF_KIND = _rules_of_kind(TOKEN_RULES, {_label_line: _LABEL, _tab_row: _TABLE})

    def run(self, tokens: list[Token]) -> ResponsibilityResult:
        self.table: _Table | None = None
        rules_of = self.RULES_OF_KIND
        for i, tok in enumerate(tokens):
            if tok.kind is _BLANK:
                continue
            for rule in rules_of[tok.kind]:
                if rule(self, tokens, i, tok):
                    break
        if self.table is not None:
            self._flush_row(self.table)
        self.flush_labels()
        st = self.state
        return ResponsibilityResult(self.out, st.implied, st.first_lead, self.diags)


def _next_is_row(tokens: list[Token], i: int, table: _Table) -> bool:
    """The next non-blank token after ``tokens[i]`` is a data row of ``table``: tab-separated,
    as many cells as the header, and numbered when the header has a 序号 column."""
    for tok in tokens[i + 1:]:
        if tok.kind is _BLANK:
            continue
        if tok.kind is not _TABLE:
            return False
        cells = tok.cells or []
        if len(cells) != len(table.roles):
            return False
        return table.roles[0] != "seq" or _is_number(cells[0])
    return False


def extract_assignments(src: SourceText, tokens: list[Token], g: Grammar) -> ResponsibilityResult:
    """Every responsibility clause in the document, in order, each with its line."""
    return _Extractor(src, g).run(tokens)
