"""Output formats: text (human), concise, json, github, sarif. Each is a pure function of the report."""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..constants import VERSION as __version__
from .baseline import Entry
from .findings import SEVERITIES, Finding, severity_rank
from .registry import Rule, all_rules

FORMATS = ("text", "concise", "json", "github", "sarif")
JSON_FORMAT_VERSION = "1"


@dataclass
class Report:
    findings: list[Finding]
    files: list[str]
    fail_on: str
    stale: list[Entry] = field(default_factory=list)
    baselined: int = 0
    sources: dict[str, list[str]] = field(default_factory=dict)  # path -> lines, for text context

    @property
    def failing(self) -> list[Finding]:
        r = severity_rank(self.fail_on)
        return [f for f in self.findings if severity_rank(f.severity) >= r]

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for f in self.findings if f.severity == s) for s in reversed(SEVERITIES)}


def summary_line(rep: Report) -> str:
    n = len(rep.findings)
    files = f"{len(rep.files)} file{'s' if len(rep.files) != 1 else ''}"
    if not n:
        msg = f"All checks passed ({files})."
    else:
        c = rep.counts()
        plural = {"error": "errors", "warning": "warnings", "info": "info"}
        parts = ", ".join(f"{v} {k if v == 1 else plural[k]}" for k, v in c.items() if v)
        msg = (f"Found {n} finding{'s' if n != 1 else ''} ({parts}) in {files}; "
               f"{len(rep.failing)} at or above --fail-on {rep.fail_on}.")
    if rep.baselined:
        msg += f" {rep.baselined} more accepted by the baseline."
    return msg


def render(rep: Report, fmt: str, color: bool = False) -> str:
    return {"text": lambda: _text(rep, color), "concise": lambda: _concise(rep), "json": lambda: to_json(rep),
            "github": lambda: _github(rep), "sarif": lambda: to_sarif(rep)}[fmt]()


# ---------------------------------------------------------------- concise / text

def _concise(rep: Report) -> str:
    return "".join(f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}\n" for f in rep.findings)


_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _text(rep: Report, color: bool) -> str:
    from rich.cells import cell_len
    from rich.console import Console
    from rich.text import Text

    buf = io.StringIO()
    con = Console(file=buf, force_terminal=color, no_color=not color, highlight=False, soft_wrap=True,
                  width=200, emoji=False, markup=False)
    for f in rep.findings:
        con.print(Text.assemble((f"{f.path}:{f.line}:{f.column}:", "bold"), " ", (f.code, _STYLE[f.severity]),
                                " ", (f"[{f.severity}]", _STYLE[f.severity]), " ", f.message, (f"  ({f.slug})", "dim")))
        lines = rep.sources.get(f.path)
        if lines and 1 <= f.line <= len(lines):
            before, at, after = _window(lines[f.line - 1], f.column)
            gutter = f"{f.line:>5} │ "
            con.print(Text.assemble((gutter, "blue"), before, at, after))
            width = max(1, cell_len(at[:1]) if at else 1)
            con.print(Text.assemble((" " * 6 + "│ ", "blue"), " " * cell_len(before), ("^" * width, _STYLE[f.severity])))
    con.print(Text(summary_line(rep), style="bold" if rep.findings else "green"))
    return buf.getvalue()


def _window(line: str, column: int, span: int = 24) -> tuple[str, str, str]:
    line = line.replace("\t", " ")  # a tab's width depends on the terminal; the caret must line up
    i = max(0, min(column - 1, len(line)))
    start = max(0, i - span)
    before = ("…" if start > 0 else "") + line[start:i]
    after = line[i + 1:i + 1 + span] + ("…" if i + 1 + span < len(line) else "")
    return before, line[i:i + 1], after


# ---------------------------------------------------------------- json

def to_json(rep: Report) -> str:
    """A stable, versioned document: ``version`` changes only when a field changes meaning."""
    doc: dict[str, Any] = {
        "version": JSON_FORMAT_VERSION,
        "tool": {"name": "policyparse", "version": __version__},
        "findings": [f.to_dict() for f in rep.findings],
        "stale_baseline": [{"path": e.path, "code": e.code, "line_text": e.line_text, "message": e.message}
                           for e in rep.stale],
        "summary": {"files": len(rep.files), "findings": len(rep.findings), **rep.counts(),
                    "baselined": rep.baselined, "fail_on": rep.fail_on, "failing": len(rep.failing)},
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def findings_from_json(text: str) -> list[Finding]:
    """Read back the findings of :func:`to_json` output."""
    return [Finding.from_dict(d) for d in json.loads(text)["findings"]]


# ---------------------------------------------------------------- github

_GH_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


def _github(rep: Report) -> str:
    out = []
    for f in rep.findings:
        props = [f"file={_gh_prop(f.path)}", f"line={f.line}", f"col={f.column}"]
        if f.end_column:
            props += [f"endLine={f.end_line or f.line}", f"endColumn={f.end_column}"]
        props.append(f"title={_gh_prop(f.code)}")
        out.append(f"::{_GH_LEVEL[f.severity]} {','.join(props)}::{_gh_data(f'{f.message} ({f.slug})')}\n")
    return "".join(out)


# ---------------------------------------------------------------- sarif

_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _rule_descriptor(r: Rule) -> dict[str, Any]:
    return {
        "id": r.code,
        "name": r.slug,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.what},
        "help": {"text": f"{r.what}\n\nWhy: {r.why}\n\nExample:\n{r.example}"},
        "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
        "properties": {"tags": [r.group]},
    }


def _uri(path: str) -> str:
    """A relative path stays a relative URI reference (percent-encoded: 通知.txt); an absolute one becomes file://."""
    p = Path(path)
    return p.as_uri() if p.is_absolute() else quote(p.as_posix())


def to_sarif(rep: Report) -> str:
    """SARIF 2.1.0, one run; columns are Unicode code points (``columnKind``)."""
    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    for f in rep.findings:
        region: dict[str, Any] = {"startLine": f.line, "startColumn": f.column}
        if f.end_column:
            region["endLine"] = f.end_line or f.line
            region["endColumn"] = f.end_column
        fp = hashlib.sha256("\x1f".join((Path(f.path).as_posix(), f.code, f.line_text)).encode()).hexdigest()
        results.append({
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": _uri(f.path)},
                "region": region,
            }}],
            "partialFingerprints": {"policyparse/v1": fp[:32]},
        })
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "policyparse", "version": __version__, "semanticVersion": __version__,
                                "rules": [_rule_descriptor(r) for r in rules]}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
