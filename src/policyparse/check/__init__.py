"""``policyparse check``: lint rules over parsed notices, for CI and pre-commit.

The engine (:func:`run_check`) turns paths and settings into a :class:`Report`; rules live
in ``rules_*.py`` (one small function each, documentation beside it), formats in
``formatters``, config in ``config``, the baseline in ``baseline``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..constants import DEFAULT_MAX_BYTES
from .findings import Finding

__all__ = ["CheckOptions", "Finding", "run_check"]


@dataclass
class CheckOptions:
    """Command-line values; ``None`` means “not given, use the config file or the default”."""

    select: list[str] | None = None
    ignore: list[str] | None = None
    fail_on: str | None = None
    grammar: str | None = None
    config: Path | None = None
    baseline: Path | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    cwd: Path = field(default_factory=Path.cwd)


def run_check(paths: list[str], opts: CheckOptions):
    """Check ``paths`` (files or folders) with the config file's settings overridden by ``opts``;
    with ``opts.baseline``, findings the baseline accepts are dropped and its stale entries kept."""
    from ..grammar import load_grammar
    from .baseline import apply_baseline, load_baseline
    from .config import check_severity, enabled_rules, ignored_for, load_settings
    from .engine import check_file, collect_paths
    from .formatters import Report

    settings = load_settings(opts.config, opts.cwd)
    select = opts.select if opts.select is not None else settings.select
    ignore = opts.ignore if opts.ignore is not None else settings.ignore
    fail_on = check_severity(opts.fail_on, "--fail-on") if opts.fail_on else settings.fail_on
    rules = enabled_rules(select, ignore)
    g = load_grammar(opts.grammar or settings.grammar)
    files = collect_paths(paths, settings.extensions)
    findings: list[Finding] = []
    sources: dict[str, list[str]] = {}
    for path in files:
        off = ignored_for(path, settings)
        active = [r for r in rules if r.code not in off]
        fs = check_file(path, g, active, max_bytes=opts.max_bytes)
        findings.extend(fs)
        if fs:
            sources[path] = _lines(path, opts.max_bytes)
    rep = Report(findings=findings, files=files, fail_on=fail_on, sources=sources)
    if opts.baseline is not None:
        entries = load_baseline(opts.baseline)
        new, stale = apply_baseline(findings, entries, opts.baseline, files)
        rep.baselined = len(findings) - len(new)
        rep.findings, rep.stale = new, stale
    return rep


def _lines(path: str, max_bytes: int) -> list[str]:
    from ..errors import PolicyParseError
    from ..read import read_source

    try:
        return read_source(path, max_bytes=max_bytes).lines
    except PolicyParseError:
        return []
