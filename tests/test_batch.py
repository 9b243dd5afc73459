"""`policyparse batch`: mirroring, byte-identity with extract, resume, failure isolation,
tables, JSONL, exit codes and Ctrl-C — through the functions and through the CLI."""

from __future__ import annotations

import codecs
import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from policyparse.batch import runner as b
from policyparse.errors import EXIT_CODES
from policyparse.grammar import load_grammar

from .conftest import ROOT, SAMPLES

SMALL = SAMPLES / "liaoning-2016-new-consumption-plan.txt"
TASKS = SAMPLES / "liaoning-2025-boost-consumption-draft.txt"


def run(*args: str, cwd: Path = ROOT, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policyparse", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, check=False)


def text_of(p: Path) -> str:
    return p.read_bytes().decode("utf-8")


def make_folder(root: Path, broken: bool = True) -> Path:
    """A small mixed folder: UTF-8, UTF-8 with BOM, GB18030, CRLF, nested, plus broken files."""
    src = root / "notices"
    (src / "2016" / "liaoning").mkdir(parents=True)
    (src / "2025").mkdir()
    small = text_of(SMALL)
    (src / "2016" / "liaoning" / "plan.txt").write_bytes(small.encode("utf-8"))
    (src / "2016" / "liaoning" / "plan-bom.txt").write_bytes(codecs.BOM_UTF8 + small.encode("utf-8"))
    (src / "2016" / "plan-gb.txt").write_bytes(small.encode("gb18030"))
    (src / "2016" / "plan-crlf.txt").write_bytes(small.replace("\n", "\r\n").encode("utf-8"))
    (src / "2025" / "draft.txt").write_bytes(TASKS.read_bytes())
    (src / "2025" / "notes.md").write_text("not matched by the glob", encoding="utf-8")
    (src / ".hidden.txt").write_bytes(SMALL.read_bytes())
    if broken:
        bad = src / "broken"
        bad.mkdir()
        (bad / "empty.txt").write_bytes(b"")
        (bad / "binary.txt").write_bytes(bytes(range(256)) * 8)
        (bad / "undecodable.txt").write_bytes("一、总体要求\n".encode() + b"\x80\x80 \x81\x20 \xff\n" * 3)
    return src


def options(src: Path, out: Path, **kw: object) -> b.BatchOptions:
    g = load_grammar(kw.pop("grammar", None))  # type: ignore[arg-type]
    return b.BatchOptions(root=str(src), out=str(out), fingerprint=g.fingerprint, **kw)  # type: ignore[arg-type]


def files_under(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())


# ---------------------------------------------------------------------------- pure pieces


@pytest.mark.parametrize("pattern, yes, no", [
    ("**/*.txt", ["a.txt", "x/y/a.txt"], ["a.md", "x/a.txt.bak"]),
    ("*.txt", ["a.txt", "x/a.txt"], ["a.md"]),
    ("2016/*.txt", ["2016/a.txt"], ["2016/x/a.txt", "a.txt"]),
    ("2016/**/*.txt", ["2016/a.txt", "2016/x/y/a.txt"], ["2017/a.txt"]),
    ("**/plan-?.txt", ["plan-1.txt", "d/plan-b.txt"], ["plan-10.txt"]),
    ("**/[!d]*.txt", ["a.txt"], ["draft.txt"]),
])
def test_glob(pattern: str, yes: list[str], no: list[str]) -> None:
    rx = b.glob_regex(pattern)
    assert all(rx.fullmatch(p) for p in yes), pattern
    assert not any(rx.fullmatch(p) for p in no), pattern


def test_discover_is_sorted_skips_hidden_and_the_output_folder(tmp_path: Path) -> None:
    src = make_folder(tmp_path)
    (src / "out").mkdir()
    (src / "out" / "old.txt").write_text("x", encoding="utf-8")
    found = [rel for rel, _ in b.discover(src, "**/*.txt", exclude=src / "out")]
    assert found == sorted(found, key=b.sort_key)
    assert found == ["2016/liaoning/plan-bom.txt", "2016/liaoning/plan.txt", "2016/plan-crlf.txt",
                     "2016/plan-gb.txt", "2025/draft.txt", "broken/binary.txt", "broken/empty.txt",
                     "broken/undecodable.txt"]


def test_two_inputs_with_one_output_name_fail_the_second(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_bytes(SMALL.read_bytes())
    (src / "a").write_bytes(SMALL.read_bytes())
    s = b.run_batch(options(src, tmp_path / "out", pattern="a*"))
    assert (s.parsed, s.failed) == (1, 1)
    assert s.failures[0].rel == "a.txt" and s.failures[0].code == "collision"


def test_one_notice_in_several_forms_gets_an_output_each(tmp_path: Path) -> None:
    """b.txt → b.json; a published file keeps its extension: b.html → b.html.json."""
    src = tmp_path / "in"
    src.mkdir()
    text = SMALL.read_text(encoding="utf-8")
    (src / "b.txt").write_text(text, encoding="utf-8")
    paras = "".join(f"<p>{line}</p>" for line in text.splitlines())
    (src / "b.html").write_text(f"<html><body><div>{paras}</div></body></html>", encoding="utf-8")
    s = b.run_batch(options(src, tmp_path / "out"))
    assert (s.parsed, s.failed) == (2, 0)
    assert sorted(p.name for p in (tmp_path / "out").glob("b*.json")) == ["b.html.json", "b.json"]


def test_section_paths() -> None:
    data = {"children": [{"marker": "二、", "kind": "cn_dun", "title": "任务", "children": [
        {"marker": "（五）", "kind": "cn_paren", "title": "做好工作", "children": [
            {"marker": None, "kind": "paragraph", "title": None, "children": []}]}]},
        {"marker": None, "kind": "appendix", "title": "附件", "children": []}]}
    got = [(p, t) for _, p, t in b.iter_nodes(data)]
    assert got == [("二", "任务"), ("二/（五）", "做好工作"), ("二/（五）", "做好工作"), ("附件", "附件")]


# ---------------------------------------------------------------------------- the run


def test_mirrors_the_folder_and_matches_extract_byte_for_byte(tmp_path: Path) -> None:
    src = make_folder(tmp_path, broken=False)
    out = tmp_path / "out"
    proc = run("batch", str(src), "-o", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "" and proc.stderr == ""
    assert files_under(out) == [".policyparse-manifest.jsonl", "2016/liaoning/plan-bom.json",
                                "2016/liaoning/plan.json", "2016/plan-crlf.json", "2016/plan-gb.json",
                                "2025/draft.json", "errors.jsonl"]
    for rel in ("2016/plan-gb.txt", "2025/draft.txt"):
        ext = run("extract", str(src / rel))
        assert ext.returncode == 0, ext.stderr
        assert text_of(out / b.output_rel(rel, "json")) == ext.stdout

    yout = tmp_path / "yout"
    proc = run("batch", str(src), "-o", str(yout), "--format", "yaml", "--glob", "2016/liaoning/*.txt", "-q")
    assert proc.returncode == 0, proc.stderr
    assert files_under(yout) == [".policyparse-manifest.jsonl", "2016/liaoning/plan-bom.yaml",
                                 "2016/liaoning/plan.yaml", "errors.jsonl"]
    ext = run("extract", str(src / "2016/liaoning/plan-bom.txt"), "--format", "yaml")
    assert text_of(yout / "2016/liaoning/plan-bom.yaml") == ext.stdout


def test_each_file_decodes_on_its_own(tmp_path: Path) -> None:
    src = make_folder(tmp_path, broken=False)
    out = tmp_path / "out"
    s = b.run_batch(options(src, out), jobs=2)
    assert (s.parsed, s.failed, s.interrupted) == (5, 0, False)
    docs = {rel: json.loads(text_of(out / rel)) for rel in
            ("2016/liaoning/plan.json", "2016/liaoning/plan-bom.json", "2016/plan-gb.json", "2016/plan-crlf.json")}
    assert {d["source"]["encoding"] for d in docs.values()} == {"utf-8", "utf-8-sig", "gb18030"}
    first = docs["2016/liaoning/plan.json"]
    for d in docs.values():
        assert d["children"] == first["children"] and d["meta"] == first["meta"]


def test_serial_and_parallel_runs_write_the_same_files(tmp_path: Path) -> None:
    src = make_folder(tmp_path)
    s1 = b.run_batch(options(src, tmp_path / "o1"), jobs=1, tables=True, jsonl_path=str(tmp_path / "1.jsonl"))
    s2 = b.run_batch(options(src, tmp_path / "o2"), jobs=2, tables=True, jsonl_path=str(tmp_path / "2.jsonl"))
    assert files_under(tmp_path / "o1") == files_under(tmp_path / "o2")
    for rel in files_under(tmp_path / "o1"):
        if rel != b.MANIFEST_NAME:  # it names the output folder's inputs only, but check anyway below
            assert (tmp_path / "o1" / rel).read_bytes() == (tmp_path / "o2" / rel).read_bytes(), rel
    assert (tmp_path / "1.jsonl").read_bytes() == (tmp_path / "2.jsonl").read_bytes()
    assert (s1.documents, s1.failed, s1.assignments) == (s2.documents, s2.failed, s2.assignments)


def test_rerun_skips_unchanged_files_and_redoes_changed_ones(tmp_path: Path) -> None:
    src = make_folder(tmp_path, broken=False)
    out = tmp_path / "out"
    first = b.run_batch(options(src, out))
    assert (first.parsed, first.skipped) == (5, 0)
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*.json")}

    again = b.run_batch(options(src, out))
    assert (again.parsed, again.skipped, again.failed) == (0, 5, 0)
    assert (again.sections, again.assignments, again.targets) == (first.sections, first.assignments,
                                                                   first.targets)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.json")} == mtimes  # untouched

    (src / "2025" / "draft.txt").write_bytes(SMALL.read_bytes())  # new content
    (out / "2016" / "plan-gb.json").unlink()  # a lost output
    third = b.run_batch(options(src, out))
    assert (third.parsed, third.skipped) == (2, 3)
    assert json.loads(text_of(out / "2025/draft.json"))["meta"]["date"] == "2016-04-01"

    assert b.run_batch(options(src, out, force=True)).parsed == 5
    assert b.run_batch(options(src, out, strict=False)).parsed == 5  # other options, other outputs
    changed = b.BatchOptions(root=str(src), out=str(out), fingerprint="another-grammar")
    assert b.run_batch(changed).parsed == 5


def test_a_narrower_glob_keeps_the_other_files_state(tmp_path: Path) -> None:
    src = make_folder(tmp_path, broken=False)
    out = tmp_path / "out"
    b.run_batch(options(src, out))
    assert b.run_batch(options(src, out, pattern="2025/*.txt")).skipped == 1
    assert b.run_batch(options(src, out)).skipped == 5


def test_one_bad_file_never_stops_the_batch(tmp_path: Path) -> None:
    src = make_folder(tmp_path)
    out = tmp_path / "out"
    proc = run("batch", str(src), "-o", str(out), "--jobs", "2")
    assert proc.returncode == b.EXIT_SOME_FAILED, proc.stderr
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    for name in ("binary.txt", "empty.txt", "undecodable.txt"):
        assert f"broken/{name}" in proc.stderr  # listed in the summary
    errors = [json.loads(line) for line in text_of(out / "errors.jsonl").splitlines()]
    assert [(e["file"], e["code"], e["exit_code"]) for e in errors] == [
        ("broken/binary.txt", "binary", EXIT_CODES["binary"]),
        ("broken/empty.txt", "empty", EXIT_CODES["empty"]),
        ("broken/undecodable.txt", "encoding", EXIT_CODES["encoding"]),
    ]
    assert all(e["message"] for e in errors)
    assert len(list(out.rglob("*.json"))) == 5
    assert not list(out.rglob("broken/*"))

    # failures are retried on the next run (and reported again); the good files are skipped
    s = b.run_batch(options(src, out))
    assert (s.skipped, s.failed, s.exit_code) == (5, 3, 1)
    assert len(text_of(out / "errors.jsonl").splitlines()) == 3


def test_tables_are_excel_csv_with_one_row_per_assignment_and_target(tmp_path: Path) -> None:
    src = make_folder(tmp_path)
    out = tmp_path / "out"
    s = b.run_batch(options(src, out), tables=True)
    raw = (out / "assignments.csv").read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    assert b"\r\n" in raw  # what Excel expects
    with open(out / "assignments.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == b.ASSIGNMENT_COLUMNS == (
        "file", "section_path", "item_title", "lead", "support", "responsible", "deadline", "line")
    assert len(rows) - 1 == s.assignments > 0
    doc = json.loads(text_of(out / "2016/liaoning/plan.json"))
    first = next(a for n in _nodes(doc["children"]) for a in n["assignments"])
    mine = [r for r in rows[1:] if r[0] == "2016/liaoning/plan.txt"]
    assert mine[0][3] == "、".join(first["lead"]) and mine[0][7] == str(first["line"])
    assert all(r[1] for r in rows[1:])  # every clause sits under a heading in these samples
    assert any("/" in r[1] and r[1].startswith(("一", "二", "三")) for r in mine)  # e.g. 一/（四）

    with open(out / "targets.csv", encoding="utf-8-sig", newline="") as fh:
        trows = list(csv.reader(fh))
    assert tuple(trows[0]) == ("file", "section_path", "subject", "value", "unit", "comparator", "year", "line")
    assert len(trows) - 1 == s.targets

    # a re-run that skips everything still writes the full tables, identical
    before = {n: (out / n).read_bytes() for n in ("assignments.csv", "targets.csv")}
    assert b.run_batch(options(src, out), tables=True).skipped == 5
    assert {n: (out / n).read_bytes() for n in before} == before


def _nodes(nodes: list[dict]) -> list[dict]:
    out: list[dict] = []
    for n in nodes:
        out.append(n)
        out.extend(_nodes(n["children"]))
    return out


def test_jsonl_has_one_valid_document_per_line(tmp_path: Path) -> None:
    src = make_folder(tmp_path)
    out = tmp_path / "out"
    proc = run("batch", str(src), "-o", str(out), "--jsonl", "-", "-q", "--format", "yaml")
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 5
    docs = [json.loads(line) for line in lines]
    assert [d["source"]["path"] for d in docs] == [str(src / r) for r in (
        "2016/liaoning/plan-bom.txt", "2016/liaoning/plan.txt", "2016/plan-crlf.txt", "2016/plan-gb.txt",
        "2025/draft.txt")]
    # the same lines when everything is skipped and read back from the YAML outputs
    again = run("batch", str(src), "-o", str(out), "--jsonl", str(tmp_path / "all.jsonl"), "-q", "-f", "yaml")
    assert again.returncode == 1 and again.stdout == ""
    assert (tmp_path / "all.jsonl").read_text(encoding="utf-8") == proc.stdout


def test_usage_and_input_errors_are_one_line_with_their_code(tmp_path: Path) -> None:
    cases = [
        (("batch", str(tmp_path / "missing"), "-o", str(tmp_path / "o")), EXIT_CODES["not-found"]),
        (("batch", str(SMALL), "-o", str(tmp_path / "o")), 2),
        (("batch", str(SAMPLES), "-o", str(tmp_path / "o"), "--format", "xml"), 2),
        (("batch", str(SAMPLES), "-o", str(tmp_path / "o"), "--jobs", "0"), 2),
        (("batch", str(SAMPLES), "-o", str(SMALL)), EXIT_CODES["output"]),
        (("batch", str(SAMPLES), "-o", str(tmp_path / "o"), "--grammar", str(tmp_path / "none.yaml")),
         EXIT_CODES["grammar"]),
    ]
    for args, code in cases:
        proc = run(*args)
        assert proc.returncode == code, (args, proc.stderr)
        assert proc.stdout == "" and "Traceback" not in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert not (tmp_path / "o").exists()


def test_strict_is_passed_to_every_file(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "prose.txt").write_text("这是一段没有编号的文字。\n第二段文字。\n", encoding="utf-8")
    strict = b.run_batch(options(src, tmp_path / "o1", require_structure=True))
    assert strict.failures[0].code == "no-structure"
    default = b.run_batch(options(src, tmp_path / "o2"))
    assert (default.parsed, default.failed, default.warnings) == (1, 0, 1)


def test_all_good_exits_zero_and_prints_a_summary(tmp_path: Path) -> None:
    proc = run("batch", str(SAMPLES), "-o", str(tmp_path / "o"), "-j", "2")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    for word in ("documents", "sections", "assignments", "targets", "failures", "time"):
        assert word in proc.stderr


def test_ctrl_c_leaves_no_partial_file_and_a_rerun_finishes(tmp_path: Path) -> None:
    src = tmp_path / "in"
    data = SMALL.read_bytes()
    for i in range(300):
        d = src / f"d{i // 50}"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"n{i:03d}.txt").write_bytes(data + f"\n（{i}）\n".encode())
    out = tmp_path / "out"
    args = [sys.executable, "-m", "policyparse", "batch", str(src), "-o", str(out), "-j", "2",
            "--tables", "--jsonl", str(tmp_path / "all.jsonl")]
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.rglob("*.json"))) < 10:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == b.EXIT_INTERRUPTED, err
    assert "Traceback" not in err and "run the same command again" in err
    leftovers = [p for p in tmp_path.rglob("*") if p.name.endswith(".part")]
    assert leftovers == []
    done = list(out.rglob("*.json"))
    assert 10 <= len(done) < 300
    for p in done:
        json.loads(text_of(p))  # whole files only
    assert not (out / "assignments.csv").exists() and not (tmp_path / "all.jsonl").exists()
    entries = list(b.read_manifest(out / b.MANIFEST_NAME))
    assert len(entries) == len(done)

    # a second Ctrl-C stops the workers at once: still no partial file, still exit 130
    before = len(done)
    proc = subprocess.Popen([*args, "--force"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(out.rglob("*.part")):
        time.sleep(0.05)  # the run has started writing
    time.sleep(0.3)
    proc.send_signal(signal.SIGINT)
    time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == b.EXIT_INTERRUPTED, err
    assert "Traceback" not in err
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".part")]
    assert len(list(out.rglob("*.json"))) >= before

    again = subprocess.run([*args, "-q"], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert again.returncode == 0, again.stderr
    assert len(list(out.rglob("*.json"))) == 300
    assert len(list(b.read_manifest(out / b.MANIFEST_NAME))) == 300
    assert len((tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()) == 300
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".part")]


