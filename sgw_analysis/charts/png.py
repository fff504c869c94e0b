"""Figures → PNG bytes, rendered by kaleido in Debian's Chromium (no browser download)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import plotly.graph_objects as go

SYSTEM_CHROMIUM = Path("/usr/bin/chromium")


def browser_path() -> str | None:
    """The Chromium kaleido drives: $BROWSER_PATH, else Debian's /usr/bin/chromium, else search."""
    if os.environ.get("BROWSER_PATH"):
        return os.environ["BROWSER_PATH"]
    return str(SYSTEM_CHROMIUM) if SYSTEM_CHROMIUM.exists() else None


def _browser_options() -> dict[str, object]:
    """kaleido's browser settings: no MathJax from a CDN, and our Chromium when there is one."""
    options: dict[str, object] = {"mathjax": False}  # kaleido's default MathJax is a CDN URL
    if path := browser_path():
        options["path"] = path  # an explicit path beats choreographer's own downloaded Chrome
    return options


def _png_opts(fig: go.Figure, width: int, height: int | None) -> dict[str, object]:
    """kaleido's image settings: PNG at the given size, else the figure's own height."""
    return {"format": "png", "width": width, "scale": 1,
            "height": height or fig.layout.height or 700}


def figure_png(fig: go.Figure, width: int = 1200, height: int | None = None) -> bytes:
    """The figure as PNG bytes of width × height pixels, rendered by kaleido in Chromium."""
    import kaleido  # loads only when a PNG is asked for (not for `--no-png` or the HTML)

    return kaleido.calc_fig_sync(fig.to_dict(), opts=_png_opts(fig, width, height),
                                 kopts=_browser_options())


def figures_png(figures: dict[str, go.Figure], width: int = 1200) -> dict[str, bytes]:
    """Every figure as PNG bytes, with one Chromium started for all of them."""
    import kaleido

    kaleido.start_sync_server(silence_warnings=True, **_browser_options())
    try:
        return {name: kaleido.calc_fig_sync(fig.to_dict(), opts=_png_opts(fig, width, None))
                for name, fig in figures.items()}
    finally:
        kaleido.stop_sync_server(silence_warnings=True)
