"""The tables (assignments, targets, headings) as CSV, Excel and Parquet: one definition, the
same rows in every format, row counts equal to the JSON's records, typed columns, Excel's
header, freeze and filter, resumable batches, and usage errors."""

from __future__ import annotations

import csv
import datetime
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from policyparse.batch import runner as b
from policyparse.grammar import load_grammar
from policyparse.output import tables as t

from .conftest import ROOT, SHARED, sample_paths

openpyxl = pytest.importorskip("openpyxl")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

CORPUS = SHARED / "corpus"
ALL = ("csv", "xlsx", "parquet")

# an invented notice in the style of the real ones: clauses with deadlines, targets, three levels
NOTICE = """某某省人民政府办公厅关于推进示范园区建设的通知
各市人民政府，省政府各部门：
现将有关事项通知如下。
一、总体目标
到2027年，全省建成示范园区50个以上，园区营业收入年均增长8.5%左右。
二、重点任务
（一）建设公共服务平台。完善园区服务体系。（省工业和信息化厅牵头，省财政厅、省商务厅配合）
（二）优化营商环境。
1．简化审批流程。牵头单位：省发展改革委；配合单位：省市场监管局；完成时限：2026年6月底前。
2．加强要素保障。责任单位：省自然资源厅；推进时限：常年推进。
"""


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policyparse", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, check=False)


def options(src: Path, out: Path, **kw: Any) -> b.BatchOptions:
    return b.BatchOptions(root=str(src), out=str(out), fingerprint=load_grammar().fingerprint, **kw)


def notice(folder: Path, name: str = "notice.txt", text: str = NOTICE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


def records(doc: dict[str, Any]) -> dict[str, int]:
    """How many rows each table should have: the JSON's clauses, targets and headings."""
    n = {"assignments": 0, "targets": 0, "headings": 0}
    stack = list(doc["children"])
    while stack:
        node = stack.pop()
        n["assignments"] += len(node["assignments"])
        n["targets"] += len(node["targets"])
        n["headings"] += node["marker"] is not None or node["kind"] == "appendix"
        stack.extend(node["children"])
    return n


def xlsx_rows(path: Path) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}


def per_file(rows: list[tuple], header: tuple) -> dict[str, int]:
    i = list(header).index("file")
    got: dict[str, int] = {}
    for r in rows:
        got[r[i]] = got.get(r[i], 0) + 1
    return got


# ---------------------------------------------------------------------------- the definition


def test_every_row_builder_fills_every_column_of_its_table() -> None:
    from policyparse.parse.pipeline import parse_text

    data = parse_text(NOTICE, path="n.txt").to_dict()
    rows = t.document_rows(data, "n.txt")
    for table in t.TABLES:
        got = rows.by_table()[table.name]
        assert got, table.name
        assert {len(r) for r in got} == {len(table.columns)}
        assert all(c.kind in t.KINDS for c in table.columns)
    (a1, a2, a3) = rows.assignments
    cols = t.ASSIGNMENTS.names
    assert a2[cols.index("deadline_date")] == datetime.date(2026, 6, 1)
    assert a2[cols.index("deadline_kind")] == "by" and a2[cols.index("deadline")] == "2026年6月底前"
    assert a3[cols.index("deadline_date")] is None and a3[cols.index("deadline_kind")] == "ongoing"
    assert a1[cols.index("support")] == ["省财政厅", "省商务厅"]
    assert [r[1] for r in rows.headings] == ["一", "二", "二/（一）", "二/（二）", "二/（二）/1", "二/（二）/2"]
    assert rows.targets[1][t.TARGETS.names.index("value")] == 8.5


def test_the_csv_columns_are_what_they_were() -> None:
    assert b.ASSIGNMENT_COLUMNS == ("file", "section_path", "item_title", "lead", "support", "responsible",
                                    "deadline", "line")
    assert b.TARGET_COLUMNS == ("file", "section_path", "subject", "value", "unit", "comparator", "year", "line")
    assert b.HEADING_COLUMNS == t.HEADINGS.names  # new: every column


