"""``policyparse show FILE``: a parsed notice laid out for reading on the terminal.

The command reads a file the way ``extract`` does (text, web page, .docx, PDF; the same
errors and exit codes) and hands the records to :mod:`policyparse.views.show`. rich and the
view are imported when the command runs, so ``--help`` and ``extract`` never load them.
"""

from __future__ import annotations

from pathlib import Path

import typer

from ..constants import DEFAULT_MAX_BYTES


def register(app: typer.Typer) -> None:
    """Add the ``show`` command to ``app``."""
    app.command("show")(show)


def show(
    file: Path = typer.Argument(..., help="A notice: text, a saved web page, a .docx or a PDF."),
    only: str | None = typer.Option(None, "--only",
                                    help="Show one part: tree (headings), clauses (a table) or targets (a table)."),
    text: bool = typer.Option(False, "--text", help="Also print the text of paragraphs and headings."),
    width: int | None = typer.Option(None, "--width", min=20, help="Lay out for this many columns (default: the terminal's)."),
    color: str = typer.Option("auto", "--color",
                              help="auto (colour on a terminal unless NO_COLOR is set), always (e.g. for less -R) or never."),
    grammar: Path | None = typer.Option(None, "--grammar", "-g", help="A YAML file overlaid on the built-in grammar."),
    lenient: bool = typer.Option(False, "--lenient", help="Parse despite unbalanced brackets."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Refuse files larger than this."),
) -> None:
    """Show a notice's numbering tree with its clauses, targets and diagnostics, for reading."""
    from ..errors import UsageError
    from ..grammar import load_grammar
    from ..parse.pipeline import parse_file
    from ..views.show import COLOR_MODES, VIEWS, make_console, render

    if only is not None and only not in VIEWS:
        raise UsageError(f"--only must be one of {', '.join(VIEWS)} (got {only!r})")
    if color not in COLOR_MODES:
        raise UsageError(f"--color must be one of {', '.join(COLOR_MODES)} (got {color!r})")
    g = load_grammar(str(grammar) if grammar else None)
    doc = parse_file(file, grammar=g, max_bytes=max_bytes, strict=not lenient)
    render(doc, make_console(color, width), only=only, text=text)
