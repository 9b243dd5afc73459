"""Batch conversion: a folder of notices → a mirrored folder of JSON/YAML, tables, JSONL.

The pieces are small and separately testable: :func:`discover` walks the folder (sorted,
lazily), :func:`plan` turns what it finds into :class:`Task` values (joined with the
previous run's manifest to decide what may be skipped), :func:`run_one` converts one
file into a :class:`FileResult` (it never raises), and :class:`BatchWriter` writes each
result as it arrives. :func:`run_batch` wires them together over a process pool.

Memory stays flat however many files there are: the walk, the plan, the previous
manifest and every output are streams in one sorted order (the order of
:func:`sort_key`), so the old manifest is merged with the new one like two sorted files,
and the pool is fed from a generator through a bounded window.

Nothing is ever half-written: each output goes through :func:`policyparse.output.writers.write_atomic`,
and the manifest, ``errors.jsonl``, the tables (CSV, Excel, Parquet) and the JSONL file are
written to a ``.part`` file renamed into place at the end. A worker converts a file and writes its
output itself (sending the text back would cost the main process ~5 ms a file); the main
process records the results in order. On a stop no new file starts and the files in flight
finish; if the workers must be killed, their SIGTERM handler unwinds ``write_atomic``,
which removes its temporary file.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from ..constants import VERSION as __version__
from ..errors import EXIT_INTERNAL, OutputError, PolicyParseError
from ..output.tables import (  # iter_nodes and section_label were batch's own before policyparse.output.tables
    ASSIGNMENTS,
    HEADINGS,
    TABLES,
    TARGETS,
    Row,
    document_rows,
    iter_nodes,  # noqa: F401
    section_label,  # noqa: F401
)
from ..output.writers import AtomicFile, remove_partial_files
from ..read.files import walk
from ..read.globs import glob_regex

MANIFEST_NAME = ".policyparse-manifest.jsonl"
ERRORS_NAME = "errors.jsonl"
ASSIGNMENTS_CSV = "assignments.csv"
TARGETS_CSV = "targets.csv"
HEADINGS_CSV = "headings.csv"
MANIFEST_VERSION = 1
DEFAULT_GLOB = "**/*.{txt,html,htm,shtml,xhtml,docx,pdf}"  # the formats policyparse.read reads
from ..constants import DEFAULT_MAX_BYTES  # noqa: E402

# the CSV files' columns (policyparse.output.tables defines every table and format)
ASSIGNMENT_COLUMNS = ASSIGNMENTS.csv_names
TARGET_COLUMNS = TARGETS.csv_names
HEADING_COLUMNS = HEADINGS.csv_names

# exit codes of `policyparse batch` (per-file failures keep their own codes in errors.jsonl)
EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_INTERRUPTED = 130


# ---------------------------------------------------------------------------- values


@dataclass(frozen=True)
class BatchOptions:
    """Everything that decides what a run produces (and so whether a file can be skipped)."""

    root: str
    out: str
    fmt: str = "json"
    pattern: str = DEFAULT_GLOB
    grammar: str | None = None
    strict: bool = True
    require_structure: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    force: bool = False
    rows: bool = False  # compute table rows (--tables)
    jsonl: bool = False  # compute one compact JSON line per document (--jsonl)
    fingerprint: str = ""  # the grammar's fingerprint (policyparse.grammar.Grammar.fingerprint)

    def config(self) -> dict[str, Any]:
        """What a manifest entry must match, besides the file's hash, to be reused."""
        return {"parser": __version__, "grammar": self.fingerprint, "format": self.fmt,
                "strict": self.strict, "require_structure": self.require_structure,
                "max_bytes": self.max_bytes}


@dataclass(frozen=True)
class Task:
    """One file to convert: its path relative to the folder, the path parse_file sees,
    the mirrored output, the previous run's manifest entry when it may be reused, and a
    problem already known before reading it (an output-name collision, an unlistable folder)."""

    rel: str
    path: str
    out_rel: str
    prev: dict[str, Any] | None = None
    problem: tuple[str, int, str] | None = None