@pytest.mark.parametrize("text, width", [("abc", 3), ("省财政厅", 8), ("（一）ab", 8), ("", 0)])
def test_a_wide_character_counts_two(text: str, width: int) -> None:
    from policyparse.output.table_files import display_width

    assert display_width(text) == width


# ---------------------------------------------------------------------------- CSV unchanged


def _old_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float):
        return json.dumps(value)
    return value


def _old_csv(docs: dict[str, dict], which: str) -> bytes:
    """The CSV the batch wrote before the tables had one definition (its code, kept here)."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf)
    if which == "assignments":
        w.writerow(("file", "section_path", "item_title", "lead", "support", "responsible", "deadline", "line"))
    else:
        w.writerow(("file", "section_path", "subject", "value", "unit", "comparator", "year", "line"))
    for rel, doc in docs.items():
        for node, section, title in t.iter_nodes(doc):
            if which == "assignments":
                for a in node["assignments"]:
                    d = a.get("deadline") or {}
                    w.writerow([rel, section, a.get("task") or title, "、".join(a.get("lead") or []),
                                "、".join(a.get("support") or []), "、".join(a.get("responsible") or []),
                                d.get("raw") or "", a.get("line")])
            else:
                for x in node["targets"]:
                    w.writerow([rel, section, _old_cell(x.get("subject")), _old_cell(x.get("value")),
                                _old_cell(x.get("unit")), _old_cell(x.get("comparator")), _old_cell(x.get("year")),
                                x.get("line")])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _folders() -> list[Any]:
    """The samples, and the shared corpus's notices (skipped where shared/ is missing)."""
    corpus = pytest.param(CORPUS, marks=pytest.mark.skipif(not CORPUS.is_dir(), reason="no shared corpus"))
    return [ROOT / "samples", corpus]


