"""Writing the tables (:mod:`policyparse.output.tables`) as CSV, Excel or Parquet files.

Each format is a *sink*: it is opened once, takes a table's rows as they come (a batch
streams them file by file), and at the end is put in place whole (:meth:`commit`) or
removed (:meth:`abort`) — every file goes through :class:`~policyparse.output.writers.AtomicFile`,
so no reader sees a half-written table. The libraries are imported only by the sink that
needs them: XlsxWriter for Excel, pyarrow for Parquet.

- ``csv``: ``assignments.csv``, ``targets.csv``, ``headings.csv``, UTF-8 with a BOM (Excel
  needs it to read UTF-8), the columns marked ``csv`` in the table definitions;
- ``xlsx``: one workbook, a sheet per table, every column typed (numbers as numbers,
  dates as dates), a bold frozen header row with an autofilter, columns as wide as their
  text (a CJK character counts two). XlsxWriter's constant-memory mode streams the rows
  to disk, so a large batch does not hold them;
- ``parquet``: a file per table, typed columns (list<string>, int64, float64, date32),
  written in row groups as the rows come.
"""

from __future__ import annotations

import csv
import datetime
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..errors import OutputError, UsageError
from .tables import TABLES, Row, Table, csv_formatter
from .writers import AtomicFile

TABLE_FORMATS = ("csv", "xlsx", "parquet")
XLSX_NAME = "tables.xlsx"  # a batch's workbook: one file, a sheet per table

_NEEDS = {
    "xlsx": ("xlsxwriter", "writing Excel files needs XlsxWriter: pip install 'XlsxWriter>=3.0'"),
    "parquet": ("pyarrow.parquet", "writing Parquet files needs pyarrow: pip install 'policyparse[parquet]'"),
}


def parse_table_formats(value: str, option: str = "--tables-format") -> tuple[str, ...]:
    """``csv,xlsx`` → ``("csv", "xlsx")`` (order kept, repeats dropped); anything else is a
    usage error."""
    names = [v.strip().lower() for v in value.split(",")]
    bad = [n for n in names if n not in TABLE_FORMATS]
    if bad or not value.strip():
        raise UsageError(f"{option} takes a comma-separated list of {', '.join(TABLE_FORMATS)} "
                         f"(got {value!r})")
    return tuple(dict.fromkeys(names))


def require(formats: Iterable[str]) -> None:
    """Fail early, with the install command, when a format's library is missing (before a
    batch spends its time converting files)."""
    from importlib import import_module

    for fmt in formats:
        need = _NEEDS.get(fmt)
        if need is None:
            continue
        try:
            import_module(need[0])
        except ImportError:
            raise UsageError(need[1]) from None


def _output_error(path: Path | str, exc: BaseException) -> OutputError:
    reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return OutputError(f"cannot write table ({reason})", str(path))


class TableSink:
    """Takes the rows of each table and writes them somewhere; :meth:`commit` puts the files
    in place, :meth:`abort` removes them."""

    def add(self, table: Table, rows: Sequence[Row]) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        raise NotImplementedError

    def abort(self) -> None:
        raise NotImplementedError


# ---------------------------------------------------------------------------- CSV


class CsvSink(TableSink):
    """``<table>.csv`` files in a folder, UTF-8 with BOM, CRLF rows (what Excel expects)."""

    def __init__(self, folder: str | Path, tables: Sequence[Table] = TABLES):
        self._files: dict[str, tuple[AtomicFile, Any, Any]] = {}
        try:
            for t in tables:
                f = AtomicFile(Path(folder) / f"{t.name}.csv", newline="")
                self._files[t.name] = (f, csv.writer(f.fh), csv_formatter(t))
                # the BOM (the utf-8-sig codec would encode each row in Python: slower, same bytes)
                f.write("\ufeff")
                self._files[t.name][1].writerow(t.csv_names)
        except BaseException:
            self.abort()
            raise

    def add(self, table: Table, rows: Sequence[Row]) -> None:
        _, writer, fmt = self._files[table.name]
        writer.writerows(map(fmt, rows))

    def commit(self) -> None:
        for f, _, _ in self._files.values():
            f.commit()

    def abort(self) -> None:
        for f, _, _ in self._files.values():
            f.abort()


# ---------------------------------------------------------------------------- Excel

