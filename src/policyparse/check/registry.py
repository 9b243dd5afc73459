"""Rules: codes, slugs, groups, default severities and their documentation, in one registry.

A rule is a small function ``(ctx) -> Iterable[Hit]`` registered with :func:`rule`; its
documentation (what it finds, why it matters, an example in Chinese) is data on the
registration, so ``policyparse rules`` and the README table come from the same place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

GROUPS = {
    "PP1": "structure",
    "PP2": "responsibility",
    "PP3": "targets",
    "PP4": "source",
}


@dataclass(frozen=True)
class Hit:
    """What a rule reports: where (1-based line, column) and what; the engine adds the rest."""

    line: int
    column: int
    message: str
    end_column: int | None = None
    severity: str | None = None  # None: the rule's severity; a rule may report a milder case lower


@dataclass(frozen=True)
class Rule:
    code: str
    slug: str
    severity: str
    summary: str
    what: str
    why: str
    example: str
    check: Callable[..., Iterable[Hit]] | None = None

    @property
    def group(self) -> str:
        return GROUPS[self.code[:3]]


RULES: dict[str, Rule] = {}


def rule(code: str, slug: str, severity: str, summary: str, *, what: str, why: str, example: str):
    """Register the decorated function as rule ``code``."""

    def deco(fn: Callable[..., Iterable[Hit]]) -> Callable[..., Iterable[Hit]]:
        if code in RULES:
            raise ValueError(f"duplicate rule code {code}")
        RULES[code] = Rule(code, slug, severity, summary, what.strip(), why.strip(), example.strip(), fn)
        return fn

    return deco


def doc_only(code: str, slug: str, severity: str, summary: str, *, what: str, why: str, example: str) -> None:
    """Register a rule the engine reports itself (e.g. a file that cannot be read)."""
    RULES[code] = Rule(code, slug, severity, summary, what.strip(), why.strip(), example.strip(), None)


def all_rules() -> list[Rule]:
    """Every rule, in code order (imports the rule modules on first use)."""
    from . import rules_responsibility, rules_source, rules_structure, rules_targets  # noqa: F401

    return [RULES[c] for c in sorted(RULES)]


def find_rule(key: str) -> Rule | None:
    """A rule by code (PP201, case-insensitive) or slug (missing-responsibility)."""
    rules = all_rules()
    k = key.strip()
    for r in rules:
        if r.code.lower() == k.lower() or r.slug == k.lower():
            return r
    return None