@pytest.mark.parametrize("folder", _folders(), ids=lambda p: p.name)
def test_the_csv_tables_are_byte_for_byte_what_they_were(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    s = b.run_batch(options(folder, out, pattern="*.txt"), jobs=2, tables=True)
    assert s.failed == 0 and s.documents > 0
    docs = {str(p.relative_to(out).with_suffix(".txt")): json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(out.rglob("*.json"))}
    docs = dict(sorted(docs.items(), key=lambda kv: b.sort_key(kv[0])))
    for which in ("assignments", "targets"):
        assert (out / f"{which}.csv").read_bytes() == _old_csv(docs, which), which


# ---------------------------------------------------------------------------- row counts


def _check_counts(out: Path, docs: dict[str, dict]) -> None:
    """Each file's rows in the workbook and the Parquet files are its JSON's records."""
    want = {rel: records(doc) for rel, doc in docs.items()}
    sheets = xlsx_rows(out / "tables.xlsx")
    for table in t.TABLES:
        expected = {rel: n[table.name] for rel, n in want.items() if n[table.name]}
        header, *rows = sheets[table.name]
        assert header == table.names
        assert per_file(rows, header) == expected, table.name
        pt = pq.read_table(out / f"{table.name}.parquet")
        assert per_file(list(zip(pt.column("file").to_pylist())), ("file",)) == expected, table.name
        with open(out / f"{table.name}.csv", encoding="utf-8-sig", newline="") as fh:
            header, *rows = list(csv.reader(fh))
        assert per_file([tuple(r) for r in rows], tuple(header)) == expected, table.name


@pytest.mark.parametrize("folder", _folders(), ids=lambda p: p.name)
def test_every_format_has_a_row_per_record(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    s = b.run_batch(options(folder, out, pattern="*.txt"), jobs=2, tables=True, table_formats=ALL)
    assert s.failed == 0
    docs = {str(p.relative_to(out).with_suffix(".txt")): json.loads(p.read_text(encoding="utf-8"))
            for p in out.rglob("*.json")}
    assert sum(records(d)["assignments"] for d in docs.values()) == s.assignments
    _check_counts(out, docs)


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem)
def test_extract_xlsx_has_a_row_per_record(path: Path, tmp_path: Path) -> None:
    from policyparse.cli.extract import run_extract

    run_extract(path, fmt="xlsx", output=tmp_path / "t.xlsx")  # what the command runs
    run_extract(path, output=tmp_path / "t.json")
    doc = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    sheets = xlsx_rows(tmp_path / "t.xlsx")
    assert list(sheets) == list(t.TABLE_NAMES)
    for table in t.TABLES:
        header, *rows = sheets[table.name]
        assert header == table.names and len(rows) == records(doc)[table.name]
        assert {r[0] for r in rows} <= {str(path)}


# ---------------------------------------------------------------------------- Excel


def test_the_workbook_is_ready_to_filter_with_typed_cells(tmp_path: Path) -> None:
    src = notice(tmp_path / "in")
    out = tmp_path / "t.xlsx"
    got = run("extract", str(src), "--format", "xlsx", "--output", str(out))
    assert got.returncode == 0, got.stderr
    wb = openpyxl.load_workbook(out)
    for table in t.TABLES:
        ws = wb[table.name]
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(table.columns))}{ws.max_row}"
        assert all(c.font.b for c in ws[1]) and not any(c.font.b for c in ws[2])
    ws = wb["assignments"]
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, r)) for r in ws.iter_rows(min_row=2, values_only=True)]
    dated = rows[1]
    assert dated["deadline"] == "2026年6月底前"
    assert dated["deadline_date"] == datetime.datetime(2026, 6, 1)  # a real date cell
    assert ws.cell(3, header.index("deadline_date") + 1).number_format == "yyyy-mm-dd"
    assert isinstance(dated["line"], int) and dated["lead"] == "省发展改革委"
    assert rows[0]["support"] == "省财政厅、省商务厅"
    assert rows[0]["deadline_date"] is None and rows[0]["page"] is None  # blank, not ""
    targets = wb["targets"]
    theader = [c.value for c in targets[1]]
    values = [r[theader.index("value")] for r in targets.iter_rows(min_row=2, values_only=True)]
    assert values == [50, 8.5] and all(isinstance(v, (int, float)) for v in values)
    # widths follow the text, a CJK character counting two; the widest is capped
    letter = openpyxl.utils.get_column_letter
    title_width = ws.column_dimensions[letter(header.index("item_title") + 1)].width
    assert title_width >= 2 * len("建设公共服务平台")
    assert all((d.width or 0) <= 63 for d in ws.column_dimensions.values())


def test_the_same_notice_gives_the_same_workbook(tmp_path: Path) -> None:
    src = notice(tmp_path / "in")
    assert run("extract", str(src), "-f", "xlsx", "-o", str(tmp_path / "1.xlsx")).returncode == 0
    assert run("extract", str(src), "-f", "xlsx", "-o", str(tmp_path / "2.xlsx")).returncode == 0
    assert (tmp_path / "1.xlsx").read_bytes() == (tmp_path / "2.xlsx").read_bytes()


def test_a_table_longer_than_a_sheet_goes_on_in_the_next(tmp_path: Path) -> None:
    from policyparse.output.table_files import XlsxSink

    sink = XlsxSink(tmp_path / "t.xlsx", max_rows=4)  # a header and three rows a sheet
    rows = [("f.txt", "一", "标题", ["甲"], [], [], None, None, None, i, None) for i in range(1, 8)]
    sink.add(t.ASSIGNMENTS, rows[:5])
    sink.add(t.ASSIGNMENTS, rows[5:])
    sink.commit()
    sheets = xlsx_rows(tmp_path / "t.xlsx")
    assert list(sheets) == ["assignments", "targets", "headings", "assignments_2", "assignments_3"]
    got = [r[t.ASSIGNMENTS.names.index("line")] for name in ("assignments", "assignments_2", "assignments_3")
           for r in sheets[name][1:]]
    assert got == list(range(1, 8))
    assert all(sheets[n][0] == t.ASSIGNMENTS.names for n in ("assignments_2", "assignments_3"))


