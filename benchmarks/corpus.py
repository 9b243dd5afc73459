"""policyparse over a whole corpus of real notices, without gold: exit codes, time, counts,
and two proxies for what the parser got wrong.

    python benchmarks/corpus.py                                  # ../shared/corpus
    python benchmarks/corpus.py ../shared/annotated/docs --show 30
    python benchmarks/corpus.py --json > corpus-report.json

Each notice (``*.txt`` directly in each folder) runs in-process through ``run_extract``, the
function behind ``policyparse extract FILE``, with its errors mapped to exit codes as the
console script maps them. A refused notice that still decodes (no structure, broken
brackets) is measured on the ``--lenient`` parse and marked with ``*``.

The proxies need no annotation; each hit is a place for a person to look at, not a verdict:

* **missed clause**: a bracket group (…)/（…） on one line holding 负责/牵头/配合/责任 that no
  assignment covers (an assignment covers its line and span; one without a span — label
  lines, table rows — covers its whole lines).
* **false name**: a lead/support/responsible name that reads like prose rather than an organ
  (sentence punctuation, over MAX_NAME_CHARS, a prose word, no organ ending: the lists below
  are data); each hit says why. Names the alias table knows (``known_as``) are never hits.

The texts are read at run time and never copied; a folder that is absent is skipped with a
message. Nothing here is a test: pytest never collects it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = ROOT.parent / "shared" / "corpus"
SLOW_SECONDS = 1.0  # a notice slower than this is flagged

# ---------------------------------------------------------------- proxy vocabulary (data)

# words that make a bracket group look like a responsibility clause
CLAUSE_WORDS = ("负责", "牵头", "配合", "责任")

# how the name of an organ ends; a department name ending otherwise is a false-name hit
ORGAN_ENDINGS = (
    # the common ones
    "部", "委", "厅", "局", "办", "院", "会", "署", "行", "中心", "集团", "公司", "政府", "单位", "部门",
    "室", "站", "所", "处", "队", "社", "馆", "组", "团", "区", "街道", "机构", "银行", "协会",
    # people's organisations: 省妇联, 省工商联, 省科协, 团中央
    "联", "协", "中央",
    # 海关, 党校, 大学, 电视台
    "关", "校", "学", "台",
    # places standing for their governments: 各市, 各县, 县级市, 各盟市, 各旗, 各乡镇
    "市", "县", "州", "盟", "旗", "镇", "乡", "省",
    # named by kind: 各基础电信企业, 各高校
    "企业", "高校",
)

# a name holding one of these reads as prose (和 is handled apart: see HE_IN_NAMES)
PROSE_WORDS = ("的", "并", "将", "要", "加强", "推进", "建立", "开展", "落实", "做好", "完善", "制定",
               "按照", "根据", "督促", "确保")
# ... except the verbs (not 的/和) in the name of a body set up for a task:
# 省推进工业互联网创新发展专项工作组, 某某工作领导小组
TASK_BODY_ENDINGS = ("工作组", "领导小组", "小组", "成员单位", "联席会议", "指挥部", "办公室")
SENTENCE_PUNCT = "，。；：,;:！？"
MAX_NAME_CHARS = 25
# organ names that hold 和 by right; 和 elsewhere in a name is a conjunction of prose
HE_IN_NAMES = ("发展和改革", "人力资源和社会保障", "住房和城乡建设", "工业和信息化", "经济和信息化",
               "科技和信息化", "文化和旅游", "卫生和计划生育", "民族和宗教", "自然资源和规划",
               "粮食和物资储备", "粮食和储备", "中央和国家机关", "海洋和渔业", "新闻出版和广电")

_OPEN, _CLOSE = "（(", "）)"


def bracket_groups(line: str) -> list[tuple[int, int]]:
    """Outermost (…)/（…） groups of a line as [start, end) columns; a group left open runs
    to the end of the line. Either bracket width closes either."""
    out: list[tuple[int, int]] = []
    depth = start = 0
    for i, ch in enumerate(line):
        if ch in _OPEN:
            if depth == 0:
                start = i
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
            if depth == 0:
                out.append((start, i + 1))
    if depth:
        out.append((start, len(line)))
    return out


def missed_clauses(lines: list[str], assignments: list[dict]) -> list[dict]:
    """Bracket groups holding a clause word that no assignment covers."""
    spans: dict[int, list[tuple[int, int]]] = {}
    whole: set[int] = set()
    for a in assignments:
        if a.get("span"):
            spans.setdefault(a["line"], []).append((a["span"]["start"], a["span"]["end"]))
        else:  # label lines, table rows: the whole of each line the clause was read from
            whole.update(range(a["line"], a["line"] + a["raw"].count("\n") + 1))
    hits = []
    for n, line in enumerate(lines, start=1):
        if n in whole or not any(w in line for w in CLAUSE_WORDS):
            continue
        for s, e in bracket_groups(line):
            inner = line[s:e]
            if not any(w in inner for w in CLAUSE_WORDS):
                continue
            if any(s < ae and as_ < e for as_, ae in spans.get(n, ())):
                continue
            hits.append({"line": n, "column": s + 1, "text": inner})
    return hits


def _strip_he(name: str) -> str:
    for phrase in HE_IN_NAMES:
        name = name.replace(phrase, "")
    return name


def name_reasons(name: str) -> list[str]:
    """Why a department name looks like prose rather than an organ ([] when it does not)."""
    reasons = []
    punct = sorted({c for c in name if c in SENTENCE_PUNCT})
    if punct:
        reasons.append("punctuation " + "".join(punct))
    if len(name) > MAX_NAME_CHARS:
        reasons.append(f"{len(name)} chars")
    task_body = name.endswith(TASK_BODY_ENDINGS)
    words = [w for w in PROSE_WORDS if w in name and (len(w) == 1 or not task_body)]
    if "和" in _strip_he(name):
        words.append("和")
    if words:
        reasons.append("prose word " + "/".join(words))
    core = name.rstrip("）)")  # 各县（市、区）: judge the name before a closing note
    if core.endswith(("（", "(")) or not core:
        core = name
    if not core.endswith(ORGAN_ENDINGS) and not name.endswith(ORGAN_ENDINGS):
        reasons.append(f"ends in {name[-2:]!r}")
    return reasons


def false_names(assignments: list[dict]) -> list[dict]:
    """Department names of the assignments that look like prose, one hit per name and line."""
    hits = []
    for a in assignments:
        known = {d["name"] for d in a.get("departments") or () if d.get("known_as")}
        seen = set()
        for role in ("lead", "support", "responsible"):
            for name in a.get(role) or ():
                if name in known or (role, name) in seen:
                    continue
                seen.add((role, name))
                reasons = name_reasons(name)
                if reasons:
                    hits.append({"line": a["line"], "role": role, "name": name, "reasons": reasons})
    return hits


# ---------------------------------------------------------------- running extract


def run_notice(path: Path) -> dict:
    """Run ``policyparse extract PATH`` in-process: exit code, seconds, the parsed JSON
    (from the lenient parse when extract refuses a notice that decodes), stderr lines."""
    from policyparse.cli.extract import EXTRACT_DEFAULTS, run_extract
    from policyparse.errors import EXIT_INTERNAL, NoStructure, PolicyParseError, UnbalancedBrackets

    def attempt(lenient: bool) -> tuple[int, float, str, str]:
        out, err = io.StringIO(), io.StringIO()
        t0 = time.perf_counter()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                run_extract(path, fmt="json", lenient=lenient, max_bytes=EXTRACT_DEFAULTS["max_bytes"])
            rc = 0
        except PolicyParseError as exc:  # as policyparse.cli.guard.guarded maps them
            rc = exc.exit_code
            err.write(f"error: {exc.message}\n")
        except Exception as exc:  # noqa: BLE001 - a bug in the parser: what the CLI calls internal
            rc = EXIT_INTERNAL
            err.write(f"internal error: {type(exc).__name__}: {exc}\n")
        return rc, time.perf_counter() - t0, out.getvalue(), err.getvalue()

    rc, secs, out, err = attempt(lenient=False)
    lenient = False
    if rc in (NoStructure.exit_code, UnbalancedBrackets.exit_code):
        lrc, secs, out, _ = attempt(lenient=True)
        lenient = lrc == 0
    doc = json.loads(out) if out else None
    return {"exit": rc, "seconds": secs, "doc": doc, "lenient": lenient,
            "stderr": [line for line in err.splitlines() if line.strip()]}


def _walk(nodes: list[dict]):
    stack = list(reversed(nodes))
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(n.get("children") or ()))


def measure(path: Path) -> dict:
    from policyparse.read import read_source

    r = run_notice(path)
    row: dict = {"path": str(path), "exit": r["exit"], "seconds": round(r["seconds"], 4),
                 "slow": r["seconds"] > SLOW_SECONDS, "lenient": r["lenient"],
                 "headings": 0, "clauses": 0, "targets": 0, "missed_clauses": [], "false_names": [],
                 "messages": r["stderr"]}
    doc = r["doc"]
    if doc is None:
        return row
    nodes = list(_walk(doc["children"]))
    assignments = [a for n in nodes for a in n.get("assignments") or ()]
    row["headings"] = sum(1 for n in nodes if n.get("marker") is not None)
    row["clauses"] = len(assignments)
    row["targets"] = sum(len(n.get("targets") or ()) for n in nodes)
    lines = read_source(path).lines  # the parser's own line numbering
    row["missed_clauses"] = missed_clauses(lines, assignments)
    row["false_names"] = false_names(assignments)
    return row


def notices(folders: list[Path]) -> list[Path]:
    out = []
    for folder in folders:
        if not folder.is_dir():
            print(f"corpus: skipping {folder}: no such folder", file=sys.stderr)
            continue
        found = sorted(folder.glob("*.txt"))
        if not found:
            print(f"corpus: skipping {folder}: no .txt notices in it", file=sys.stderr)
        out += found
    return out


def totals(rows: list[dict]) -> dict:
    slowest = max(rows, key=lambda r: r["seconds"], default=None)
    return {
        "notices": len(rows),
        "exit_nonzero": sum(1 for r in rows if r["exit"] != 0),
        "lenient": sum(1 for r in rows if r["lenient"]),
        "slow": sum(1 for r in rows if r["slow"]),
        "headings": sum(r["headings"] for r in rows),
        "clauses": sum(r["clauses"] for r in rows),
        "targets": sum(r["targets"] for r in rows),
        "missed_clauses": sum(len(r["missed_clauses"]) for r in rows),
        "false_names": sum(len(r["false_names"]) for r in rows),
        "seconds": round(sum(r["seconds"] for r in rows), 3),
        "slowest": {"path": slowest["path"], "seconds": slowest["seconds"]} if slowest else None,
    }


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def print_report(rows: list[dict], tot: dict, show: int) -> None:
    width = max((len(Path(r["path"]).name) for r in rows), default=10)
    width = min(width, 64)
    print(f"{'notice':{width}} {'exit':>4} {'ms':>6} {'heads':>6} {'clauses':>7} {'targets':>7} "
          f"{'missed':>6} {'false':>6}")
    for r in rows:
        flag = (" SLOW" if r["slow"] else "") + (" (* lenient parse)" if r["lenient"] else "")
        print(f"{_short(Path(r['path']).name, width):{width}} {r['exit']:>4}{'*' if r['lenient'] else ' '}"
              f"{r['seconds'] * 1e3:6.0f} {r['headings']:6d} {r['clauses']:7d} {r['targets']:7d} "
              f"{len(r['missed_clauses']):6d} {len(r['false_names']):6d}{flag}")
    print()
    print(f"notices {tot['notices']} · exit≠0 {tot['exit_nonzero']} "
          f"(lenient parse measured: {tot['lenient']}) · headings {tot['headings']} · "
          f"clauses {tot['clauses']} · targets {tot['targets']}")
    print(f"missed-clause hits {tot['missed_clauses']} · false-name hits {tot['false_names']} · "
          f"over {SLOW_SECONDS:g} s: {tot['slow']} · total {tot['seconds']:.2f} s")
    if tot["slowest"]:
        print(f"slowest: {tot['slowest']['path']} ({tot['slowest']['seconds'] * 1e3:.0f} ms)")
    failed = [r for r in rows if r["exit"] != 0]
    if failed:
        print("\nexit≠0:")
        for r in failed:
            msg = next((m for m in r["messages"] if m.startswith(("error", "internal error"))), "")
            print(f"  {r['exit']:>3} {r['path']}  {msg}")
    if show == 0:
        return
    for key, title in (("missed_clauses", "missed clauses (bracket with 负责/牵头/配合/责任, no assignment)"),
                       ("false_names", "false names (department names that read as prose)")):
        hits = [(r["path"], h) for r in rows for h in r[key]]
        limit = len(hits) if show < 0 else show
        print(f"\n{title}: {len(hits)}" + (f", first {limit}" if limit < len(hits) else ""))
        for path, h in hits[:limit]:
            if key == "missed_clauses":
                print(f"  {path}:{h['line']}:{h['column']}: {_short(h['text'], 80)}")
            else:
                print(f"  {path}:{h['line']}: {h['role']} {h['name']!r} — {', '.join(h['reasons'])}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folders", nargs="*", type=Path,
                    help=f"more folders of notices (*.txt), read after the default {DEFAULT_FOLDER}")
    ap.add_argument("--no-default", action="store_true", help="read only the folders given")
    ap.add_argument("--json", action="store_true", help="a machine-readable report on stdout")
    ap.add_argument("--show", type=int, default=20,
                    help="list the first N hits of each proxy (0: none, -1: all; default 20)")
    args = ap.parse_args(argv)

    folders = ([] if args.no_default else [DEFAULT_FOLDER]) + list(args.folders)
    paths = notices(folders)
    if not paths:
        print("corpus: no notices to measure", file=sys.stderr)
        return 0
    from policyparse.grammar import load_grammar

    load_grammar()  # validated (or read from the cache) once, before the first timing
    run_notice(paths[0])  # untimed: the first parse compiles the grammar's patterns
    rows = [measure(p) for p in paths]
    tot = totals(rows)
    if args.json:
        json.dump({"notices": rows, "totals": tot}, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print_report(rows, tot, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
