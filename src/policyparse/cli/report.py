"""``policyparse report``: the command line around :mod:`policyparse.views.report`.

Only typer is imported here (cli/app.py imports this module on every start); the report, the
parser and the check rules are imported when the command runs.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ..constants import DEFAULT_MAX_BYTES

_HELP = """Write a self-contained HTML review report of one notice, or of every notice under a
folder. One notice: its text with line numbers, each extracted fact marked on its line and
linked to a table of records, the metadata, diagnostics and check findings. A folder: each
department's tasks across notices, a department x notice matrix, deadlines by month, then
every notice's own section; a file that fails is listed with its error. The file needs no
network to view (CSS and JS inline, system fonts). Exit codes: 0 written, 1 written but
some files of the folder failed, 2 usage, 3 not found, 5 no notice file in the folder,
12 cannot write OUTPUT; for one file, the file's own error code (e.g. 13 unsupported
format, 14 corrupt, 15 encrypted, 16 no text)."""


def register(app: typer.Typer) -> None:
    """Add the ``report`` command to ``app``."""

    @app.command(help=_HELP)
    def report(
        path: Path = typer.Argument(..., metavar="PATH", help="A notice file, or a folder of notices."),
        output: Optional[Path] = typer.Option(None, "--output", "-o",
                                              help="Write the HTML here (atomically) instead of stdout."),
        grammar: Optional[Path] = typer.Option(None, "--grammar", "-g",
                                               help="A YAML file overlaid on the built-in grammar."),
        lenient: bool = typer.Option(False, "--lenient", help="Parse despite unbalanced brackets."),
        max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Refuse files larger than this."),
        no_check: bool = typer.Option(False, "--no-check", help="Leave out check's findings (faster)."),
    ) -> None:
        sys.exit(run_report(path, output, grammar, lenient, max_bytes, not no_check))


def run_report(path: Path, output: Path | None, grammar: Path | None = None, lenient: bool = False,
               max_bytes: int = DEFAULT_MAX_BYTES, with_check: bool = True) -> int:
    """Build and write the report; the exit code (0, or 1 when some files of a folder failed)."""
    from ..errors import EmptyInput, InputNotFound
    from ..grammar import load_grammar
    from ..output.writers import write_atomic
    from ..views import report as rv

    if not path.exists():
        raise InputNotFound("no such file or folder", str(path))
    g = load_grammar(str(grammar) if grammar else None)
    rules_for = _rules_for() if with_check else None
    failed = 0
    if path.is_dir():
        views = rv.load_folder(path, g, exclude=[output] if output is not None else [], max_bytes=max_bytes,
                               strict=not lenient, rules_for=rules_for)
        if not views:
            raise EmptyInput("no notice file (.txt, .html, .docx, .pdf …) in this folder", str(path))
        for v in views:
            if v.doc is None:
                failed += 1
                sys.stderr.write(f"policyparse: error: {path / v.path}: {v.error}\n")
        html = rv.render_folder(views, path.as_posix())
    else:
        view = rv.load_notice(path, g, max_bytes=max_bytes, strict=not lenient,
                              rules=rules_for(str(path)) if rules_for else None)
        html = rv.render_notice(view)
    if output is not None:
        write_atomic(output, html)
    else:
        sys.stdout.write(html)
        sys.stdout.flush()
    return 1 if failed else 0


def _rules_for():
    """The check rules for a file: the config file's select / ignore / per-file-ignores."""
    from ..check.config import enabled_rules, ignored_for, load_settings

    settings = load_settings(None, Path.cwd())
    rules = enabled_rules(settings.select, settings.ignore)

    def rules_for(p: str) -> list:
        off = ignored_for(p, settings)
        return [r for r in rules if r.code not in off]

    return rules_for
