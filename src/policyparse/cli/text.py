"""``policyparse text FILE``: the text the parser reads, one numbered line each.

For a .txt file that is the file itself; for a web page, a .docx or a PDF it is the text
the reader took out of it, and every ``line`` in ``extract``'s output points into it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..constants import DEFAULT_MAX_BYTES


def register(app: typer.Typer) -> None:
    @app.command("text")
    def text(
        file: Path = typer.Argument(..., help="A notice: text, a saved web page, a .docx or a PDF."),
        plain: bool = typer.Option(False, "--plain", help="The text alone, without line numbers."),
        max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Refuse files larger than this."),
    ) -> None:
        """Print the text the parser reads, with the line numbers extract's output uses."""
        from ..read import read_source

        src = read_source(file, max_bytes=max_bytes)
        out = sys.stdout
        if plain:
            out.write(src.text + "\n")
        else:
            width = len(str(len(src.lines)))
            pages = src.pages
            for i, line in enumerate(src.lines, 1):
                page = f"p{pages[i - 1]}\t" if pages is not None else ""
                out.write(f"{i:>{width}}\t{page}{line}\n")
        out.flush()