@dataclass
class FileResult:
    """What happened to one file. ``status`` is ok (converted), skipped (unchanged) or failed."""

    rel: str
    path: str
    out_rel: str
    status: str
    sha256: str | None = None
    out_bytes: int = 0
    sections: int = 0
    assignments: int = 0
    targets: int = 0
    warnings: int = 0
    text: str | None = None
    jsonl: str | None = None
    rows: dict[str, list[Row]] = field(default_factory=dict)  # table name → rows (policyparse.output.tables)
    code: str | None = None
    exit_code: int = 0
    message: str | None = None
    seconds: float = 0.0

    def manifest_entry(self, config: dict[str, Any]) -> dict[str, Any]:
        return {"v": MANIFEST_VERSION, "file": self.rel, "path": self.path, "output": self.out_rel,
                "sha256": self.sha256, "bytes": self.out_bytes, "config": config,
                "sections": self.sections, "assignments": self.assignments, "targets": self.targets,
                "warnings": self.warnings}

    def error_record(self) -> dict[str, Any]:
        return {"file": self.rel, "path": self.path, "code": self.code, "exit_code": self.exit_code,
                "message": self.message}


@dataclass
class Summary:
    """Totals of a run; ``failures`` keeps only the first few (the rest are in errors.jsonl)."""

    total: int = 0
    done: int = 0
    parsed: int = 0
    skipped: int = 0
    failed: int = 0
    sections: int = 0
    assignments: int = 0
    targets: int = 0
    warnings: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    failures: list[FileResult] = field(default_factory=list)
    max_failures_kept: int = 20

    @property
    def documents(self) -> int:
        return self.parsed + self.skipped

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return EXIT_INTERRUPTED
        return EXIT_SOME_FAILED if self.failed else EXIT_OK

    def add(self, res: FileResult) -> None:
        self.done += 1
        if res.status == "failed":
            self.failed += 1
            if len(self.failures) < self.max_failures_kept:
                self.failures.append(res)
            return
        if res.status == "ok":
            self.parsed += 1
        else:
            self.skipped += 1
        self.sections += res.sections
        self.assignments += res.assignments
        self.targets += res.targets
        self.warnings += res.warnings


# ---------------------------------------------------------------------------- discovery


def sort_key(rel: str) -> tuple[str, ...]:
    """The one order everything is in: path components compared in turn (a folder's
    files and sub-folders sorted by name, depth first) — the order :func:`discover` yields."""
    return tuple(rel.split("/"))




def discover(root: str | Path, pattern: str = DEFAULT_GLOB,
             exclude: str | Path | None = None) -> Iterator[tuple[str, str | None]]:
    """Yield ``(relative path, problem)`` for every file under ``root`` matching ``pattern``
    (a glob on the relative path), in :func:`sort_key` order: :func:`policyparse.read.files.walk`."""
    return walk(root, glob_regex(pattern).fullmatch, exclude)


def output_rel(rel: str, fmt: str) -> str:
    """The mirrored output path: a .txt file's path with the format's extension in place of
    its own (a/b.txt → a/b.json); a published file's path with the format's extension added
    (a/b.pdf → a/b.pdf.json), so the same notice as b.docx and b.pdf, or beside b.txt, gives
    outputs of its own."""
    p = PurePosixPath(rel)
    if p.suffix.lower() in ("", ".txt"):
        return str(p.with_suffix("." + fmt)) if p.suffix else f"{rel}.{fmt}"
    return f"{rel}.{fmt}"


# ---------------------------------------------------------------------------- manifest


def read_manifest(path: str | Path) -> Iterator[dict[str, Any]]:
    """Stream a manifest's entries in order; unreadable, foreign or out-of-order lines are
    dropped (the file they describe is then simply converted again)."""
    try:
        with open(path, encoding="utf-8") as fh:
            yield from _manifest_entries(fh)
    except (OSError, ValueError):  # none yet, unreadable or not UTF-8: convert what is not listed
        return


