"""read.pdf: the corpus PDFs agree with their texts; an invented multi-page notice (running
head, page numbers, headings, paragraphs across lines and pages, a task table with merged
cells) reads back as written, with the right page on every record; encrypted, scanned and
truncated PDFs fail with one line and their exit code, alone in a batch; a .txt never
loads the PDF library."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from policyparse.output import writers
from policyparse.errors import EXIT_CODES
from policyparse.parse.pipeline import parse_file, parse_text

from .conftest import ROOT, SAMPLES, SHARED
from .linefree import agreement, held_part

pypdfium2 = pytest.importorskip("pypdfium2")

FORMATS = SHARED / "corpus" / "formats"
FIXTURES = ROOT / "tests" / "fixtures" / "formats"
NOTICE = FIXTURES / "pdf_notice.pdf"
NOTICE_TXT = FIXTURES / "pdf_notice.txt"

# Corpus PDFs whose LibreOffice rendering lost part of the notice, so their facts are
# compared with the part of the text they hold (the test checks that they do lose it).
LOST_TEXT = {
    "001_guofa2019_5_shuangsuiji_yigongkai_jianguan": "the text stops after page 1 at an embedded object",
    "004_guobanfa2019_2_yaopin_jizhong_caigou": "the text stops after page 1 at an embedded object",
    "005_guobanfa2018_129_xiaofei_fupin": "the text stops after page 1 at an embedded object",
    "011_guobanfa2018_123_zhengwu_xinmeiti": "the text stops after page 1 at an embedded object",
    "028_guobanfa2018_121_tiyu_jingsai_biaoyan_chanye": "the text stops after page 1 at an embedded object",
    "039_guobanhan2004_25_hubei_kaocha_wenti_banli": "the page frame is cut at the foot of page 2",
    "046_guohan2018_144_zhiye_jiaoyu_lianxi_huiyi_pifu": "the page frame is cut at the foot of page 2",
    "050_guobanhan2018_71_zhengfu_wangzhan_jiyuehua": "the page frame is cut at the foot of page 2",
}


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policyparse", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, check=False)


def doc_of(path: Path) -> dict:
    return json.loads(writers.dumps(parse_file(path)))


def corpus_pdfs() -> list[Path]:
    return sorted(FORMATS.glob("*.pdf")) if FORMATS.is_dir() else []


# ---------------------------------------------------------------------------------------
# the corpus


@pytest.mark.skipif(not FORMATS.is_dir(), reason="needs ../shared/corpus/formats")
def test_the_corpus_has_its_twelve_pdfs() -> None:
    assert len(corpus_pdfs()) == 12


@pytest.mark.skipif(not FORMATS.is_dir(), reason="needs ../shared/corpus/formats")
@pytest.mark.parametrize("pdf", corpus_pdfs(), ids=lambda p: p.stem[:3])
def test_corpus_pdf_agrees_with_its_text(pdf: Path) -> None:
    from policyparse.read import read_source

    txt = SHARED / "corpus" / f"{pdf.stem}.txt"
    reference = doc_of(txt)
    got = doc_of(pdf)
    _per, overall, diffs = agreement(reference, got)
    if pdf.stem not in LOST_TEXT:
        assert overall >= 0.95, diffs
        return
    # the rendering lost text: it must really lack some, and agree on what it holds
    held, share = held_part(txt.read_text(encoding="utf-8"), read_source(pdf).text)
    assert share < 0.95, f"{pdf.stem} holds its whole text now: compare it in full"
    part = json.loads(writers.dumps(parse_text(held)))
    part["meta"] = reference["meta"]  # the metadata is the notice's, wherever the PDF states it
    _per, overall, diffs = agreement(part, got)
    assert overall >= 0.95, diffs


@pytest.mark.skipif(not FORMATS.is_dir(), reason="needs ../shared/corpus/formats")
def test_a_web_pages_info_table_is_metadata_not_text() -> None:
    from policyparse.read import read_source

    src = read_source(FORMATS / "043_guobanfa1996_32_neidi_xizangban_table.pdf")
    assert not any(line.startswith(("发文机", "索引号", "标题", "主题词")) for line in src.lines)
    assert src.hints["doc_number"] == "国办发〔1996〕32号"
    assert src.hints["date"] == "1996-07-17"
    assert src.lines[0].startswith("国务院办公厅")


@pytest.mark.skipif(not FORMATS.is_dir(), reason="needs ../shared/corpus/formats")
def test_a_ruled_table_with_merged_cells_is_resolved() -> None:
    from policyparse.read import read_source

    src = read_source(FORMATS / "043_guobanfa1996_32_neidi_xizangban_table.pdf")
    rows = [line.split("\t") for line in src.lines if "\t" in line]
    assert len({len(r) for r in rows}) == 1  # every row has the table's full number of cells
    head, years = rows[0], rows[1]
    assert head[:4] == ["省（市）", "1995年招生人数", "扩招", "分年度招生任务"] and head[4:] == ["", ""]
    assert years[:3] == head[:3]  # the row-spanning cells repeat
    assert years[3:] == ["1996年", "1997年", "1998年"]
    assert rows[2][0] == "总计"


# ---------------------------------------------------------------------------------------
# the invented notice


def test_fixture_reads_back_as_written() -> None:
    from policyparse.read import read_source

    src = read_source(NOTICE)
    assert src.format == "pdf"
    assert src.lines == NOTICE_TXT.read_text(encoding="utf-8").splitlines()


def test_running_head_and_page_numbers_are_gone_from_text() -> None:
    r = run("text", str(NOTICE))
    assert r.returncode == 0, r.stderr
    assert "青禾市人民政府办公室文件" not in r.stdout
    lines = [ln.split("\t", 2)[2] for ln in r.stdout.splitlines()]
    assert not [ln for ln in lines if ln.strip(" -—0123456789") == ""]
    # the raw text layer does have them, on every page
    pdf = pypdfium2.PdfDocument(NOTICE)
    raw = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    assert len(raw) >= 3
    assert all("青禾市人民政府办公室文件" in t and f"- {i} -" in t for i, t in enumerate(raw, 1))


def test_fixture_tree_and_clauses() -> None:
    doc = doc_of(NOTICE)

    def heads(nodes: list[dict], depth: int = 1) -> list[tuple[int, str, str]]:
        out = []
        for n in nodes:
            if n.get("marker"):
                out.append((depth, n["marker"], n["title"]))
                out += heads(n.get("children", []), depth + 1)
            else:
                out += heads(n.get("children", []), depth)
        return out

    h = heads(doc["children"])
    assert (1, "一、", "总体要求") in h and (1, "三、", "保障措施") in h
    assert (2, "（一）", "完善设施布局") in h and (2, "（二）", "丰富服务供给") in h
    assert (3, "1．", "优化服务设施配置") in h and (3, "3．", "培育专业服务队伍") in h

    clauses = []

    def walk(nodes: list[dict]) -> None:
        for n in nodes:
            clauses.extend(n.get("assignments", []))
            walk(n.get("children", []))

    walk(doc["children"])
    by_lead = {(tuple(a["lead"]), (a.get("deadline") or {}).get("raw")) for a in clauses}
    assert (("市民政局",), "2027年6月底前") in by_lead  # the paragraph that runs over the page break
    assert (("市卫生健康委",), "2027年12月底前") in by_lead
    # the table rows: the row-spanning lead cell counts for both of its rows
    table = [a for a in clauses if a["lead"] == ["市民政局"] and (a.get("deadline") or {}).get("raw") in
             ("2027年6月底前", "2027年12月底前")]
    assert len(table) >= 3
    assert doc["meta"]["doc_number"] == "青政办发〔2026〕17号"
    assert doc["meta"]["date"] == "2026-03-18"


def test_fixture_agrees_with_its_text_in_full() -> None:
    _per, overall, diffs = agreement(doc_of(NOTICE_TXT), doc_of(NOTICE))
    assert overall == 1.0, diffs


def test_records_carry_the_page_their_line_starts_on() -> None:
    doc = doc_of(NOTICE)
    pdf = pypdfium2.PdfDocument(NOTICE)
    raw = ["".join(pdf[i].get_textpage().get_text_range().split()) for i in range(len(pdf))]

    def first_page(text: str) -> int:
        probe = "".join(text.split())[:12]
        return next(i for i, t in enumerate(raw, 1) if probe in t)

    seen = 0
    stack = list(doc["children"])
    while stack:
        n = stack.pop()
        stack.extend(n.get("children", []))
        if n.get("marker"):
            assert n["page"] == first_page(n["marker"] + n["title"]), n["title"]
            seen += 1
        for a in n.get("assignments", []):
            assert a["page"] == n["page"]
    assert seen >= 10
    # the paragraph over the page break keeps the page it starts on; its end is on the next
    lines = NOTICE_TXT.read_text(encoding="utf-8").splitlines()
    over = next(ln for ln in lines if ln.startswith("1．优化服务设施配置"))
    assert "".join(over.split())[:20] in raw[0] and "6月底前）" in raw[1]
    from policyparse.read import read_source

    src = read_source(NOTICE)
    assert src.pages[src.lines.index(over)] == 1
    table_rows = [p for ln, p in zip(src.lines, src.pages) if "\t" in ln]
    assert table_rows and set(table_rows) == {len(raw)}


# ---------------------------------------------------------------------------------------
# bad inputs


BAD = [
    ("pdf_encrypted.pdf", "encrypted", "password"),
    ("pdf_scanned.pdf", "no-text", "OCR"),
    ("pdf_truncated.pdf", "corrupt", "truncated"),
]


@pytest.mark.parametrize("name,code,word", BAD)
def test_bad_pdf_is_one_line_with_its_exit_code_and_no_output(tmp_path: Path, name: str, code: str,
                                                               word: str) -> None:
    out = tmp_path / "out.json"
    r = run("extract", str(FIXTURES / name), "-o", str(out))
    assert r.returncode == EXIT_CODES[code], r.stderr
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and word in r.stderr
    assert r.stdout == ""
    assert not out.exists() and not list(tmp_path.iterdir())


@pytest.mark.parametrize("data,code", [
    (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\nthis is not a pdf\n%%EOF\n", "corrupt"),
    (b"%PDF-1.4\n%%EOF\n", "corrupt"),
    (b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF", "corrupt"),
])
def test_garbage_behind_a_pdf_header_is_corrupt(tmp_path: Path, data: bytes, code: str) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(data)
    r = run("extract", str(bad))
    assert r.returncode == EXIT_CODES[code], r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_padding_after_the_end_marker_is_not_truncation() -> None:
    from policyparse.read.pdf import convert

    data = NOTICE.read_bytes()
    assert convert(data + b"\x00" * 5000, None, 1 << 30).lines == convert(data, None, 1 << 30).lines


def test_a_pdf_encrypted_without_a_user_password_is_read() -> None:
    from policyparse.read import read_source

    assert read_source(FIXTURES / "pdf_owner_only.pdf").lines == read_source(NOTICE).lines


def test_batch_puts_bad_pdfs_in_errors_and_converts_the_rest(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("pdf_notice.pdf", "pdf_encrypted.pdf", "pdf_scanned.pdf", "pdf_truncated.pdf"):
        (src / name).write_bytes((FIXTURES / name).read_bytes())
    (src / "plain.txt").write_bytes(next(SAMPLES.glob("*.txt")).read_bytes())
    out = tmp_path / "out"
    r = run("batch", str(src), "-o", str(out))
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    errors = sorted((e["file"], e["code"], e["exit_code"])
                    for e in map(json.loads, (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()))
    assert errors == [("pdf_encrypted.pdf", "encrypted", 15), ("pdf_scanned.pdf", "no-text", 16),
                      ("pdf_truncated.pdf", "corrupt", 14)]
    made = sorted(p.name for p in out.rglob("*.json"))
    assert made == ["pdf_notice.pdf.json", "plain.json"]
    assert json.loads((out / "pdf_notice.pdf.json").read_text(encoding="utf-8"))["source"]["format"] == "pdf"


# ---------------------------------------------------------------------------------------
# cost


def test_extracting_a_txt_does_not_import_the_pdf_library() -> None:
    sample = next(SAMPLES.glob("*.txt"))
    code = ("import sys, runpy; sys.argv = ['policyparse', 'extract', %r]\n"
            "try:\n    runpy.run_module('policyparse', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "bad = [m for m in ('pypdfium2', 'policyparse.read.pdf') if m in sys.modules]\n"
            "sys.stderr.write('LOADED:' + ','.join(bad) + '\\n')\n") % str(sample)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120)
    assert '"schema_version"' in r.stdout, r.stderr
    assert "LOADED:\n" in r.stderr
    # … and a PDF does
    code_pdf = code.replace(repr(str(sample)), repr(str(NOTICE)))
    r = subprocess.run([sys.executable, "-c", code_pdf], capture_output=True, text=True, check=False, timeout=120)
    assert "LOADED:pypdfium2,policyparse.read.pdf" in r.stderr


def test_help_does_not_import_the_pdf_library() -> None:
    code = ("import sys, runpy; sys.argv = ['policyparse', '--help']\n"
            "try:\n    runpy.run_module('policyparse', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "sys.stderr.write('LOADED:' + str('pypdfium2' in sys.modules) + '\\n')\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120)
    assert "LOADED:False" in r.stderr


# ---------------------------------------------------------------------------------------
# layout rules, on PDFs written here byte by byte (Helvetica, no fonts embedded)


def tiny_pdf(pages: list[str], size: tuple[int, int] = (595, 842), rotate: int = 0) -> bytes:
    """A PDF whose pages have these content streams."""
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", "",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    kids = []
    for content in pages:
        stream = content.encode("latin-1")
        objs.append(f"<< /Length {len(stream)} >>\nstream\n{content}\nendstream")
        objs.append(f"<< /Type /Page /Parent 2 0 R /Rotate {rotate} /MediaBox [0 0 {size[0]} {size[1]}] "
                    f"/Resources << /Font << /F1 3 0 R >> >> /Contents {len(objs)} 0 R >>")
        kids.append(f"{len(objs)} 0 R")
    objs[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{k} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def text_at(x: float, y: float, s: str, size: int = 12, extra: str = "") -> str:
    return f"BT {extra} /F1 {size} Tf {x} {y} Td ({s}) Tj ET"


def lines_of(data: bytes) -> list[str]:
    from policyparse.read.pdf import convert

    return convert(data, None, 1 << 30).lines


def test_text_a_reader_cannot_see_is_not_read() -> None:
    page = "\n".join([
        text_at(72, 760, "Seen one"),
        text_at(72, 700, "Covered by a white box"),
        "1 1 1 rg 60 690 400 30 re f 0 g",  # painted over the line above
        text_at(72, 640, "Invisible ink", extra="3 Tr") + " 0 Tr",
        "1 1 1 rg " + text_at(72, 600, "White on white") + " 0 g",
        "BT /F1 48 Tf 0.7071 0.7071 -0.7071 0.7071 150 300 Tm (DRAFT COPY) Tj ET",  # a diagonal watermark
        text_at(72, 560, "Seen two"),
    ])
    assert lines_of(tiny_pdf([page])) == ["Seen one", "", "Seen two"]


def test_fake_bold_counts_once() -> None:
    page = "\n".join([text_at(72, 760, "Bold heading"), text_at(72.3, 760, "Bold heading"),
                      text_at(72, 700, "Plain line")])
    assert lines_of(tiny_pdf([page])) == ["Bold heading", "", "Plain line"]


def test_running_heads_and_page_numbers_of_every_page_are_dropped() -> None:
    pages = []
    for n in (1, 2, 3):
        body = [text_at(72, 800, "City Office Bulletin No. 7", 9)]
        body += [text_at(72, 700 - 16 * k, f"Body line {k} of page {n}") for k in range(3)]
        body.append(text_at(280, 40, f"- {n} -", 9) if n != 2 else text_at(260, 40, "Page 2 of 3", 9))
        pages.append("\n".join(body))
    lines = lines_of(tiny_pdf(pages))
    assert not [ln for ln in lines if "Bulletin" in ln or ln.startswith(("-", "Page"))]
    assert [ln for ln in lines if ln] == [f"Body line {k} of page {n}" for n in (1, 2, 3) for k in range(3)]


def test_a_table_ruled_with_thin_filled_rectangles_is_read_as_rows() -> None:
    # two rows, three columns, borders drawn as 0.5 pt filled rectangles (as Word draws them)
    xs, ys = (72, 200, 330, 460), (700, 670, 640)
    rules = [f"{xs[0]} {y} {xs[-1] - xs[0]} 0.5 re f" for y in ys]
    rules += [f"{x} {ys[-1]} 0.5 {ys[0] - ys[-1]} re f" for x in xs]
    cells = [text_at(80, 680, "Task"), text_at(208, 680, "Lead"), text_at(338, 680, "Deadline"),
             text_at(80, 650, "Build 20 sites"), text_at(208, 650, "City Office"), text_at(338, 650, "2026-12")]
    lines = lines_of(tiny_pdf(["\n".join(rules + cells + [text_at(72, 600, "After the table")])]))
    assert lines[:2] == ["Task\tLead\tDeadline", "Build 20 sites\tCity Office\t2026-12"]
    assert lines[-1] == "After the table"


def test_a_column_spanning_cell_fills_its_first_column() -> None:
    xs, ys = (72, 200, 330, 460), (700, 670, 640)
    rules = [f"{xs[0]} {y} m {xs[-1]} {y} l S" for y in ys]
    rules += [f"{x} {ys[-1]} m {x} {ys[0]} l S" for x in (xs[0], xs[-1])]
    rules += [f"{xs[1]} {ys[1]} m {xs[1]} {ys[0]} l S", f"{xs[2]} {ys[2]} m {xs[2]} {ys[0]} l S"]  # row 2: 1+2 merged
    cells = [text_at(80, 680, "A"), text_at(208, 680, "B"), text_at(338, 680, "C"),
             text_at(80, 650, "Wide cell"), text_at(338, 650, "D")]
    assert lines_of(tiny_pdf(["\n".join(rules + cells)]))[:2] == ["A\tB\tC", "Wide cell\t\tD"]


def test_a_wrapped_paragraph_is_one_line_and_a_short_line_ends_it() -> None:
    # three lines that end at the same right edge (justified by word spacing), then a short one
    full = ["one two three four five six seven eight nine", "ten eleven twelve thirteen fourteen fifteen",
            "sixteen seventeen eighteen nineteen twenty"]
    body = []
    for k, s in enumerate(full):
        gaps = s.count(" ")
        width = sum(1 for _ in s)  # spread the words so each line ends near x = 400
        tw = (400 - 72 - 6.0 * width) / gaps
        body.append(f"BT /F1 12 Tf {tw:.2f} Tw 72 {760 - 15 * k} Td ({s}) Tj ET")
    body.append(text_at(72, 715, "end."))
    body.append(text_at(72, 700, "Next paragraph here."))
    lines = lines_of(tiny_pdf(["\n".join(body)]))
    assert lines[0].startswith("one two") and lines[0].endswith("twenty end.")
    assert lines[1] == "Next paragraph here."


def test_a_rotated_page_reads_as_it_is_shown() -> None:
    # /Rotate 90 turns the page clockwise: text drawn along user space's y axis reads across
    page = "\n".join(f"BT /F1 12 Tf 0 1 -1 0 {100 + 20 * k} 100 Tm (Rotated line {k}) Tj ET" for k in range(3))
    assert lines_of(tiny_pdf([page], rotate=90)) == ["Rotated line 0", "Rotated line 1", "Rotated line 2"]
