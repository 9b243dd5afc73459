"""lxml against selectolax (Lexbor) for ``read.html``: import time, and the throughput of the
whole reader over the corpus pages with either parser building the reader's tree.

    PYTHONPATH=src python benchmarks/html_parsers.py

The lxml adapter here builds the same ``_El`` tree from ``lxml.html`` so both runs do the
same work after parsing; the lines of both are compared too.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from policyparse.read import html as reader

PAGES = sorted((Path(__file__).resolve().parents[2] / "shared" / "corpus" / "html").glob("*.html"))


def _parse_lxml(text: str) -> reader._El:
    import lxml.html
    from lxml import etree

    doc = lxml.html.document_fromstring(text)
    top = doc.find("body")
    root = reader._El("body")
    if top is None:
        top = doc
    stack = [(top, root)]
    while stack:
        node, el = stack.pop()
        if node.text:
            el.kids.append(node.text)
        for ch in node:
            tag = ch.tag if isinstance(ch.tag, str) else None
            if tag is not None and tag not in reader._SKIP and not (
                    "hidden" in ch.attrib or reader._HIDDEN_RX.search(ch.get("style") or "")):
                names = " ".join(v for k in ("id", "class") if (v := ch.get(k)))
                new = reader._El(tag, frozenset(names.lower().split()) if names else frozenset(),
                                 in_link=el.in_link or tag == "a")
                if tag in ("td", "th"):
                    new.rowspan = reader._span(ch.get("rowspan"))
                    new.colspan = min(reader._span(ch.get("colspan")), reader._MAX_SPAN)
                el.kids.append(new)
                stack.append((ch, new))
            if ch.tail:
                el.kids.append(ch.tail)
    del etree
    return root


def import_ms(module: str, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        r = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"],
                           capture_output=True, text=True, check=False)
        times.append(int(r.stderr.strip().splitlines()[-1].split("|")[1]) / 1000)
    return statistics.median(times)


def throughput(parse) -> tuple[float, list[list[str]]]:
    reader._parse = parse
    data = [p.read_bytes() for p in PAGES]
    outs = [reader.convert(d, None, 1 << 26).lines for d in data]
    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        for d in data:
            reader.convert(d, None, 1 << 26)
        best = min(best, time.perf_counter() - t)
    return sum(map(len, data)) / best / 1e6, outs


def main() -> None:
    for m in ("lxml.html", "selectolax.lexbor"):
        print(f"import {m}: {import_ms(m):.1f} ms (median of 7, cumulative)")
    own = reader._parse
    mb_s, a = throughput(own)
    print(f"selectolax: whole reader {mb_s:.1f} MB/s over {len(PAGES)} pages")
    mb_s, b = throughput(_parse_lxml)
    print(f"lxml:       whole reader {mb_s:.1f} MB/s over {len(PAGES)} pages")
    print("pages with the same lines:", sum(x == y for x, y in zip(a, b)), "of", len(PAGES))


if __name__ == "__main__":
    main()