def _manifest_entries(fh: IO[str]) -> Iterator[dict[str, Any]]:
    last: tuple[str, ...] | None = None
    for line in fh:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if not isinstance(entry, dict) or entry.get("v") != MANIFEST_VERSION or not isinstance(
                entry.get("file"), str):
            continue
        key = sort_key(entry["file"])
        if last is not None and key <= last:
            continue
        last = key
        yield entry


class _Cursor:
    """Walks a sorted entry stream alongside another sorted stream (a merge join)."""

    def __init__(self, entries: Iterable[dict[str, Any]]):
        self._it = iter(entries)
        self._cur = next(self._it, None)

    def advance(self, rel: str,
                passed: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any] | None:
        """Move to ``rel`` and return its entry, if any; entries passed over on the way go
        to ``passed`` one by one (never collected: there may be many)."""
        key = sort_key(rel)
        while self._cur is not None and sort_key(self._cur["file"]) < key:
            if passed is not None:
                passed(self._cur)
            self._cur = next(self._it, None)
        match = None
        if self._cur is not None and self._cur["file"] == rel:
            match, self._cur = self._cur, next(self._it, None)
        return match

    def rest(self) -> Iterator[dict[str, Any]]:
        while self._cur is not None:
            yield self._cur
            self._cur = next(self._it, None)


def plan(opts: BatchOptions, found: Iterable[tuple[str, str | None]],
         previous: Iterable[dict[str, Any]] = ()) -> Iterator[Task]:
    """Turn discovered files into tasks. A task carries the previous manifest entry when
    its input path and configuration match (the worker then checks the content hash);
    two inputs of one folder that would write the same output make the second a failure."""
    cursor = _Cursor(previous)
    config = opts.config()
    outs_by_dir: dict[str, dict[str, str]] = {}
    for rel, problem in found:
        path = str(Path(opts.root) / rel)
        out_rel = output_rel(rel, opts.fmt)
        if problem is not None:
            yield Task(rel, path, out_rel, problem=("unreadable", 4, problem))
            continue
        folder = rel.rpartition("/")[0]
        for d in [d for d in outs_by_dir if not (d == folder or folder.startswith(d + "/") or d == "")]:
            del outs_by_dir[d]  # a folder the depth-first walk has left for good
        outs = outs_by_dir.setdefault(folder, {})
        entry = cursor.advance(rel)
        if out_rel in outs:
            yield Task(rel, path, out_rel, problem=(
                "collision", 2, f"its output {out_rel} is also the output of {outs[out_rel]} (narrow --glob)"))
            continue
        outs[out_rel] = rel
        reusable = (not opts.force and entry is not None and entry.get("path") == path
                    and entry.get("output") == out_rel and entry.get("config") == config)
        yield Task(rel, path, out_rel, prev=entry if reusable else None)


# ---------------------------------------------------------------------------- one file


def run_one(task: Task, opts: BatchOptions) -> FileResult:
    """Convert one file and write its output (atomically) — what a worker does. Never
    raises; the result no longer carries the output text."""
    res = convert_one(task, opts)
    if res.status == "ok":
        from ..output.writers import write_atomic

        try:
            write_atomic(Path(opts.out) / res.out_rel, res.text or "")
        except OutputError as exc:
            res = _failed(task, exc.code, exc.exit_code, exc.message)
    res.text = None
    return res


def convert_one(task: Task, opts: BatchOptions) -> FileResult:
    """Convert one file exactly as ``policyparse extract`` would, writing nothing. Never
    raises: a failure is a result with its error code and message."""
    t0 = time.perf_counter()
    try:
        res = _run_one(task, opts)
    except PolicyParseError as exc:
        res = _failed(task, exc.code, exc.exit_code, exc.message)
    except Exception as exc:  # noqa: BLE001 - a bug on one file must not stop the batch
        res = _failed(task, "internal", EXIT_INTERNAL, f"internal error: {type(exc).__name__}: {exc}")
    res.seconds = time.perf_counter() - t0
    return res


