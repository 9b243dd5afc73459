"""The typer app: ``policyparse extract | schema | batch | check | rules | text | show | report``.

Machine output goes to stdout or ``-o``; messages go to stderr, one line each. Every
user-facing failure has its own exit code (see ``policyparse.errors``); no traceback
is shown unless POLICYPARSE_DEBUG is set. Heavy modules are imported inside the
commands so ``--help`` starts fast.
"""

from __future__ import annotations

import typer

from . import batch, check, extract, report, show, text
from .guard import guarded

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
        from ..constants import VERSION as __version__

        typer.echo(f"policyparse {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version_cb, is_eager=True, help="Show the version."),
) -> None:
    """policyparse: notices in, JSON/YAML out."""


# one module per command, each registering its commands on the app, in the order --help lists them
for _command in (extract, batch, check, text, show, report):
    _command.register(app)


def main(argv: list[str] | None = None) -> None:
    """Run the typer app, turning errors into one line and an exit code."""
    guarded(lambda: app(args=argv, prog_name="policyparse", standalone_mode=False))


if __name__ == "__main__":
    main()
