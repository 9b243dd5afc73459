"""``policyparse batch``: the command line around :mod:`policyparse.batch.runner`.

Only typer is imported here (cli/app.py imports this module on every start); the batch
machinery, rich and the parser are imported when the command runs.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import typer

from ..constants import DEFAULT_MAX_BYTES

if TYPE_CHECKING:  # pragma: no cover
    from ..batch.runner import FileResult, Summary

_HELP = """Convert every notice under FOLDER into OUTPUT, mirroring the folder tree
(FOLDER/a/b.txt → OUTPUT/a/b.json), in parallel. A re-run skips files whose content,
parser version, grammar and options are unchanged. Failed files are listed in
OUTPUT/errors.jsonl. Exit codes: 0 all converted, 1 some files failed, 2 usage,
3 FOLDER not found, 11 bad grammar, 12 cannot write OUTPUT, 130 interrupted
(run again to resume)."""


def register(app: typer.Typer) -> None:
    """Add the ``batch`` command to ``app``."""

    @app.command(help=_HELP)
    def batch(
        folder: Path = typer.Argument(..., metavar="FOLDER", help="The folder of notices (searched recursively)."),
        output: Path = typer.Option(..., "--output", "-o", help="The output folder (created if missing)."),
        fmt: str = typer.Option("json", "--format", "-f", help="Output format: json or yaml."),
        jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1,
                                           help="Worker processes (default: the number of CPUs)."),
        glob: str = typer.Option("**/*.{txt,html,htm,shtml,xhtml,docx,pdf}", "--glob",
                                 help="Which files, relative to FOLDER ('**/' spans folders; "
                                      "a pattern without '/' matches names at any depth)."),
        tables: bool = typer.Option(False, "--tables",
                                    help="Also write the tables of assignments, targets and headings "
                                         "(OUTPUT/assignments.csv …, UTF-8 with BOM, for Excel)."),
        tables_format: Optional[str] = typer.Option(
            None, "--tables-format",
            help="The tables' formats, comma-separated: csv (default; OUTPUT/<table>.csv), xlsx "
                 "(OUTPUT/tables.xlsx, a sheet per table), parquet (OUTPUT/<table>.parquet; needs "
                 "pyarrow). Implies --tables."),
        jsonl: Optional[str] = typer.Option(None, "--jsonl",
                                            help="Also write every document as one JSON line to this "
                                                 "file ('-' for stdout)."),
        force: bool = typer.Option(False, "--force", help="Convert every file, even unchanged ones."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary."),
        grammar: Optional[Path] = typer.Option(None, "--grammar", "-g",
                                               help="A YAML file overlaid on the built-in grammar."),
        lenient: bool = typer.Option(False, "--lenient", help="Parse despite unbalanced brackets."),
        max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Refuse files larger than this."),
        strict: bool = typer.Option(False, "--strict",
                                    help="Fail a text with no numbered heading and no clause (no-structure)."),
    ) -> None:
        code = _run(folder, output, fmt, jobs, glob, tables, jsonl, force, quiet, grammar, lenient, max_bytes,
                    strict, tables_format)
        sys.exit(code)


def _run(folder: Path, output: Path, fmt: str, jobs: int | None, glob: str, tables: bool,
         jsonl: str | None, force: bool, quiet: bool, grammar: Path | None, lenient: bool,
         max_bytes: int, strict: bool = False, tables_format: str | None = None) -> int:
    import signal
    import threading

    from ..batch import runner as b

    opts, table_formats = _options(folder, output, fmt, glob, force, grammar, lenient, max_bytes, strict,
                                   tables_format)
    tables = tables or tables_format is not None
    n_jobs = jobs or b.default_jobs()

    stop = threading.Event()
    hard = threading.Event()

    def on_sigint(signum: int, frame: object) -> None:
        if stop.is_set():  # a second Ctrl-C: run_batch stops the workers now (their writes still clean up)
            hard.set()
            return
        if not quiet:
            sys.stderr.write("policyparse: stopping after the files in hand (Ctrl-C again to stop now)\n")
        stop.set()

    display = _Display(quiet)
    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        summary = b.run_batch(opts, n_jobs, jsonl_path=jsonl, tables=tables, table_formats=table_formats,
                              stop=stop, on_start=display.start, on_result=display.advance, hard_stop=hard)
    except KeyboardInterrupt:  # the second Ctrl-C: run_batch has already cleaned up
        display.stop()
        sys.stderr.write("policyparse: interrupted; the files finished are kept, "
                         "run the same command again to resume\n")
        return b.EXIT_INTERRUPTED
    finally:
        display.stop()
        # once interrupted, a late Ctrl-C must not cut the summary short or change the exit code
        signal.signal(signal.SIGINT, signal.SIG_IGN if stop.is_set() else previous)
    display.summary(summary, output)
    _say_outcome(summary, folder, output, glob, quiet)
    return summary.exit_code


def _options(folder: Path, output: Path, fmt: str, glob: str, force: bool, grammar: Path | None, lenient: bool,
             max_bytes: int, strict: bool, tables_format: str | None) -> tuple[Any, tuple[str, ...]]:
    """The run's options and table formats, every usage error said before any file is read."""
    from ..batch import runner as b
    from ..errors import InputNotFound, OutputError, UsageError
    from ..grammar import load_grammar
    from ..output.writers import FORMATS

    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)} (got {fmt!r})")
    table_formats: tuple[str, ...] = ("csv",)
    if tables_format is not None:
        from ..output.table_files import parse_table_formats, require

        table_formats = parse_table_formats(tables_format)
        require(table_formats)  # a missing library is said now, not after the whole folder
    if not folder.exists():
        raise InputNotFound("no such folder", str(folder))
    if not folder.is_dir():
        raise UsageError(f"{folder} is a file, not a folder (use `policyparse extract` for one file)")
    if output.exists() and not output.is_dir():
        raise OutputError("exists and is not a folder", str(output))
    g = load_grammar(str(grammar) if grammar else None)
    opts = b.BatchOptions(root=str(folder), out=str(output), fmt=fmt, pattern=glob,
                          grammar=str(grammar) if grammar else None, strict=not lenient,
                          require_structure=strict, max_bytes=max_bytes, force=force, fingerprint=g.fingerprint)
    return opts, table_formats