# ---------------------------------------------------------------------------- Parquet


def test_parquet_columns_are_typed(tmp_path: Path) -> None:
    src = tmp_path / "in"
    notice(src)
    out = tmp_path / "out"
    b.run_batch(options(src, out), tables=True, table_formats=("parquet",))
    assert not (out / "assignments.csv").exists()  # only the formats asked for
    s = pq.read_schema(out / "assignments.parquet")
    assert s.field("lead").type == pa.list_(pa.string())
    assert s.field("support").type == pa.list_(pa.string())
    assert s.field("line").type == pa.int64() and s.field("page").type == pa.int64()
    assert s.field("deadline_date").type == pa.date32()
    assert s.field("deadline").type == pa.string()
    assert s.metadata[b"policyparse.table"] == b"assignments"
    ts = pq.read_schema(out / "targets.parquet")
    assert ts.field("value").type == pa.float64() and ts.field("year").type == pa.int64()
    hs = pq.read_schema(out / "headings.parquet")
    assert [hs.field(n).type for n in ("depth", "number", "line", "end_line", "page")] == [pa.int64()] * 5
    rows = pq.read_table(out / "assignments.parquet").to_pylist()
    assert rows[0]["support"] == ["省财政厅", "省商务厅"] and rows[0]["deadline"] is None
    assert rows[1]["deadline_date"] == datetime.date(2026, 6, 1)
    assert pq.read_table(out / "targets.parquet").column("value").to_pylist() == [50.0, 8.5]


def test_parquet_is_read_by_pandas_duckdb_and_polars(tmp_path: Path) -> None:
    src = tmp_path / "in"
    notice(src)
    out = tmp_path / "out"
    b.run_batch(options(src, out), tables=True, table_formats=("parquet",))
    tried = 0
    try:
        import pandas as pd
    except ImportError:
        pass
    else:
        tried += 1
        df = pd.read_parquet(out / "assignments.parquet")
        assert len(df) == 3 and list(df.columns) == list(t.ASSIGNMENTS.names)
        assert list(df["lead"].iloc[1]) == ["省发展改革委"]
    try:
        import duckdb
    except ImportError:
        pass
    else:
        tried += 1
        path = str(out / "targets.parquet").replace("'", "''")
        assert duckdb.sql(f"select sum(value) from '{path}'").fetchall() == [(58.5,)]
    try:
        import polars as pl
    except ImportError:
        pass
    else:
        tried += 1
        df = pl.read_parquet(out / "assignments.parquet")
        assert df.schema["lead"] == pl.List(pl.String) and df.schema["deadline_date"] == pl.Date
    if not tried:
        pytest.skip("none of pandas, DuckDB, polars is installed")


def test_an_empty_table_is_a_valid_file(tmp_path: Path) -> None:
    src = tmp_path / "in"
    notice(src, text="某某通知\n一、总则\n（一）适用范围。\n")
    out = tmp_path / "out"
    b.run_batch(options(src, out), tables=True, table_formats=ALL)
    assert pq.read_table(out / "assignments.parquet").num_rows == 0
    assert pq.read_table(out / "headings.parquet").num_rows == 2
    assert len(xlsx_rows(out / "tables.xlsx")["targets"]) == 1  # the header


# ---------------------------------------------------------------------------- batch runs


