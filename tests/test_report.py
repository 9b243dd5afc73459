"""``policyparse report``: one self-contained HTML file whose marks, rows and links hold
every extracted record, escapes every piece of a notice, and references nothing outside
itself. The notices here are invented for these tests (written below, in the style of the
real ones); the samples and, when present, the shared corpus are read as they are."""

from __future__ import annotations

import html
import re
import shutil
import struct
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from policyparse.cli.report import run_report
from policyparse.grammar import load_grammar
from policyparse.views import report as rv

from .conftest import ROOT, SHARED, sample_paths

NOTICE = """青山省人民政府办公厅关于印发青山省推进社区养老服务提质行动方案的通知
青政办发〔2026〕7号

各市人民政府，省政府各部门：
　　《青山省推进社区养老服务提质行动方案》已经省政府同意，现印发给你们，请认真贯彻执行。

青山省人民政府办公厅
2026年3月8日

青山省推进社区养老服务提质行动方案

一、总体目标
　　到2027年，全省社区养老服务设施覆盖率达到90%以上，护理型床位占比不低于55%。
二、重点任务
　　（一）完善服务网络。推动街道综合养老服务中心建设。（牵头单位：省民政厅；配合单位：省住房城乡建设厅、省财政厅；完成时限：2027年6月底前）
　　（二）加强人才队伍。开展养老护理员职业技能培训。（牵头单位：省人力资源社会保障厅；配合单位：省民政厅；完成时限：2026年12月底前）
　　（三）强化资金保障。统筹安排专项资金。（责任单位：省财政厅、、省民政厅；完成时限：长期坚持）
三、保障措施
　　各地要加强组织领导，确保各项任务落到实处。（牵头单位：省民政厅；完成时限：2028年）
"""

# every place a notice's text lands in the page: title, headings, clauses, department
# names, deadlines, targets, the line text around them
HOSTILE = """关于<script>alert(1)</script>工作的通知
青政办发〔2026〕9号
一、"onmouseover="alert(2)" x="工作要求</textarea><img src=x onerror=alert(3)>
　　（一）加强协调<!-- 。（牵头单位：省<b>民政</b>厅"'；配合单位：省财政厅</textarea>；完成时限：2026年9月底前）
　　（二）参阅 http://example.com/x.js 和 //evil.example/y.css，样式 url(https://evil.example/z.png)。（责任单位：省商务厅<style>）
　　（三）到2027年覆盖率达到95%<iframe src="https://evil.example">以上。（牵头单位：省民政厅'onload='alert(4)）
"""


