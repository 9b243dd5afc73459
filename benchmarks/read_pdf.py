"""The PDF reader on the corpus PDFs: line-free agreement with the texts, and its speed.

    python benchmarks/read_pdf.py                 # agreement per file, throughput, import time
    python benchmarks/read_pdf.py --naive         # … with PDFium's own text lines instead of the reader
    python benchmarks/read_pdf.py --libraries     # … and the candidate libraries side by side
    python benchmarks/read_pdf.py --pdfs DIR      # other PDFs of corpus notices (named <stem>.pdf)

More PDFs of the same kind as the twelve: render the corpus's web pages as they were made,
``soffice --headless --infilter="HTML (StarWriter)" --convert-to pdf --outdir DIR
../shared/corpus/html/*.html`` (50 files, ~30 s), then ``--pdfs DIR``.

Agreement is ``tests/linefree.agreement`` of the PDF's parse against the parse of
``<stem>.txt``: ``full`` against the whole text; ``held`` against the part of it the PDF
holds (eight of the twelve LibreOffice renderings lost the end of the notice; see
``tests/test_read_pdf.py``), with the notice's metadata. Throughput is ``read.pdf.convert``
alone (bytes → lines), warm, best of three, over all twelve files.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from policyparse.output import writers
from policyparse.parse.pipeline import parse_source, parse_text
from policyparse.parse.source import converted_source
from policyparse.read import read_source
from tests.linefree import agreement, held_part

CORPUS = ROOT.parent / "shared" / "corpus"


def naive_source(pdf: Path):  # type: ignore[no-untyped-def]
    """PDFium's text, one line per text line: the figure before any layout work."""
    import pypdfium2

    data = pdf.read_bytes()
    doc = pypdfium2.PdfDocument(data)
    lines: list[str] = []
    pages: list[int] = []
    for i in range(len(doc)):
        text = doc[i].get_textpage().get_text_range().replace("\r\n", "\n").split("\n")
        lines += [t.strip() for t in text]
        pages += [i + 1] * len(text)
    return converted_source(lines, data, str(pdf), "pdf", pages)


def agreement_table(naive: bool, folder: Path) -> None:
    fulls, helds = [], []
    for pdf in sorted(folder.glob("*.pdf")):
        txt = CORPUS / f"{pdf.stem}.txt"
        ref = json.loads(writers.dumps(parse_source(read_source(txt))))
        src = naive_source(pdf) if naive else read_source(pdf)
        got = json.loads(writers.dumps(parse_source(src)))
        _per, full, _ = agreement(ref, got)
        held, share = held_part(txt.read_text(encoding="utf-8"), src.text)
        part = json.loads(writers.dumps(parse_text(held)))
        part["meta"] = ref["meta"]
        per, heldf, _ = agreement(part, got)
        fulls.append(full)
        helds.append(heldf)
        kinds = " ".join(f"{k[:4]}={v:.2f}" for k, v in per.items())
        print(f"{pdf.stem[:44]:44s} full {full:.4f}  held {heldf:.4f}  (holds {share:.0%} of the text)  {kinds}")
    print(f"{'mean':44s} full {statistics.mean(fulls):.4f}  held {statistics.mean(helds):.4f}"
          f"  (min held {min(helds):.4f})")


def throughput() -> None:
    from policyparse.read import pdf as reader

    files = [p.read_bytes() for p in sorted((CORPUS / "formats").glob("*.pdf"))]
    import pypdfium2

    pages = sum(len(pypdfium2.PdfDocument(d)) for d in files)
    mb = sum(map(len, files)) / 1e6
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        for d in files:
            reader.convert(d, None, 1 << 30)
        best = min(best, time.perf_counter() - t)
    print(f"convert: {len(files)} files, {pages} pages, {mb:.2f} MB in {best:.3f} s: "
          f"{pages / best:.0f} pages/s, {mb / best:.2f} MB/s")


def import_time(module: str) -> float:
    """Seconds to import ``module`` in a fresh interpreter (best of three, -X importtime)."""
    best = float("inf")
    for _ in range(3):
        r = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"], capture_output=True,
                           text=True, check=False)
        rows = [ln for ln in r.stderr.splitlines() if ln.startswith("import time:") and "|" in ln]
        if not rows:
            return float("nan")
        best = min(best, int(rows[-1].split("|")[1]) / 1e6)
    return best


def libraries() -> None:
    """pypdfium2 against pdfplumber and pdfminer.six (if installed): characters with
    boxes of every page, and for pdfplumber its table finder too."""
    files = sorted((CORPUS / "formats").glob("*.pdf"))
    mb = sum(p.stat().st_size for p in files) / 1e6
    for name, module in (("pypdfium2", "pypdfium2"), ("pdfplumber", "pdfplumber"), ("pdfminer.six", "pdfminer.high_level")):
        try:
            __import__(module)
        except ImportError:
            print(f"{name}: not installed")
            continue
        t = time.perf_counter()
        pages = 0
        if name == "pypdfium2":
            import pypdfium2

            for p in files:
                doc = pypdfium2.PdfDocument(p.read_bytes())
                for i in range(len(doc)):
                    tp = doc[i].get_textpage()
                    [tp.get_charbox(k) for k in range(tp.count_chars())]
                    pages += 1
        elif name == "pdfplumber":
            import pdfplumber

            for p in files:
                with pdfplumber.open(p) as doc:
                    for page in doc.pages:
                        _ = page.chars
                        page.find_tables()
                        pages += 1
        else:
            from pdfminer.high_level import extract_pages

            for p in files:
                pages += sum(1 for _ in extract_pages(p))
        took = time.perf_counter() - t
        print(f"{name}: import {import_time(module) * 1000:.0f} ms; {pages / took:.0f} pages/s, {mb / took:.2f} MB/s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--naive", action="store_true", help="PDFium's own text lines instead of the reader")
    ap.add_argument("--libraries", action="store_true", help="compare the candidate libraries' speed")
    ap.add_argument("--pdfs", type=Path, default=CORPUS / "formats", help="a folder of <stem>.pdf of corpus notices")
    args = ap.parse_args()
    if not (CORPUS / "formats").is_dir():
        sys.exit(f"needs {CORPUS / 'formats'}")
    agreement_table(args.naive, args.pdfs)
    throughput()
    print(f"import pypdfium2: {import_time('pypdfium2') * 1000:.0f} ms; "
          f"policyparse.read.pdf: {import_time('policyparse.read.pdf') * 1000:.0f} ms")
    if args.libraries:
        libraries()


if __name__ == "__main__":
    main()
