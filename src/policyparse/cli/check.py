"""``policyparse check`` and ``policyparse rules``: the lint's command line.

Exit codes (ruff's): 0 clean, 1 findings at or above ``--fail-on``, 2 usage or I/O error.
Only the chosen format goes to stdout (or ``-o``); the summary, stale baseline entries
and errors go to stderr.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from ..constants import DEFAULT_MAX_BYTES
from .guard import err as _err

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(values: Optional[List[str]]) -> Optional[List[str]]:
    if values is None:
        return None
    return [c.strip() for v in values for c in v.split(",") if c.strip()]


def register(app: typer.Typer) -> None:
    """Add the ``check`` and ``rules`` commands to ``app``."""
    app.command("check")(check)
    app.command("rules")(rules)


def check(
    paths: List[Path] = typer.Argument(..., help="Notice files or folders (folders are searched for .txt, .html, .docx and .pdf files)."),
    output_format: str = typer.Option("text", "--output-format", help="text, concise, json, github or sarif."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report here instead of stdout."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Rules to run: codes, prefixes (PP2), slugs, groups, ALL. Comma-separated or repeated; replaces the config's select."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Rules to skip (same forms as --select); replaces the config's ignore."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="Lowest severity that fails the run: error, warning (default) or info."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when there are findings."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Accept the findings listed in this file; report only new ones."),
    write_baseline: bool = typer.Option(False, "--write-baseline", help="Write all current findings to --baseline and exit 0."),
    config: Optional[Path] = typer.Option(None, "--config", help="Config file (default: nearest policyparse.toml or pyproject.toml)."),
    grammar: Optional[Path] = typer.Option(None, "--grammar", "-g", help="A YAML file overlaid on the built-in grammar."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Files larger than this are reported as unreadable."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary on stderr."),
) -> None:
    """Lint notices: report what will not parse cleanly or is incomplete."""
    from ..check import CheckOptions, run_check
    from ..check.baseline import dumps_baseline
    from ..check.engine import RuleCrash
    from ..check.formatters import FORMATS, render, summary_line
    from ..errors import PolicyParseError, UsageError
    from ..output.writers import write_atomic

    try:
        if output_format not in FORMATS:
            raise UsageError(f"--output-format must be one of {', '.join(FORMATS)} (got {output_format!r})")
        if write_baseline and baseline is None:
            raise UsageError("--write-baseline needs --baseline FILE")
        opts = CheckOptions(select=_codes(select), ignore=_codes(ignore), fail_on=fail_on,
                            grammar=str(grammar) if grammar else None, config=config,
                            baseline=None if write_baseline else baseline, max_bytes=max_bytes)
        rep = run_check([str(p) for p in paths], opts)
        if not rep.files:
            _err("warning: no notice files (.txt, .html, .docx, .pdf) under the given path(s)")
        if write_baseline:
            assert baseline is not None
            write_atomic(baseline, dumps_baseline(rep.findings, baseline))
            if not quiet:
                _err(f"wrote {len(rep.findings)} finding(s) to the baseline {baseline}")
            sys.exit(EXIT_CLEAN)
        color = output is None and output_format == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        text = render(rep, output_format, color=color)
        if output is not None:
            write_atomic(output, text)
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
    except PolicyParseError as exc:
        _err(f"error: {exc}")
        sys.exit(EXIT_ERROR)
    except RuleCrash as exc:
        _err(f"internal error: {exc} (please report it with the file; POLICYPARSE_DEBUG=1 shows a traceback)")
        sys.exit(EXIT_ERROR)
    for e in rep.stale:
        _err(f"stale baseline entry: {e.path}: {e.code} no longer found on a line reading “{e.line_text[:40]}”")
    if not quiet and (output_format != "text" or output is not None):
        _err(summary_line(rep))
    # sys.exit, not typer.Exit: the app runs with standalone_mode=False, where click returns
    # typer.Exit's code instead of exiting with it
    sys.exit(EXIT_CLEAN if exit_zero or not rep.failing else EXIT_FINDINGS)


def rules(
    rule: Optional[str] = typer.Argument(None, help="A rule code (PP201) or slug to explain; all rules if omitted."),
    output_format: str = typer.Option("text", "--output-format", help="text or json."),
) -> None:
    """List the check rules, or explain one."""
    import json

    from ..check.registry import all_rules, find_rule

    if output_format not in ("text", "json"):
        _err(f"error: --output-format must be text or json (got {output_format!r})")
        sys.exit(EXIT_ERROR)
    chosen = all_rules()
    if rule is not None:
        r = find_rule(rule)
        if r is None:
            _err(f"error: unknown rule {rule!r} (run `policyparse rules` for the list)")
            sys.exit(EXIT_ERROR)
        chosen = [r]
    if output_format == "json":
        data = [{"code": r.code, "slug": r.slug, "group": r.group, "severity": r.severity, "summary": r.summary,
                 "what": r.what, "why": r.why, "example": r.example} for r in chosen]
        sys.stdout.write(json.dumps(data if rule is None else data[0], ensure_ascii=False, indent=2) + "\n")
        return
    from rich.console import Console

    con = Console(highlight=False, emoji=False, markup=False, soft_wrap=rule is not None)
    if rule is None:
        _rules_table(con, chosen)
    else:
        _explain(con, chosen[0])


def _rules_table(con, rules) -> None:
    from rich.table import Table
    from rich.text import Text

    t = Table(title=Text("policyparse check rules"), show_lines=False)
    for col in ("code", "slug", "group", "severity"):
        t.add_column(col, no_wrap=True)
    t.add_column("finds")
    for r in rules:
        t.add_row(Text(r.code), Text(r.slug), Text(r.group), Text(r.severity), Text(r.summary))
    con.print(t)
    con.print(Text("`policyparse rules PP201` explains one rule."))


def _explain(con, r) -> None:
    from rich.text import Text

    con.print(Text.assemble((f"{r.code} {r.slug}", "bold"), f"  ({r.group}, default severity {r.severity})"))
    con.print(Text(r.summary))
    con.print()
    con.print(Text("What it finds", style="bold"))
    con.print(Text(r.what))
    con.print()
    con.print(Text("Why it matters", style="bold"))
    con.print(Text(r.why))
    con.print()
    con.print(Text("Example", style="bold"))
    for line in r.example.splitlines():
        con.print(Text("    " + line))
