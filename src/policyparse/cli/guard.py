"""Every command's last line of defence: a failure is one line on stderr and an exit code
(the table in ``policyparse.errors``), never a traceback unless POLICYPARSE_DEBUG is set."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

from ..errors import EXIT_INTERNAL, PolicyParseError


def err(msg: str) -> None:
    sys.stderr.write(f"policyparse: {msg}\n")


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