_MAX_ROWS = 1_048_576  # rows of an Excel sheet; a longer table goes on in <name>_2, <name>_3 …
_MAX_WIDTH = 60  # widest column, in characters
_FIXED_TIME = datetime.datetime(1980, 1, 1)  # the workbook's "created": fixed, so a table is byte-identical


def display_width(text: str) -> int:
    """Columns ``text`` takes in a spreadsheet: a wide (CJK, full-width) character counts two."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")


class _Sheet:
    """One table in a workbook: a sheet (more when it outgrows Excel's row limit), its
    header, and the widest text of each column so far."""

    def __init__(self, book: Any, table: Table, formats: dict[str, Any], max_rows: int):
        self.book = book
        self.table = table
        self.formats = formats
        self.max_rows = max_rows
        self.sheets: list[tuple[Any, int]] = []  # (worksheet, rows written, header included)
        self.widths = [display_width(c.name) for c in table.columns]
        self.kinds = [c.kind for c in table.columns]
        self.ws: Any = None
        self.row = 0
        self._start()

    def _start(self) -> None:
        if self.ws is not None:
            self.sheets.append((self.ws, self.row))
        name = self.table.name if not self.sheets else f"{self.table.name}_{len(self.sheets) + 1}"
        self.ws = self.book.add_worksheet(name)
        for c, col in enumerate(self.table.columns):
            self.ws.write_string(0, c, col.name, self.formats["header"])
        self.ws.freeze_panes(1, 0)
        self.row = 1

    def add(self, rows: Sequence[Row]) -> None:
        widths, kinds, date_fmt = self.widths, self.kinds, self.formats["date"]
        for values in rows:
            if self.row >= self.max_rows:
                self._start()
            ws, r = self.ws, self.row
            for c, v in enumerate(values):
                if v is None:
                    continue
                kind = kinds[c]
                if kind == "str" or kind == "list":
                    text = "、".join(v) if kind == "list" else v
                    if not text:
                        continue
                    ws.write_string(r, c, text)
                    if 2 * len(text) > widths[c] and widths[c] < _MAX_WIDTH:
                        widths[c] = max(widths[c], display_width(text))
                elif kind == "date":
                    ws.write_datetime(r, c, v, date_fmt)
                    widths[c] = max(widths[c], 10)
                else:  # int, float
                    ws.write_number(r, c, v)
                    widths[c] = max(widths[c], len(repr(v)))
            self.row += 1

    def finish(self) -> None:
        self.sheets.append((self.ws, self.row))
        last = len(self.table.columns) - 1
        for ws, rows in self.sheets:
            ws.autofilter(0, 0, max(rows - 1, 0), last)
            for c, w in enumerate(self.widths):
                ws.set_column(c, c, min(w, _MAX_WIDTH) + 2)


class XlsxSink(TableSink):
    """One workbook, a sheet per table (in the order of ``tables``)."""

    def __init__(self, path: str | Path, tables: Sequence[Table] = TABLES, max_rows: int = _MAX_ROWS):
        import shutil
        import tempfile

        import xlsxwriter

        self.path = Path(path)
        self._file = AtomicFile(self.path, binary=True)
        self._rmtree = shutil.rmtree
        self._tmpdir = ""
        try:
            # constant-memory mode keeps each sheet's rows in a temporary file until the
            # workbook is closed; a folder of our own lets abort remove them too
            self._tmpdir = tempfile.mkdtemp(prefix="policyparse-xlsx-")
            self._book = xlsxwriter.Workbook(self._file.fh, {
                "constant_memory": True, "tmpdir": self._tmpdir, "strings_to_numbers": False,
                "strings_to_formulas": False, "strings_to_urls": False})
            self._book.set_properties({"title": "policyparse tables", "created": _FIXED_TIME})
            formats = {"header": self._book.add_format({"bold": True}),
                       "date": self._book.add_format({"num_format": "yyyy-mm-dd"})}
            self._sheets = {t.name: _Sheet(self._book, t, formats, max_rows) for t in tables}
        except BaseException:
            self.abort()
            raise

    def add(self, table: Table, rows: Sequence[Row]) -> None:
        try:
            self._sheets[table.name].add(rows)
        except OSError as exc:
            raise _output_error(self.path, exc) from None

    def commit(self) -> None:
        try:
            for sheet in self._sheets.values():
                sheet.finish()
            self._book.close()
        except Exception as exc:  # noqa: BLE001 - XlsxWriter's own errors (FileCreateError…) too
            self.abort()
            raise _output_error(self.path, exc) from None
        finally:
            if self._tmpdir:
                self._rmtree(self._tmpdir, ignore_errors=True)
        self._file.commit()

    def abort(self) -> None:
        self._file.abort()
        if self._tmpdir:
            self._rmtree(self._tmpdir, ignore_errors=True)


# ---------------------------------------------------------------------------- Parquet

_ROW_GROUP = 65_536  # rows buffered before a row group is written


def arrow_schema(table: Table) -> Any:
    """The Arrow schema of a table (imports pyarrow)."""
    import pyarrow as pa

    from ..constants import VERSION as __version__

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "date": pa.date32(),
             "list": pa.list_(pa.string())}
    return pa.schema([pa.field(c.name, types[c.kind]) for c in table.columns],
                     metadata={"policyparse.table": table.name, "policyparse.version": __version__})


class ParquetSink(TableSink):
    """``<table>.parquet`` files in a folder, one per table."""

    def __init__(self, folder: str | Path, tables: Sequence[Table] = TABLES, row_group: int = _ROW_GROUP):
        import pyarrow.parquet as pq

        self._row_group = row_group
        self._files: dict[str, tuple[AtomicFile, Any, Any, list[Row]]] = {}
        try:
            for t in tables:
                f = AtomicFile(Path(folder) / f"{t.name}.parquet", binary=True)
                schema = arrow_schema(t)
                self._files[t.name] = (f, pq.ParquetWriter(f.fh, schema), schema, [])
        except BaseException:
            self.abort()
            raise

    def add(self, table: Table, rows: Sequence[Row]) -> None:
        buffer = self._files[table.name][3]
        buffer.extend(rows)
        if len(buffer) >= self._row_group:
            self._flush(table.name)

    def _flush(self, name: str) -> None:
        import pyarrow as pa

        f, writer, schema, buffer = self._files[name]
        if not buffer:
            return
        try:
            columns = list(zip(*buffer))
            arrays = [pa.array(col, type=field.type) for col, field in zip(columns, schema)]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
        except (OSError, pa.ArrowException) as exc:
            raise _output_error(f.path, exc) from None
        buffer.clear()

    def commit(self) -> None:
        import pyarrow as pa

        try:
            for name, (f, writer, _, _) in self._files.items():
                self._flush(name)
                try:
                    writer.close()
                except (OSError, pa.ArrowException) as exc:
                    raise _output_error(f.path, exc) from None
            for f, _, _, _ in self._files.values():
                f.commit()
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        for f, writer, _, buffer in self._files.values():
            buffer.clear()
            try:
                writer.close()
            except Exception:  # noqa: BLE001, S110 - the file is removed next whatever state it is in
                pass
            f.abort()


# ---------------------------------------------------------------------------- opening


def open_sinks(folder: str | Path, formats: Sequence[str]) -> list[TableSink]:
    """The sinks of a batch's tables in ``folder``: ``<table>.csv``, ``tables.xlsx``,
    ``<table>.parquet``."""
    sinks: list[TableSink] = []
    try:
        for fmt in formats:
            if fmt == "csv":
                sinks.append(CsvSink(folder))
            elif fmt == "xlsx":
                sinks.append(XlsxSink(Path(folder) / XLSX_NAME))
            elif fmt == "parquet":
                sinks.append(ParquetSink(folder))
            else:
                raise UsageError(f"unknown table format {fmt!r}")
    except BaseException:
        for s in sinks:
            s.abort()
        raise
    return sinks


def write_xlsx(path: str | Path, rows: dict[str, Sequence[Row]]) -> None:
    """One document's tables as a workbook at ``path`` (``extract --format xlsx``)."""
    sink = XlsxSink(path)
    try:
        for t in TABLES:
            sink.add(t, rows.get(t.name, ()))
    except BaseException:
        sink.abort()
        raise
    sink.commit()


def write_document_xlsx(path: str | Path, doc: Any, file: str) -> None:
    """A parsed document's tables as a workbook at ``path``, ``file`` in their first column."""
    from .tables import document_rows

    write_xlsx(path, document_rows(doc.to_dict(), file).by_table())


__all__ = ["TABLE_FORMATS", "XLSX_NAME", "CsvSink", "ParquetSink", "TableSink", "XlsxSink", "arrow_schema",
           "display_width", "open_sinks", "parse_table_formats", "require", "write_document_xlsx",
           "write_xlsx"]
