"""The shortcuts of the read change no result."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest

from policyparse.grammar import load_grammar
from policyparse.layers.metadata import (
    _PRIVATE_USE,
    _YEAR_BRACKET,
    _citing,
    _holding,
    _joined,
)
from policyparse.layers.responsibility import _header_word_in
from policyparse.layers.targets import _candidate_lines, _compile
from policyparse.parse.kinds import LineKind
from policyparse.parse.lexer import Token
from policyparse.parse.source import _COMMON_FOLDS, _FOLD_TABLE, _fold_lines, decode_bytes, fold_line

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted(ROOT.glob("samples/*.txt")) + sorted((ROOT / "tests/fixtures/unseen").glob("*.txt"))


def test_fold_equals_translate() -> None:
    # the replace-based fold of a whole notice equals a per-line translate
    for p in TEXTS:
        src = decode_bytes(p.read_bytes(), str(p))
        for line, f in zip(src.lines, src.folded):
            assert f == fold_line(line)
            if f.clean == line:  # no junk: folding is the translate table alone
                assert f.text == line.translate(_FOLD_TABLE)


@pytest.mark.parametrize("text", ["a\u3000１（\n", "\ue000x\n", "𠀀\u3000\n", "\U0002f800（\n", "\x01ab\n", "a\r\nb\r\n",
                                  "一、甲（乙）\ue004\n二\u200b、丙\n\n丁\ue004\ue004，\n"])
def test_fold_paths(text: str) -> None:
    src = decode_bytes(text.encode())
    assert src.folded == _fold_lines(src.lines) == [fold_line(x) for x in src.lines]


def test_common_folds_are_nfkc() -> None:
    # the lexer replaces them before NFKC: each must be its character's own NFKC form
    for ch, to in _COMMON_FOLDS:
        assert unicodedata.normalize("NFKC", ch) == to


def test_header_word_lookup_equals_a_scan_of_the_words() -> None:
    g = load_grammar()
    words = sorted(g.header_role, key=lambda w: (-len(w), w))
    cells = {w[:k] + x + w[k:] for w in words for k in (0, len(w) // 2, len(w)) for x in ("", "一", "单位", "情况说明")}
    for key in cells | {"", "序号", "省发展改革委"}:
        scan = next((w for w in words if w in key and len(key) <= len(w) + 4), None)
        assert _header_word_in(key, g) == scan, key


def test_candidate_lines_are_the_lines_a_per_line_test_keeps() -> None:
    g = load_grammar()
    c = _compile(g)
    first = {p[0] for p in g.data.targets.placeholders}
    extra = "到2025年达到＊＊万亩\n二○二五年\n完成×%\n增长5%\n无数字\n１２３个\n"
    for text in [p.read_text(encoding="utf-8") for p in TEXTS] + [extra]:
        src = decode_bytes(text.encode())
        kept = set()
        for i, f in enumerate(src.folded):
            if not any(ch.isdigit() and ch.isascii() or ch in first for ch in f.text):
                continue
            if c.unit_quick_rx is None or c.unit_quick_rx.search(f.text):
                kept.add(i)
        assert _candidate_lines(src, c) == kept


def test_citing_and_holding_tokens_are_those_a_per_line_test_keeps() -> None:
    texts = [p.read_text(encoding="utf-8").splitlines() for p in TEXTS]
    texts += [["国发〔2019", "〕5号", "", "2019", "〕", "2019 ）", "(1999)", "2019\u3000]"], ["a\nb〔2019〕1号", "2020）"], [], [""],
              ["附件：1．甲", "附件附件", "附", "2．乙附"]]
    for lines in texts:
        tokens = [Token(i + 1, LineKind.PARA, ln.strip()) for i, ln in enumerate(lines)]
        assert _citing(tokens, _joined(tokens)) == [t for t in tokens if _YEAR_BRACKET.search(t.text)]
        for s in ("附", "〕", "2019", "\n", "a"):
            assert _holding(tokens, _joined(tokens), s) == [k for k, t in enumerate(tokens) if s in t.text]


def test_private_use_sub_equals_a_filter_of_the_characters() -> None:
    chars = "".join(map(chr, range(sys.maxunicode + 1)))
    assert _PRIVATE_USE.sub("", chars) == "".join(ch for ch in chars if not 0xE000 <= ord(ch) <= 0xF8FF)
