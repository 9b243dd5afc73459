"""``policyparse extract`` reads plain command lines itself (no typer, no pydantic): the
short road must accept exactly what the typer command accepts and behave the same."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from policyparse.cli.extract import EXTRACT_DEFAULTS, EXTRACT_FLAGS, EXTRACT_OPTIONS, parse_extract_args

from .conftest import ROOT, SAMPLES

SAMPLE = SAMPLES / "liaoning-2025-boost-consumption-draft.txt"


def test_the_tables_are_the_typer_commands_parameters() -> None:
    import typer.main

    from policyparse.cli.app import app

    cmd = typer.main.get_command(app).commands["extract"]  # type: ignore[attr-defined]
    options, flags, defaults, arguments = {}, {}, {}, []
    for p in cmd.params:
        if p.param_type_name == "argument":
            arguments.append(p.name)
            continue
        for spelling in [*p.opts, *p.secondary_opts]:
            (flags if p.is_flag else options)[spelling] = p.name
        defaults[p.name] = p.default
    assert arguments == ["file"]
    assert options == EXTRACT_OPTIONS
    assert flags == EXTRACT_FLAGS
    assert defaults == EXTRACT_DEFAULTS


@pytest.mark.parametrize("args", [
    [], ["--help"], ["-h"], ["a.txt", "--help"], ["a.txt", "b.txt"], ["a.txt", "--bogus"], ["a.txt", "-x"],
    ["a.txt", "-oout.json"], ["a.txt", "--", "b"], ["a.txt", "-o"], ["a.txt", "-o", "--lenient"],
    ["a.txt", "--max-bytes", "abc"], ["a.txt", "--max-bytes", "-1"], ["a.txt", "--max-bytes", "１０"],
    ["a.txt", "--lenient=yes"], ["--format", "yaml"],
])
def test_anything_unusual_goes_to_typer(args: list[str]) -> None:
    assert parse_extract_args(args) is None


def test_a_plain_command_line() -> None:
    got = parse_extract_args(["a.txt", "-f", "yaml", "--output=o.yaml", "--lenient", "--max-bytes", "10",
                              "-g", "x.yaml", "--format", "json"])
    assert got == {"file": Path("a.txt"), "fmt": "json", "output": Path("o.yaml"), "grammar": Path("x.yaml"),
                   "lenient": True, "max_bytes": 10, "strict": False}
    assert parse_extract_args(["a.txt"]) == {**EXTRACT_DEFAULTS, "file": Path("a.txt")}


def _both(args: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess, subprocess.CompletedProcess]:
    short = subprocess.run([sys.executable, "-m", "policyparse", "extract", *args], cwd=cwd,
                           capture_output=True, text=True, timeout=120, check=False)
    typer_road = subprocess.run([sys.executable, "-c", "import sys; from policyparse.cli.app import main; "
                                 "main(['extract', *sys.argv[1:]])", *args], cwd=cwd,
                                capture_output=True, text=True, timeout=120, check=False)
    return short, typer_road


CASES = {
    "json": [str(SAMPLE)],
    "yaml": [str(SAMPLE), "-f", "yaml"],
    "yaml-eq": [str(SAMPLE), "--format=yaml"],
    "missing-file": ["no-such-file.txt"],
    "bad-format": [str(SAMPLE), "-f", "xml"],
    "too-large": [str(SAMPLE), "--max-bytes", "100"],
    "broken-brackets": ["broken.txt"],
    "broken-brackets-lenient": ["broken.txt", "--lenient"],
    "no-structure": ["plain.txt"],
    "no-structure-strict": ["plain.txt", "--strict"],
    "override": [str(SAMPLE), "-g", "extra.yaml"],
    "missing-override": [str(SAMPLE), "-g", "nope.yaml"],
    "output": [str(SAMPLE), "-o", "out/x.json"],
}


@pytest.mark.parametrize("name", list(CASES))
def test_both_roads_behave_the_same(name: str, tmp_path: Path) -> None:
    (tmp_path / "broken.txt").write_text("一、总则\n" + "（一）加强（领导\n" * 5, encoding="utf-8")
    (tmp_path / "plain.txt").write_text("今天天气很好。\n我们去公园。\n", encoding="utf-8")
    (tmp_path / "extra.yaml").write_text("clauses:\n  labels:\n    lead: [主办处室]\n", encoding="utf-8")
    short, typer_road = _both(CASES[name], tmp_path)
    assert (short.returncode, short.stdout, short.stderr) == (
        typer_road.returncode, typer_road.stdout, typer_road.stderr)
    if name == "output":
        assert (tmp_path / "out" / "x.json").read_text(encoding="utf-8").startswith("{")


def test_help_still_comes_from_typer() -> None:
    r = subprocess.run([sys.executable, "-m", "policyparse", "extract", "--help"], cwd=ROOT,
                       capture_output=True, text=True, timeout=120, check=False)
    assert r.returncode == 0 and "--max-bytes" in r.stdout and "--lenient" in r.stdout
