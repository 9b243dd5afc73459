"""Command line: ``policyparse extract | schema | batch | check | rules``.

Machine output goes to stdout or ``-o``; messages go to stderr, one line each. Every
user-facing failure has its own exit code (see ``policyparse.errors``); no traceback
is shown unless POLICYPARSE_DEBUG is set. Heavy modules are imported inside the
commands so ``--help`` starts fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import typer

from .errors import EXIT_INTERNAL, PolicyParseError, UsageError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn Chinese government policy notices into validated, structured data.",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: importing rich for it costs more than the whole parse
)


def _err(msg: str) -> None:
    sys.stderr.write(f"policyparse: {msg}\n")


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
    file: Path = typer.Argument(..., help="A notice (.txt; UTF-8, UTF-8 with BOM, UTF-16 or GB18030)."),
    fmt: str = typer.Option("json", "--format", "-f", help="Output format: json or yaml."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here (atomically) instead of stdout."),
    grammar: Optional[Path] = typer.Option(None, "--grammar", "-g", help="A YAML file overlaid on the built-in grammar."),
    lenient: bool = typer.Option(False, "--lenient", help="Parse despite unbalanced brackets or missing numbering."),
    max_bytes: int = typer.Option(16 * 1024 * 1024, "--max-bytes", help="Refuse files larger than this."),
) -> None:
    """Parse one notice and print it as JSON or YAML."""
    from .grammar import load_grammar
    from .pipeline import parse_file_records
    from .writers import FORMATS, dumps, write_atomic

    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)} (got {fmt!r})")
    g = load_grammar(str(grammar) if grammar else None)
    doc = parse_file_records(file, grammar=g, max_bytes=max_bytes, strict=not lenient)
    for d in doc.diagnostics:
        if d.severity == "warning":
            _err(f"warning: {file}:{d.line or 0}: {d.message}")
    text = dumps(doc, fmt)
    if output is not None:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


@app.command()
def schema(
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
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
    """batch/check/rules live in their own modules; register them when present."""
    for modname in ("batch_cli", "check_cli"):
        try:
            mod = __import__(f"policyparse.{modname}", fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name != f"policyparse.{modname}":
                raise
            continue
        mod.register(app)


_register_optional_commands()


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning errors into one line and an exit code."""
    try:
        rc = app(args=argv, prog_name="policyparse", standalone_mode=False)
        if isinstance(rc, int) and rc:
            sys.exit(rc)  # e.g. typer turning Ctrl-C into 130
    except PolicyParseError as exc:
        _err(f"error: {exc}")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        sys.exit(0)
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        # click's exceptions (typer may vendor its own click): recognised by shape
        name = type(exc).__name__
        if name == "Exit":
            sys.exit(getattr(exc, "exit_code", 0))
        if name == "Abort":
            _err("aborted")
            sys.exit(130)
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
            _err(f"error: {exc.format_message()}")
            sys.exit(2)
        if os.environ.get("POLICYPARSE_DEBUG"):
            raise
        _err(f"internal error: {type(exc).__name__}: {exc} (set POLICYPARSE_DEBUG=1 for a traceback)")
        sys.exit(EXIT_INTERNAL)
    sys.exit(0)


if __name__ == "__main__":
    main()