def test_interrupting_through_the_function_records_every_finished_file(tmp_path: Path) -> None:
    import threading

    src = tmp_path / "in"
    src.mkdir()
    for i in range(40):
        (src / f"n{i:02d}.txt").write_bytes(SMALL.read_bytes())
    out = tmp_path / "out"
    stop = threading.Event()

    def after(res: b.FileResult) -> None:
        stop.set()  # as the SIGINT handler does: no new file starts, the ones in flight finish

    s = b.run_batch(options(src, out), jobs=2, tables=True, stop=stop, on_result=after)
    assert s.interrupted and s.exit_code == 130 and 1 <= s.done < 40
    assert len(list(out.rglob("*.json"))) == s.parsed == s.done
    assert len(list(b.read_manifest(out / b.MANIFEST_NAME))) == s.done
    assert not (out / "assignments.csv").exists()
    assert not [p for p in out.rglob("*") if p.name.endswith(".part")]
    again = b.run_batch(options(src, out), tables=True)
    assert (again.skipped, again.parsed, again.interrupted) == (s.done, 40 - s.done, False)


@pytest.mark.skipif(os.name != "posix", reason="permissions")
def test_an_unwritable_output_is_a_per_file_failure(tmp_path: Path) -> None:
    src = make_folder(tmp_path, broken=False)
    out = tmp_path / "out"
    (out / "2025").mkdir(parents=True)
    (out / "2025" / "draft.json").mkdir()  # a folder where the output should go
    s = b.run_batch(options(src, out))
    assert (s.parsed, s.failed) == (4, 1)
    assert s.failures[0].code == "output"
