"""The look every chart shares: font, colours, title with its subtitle, and hover text."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from sgw_analysis import labels

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sgw_analysis.context import ReportContext
    from sgw_analysis.coverage import CoverageResult

FONT_FAMILY = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, SimHei, sans-serif"
HOVER_ONLY = "%{hovertext}<extra></extra>"  # plotly's hovertemplate: our text, no trace box

# one palette, so that a status has the same colour in every chart
GREEN, ORANGE, SLATE, RED = "#2e7d32", "#ef8a17", "#8fa3b8", "#b71c1c"
INK, NOTE_INK = "#222222", "#444444"
TILE_COLOR = {"on_time": GREEN, "late": ORANGE, "unknown": SLATE, "invalid": RED,
              "not_returned": "#d9d9d9"}
TILE_TEXT_COLOR = {"on_time": "white", "late": INK, "unknown": INK, "invalid": "white",
                   "not_returned": NOTE_INK}
GAP_COLOR = {"met": GREEN, "partial": "#a5d6a7", "late": ORANGE, "unknown": SLATE,
             "none": "#f4c7c3", "invalid": RED, "not_returned": "#9e9e9e",
             "not_applicable": "#f5f5f5"}
LEVEL_COLOR = {"prefecture": "#1f5fa8", "county": "#7fb3e6"}

_PROVINCE_SUFFIX = re.compile(f"({'|'.join(labels.PROVINCE_SUFFIXES)})$")


def short_name(province: str) -> str:
    """广西壮族自治区 → 广西: the name without its administrative suffix."""
    return _PROVINCE_SUFFIX.sub("", province) or province


def as_text(value: object) -> str:
    """A value for hover text: the missing marker for NA, integers without decimals."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return labels.MISSING_VALUE
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def as_percent(value: object) -> str:
    """A raw (uncapped) ratio as a percentage, or the missing marker."""
    if value is None or pd.isna(value):
        return labels.MISSING_VALUE
    return f"{float(value):.0%}"


def or_none(value: object) -> object:
    """NA → None, so that plotly leaves a gap; numbers as plain Python values."""
    if value is None or pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else value


def late_suffix(days_late: object) -> str:
    """（逾期N天） where the return was late."""
    if days_late is None or pd.isna(days_late) or int(days_late) <= 0:
        return ""
    return labels.HOVER["tile_late"].format(days=int(days_late))


def wrapped(items: Sequence[str], width: int, sep: str = "") -> str:
    """``items`` joined by ``sep``, ``width`` to a line: a long label or a list of names."""
    return "<br>".join(sep.join(items[i:i + width]) for i in range(0, len(items), width))


def requirement_line(x: object) -> dict[str, object]:
    """A dashed red vertical line across the plot at ``x``: the 100% requirement or the deadline."""
    return {"type": "line", "x0": x, "x1": x, "y0": 0, "y1": 1, "yref": "paper",
            "line": {"color": RED, "width": 2, "dash": "dash"}}


def subtitle(result: CoverageResult, is_demo: bool) -> str:
    """Reference vintage and deadline, led by the demo flag when the data is the demo's."""
    parts = [labels.REFERENCE_NOTE.format(reference=result.reference_label),
             labels.DEADLINE_NOTE.format(deadline=result.deadline.isoformat())]
    if is_demo:
        parts.insert(0, f'<span style="color:{RED}"><b>{labels.DEMO_NOTE}</b></span>')
    return " · ".join(parts)


def styled(key: str, ctx: ReportContext, height: int, top: int = 100,
           bottom: int = 40) -> dict[str, object]:
    """The layout every chart shares: title and subtitle, CJK font, plain white template,
    height and margins; ``top`` leaves room for top axes, ``bottom`` for a footnote."""
    return {
        "template": pio.templates["plotly_white"],
        "title": {"text": f"<b>{labels.CHART_TITLE[key]}</b>", "x": 0.01, "xanchor": "left",
                  "yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 14},
                  "subtitle": {"text": subtitle(ctx.result, ctx.is_demo),
                               "font": {"size": 12}}},
        "font": {"family": FONT_FAMILY, "size": 13, "color": INK},
        "height": height, "margin": {"t": top, "l": 20, "r": 20, "b": bottom},
        "hoverlabel": {"font": {"family": FONT_FAMILY}},
    }


def figure(traces: list[dict[str, object]], layout: dict[str, object]) -> go.Figure:
    """A graph_objects Figure from plain trace and layout dicts, built in one go.

    plotly checks every property as it is set, which was most of a chart's time; the dicts
    here are checked by the tests instead (``go.Figure(fig.to_dict())`` accepts them), and
    the figure handed out checks every later edit (``update_layout`` …) as usual.
    """
    fig = go.Figure({"data": traces, "layout": layout}, _validate=False)
    for part in (fig, fig.layout, *fig.data):
        part._validate = True
    return fig
