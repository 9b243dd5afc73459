"""The public API against the floor (issue 11): over the five samples, the median time of
decode + splitlines + one ``re.findall(r'（([^（）]*)）', line)`` per line (the floor) and of
``policyparse.parse_text`` (the public API: the same objects ``extract`` writes).

    python benchmarks/api_floor.py [SRC] [--repeat N]
"""
import argparse
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ap = argparse.ArgumentParser()
ap.add_argument("src", nargs="?", default=str(ROOT / "src"))
ap.add_argument("--repeat", type=int, default=15)
args = ap.parse_args()
sys.path.insert(0, args.src)

from policyparse.grammar import load_grammar  # noqa: E402
from policyparse.parse.pipeline import parse_text  # noqa: E402

g = load_grammar()
texts = [p.read_bytes() for p in sorted((ROOT / "samples").glob("*.txt"))]
rx = re.compile(r"（([^（）]*)）")


def floor() -> None:
    for d in texts:
        for line in d.decode("utf-8").splitlines():
            rx.findall(line)


def api() -> None:
    for d in texts:
        parse_text(d.decode("utf-8"), g)


def median(fn, n: int) -> float:
    fn()
    ts = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t)
    return statistics.median(ts)


f, a = median(floor, args.repeat * 3), median(api, args.repeat)
print(f"floor {f * 1e3:.2f} ms  parse_text {a * 1e3:.1f} ms ({a / f:.1f}x; target ≤ 20x: "
      f"{'MET' if a / f <= 20 else 'NOT MET'})")