def _failed(task: Task, code: str, exit_code: int, message: str) -> FileResult:
    return FileResult(task.rel, task.path, task.out_rel, "failed", code=code, exit_code=exit_code,
                      message=message)


def _run_one(task: Task, opts: BatchOptions) -> FileResult:
    if task.problem is not None:
        return _failed(task, *task.problem)
    if task.prev is not None:
        reused = _reuse(task, opts)
        if reused is not None:
            return reused
    from ..grammar import load_grammar
    from ..output.writers import dumps
    from ..parse.pipeline import parse_file

    doc = parse_file(task.path, grammar=load_grammar(opts.grammar), max_bytes=opts.max_bytes,
                     strict=opts.strict, require_structure=opts.require_structure)
    data = doc.to_dict()
    text = dumps(doc, opts.fmt)
    res = FileResult(task.rel, task.path, task.out_rel, "ok", sha256=doc.source.sha256, text=text,
                     out_bytes=len(text.encode("utf-8")),
                     warnings=sum(1 for d in doc.diagnostics if d.severity == "warning"))
    _fill(res, data, opts)
    return res


def _reuse(task: Task, opts: BatchOptions) -> FileResult | None:
    """A skipped result when the input's hash and the output file match the manifest."""
    prev = task.prev or {}
    out_path = Path(opts.out) / task.out_rel
    try:
        with open(task.path, "rb") as fh:
            digest = hashlib.sha256(fh.read()).hexdigest()
        if digest != prev.get("sha256") or out_path.stat().st_size != prev.get("bytes"):
            return None
        data = _load_output(out_path, opts.fmt) if (opts.rows or opts.jsonl) else None
    except (OSError, ValueError):
        return None  # the parse reports a real problem with its proper error
    res = FileResult(task.rel, task.path, task.out_rel, "skipped", sha256=digest, out_bytes=prev["bytes"],
                     warnings=int(prev.get("warnings", 0)))
    if data is None:
        res.sections, res.assignments, res.targets = (int(prev.get(k, 0)) for k in
                                                       ("sections", "assignments", "targets"))
    else:
        _fill(res, data, opts)
    return res


def _load_output(path: Path, fmt: str) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    if fmt == "json":
        data = json.loads(text)
    else:
        import yaml

        try:
            data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as exc:
            raise ValueError(str(exc)) from None
    if not isinstance(data, dict) or not isinstance(data.get("children"), list):
        raise ValueError("not a policyparse document")
    return data


def _fill(res: FileResult, data: dict[str, Any], opts: BatchOptions) -> None:
    """Counts, table rows and the JSONL line, all from the document's dict."""
    got = document_rows(data, res.rel, rows=opts.rows)
    res.sections, res.assignments, res.targets = got.sections, got.n_assignments, got.n_targets
    if opts.rows:
        res.rows = got.by_table()
    if opts.jsonl:
        res.jsonl = json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# ---------------------------------------------------------------------------- writing


class _StdoutSink:
    """``--jsonl -``: lines go straight to stdout (a pipe cannot be renamed into place)."""

    def __init__(self) -> None:
        import sys

        self.fh = sys.stdout

    def write(self, text: str) -> None:
        self.fh.write(text)

    def commit(self) -> None:
        self.fh.flush()

    abort = commit


