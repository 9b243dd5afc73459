"""The ``policyparse`` console script.

Plain ``extract`` command lines run without typer (see ``policyparse.cli.extract``); every
other command line goes to the typer app (``policyparse.cli.app``). Either way a failure is
one line on stderr and an exit code (``policyparse.cli.guard``).
"""

from __future__ import annotations

import sys

from .extract import parse_extract_args, run_extract
from .guard import guarded


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``policyparse`` command."""
    args = sys.argv[1:] if argv is None else list(argv)
    if args and args[0] == "extract":
        kwargs = parse_extract_args(args[1:])
        if kwargs is not None:
            guarded(lambda: run_extract(**kwargs))
    from .app import main as typer_main

    typer_main(args)


if __name__ == "__main__":
    main()