def _say_outcome(summary: Any, folder: Path, output: Path, glob: str, quiet: bool) -> None:
    """The lines after the summary: an interruption, failures a quiet run did not list, no file."""
    from ..batch import runner as b

    if summary.interrupted:
        sys.stderr.write(f"policyparse: interrupted after {summary.done} of {summary.total} files; "
                         "run the same command again to resume\n")
    elif quiet and summary.failed:
        sys.stderr.write(f"policyparse: {summary.failed} of {summary.total} files failed "
                         f"(see {output / b.ERRORS_NAME})\n")
    if summary.total == 0 and not summary.interrupted:
        sys.stderr.write(f"policyparse: warning: no file under {folder} matches {glob!r}\n")


class _Display:
    """The progress bar and the closing summary, on stderr (stdout may carry JSONL)."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.progress = None
        self.task = None
        self.console = None
        if not quiet:
            from rich.console import Console

            self.console = Console(stderr=True, highlight=False)

    def start(self, total: int) -> None:
        if self.console is None or not self.console.is_terminal:
            return
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(
            TextColumn("batch"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
            TextColumn("{task.fields[rate]} files/s"), TimeElapsedColumn(), TextColumn("ETA"),
            TimeRemainingColumn(), console=self.console, transient=False)
        self.task = self.progress.add_task("batch", total=total, rate="-")
        self.progress.start()

    def advance(self, res: FileResult) -> None:
        if self.progress is None:
            return
        task = self.progress.tasks[0]
        elapsed = task.elapsed or 0.0
        # files done / time so far: rich's windowed speed swings wildly on the first files
        rate = f"{(task.completed + 1) / elapsed:.1f}" if elapsed > 0.5 else "-"
        self.progress.update(self.task, advance=1, rate=rate)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None

    def summary(self, s: Summary, output: Path) -> None:
        if self.console is None:
            return
        from rich.table import Table
        from rich.text import Text

        table = Table(title="policyparse batch", show_header=False, title_justify="left")
        table.add_column(justify="left")
        table.add_column(justify="right")
        rate = s.done / s.seconds if s.seconds > 0 else 0.0
        for label, value in (("files", f"{s.total}"),
                             ("documents", f"{s.documents} ({s.parsed} converted, {s.skipped} unchanged)"),
                             ("sections", f"{s.sections}"), ("assignments", f"{s.assignments}"),
                             ("targets", f"{s.targets}"), ("warnings", f"{s.warnings}"),
                             ("failures", f"{s.failed}"),
                             ("time", f"{s.seconds:.1f} s ({rate:.1f} files/s)")):
            table.add_row(label, value)
        self.console.print(table)
        for res in s.failures:
            self.console.print(Text.assemble(("failed: ", "red"), f"{res.rel}: {res.code}: {res.message}"),
                               soft_wrap=True)
        if s.failed > len(s.failures):
            self.console.print(Text(f"… and {s.failed - len(s.failures)} more"), soft_wrap=True)
        if s.failed:
            self.console.print(Text(f"every failure: {output / 'errors.jsonl'}"), soft_wrap=True)