class BatchWriter:
    """Records results in the order they arrive (the outputs are already written, see
    :func:`run_one`): the new manifest (merged with the old one), errors.jsonl, the tables
    (in each of ``table_formats``, see :mod:`policyparse.output.table_files`) and the JSONL file."""

    def __init__(self, opts: BatchOptions, jsonl_path: str | None = None, tables: bool = False,
                 table_formats: tuple[str, ...] = ("csv",)):
        self.opts = opts
        self.out = Path(opts.out)
        self.config = opts.config()
        self._old = _Cursor(read_manifest(self.out / MANIFEST_NAME))
        self._sinks: list[Any] = []
        try:
            self.manifest = self._open(self.out / MANIFEST_NAME)
            self.errors = self._open(self.out / ERRORS_NAME)
            self.tables: list[Any] = []
            if tables:
                from ..output.table_files import open_sinks

                self.tables = open_sinks(self.out, table_formats)
                self._sinks.extend(self.tables)
            self.jsonl: AtomicFile | _StdoutSink | None = None
            if jsonl_path == "-":
                self.jsonl = _StdoutSink()
                self._sinks.append(self.jsonl)
            elif jsonl_path is not None:
                self.jsonl = self._open(jsonl_path)
        except BaseException:
            for s in self._sinks:
                s.abort()
            raise

    def _open(self, path: str | Path, **kw: Any) -> AtomicFile:
        sink = AtomicFile(path, **kw)
        self._sinks.append(sink)
        return sink

    def add(self, res: FileResult) -> FileResult:
        """Record one result (its output file is already written, see :func:`run_one`)."""
        # files this run did not see (another --glob) keep their state
        self._old.advance(res.rel, passed=self._write_entry)
        if res.status == "failed":
            self.errors.write(json.dumps(res.error_record(), ensure_ascii=False) + "\n")
            return res
        self._write_entry(res.manifest_entry(self.config))
        if res.rows:
            for sink in self.tables:
                for table in TABLES:
                    sink.add(table, res.rows.get(table.name, ()))
        if self.jsonl is not None and res.jsonl is not None:
            self.jsonl.write(res.jsonl + "\n")
        res.rows, res.jsonl = {}, None
        return res

    def _write_entry(self, entry: dict[str, Any]) -> None:
        self.manifest.write(json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n")

    def finish(self, complete: bool) -> None:
        """Put everything in place. The manifest is always kept (with the old entries of
        files not reached), so an interrupted run resumes; the error report, tables and
        JSONL describe the whole folder, so an incomplete run discards them."""
        settled: set[int] = set()
        try:
            for entry in self._old.rest():
                self._write_entry(entry)
            self.manifest.commit()
            settled.add(id(self.manifest))
            for sink in self._sinks:
                if sink is self.manifest:
                    continue
                sink.commit() if complete else sink.abort()
                settled.add(id(sink))
        finally:
            for sink in self._sinks:
                if id(sink) not in settled:
                    sink.abort()


# ---------------------------------------------------------------------------- running


def default_jobs() -> int:
    """The CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _exit_on_sigterm(signum: int, frame: object) -> None:
    # remove the file being written and leave now: an exception raised here could land in a
    # finaliser, be swallowed, and leave the worker alive with the pool waiting on it
    remove_partial_files()
    os._exit(143)


def _init_worker(grammar: str | None) -> None:
    import signal

    # the parent decides when to stop (Ctrl-C reaches the whole process group); if it
    # must kill the pool (Pool.terminate sends SIGTERM), a write in progress cleans up
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    from ..grammar import load_grammar

    load_grammar(grammar)


def _gated(tasks: Iterable[Task], window: threading.Semaphore, *stops: threading.Event) -> Iterator[Task]:
    """Feed the pool no further ahead than the window allows: Pool.imap's feeder thread
    would otherwise drain the whole generator (and results would pile up unread)."""
    for task in tasks:
        while not window.acquire(timeout=0.1):
            if any(s.is_set() for s in stops):
                return
        if any(s.is_set() for s in stops):
            return
        yield task


@contextmanager
def _results(tasks: Iterable[Task], opts: BatchOptions, jobs: int, stop: threading.Event,
             hard: threading.Event) -> Iterator[Iterator[FileResult]]:
    """Results in task order, from this process (jobs=1) or a pool of ``jobs`` processes.
    Once ``stop`` is set no new file is started; the files in flight finish and their
    results still come through, so every output written is also recorded. Once ``hard``
    is set, KeyboardInterrupt is raised here, at a point where the main thread waits for
    results (a signal handler raising it could land inside a finaliser, which swallows
    it), and the workers are killed."""
    if jobs <= 1:
        def serial() -> Iterator[FileResult]:
            for task in tasks:
                if hard.is_set():
                    raise KeyboardInterrupt
                if stop.is_set():
                    return
                yield run_one(task, opts)

        yield serial()
        return

    import functools
    import multiprocessing as mp

    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    window = threading.Semaphore(jobs * 4)
    done = threading.Event()
    drained = False
    pool = ctx.Pool(jobs, initializer=_init_worker, initargs=(opts.grammar,))
    try:
        it = pool.imap(functools.partial(run_one, opts=opts), _gated(tasks, window, stop, done), chunksize=1)

        def pooled() -> Iterator[FileResult]:
            nonlocal drained
            while True:  # ends when _gated stops feeding and the files in flight are done
                try:
                    res = it.next(timeout=0.1)
                except mp.TimeoutError:
                    if hard.is_set():
                        raise KeyboardInterrupt from None
                    continue
                except StopIteration:
                    break
                if hard.is_set():
                    raise KeyboardInterrupt
                window.release()
                yield res
            drained = True

        yield pooled()
    finally:
        done.set()  # lets the feeder thread leave _gated
        if drained:
            pool.close()
        else:  # the caller gave up (an exception): kill the workers
            pool.terminate()
        pool.join()


def count_files(opts: BatchOptions) -> int:
    """How many files a run will look at (a second, cheap walk: no list is kept)."""
    return sum(1 for _ in discover(opts.root, opts.pattern, exclude=opts.out))


def run_batch(opts: BatchOptions, jobs: int = 1, *, jsonl_path: str | None = None, tables: bool = False,
              table_formats: tuple[str, ...] = ("csv",), stop: threading.Event | None = None, on_start: Callable[[int], None] | None = None,
              on_result: Callable[[FileResult], None] | None = None,
              hard_stop: threading.Event | None = None) -> Summary:
    """Convert every matching file under ``opts.root`` into ``opts.out``.

    ``on_start(total)`` is called once the workers exist (start a progress display
    there, not before: the pool forks), ``on_result`` after each file is written. Setting
    ``stop`` (e.g. from a SIGINT handler) ends the run cleanly: finished files stay,
    the manifest records them, nothing is left half-written, and the summary says
    ``interrupted``. Setting ``hard_stop`` as well (a second Ctrl-C) kills the workers and
    raises KeyboardInterrupt; the files finished are still recorded."""
    stop = stop or threading.Event()
    hard = hard_stop or threading.Event()
    opts = _with(opts, rows=opts.rows or tables, jsonl=opts.jsonl or jsonl_path is not None)
    t0 = time.perf_counter()
    summary = Summary(total=count_files(opts))
    writer = BatchWriter(opts, jsonl_path=jsonl_path, tables=tables, table_formats=table_formats)
    complete = False
    try:
        tasks = plan(opts, discover(opts.root, opts.pattern, exclude=opts.out),
                     read_manifest(Path(opts.out) / MANIFEST_NAME))
        with _results(tasks, opts, min(jobs, max(1, summary.total)), stop, hard) as results:
            if on_start is not None:
                on_start(summary.total)
            for res in results:
                res = writer.add(res)
                summary.add(res)
                if on_result is not None:
                    on_result(res)
            complete = not stop.is_set()
    finally:
        summary.interrupted = not complete
        summary.seconds = time.perf_counter() - t0
        writer.finish(complete)
    return summary


def _with(opts: BatchOptions, **changes: Any) -> BatchOptions:
    from dataclasses import replace

    return replace(opts, **changes)
