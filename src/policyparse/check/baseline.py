"""The baseline file: findings accepted once, so that only new ones fail.

An entry is keyed on (path relative to the baseline file, rule code, normalised text of
the line), not on the line number, so it survives lines being added above it. Keys are
matched as a multiset: two identical findings need two entries. Entries whose file was
checked but whose finding is gone (or whose file no longer exists) are stale.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UsageError
from .findings import Finding

BASELINE_VERSION = 1

Key = tuple[str, str, str]


@dataclass(frozen=True)
class Entry:
    path: str
    code: str
    line_text: str
    message: str = ""

    @property
    def key(self) -> Key:
        return (self.path, self.code, self.line_text)


def _rel(path: str, base: Path) -> str:
    p = Path(path).resolve()
    try:
        return p.relative_to(base).as_posix()
    except ValueError:
        return p.as_posix()


def key_of(f: Finding, base: Path) -> Key:
    return (_rel(f.path, base), f.code, f.line_text)


def load_baseline(path: Path) -> list[Entry]:
    """Entries of a baseline file; a missing file is an empty baseline."""
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot read baseline ({exc.strerror or exc})", str(path)) from None
    except ValueError as exc:
        raise UsageError(f"baseline is not valid JSON: {exc}", str(path)) from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION or not isinstance(data.get("entries"), list):
        raise UsageError(f"not a policyparse baseline (version {BASELINE_VERSION})", str(path))
    out = []
    for e in data["entries"]:
        try:
            out.append(Entry(str(e["path"]), str(e["code"]), str(e["line_text"]), str(e.get("message", ""))))
        except (KeyError, TypeError):
            raise UsageError("baseline entry lacks path, code or line_text", str(path)) from None
    return out


def dumps_baseline(findings: list[Finding], path: Path) -> str:
    """The baseline file accepting ``findings`` (sorted, so it diffs well)."""
    base = path.resolve().parent
    entries = sorted(
        ({"path": k[0], "code": k[1], "line_text": k[2], "message": f.message}
         for f in findings for k in [key_of(f, base)]),
        key=lambda e: (e["path"], e["code"], e["line_text"], e["message"]),
    )
    doc: dict[str, Any] = {"version": BASELINE_VERSION, "tool": "policyparse", "entries": entries}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def apply_baseline(findings: list[Finding], entries: list[Entry], baseline_path: Path,
                   checked: list[str]) -> tuple[list[Finding], list[Entry]]:
    """(findings not in the baseline, stale baseline entries)."""
    base = baseline_path.resolve().parent
    budget = Counter(e.key for e in entries)
    new: list[Finding] = []
    for f in findings:
        k = key_of(f, base)
        if budget[k] > 0:
            budget[k] -= 1
        else:
            new.append(f)
    checked_rel = {_rel(p, base) for p in checked}
    stale: list[Entry] = []
    left = Counter({k: n for k, n in budget.items() if n > 0})
    for e in entries:
        if left[e.key] > 0 and (e.path in checked_rel or not (base / e.path).exists()):
            left[e.key] -= 1
            stale.append(e)
    return new, stale
