"""Line-free agreement of each saved web page in ``shared/corpus/html/`` with the plain
text of the same notice (``shared/corpus/<stem>.txt``): per kind and overall F1, the mean
and the minimum, and the facts that differ on the files below the floor.

    PYTHONPATH=src python benchmarks/html_agreement.py [--diffs] [--floor 0.98]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from policyparse import parse_file
from policyparse.output.writers import dumps
from tests.linefree import KINDS, agreement

SHARED = ROOT.parent / "shared" / "corpus"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--diffs", action="store_true", help="print the differing facts of files below the floor")
    ap.add_argument("--floor", type=float, default=0.98)
    args = ap.parse_args()
    pages = sorted((SHARED / "html").glob("*.html"))
    if not pages:
        print("no pages under", SHARED / "html")
        return 1
    per_kind: dict[str, list[float]] = {k: [] for k in KINDS}
    overall: list[tuple[float, str]] = []
    for page in pages:
        ref = json.loads(dumps(parse_file(SHARED / f"{page.stem}.txt")))
        got = json.loads(dumps(parse_file(page)))
        per, f1, diffs = agreement(ref, got)
        for k in KINDS:
            per_kind[k].append(per[k])
        overall.append((f1, page.stem))
        if f1 < args.floor:
            print(f"{f1:.4f} {page.stem} {per}")
            if args.diffs:
                for d in diffs:
                    print("    ", d)
    n = len(pages)
    for k in KINDS:
        print(f"{k:12s} mean {sum(per_kind[k]) / n:.4f} min {min(per_kind[k]):.4f}")
    print(f"{'overall':12s} mean {sum(f for f, _ in overall) / n:.4f} min {min(overall)[0]:.4f} "
          f"({min(overall)[1]}); below {args.floor}: {sum(f < args.floor for f, _ in overall)} of {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
