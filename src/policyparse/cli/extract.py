"""``policyparse extract`` and ``policyparse schema``.

Typer (0.20 and later) converts every non-flag option through a pydantic TypeAdapter, so a
command with a path or a number imports pydantic before any work. ``extract`` is the command
analysts run once per file, in shell loops, so its plain command lines (a file, and the options
below, spelled ``--opt value``, ``--opt=value`` or ``-o value``) are read by
:func:`parse_extract_args` and run by ``policyparse.cli.main`` without typer. Anything else
goes to the typer command registered here, which owns the help and the error messages. A test
holds the tables below equal to the typer command's parameters.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..constants import DEFAULT_MAX_BYTES
from ..errors import UsageError
from .guard import err

if TYPE_CHECKING:  # pragma: no cover
    import typer

# option spellings → keyword of run_extract; flags take no value
EXTRACT_OPTIONS = {"--format": "fmt", "-f": "fmt", "--output": "output", "-o": "output",
                   "--grammar": "grammar", "-g": "grammar", "--max-bytes": "max_bytes"}
EXTRACT_FLAGS = {"--lenient": "lenient", "--strict": "strict"}
EXTRACT_DEFAULTS: dict[str, Any] = {"fmt": "json", "output": None, "grammar": None, "lenient": False,
                                    "strict": False,
                                    "max_bytes": DEFAULT_MAX_BYTES}



def run_extract(file: Path, fmt: str = "json", output: Path | None = None, grammar: Path | None = None,
                lenient: bool = False, max_bytes: int = EXTRACT_DEFAULTS["max_bytes"],
                strict: bool = False) -> None:
    """``policyparse extract``: parse one notice, write JSON or YAML to stdout or ``output``,
    or its tables as an Excel workbook to ``output``."""
    from ..grammar import load_grammar
    from ..output.writers import BINARY_FORMATS, EXTRACT_FORMATS, dumps, write_atomic
    from ..parse.pipeline import parse_file

    if fmt not in EXTRACT_FORMATS:
        raise UsageError(f"--format must be one of {', '.join(EXTRACT_FORMATS)} (got {fmt!r})")
    if fmt in BINARY_FORMATS:
        if output is None:
            raise UsageError(f"--format {fmt} writes a binary file: give it a name with -o FILE.{fmt}")
        from ..output.table_files import require

        require((fmt,))  # a missing library is said before the parse
    g = load_grammar(str(grammar) if grammar else None)
    doc = parse_file(file, grammar=g, max_bytes=max_bytes, strict=not lenient,
                     require_structure=strict)
    for d in doc.diagnostics:
        if d.severity == "warning":
            err(f"warning: {file}:{d.line or 0}: {d.message}")
    if fmt == "xlsx":
        from ..output.table_files import write_document_xlsx

        write_document_xlsx(output, doc, file.as_posix())  # type: ignore[arg-type]
        return
    text = dumps(doc, fmt)
    if output is not None:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def parse_extract_args(args: list[str]) -> dict[str, Any] | None:
    """Keyword arguments of :func:`run_extract` for a plain command line, else None (typer
    reads it and reports what is wrong)."""
    values = dict(EXTRACT_DEFAULTS)
    file: str | None = None
    i = 0
    while i < len(args):
        a = args[i]
        i += 1
        if a.startswith("-") and a != "-":
            name, eq, value = a.partition("=") if a.startswith("--") else (a, "", "")
            if name in EXTRACT_FLAGS and not eq:
                values[EXTRACT_FLAGS[name]] = True
                continue
            if name not in EXTRACT_OPTIONS:
                return None  # --help, --, -o attached to its value, an unknown option
            if not eq:
                if i >= len(args) or args[i].startswith("-"):
                    return None
                value = args[i]
                i += 1
            values[EXTRACT_OPTIONS[name]] = value
            continue
        if file is not None:
            return None  # a second argument
        file = a
    if file is None:
        return None
    mb = values["max_bytes"]
    if isinstance(mb, str):
        if not (mb.isascii() and mb.isdigit()):
            return None
        values["max_bytes"] = int(mb)
    for key in ("output", "grammar"):
        if values[key] is not None:
            values[key] = Path(values[key])
    values["file"] = Path(file)
    return values


def register(app: typer.Typer) -> None:
    """The typer commands (the fast path above needs no typer: it is imported here)."""
    import typer

    @app.command()
    def extract(
        file: Path = typer.Argument(..., help="A notice: text (UTF-8, UTF-16 or GB18030), a saved web page, a .docx or a PDF."),
        fmt: str = typer.Option("json", "--format", "-f",
                                help="Output format: json, yaml, or xlsx (the tables of assignments, targets "
                                     "and headings as an Excel workbook; needs -o)."),
        output: Path | None = typer.Option(None, "--output", "-o", help="Write here (atomically) instead of stdout."),
        grammar: Path | None = typer.Option(None, "--grammar", "-g", help="A YAML file overlaid on the built-in grammar."),
        lenient: bool = typer.Option(False, "--lenient", help="Parse despite unbalanced brackets."),
        max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Refuse files larger than this."),
        strict: bool = typer.Option(False, "--strict",
                                    help="Refuse a text with no numbered heading and no clause (exit 9)."),
    ) -> None:
        """Parse one notice and print it as JSON or YAML (or write its tables as Excel)."""
        # plain command lines do not come here: policyparse.cli.main runs them without typer
        run_extract(file, fmt=fmt, output=output, grammar=grammar, lenient=lenient, max_bytes=max_bytes,
                    strict=strict)


    @app.command()
    def schema(
        output: Path | None = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
    ) -> None:
        """Print the JSON Schema of extract's output."""
        import json

        from ..output.schema import json_schema
        from ..output.writers import write_atomic

        text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
        if output is not None:
            write_atomic(output, text)
        else:
            sys.stdout.write(text)
