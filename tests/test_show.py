"""``policyparse show``: what an analyst sees of a notice, laid out inside the terminal."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from policyparse.output.document import Document
from policyparse.parse.pipeline import parse_file, parse_source
from policyparse.parse.source import converted_source, decode_bytes
from policyparse.views.show import VIEWS, make_console, render

from .conftest import ROOT, SHARED, sample_paths

SAMPLES = sample_paths()
CORPUS = SHARED / "corpus"
# real notices with clauses (lead or responsible), targets and several numbering levels (read when ../shared is there)
CORPUS_NOTICES = ("005_guobanfa2018_129_xiaofei_fupin.txt", "059_neimenggu_baotou_2022_shuzi_zhengfu_kaoping.txt",
                  "061_anhui_2021_gongye_hulianwang_zhengce.txt", "068_shanghai_2021_beidou_chanye_sannian_jihua.txt")
ANSI = re.compile(r"\x1b\[")

# an invented notice: every role, a deadline, targets, a table of tasks, text that looks like markup
NOTICE = """关于推进示范社区建设的通知
各区人民政府，市政府各部门：
一、工作目标
到2027年，示范社区覆盖率达到60%以上，新建服务站不少于120个。
二、重点任务
（一）[重点]完善服务网络。建设一批综合服务站。（牵头单位：市民政局；配合单位：市财政局、市住房城乡建设局；完成时限：2026年6月底前）
（二）提升治理水平。推进网格化管理。（责任单位：市委政法委、各区人民政府）
1．加强队伍建设。培训社区工作者3000人次。（牵头单位：市人力资源社会保障局）
三、任务分工
序号\t主要任务\t牵头单位\t配合单位
1\t开展社区服务质量评估\t市民政局\t市市场监管局
2\t建立服务标准体系\t市市场监管局\t市民政局、市卫生健康委
"""


def doc_of(text: str, path: str = "notice.txt") -> Document:
    return parse_source(decode_bytes(text.encode("utf-8"), path))


def shown(doc: Document, width: int = 1000, only: str | None = None, text: bool = False) -> str:
    buf = io.StringIO()
    render(doc, make_console("never", width, buf), only=only, text=text)
    return buf.getvalue()


def run(*args: str, env: dict[str, str] | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")}
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "policyparse", *args], cwd=cwd, capture_output=True,
                          text=True, env=full, timeout=120, check=False)


@pytest.fixture(scope="module")
def sample_docs() -> list[Document]:
    return [parse_file(p) for p in SAMPLES]


def corpus_paths() -> list[Path]:
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus is not here")
    paths = [CORPUS / n for n in CORPUS_NOTICES if (CORPUS / n).is_file()]
    if not paths:
        pytest.skip("the chosen corpus notices are not here")
    return paths


def assert_facts_shown(doc: Document, out: str) -> None:
    for node in doc.iter_nodes():
        if node.title:
            assert node.title in out, node.title
    for a in doc.all_assignments():
        for name in (*a.lead, *a.support, *a.responsible):
            assert name in out, (a.line, name)
    for t in doc.all_targets():
        assert t.text in out, (t.line, t.text)


# ------------------------------------------------------------------ content


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_every_heading_and_every_clause_name_of_a_sample_is_shown(path: Path) -> None:
    doc = parse_file(path)
    assert_facts_shown(doc, shown(doc))


def test_every_heading_and_every_clause_name_of_real_notices_is_shown() -> None:
    for path in corpus_paths():
        doc = parse_file(path)
        assert doc.all_assignments(), path  # chosen for their clauses
        assert_facts_shown(doc, shown(doc))


def test_clause_facts_are_labelled_by_role_and_lines_are_in_the_gutter() -> None:
    out = shown(doc_of(NOTICE), width=100)
    lines = out.splitlines()
    lead = next(ln for ln in lines if "市民政局" in ln and "lead" in ln)
    assert lead.split()[:3] == ["6", "lead", "市民政局"]  # the clause's line, its role, the name
    support = lines[lines.index(lead) + 1]
    assert support.split()[:3] == ["support", "市财政局、", "市住房城乡建设局"]  # 、 then a place to wrap
    assert re.search(r"deadline\s+2026年6月底前\s+by 2026-06", out)
    assert re.search(r"responsible\s+市委政法委、 各区人民政府", out)
    assert re.search(r"^\s*4\s+target\s+≥ 60% · 2027\s+", out, re.MULTILINE)
    assert re.search(r"task\s+建立服务标准体系", out)


def test_document_text_is_printed_as_written_not_read_as_markup() -> None:
    out = shown(doc_of(NOTICE), width=100)
    assert "（一）[重点]完善服务网络" in out


def test_control_characters_in_the_text_cannot_reach_the_terminal() -> None:
    doc = doc_of("一、总体要求\n（一）做好\x1b[31m工作\x08。（牵头单位：省财政厅）\n")
    out = shown(doc, width=80, text=True)
    assert "\x1b" not in out and "\x08" not in out
    assert "做好␛[31m工作␈" in out


def test_paragraph_text_only_with_text_flag() -> None:
    doc = doc_of(NOTICE)
    assert "建设一批综合服务站" not in shown(doc, width=100)
    assert "建设一批综合服务站" in shown(doc, width=100, text=True)
    assert "各区人民政府，市政府各部门" in shown(doc, width=100, text=True)


def test_diagnostics_come_last() -> None:
    doc = doc_of(NOTICE.replace("推进网格化管理。", "推进网格化管理（含城乡社区。"))
    assert doc.diagnostics, "the unclosed bracket is reported"
    out = shown(doc, width=200)
    tail = out[out.index("diagnostics ─"):]
    assert "建立服务标准体系" not in tail
    for d in doc.diagnostics:
        assert re.search(rf"^\s*{d.line}\s+{d.severity}\s+{d.code}\s+{re.escape(d.message)}", tail, re.MULTILINE)


def test_a_text_without_structure_says_so() -> None:
    out = shown(doc_of("这是一段没有编号也没有分工的文字。\n第二段文字。\n"), width=80)
    assert "no numbered headings, clauses or targets found" in out
    assert "no-structure" in out


def test_paged_originals_mark_where_pages_begin() -> None:
    lines = NOTICE.splitlines()
    pages = [1] * 5 + [2] * (len(lines) - 5)
    doc = parse_source(converted_source(lines, NOTICE.encode(), "notice.pdf", "pdf", pages))
    out = shown(doc, width=80)
    assert out.index("page 1") < out.index("一、工作目标") < out.index("page 2") < out.index("（一）")


# ------------------------------------------------------------------ --only


def test_only_tree_shows_headings_with_counts_and_no_facts() -> None:
    out = shown(doc_of(NOTICE), width=100, only="tree")
    assert "二、重点任务  3 clauses · 1 target" in out
    assert "一、工作目标  2 targets" in out
    assert "（一）[重点]完善服务网络  1 clause" in out
    assert "市财政局" not in out and not re.search(r"^\s*\d*\s+(lead|target)\s", out, re.MULTILINE)


def test_only_clauses_is_a_table_of_line_item_roles_deadline() -> None:
    out = shown(doc_of(NOTICE), width=120, only="clauses")
    header = next(ln for ln in out.splitlines() if ln.lstrip().startswith("line"))
    assert header.split() == ["line", "item", "lead", "support", "responsible", "deadline"]
    row = next(ln for ln in out.splitlines() if "市民政局" in ln and "2026年6月底前" in ln)
    assert row.split()[0] == "6" and "二、（一）" in row
    assert "1．加强队伍建设" in out and "开展社区服务质量评估" in out
    assert "target" not in out.split("│")[-1]


def test_only_clauses_leaves_out_columns_nobody_fills() -> None:
    out = shown(doc_of("一、任务\n（一）做好工作。（牵头单位：省财政厅）\n"), width=100, only="clauses")
    header = next(ln for ln in out.splitlines() if ln.lstrip().startswith("line"))
    assert header.split() == ["line", "item", "lead"]
    assert "no clause names support or responsible or a deadline" in out


def test_only_targets_is_a_table_of_values() -> None:
    out = shown(doc_of(NOTICE), width=120, only="targets")
    assert re.search(r"^\s*4\s+一、工作目标\s+.*覆盖率达到60%以上\s+≥ 60% · 2027", out, re.MULTILINE)
    assert re.search(r"≥ 120个 · 2027", out)
    assert "市民政局" not in out


def test_only_of_a_notice_without_such_facts_says_so() -> None:
    doc = doc_of("一、总体要求\n（一）做好工作。\n")
    assert "no responsibility clauses found" in shown(doc, only="clauses")
    assert "no numeric targets found" in shown(doc, only="targets")


# ------------------------------------------------------------------ width and alignment


def _widest(out: str) -> int:
    return max(cell_len(line) for line in out.splitlines())


@pytest.mark.parametrize("width", [40, 80, 120])
@pytest.mark.parametrize("only", [None, *VIEWS])
def test_no_line_is_wider_than_the_terminal(width: int, only: str | None, sample_docs: list[Document]) -> None:
    for doc in [*sample_docs, doc_of(NOTICE)]:
        out = shown(doc, width=width, only=only, text=only is None)
        assert _widest(out) <= width, (doc.source.path, width, only)


def test_real_notices_fit_the_terminal() -> None:
    for path in corpus_paths():
        doc = parse_file(path)
        for width in (40, 80, 120):
            for only in (None, *VIEWS):
                assert _widest(shown(doc, width=width, only=only)) <= width, (path.name, width, only)


def _cell_col(line: str, needle: str) -> int:
    return cell_len(line[:line.index(needle)])


def test_cjk_columns_line_up_in_cells() -> None:
    """Names start in the same terminal column whether the item before them is CJK
    (two cells a character), ASCII or mixed."""
    notice = ("一、任务\n（一）Wi-Fi全覆盖。做好工作。（牵头单位：甲局；配合单位：乙局）\n"
              "（二）推进政务服务一网通办。做好工作。（牵头单位：丙丁委员会；配合单位：戊局）\n"
              "（三）ABC。做好工作。（牵头单位：己局；配合单位：庚局）\n")
    doc = doc_of(notice)
    table = shown(doc, width=100, only="clauses").splitlines()
    header = next(ln for ln in table if ln.lstrip().startswith("line"))
    for name, col in (("甲局", "lead"), ("丙丁委员会", "lead"), ("己局", "lead"),
                      ("乙局", "support"), ("戊局", "support"), ("庚局", "support")):
        row = next(ln for ln in table if name in ln)
        assert _cell_col(row, name) == _cell_col(header, col), (name, row)
    tree = shown(doc, width=100).splitlines()
    starts = {_cell_col(ln, name) for name in ("甲局", "乙局", "丙丁委员会", "戊局", "己局", "庚局")
              for ln in tree if name in ln}
    assert len(starts) == 1, starts  # the value column of the facts


def test_names_wrap_between_names_not_inside_one() -> None:
    names = ["省人力资源社会保障厅", "省住房城乡建设厅", "省发展改革委", "省工业和信息化厅", "省市场监督管理局"]
    doc = doc_of(f"一、任务\n（一）做好工作。（牵头单位：{'、'.join(names)}）\n")
    for width in (40, 60, 80):
        out = shown(doc, width=width)
        for name in names:
            assert name in out, (width, name)  # each whole on one line
        assert _widest(out) <= width


def test_narrow_clause_view_turns_into_blocks() -> None:
    out = shown(doc_of(NOTICE), width=40, only="clauses")
    assert not any(ln.lstrip().startswith("line") for ln in out.splitlines())
    assert re.search(r"lead\s+市民政局", out)
    assert _widest(out) <= 40


# ------------------------------------------------------------------ colour


def test_piped_output_has_no_escape_codes() -> None:
    proc = run("show", str(SAMPLES[0]))
    assert proc.returncode == 0, proc.stderr
    assert not ANSI.search(proc.stdout)
    assert "一、" in proc.stdout
    assert not any(line != line.rstrip() for line in proc.stdout.splitlines())  # no padding to the width


def test_no_color_wins_over_force_color() -> None:
    proc = run("show", str(SAMPLES[0]), env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert proc.returncode == 0, proc.stderr
    assert not ANSI.search(proc.stdout)


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the command line in this process (the typer app, guarded as the console script
    is): exit code, stdout, stderr."""
    from policyparse.cli.app import main

    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exc.value.code or 0), out, err