def test_a_resumed_batch_keeps_the_rows_of_unchanged_files(tmp_path: Path) -> None:
    src = tmp_path / "in"
    for i in range(4):
        notice(src / f"d{i}", f"n{i}.txt")
    out = tmp_path / "out"
    first = b.run_batch(options(src, out), tables=True, table_formats=ALL)
    assert first.parsed == 4
    names = ("assignments.csv", "headings.csv", "tables.xlsx", "assignments.parquet", "targets.parquet",
             "headings.parquet")
    before = {n: (out / n).read_bytes() for n in names}
    # nothing changed: every file skipped, every table rebuilt from the outputs, identical
    again = b.run_batch(options(src, out), tables=True, table_formats=ALL)
    assert (again.skipped, again.parsed) == (4, 0)
    assert {n: (out / n).read_bytes() for n in names} == before
    # one file changed, one added: the skipped files' rows are still there
    notice(src / "d1", "n1.txt", NOTICE.replace("省自然资源厅", "省住房城乡建设厅"))
    notice(src / "d9", "n9.txt")
    third = b.run_batch(options(src, out), tables=True, table_formats=ALL)
    assert (third.skipped, third.parsed) == (3, 2)
    docs = {str(p.relative_to(out).with_suffix(".txt")): json.loads(p.read_text(encoding="utf-8"))
            for p in out.rglob("*.json")}
    assert len(docs) == 5
    _check_counts(out, docs)
    lead = pq.read_table(out / "assignments.parquet").to_pylist()
    assert {r["file"] for r in lead} == set(docs)
    assert [r["responsible"] for r in lead if r["file"] == "d1/n1.txt"][2] == ["省住房城乡建设厅"]


def test_an_interrupted_batch_leaves_no_table_and_the_next_run_writes_them_whole(tmp_path: Path) -> None:
    import threading

    src = tmp_path / "in"
    for i in range(6):
        notice(src, f"n{i}.txt")
    out = tmp_path / "out"
    stop = threading.Event()
    s = b.run_batch(options(src, out), tables=True, table_formats=ALL, stop=stop,
                    on_result=lambda res: stop.set())
    assert s.interrupted and s.done == 1
    assert not [p.name for p in out.iterdir() if p.suffix in (".csv", ".xlsx", ".parquet", ".part")]
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]
    again = b.run_batch(options(src, out), tables=True, table_formats=ALL)
    assert (again.skipped, again.parsed) == (1, 5)
    assert pq.read_table(out / "assignments.parquet").num_rows == 6 * 3
    assert len(xlsx_rows(out / "tables.xlsx")["assignments"]) == 1 + 6 * 3


def test_batch_cli_writes_the_formats_asked_for(tmp_path: Path) -> None:
    src = tmp_path / "in"
    notice(src)
    out = tmp_path / "out"
    got = run("batch", str(src), "-o", str(out), "--tables-format", "xlsx,parquet", "-q")
    assert got.returncode == 0, got.stderr
    assert sorted(p.name for p in out.iterdir() if not p.name.endswith(".json")) == [
        ".policyparse-manifest.jsonl", "assignments.parquet", "errors.jsonl", "headings.parquet",
        "tables.xlsx", "targets.parquet"]
    got = run("batch", str(src), "-o", str(out), "--tables", "-q")  # csv, the default
    assert got.returncode == 0, got.stderr
    assert (out / "assignments.csv").exists() and (out / "headings.csv").exists()


# ---------------------------------------------------------------------------- usage errors


@pytest.mark.parametrize("value", ["xls", "csv,json", "", "csv;xlsx"])
def test_a_bad_tables_format_is_a_usage_error(value: str, tmp_path: Path) -> None:
    src = tmp_path / "in"
    notice(src)
    got = run("batch", str(src), "-o", str(tmp_path / "out"), "--tables-format", value, "-q")
    assert got.returncode == 2, got.stderr
    assert "--tables-format" in got.stderr and len(got.stderr.strip().splitlines()) == 1
    assert "Traceback" not in got.stderr
    assert not (tmp_path / "out").exists()


def test_extract_xlsx_needs_an_output_file(tmp_path: Path) -> None:
    src = notice(tmp_path)
    got = run("extract", str(src), "-f", "xlsx")
    assert got.returncode == 2 and got.stdout == ""
    assert "-o" in got.stderr and len(got.stderr.strip().splitlines()) == 1
    got = run("extract", str(src), "-f", "xls", "-o", str(tmp_path / "t.xls"))
    assert got.returncode == 2 and "xlsx" in got.stderr
    assert not (tmp_path / "t.xls").exists()


