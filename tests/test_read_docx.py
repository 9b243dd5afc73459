"""Word .docx files (issue 9): the reader against the corpus renderings, the project's own
fixtures (automatic numbering, a task table with merged cells), and bad input."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from policyparse import parse_file
from policyparse.errors import EXIT_CODES, CorruptDocument, EncryptedDocument, InputTooLarge, NoText
from policyparse.output.writers import dumps
from policyparse.read import docx as reader
from policyparse.read import sniff

from .conftest import ROOT, SAMPLES, SHARED
from .linefree import agreement

FIXTURES = ROOT / "tests" / "fixtures" / "formats"
FORMATS = SHARED / "corpus" / "formats"
CORPUS_DOCX = sorted(FORMATS.glob("*.docx")) if FORMATS.is_dir() else []


def _make_docx_module() -> Any:
    spec = importlib.util.spec_from_file_location("make_docx", FIXTURES / "make_docx.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


make = _make_docx_module()


def as_dict(path: Path) -> dict[str, Any]:
    return json.loads(dumps(parse_file(path)))


def nodes(doc: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    stack = list(reversed(doc["children"]))
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(reversed(n.get("children", [])))
    return out


def headings(doc: dict[str, Any]) -> list[tuple[int, str, str]]:
    """(depth, marker, title) of every numbered node, in document order."""
    out: list[tuple[int, str, str]] = []

    def walk(n: dict[str, Any], depth: int) -> None:
        if n.get("marker"):
            depth += 1
            out.append((depth, n["marker"], n.get("title") or ""))
        for c in n.get("children", []):
            walk(c, depth)

    for c in doc["children"]:
        walk(c, 0)
    return out


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policyparse", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False)


# ---------------------------------------------------------------- the fixtures are current


def test_fixtures_are_what_the_script_makes() -> None:
    for name, build in make.FIXTURES.items():
        assert (FIXTURES / name).read_bytes() == build(), f"rerun tests/fixtures/formats/make_docx.py ({name})"


# ---------------------------------------------------------------- real renderings


@pytest.mark.skipif(not CORPUS_DOCX, reason="needs ../shared/corpus/formats")
@pytest.mark.parametrize("docx", CORPUS_DOCX, ids=lambda p: p.stem[:3])
def test_corpus_docx_agrees_with_its_text(docx: Path) -> None:
    ref = as_dict(SHARED / "corpus" / f"{docx.stem}.txt")
    got = as_dict(docx)
    assert got["source"]["format"] == "docx"
    per, overall, diffs = agreement(ref, got)
    assert overall >= 0.98, (per, diffs[:10])


@pytest.mark.skipif(not CORPUS_DOCX, reason="needs ../shared/corpus/formats")
def test_a_web_pages_info_table_is_metadata_not_text() -> None:
    docx = next(p for p in CORPUS_DOCX if p.stem.startswith("004"))
    src = reader.convert(docx.read_bytes(), str(docx), 1 << 24)
    assert not any(line.startswith(("索 引 号", "发文机关")) for line in src.lines)
    assert src.hints is not None
    assert src.hints["doc_number"] == "国办发〔2019〕2号"
    assert src.hints["date"] == "2019-01-01"


# ---------------------------------------------------------------- automatic numbering


def test_automatic_numbering_is_rendered_as_word_shows_it() -> None:
    doc = as_dict(FIXTURES / "auto_numbering.docx")
    assert headings(doc) == [
        (1, "一、", "总体要求"),
        (2, "（一）", "工作目标"),
        (2, "（二）", "基本原则"),
        (1, "二、", "重点任务"),
        (2, "（一）", "完善服务网点"),
        (3, "1．", "新建便民服务点"),
        (3, "2．", "改造老旧网点"),
        (2, "（二）", "推动数字服务"),
        (3, "1．", "建设服务平台"),
        (4, "（1）", "上线线上预约功能"),
        (4, "（2）", "开通社区服务热线"),
        (1, "三、", "保障措施"),
        (2, "（一）", "加强组织领导"),
        (2, "（二）", "强化资金保障"),
        (3, "1．", "服务网点分布表"),
        (3, "2．", "服务网点名录"),
        (3, "1．", "便民服务事项清单"),
    ]
    clauses = [(a["lead"], a["support"], a["responsible"], (a.get("deadline") or {}).get("raw"))
               for n in nodes(doc) for a in n.get("assignments", [])]
    assert clauses == [
        (["市商务局"], ["市住房城乡建设局"], [], None),
        ([], [], ["各区人民政府"], None),
        (["市数据局"], ["市商务局"], [], "2026年12月底前"),
        (["市财政局"], [], [], None),
    ]
    assert doc["meta"]["title"] == "某某市人民政府办公厅关于推进社区便民服务提升的通知"
    assert doc["meta"]["doc_number"] == "某政办发〔2026〕8号"
    assert doc["meta"]["date"] == "2026-03-15"


def test_a_paragraph_can_turn_its_styles_numbering_off() -> None:
    lines = reader.convert((FIXTURES / "auto_numbering.docx").read_bytes(), None, 1 << 24).lines
    assert "各区、各部门要结合实际抓好落实。" in lines


@pytest.mark.parametrize("n, fmt, shown", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (20, "chineseCountingThousand", "二十"), (101, "chineseCountingThousand", "一百零一"),
    (110, "chineseCounting", "一百一十"), (3, "ideographTraditional", "丙"), (2, "decimalEnclosedCircle", "②"),
    (21, "decimalEnclosedCircle", "㉑"), (50, "decimalEnclosedCircle", "㊿"), (51, "decimalEnclosedCircle", "51"), (3, "decimalEnclosedParen", "⑶"), (12, "decimalFullWidth", "１２"),
    (28, "upperLetter", "BB"), (4, "lowerRoman", "iv"), (2, "chineseLegalSimplified", "贰"),
    (7, "decimalZero", "07"), (5, "decimal", "5"),
])
def test_number_formats(n: int, fmt: str, shown: str) -> None:
    assert reader.format_number(n, fmt) == shown


# ---------------------------------------------------------------- tables, boxes, headers


def test_task_table_rows_with_merged_cells_give_one_clause_each() -> None:
    doc = as_dict(FIXTURES / "task_table.docx")
    rows = [(a["lead"], a["support"], (a.get("deadline") or {}).get("raw"))
            for n in nodes(doc) for a in n.get("assignments", [])]
    assert rows == [
        (["市商务局"], ["市文化旅游局"], "2026年6月底前"),
        (["市商务局"], ["市公安局", "市城管局"], "2026年9月底前"),  # the lead cell continues (vMerge)
        (["市民政局"], ["市卫生健康委"], "2026年12月底前"),
        (["市人力资源社会保障局"], ["市妇联"], "2026年12月底前"),  # the deadline cell continues
        (["各区人民政府"], ["市商务局"], "2026年底前"),  # after a gridSpan cell, the columns still line up
    ]


def test_table_rows_have_the_tables_full_width() -> None:
    lines = reader.convert((FIXTURES / "task_table.docx").read_bytes(), None, 1 << 24).lines
    rows = [ln.split("\t") for ln in lines if "\t" in ln]
    assert {len(r) for r in rows} == {5}
    assert rows[-1] == ["推进商圈改造提升。", "", "各区人民政府", "市商务局", "2026年底前"]  # gridSpan
    assert [r[0] for r in rows[1:5]] == ["1", "2", "3", "4"]  # the 序号 column is numbered automatically
    assert rows[2][2] == "市商务局"  # a vMerge continuation repeats the cell it continues


def test_text_box_is_read_once_and_header_footer_are_not_read() -> None:
    lines = reader.convert((FIXTURES / "task_table.docx").read_bytes(), None, 1 << 24).lines
    text = "\n".join(lines)
    assert text.count("本方案由市商务局负责解释。") == 1
    assert "某某市人民政府办公厅文件" not in text  # the header
    assert "—" not in text and not any(ln.strip() == "1" for ln in lines)  # the footer's page number
    assert lines[0] == "某某市促进消费扩容提质重点任务分工方案"
    assert "" not in (lines[0], lines[-1])


def test_text_command_shows_the_converted_lines() -> None:
    proc = run("text", str(FIXTURES / "task_table.docx"))
    assert proc.returncode == 0, proc.stderr
    assert "1\t某某市促进消费扩容提质重点任务分工方案" in proc.stdout.splitlines()[0]


def test_info_table_gives_hints_the_text_lacks() -> None:
    info = make.table([1500, 3000, 1500, 3000], [
        [make.cell("发文机关："), make.cell("某某市人民政府办公厅"), make.cell("成文日期："), make.cell("2026年05月06日")],
        [make.cell("标　　题："), make.cell("某某市关于加强社区服务的通知", span=3)],
        [make.cell("发文字号："), make.cell("某政办发〔2026〕9号"), make.cell("发布日期："), make.cell("2026年05月08日")],
    ])
    body = info + make.para("一、加强社区服务") + make.para("（一）完善网点。（牵头单位：市商务局）")
    got = reader.convert(make.zip_bytes(make.package(body)), None, 1 << 24)
    assert got.lines == ["一、加强社区服务", "（一）完善网点。（牵头单位：市商务局）"]
    assert got.hints == {"issuer": "某某市人民政府办公厅", "date": "2026-05-06", "title": "某某市关于加强社区服务的通知",
                         "doc_number": "某政办发〔2026〕9号"}


# ---------------------------------------------------------------- bad input


def _bomb(tmp: Path) -> Path:
    body = make.para("一、总体要求") + make.para("各地要抓好落实。" * 50) * 4000  # ~4 MB unpacked
    data = make.zip_bytes(make.package(body))
    assert len(data) < 100_000
    p = tmp / "bomb.docx"
    p.write_bytes(data)
    return p


def _bad_files(tmp: Path) -> dict[str, tuple[Path, str]]:
    good = (FIXTURES / "task_table.docx").read_bytes()
    files: dict[str, tuple[bytes, str]] = {
        "truncated.docx": (good[: len(good) // 2], "corrupt"),
        "not-word.docx": (make.zip_bytes({"readme.txt": "一、总体要求"}), "corrupt"),
        "broken-xml.docx": (make.zip_bytes({**make.package(make.para("一、总体要求")),
                                            "word/document.xml": "<w:document><w:body><w:p>"}), "corrupt"),
        "doctype.docx": (make.zip_bytes({**make.package(""), "word/document.xml":
                                         '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'}), "corrupt"),
        "legacy.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"WordDocument" + bytes(100), "format"),
        "locked.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le"),
                        "encrypted"),
        "empty.docx": (make.zip_bytes(make.package(make.para() + make.para())), "no-text"),
    }
    out = {}
    for name, (data, code) in files.items():
        p = tmp / name
        p.write_bytes(data)
        out[name] = (p, code)
    return out


def test_bad_docx_is_one_line_error_with_its_code_and_no_output(tmp_path: Path) -> None:
    cases = _bad_files(tmp_path)
    cases["bomb.docx"] = (_bomb(tmp_path), "too-large")
    for name, (path, code) in cases.items():
        out = tmp_path / "out" / f"{name}.json"
        proc = run("extract", str(path), "-o", str(out), "--max-bytes", "1000000")
        assert proc.returncode == EXIT_CODES[code], (name, proc.returncode, proc.stderr)
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("policyparse: error:"), (name, proc.stderr)
        assert "Traceback" not in proc.stderr
        assert not out.exists() and not (out.parent.exists() and any(out.parent.iterdir())), name


def test_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    data = _bomb(tmp_path).read_bytes()
    with pytest.raises(InputTooLarge):
        reader.convert(data, "bomb.docx", 1_000_000)
    assert reader.convert(data, "bomb.docx", 16 << 20).lines[0] == "一、总体要求"


def test_reader_errors_are_the_documented_classes(tmp_path: Path) -> None:
    cases = _bad_files(tmp_path)
    expect = {"corrupt": CorruptDocument, "encrypted": EncryptedDocument, "no-text": NoText}
    for name, (path, code) in cases.items():
        if code in expect:
            with pytest.raises(expect[code]):
                reader.convert(path.read_bytes(), name, 1 << 24)


def test_sniff_routes_word_files_to_the_reader(tmp_path: Path) -> None:
    cases = _bad_files(tmp_path)
    assert sniff((FIXTURES / "task_table.docx").read_bytes(), "x.docx") == "docx"
    assert sniff(cases["locked.docx"][0].read_bytes(), "locked.docx") == "docx"
    assert sniff(cases["not-word.docx"][0].read_bytes(), "not-word.docx") == "docx"
    assert sniff(cases["not-word.docx"][0].read_bytes(), "archive.zip") == "zip"
    assert sniff(cases["legacy.doc"][0].read_bytes(), "legacy.doc") == "doc"


def test_batch_records_a_bad_docx_and_converts_the_rest(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a_table.docx").write_bytes((FIXTURES / "task_table.docx").read_bytes())
    (src / "b_notice.txt").write_bytes((SAMPLES / "liaoning-2016-new-consumption-plan.txt").read_bytes())
    good = (FIXTURES / "auto_numbering.docx").read_bytes()
    (src / "c_broken.docx").write_bytes(good[: len(good) // 3])
    out = tmp_path / "out"
    proc = run("batch", str(src), "-o", str(out))
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(e["file"], e["code"], e["exit_code"]) for e in errors] == [
        ("c_broken.docx", "corrupt", EXIT_CODES["corrupt"])]
    done = sorted(p.name for p in out.glob("*.json"))
    assert done == ["a_table.docx.json", "b_notice.json"]
    table = json.loads((out / "a_table.docx.json").read_text(encoding="utf-8"))
    assert table["source"]["format"] == "docx"


# ---------------------------------------------------------------- the reader is lazy


def test_help_and_extracting_a_txt_do_not_import_the_docx_reader() -> None:
    code = (
        "import sys, io, contextlib\n"
        "from policyparse.cli.main import main\n"
        "from policyparse.cli.extract import run_extract\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main(['--help'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        f"    run_extract({str(SAMPLES / 'liaoning-2016-new-consumption-plan.txt')!r})\n"
        "print(sorted(m for m in ('policyparse.read.docx', 'xml.etree.ElementTree') if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_an_unclosed_field_does_not_hide_the_rest() -> None:
    broken = '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK</w:instrText></w:r></w:p>'
    body = broken + make.para("一、总体要求") + make.para("（一）做好工作。（牵头单位：市商务局）")
    assert reader.convert(make.zip_bytes(make.package(body)), None, 1 << 24).lines == [
        "一、总体要求", "（一）做好工作。（牵头单位：市商务局）"]


def test_deep_nesting_is_a_corrupt_document() -> None:
    body = "<w:sdt><w:sdtContent>" * 5000 + make.para("一、总体要求") + "</w:sdtContent></w:sdt>" * 5000
    with pytest.raises(CorruptDocument):
        reader.convert(make.zip_bytes(make.package(body)), None, 1 << 24)
