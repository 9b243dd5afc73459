"""Saved web pages (``read.html``): the article body, its tables and the page's info table.

The real pages are read from ``shared/corpus/html/`` at test time (skipped without it)
and compared with the plain text of the same notice; the page the project owns is
``fixtures/formats/task_table.html``, written by ``fixtures/formats/make_html.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from policyparse import parse_file
from policyparse.errors import NoText
from policyparse.output.writers import dumps
from policyparse.read import load_bytes, sniff
from policyparse.read.html import convert, decode

from .conftest import ROOT, SAMPLES, SHARED
from .linefree import agreement

FORMATS = ROOT / "tests" / "fixtures" / "formats"
PAGE = FORMATS / "task_table.html"
CORPUS = SHARED / "corpus"
PAGES = sorted((CORPUS / "html").glob("*.html")) if (CORPUS / "html").is_dir() else []

sys.path.insert(0, str(FORMATS))
import make_html

MB = 16 * 1024 * 1024


def _lines(html: str | bytes) -> list[str]:
    return convert(html.encode("utf-8") if isinstance(html, str) else html, None, MB).lines


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    return env


def _py(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=cwd, env=_env(), capture_output=True, text=True,
                          timeout=120, check=False)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return _py("-m", "policyparse", *args)


# --- the real pages ---------------------------------------------------------------------

# overall line-free agreement floor per page, and over all pages. The two pages below 1.0
# (027, 048: State Council decrees) are so because the page's info table states a doc number
# (国令第707号) that the text gives only as "第707号" under the decree's heading, which the
# text parser does not take for a doc number: the hint adds a true fact the reference lacks.
FLOOR = 0.98
MEAN_FLOOR = 0.999


@pytest.fixture(scope="module")
def corpus_scores() -> dict[str, float]:
    if not PAGES:
        pytest.skip("shared/corpus/html is not here")
    scores = {}
    for page in PAGES:
        ref = json.loads(dumps(parse_file(CORPUS / f"{page.stem}.txt")))
        got = json.loads(dumps(parse_file(page)))
        scores[page.stem] = agreement(ref, got)[1]
    return scores


def test_every_corpus_page_agrees_with_its_text(corpus_scores: dict[str, float]) -> None:
    assert len(corpus_scores) == 50
    low = {k: v for k, v in corpus_scores.items() if v < FLOOR}
    assert not low
    assert sum(corpus_scores.values()) / len(corpus_scores) >= MEAN_FLOOR


def test_corpus_pages_give_the_texts_lines() -> None:
    """Outside the two pages with merged table cells (resolved here, kept ragged in the
    .txt), the page's lines are the .txt's lines."""
    if not PAGES:
        pytest.skip("shared/corpus/html is not here")
    same = 0
    for page in PAGES:
        ref = (CORPUS / f"{page.stem}.txt").read_text(encoding="utf-8").rstrip("\n").split("\n")
        got = convert(page.read_bytes(), str(page), MB)
        if got.lines == ref:
            same += 1
        assert got.hints and got.hints.get("title") and got.hints.get("issuer"), page.name
    assert same >= 48


def test_gb2312_corpus_pages_decode() -> None:
    gb = [p for p in PAGES if b"charset=gb2312" in p.read_bytes()[:1024].lower()]
    if not gb:
        pytest.skip("no GB2312 page in shared/corpus/html")
    for page in gb:
        text, enc = decode(page.read_bytes())
        assert enc == "gb18030" and "国务院" in text


# --- the page the project owns ----------------------------------------------------------


def test_the_fixture_is_what_its_script_writes() -> None:
    assert PAGE.read_text(encoding="utf-8") == make_html.page()


def _assignments(doc: dict) -> list[tuple]:
    out = []

    def walk(n: dict) -> None:
        for a in n.get("assignments", []):
            out.append((a["lead"], a["support"], (a.get("deadline") or {}).get("raw")))
        for c in n.get("children", []):
            walk(c)

    walk(doc)
    return out


def test_task_table_rows_give_lead_support_and_deadline() -> None:
    doc = json.loads(dumps(parse_file(PAGE)))
    assert _assignments(doc) == [
        (["市城市管理局"], ["各区人民政府"], "2026年6月底前"),  # the clause in a paragraph
        (["市城市管理局"], ["各区人民政府"], "2025年12月底前"),
        (["市城市管理局"], ["市供电公司"], "2026年6月底前"),  # the lead cell spans two rows
        (["市住房城乡建设局"], ["市财政局"], "2026年12月底前"),
    ]
    assert doc["source"]["format"] == "html"
    assert doc["meta"]["doc_number"] == "青政办发〔2025〕7号"


def test_task_table_rows_have_the_tables_width() -> None:
    lines = convert(PAGE.read_bytes(), str(PAGE), MB).lines
    rows = [ln.split("\t") for ln in lines if "\t" in ln]
    assert rows[0] == ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
    assert rows[2] == ["2", "规整架空线缆", "市城市管理局", "市供电公司", "2026年6月底前"]
    assert rows[-1] == ["注：各区可结合实际增加更新街巷。", "", "", "", ""]  # colspan=5


def test_page_furniture_is_not_in_the_text() -> None:
    got = convert(PAGE.read_bytes(), str(PAGE), MB)
    text = "\n".join(got.lines)
    for chrome in ("首页", "政务公开", "当前位置", "索引号", "主题分类", "发文机关", "打印本页", "关闭窗口",
                   "分享到", "网站地图", "统计代码", "font-family"):
        assert chrome not in text, chrome
    assert got.lines[0] == "青禾市人民政府办公室关于印发"
    assert got.lines[-1] == "（此件公开发布）"
    assert got.hints == {"title": "青禾市人民政府办公室关于印发青禾市街巷更新三年行动方案的通知",
                         "issuer": "青禾市人民政府办公室", "doc_number": "青政办发〔2025〕7号",
                         "date": "2025-03-08"}


def test_a_body_no_hint_names_is_found_by_its_prose() -> None:
    hinted = _lines(make_html.page())
    assert _lines(make_html.page("zx-box")) == hinted


def test_a_page_with_no_wrapper_at_all_keeps_only_the_notice() -> None:
    """Paragraphs straight in <body> beside an unnamed menu, breadcrumb, info table and
    footer: the body is the whole page, and the furniture is dropped by what it is."""
    page = make_html.page("zx-box")
    for cls in ("top-nav", "nav", "breadcrumb", "info-box", "xxgk-table", "main", "zx-box", "share-box",
                "print-close", "footer"):
        page = page.replace(f' class="{cls}"', "")
    got = _lines(page)
    assert got == _lines(make_html.page())


# --- encodings, entities, blank lines -----------------------------------------------------


@pytest.mark.parametrize("meta", ['<meta charset="gbk">',
                                  '<meta http-equiv="Content-Type" content="text/html; charset=GB2312">',
                                  ""])
def test_gbk_page(meta: str) -> None:
    page = make_html.page().replace('<meta charset="utf-8">', meta)
    data = page.encode("gb18030")
    assert sniff(data, "p.html") == "html"
    assert _lines(data) == _lines(make_html.page())
    assert decode(data)[1] == "gb18030"


def test_a_bom_wins_over_a_wrong_meta() -> None:
    page = make_html.page().replace('<meta charset="utf-8">', '<meta charset="gb2312">')
    assert _lines(b"\xef\xbb\xbf" + page.encode("utf-8")) == _lines(make_html.page())


def test_entities_are_decoded() -> None:
    got = _lines("<html><body><div class='zoom'><p>一、关于&ldquo;街巷&rdquo;&amp;&#x5C0F;&#24055;&lt;试点&gt;"
                 "&hellip;要求。</p><p>A&nbsp;B</p></div></body></html>")
    assert got == ["一、关于“街巷”&小巷<试点>…要求。", "A\u00a0B"]


def test_br_paragraphs_and_blank_lines() -> None:
    got = _lines("<body><div class='zoom'><p>第一行<br>第二行<br><br>第三行，正文。</p><p></p><p>&nbsp;</p>"
                 "<p>第四   行\n  续写，正文。</p><div>第五行<span>同一行</span></div></div></body>")
    assert got == ["第一行", "第二行", "", "第三行，正文。", "", "第四   行 续写，正文。", "第五行同一行"]


def test_merged_cells_are_resolved() -> None:
    got = _lines("<body><div class='zoom'><p>一、表格，正文。</p><table>"
                 "<tr><td rowspan='9'>甲</td><td colspan='2'>乙</td></tr>"
                 "<tr><td>丙</td><td><p>丁一</p><p>丁二</p></td></tr>"
                 "<tr><td></td><td></td></tr></table></div></body>")
    assert got == ["一、表格，正文。", "甲\t乙\t", "甲\t丙\t丁一 丁二", "甲\t\t"]


def test_a_layout_table_is_read_as_paragraphs() -> None:
    got = _lines("<body><table><tr><td><p>一、总体要求，正文。</p><p>二、主要任务，正文。</p></td></tr></table></body>")
    assert got == ["一、总体要求，正文。", "二、主要任务，正文。"]


def test_hidden_elements_are_not_text() -> None:
    got = _lines("<body><div class='zoom'><p>正文一段，内容。</p><p style='display: none'>隐藏的字</p>"
                 "<p hidden>也隐藏</p></div></body>")
    assert got == ["正文一段，内容。"]


# --- bad pages --------------------------------------------------------------------------


@pytest.mark.parametrize("html", [
    "<html><head><title>空页</title><script>var a='正文';</script></head><body></body></html>",
    "<html><body><ul><li><a href='/'>首页</a></li></ul>   </body></html>",
    "<!DOCTYPE html><html><body><img src='scan.png'></body></html>",
])
def test_a_page_without_body_text_is_no_text(html: str) -> None:
    with pytest.raises(NoText):
        convert(html.encode(), "p.html", MB)


@pytest.mark.parametrize("data", [
    b"<html><body><div><p>" + "未闭合，正文".encode() + b"<table><tr><td>",
    b"<html><body>" + b"<div>" * 5000 + "深层嵌套的一段正文，结束。".encode() + b"</span>" * 7,
    b"<html><body><table><tr><td rowspan='99999999' colspan='99999999'>\xe7\x94\xb2</td></tr></table>",
    b"<html>" + bytes(range(256)) * 4,
    b"<html><body><p>" + "半截字".encode()[:-1],
    b"<html><" * 1000,
])
def test_malformed_pages_never_crash(data: bytes) -> None:
    from policyparse.errors import PolicyParseError

    try:
        got = load_bytes(data, "bad.html")
    except PolicyParseError:
        return
    assert all("\n" not in ln for ln in got.lines)


def test_no_body_on_the_command_line(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<!DOCTYPE html><html><head><title>x</title></head><body><script>1</script></body>"
                    "</html>")
    out = tmp_path / "out.json"
    r = _cli("extract", str(page), "-o", str(out))
    assert r.returncode == 16
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert not out.exists()


# --- the command line and lazy import -----------------------------------------------------


def test_extract_and_text_a_page(tmp_path: Path) -> None:
    r = _cli("extract", str(PAGE))
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["source"]["format"] == "html" and len(_assignments(doc)) == 4
    r = _cli("text", str(PAGE))
    assert r.returncode == 0, r.stderr
    first = r.stdout.splitlines()[0].split("\t")
    assert first[0].strip() == "1" and first[1] == "青禾市人民政府办公室关于印发"
    assert "牵头单位\t配合单位" in r.stdout


def test_reading_text_does_not_import_the_html_parser() -> None:
    sample = next(iter(sorted(SAMPLES.glob("*.txt"))))
    code = ("import sys, policyparse.cli.app\n"
            "from policyparse import parse_file\n"
            f"parse_file({str(sample)!r})\n"
            "bad = [m for m in sys.modules if m.startswith(('selectolax', 'policyparse.read.html'))]\n"
            "print(bad)\n"
            "sys.exit(1 if bad else 0)\n")
    r = _py("-c", code)
    assert r.returncode == 0, r.stdout + r.stderr
    r = _py("-c", code.replace(str(sample), str(PAGE)))
    assert r.returncode == 1  # the same check sees the parser when a page is read


def test_the_extract_command_on_text_does_not_import_the_html_parser(tmp_path: Path) -> None:
    sample = next(iter(sorted(SAMPLES.glob("*.txt"))))
    r = _py("-X", "importtime", "-m", "policyparse", "extract", str(sample), "-o", str(tmp_path / "o.json"))
    assert r.returncode == 0
    assert "policyparse" in r.stderr and "selectolax" not in r.stderr and "read.html" not in r.stderr
    r = _py("-X", "importtime", "-m", "policyparse", "extract", str(PAGE), "-o", str(tmp_path / "p.json"))
    assert r.returncode == 0 and "selectolax" in r.stderr


def test_a_signature_table_is_read_as_paragraphs() -> None:
    got = _lines("<body><div class='zoom'><p>一、正文内容，很多。</p><table><tr><td>&nbsp;</td>"
                 "<td><p>青禾市人民政府</p><p>2025年3月8日</p></td></tr></table></div></body>")
    assert got == ["一、正文内容，很多。", "青禾市人民政府", "2025年3月8日"]


def test_info_labels_inside_a_value_are_not_labels() -> None:
    from policyparse.read.html import _hints

    assert _hints(["标题：关于规范文号管理的通知 发文字号：青发〔2025〕1号", "名称解释，一句正文。", "发文机关", "青禾市人民政府",
                   "成文日期", "2025/3/8", "发文字号：", "无"]) == {
        "title": "关于规范文号管理的通知", "doc_number": "青发〔2025〕1号", "issuer": "青禾市人民政府", "date": "2025-03-08"}


def test_preformatted_text_and_table_captions() -> None:
    got = _lines("<body><div class='zoom'><p>一、正文内容，很多。</p><pre>第一行，正文\n  第二行，正文\n\n第三行</pre>"
                 "<table><caption>表1 任务分工</caption><tr><td>任务</td><td>牵头单位</td></tr></table></div></body>")
    assert got == ["一、正文内容，很多。", "第一行，正文", "第二行，正文", "", "第三行", "表1 任务分工", "任务\t牵头单位"]


def test_an_article_wrapper_with_title_byline_and_related_links() -> None:
    """A provincial layout: the wrapper holds an <h1> title, a byline, the text block
    and a list of related links; the byline and the buttons are not the notice."""
    page = ("<html><head><meta charset='utf-8'></head><body><div class='header'><a href='/'>首页</a></div>"
            "<div class='article'><h1>青禾市关于做好街巷保洁工作的通知</h1>"
            "<div class='info'>发布时间：2025-04-01　来源：市城市管理局　【字体：大 中 小】</div>"
            "<div class='TRS_Editor'><p>各区人民政府：</p><p>一、明确保洁标准，街巷每日清扫两次。</p>"
            "<p>二、落实保洁责任（牵头单位：市城市管理局）。</p><p>青禾市城市管理局</p><p>2025年3月28日</p></div>"
            "<div class='print'><a href='#'>打印</a> <a href='#'>关闭</a></div></div>"
            "<div class='footer'>版权所有：青禾市人民政府</div></body></html>")
    got = convert(page.encode(), None, MB)
    assert got.lines == ["青禾市关于做好街巷保洁工作的通知", "各区人民政府：", "一、明确保洁标准，街巷每日清扫两次。",
                         "二、落实保洁责任（牵头单位：市城市管理局）。", "青禾市城市管理局", "2025年3月28日"]


def test_a_fragment_named_as_a_page_is_a_page() -> None:
    frag = "<div class='zoom'><p>一、正文内容，很多。</p></div>".encode()
    assert sniff(frag, "a.html") == "html" and sniff(frag, "a.txt") == "text"
    assert load_bytes(frag, "a.htm").lines == ["一、正文内容，很多。"]


def test_a_page_that_declares_latin1_but_is_utf8() -> None:
    page = make_html.page().replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
    assert decode(page.encode())[1] == "utf-8"
    assert decode(b"<html><meta charset='windows-1252'><body>caf\xe9 \xff\xfe\xfd")[1] == "cp1252"


def test_the_density_rule_alone_finds_every_corpus_body(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the content-block hints switched off, prose density alone finds the same text."""
    if not PAGES:
        pytest.skip("shared/corpus/html is not here")
    from policyparse.read import html as reader

    for page in PAGES:
        hinted = convert(page.read_bytes(), None, MB).lines
        monkeypatch.setattr(reader, "CONTENT_HINTS", frozenset())
        assert convert(page.read_bytes(), None, MB).lines == hinted, page.name
        monkeypatch.undo()


