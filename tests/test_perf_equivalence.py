"""The shortcuts of the read and the lexer change no result."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from policyparse.grammar import load_grammar
from policyparse.lexer import _probe_sound, _tables
from policyparse.source import _FOLD_TABLE, _fold_lines, decode_bytes, fold_line

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


@pytest.mark.parametrize("text", ["a\u3000１（\n", "\ue000x\n", "𠀀\u3000\n", "\U0002f800（\n", "\x01ab\n", "a\r\nb\r\n"])
def test_fold_paths(text: str) -> None:
    src = decode_bytes(text.encode())
    assert src.folded == _fold_lines(src.lines) == [fold_line(x) for x in src.lines]


def test_opening_table_keeps_every_pattern_that_matches() -> None:
    g = load_grammar(None)
    t = _tables(g)
    for p in TEXTS:
        for line in decode_bytes(p.read_bytes(), str(p)).folded:
            s = line.text.lstrip()
            if not s:
                continue
            box, appendix, kinds = t.starts[s[0]]
            kept = {id(k[0]) for k in kinds}
            assert box or not g.box_re.match(s)
            assert appendix or not g.appendix_re.match(s)
            for _, rx in g.marker_kinds:
                assert id(rx) in kept or not rx.match(s), (rx.pattern, s)


@pytest.mark.parametrize("pattern", [r"^a\B", r"^a(?!$)", r"^a(?!\Z)", r"^a(?!(?=$))", r"(?r)^abc", r"^a(?!x*)"])
def test_partial_test_not_trusted_where_it_errs(pattern: str) -> None:
    rx = regex.compile(pattern)
    assert not _probe_sound(rx)


@pytest.mark.parametrize("pattern", [r"^a(?!\d)", r"^(?P<num>\d{1,3})\s*\)(?!\d)", r"^a(?![\d.])"])
def test_partial_test_trusted(pattern: str) -> None:
    assert _probe_sound(regex.compile(pattern))
