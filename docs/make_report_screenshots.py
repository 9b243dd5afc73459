"""Make the README's screenshots of ``policyparse report`` from the repository's samples.

    python docs/make_report_screenshots.py            # writes docs/report.png, docs/report-folder.png

Needs headless Chromium (Debian: ``apt-get install chromium fonts-noto-cjk``); the pages
are rendered from the files in ``samples/`` with the policyparse on the path.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SINGLE = "samples/liaoning-2016-new-consumption-plan.txt"  # relative: the page shows the path as given


def _browser() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("no chromium on PATH (apt-get install chromium fonts-noto-cjk)")


def _shot(browser: str, page: Path, png: Path, size: str, tmp: Path) -> None:
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                    f"--user-data-dir={tmp / 'profile'}", f"--screenshot={png}", f"--window-size={size}",
                    page.as_uri()], check=True, capture_output=True, timeout=180)
    print(f"wrote {png.relative_to(ROOT)}")


def main() -> None:
    browser = _browser()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for args, page, png, size in (
            ([SINGLE], tmp / "one.html", ROOT / "docs" / "report.png", "1280,1000"),
            (["samples"], tmp / "folder.html", ROOT / "docs" / "report-folder.png", "1280,1000"),
        ):
            subprocess.run([sys.executable, "-m", "policyparse", "report", *args, "-o", str(page)], check=True,
                           cwd=ROOT)
            _shot(browser, page, png, size, tmp)


if __name__ == "__main__":
    main()
