"""Line-free agreement of two parses of one notice (issue 9): a published file (web page,
.docx, PDF) against the plain text of the same notice.

Line numbers differ between the two texts, so facts are compared as multisets without
them: headings as (depth, marker, title), clauses as (role, name) pairs and their
deadlines, targets as (value, unit, comparator, year), and the metadata fields title,
issuer, date and doc_number. ``agreement`` returns an F1 per kind and over all facts.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from .scoring import PRF, _text

KINDS = ("headings", "assignments", "deadlines", "targets", "meta")
META_FIELDS = ("title", "issuer", "date", "doc_number")


def facts(doc: dict[str, Any]) -> dict[str, Counter]:
    out = {k: Counter() for k in KINDS}

    def walk(node: dict[str, Any], depth: int) -> None:
        if node.get("marker") is not None:
            depth += 1
            out["headings"][(depth, _text(node["marker"]), _text(node.get("title")))] += 1
        for a in node.get("assignments", []):
            for role in ("lead", "support", "responsible"):
                for name in a.get(role) or []:
                    out["assignments"][(role, _text(name))] += 1
            if a.get("deadline"):
                out["deadlines"][_text(a["deadline"]["raw"])] += 1
        for t in node.get("targets", []):
            v = t.get("value")
            out["targets"][(None if v is None else round(float(v), 6), t.get("unit"), t.get("comparator"),
                            t.get("year"))] += 1
        for c in node.get("children", []):
            walk(c, depth)

    for c in doc.get("children", []):
        walk(c, 0)
    meta = doc.get("meta", {})
    for f in META_FIELDS:
        if meta.get(f):
            out["meta"][(f, _text(meta[f]))] += 1
    return out


def agreement(reference: dict[str, Any], other: dict[str, Any]) -> tuple[dict[str, float], float, list[str]]:
    """F1 per kind and overall of ``other`` against ``reference``, and the differing facts."""
    ref, got = facts(reference), facts(other)
    total = PRF()
    per: dict[str, float] = {}
    diffs: list[str] = []
    for k in KINDS:
        m = PRF()
        missed, false = m.add(ref[k], got[k])
        total.add(ref[k], got[k])
        per[k] = round(m.f1, 4)
        diffs += [f"{k} missed {x}" for x in missed.elements()] + [f"{k} extra {x}" for x in false.elements()]
    return per, round(total.f1, 4), diffs


def _squash(s: str) -> str:
    return "".join(s.split())


def held_part(reference_text: str, other_text: str, anchor: int = 10) -> tuple[str, float]:
    """The part of ``reference_text`` that ``other_text`` holds, and the share of its lines
    (of ``anchor`` characters or more, tables aside) found there.

    A published form can lose text: a PDF rendering that stops at an embedded object or at
    the foot of a fixed-height frame. Its facts are then compared with the reference up to
    its last line the other text holds before three in a row it lacks (whitespace and table
    rows aside), plus the held head of the next."""
    held = _squash(other_text)
    lines = reference_text.split("\n")
    long = [_squash(ln) for ln in lines if len(_squash(ln)) >= anchor and "\t" not in ln]
    share = sum(1 for q in long if q in held) / len(long) if long else 1.0
    last, missing = -1, 0
    for i, ln in enumerate(lines):
        q = _squash(ln)
        if len(q) < anchor or "\t" in ln:
            continue
        if q in held:
            last, missing = i, 0
        else:
            missing += 1
            if missing == 3:  # the text the other holds has ended (a line found later is a repeat)
                break
    k = last + 1
    while k < len(lines) and _squash(lines[k]) in held:  # short lines after the last long one
        k += 1
    out = lines[:k]
    if k < len(lines):
        q, n = _squash(lines[k]), 0
        while n < len(q) and q[: n + 1] in held:
            n += 1
        if n >= 4:
            out.append(q[:n])
    return "\n".join(out) + "\n", share
