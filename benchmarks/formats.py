"""Throughput per input format, and start-up of ``extract`` on each (issue 9).

    python benchmarks/formats.py                 # the corpus's .txt, web pages, .docx and PDF
    python benchmarks/formats.py --repeat 5

For each format, over the files of ``../shared/corpus`` (the .txt notices, ``html/``, and the
.docx and .pdf of ``formats/``): the reader alone (bytes → the lines the parser reads, as
``read.load_bytes``) and the whole parse (reader + parse into records), warm (one untimed run
first), best of ``--repeat`` runs over all files of the format: ms per file, MB/s of input,
pages/s (PDF: its pages; other formats have none). Then start-up: wall time of the console
script ``policyparse extract FILE -o /dev/null`` on one small file of each format, median of
``--repeat`` runs, beside ``python -c pass`` (what a .txt costs must not grow with the readers:
they are imported only for their own format).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def _files() -> dict[str, list[Path]]:
    return {
        "txt": sorted(CORPUS.glob("*.txt")),
        "html": sorted((CORPUS / "html").glob("*.html")),
        "docx": sorted((CORPUS / "formats").glob("*.docx")),
        "pdf": sorted((CORPUS / "formats").glob("*.pdf")),
    }


def _pages(path: Path) -> int:
    if path.suffix != ".pdf":
        return 0
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def _best(fn, repeat: int) -> float:
    fn()
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def _startup(path: Path, repeat: int) -> float:
    exe = shutil.which("policyparse", path=str(Path(sys.executable).parent)) or "policyparse"
    cmd = [exe, "extract", str(path), "-o", "/dev/null"]
    subprocess.run(cmd, capture_output=True, check=False)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}: nothing to measure")
        return 0
    from policyparse.grammar import load_grammar
    from policyparse.parse.pipeline import parse_source
    from policyparse.read import load_bytes

    g = load_grammar()
    print(f"{'format':<6} {'files':>5} {'MB':>6} {'pages':>5} | {'read ms/file':>12} {'read MB/s':>9} "
          f"{'pages/s':>7} | {'parse ms/file':>13} {'parse MB/s':>10} {'pages/s':>7}")
    smallest: dict[str, Path] = {}
    for fmt, files in _files().items():
        if not files:
            continue
        blobs = [(str(p), p.read_bytes()) for p in files]
        mb = sum(len(b) for _, b in blobs) / 1e6
        pages = sum(_pages(p) for p in files)
        t_read = _best(lambda: [load_bytes(b, n) for n, b in blobs], args.repeat)
        t_parse = _best(lambda: [parse_source(load_bytes(b, n), g) for n, b in blobs], args.repeat)
        n = len(files)
        ps = (lambda t: f"{pages / t:7.0f}") if pages else (lambda t: f"{'-':>7}")
        print(f"{fmt:<6} {n:>5} {mb:6.2f} {pages or '-':>5} | {t_read / n * 1000:12.1f} {mb / t_read:9.1f} "
              f"{ps(t_read)} | {t_parse / n * 1000:13.1f} {mb / t_parse:10.1f} {ps(t_parse)}")
        smallest[fmt] = min(files, key=lambda p: p.stat().st_size)
    print()
    floor = statistics.median(
        [_timed([sys.executable, "-c", "pass"]) for _ in range(args.repeat)])
    print(f"start-up (median of {args.repeat}): python -c pass {floor * 1000:.0f} ms")
    for fmt, path in smallest.items():
        print(f"  extract {fmt:<5} {path.name[:40]:<40} {_startup(path, args.repeat) * 1000:6.0f} ms")
    return 0


def _timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, capture_output=True, check=False)
    return time.perf_counter() - t


if __name__ == "__main__":
    sys.exit(main())
