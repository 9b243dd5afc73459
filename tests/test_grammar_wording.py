"""Wording as grammar data (issue 11): the words the deadline and target layers read come
from grammars/*.yaml, so an overlay grammar (``--grammar FILE``) changes what they read."""

from __future__ import annotations

from pathlib import Path

import pytest

import policyparse
from policyparse.grammar import first_char_test, first_chars, load_grammar
from policyparse.layers.deadline import parse_deadline


@pytest.fixture
def overlay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("POLICYPARSE_CACHE_DIR", "")  # validate afresh, leave no files behind

    def make(text: str):
        p = tmp_path / "overlay.yaml"
        p.write_text(text, encoding="utf-8")
        load_grammar.cache_clear()  # the same path with new text
        return load_grammar(str(p))

    yield make
    load_grammar.cache_clear()


def test_an_overlay_deadline_word_makes_a_new_deadline_parse(overlay) -> None:
    builtin = load_grammar()
    assert parse_deadline("2023年为限", builtin).kind == "period"
    g = overlay("clauses:\n  deadline_words:\n    before: [为限]\n")
    d = parse_deadline("2023年为限", g)
    assert (d.kind, d.year) == ("by", 2023)
    # the built-in words still hold beside the overlay's
    assert parse_deadline("2016年底前", g).month == 12


def test_an_overlay_date_end_gives_its_month(overlay) -> None:
    assert parse_deadline("2024年三季度", load_grammar()).month is None
    g = overlay("clauses:\n  deadline_words:\n    date_ends: {三季度: 9}\n")
    d = parse_deadline("2024年三季度", g)
    assert (d.kind, d.year, d.month) == ("by", 2024, 9)


def test_an_overlay_plan_period_reads_in_deadlines(overlay) -> None:
    assert parse_deadline("“十六五”期间", load_grammar()).kind == "unknown"
    g = overlay("targets:\n  plan_periods: {十六五: 2035}\n")
    d = parse_deadline("“十六五”期间", g)
    assert (d.kind, d.year, d.end_year) == ("period", 2031, 2035)


def test_an_overlay_start_word_makes_a_from_deadline(overlay) -> None:
    assert parse_deadline("2025年施行", load_grammar()).kind == "period"
    g = overlay("clauses:\n  deadline_words:\n    from_words: [施行]\n")
    assert parse_deadline("2025年施行", g).kind == "from"


NOTICE = "关于做好某项工作的通知\n各区人民政府：\n{line}\n某市人民政府\n2024年3月1日\n"


def _targets(text: str, grammar=None) -> list[float | None]:
    return [t.value for t in policyparse.parse_text(text, grammar=grammar).all_targets()]


def test_an_overlay_past_year_opener_makes_a_sentence_report(overlay) -> None:
    text = NOTICE.format(line="截止2022年，全市绿化覆盖率达到40%。")
    assert _targets(text) == [40]
    g = overlay("targets:\n  past_year_openers: [截止]\n")
    assert _targets(text, g) == []  # 截止2022年 reports a year before the notice's


def test_a_sentence_about_a_past_year_after_a_marker_reports(overlay) -> None:
    # the marker a sentence opens with is any of markers.yaml's kinds, an overlay's new kind too
    text = NOTICE.format(line="甲）2022年，全市绿化覆盖率达到40%。")
    assert _targets(text) == [40]
    g = overlay("markers:\n  kinds:\n  - {name: jia, rank: 8, numeral: chinese, pattern: '^(?P<num>[甲乙丙丁])\\)'}\n")
    assert _targets(text, g) == []
    assert _targets(NOTICE.format(line="（二）2022年，全市绿化覆盖率达到40%。")) == []


def test_an_overlay_note_tail_goes_with_the_note(overlay) -> None:
    text = ("关于做好某项工作的通知\n各区人民政府：\n"
            "一、加强统筹。（责任单位：市发展改革委、市财政局，列第一位者为牵头单位，后同）\n")

    def responsible(grammar=None) -> list[str]:
        return [n for a in policyparse.parse_text(text, grammar=grammar).all_assignments() for n in a.responsible]

    assert responsible() == ["市财政局", "后同"]  # 后同 read as a name
    assert responsible(overlay("clauses:\n  note_tails: [后同]\n")) == ["市财政局"]


def test_first_chars_reads_the_characters_a_pattern_opens_with() -> None:
    g = load_grammar()
    assert first_chars(g.data.markers.appendix.listing) == {"附"}
    assert g.appendix_listing_hint == "附"
    assert first_chars(r"^(?:a|b)?c") == {"a", "b", "c"}
    assert first_chars(r"^[（(]\d") == {"（", "("}
    assert first_chars(r"^\d+") is None  # a class: no set of plain characters
    assert first_chars(r"(?i)ab") is None
    assert first_chars(r"a?") is None  # may match the empty string
    assert first_chars(r"(?<=x)y") == {"y"}


def test_first_char_test_takes_ranges_and_digit_classes() -> None:
    test = first_char_test(r"^(?:\(|(?P<n>[㈠-㈩]))")
    assert test("(") and test("㈤") and not test("一")
    assert first_char_test(r"^\d+")("٣") and not first_char_test(r"^\d+")("a")
    assert first_char_test(r"^[^a]") is None  # a negated class: no set to test
    assert first_char_test(r"(?a)\D") is None  # ASCII \D takes digits str.isdecimal does not
    assert first_char_test(r"a?") is None
    g = load_grammar()
    for k, _rx in g.marker_kinds:  # every marker kind of the grammar has one
        assert first_char_test(k.pattern) is not None, k.name


def test_an_overlay_attachment_listing_opening_otherwise_is_read(overlay) -> None:
    # the cheap line filter before the pattern comes from the pattern: a new opener is seen
    text = "关于做好某项工作的通知\n各区人民政府：\n一、加强统筹。\n附录：某某工作名单\n某市人民政府\n2024年3月1日\n"
    assert policyparse.parse_text(text).meta.attachments == []
    g = overlay("markers:\n  appendix:\n    listing: '^(?:附件|附表|附录)\\s*[:：]\\s*(?P<rest>.*)$'\n")
    assert policyparse.parse_text(text, grammar=g).meta.attachments == ["某某工作名单"]
    g = overlay("markers:\n  appendix:\n    listing: '^(?:附件|名单)\\s*[:：]\\s*(?P<rest>.*)$'\n")
    assert g.appendix_listing_hint is None
    text2 = text.replace("附录", "名单")
    assert policyparse.parse_text(text2, grammar=g).meta.attachments == ["某某工作名单"]