@pytest.mark.parametrize("content, code", [(b"", 5), (bytes(range(256)) * 8, 6)])
def test_a_bad_input_leaves_no_workbook(content: bytes, code: int, tmp_path: Path) -> None:
    src = tmp_path / "bad.txt"
    src.write_bytes(content)
    got = run("extract", str(src), "-f", "xlsx", "-o", str(tmp_path / "t.xlsx"))
    assert got.returncode == code and "Traceback" not in got.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt"]


def test_an_unwritable_workbook_is_an_output_error(tmp_path: Path) -> None:
    src = notice(tmp_path)
    (tmp_path / "t.xlsx").mkdir()  # a folder where the file should go
    got = run("extract", str(src), "-f", "xlsx", "-o", str(tmp_path / "t.xlsx"))
    assert got.returncode == 12 and "Traceback" not in got.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_parquet_without_pyarrow_names_the_extra(tmp_path: Path) -> None:
    src = tmp_path / "in"
    notice(src)
    code = ("import sys; sys.modules['pyarrow'] = None; sys.modules['pyarrow.parquet'] = None; "
            "from policyparse.cli.app import main; main(sys.argv[1:])")
    got = subprocess.run([sys.executable, "-c", code, "batch", str(src), "-o", str(tmp_path / "out"),
                          "--tables-format", "csv,parquet", "-q"], cwd=ROOT, capture_output=True, text=True,
                         timeout=120, check=False)
    assert got.returncode == 2
    assert "pip install 'policyparse[parquet]'" in got.stderr and "Traceback" not in got.stderr
    assert not (tmp_path / "out").exists()  # said before any work


# ---------------------------------------------------------------------------- lazy imports

_HEAVY = ("xlsxwriter", "pyarrow", "openpyxl", "policyparse.output.table_files")


def _modules_after(code: str) -> set[str]:
    probe = (f"import sys\n{code}\n"
             f"print('MODULES:' + ' '.join(m for m in {_HEAVY!r} if m in sys.modules))")
    got = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         check=False)
    assert got.returncode == 0, got.stderr
    line = next(x for x in got.stdout.splitlines() if x.startswith("MODULES:"))
    return set(line.removeprefix("MODULES:").split())


def test_json_and_help_do_not_import_the_table_libraries(tmp_path: Path) -> None:
    src = notice(tmp_path)
    # the console script's own road (policyparse.cli.main.main), as `policyparse extract` runs
    extract = (f"from policyparse.cli.main import main\ntry:\n"
               f"    main(['extract', {str(src)!r}, '-o', {str(tmp_path / 'n.json')!r}])\n"
               f"except SystemExit as e:\n    assert not e.code, e.code")
    assert _modules_after(extract) == set()
    assert (tmp_path / "n.json").exists()
    yaml = extract.replace("'-o'", "'-f', 'yaml', '-o'").replace("n.json", "n.yaml")
    assert _modules_after(yaml) == set()
    assert (tmp_path / "n.yaml").exists()
    helps = ("import policyparse.cli.app as c\ntry:\n    c.app(args=['--help'], prog_name='policyparse')\n"
             "except SystemExit:\n    pass")
    assert _modules_after(helps) == set()
    csv_batch = (f"from policyparse.batch import runner as b\n"
                 f"b.run_batch(b.BatchOptions(root={str(tmp_path)!r}, out={str(tmp_path / 'o')!r}), tables=True)")
    assert _modules_after(csv_batch) == {"policyparse.output.table_files"}  # csv only: no Excel, no Arrow
    xlsx = extract.replace("'-o'", "'-f', 'xlsx', '-o'").replace("n.json", "n.xlsx")
    assert _modules_after(xlsx) == {"xlsxwriter", "policyparse.output.table_files"}
    assert (tmp_path / "n.xlsx").exists()
