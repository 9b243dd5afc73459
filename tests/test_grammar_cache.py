"""The validated grammar is cached by the exact bytes it came from; the cache only saves time."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from policyparse import grammar as G
from policyparse.errors import GrammarError

from .conftest import ROOT


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv("POLICYPARSE_CACHE_DIR", str(d))
    G.load_grammar.cache_clear()
    yield d
    G.load_grammar.cache_clear()


def _fresh(override: str | None = None) -> G.Grammar:
    G.load_grammar.cache_clear()
    return G.load_grammar(override)


def test_a_hit_gives_what_validation_gave(cache: Path) -> None:
    first = _fresh()
    entries = list(cache.glob("grammar-*.json"))
    assert len(entries) == 1
    second = _fresh()
    assert second is not first
    assert second.data == first.data and second.fingerprint == first.fingerprint
    assert second.label_role == first.label_role and second.kind_info == first.kind_info


def _signed(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest() + "\n" + text


def test_a_damaged_entry_is_validated_again(cache: Path) -> None:
    good = _fresh()
    (entry,) = cache.glob("grammar-*.json")
    intact = entry.read_text(encoding="utf-8")
    damaged = [
        "",  # empty
        intact[:-40],  # truncated: the checksum no longer matches
        intact.replace("牵头", "牽頭", 1),  # edited
        _signed("{not json"),
        _signed('{"data": 1}'),  # no fingerprint
        _signed('{"fingerprint": "x", "data": []}'),  # intact, but of a shape the code cannot use
    ]
    for text in damaged:
        entry.write_text(text, encoding="utf-8")
        g = _fresh()
        assert g.data == good.data and g.fingerprint == good.fingerprint
        assert entry.read_text(encoding="utf-8") == intact  # validated and written again


def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYPARSE_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    _fresh()
    assert not (tmp_path / "xdg").exists()
    G.load_grammar.cache_clear()


def test_an_unwritable_cache_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("POLICYPARSE_CACHE_DIR", str(blocker / "sub"))
    assert _fresh().fingerprint
    G.load_grammar.cache_clear()


def test_an_edited_override_is_validated_again(cache: Path, tmp_path: Path) -> None:
    over = tmp_path / "extra.yaml"
    over.write_text("clauses:\n  labels:\n    lead: [主办处室]\n", encoding="utf-8")
    g = _fresh(str(over))
    assert g.label_role["主办处室"] == "lead"
    assert _fresh(str(over)).label_role["主办处室"] == "lead"  # from the cache
    over.write_text("clauses:\n  labels:\n    lead: 主办处室\n", encoding="utf-8")  # not a list
    with pytest.raises(GrammarError, match="invalid grammar at clauses.labels.lead"):
        _fresh(str(over))
    over.write_text("markers:\n  kinds:\n  - {name: x, rank: 1, numeral: arabic, pattern: 'x'}\n",
                    encoding="utf-8")
    with pytest.raises(GrammarError, match="must start with"):
        _fresh(str(over))


def test_extract_imports_neither_pydantic_nor_yaml_once_cached(cache: Path) -> None:
    """What the cache is for: a warm ``extract`` of JSON never loads pydantic or PyYAML."""
    sample = ROOT / "samples" / "liaoning-2025-boost-consumption-draft.txt"
    code = ("import sys, runpy; sys.argv = ['policyparse', 'extract', %r]\n"
            "try:\n    runpy.run_module('policyparse', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "bad = [m for m in ('pydantic', 'yaml', 'typer') if m in sys.modules]\n"
            "sys.stderr.write('LOADED:' + ','.join(bad) + '\\n')\n") % str(sample)
    env = {**os.environ, "POLICYPARSE_CACHE_DIR": str(cache)}
    for _ in range(2):  # the first run validates and fills the cache
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    assert r.returncode == 0, r.stderr
    assert '"schema_version"' in r.stdout
    assert "LOADED:\n" in r.stderr


def test_a_pattern_that_does_not_compile_is_reported_at_load(cache: Path, tmp_path: Path) -> None:
    over = tmp_path / "extra.yaml"
    over.write_text("clauses:\n  implied:\n    pattern: '(unclosed'\n", encoding="utf-8")
    for _ in range(2):  # never cached, so never trusted
        with pytest.raises(GrammarError, match="a pattern does not compile"):
            _fresh(str(over))
    assert not any("unclosed" in p.read_text(encoding="utf-8") for p in cache.glob("grammar-*.json"))


def test_patterns_compile_on_first_use_and_agree_with_compile_all(cache: Path) -> None:
    _fresh()  # validated and compiled whole, then cached
    lazy = _fresh()  # from the cache: nothing compiled yet
    assert "label_re" not in vars(lazy)
    m = lazy.label_re.match("牵头单位：省财政厅")
    assert m is not None and m.group("label") == "牵头单位"
    assert "label_re" in vars(lazy)  # compiled once, then a plain attribute
    eager = _fresh()
    eager.compile_all()
    for name in ("marker_start_re", "label_re", "dept_suffix_re", "doc_number_re", "own_place_re"):
        assert getattr(lazy, name).pattern == getattr(eager, name).pattern
