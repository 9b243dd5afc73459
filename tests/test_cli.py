"""The CLI as a user meets it: stdout is parseable, errors are one line with their own code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from policyparse.errors import EXIT_CODES

from .conftest import ROOT, SAMPLES

SAMPLE = SAMPLES / "liaoning-2016-new-consumption-plan.txt"
NOTICE = "一、总体要求\n（一）加强统筹。做好工作。（牵头单位：省发展改革委；配合单位：省财政厅）\n"


def run(*args: str, cwd: Path = ROOT, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policyparse", *args], cwd=cwd, capture_output=True,
                          text=True, input=stdin, timeout=120)


def assert_one_line_error(proc: subprocess.CompletedProcess, code: int) -> None:
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert lines[0].startswith("policyparse: error:")


def test_extract_prints_json_on_stdout() -> None:
    proc = run("extract", str(SAMPLE))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["schema_version"] == "1.0"
    assert data["meta"]["issuer"] == "辽宁省人民政府"
    assert data["source"]["encoding"] == "utf-8"


def test_extract_yaml_round_trips_to_the_same_data() -> None:
    as_json = json.loads(run("extract", str(SAMPLE)).stdout)
    proc = run("extract", str(SAMPLE), "--format", "yaml")
    assert proc.returncode == 0, proc.stderr
    assert yaml.safe_load(proc.stdout) == as_json  # dates stay strings, 一、 stays text


def test_output_file_is_written(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "doc.json"
    proc = run("extract", str(SAMPLE), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["meta"]["date"] == "2016-04-01"
    assert not list(out.parent.glob("*.part"))
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # as a plain write, not a temp file's 0600


def test_failed_extract_leaves_existing_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "doc.json"
    out.write_text("previous", encoding="utf-8")
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    proc = run("extract", str(bad), "-o", str(out))
    assert_one_line_error(proc, EXIT_CODES["empty"])
    assert out.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.json", "empty.txt"]


def test_module_and_script_agree() -> None:
    a = run("extract", str(SAMPLE)).stdout
    b = subprocess.run(["policyparse", "extract", str(SAMPLE)], cwd=ROOT, capture_output=True, text=True).stdout
    assert a == b


def test_output_is_deterministic() -> None:
    assert run("extract", str(SAMPLE)).stdout == run("extract", str(SAMPLE)).stdout


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"\n \r\n\t\n", "empty"),
        ("binary.bin", bytes(range(256)) * 4, "binary"),
        ("nul.txt", "一、总体要求\n".encode() + b"\x00\x00\x00abc", "binary"),
        ("undecodable.txt", b"\xff\xfe\xfd" * 0 + "一、总体".encode("utf-8") + b"\x81\x20\xfe\x7f\xff\xff", "encoding"),
        ("unbalanced.txt", "一、总体要求\n（一）加强统筹。（牵头单位：省发展改革委\n".encode(), "unbalanced"),
    ],
    ids=lambda v: v if isinstance(v, str) and not v.endswith(".txt") and not v.endswith(".bin") else None,
)
def test_bad_input_is_one_line_and_its_own_exit_code(tmp_path: Path, name: str, content: bytes, code: str) -> None:
    p = tmp_path / name
    p.write_bytes(content)
    assert_one_line_error(run("extract", str(p)), EXIT_CODES[code])


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert_one_line_error(run("extract", str(tmp_path / "nope.txt")), EXIT_CODES["not-found"])
    assert_one_line_error(run("extract", str(tmp_path)), EXIT_CODES["unreadable"])


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # 50 MB, sparse: refused on its size alone
        fh.truncate(50 * 1024 * 1024)
    assert_one_line_error(run("extract", str(big)), EXIT_CODES["too-large"])
    small_limit = run("extract", str(SAMPLE), "--max-bytes", "1000")
    assert_one_line_error(small_limit, EXIT_CODES["too-large"])


def test_a_notice_without_structure_is_parsed_with_a_warning(tmp_path: Path) -> None:
    p = tmp_path / "prose.txt"
    p.write_text("这是一段没有任何编号的普通文字。\n到2025年，覆盖率达到90%。\n", encoding="utf-8")
    proc = run("extract", str(p))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [d["code"] for d in data["diagnostics"]] == ["no-structure"]
    def targets(node: dict) -> list:
        return node.get("targets", []) + [t for c in node["children"] for t in targets(c)]
    assert [t["value"] for t in targets(data)] == [90]
    assert "warning" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert_one_line_error(run("extract", str(p), "--strict"), EXIT_CODES["no-structure"])


def test_lenient_parses_unbalanced_brackets(tmp_path: Path) -> None:
    p = tmp_path / "u.txt"
    p.write_text("一、总体要求\n（一）加强统筹。做好。（牵头单位：省发展改革委\n", encoding="utf-8")
    proc = run("extract", str(p), "--lenient")
    assert proc.returncode == 0
    data = json.loads(proc.stdout)
    assert data["children"][0]["children"][0]["assignments"][0]["lead"] == ["省发展改革委"]
    assert "warning" in proc.stderr and "Traceback" not in proc.stderr


def test_bad_format_is_a_usage_error() -> None:
    assert_one_line_error(run("extract", str(SAMPLE), "--format", "xml"), EXIT_CODES["usage"])


def test_unknown_option_is_a_usage_error() -> None:
    proc = run("extract", str(SAMPLE), "--no-such-option")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and proc.stdout == ""


def test_grammar_override_teaches_a_new_label(tmp_path: Path) -> None:
    notice = tmp_path / "n.txt"
    notice.write_text("一、总体要求\n（一）加强统筹。做好工作。（主办处室：综合处）\n", encoding="utf-8")
    before = json.loads(run("extract", str(notice)).stdout)
    assert before["children"][0]["children"][0]["assignments"] == []
    extra = tmp_path / "extra.yaml"
    extra.write_text("clauses:\n  labels:\n    lead: [主办处室]\n", encoding="utf-8")
    after = json.loads(run("extract", str(notice), "--grammar", str(extra)).stdout)
    assert after["children"][0]["children"][0]["assignments"][0]["lead"] == ["综合处"]


@pytest.mark.parametrize("content", ["clauses: [not, a, mapping", "nonsense: {}\n", "markers:\n  kinds: 3\n"])
def test_invalid_grammar_is_reported(tmp_path: Path, content: str) -> None:
    extra = tmp_path / "bad.yaml"
    extra.write_text(content, encoding="utf-8")
    assert_one_line_error(run("extract", str(SAMPLE), "--grammar", str(extra)), EXIT_CODES["grammar"])


def test_schema_command_prints_the_committed_schema() -> None:
    proc = run("schema")
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == json.loads((ROOT / "document.schema.json").read_text(encoding="utf-8"))


def test_version_and_help() -> None:
    assert run("--version").stdout.startswith("policyparse ")
    proc = run("--help")
    assert proc.returncode == 0 and "extract" in proc.stdout


def test_one_stray_bracket_in_a_long_notice_is_a_warning(tmp_path: Path) -> None:
    items = [f"（{'一二三四五六七八九十'[i % 10]}）加强统筹。做好工作。（牵头单位：省发展改革委；配合单位：省财政厅）"
             for i in range(12)]
    items[5] = items[5][:-1]  # the closing bracket lost in a web copy
    p = tmp_path / "n.txt"
    p.write_text("一、总体要求\n" + "\n".join(items) + "\n", encoding="utf-8")
    proc = run("extract", str(p))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    leads = [a["lead"] for n in data["children"][0]["children"] for a in n["assignments"]]
    assert leads == [["省发展改革委"]] * 12
    assert "warning" in proc.stderr and ":7:" in proc.stderr


def test_a_bracket_wrapped_onto_the_next_line_is_no_broken_notice(tmp_path: Path) -> None:
    p = tmp_path / "wrapped.txt"
    p.write_text("一、总则\n国务院工作规则（2003年3月28日国务院第一次全体会议通过，\n2004年6月16日修订）\n"
                 "二、组成人员职责\n国务院由下列人员组成。\n", encoding="utf-8")
    proc = run("extract", str(p))
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr


def test_readme_exit_code_table_is_the_one_in_errors() -> None:
    """One exit-code table: errors.py defines each code's meaning, the README shows it."""
    from policyparse.errors import exit_code_table

    assert exit_code_table() in (ROOT / "README.md").read_text(encoding="utf-8")


def test_one_version() -> None:
    """policyparse.__version__ (constants.VERSION) is the version pyproject.toml states."""
    import re

    import policyparse

    stated = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    assert stated is not None and stated.group(1) == policyparse.__version__