def test_colour_when_forced_or_asked_for(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    for args, env in ((("--color", "always"), {}), ((), {"FORCE_COLOR": "1"}),
                      (("--color", "always"), {"NO_COLOR": "1"}), (("--color", "never"), {"FORCE_COLOR": "1"})):
        with monkeypatch.context() as m:
            for k in ("NO_COLOR", "FORCE_COLOR"):
                m.delenv(k, raising=False)
            for k, v in env.items():
                m.setenv(k, v)
            code, out, err = cli(capsys, "show", str(SAMPLES[0]), *args)
        assert code == 0, err
        assert bool(ANSI.search(out)) == (args != ("--color", "never")), (args, env)


def test_roles_have_one_colour_each() -> None:
    from rich.style import Style

    from policyparse.views.style import ROLES, STYLES

    colours = {Style.parse(STYLES[r]).color for r in ROLES}
    assert len(colours) == len(ROLES) and None not in colours
    buf = io.StringIO()
    render(doc_of(NOTICE), make_console("always", 100, buf))
    for role in ROLES:
        triplet = Style.parse(STYLES[role]).color.get_truecolor()  # type: ignore[union-attr]
        code = f"38;5;{Style.parse(STYLES[role]).color.downgrade(2).number}"  # type: ignore[union-attr]
        assert code in buf.getvalue() or f"38;2;{triplet.red};{triplet.green};{triplet.blue}" in buf.getvalue()


# ------------------------------------------------------------------ the command


def test_width_option_and_only_option(capsys: pytest.CaptureFixture[str]) -> None:
    for only in VIEWS:
        code, out, err = cli(capsys, "show", str(SAMPLES[-1]), "--width", "50", "--only", only)
        assert code == 0, err
        assert _widest(out) <= 50


def _one_line_error(proc: subprocess.CompletedProcess, code: int) -> None:
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("policyparse: error:"), proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_options_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (("--only", "everything"), ("--color", "sometimes"), ("--width", "5")):
        code, out, err = cli(capsys, "show", str(SAMPLES[0]), *args)
        assert code == 2 and out == "", (args, err)
        assert len(err.splitlines()) == 1 and err.startswith("policyparse: error:"), err


def test_bad_files_give_extracts_errors_and_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from policyparse.cli.main import main as entry_main

    cases = {
        "missing.txt": None,
        "empty.txt": b"",
        "legacy.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
        "broken.docx": b"PK\x03\x04" + b"\x00garbage" * 20,
        "binary.txt": bytes(range(256)) * 2,
        "big.txt": "一、总体要求\n".encode() * 100,
        "page.html": "<!doctype html><html><body><p>一、总体要求</p></body></html>".encode(),
    }
    monkeypatch.chdir(tmp_path)
    for name, data in cases.items():
        if data is not None:
            (tmp_path / name).write_bytes(data)
        with pytest.raises(SystemExit) as exc:
            entry_main(["extract", name, "--max-bytes", "1000"])
        ext_code = int(exc.value.code or 0)
        ext_err = capsys.readouterr().err
        code, out, err = cli(capsys, "show", name, "--max-bytes", "1000")
        assert code == ext_code, (name, err, ext_err)
        if ext_code:
            assert out == "" and err == ext_err, name
            assert len(err.splitlines()) == 1 and err.startswith("policyparse: error:"), err
    # (a broken .docx or a web page gets what its reader says, the same for both commands)
    expected = {"missing.txt": 3, "empty.txt": 5, "legacy.doc": 13, "binary.txt": 6, "big.txt": 8}
    for name, want in expected.items():
        assert cli(capsys, "show", name, "--max-bytes", "1000")[0] == want, name


def test_a_bad_file_is_one_line_from_the_console_script(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    _one_line_error(run("show", "empty.txt", cwd=tmp_path), 5)
    _one_line_error(run("show", "nothing-here.txt", cwd=tmp_path), 3)


def test_published_files_show_as_extract_reads_them() -> None:
    """A web page, .docx or PDF shows when extract reads it, and fails as extract fails."""
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus is not here")
    picks = [CORPUS / "html" / "005_guobanfa2018_129_xiaofei_fupin.html",
             CORPUS / "formats" / "005_guobanfa2018_129_xiaofei_fupin.docx",
             CORPUS / "formats" / "005_guobanfa2018_129_xiaofei_fupin.pdf"]
    picks = [p for p in picks if p.is_file()]
    if not picks:
        pytest.skip("no published files in the corpus")
    for path in picks:
        ext = run("extract", str(path))
        show = run("show", str(path), "--width", "100")
        assert show.returncode == ext.returncode, (path.name, show.stderr, ext.stderr)
        if ext.returncode == 0:
            assert "市场监管总局" in show.stdout or "一、" in show.stdout
        else:
            assert show.stderr == ext.stderr


# ------------------------------------------------------------------ imports


def _modules_after(code: str) -> set[str]:
    proc = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    return set(proc.stdout.split())


def test_extract_of_a_text_file_does_not_load_the_views_or_rich(tmp_path: Path) -> None:
    out = tmp_path / "doc.json"
    for entry in ("policyparse.cli.main", "policyparse.cli.app"):  # the short road and the typer app
        mods = _modules_after(
            f"import {entry} as m\n"
            f"try:\n    m.main(['extract', {str(SAMPLES[0])!r}, '-o', {str(out)!r}])\n"
            "except SystemExit as e:\n    assert not e.code, e.code\n")
        assert out.is_file()
        assert not any(m == "policyparse.views" or m.startswith("policyparse.views.") for m in mods), entry
        assert "rich.console" not in mods and "rich.table" not in mods, entry


def test_help_does_not_load_the_views() -> None:
    mods = _modules_after("import policyparse.cli.app as c\ntry:\n    c.main(['--help'])\nexcept SystemExit:\n    pass\n")
    assert "policyparse.views" not in mods and "rich.console" not in mods


def test_the_palette_is_plain_data() -> None:
    mods = _modules_after("import policyparse.views.style")
    assert not any(m == "rich" or m.startswith("rich.") for m in mods)
