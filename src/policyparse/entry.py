"""The ``policyparse`` console script: errors as one line and an exit code, and a short
road for ``extract``.

Typer (0.20 and later) converts every non-flag option through a pydantic TypeAdapter, so a
command with a path or a number imports pydantic: about 250 ms before any work, where a
small notice's whole parse takes a few. ``extract`` is the command analysts run once per
file, in shell loops, so its plain command lines (a file, and the options below, spelled
``--opt value``, ``--opt=value`` or ``-o value``) are read here and run without typer.
Anything else (``--help``, an unknown or malformed option, a missing file argument, a value
that is not a plain number) goes to the typer app, which owns the command's help and its
error messages. A test holds these tables equal to the typer command's parameters.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import EXIT_INTERNAL, PolicyParseError, UsageError

# option spellings → keyword of run_extract; flags take no value
EXTRACT_OPTIONS = {"--format": "fmt", "-f": "fmt", "--output": "output", "-o": "output",
                   "--grammar": "grammar", "-g": "grammar", "--max-bytes": "max_bytes"}
EXTRACT_FLAGS = {"--lenient": "lenient", "--strict": "strict"}
EXTRACT_DEFAULTS: dict[str, Any] = {"fmt": "json", "output": None, "grammar": None, "lenient": False,
                                    "strict": False,
                                    "max_bytes": 16 * 1024 * 1024}


def err(msg: str) -> None:
    sys.stderr.write(f"policyparse: {msg}\n")


def run_extract(file: Path, fmt: str = "json", output: Path | None = None, grammar: Path | None = None,
                lenient: bool = False, max_bytes: int = EXTRACT_DEFAULTS["max_bytes"],
                strict: bool = False) -> None:
    """``policyparse extract``: parse one notice, write JSON or YAML to stdout or ``output``,
    or its tables as an Excel workbook to ``output``."""
    from .grammar import load_grammar
    from .pipeline import parse_file_records
    from .writers import BINARY_FORMATS, EXTRACT_FORMATS, dumps, write_atomic

    if fmt not in EXTRACT_FORMATS:
        raise UsageError(f"--format must be one of {', '.join(EXTRACT_FORMATS)} (got {fmt!r})")
    if fmt in BINARY_FORMATS:
        if output is None:
            raise UsageError(f"--format {fmt} writes a binary file: give it a name with -o FILE.{fmt}")
        from .table_files import require

        require((fmt,))  # a missing library is said before the parse
    g = load_grammar(str(grammar) if grammar else None)
    doc = parse_file_records(file, grammar=g, max_bytes=max_bytes, strict=not lenient,
                             require_structure=strict)
    for d in doc.diagnostics:
        if d.severity == "warning":
            err(f"warning: {file}:{d.line or 0}: {d.message}")
    if fmt == "xlsx":
        from .table_files import write_document_xlsx

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


def guarded(run: Callable[[], Any]) -> None:
    """Run a command and exit: 0, the command's own code, or one line on stderr and the
    exit code of the failure; no traceback unless POLICYPARSE_DEBUG is set."""
    try:
        rc = run()
        if isinstance(rc, int) and rc:
            sys.exit(rc)  # e.g. typer turning Ctrl-C into 130
    except PolicyParseError as exc:
        err(f"error: {exc}")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err("interrupted")
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
            err("aborted")
            sys.exit(130)
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
            err(f"error: {exc.format_message()}")
            sys.exit(2)
        if os.environ.get("POLICYPARSE_DEBUG"):
            raise
        err(f"internal error: {type(exc).__name__}: {exc} (set POLICYPARSE_DEBUG=1 for a traceback)")
        sys.exit(EXIT_INTERNAL)
    sys.exit(0)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``policyparse`` command."""
    args = sys.argv[1:] if argv is None else list(argv)
    if args and args[0] == "extract":
        kwargs = parse_extract_args(args[1:])
        if kwargs is not None:
            guarded(lambda: run_extract(**kwargs))
    from .cli import main as typer_main

    typer_main(args)


if __name__ == "__main__":
    main()
