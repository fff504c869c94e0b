"""The Chromium the package drives (chart pictures, report.pdf), and how its failure is told."""

from __future__ import annotations

import os
from pathlib import Path

SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
# headless and offline: without the background features it tries the network at every start
HEADLESS_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)


class BrowserError(RuntimeError):
    """Chromium is missing, died or hung; the message says why, in Chinese."""


def browser_path() -> str | None:
    """The Chromium to drive: $BROWSER_PATH, else Debian's /usr/bin/chromium, else None."""
    if os.environ.get("BROWSER_PATH"):
        return os.environ["BROWSER_PATH"]
    return str(SYSTEM_CHROMIUM) if SYSTEM_CHROMIUM.exists() else None
