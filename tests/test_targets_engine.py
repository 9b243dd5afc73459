"""The targets layer's matching machinery against the regex patterns it stands for.

The layer was first written as ``regex`` patterns; it now uses stdlib ``re`` and plain
string operations that must find exactly what those patterns found.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest
import regex

import policyparse.grammar as G
from policyparse.layers import targets as T
from policyparse.parse.source import decode_bytes
from policyparse.read import read_source

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures" / "unseen").glob("*.txt"))


def _all_chars() -> str:
    return "".join(map(chr, range(sys.maxunicode + 1)))


def test_digit_and_space_classes_are_regex_ones() -> None:
    """_D and _S (stdlib) hold exactly what regex's \\d and \\s hold, over every code point."""
    chars = _all_chars()
    assert set(re.findall(T._D, chars)) == set(regex.findall(r"\d", chars))
    spaces = set(regex.findall(r"\s", chars))
    assert set(re.findall(T._S, chars)) == spaces
    assert {ch for ch in map(chr, range(sys.maxunicode + 1)) if T._is_space(ch)} == spaces


def test_bmp_digits_are_backslash_d_in_the_bmp() -> None:
    """_BMP_DIGITS holds exactly the BMP characters stdlib's and regex's \\d hold, so a class
    with it and every astral character is the class with \\d and every astral character."""
    bmp = "".join(map(chr, range(0x10000)))
    digits = set(re.findall("[" + T._BMP_DIGITS + "]", bmp))
    assert digits == set(re.findall(r"\d", bmp)) == set(regex.findall(r"\d", bmp))
    chars = _all_chars()
    lead = "[" + T._BMP_DIGITS + "\U00010000-\U0010ffff]"
    assert re.findall(lead, chars) == re.findall(r"[\d\U00010000-\U0010ffff]", chars)


def _rand_text(rnd: random.Random, alphabet: list[str], n: int) -> str:
    return "".join(rnd.choice(alphabet) for _ in range(n))


def test_words_match_as_the_alternation() -> None:
    rnd = random.Random(7)
    for words in (["万亿", "万", "亿", "千万", "个", "个月"], [], ["", "比例"], ["a", "ab", "abc", "b"]):
        w = T._Words(words)
        at_rx = re.compile(T._alt(words))
        end_rx = re.compile("(?:" + T._alt(words) + ")$")
        alphabet = sorted(set("".join(words))) + ["x", "万"]
        for _ in range(300):
            text = _rand_text(rnd, alphabet, rnd.randint(0, 8))
            for i in range(len(text) + 1):
                for end in (len(text), max(i, len(text) - 1)):
                    m = at_rx.match(text, i, end)
                    assert w.at(text, i, end) == (m.group() if m else None)
                m = end_rx.search(text, 0, i)
                assert w.ending_at(text, i) == (m.group() if m else None)


def test_stops_as_the_forward_scan() -> None:
    """_Stops gives what a finditer over text[:pos] (endpos=pos) and a search from pos gave."""
    old_stop = re.compile(r"[" + re.escape(T._SENT_END) + r"]|\.(?!\d)|(?<!\d)\.")
    old_phrase = re.compile(r"[" + re.escape(T._PHRASE_END) + r"]|\.(?!\d)|(?<!\d)\.")

    def last_before(rx: re.Pattern, text: str, pos: int) -> int:
        last = -1
        for m in rx.finditer(text, 0, pos):
            last = m.start()
        return last + 1

    rnd = random.Random(3)
    texts = [line for f in SAMPLES[:3] for line in read_source(f).lines]
    texts += [_rand_text(rnd, list("1.2,。；a：（）\t 比"), rnd.randint(0, 12)) for _ in range(2000)]
    for text in texts:
        st = T._Stops(text)
        for pos in range(len(text) + 1):
            assert st.sentence_start(pos) == last_before(old_stop, text, pos)
            assert st.phrase_start(pos) == last_before(old_phrase, text, pos)
            m = old_stop.search(text, pos)
            assert st.sentence_end(pos) == (m.start() if m else len(text))


@pytest.fixture
def grammar() -> G.Grammar:
    return G.load_grammar(None)


def test_fast_matcher_finds_what_the_regex_patterns_find(grammar: G.Grammar, monkeypatch) -> None:
    """The same targets with the single regex patterns (kept for grammars the fast path does
    not fit) as with the fast path, on every sample line and on synthetic ones."""
    t = grammar.data.targets
    assert T._fast_path_ok(t)
    fast = T._Compiled(t, grammar.marker_prefix)
    slow = T._Compiled(t, grammar.marker_prefix)
    slow.fast = False
    slow.rx, slow.qty_rx = T._regex_matchers(t)
    rnd = random.Random(11)
    pieces = (t.percent + t.magnitudes + t.measures[:30] + t.placeholders + ["达到", "不超过", "以上", "左右", "的",
              "建设", "比例", "，", "。", " ", ".", ",", "5", "12", "1,234", "6.5", "2020年", "\u0663", "\U00010d43"])
    synthetic = "\n".join(_rand_text(rnd, pieces, rnd.randint(1, 10)) for _ in range(3000))
    sources = [read_source(f) for f in SAMPLES] + [decode_bytes(synthetic.encode(), "synthetic")]
    for src in sources:
        for line_no in range(1, len(src.lines) + 1):
            results = []
            for c in (fast, slow):
                monkeypatch.setitem(T._CACHE, grammar.fingerprint, c)
                try:
                    results.append(T.extract_targets(src, line_no, grammar))
                except ValueError as exc:  # float() of an astral digit, in both
                    results.append(str(exc))
            assert results[0] == results[1], src.lines[line_no - 1]
