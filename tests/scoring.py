"""Precision / recall of a parsed notice against a gold annotation (../shared/gold/SPEC.md).

The project's own scorer, so the annotated regression sets run wherever the tests run (CI
included) without ../shared/eval/score.py. It counts what that scorer counts:

* headings: (line, depth, title) of every numbered node, depth = 1 + numbered ancestors,
  titles compared without spaces and a trailing 。;
* assignments: (line, role, name) triples over lead / support / responsible;
* deadlines: (line, raw deadline) of every clause that has one;
* targets: (line, value, unit); gold targets marked ``core: false`` are neither required
  nor counted against the parser;
* meta: title, issuer and date, where the gold gives them.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

METRICS = ("headings", "assignments", "deadlines", "targets", "meta")
ROLES = ("lead", "support", "responsible")


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: Counter, pred: Counter, ignore: Counter | None = None) -> tuple[Counter, Counter]:
        """Count one document; return (missed, false) items."""
        missed = gold - pred
        false = pred - gold - (ignore or Counter())
        self.tp += sum((gold & pred).values())
        self.fn += sum(missed.values())
        self.fp += sum(false.values())
        return missed, false

    @property
    def f1(self) -> float:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    metrics: dict[str, PRF] = field(default_factory=lambda: {k: PRF() for k in METRICS})
    errors: list[tuple] = field(default_factory=list)

    def f1(self) -> dict[str, float]:
        return {k: round(m.f1, 3) for k, m in self.metrics.items()}


def _text(s: str | None) -> str:
    return "".join((s or "").split()).rstrip("。．.")


def _unit(u: str | None) -> str:
    return unicodedata.normalize("NFKC", u or "").strip()


def _value(v: Any) -> Any:
    if v is None:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    return None if math.isnan(f) else round(f, 6)


def _collect(node: Any, depth: int, out: dict[str, list]) -> None:
    if isinstance(node, dict):
        marker = node.get("marker")
        heading = isinstance(marker, str) and marker.strip() and isinstance(node.get("line"), int)
        d = depth + 1 if heading else depth
        if heading:
            out["headings"].append((node["line"], d, _text(node.get("title"))))
        out["assignments"] += [a for a in node.get("assignments") or [] if isinstance(a.get("line"), int)]
        out["targets"] += [t for t in node.get("targets") or [] if isinstance(t.get("line"), int)]
        for key, val in node.items():
            if key not in ("assignments", "targets") and isinstance(val, (dict, list)):
                _collect(val, d, out)
    elif isinstance(node, list):
        for v in node:
            _collect(v, depth, out)


def _names(a: dict, role: str) -> list[str]:
    return ["".join(str(d.get("name") if isinstance(d, dict) else d).split()) for d in a.get(role) or []]


def _triples(assignments: list[dict]) -> Counter:
    return Counter((a["line"], role, n) for a in assignments for role in ROLES for n in _names(a, role) if n)


def _deadlines(assignments: list[dict]) -> Counter:
    out: Counter = Counter()
    for a in assignments:
        d = a.get("deadline")
        if isinstance(d, dict):
            d = d.get("raw")
        if d:
            out[(a["line"], _text(d))] += 1
    return out


def _targets(targets: list[dict], core: bool | None = None) -> Counter:
    return Counter((t["line"], _value(t.get("value")), _unit(t.get("unit"))) for t in targets
                   if core is None or bool(t.get("core", True)) == core)


def score(gold: dict, doc: dict, into: Score | None = None) -> Score:
    """Add one document's counts (``doc`` is the JSON output of ``extract``) to ``into``."""
    s = into or Score()
    name = gold.get("doc", "?")
    pred: dict[str, list] = {"headings": [], "assignments": [], "targets": []}
    _collect(doc.get("children", []), 0, pred)

    def tally(metric: str, g: Counter, p: Counter, ignore: Counter | None = None) -> None:
        missed, false = s.metrics[metric].add(g, p, ignore)
        s.errors += [(name, metric, "miss", k) for k in missed] + [(name, metric, "false", k) for k in false]

    tally("headings", Counter((h["line"], h["depth"], _text(h["title"])) for h in gold.get("headings", [])),
          Counter(pred["headings"]))
    tally("assignments", _triples(gold.get("assignments", [])), _triples(pred["assignments"]))
    tally("deadlines", _deadlines(gold.get("assignments", [])), _deadlines(pred["assignments"]))
    tally("targets", _targets(gold.get("targets", []), core=True), _targets(pred["targets"]),
          ignore=_targets(gold.get("targets", []), core=False))
    meta = doc.get("meta") or {}
    for key in ("title", "issuer", "date"):
        want = (gold.get("meta") or {}).get(key)
        if want is None:
            continue
        ok = meta.get(key) is not None and _text(str(meta[key])) == _text(str(want))
        s.metrics["meta"].add(Counter({key: 1}), Counter({key: 1} if ok else {}), None)
        if not ok:
            s.metrics["meta"].fp += 1  # a wrong value is both a miss and a false value
            s.errors.append((name, "meta", key, (want, meta.get(key))))
    return s
