"""Make docs/show.png: ``policyparse show`` on a sample notice, in colour.

rich records the view and exports it as SVG (each run of text given its exact cell width,
so CJK stays aligned), headless Chromium photographs it. Run from anywhere:

    python docs/make_screenshots.py

Needs ``chromium`` and a CJK font (Debian: ``apt-get install chromium fonts-noto-cjk``).
"""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment, Segments
from rich.text import Text

from policyparse.parse.pipeline import parse_file
from policyparse.views.show import view

SAMPLE = "samples/liaoning-2016-13th-fyp-task-division.txt"
WIDTH = 100  # terminal columns
LINES = 38  # the first lines of the view (the header and the first items): what fits the window
OUT = ROOT / "docs" / "show.png"
WINDOW = (1100, 900)
BROWSER_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"]


def svg() -> str:
    os.chdir(ROOT)  # the view shows the path as given: keep it relative
    doc = parse_file(SAMPLE)
    console = Console(record=True, width=WIDTH, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", highlight=False, emoji=False, markup=False)
    lines = console.render_lines(view(doc, WIDTH), console.options, pad=False)
    for line in lines[:LINES]:
        console.print(Segments([*line, Segment.line()]), end="")
    console.print(Text(f"… {len(lines) - LINES} more lines", style="dim"))
    return _fix_wide(console.export_svg(title=f"policyparse show {SAMPLE}"))


_TEXT = re.compile(r'textLength="([0-9.]+)"([^>]*)>([^<]*)</text>')


def _fix_wide(svg: str) -> str:
    """rich (15.0) sizes each SVG text run by its characters, not its cells, so CJK runs
    come out squeezed to half their width: give each run the width of its cells."""

    def fix(m: re.Match[str]) -> str:
        text = html.unescape(m.group(3))
        per_char = float(m.group(1)) / max(1, len(text))
        return f'textLength="{per_char * cell_len(text):g}"{m.group(2)}>{m.group(3)}</text>'

    return _TEXT.sub(fix, svg)


def main() -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        sys.exit("needs chromium (apt-get install chromium fonts-noto-cjk)")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "show.html"
        page.write_text("<!doctype html><meta charset='utf-8'><style>body{margin:0;background:#fff}"
                        f"svg{{width:{WINDOW[0]}px;height:auto;display:block}}</style>{svg()}",
                        encoding="utf-8")
        subprocess.run([browser, *BROWSER_FLAGS, f"--user-data-dir={tmp}/profile", f"--screenshot={OUT}",
                        f"--window-size={WINDOW[0]},{WINDOW[1]}", page.as_uri()],
                       check=True, capture_output=True, timeout=120)
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
