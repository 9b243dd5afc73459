"""Run the rules over files: collect paths, read, parse, check, filter by the settings."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..constants import DEFAULT_MAX_BYTES
from ..errors import InputNotFound, PolicyParseError
from ..grammar import Grammar
from ..parse.source import fold_line
from ..read import SUFFIXES, read_source
from ..read.files import walk
from .findings import Finding
from .registry import Rule, all_rules

if TYPE_CHECKING:  # pragma: no cover
    from .context import Context


class RuleCrash(Exception):
    """A rule raised: a bug in policyparse, reported without a traceback."""


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)


def collect_paths(paths: Iterable[str], extensions: tuple[str, ...] = SUFFIXES) -> list[str]:
    """Expand directories (recursively, hidden entries skipped) into notice files, sorted.

    Files named explicitly are checked whatever their extension; a path that does not
    exist raises :class:`InputNotFound` (a usage error for ``check``)."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(os.path.join(p, rel) for rel, problem in walk(path, lambda rel: rel.lower().endswith(extensions))
                       if problem is None)
        elif path.exists():
            out.append(str(p))
        else:
            raise InputNotFound("no such file or directory", str(p))
    return list(dict.fromkeys(out))


def normalise_line(text: str) -> str:
    """The text of a line as a baseline keys it: folded widths, whitespace collapsed."""
    return " ".join(fold_line(text).text.split())


def check_file(path: str, grammar: Grammar, rules: list[Rule], max_bytes: int = DEFAULT_MAX_BYTES) -> list[Finding]:
    """All findings of ``rules`` in one file, sorted. A file that cannot be read or decoded
    yields one PP403 finding instead of an error."""
    from .context import Context

    by_code = {r.code: r for r in all_rules()}
    try:
        src = read_source(path, max_bytes=max_bytes)
    except InputNotFound:
        raise
    except PolicyParseError as exc:
        r = by_code["PP403"]
        if any(x.code == "PP403" for x in rules):
            return [Finding(path, 1, 1, r.code, r.slug, r.severity, exc.message)]
        return []
    return run_rules(Context.build(path, src, grammar), rules)


def run_rules(ctx: Context, rules: list[Rule]) -> list[Finding]:
    """The findings of ``rules`` over one parsed file, sorted (a caller that has parsed the
    file already, such as ``report``, builds the context from its own parse)."""
    path, src = ctx.path, ctx.src
    findings: list[Finding] = []
    for r in rules:
        if r.check is None:
            continue
        try:
            hits = list(r.check(ctx))
        except Exception as exc:  # a bug in one rule: reported as such, never a traceback
            if os.environ.get("POLICYPARSE_DEBUG"):
                raise
            raise RuleCrash(f"rule {r.code} ({r.slug}) failed on {path}: {type(exc).__name__}: {exc}") from None
        for h in hits:
            line = max(1, min(h.line, max(1, len(src.lines))))
            text = src.lines[line - 1] if src.lines else ""
            findings.append(Finding(path, line, max(1, h.column), r.code, r.slug, h.severity or r.severity, h.message,
                                    end_line=line if h.end_column else None, end_column=h.end_column,
                                    line_text=normalise_line(text)))
    return sorted(set(findings), key=Finding.sort_key)
