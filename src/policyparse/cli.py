"""Command line: ``policyparse extract | schema | batch | check | rules``.

Machine output goes to stdout or ``-o``; messages go to stderr, one line each. Every
user-facing failure has its own exit code (see ``policyparse.errors``); no traceback
is shown unless POLICYPARSE_DEBUG is set. Heavy modules are imported inside the
commands so ``--help`` starts fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from .entry import guarded, run_extract

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn Chinese government policy notices into validated, structured data.",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: importing rich for it costs more than the whole parse
)


def _version_cb(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"policyparse {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version_cb, is_eager=True, help="Show the version."),
) -> None:
    """policyparse: notices in, JSON/YAML out."""


@app.command()
def extract(
    file: Path = typer.Argument(..., help="A notice: text (UTF-8, UTF-16 or GB18030), a saved web page, a .docx or a PDF."),
    fmt: str = typer.Option("json", "--format", "-f",
                            help="Output format: json, yaml, or xlsx (the tables of assignments, targets "
                                 "and headings as an Excel workbook; needs -o)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here (atomically) instead of stdout."),
    grammar: Path | None = typer.Option(None, "--grammar", "-g", help="A YAML file overlaid on the built-in grammar."),
    lenient: bool = typer.Option(False, "--lenient", help="Parse despite unbalanced brackets."),
    max_bytes: int = typer.Option(16 * 1024 * 1024, "--max-bytes", help="Refuse files larger than this."),
    strict: bool = typer.Option(False, "--strict",
                                help="Refuse a text with no numbered heading and no clause (exit 9)."),
) -> None:
    """Parse one notice and print it as JSON or YAML (or write its tables as Excel)."""
    # plain command lines do not come here: policyparse.entry runs them without typer
    run_extract(file, fmt=fmt, output=output, grammar=grammar, lenient=lenient, max_bytes=max_bytes,
                strict=strict)


@app.command()
def schema(
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
) -> None:
    """Print the JSON Schema of extract's output."""
    import json

    from .models import Document
    from .writers import write_atomic

    text = json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2) + "\n"
    if output is not None:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)


def _register_optional_commands() -> None:
    """batch/check/text/show/report live in their own modules; register them when present."""
    for modname in ("batch_cli", "check_cli", "text_cli", "show_cli", "report_cli"):
        try:
            mod = __import__(f"policyparse.{modname}", fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name != f"policyparse.{modname}":
                raise
            continue
        mod.register(app)


_register_optional_commands()


def main(argv: list[str] | None = None) -> None:
    """Run the typer app, turning errors into one line and an exit code."""
    guarded(lambda: app(args=argv, prog_name="policyparse", standalone_mode=False))


if __name__ == "__main__":
    main()
