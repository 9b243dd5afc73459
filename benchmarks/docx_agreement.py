"""Line-free agreement of each .docx in ../shared/corpus/formats with its .txt.

    PYTHONPATH=src python benchmarks/docx_agreement.py [--diffs]

Prints the per-kind and overall F1 of every file (tests/linefree.py) and, with --diffs,
the facts that differ. Reads the shared corpus; copies nothing from it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from policyparse import parse_file
from policyparse.output.writers import dumps
from tests.linefree import agreement

CORPUS = ROOT.parent / "shared" / "corpus"


def main() -> None:
    show = "--diffs" in sys.argv
    scores = []
    for docx in sorted((CORPUS / "formats").glob("*.docx")):
        ref = json.loads(dumps(parse_file(CORPUS / f"{docx.stem}.txt")))
        got = json.loads(dumps(parse_file(docx)))
        per, overall, diffs = agreement(ref, got)
        scores.append(overall)
        kinds = " ".join(f"{k}={v:.3f}" for k, v in per.items())
        print(f"{overall:.4f}  {docx.stem[:48]:48}  {kinds}")
        if show:
            for d in diffs:
                print("        ", d)
    print(f"mean {sum(scores) / len(scores):.4f}  min {min(scores):.4f}  files {len(scores)}")


if __name__ == "__main__":
    main()
