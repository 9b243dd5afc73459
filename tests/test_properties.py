"""Invariants that must hold for any notice, checked on generated ones (hypothesis)."""

from __future__ import annotations

import codecs

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import policyparse
from policyparse.errors import PolicyParseError
from policyparse.output.writers import dumps

DEPTS = ["省发展改革委", "省财政厅", "省教育厅", "省人力资源社会保障厅", "省住房城乡建设厅", "各市人民政府",
         "省商务厅", "辽宁证监局", "省委组织部", "省社会信用体系建设领导小组成员单位"]
CN = "一二三四五六七八九十"
SENTENCES = ["加快推进重点领域制度创新", "全面改善优化消费环境", "到2020年森林覆盖率达到42%",
             "每年举办各类促消费活动不少于4000场", "强化基础设施网络支撑", "建设200个特色产业标准化基地",
             "严厉打击违法行为", "扩大72小时过境免签政策范围"]


@st.composite
def clauses(draw) -> str:
    names = draw(st.lists(st.sampled_from(DEPTS), min_size=1, max_size=4, unique=True))
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return f"（牵头单位：{names[0]}；配合单位：{'、'.join(names[1:] or ['省科技厅'])}）"
    if kind == 1:
        return f"（{'、'.join(names)}等按职责分工负责）"
    if kind == 2:
        return f"（责任单位：{'、'.join(names)}）"
    if kind == 3:
        return f"（{names[0]}牵头，{'、'.join(names[1:] or ['省科技厅'])}参与）"
    return ""


@st.composite
def notices(draw) -> str:
    lines = []
    for i in range(draw(st.integers(1, 3))):
        lines.append(f"{CN[i]}、{draw(st.sampled_from(SENTENCES))}")
        for j in range(draw(st.integers(0, 3))):
            body = "。".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3)))
            lines.append(f"　　（{CN[j]}）{draw(st.sampled_from(SENTENCES))}。{body}。{draw(clauses())}")
        if draw(st.booleans()):
            lines.append("")
    return "\n".join(lines) + "\n"


def _strip_source(doc) -> str:
    data = doc.to_dict()
    data.pop("source")
    return dumps(data)


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(notices(), st.sampled_from(["gb18030", "utf-8-sig", "utf-16", "crlf", "cr"]))
def test_encoding_and_newlines_change_nothing_but_the_source(text: str, variant: str) -> None:
    base = policyparse.parse_bytes(text.encode("utf-8"), strict=False)
    if variant == "crlf":
        data = text.replace("\n", "\r\n").encode("utf-8")
    elif variant == "cr":
        data = text.replace("\n", "\r").encode("utf-8")
    elif variant == "utf-16":
        data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    else:
        data = text.encode(variant)
    other = policyparse.parse_bytes(data, strict=False)
    assert _strip_source(other) == _strip_source(base)


@SETTINGS
@given(notices())
def test_every_record_points_at_its_source_line(text: str) -> None:
    doc = policyparse.parse_text(text, strict=False)
    lines = text.split("\n")
    for a in doc.all_assignments():
        assert 1 <= a.line <= len(lines)
        assert a.raw in lines[a.line - 1]
        if a.span is not None:
            assert lines[a.line - 1][a.span.start:a.span.end] == a.raw
        for name in a.lead + a.support + a.responsible:
            assert name and name.strip() == name
    for t in doc.all_targets():
        assert lines[t.line - 1][t.span.start:t.span.end] == t.text
    for n in doc.iter_nodes():
        assert n.line <= n.end_line
        if n.marker:
            assert lines[n.line - 1].strip().startswith(n.marker)


@SETTINGS
@given(notices())
def test_parsing_is_deterministic(text: str) -> None:
    assert dumps(policyparse.parse_text(text, strict=False)) == dumps(policyparse.parse_text(text, strict=False))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_arbitrary_text_never_crashes(text: str) -> None:
    try:
        policyparse.parse_text(text, strict=True)
    except PolicyParseError:
        pass


def _outcome(parse, arg) -> str:
    try:
        return dumps(parse(arg, strict=False))
    except PolicyParseError as exc:
        return f"{type(exc).__name__}: {exc}"


@settings(max_examples=200, deadline=None)
@given(st.one_of(notices(), st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)),
       st.sampled_from(["", "\ufeff", "<html><body><p>", "\x00"]))
def test_a_string_reads_as_its_utf8_bytes(text: str, head: str) -> None:
    """parse_text takes the string it was given instead of decoding its bytes again: the
    outcome is parse_bytes' on those bytes, BOM, HTML and control characters included."""
    text = head + text
    assert _outcome(policyparse.parse_text, text) == _outcome(policyparse.parse_bytes, text.encode("utf-8"))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    try:
        policyparse.parse_bytes(data, strict=True)
    except PolicyParseError:
        pass


@SETTINGS
@given(notices())
def test_fast_json_writer_matches_json_dumps(text: str) -> None:
    import json

    doc = policyparse.parse_text(text, strict=False)
    text = dumps(doc)
    assert text == json.dumps(doc.to_dict(), ensure_ascii=False, indent=2) + "\n"
    assert policyparse.Document.from_json(text) == doc  # what the parser built is valid, as built


# The pieces notices are made of, in any order: labels, verbs, names, brackets, markers,
# separators, numbers and units. Arbitrary Unicode rarely forms a clause; this does, broken
# in every way (a label with no value, a lead mark with no name, a bracket left open …).
PIECES = ["牵头单位", "牵头部门", "配合单位", "责任单位", "参加部门", "完成时限", "推进时限", "推进步骤", "牵头", "配合",
          "参与", "负责", "按职责分工负责", "等", "省财政厅", "省发展改革委", "各市人民政府", "有关部门", "（", "）", "(", ")",
          "：", ":", "；", ";", "，", ",", "、", "。", " ", "\u3000", "\t", "\n", "一、", "（一）", "1．", "1.", "(1)", "①",
          "专栏1", "附件", "2020年", "底前", "10月", "达到", "50%", "６．５％", "亿元", "万人", "以上", "不低于", "*",
          "到2025年", "常年推进", "列第一位者为牵头单位", "下同", "以下均需", "落实", "不再列出", "（牵头）", "【", "】",
          "国发〔2015〕66号", "序号", "主要任务", "完成时间", "第一章", "第二条", "⑴", "㈠", "同比", "较2020年", "个百分点",
          "—", "~", "至", "力争", "左右", "《", "》",
          # digits of other scripts, one newer than some Pythons' Unicode tables (U+10D40…)
          "٥", "𝟏", "\U00010D41", "2\U00010D45年"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=60).map("".join))
def test_notice_pieces_in_any_order_never_crash(text: str) -> None:
    from policyparse.parse.pipeline import parse_source
    from policyparse.parse.source import decode_bytes

    for strict in (True, False):
        try:
            doc = parse_source(decode_bytes(text.encode("utf-8")), strict=strict)
        except PolicyParseError:
            continue
        dumps(doc)
