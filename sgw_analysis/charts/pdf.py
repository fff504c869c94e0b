"""The HTML report → PDF bytes, printed by the same Chromium that renders the chart PNGs.

Chromium's own ``--print-to-pdf``: the report's print stylesheet sets A4, the page numbers and
the demo flag (CSS page-margin boxes), and its ``beforeprint`` hook redraws each chart to fit a
page. Offline: the HTML is self-contained and every background network feature is off.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from sgw_analysis import labels
from sgw_analysis.browser import HEADLESS_FLAGS, BrowserError, browser_path

CHROMIUM_FLAGS = (
    *HEADLESS_FLAGS,
    "--no-pdf-header-footer",  # the stylesheet's own header and footer, not Chromium's URL and date
)
TIMEOUT_SECONDS = 180


class PdfError(BrowserError):
    """Chromium is missing or could not print the report; the message says why, in Chinese."""


def html_pdf(html: str) -> bytes:
    """``html`` printed to PDF by headless Chromium in a throw-away profile."""
    browser = browser_path()
    if browser is None:
        raise PdfError(labels.PDF_FAILED.format(error=labels.CHROMIUM_MISSING))
    with tempfile.TemporaryDirectory(prefix="sgw-pdf-") as folder:
        page, pdf = Path(folder) / "report.html", Path(folder) / "report.pdf"
        page.write_text(html, encoding="utf-8")
        command = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={Path(folder) / 'profile'}",
                   f"--print-to-pdf={pdf}", page.as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, text=True,
                                  timeout=TIMEOUT_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PdfError(labels.PDF_FAILED.format(error=exc)) from exc
        if done.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
            tail = (done.stderr or "").strip().splitlines()[-3:]
            raise PdfError(labels.PDF_FAILED.format(error=" / ".join(tail) or done.returncode))
        return pdf.read_bytes()