def test_a_page_over_the_limit_is_refused() -> None:
    from policyparse.errors import InputTooLarge

    with pytest.raises(InputTooLarge):
        convert(PAGE.read_bytes(), "p.html", 1000)


_ARTICLE = ("<div class='nav'><a href='/'>首页</a> <a href='/x'>政务公开</a></div>{head}"
            "<div class='article'><p>各区人民政府，市政府各部门：</p>{again}"
            "<p>一、加强组织领导。各区要建立工作机制，明确责任分工，抓好各项任务落实。</p>"
            "<p>二、强化督促检查。市政府办公厅定期通报进展情况，确保各项措施取得实效。</p>"
            "<p>青禾市人民政府办公厅</p><p>2024年3月1日</p></div>"
            "<div class='footer'>主办单位：青禾市人民政府办公厅</div>")
_TITLE = "青禾市人民政府办公厅关于加强政务督查工作的通知"


def test_a_title_set_above_the_article_is_its_first_line() -> None:
    page = "<html><body>" + _ARTICLE.format(head=f"<h1>{_TITLE}</h1>", again="") + "</body></html>"
    lines = _lines(page)
    assert lines[0] == _TITLE and "首页" not in "".join(lines)
    doc = json.loads(dumps(policyparse_parse(page)))
    assert doc["meta"]["title"] == _TITLE


def test_a_site_name_or_a_repeated_title_is_no_first_line() -> None:
    site = "<html><body>" + _ARTICLE.format(head="<h1>青禾市人民政府门户网站</h1>", again="") + "</body></html>"
    assert _lines(site)[0] == "各区人民政府，市政府各部门："
    twice = "<html><body>" + _ARTICLE.format(head=f"<h1>{_TITLE}</h1>", again=f"<p>{_TITLE}</p>") + "</body></html>"
    assert _lines(twice).count(_TITLE) == 1


def policyparse_parse(page: str):
    from policyparse import parse_bytes

    return parse_bytes(page.encode("utf-8"), path="page.html")
