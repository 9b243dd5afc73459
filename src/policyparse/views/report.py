"""The review report: parsed notices as one self-contained HTML file.

One notice: its text with line numbers, every extracted fact marked on the line it came
from (heading, lead, support, responsible, deadline, target) and linked both ways to a
side table of records, the metadata card, and the parser's diagnostics and ``check``'s
findings on their lines. A folder: the same section per notice, preceded by each
department's tasks across notices (a sortable, filterable table), a department × notice
matrix and the deadlines by month (an inline SVG chart).

The file needs nothing at view time: CSS and JS are inline, fonts come from the system,
no address outside the file is referenced. A notice is untrusted input, so every piece of
its text goes through :func:`html.escape`; the script reads only the DOM (no data is
embedded as JSON). The same input gives the same bytes (no timestamp).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..constants import VERSION as __version__
from ..errors import PolicyParseError
from ..parse.kinds import is_heading
from .style import PALETTE

if TYPE_CHECKING:  # pragma: no cover
    from ..check.findings import Finding
    from ..check.registry import Rule
    from ..grammar import Grammar
    from ..output.document import Assignment, Document

# the marks a line can carry, in the order the legend shows them
KINDS = ("heading", "lead", "support", "responsible", "deadline", "target", "clause")
KIND_LABELS = {"heading": "标题 heading", "lead": "牵头 lead", "support": "配合 support",
               "responsible": "责任 responsible", "deadline": "时限 deadline", "target": "指标 target",
               "clause": "分工条款 clause"}
ROLES = ("lead", "support", "responsible")
ROLE_LABELS = {"lead": "牵头", "support": "配合", "responsible": "责任"}

# the matrix shows this many departments (those in most notices); the task table has all
MATRIX_ROWS = 60
# the timeline's bars fit this width (px) while they can be 4 px wide
_CHART_WIDTH = 1100
# a timeline longer than this many months shows only the months that have deadlines
MAX_TIMELINE_MONTHS = 360
# file names of the report's own kind are recognised by this mark and left out of a folder
GENERATOR = "policyparse report"


@dataclass
class NoticeView:
    """One notice as the report shows it: its lines and parse, or the error that stopped it."""

    path: str
    lines: list[str] = field(default_factory=list)
    pages: list[int] | None = None
    doc: Document | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    error_code: str | None = None
    notes: list[str] = field(default_factory=list)


def load_notice(path: str | Path, grammar: Grammar, *, display: str | None = None, max_bytes: int | None = None,
                strict: bool = True, rules: list[Rule] | None = None) -> NoticeView:
    """Read and parse one notice (and run ``rules`` over the same parse). Raises the
    :class:`~policyparse.errors.PolicyParseError` of a file that cannot be read or parsed."""
    from ..constants import DEFAULT_MAX_BYTES
    from ..parse.pipeline import parse_source_parts
    from ..read import read_source

    src = read_source(path, max_bytes=DEFAULT_MAX_BYTES if max_bytes is None else max_bytes)
    doc, tokens, tree = parse_source_parts(src, grammar, strict=strict)
    view = NoticeView(display or str(path), src.lines, src.pages, doc)
    if rules:
        from ..check.context import Context
        from ..check.engine import RuleCrash, run_rules

        try:
            view.findings = run_rules(Context(str(path), src, grammar, doc, tokens, tree), rules)
        except RuleCrash as exc:
            view.notes.append(f"check stopped: {exc}")
    return view


def load_folder(root: str | Path, grammar: Grammar, *, exclude: Iterable[str | Path] = (),
                max_bytes: int | None = None, strict: bool = True,
                rules_for: Any = None) -> list[NoticeView]:
    """Every notice under ``root`` (``files.walk``, the suffixes the readers take), parsed;
    a file that fails is kept with its one-line error. ``exclude`` are files to leave out
    (the report being written); files that are themselves reports are left out too.
    ``rules_for(path)`` gives the check rules for a file (None: no check)."""
    from ..read import SUFFIXES
    from ..read.files import walk

    root_p = Path(root)
    skip = {os.path.realpath(p) for p in exclude}
    views: list[NoticeView] = []
    for rel, problem in walk(root_p, lambda rel: rel.lower().endswith(SUFFIXES)):
        full = root_p / rel
        if problem is not None:
            views.append(NoticeView(rel, error=problem, error_code="unreadable"))
            continue
        if os.path.realpath(full) in skip or _is_report(full):
            continue
        try:
            views.append(load_notice(full, grammar, display=rel, max_bytes=max_bytes, strict=strict,
                                     rules=rules_for(str(full)) if rules_for else None))
        except PolicyParseError as exc:
            views.append(NoticeView(rel, error=exc.message, error_code=exc.code))
    return views


def _is_report(path: Path) -> bool:
    """A report this command wrote (its head names the generator)."""
    if path.suffix.lower() not in (".html", ".htm"):
        return False
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError:
        return False
    return f'<meta name="generator" content="{GENERATOR}'.encode() in head


# ---------------------------------------------------------------------------------------
# marks: where on its line each record lies


class Mark(NamedTuple):
    start: int  # 0-based code point offsets into the line
    end: int
    kind: str  # one of KINDS
    ref: str  # the record row it links to, without the notice prefix: a3, t1, h2
    title: str


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _assignment_roles(a: Assignment) -> list[tuple[str, str]]:
    """(role, department name) of an assignment, lead first."""
    return [(role, name) for role in ROLES for name in getattr(a, role)]


def _role_of(a: Assignment, name: str) -> str:
    for role in ROLES:
        if name in getattr(a, role):
            return role
    return "responsible"


def _clause_range(a: Assignment, text: str) -> tuple[int, int] | None:
    """Where an assignment's clause lies on its line: its span, else its raw text found in
    the line, else the whole line (a clause read from a table row or label line)."""
    if a.span is not None:
        s, e = max(0, a.span.start), min(len(text), a.span.end)
        return (s, e) if s < e else None
    i = text.find(a.raw)
    if i >= 0 and a.raw:
        return i, i + len(a.raw)
    stripped = text.strip()
    if not stripped:
        return None
    i = text.find(stripped)
    return i, i + len(stripped)


def notice_marks(doc: Document, lines: list[str]) -> dict[int, list[Mark]]:
    """Every mark of a notice, by 1-based line."""
    out: dict[int, list[Mark]] = {}

    def add(line: int, s: int, e: int, kind: str, ref: str, title: str) -> None:
        if 1 <= line <= len(lines) and 0 <= s < e <= len(lines[line - 1]):
            out.setdefault(line, []).append(Mark(s, e, kind, ref, title))

    for k, node in enumerate(_headings(doc), 1):
        text = lines[node.line - 1] if node.line <= len(lines) else ""
        marker = node.marker or ""  # an appendix has none: its title is the line
        head = marker or node.title
        i = text.find(head) if head else -1
        if i < 0:
            continue
        end = i + len(marker)
        if node.title:
            j = text.find(node.title, end)
            if 0 <= j - end <= 2:
                end = j + len(node.title)
        add(node.line, i, end, "heading", f"h{k}", f"{marker}{node.title or ''}")
    for k, a in enumerate(doc.all_assignments(), 1):
        if not 1 <= a.line <= len(lines):
            continue
        text = lines[a.line - 1]
        rng = _clause_range(a, text)
        if rng is None:
            continue
        s, e = rng
        ref = f"a{k}"
        add(a.line, s, e, "clause", ref, a.raw)
        cursor = s
        for d in a.departments:
            if not d.raw:
                continue
            j = text.find(d.raw, cursor, e)
            if j < 0:
                j = text.find(d.raw, s, e)
            if j < 0:
                continue
            role = _role_of(a, d.name)
            add(a.line, j, j + len(d.raw), role, ref, f"{ROLE_LABELS[role]}：{d.name}")
            cursor = j + len(d.raw)
        if a.deadline is not None and a.deadline.raw:
            j = text.find(a.deadline.raw, s, e)
            if j >= 0:
                add(a.line, j, j + len(a.deadline.raw), "deadline", ref, f"时限：{a.deadline.raw}")
    for k, t in enumerate(doc.all_targets(), 1):
        add(t.line, t.span.start, t.span.end, "target", f"t{k}", t.text)
    return out


def _headings(doc: Document) -> list[Any]:
    return [n for n in doc.iter_nodes() if is_heading(n.marker, n.kind)]


def render_line(text: str, marks: list[Mark], prefix: str) -> str:
    """A line's text, escaped, with each marked stretch a link to its record row. Marks may
    nest (a lead inside its clause): the text is cut at every mark boundary and each piece
    carries the classes of all marks over it and links to the innermost one."""
    if not marks:
        return _tabs(_e(text))
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    order = {id(m): i for i, m in enumerate(marks)}
    pieces: list[tuple[str, tuple[str, ...], Mark | None]] = []
    for b0, b1 in pairwise(cuts):
        over = [m for m in marks if m.start <= b0 and m.end >= b1]
        if not over:
            inner, classes = None, ()
        else:
            # the innermost mark wins the link; between equal lengths, the one added last
            inner = min(over, key=lambda m: (m.end - m.start, -order[id(m)]))
            classes = tuple(sorted({"k-" + m.kind for m in over}))
        if pieces and pieces[-1][1] == classes and pieces[-1][2] is inner:
            pieces[-1] = (pieces[-1][0] + text[b0:b1], classes, inner)
        else:
            pieces.append((text[b0:b1], classes, inner))
    out: list[str] = []
    for chunk, classes, inner in pieces:
        if inner is None:
            out.append(_tabs(_e(chunk)))
        else:
            out.append(f'<a class="hl {" ".join(classes)}" href="#{prefix}r-{inner.ref}" '
                       f'title="{_e(inner.title)}">{_tabs(_e(chunk))}</a>')
    return "".join(out)


def _tabs(escaped: str) -> str:
    # table rows come as tab-separated cells: show the cell breaks
    return escaped.replace("\t", '<span class="tab">\t</span>')


# ---------------------------------------------------------------------------------------
# deadlines


def due_month(a: Assignment) -> tuple[str, bool] | None:
    """The month an assignment is due, ``("YYYY-MM", month_given)``: the end of a range,
    else the date given; a deadline with a year alone falls on its December. None when the
    deadline names no year (常年推进, 长期坚持, unread wordings)."""
    d = a.deadline
    if d is None:
        return None
    year, month = (d.end_year, d.end_month) if d.end_year else (d.year, d.month)
    if not year:
        return None
    return (f"{year:04d}-{month or 12:02d}", bool(month))


# ---------------------------------------------------------------------------------------
# page


# the roles' colours are the views' one palette (views/style.py): a light tint of each as the
# highlight, the colour itself as its underline, so a role looks the same in `show` and here
_ROLE_VARS = "".join(f"--{k}:{PALETTE[k]}33;--{k}-line:{PALETTE[k]};"
                     for k in ("lead", "support", "responsible", "deadline", "target"))

CSS = """
:root{--fg:#1d2433;--muted:#667085;--line:#e4e7ec;--bg:#fff;--panel:#f8f9fb;--accent:#1f5fbf;
--heading:#dbe8ff;""" + _ROLE_VARS + """
--clause:#f1f1ee}
*{box-sizing:border-box}
html{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif;color:var(--fg);
background:var(--bg);font-size:15px;line-height:1.6}
body{margin:0}
a{color:var(--accent)}
header.top{padding:18px 24px 10px;border-bottom:1px solid var(--line);background:var(--panel)}
header.top h1{margin:0 0 4px;font-size:1.45rem;font-weight:600}
.sub{color:var(--muted);font-size:.85rem}
main{padding:0 24px 40px}
h2{font-size:1.15rem;margin:28px 0 10px;border-left:4px solid var(--accent);padding-left:8px}
h3{font-size:1rem;margin:14px 0 6px}
.legend{display:flex;flex-wrap:wrap;gap:6px;margin:8px 0}
.legend span{padding:1px 8px;border-radius:4px;font-size:.8rem}
.k-heading{background:var(--heading);font-weight:600}
.k-clause{background:var(--clause);text-decoration:underline dotted #999}
.k-lead{background:var(--lead);box-shadow:inset 0 -2px var(--lead-line)}
.k-support{background:var(--support);box-shadow:inset 0 -2px var(--support-line)}
.k-responsible{background:var(--responsible);box-shadow:inset 0 -2px var(--responsible-line)}
.k-deadline{background:var(--deadline);box-shadow:inset 0 -2px var(--deadline-line)}
.k-target{background:var(--target);box-shadow:inset 0 -2px var(--target-line)}
a.hl{color:inherit;text-decoration-color:#999;border-radius:2px}
a.hl:hover{outline:2px solid var(--accent)}
.notice{border-top:1px solid var(--line);margin-top:24px;padding-top:8px}
header.top+main>.notice:first-child{border-top:0;margin-top:0}
.notice>h2{border-left-color:#c2410c}
.notice-body{display:grid;grid-template-columns:minmax(0,1fr) minmax(340px,40%);gap:20px;align-items:start}
@media (max-width:900px){.notice-body{grid-template-columns:1fr}}
.src{border:1px solid var(--line);border-radius:6px;padding:6px 0;background:#fff}
.ln{display:grid;grid-template-columns:3.6em minmax(0,1fr);padding:0 10px 0 0}
.ln:target,.ln.flash{background:#fff8db;animation:fade 2.5s ease-out}
@keyframes fade{from{background:#ffe58a}to{background:#fff8db}}
.ln .no{color:#98a2b3;text-align:right;padding-right:10px;font-variant-numeric:tabular-nums;text-decoration:none;
font-size:.8rem;line-height:1.9;user-select:none}
.ln .tx{white-space:pre-wrap;word-break:break-all;tab-size:2}
.ln .tab{border-left:1px solid #c8ccd4;margin:0 4px}
.ln.has-note{border-left:3px solid #e8590c}
.ln.has-note .no{color:#e8590c;font-weight:600}
.notes{grid-column:2;display:flex;flex-wrap:wrap;gap:4px;margin:1px 0 4px}
.badge{display:inline-block;font-size:.75rem;border-radius:3px;padding:0 6px;background:#fde8e0;color:#9a3412;
text-decoration:none}
.badge.sev-info{background:#e8eefc;color:#1e3a8a}
.badge.sev-error{background:#fcd9d9;color:#991b1b}
.page{grid-column:1/-1;color:var(--muted);font-size:.75rem;text-align:center;border-top:1px dashed var(--line);margin:6px 0}
.side{position:sticky;top:0;max-height:100vh;overflow:auto;padding-bottom:20px}
.card{border:1px solid var(--line);border-radius:6px;background:var(--panel);padding:10px 14px;margin:0 0 12px}
.card dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:2px 12px;margin:0;font-size:.88rem}
.card dt{color:var(--muted)}
.card dd{margin:0;word-break:break-all}
details>summary{cursor:pointer;font-weight:600;margin:6px 0}
table{border-collapse:collapse;width:100%;font-size:.85rem}
th,td{border-bottom:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}
th{background:#eef1f5;position:sticky;top:0;z-index:1;white-space:nowrap}
table.sortable th{cursor:pointer}
th[aria-sort=ascending]::after{content:" ▲"}
th[aria-sort=descending]::after{content:" ▼"}
tr[data-href]{cursor:pointer}
tr[data-href]:hover{background:#f3f6fc}
tr:target,tr.flash{background:#fff3bf}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.totals{display:flex;flex-wrap:wrap;gap:10px;margin:14px 0}
.totals div{border:1px solid var(--line);border-radius:6px;padding:8px 14px;background:var(--panel);min-width:110px}
.totals b{display:block;font-size:1.4rem}
.totals span{color:var(--muted);font-size:.8rem}
.filterbar{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:6px 0}
.filterbar input,.filterbar select{font:inherit;padding:3px 6px;border:1px solid #c8ccd4;border-radius:4px}
.chip{background:#e8eefc;border-radius:10px;padding:0 8px;font-size:.8rem}
.chip button{border:0;background:none;cursor:pointer;font:inherit}
.scroll{max-height:520px;overflow:auto;border:1px solid var(--line);border-radius:6px}
.matrix td{text-align:center;min-width:2.2em;padding:2px}
.matrix td a{display:block;text-decoration:none;color:#102a56}
.matrix th.dept{position:sticky;left:0;background:#f8f9fb;z-index:2;text-align:left}
.matrix thead th{writing-mode:vertical-rl;font-weight:500;font-size:.75rem;max-height:9em;overflow:hidden}
.chart{overflow-x:auto;border:1px solid var(--line);border-radius:6px;padding:6px;background:#fff}
.chart svg text{font-size:10px;fill:#475467}
.chart rect.m{fill:#3b82c4}
.chart rect.y{fill:#a9c8e8}
.chart a:hover rect{fill:#c2410c}
.failed td{color:#9a3412}
.role{padding:0 6px;border-radius:3px}
nav.toc{display:flex;gap:14px;margin-top:6px;font-size:.9rem}
table.records{table-layout:fixed}
table.records th{white-space:normal}
table.records th:first-child{width:3.2em}
table.records.wide2 th:nth-child(2){width:34%}
table.records td{word-break:break-all}
.muted{color:var(--muted)}
a.back{text-decoration:none;font-size:.9rem}
@media print{.filterbar,.side{position:static;max-height:none}.scroll{max-height:none}}
"""

JS = """
(function(){
"use strict";
function cellText(c){var s=c.getAttribute("data-sort");return s!==null?s:c.textContent.trim();}
function sortTable(t,i,th){
var asc=th.getAttribute("aria-sort")!=="ascending";
Array.prototype.forEach.call(th.parentNode.cells,function(h){h.removeAttribute("aria-sort");});
th.setAttribute("aria-sort",asc?"ascending":"descending");
var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows);
rows.sort(function(a,b){
var x=cellText(a.cells[i]),y=cellText(b.cells[i]),nx=Number(x),ny=Number(y),r;
if(x!==""&&y!==""&&!isNaN(nx)&&!isNaN(ny)){r=nx-ny;}else{r=x.localeCompare(y,"zh-CN");}
return asc?r:-r;});
rows.forEach(function(r){body.appendChild(r);});
}
document.querySelectorAll("table.sortable").forEach(function(t){
Array.prototype.forEach.call(t.tHead.rows[0].cells,function(th,i){
th.tabIndex=0;
th.addEventListener("click",function(){sortTable(t,i,th);});
th.addEventListener("keydown",function(e){if(e.key==="Enter"){sortTable(t,i,th);}});
});});
var state={};
function applyFilter(id){
var t=document.getElementById(id);if(!t){return;}
var s=state[id]||{},q=(s.q||"").toLowerCase(),n=0,rows=t.tBodies[0].rows;
Array.prototype.forEach.call(rows,function(r){
var ok=(!q||r.textContent.toLowerCase().indexOf(q)>=0)&&(!s.role||r.getAttribute("data-role")===s.role)
&&(!s.dept||r.getAttribute("data-dept")===s.dept)&&(!s.month||r.getAttribute("data-month")===s.month);
r.hidden=!ok;if(ok){n++;}});
var c=document.querySelector('[data-count-for="'+id+'"]');if(c){c.textContent=n+" / "+rows.length;}
document.querySelectorAll('[data-chip-for="'+id+'"]').forEach(function(ch){
var k=ch.getAttribute("data-key");ch.hidden=!s[k];
var v=ch.querySelector("[data-value]");if(v){v.textContent=s[k]||"";}});
}
function setFilter(id,key,value){state[id]=state[id]||{};state[id][key]=value;applyFilter(id);}
document.querySelectorAll("[data-filter-for]").forEach(function(el){
var id=el.getAttribute("data-filter-for"),key=el.getAttribute("data-key");
el.addEventListener("input",function(){setFilter(id,key,el.value);});
applyFilter(id);});
document.querySelectorAll("[data-chip-for] button").forEach(function(b){
var ch=b.parentNode;b.addEventListener("click",function(){
setFilter(ch.getAttribute("data-chip-for"),ch.getAttribute("data-key"),"");});});
document.addEventListener("click",function(e){
var el=e.target.closest("[data-set-filter]");
if(el){setFilter(el.getAttribute("data-set-filter"),el.getAttribute("data-key"),el.getAttribute("data-value"));return;}
var tr=e.target.closest("tr[data-href]");
if(tr&&!e.target.closest("a")){location.hash=tr.getAttribute("data-href").slice(1);}
});
function flash(){
var id=decodeURIComponent(location.hash.slice(1)),el=id?document.getElementById(id):null;
if(!el){return;}
el.classList.remove("flash");void el.offsetWidth;el.classList.add("flash");
}
window.addEventListener("hashchange",flash);flash();
document.documentElement.setAttribute("data-js","ready");
})();
"""


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta name="generator" content="{GENERATOR} {_e(__version__)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{CSS}</style></head>\n<body>\n{body}\n"
        f"<script>{JS}</script>\n</body></html>\n"
    )


def _legend() -> str:
    return '<div class="legend">' + "".join(
        f'<span class="k-{k}">{_e(KIND_LABELS[k])}</span>' for k in KINDS) + "</div>"


def _notice_title(view: NoticeView) -> str:
    if view.doc is not None and view.doc.meta.title:
        return view.doc.meta.title
    return Path(view.path).name


# a task shown in a table is cut to this many characters (its line has the whole text)
_TASK_CHARS = 48


def _task_text(a: Assignment, lines: list[str]) -> str:
    """What the assignment is about: its task cell, else its line without the clause."""
    if a.task:
        return a.task
    text = lines[a.line - 1] if 1 <= a.line <= len(lines) else ""
    rng = _clause_range(a, text)
    if rng is not None and (rng[1] - rng[0]) < len(text.strip()):
        text = text[:rng[0]] + text[rng[1]:]
    text = " ".join(text.split())
    return text if len(text) <= _TASK_CHARS else text[:_TASK_CHARS - 1] + "…"


def _line_link(prefix: str, line: int | None) -> str:
    if not line:
        return '<span class="muted">—</span>'
    return f'<a href="#{prefix}L{line}">{line}</a>'


def _meta_card(view: NoticeView, prefix: str) -> str:
    doc = view.doc
    assert doc is not None
    m, s = doc.meta, doc.source
    rows: list[tuple[str, str]] = []

    def row(label: str, value: object, line: int | None = None) -> None:
        if value in (None, "", [], False):
            return
        text = "、".join(map(str, value)) if isinstance(value, list) else str(value)
        link = f' <a class="muted" href="#{prefix}L{line}">L{line}</a>' if line else ""
        rows.append((label, _e(text) + link))

    row("标题 title", m.title, m.title_line)
    row("方案 plan", m.plan_title)
    row("发文机关 issuer", m.issuer)
    row("成文日期 date", m.date, m.date_line)
    row("文号 doc no.", m.doc_numbers or m.doc_number)
    row("主送 to", m.addressees)
    row("附件 attachments", m.attachments)
    row("征求意见稿 draft", "是 yes" if m.draft else None)
    row("统一落实 implied", m.implied_responsible)
    fmt = f"{s.format}, {s.encoding}{' + BOM' if s.bom else ''}"
    row("来源 source", f"{view.path} ({fmt}, {s.lines} lines, {s.bytes} bytes)")
    row("sha256", s.sha256[:16] + "…")
    counts = (f"{len(doc.all_assignments())} assignments · {len(doc.all_targets())} targets · "
              f"{len(_headings(doc))} headings · {len(doc.diagnostics)} diagnostics · {len(view.findings)} findings")
    dl = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    return f'<div class="card"><dl>{dl}</dl><div class="sub">{_e(counts)}</div></div>'


def _names(names: list[str]) -> str:
    return "、".join(_e(n) for n in names)


def _assignment_table(view: NoticeView, prefix: str) -> str:
    doc = view.doc
    assert doc is not None
    assigns = doc.all_assignments()
    if not assigns:
        return '<p class="muted">No responsibility clause found.</p>'
    body = []
    for k, a in enumerate(assigns, 1):
        dl = _e(a.deadline.raw) if a.deadline is not None else ""
        more = " 等" if a.and_others else ""
        body.append(
            f'<tr id="{prefix}r-a{k}" data-href="#{prefix}L{a.line}">'
            f'<td class="num" data-sort="{a.line}">{_line_link(prefix, a.line)}</td>'
            f"<td>{_e(_task_text(a, view.lines))}</td>"
            f'<td class="k-lead-c">{_names(a.lead)}{more if a.lead else ""}</td>'
            f"<td>{_names(a.support)}</td>"
            f"<td>{_names(a.responsible)}{more if a.responsible else ''}</td>"
            f"<td>{dl}</td></tr>")
    return (f'<table class="sortable records wide2" id="{prefix}tbl-a"><thead><tr><th class="num">行</th>'
            '<th>任务 task</th><th title="lead">牵头</th><th title="support">配合</th><th title="responsible">责任</th>'
            '<th title="deadline">时限</th></tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")


def _target_table(view: NoticeView, prefix: str) -> str:
    doc = view.doc
    assert doc is not None
    targets = doc.all_targets()
    if not targets:
        return '<p class="muted">No numeric target found.</p>'
    body = []
    for k, t in enumerate(targets, 1):
        value = "" if t.value is None else (f"{t.value:g}" if isinstance(t.value, float) else str(t.value))
        body.append(
            f'<tr id="{prefix}r-t{k}" data-href="#{prefix}L{t.line}">'
            f'<td class="num" data-sort="{t.line}">{_line_link(prefix, t.line)}</td>'
            f"<td>{_e(t.text)}</td><td class=\"num\">{_e(value)}</td><td>{_e(t.unit or '')}</td>"
            f"<td>{_e(t.comparator or '')}</td><td>{_e(t.year or '')}</td></tr>")
    return (f'<table class="sortable records wide2" id="{prefix}tbl-t"><thead><tr><th class="num">行</th>'
            '<th>指标 target</th><th class="num">值</th><th>单位</th><th>比较</th><th>年</th></tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")


def _outline(view: NoticeView, prefix: str) -> str:
    doc = view.doc
    assert doc is not None
    heads = _headings(doc)
    if not heads:
        return '<p class="muted">No numbered heading found.</p>'
    body = []
    for k, n in enumerate(heads, 1):
        pad = max(0, n.depth - 1) * 1.2
        body.append(f'<tr id="{prefix}r-h{k}" data-href="#{prefix}L{n.line}">'
                    f'<td class="num">{_line_link(prefix, n.line)}</td>'
                    f'<td style="padding-left:{pad:.1f}em">{_e(n.marker or "")}{_e(n.title or n.text[:40])}</td></tr>')
    return (f'<table class="records"><thead><tr><th class="num">行</th><th>标题 heading</th></tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")


def _notes_of(view: NoticeView) -> list[tuple[int | None, str, str, str, str]]:
    """(line, severity, code, message, row id) of every diagnostic and finding."""
    assert view.doc is not None
    out = [(d.line, d.severity, d.code, d.message, f"d{k}") for k, d in enumerate(view.doc.diagnostics, 1)]
    out += [(f.line, f.severity, f.code, f.message, f"f{k}") for k, f in enumerate(view.findings, 1)]
    return out


def _notes_table(view: NoticeView, prefix: str) -> str:
    notes = _notes_of(view)
    extra = "".join(f'<p class="muted">{_e(n)}</p>' for n in view.notes)
    if not notes:
        return extra + '<p class="muted">No diagnostic and no check finding.</p>'
    body = []
    for line, sev, code, msg, ref in notes:
        href = f' data-href="#{prefix}L{line}"' if line else ""
        body.append(f'<tr id="{prefix}r-{ref}"{href}><td class="num" data-sort="{line or 0}">{_line_link(prefix, line)}</td>'
                    f'<td><span class="badge sev-{_e(sev)}">{_e(code)}</span></td><td>{_e(msg)}</td></tr>')
    return (extra + f'<table class="sortable records wide2" id="{prefix}tbl-n"><thead><tr><th class="num">行</th>'
            f"<th>code</th><th>message</th></tr></thead><tbody>{''.join(body)}</tbody></table>")


def _source(view: NoticeView, prefix: str) -> str:
    assert view.doc is not None
    marks = notice_marks(view.doc, view.lines)
    notes: dict[int, list[str]] = {}
    for line, sev, code, msg, ref in _notes_of(view):
        if line and 1 <= line <= len(view.lines):
            notes.setdefault(line, []).append(
                f'<a class="badge sev-{_e(sev)}" href="#{prefix}r-{ref}" title="{_e(msg)}">{_e(code)}: {_e(msg)}</a>')
    out = ['<div class="src">']
    page = None
    for n, text in enumerate(view.lines, 1):
        if view.pages is not None and view.pages[n - 1] != page:
            page = view.pages[n - 1]
            out.append(f'<div class="page">p. {page}</div>')
        cls = "ln has-note" if n in notes else "ln"
        out.append(f'<div class="{cls}" id="{prefix}L{n}"><a class="no" href="#{prefix}L{n}">{n}</a>'
                   f'<span class="tx">{render_line(text, marks.get(n, []), prefix)}</span>')
        if n in notes:
            out.append(f'<div class="notes">{"".join(notes[n])}</div>')
        out.append("</div>")
    out.append("</div>")
    return "\n".join(out)


def _notice_section(view: NoticeView, prefix: str, anchor: str, heading: str, show_path: bool = True,
                    back: str | None = None) -> str:
    if back:  # a folder's notice links back to the list of notices
        heading_html = f'{_e(heading)} <a class="back" href="{back}" title="back to the list">↑</a>'
    else:
        heading_html = _e(heading)
    if view.doc is None:
        return (f'<section class="notice" id="{anchor}"><h2>{heading_html}</h2>'
                f'<p class="failed">{_e(view.path)}: {_e(view.error_code or "error")}: {_e(view.error or "")}</p></section>')
    doc = view.doc
    path_html = f'<div class="sub">{_e(view.path)}</div>' if show_path else ""
    side = (
        f"{_meta_card(view, prefix)}"
        f'<details open><summary>任务分工 Assignments ({len(doc.all_assignments())})</summary>'
        f"{_assignment_table(view, prefix)}</details>"
        f'<details open><summary>指标 Targets ({len(doc.all_targets())})</summary>{_target_table(view, prefix)}</details>'
        f'<details><summary>提纲 Outline ({len(_headings(doc))})</summary>{_outline(view, prefix)}</details>'
        f'<details open><summary>诊断与检查 Diagnostics &amp; findings '
        f'({len(doc.diagnostics) + len(view.findings)})</summary>{_notes_table(view, prefix)}</details>'
    )
    return (f'<section class="notice" id="{anchor}"><h2>{heading_html}</h2>'
            f"{path_html}{_legend()}"
            f'<div class="notice-body"><div>{_source(view, prefix)}</div><aside class="side">{side}</aside></div>'
            "</section>")


def render_notice(view: NoticeView) -> str:
    """The report of one notice, as a complete HTML page."""
    title = _notice_title(view)
    body = (f'<header class="top"><h1>{_e(title)}</h1><div class="sub">{_e(view.path)} · '
            f"policyparse {_e(__version__)} review report</div></header>\n"
            f"<main>{_notice_section(view, 'n1-', 'n1', '原文与抽取 Text and extraction', show_path=False)}</main>")
    return _page(title, body)


# ---------------------------------------------------------------------------------------
# folder


class TaskRow(NamedTuple):
    dept: str
    role: str
    notice: int  # 1-based index among the views
    ref: str  # assignment row id within the notice: a3
    line: int
    task: str
    deadline: str
    month: str  # YYYY-MM or ""


def task_rows(views: list[NoticeView]) -> list[TaskRow]:
    """One row per department named in an assignment, per role, across all notices."""
    rows: list[TaskRow] = []
    for i, v in enumerate(views, 1):
        if v.doc is None:
            continue
        for k, a in enumerate(v.doc.all_assignments(), 1):
            due = due_month(a)
            task = _task_text(a, v.lines)
            dl = a.deadline.raw if a.deadline is not None else ""
            for role, name in _assignment_roles(a):
                rows.append(TaskRow(name, role, i, f"a{k}", a.line, task, dl, due[0] if due else ""))
    return rows


def _dept_table(rows: list[TaskRow]) -> tuple[str, list[str]]:
    """The department summary table, and the departments by number of notices (most first)."""
    stats: dict[str, dict[str, Any]] = {}
    for r in rows:
        s = stats.setdefault(r.dept, {"lead": 0, "support": 0, "responsible": 0, "notices": set()})
        s[r.role] += 1
        s["notices"].add(r.notice)
    order = sorted(stats, key=lambda d: (-len(stats[d]["notices"]),
                                         -(stats[d]["lead"] + stats[d]["support"] + stats[d]["responsible"]), d))
    body = []
    for d in order:
        s = stats[d]
        total = s["lead"] + s["support"] + s["responsible"]
        body.append(f'<tr><td><a href="#tasks" data-set-filter="tbl-tasks" data-key="dept" data-value="{_e(d)}">'
                    f'{_e(d)}</a></td><td class="num">{s["lead"]}</td><td class="num">{s["support"]}</td>'
                    f'<td class="num">{s["responsible"]}</td><td class="num">{total}</td>'
                    f'<td class="num">{len(s["notices"])}</td></tr>')
    table = ('<div class="filterbar"><input type="search" placeholder="筛选 filter…" data-filter-for="tbl-depts" '
             'data-key="q"><span class="muted" data-count-for="tbl-depts"></span></div>'
             '<div class="scroll"><table class="sortable" id="tbl-depts"><thead><tr><th>部门 department</th>'
             '<th class="num">牵头 lead</th><th class="num">配合 support</th><th class="num">责任 responsible</th>'
             '<th class="num">合计 total</th><th class="num">文件 notices</th></tr></thead>'
             f"<tbody>{''.join(body)}</tbody></table></div>")
    return table, order


def _tasks_table(rows: list[TaskRow]) -> str:
    body = []
    for r in rows:
        p = f"n{r.notice}-"
        body.append(
            f'<tr data-href="#{p}r-{r.ref}" data-role="{r.role}" data-dept="{_e(r.dept)}" data-month="{r.month}">'
            f'<td>{_e(r.dept)}</td><td><span class="role k-{r.role}">{ROLE_LABELS[r.role]}</span></td>'
            f'<td data-sort="{r.notice:05d}"><a href="#n{r.notice}">N{r.notice}</a></td>'
            f'<td class="num" data-sort="{r.line}"><a href="#{p}r-{r.ref}">{r.line}</a></td>'
            f"<td>{_e(r.task)}</td><td data-sort=\"{r.month}\">{_e(r.deadline)}</td></tr>")
    roles = "".join(f'<option value="{r}">{ROLE_LABELS[r]} {r}</option>' for r in ROLES)
    chips = "".join(
        f'<span class="chip" data-chip-for="tbl-tasks" data-key="{k}" hidden>{label}: <b data-value></b> '
        f'<button type="button" title="clear">✕</button></span>' for k, label in (("dept", "部门"), ("month", "月份")))
    return ('<div class="filterbar"><input type="search" placeholder="筛选 filter…" data-filter-for="tbl-tasks" '
            'data-key="q"><select data-filter-for="tbl-tasks" data-key="role"><option value="">全部角色 all roles</option>'
            f'{roles}</select>{chips}<span class="muted" data-count-for="tbl-tasks"></span></div>'
            '<div class="scroll"><table class="sortable" id="tbl-tasks"><thead><tr><th>部门 department</th>'
            '<th>角色 role</th><th>文件 notice</th><th class="num">行</th><th>任务 task</th><th>时限 deadline</th>'
            f"</tr></thead><tbody>{''.join(body)}</tbody></table></div>")


def _matrix(rows: list[TaskRow], order: list[str], views: list[NoticeView]) -> str:
    if not rows:
        return '<p class="muted">No assignment in any notice.</p>'
    cells: dict[tuple[str, int], list[TaskRow]] = {}
    for r in rows:
        cells.setdefault((r.dept, r.notice), []).append(r)
    cols = sorted({r.notice for r in rows})
    shown = order[:MATRIX_ROWS]
    top = max(len(v) for v in cells.values())
    head = "".join(f'<th title="{_e(_notice_title(views[i - 1]))}"><a href="#n{i}">N{i}</a></th>' for i in cols)
    body = []
    for d in shown:
        tds = []
        for i in cols:
            got = cells.get((d, i))
            if not got:
                tds.append("<td></td>")
                continue
            by_role = {role: sum(1 for r in got if r.role == role) for role in ROLES}
            tip = f"{d} · N{i}: " + ", ".join(f"{ROLE_LABELS[k]} {v}" for k, v in by_role.items() if v)
            alpha = 0.15 + 0.85 * len(got) / top
            tds.append(f'<td style="background:rgba(59,130,196,{alpha:.2f})">'
                       f'<a href="#n{i}-r-{got[0].ref}" title="{_e(tip)}">{len(got)}</a></td>')
        body.append(f'<tr><th class="dept">{_e(d)}</th>{"".join(tds)}</tr>')
    note = ""
    if len(order) > len(shown):
        note = (f'<p class="muted">The {len(shown)} departments named in most notices of {len(order)}; '
                "the table above has them all.</p>")
    return (f'{note}<div class="scroll"><table class="matrix"><thead><tr><th class="dept">部门 \\ 文件</th>{head}'
            f"</tr></thead><tbody>{''.join(body)}</tbody></table></div>")


def _months_between(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def timeline(views: list[NoticeView]) -> str:
    """Assignments by the month they are due, as an inline SVG bar chart; a bar filters the
    task table to its month. Deadlines that name a year alone sit on the year's December in
    a lighter colour."""
    exact: dict[str, int] = {}
    year_only: dict[str, int] = {}
    undated = 0
    for v in views:
        if v.doc is None:
            continue
        for a in v.doc.all_assignments():
            due = due_month(a)
            if due is None:
                undated += a.deadline is not None
                continue
            (exact if due[1] else year_only)[due[0]] = (exact if due[1] else year_only).get(due[0], 0) + 1
    months_with = sorted(set(exact) | set(year_only))
    if not months_with:
        return '<p class="muted">No deadline names a year.</p>'
    months = _months_between(months_with[0], months_with[-1])
    if len(months) > MAX_TIMELINE_MONTHS:
        months = months_with
    top = max(exact.get(m, 0) + year_only.get(m, 0) for m in months)
    h, left, bottom, topm = 200, 34, 34, 10
    # bars shrink to fit a page's width (down to 3 px; a longer span scrolls)
    step = max(4, min(17, (_CHART_WIDTH - left) // len(months)))
    bw = step - max(1, step // 5)  # a fifth of each step is the gap between bars
    width = left + len(months) * step + 10
    scale = (h - bottom - topm) / top
    parts = [(f'<svg width="{width}" height="{h}" viewBox="0 0 {width} {h}" role="img" '
              'aria-label="deadlines by month">')]
    for frac in (0, 0.5, 1):
        val = round(top * frac)
        y = h - bottom - val * scale
        parts.append(f'<line x1="{left - 4}" x2="{width - 6}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e4e7ec"/>'
                     f'<text x="{left - 6}" y="{y + 3:.1f}" text-anchor="end">{val}</text>')
    for i, m in enumerate(months):
        x = left + i * step
        ex, yo = exact.get(m, 0), year_only.get(m, 0)
        if ex or yo:
            tip = f"{m}: {ex} by month" + (f", {yo} by year only" if yo else "")
            y0 = h - bottom
            bars = ""
            if ex:
                bars += f'<rect class="m" x="{x}" y="{y0 - ex * scale:.1f}" width="{bw}" height="{ex * scale:.1f}"/>'
            if yo:
                yb = y0 - ex * scale
                bars += f'<rect class="y" x="{x}" y="{yb - yo * scale:.1f}" width="{bw}" height="{yo * scale:.1f}"/>'
            parts.append(f'<a href="#tasks" data-set-filter="tbl-tasks" data-key="month" data-value="{m}">'
                         f"<title>{_e(tip)}</title>{bars}</a>")
        if m.endswith("-01") or (i == 0 and int(m[5:]) <= 9):  # no first label crowding the next year's
            parts.append(f'<text x="{x}" y="{h - bottom + 14}">{m[:4]}</text>')
        if m.endswith(("-06", "-12")) and step >= 10:
            parts.append(f'<text x="{x + 1}" y="{h - bottom + 26}">{int(m[5:])}月</text>')
    parts.append("</svg>")
    legend = ('<div class="legend"><span style="background:#3b82c4;color:#fff">到月 by month</span>'
              '<span style="background:#a9c8e8">仅到年 year only (Dec.)</span>'
              f'<span class="muted">{undated} deadlines without a year (常年推进 …) are not drawn</span></div>')
    return legend + f'<div class="chart">{"".join(parts)}</div>'


def render_folder(views: list[NoticeView], root: str) -> str:
    """The report of a folder of notices, as a complete HTML page."""
    ok = [v for v in views if v.doc is not None]
    failed = [(i, v) for i, v in enumerate(views, 1) if v.doc is None]
    rows = task_rows(views)
    dept_table, order = _dept_table(rows)
    n_assign = sum(len(v.doc.all_assignments()) for v in ok if v.doc is not None)
    n_targets = sum(len(v.doc.all_targets()) for v in ok if v.doc is not None)
    n_dated = sum(1 for v in ok if v.doc is not None for a in v.doc.all_assignments() if due_month(a))
    n_notes = sum(len(v.doc.diagnostics) + len(v.findings) for v in ok if v.doc is not None)
    totals = [(len(views), "文件 notices"), (len(ok), "已解析 parsed"), (len(failed), "失败 failed"),
              (n_assign, "任务分工 assignments"), (len(order), "部门 departments"), (n_dated, "有期限 dated"),
              (n_targets, "指标 targets"), (n_notes, "诊断/检查 notes")]
    out = [(f'<header class="top"><h1>政策文件审阅报告 · {_e(root)}</h1>'
            f'<div class="sub">policyparse {_e(__version__)} review report · {len(views)} files</div>'
            '<nav class="toc"><a href="#notices">文件 Notices</a><a href="#departments">部门 Departments</a>'
            '<a href="#tasks">任务 Tasks</a><a href="#matrix">矩阵 Matrix</a><a href="#timeline">期限 Deadlines</a>'
            "</nav></header><main>"),
           '<div class="totals">' + "".join(f"<div><b>{n}</b><span>{label}</span></div>" for n, label in totals)
           + "</div>"]
    index = []
    for i, v in enumerate(views, 1):
        if v.doc is None:
            index.append(f'<tr class="failed"><td><a href="#n{i}">N{i}</a></td><td>{_e(v.path)}</td>'
                         f'<td colspan="3">{_e(v.error_code or "error")}: {_e(v.error or "")}</td></tr>')
            continue
        d = v.doc
        index.append(f'<tr data-href="#n{i}"><td><a href="#n{i}">N{i}</a></td><td>{_e(v.path)}</td>'
                     f"<td>{_e(_notice_title(v))}</td><td class=\"num\">{len(d.all_assignments())}</td>"
                     f'<td class="num">{len(d.diagnostics) + len(v.findings)}</td></tr>')
    out.append('<h2 id="notices">文件 Notices</h2><div class="scroll"><table class="sortable" id="tbl-notices">'
               '<thead><tr><th>#</th><th>文件 file</th><th>标题 title</th><th class="num">任务 tasks</th>'
               f"<th class=\"num\">诊断 notes</th></tr></thead><tbody>{''.join(index)}</tbody></table></div>")
    if failed:
        out.append(f'<h2 id="failed">未能解析 Failed ({len(failed)})</h2><table class="failed"><tbody>'
                   + "".join(f'<tr><td>{_e(v.path)}</td><td>{_e(v.error_code or "error")}</td><td>{_e(v.error or "")}</td></tr>'
                             for _, v in failed) + "</tbody></table>")
    out.append(f'<h2 id="departments">部门 Departments ({len(order)})</h2>{dept_table}')
    out.append(f'<h2 id="tasks">部门任务 Tasks by department ({len(rows)})</h2>{_tasks_table(rows)}')
    out.append(f'<h2 id="matrix">部门 × 文件 Department × notice</h2>{_matrix(rows, order, views)}')
    out.append(f'<h2 id="timeline">期限 Deadlines by month</h2>{timeline(views)}')
    for i, v in enumerate(views, 1):
        out.append(_notice_section(v, f"n{i}-", f"n{i}", f"N{i} · {_notice_title(v)}", back="#notices"))
    out.append("</main>")
    return _page(f"policyparse report · {root}", "\n".join(out))


__all__ = ["GENERATOR", "KINDS", "Mark", "NoticeView", "due_month", "load_folder", "load_notice", "notice_marks",
           "render_folder", "render_line", "render_notice", "task_rows", "timeline"]