class _Page(HTMLParser):
    """Tags, attributes, ids, text and script bodies of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if a.get("id"):
            self.ids.append(a["id"] or "")
        if tag in ("script", "style"):
            self._in = tag
            if tag == "script":
                self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts[-1] += data
        elif self._in is None:
            self.text.append(data)


def parse_page(text: str) -> _Page:
    p = _Page()
    p.feed(text)
    p.close()
    return p


def rows_by_id(page_html: str) -> dict[str, str]:
    """The plain text of every table row that has an id."""
    out = {}
    for m in re.finditer(r'<tr id="([^"]+)"[^>]*>(.*?)</tr>', page_html, re.DOTALL):
        out[m.group(1)] = html.unescape(re.sub(r"<[^>]+>", "", m.group(2)))
    return out


def assert_links_resolve(page: _Page) -> None:
    assert len(page.ids) == len(set(page.ids)), "duplicate ids"
    ids = set(page.ids)
    for tag, attrs in page.tags:
        for key in ("href", "data-href"):
            v = attrs.get(key)
            if v is None:
                continue
            assert v.startswith("#"), (tag, key, v)
            assert v[1:] in ids, f"{tag} {key}={v} points nowhere"


def assert_self_contained(page_html: str, page: _Page) -> None:
    """No address outside the file: no src, no external href, no url() or @import."""
    for tag, attrs in page.tags:
        assert tag not in ("link", "img", "iframe", "object", "embed", "base", "source"), tag
        for key, v in attrs.items():
            if key in ("src", "action", "formaction", "poster", "background", "xlink:href", "srcset"):
                pytest.fail(f"{tag} has {key}={v!r}")
            if key == "href":
                assert v is not None and v.startswith("#"), (tag, v)
                assert not re.match(r"\s*(https?:|//|file:|data:|javascript:)", v, re.IGNORECASE)
    styles = re.findall(r"<style>(.*?)</style>", page_html, re.DOTALL) + re.findall(r'style="([^"]*)"', page_html)
    for css in styles:
        assert "url(" not in css and "@import" not in css and "//" not in css.replace("://", "")
    for script in page.scripts:
        assert not re.search(r"https?:|fetch\(|XMLHttpRequest|import\(", script)


def assert_records_shown(page_html: str | dict[str, str], doc, prefix: str) -> None:
    """Every assignment and target has its row, and every department it names is in it
    (``page_html`` may be the rows of a page, :func:`rows_by_id`)."""
    rows = rows_by_id(page_html) if isinstance(page_html, str) else page_html
    for k, a in enumerate(doc.all_assignments(), 1):
        row = rows.get(f"{prefix}r-a{k}")
        assert row is not None, (k, a.raw)
        for name in a.lead + a.support + a.responsible:
            assert name in row, (k, name, row)
        if a.deadline is not None:
            assert a.deadline.raw in row
    for k, t in enumerate(doc.all_targets(), 1):
        assert t.text in rows.get(f"{prefix}r-t{k}", ""), t.text


@pytest.fixture(scope="module")
def grammar():
    return load_grammar()


@pytest.fixture
def notice(tmp_path: Path) -> Path:
    p = tmp_path / "qingshan.txt"
    p.write_text(NOTICE, encoding="utf-8")
    return p


def render_one(path: Path, grammar) -> tuple[str, rv.NoticeView]:
    from policyparse.check.config import enabled_rules

    view = rv.load_notice(path, grammar, rules=enabled_rules(["ALL"], []))
    return rv.render_notice(view), view


def test_one_notice_marks_every_record_and_links_both_ways(notice: Path, grammar) -> None:
    out, view = render_one(notice, grammar)
    page = parse_page(out)
    assert_links_resolve(page)
    assert_self_contained(out, page)
    assert_records_shown(out, view.doc, "n1-")
    assert len(view.doc.all_assignments()) == 4
    # each line has its anchor, and its text is all there
    for n, line in enumerate(NOTICE.split("\n")[:-1], 1):
        assert f'id="n1-L{n}"' in out
    text = "".join(page.text)
    for line in NOTICE.split("\n"):
        assert line in text
    # marks on line 15 link to the first assignment's row, by role
    line15 = re.search(r'<div class="ln[^"]*" id="n1-L15">(.*?)</div>', out, re.DOTALL).group(1)
    for kind, words in (("k-lead", "省民政厅"), ("k-support", "省住房城乡建设厅"), ("k-support", "省财政厅"),
                        ("k-deadline", "2027年6月底前")):
        assert re.search(rf'<a class="hl [^"]*{kind}[^"]*" href="#n1-r-a1"[^>]*>{words}</a>', line15), kind
    assert 'class="hl k-heading"' in out
    # targets on line 13 link to their rows
    assert re.search(r'href="#n1-r-t1"[^>]*>全省社区养老服务设施覆盖率达到90%以上', out)
    # a row links back to its line
    assert re.search(r'<tr id="n1-r-a3" data-href="#n1-L17">', out)
    # the metadata card
    for value in ("青山省人民政府办公厅", "2026-03-08", "青政办发〔2026〕7号", "各市人民政府，省政府各部门"):
        assert value in text


def test_diagnostics_and_findings_sit_on_their_lines(notice: Path, grammar) -> None:
    out, view = render_one(notice, grammar)
    assert any(d.code == "doubled-separator" and d.line == 17 for d in view.doc.diagnostics)
    assert any(f.line == 17 for f in view.findings)
    line17 = re.search(r'<div class="ln has-note" id="n1-L17">.*?</div></div>', out, re.DOTALL).group(0)
    assert "doubled-separator" in line17
    assert view.findings[0].code in line17
    assert re.search(r'<tr id="n1-r-d1" data-href="#n1-L17">', out)
    assert re.search(r'<tr id="n1-r-f1" data-href="#n1-L17">', out)


def test_hostile_notice_stays_text(tmp_path: Path, grammar) -> None:
    p = tmp_path / "hostile.txt"
    p.write_text(HOSTILE, encoding="utf-8")
    out, view = render_one(p, grammar)
    page = parse_page(out)
    assert [t for t, _ in page.tags].count("script") == 1
    assert page.scripts == [rv.JS]
    for tag, attrs in page.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        assert tag not in ("img", "b", "textarea", "iframe"), tag
    assert [t for t, _ in page.tags].count("style") == 1
    assert "</textarea>" not in out and "<!-- " not in out
    text = "".join(page.text)
    for line in HOSTILE.split("\n"):
        assert line in text  # every line is shown as written
    assert "<script>alert(1)</script>" in text
    assert_links_resolve(page)
    assert_self_contained(out, page)
    assert_records_shown(out, view.doc, "n1-")


def test_hostile_file_name_and_folder(tmp_path: Path, grammar) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / 'a<b>"x\'.txt').write_text(HOSTILE, encoding="utf-8")
    (folder / "b.txt").write_text(NOTICE, encoding="utf-8")
    out = tmp_path / "r.html"
    assert run_report(folder, out, with_check=True) == 0
    text = out.read_text(encoding="utf-8")
    page = parse_page(text)
    assert 'a<b>"x\'.txt' in "".join(page.text)
    assert "a<b>" not in text and "<b>民政</b>" not in text
    assert page.scripts == [rv.JS]
    assert_links_resolve(page)
    assert_self_contained(text, page)


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem)
def test_samples(path: Path, grammar) -> None:
    out, view = render_one(path, grammar)
    page = parse_page(out)
    assert_links_resolve(page)
    assert_self_contained(out, page)
    assert_records_shown(out, view.doc, "n1-")
    # every clause with a span is marked, and links to its own row
    for k, a in enumerate(view.doc.all_assignments(), 1):
        assert f'href="#n1-r-a{k}"' in out


def make_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "notices"
    (folder / "sub").mkdir(parents=True)
    (folder / "qingshan.txt").write_text(NOTICE, encoding="utf-8")
    (folder / "sub" / "other.txt").write_text(NOTICE.replace("省民政厅", "省卫生健康委"), encoding="utf-8")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a word file")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.md").write_text("not a notice", encoding="utf-8")
    (folder / ".hidden.txt").write_text(NOTICE, encoding="utf-8")
    return folder


def test_folder_report(tmp_path: Path, grammar, capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_folder(tmp_path)
    out = tmp_path / "report.html"
    assert run_report(folder, out) == 1  # written, but two files failed
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all(e.startswith("policyparse: error:") for e in err)
    text = out.read_text(encoding="utf-8")
    page = parse_page(text)
    assert_links_resolve(page)
    assert_self_contained(text, page)
    views = rv.load_folder(folder, grammar)
    assert [v.path for v in views] == ["broken.docx", "empty.txt", "qingshan.txt", "sub/other.txt"]
    for i, v in enumerate(views, 1):
        assert f'<section class="notice" id="n{i}">' in text
        if v.doc is None:
            assert html.escape(v.error) in text
            continue
        assert_records_shown(text, v.doc, f"n{i}-")
    # the task table: one row per (assignment, department, role), each linking to its record
    tasks = re.findall(r'<tr data-href="#(n\d+-r-a\d+)" data-role="(\w+)" data-dept="([^"]*)" data-month="([^"]*)">',
                       text)
    expected = [(f"n{i}-r-a{k}", role, name) for i, v in enumerate(views, 1) if v.doc
                for k, a in enumerate(v.doc.all_assignments(), 1) for role in rv.ROLES for name in getattr(a, role)]
    assert sorted(t[:3] for t in tasks) == sorted(expected)
    assert ("n3-r-a1", "lead", "省民政厅", "2027-06") in tasks
    assert ("n4-r-a1", "lead", "省卫生健康委", "2027-06") in tasks
    assert ("n3-r-a4", "lead", "省民政厅", "2028-12") in tasks  # a year alone: its December
    # the department table and matrix
    assert 'data-value="省民政厅"' in text
    assert re.search(r'<tr><th class="dept">省财政厅</th>', text)
    # the timeline: a bar per month with deadlines, which filters the task table
    svg = re.search(r"<svg.*?</svg>", text, re.DOTALL).group(0)
    for month in ("2026-12", "2027-06", "2028-12"):
        assert f'data-value="{month}"' in svg
    assert "xmlns" not in svg  # inline SVG needs no namespace address


def test_folder_report_leaves_out_reports(tmp_path: Path, grammar) -> None:
    folder = make_folder(tmp_path)
    out = folder / "report.html"
    run_report(folder, out)
    first = out.read_text(encoding="utf-8")
    run_report(folder, out)  # the report inside the folder is not read as a notice
    assert out.read_text(encoding="utf-8") == first  # and the same input gives the same bytes
    shutil.copy(out, folder / "sub" / "old-report.html")
    assert [v.path for v in rv.load_folder(folder, grammar, exclude=[out])] == [
        "broken.docx", "empty.txt", "qingshan.txt", "sub/other.txt"]


def test_due_month() -> None:
    from policyparse.output.document import Assignment, Deadline

    def due(**kw):
        return rv.due_month(Assignment(1, raw="x", form="labelled", deadline=Deadline(raw="x", **kw)))

    assert due(kind="by", year=2027, month=6) == ("2027-06", True)
    assert due(kind="period", year=2028) == ("2028-12", False)
    assert due(kind="range", year=2026, month=3, end_year=2027, end_month=9) == ("2027-09", True)
    assert due(kind="ongoing") is None


def test_render_line_nests_marks() -> None:
    text = "做好工作（牵头单位：省民政厅；完成时限：2026年底）"
    marks = [rv.Mark(4, len(text), "clause", "a1", "c"), rv.Mark(10, 14, "lead", "a1", "省民政厅"),
             rv.Mark(20, 25, "deadline", "a1", "d"), rv.Mark(0, 4, "target", "t1", "<t>")]
    out = rv.render_line(text, marks, "n1-")
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text
    assert '<a class="hl k-clause k-lead" href="#n1-r-a1" title="省民政厅">省民政厅</a>' in out
    assert 'title="&lt;t&gt;"' in out
    # overlapping (not nested) marks still give every character once
    out = rv.render_line(text, [rv.Mark(0, 8, "target", "t1", ""), rv.Mark(5, 12, "lead", "a1", "")], "p")
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text


# ---------------------------------------------------------------------------------------
# the command line


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policyparse", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, check=False)


def test_cli_writes_the_report(notice: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    proc = run("report", str(notice), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "" and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    proc = run("report", str(notice), "--no-check")
    assert proc.returncode == 0 and proc.stdout.startswith("<!DOCTYPE html>")
    assert "PP205" not in proc.stdout


@pytest.mark.parametrize("name,data,code", [
    ("broken.docx", b"PK\x03\x04 not really a word file", None),  # the reader's own code (13/14)
    ("empty.txt", b"", 5),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, 13),
], ids=["broken-docx", "empty", "legacy-doc"])
def test_cli_bad_file_is_one_line_and_no_output(tmp_path: Path, name: str, data: bytes, code: int | None) -> None:
    bad = tmp_path / name
    bad.write_bytes(data)
    out = tmp_path / "out" / "r.html"
    proc = run("report", str(bad), "-o", str(out))
    assert proc.returncode == (code if code is not None else proc.returncode)
    assert proc.returncode in (5, 13, 14), proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("policyparse: error:") and "Traceback" not in proc.stderr
    assert not out.exists() and not list(tmp_path.rglob("*.part"))


def test_cli_missing_and_empty_folder(tmp_path: Path) -> None:
    proc = run("report", str(tmp_path / "nope.txt"))
    assert proc.returncode == 3 and len(proc.stderr.strip().splitlines()) == 1
    (tmp_path / "empty").mkdir()
    proc = run("report", str(tmp_path / "empty"), "-o", str(tmp_path / "r.html"))
    assert proc.returncode == 5, proc.stderr
    assert not (tmp_path / "r.html").exists()


def test_report_is_not_imported_for_txt_extract_or_help() -> None:
    sample = sample_paths()[0]
    code = (
        "import sys, io, contextlib\n"
        "import policyparse.cli.app\n"
        "from policyparse.cli.main import main\n"
        "for argv in (['--help'], ['extract', sys.argv[1]]):\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        try:\n"
        "            main(argv)\n"
        "        except SystemExit as e:\n"
        "            assert not e.code, e.code\n"
        "bad = [m for m in ('policyparse.views', 'policyparse.views.report', 'policyparse.check.engine')\n"
        "       if m in sys.modules]\n"
        "assert not bad, bad\n"
        "assert 'report' in [c.name or c.callback.__name__ for c in policyparse.cli.app.app.registered_commands]\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(sample)], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="the shared corpus is not here")
def test_corpus_folder_report(tmp_path: Path, grammar) -> None:
    """The real notices: one page, every record shown, every link resolving."""
    views = [rv.load_notice(p, grammar, display=p.name, strict=False) for p in sorted((SHARED / "corpus").glob("*.txt"))]
    text = rv.render_folder(views, "corpus")
    page = parse_page(text)
    assert_links_resolve(page)
    assert_self_contained(text, page)
    rows = rows_by_id(text)
    for i, v in enumerate(views, 1):
        assert_records_shown(rows, v.doc, f"n{i}-")


# ---------------------------------------------------------------------------------------
# a real browser


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def browser_args(binary: str, profile: Path) -> list[str]:
    return [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
            f"--user-data-dir={profile}"]


def png_pixels(data: bytes) -> tuple[int, int, set[bytes]]:
    """Width, height and the distinct pixel values of an 8-bit RGB/RGBA PNG (stdlib only)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, []
    width = height = ctype = 0
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6), (depth, ctype)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    prev = bytearray(stride)
    seen: set[bytes] = set()
    for y in range(height):
        f = raw[y * (stride + 1)]
        cur = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = cur[x - bpp] if x >= bpp else 0
            b = prev[x]
            if f == 1:
                cur[x] = (cur[x] + a) & 255
            elif f == 2:
                cur[x] = (cur[x] + b) & 255
            elif f == 3:
                cur[x] = (cur[x] + ((a + b) >> 1)) & 255
            elif f == 4:
                c = prev[x - bpp] if x >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                cur[x] = (cur[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        seen.update(bytes(cur[i:i + bpp]) for i in range(0, stride, bpp * 7))  # every 7th pixel
        prev = cur
    return width, height, seen


def test_png_pixels_decodes_filtered_rows() -> None:
    # 2×2 RGB: row 1 unfiltered, row 2 with the Up filter (each byte + the one above)
    rows = b"\x00" + bytes([10, 20, 30, 40, 50, 60]) + b"\x02" + bytes([1, 1, 1, 0, 0, 0])
    ihdr = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    w, h, seen = png_pixels(png)
    assert (w, h) == (2, 2)
    assert bytes([11, 21, 31]) in seen and bytes([10, 20, 30]) in seen


@pytest.mark.skipif(_chromium() is None, reason="no chromium on PATH (apt-get install chromium fonts-noto-cjk)")
def test_in_a_real_browser(tmp_path: Path, grammar) -> None:
    binary = _chromium()
    assert binary is not None
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "qingshan.txt").write_text(NOTICE, encoding="utf-8")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    report = tmp_path / "report.html"
    run_report(folder, report)
    views = rv.load_folder(folder, grammar)
    proc = subprocess.run([*browser_args(binary, tmp_path / "profile"), "--dump-dom", report.as_uri()],
                          capture_output=True, text=True, timeout=180, check=False)
    dom = proc.stdout
    assert dom, proc.stderr[-2000:]
    assert re.search(r'<html[^>]*data-js="ready"', dom), "the script did not run to its end"
    for i, v in enumerate(views, 1):
        assert v.doc is not None
        for k, _ in enumerate(v.doc.all_assignments(), 1):
            assert f'id="n{i}-r-a{k}"' in dom
    rows = len(rv.task_rows(views))
    assert f"{rows} / {rows}" in dom  # the filter counted the task rows
    page = parse_page(dom)
    assert [t for t, _ in page.tags].count("script") == 1
    assert not any(t in ("img", "iframe", "textarea") for t, _ in page.tags)
    assert not any(k.startswith("on") for _, a in page.tags for k in a)

    single = tmp_path / "one.html"
    run_report(folder / "qingshan.txt", single)
    shot = tmp_path / "shot.png"
    proc = subprocess.run([*browser_args(binary, tmp_path / "profile2"), f"--screenshot={shot}",
                           "--window-size=1280,1600", single.as_uri()], capture_output=True, text=True, timeout=180, check=False)
    assert shot.exists(), proc.stderr[-2000:]
    w, h, colours = screenshot_colours(shot)
    assert (w, h) == (1280, 1600)
    assert colours > 50, f"the page looks blank ({colours} colours)"


def screenshot_colours(path: Path) -> tuple[int, int, int]:
    """Size and number of distinct colours of a PNG: Pillow when it is installed (fast),
    else the stdlib decoder (a sample of the pixels)."""
    try:
        from PIL import Image
    except ImportError:
        w, h, seen = png_pixels(path.read_bytes())
        return w, h, len(seen)
    with Image.open(path) as im:
        colours = im.convert("RGB").getcolors(maxcolors=1 << 24) or []
        return im.width, im.height, len(colours)


def test_an_appendix_is_a_heading_as_in_show_and_the_tables(tmp_path: Path, grammar) -> None:
    from policyparse.output.tables import document_rows

    p = tmp_path / "n.txt"
    p.write_text("一、总体要求\n做好工作。\n附件\n重点任务清单\n", encoding="utf-8")
    out, view = render_one(p, grammar)
    heads = rv._headings(view.doc)
    assert [h.kind for h in heads][-1] == "appendix"
    assert len(heads) == len(document_rows(view.doc.to_dict(), "n.txt").headings)
    line3 = re.search(r'<div class="ln[^"]*" id="n1-L3">(.*?)</div>', out, re.DOTALL).group(1)
    assert 'class="hl k-heading"' in line3 and "None" not in out
