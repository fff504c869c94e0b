"""Figures → PNG bytes, rendered by kaleido in Debian's Chromium (no browser download)."""

from __future__ import annotations

import asyncio
import threading
from typing import TYPE_CHECKING

from sgw_analysis import labels
from sgw_analysis.browser import BrowserError, browser_path

if TYPE_CHECKING:
    import plotly.graph_objects as go

PNG_START_SECONDS = 60  # starting Chromium on a loaded machine
PNG_SECONDS_PER_FIGURE = 30


class PngError(BrowserError):
    """The charts could not be drawn as pictures."""


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
    return _render({"figure": (fig, _png_opts(fig, width, height))})["figure"]


def figures_png(figures: dict[str, go.Figure], width: int = 1200) -> dict[str, bytes]:
    """Every figure as PNG bytes, with one Chromium started for all of them."""
    return _render({name: (fig, _png_opts(fig, width, None)) for name, fig in figures.items()})


async def _calc(jobs: dict[str, tuple[go.Figure, dict[str, object]]]) -> dict[str, bytes]:
    import kaleido  # loads only when a PNG is asked for (not for `--no-png` or the HTML)

    async with kaleido.Kaleido(n=1, **_browser_options()) as renderer:
        return {name: await renderer.calc_fig(fig.to_dict(), opts=opts)
                for name, (fig, opts) in jobs.items()}


def _render(jobs: dict[str, tuple[go.Figure, dict[str, object]]]) -> dict[str, bytes]:
    """Run kaleido in a thread of its own under a deadline (a notebook's event loop is busy).

    kaleido's own synchronous server waits forever when Chromium dies at start; here a browser
    that fails or hangs raises :class:`PngError` with a Chinese reason instead.
    """
    seconds = PNG_SECONDS_PER_FIGURE * max(len(jobs), 1) + PNG_START_SECONDS
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["done"] = asyncio.run(asyncio.wait_for(_calc(jobs), seconds))
        except BaseException as exc:  # reported to the caller below
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="sgw-png", daemon=True)
    worker.start()
    worker.join(seconds + PNG_START_SECONDS)
    if "done" in outcome:
        return outcome["done"]  # type: ignore[return-value]
    error = outcome.get("error")
    detail = labels.PNG_TIMEOUT if error is None or isinstance(error, TimeoutError) else (
        f"{type(error).__name__}: {error}".splitlines()[0])
    raise PngError(labels.PNG_FAILED.format(error=detail)) from error  # type: ignore[misc]
