"""The shortcuts of the read change no result."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyparse.parse.source import _FOLD_TABLE, _fold_lines, decode_bytes, fold_line

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
