"""Which provinces moved since the earlier round, and how far: status before → after."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import plotly.io as pio

from sgw_analysis import labels
from sgw_analysis.charts.style import FONT_FAMILY, figure, short_name, subtitle
from sgw_analysis.coverage.rounds import STATUS_RANK

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from sgw_analysis.context import ReportContext

MOVE_COLOR = {"better": "#2E7D32", "worse": "#C62828", "same": "#9E9E9E"}
ROW_HEIGHT = 26


def progress_chart(ctx: ReportContext) -> go.Figure:
    """One row per province and level whose status or figures changed, an arrow from before to after."""
    table = ctx.progress.table
    moved = table[(table["movement"] != "same") | (table["groups_change"].fillna(0) != 0)
                  | (table["contacts_change"].fillna(0) != 0)].iloc[::-1]
    rows = [f"{short_name(r.province)}·{labels.LEVEL[r.level]}" for r in moved.itertuples()]
    traces = []
    for label, r in zip(rows, moved.itertuples(), strict=True):
        before, after = STATUS_RANK.get(r.status_before), STATUS_RANK.get(r.status_after)
        if before is None or after is None:
            continue
        hover = labels.PROGRESS_HOVER.format(
            province=r.province, level=labels.LEVEL[r.level],
            before=labels.COVERAGE_STATUS[r.status_before],
            after=labels.COVERAGE_STATUS[r.status_after],
            groups=_signed(r.groups_change), contacts=_signed(r.contacts_change))
        color = MOVE_COLOR[r.movement]
        traces.append({"type": "scatter", "x": [before, after], "y": [label, label],
                       "mode": "lines+markers", "line": {"color": color, "width": 3},
                       "marker": {"size": [8, 14], "color": color,
                                  "symbol": ["circle", "triangle-right"]},
                       "hovertext": hover, "hoverinfo": "text", "showlegend": False})
    ranks = sorted(STATUS_RANK.items(), key=lambda item: item[1])
    return figure(traces, {
        "template": pio.templates["plotly_white"],
        "xaxis": {"tickvals": [v for _, v in ranks],
                  "ticktext": [labels.COVERAGE_STATUS[k] for k, _ in ranks],
                  "range": [-0.5, max(STATUS_RANK.values()) + 0.5]},
        "yaxis": {"categoryorder": "array", "categoryarray": rows},
        "title": {"text": f"<b>{labels.PROGRESS_CHART_TITLE}</b>", "x": 0.01,
                  "subtitle": {"text": f"{subtitle(ctx.result, ctx.is_demo)} · "
                                       f"{labels.PROGRESS_CHART_NOTE}", "font": {"size": 12}}},
        "font": {"family": FONT_FAMILY, "size": 13},
        "height": 140 + ROW_HEIGHT * max(len(rows), 1), "margin": {"t": 100, "l": 20, "r": 20},
    })


def _signed(value: object) -> str:
    """+6, -3, 0; 未知 where either round had no figure."""
    if pd.isna(value):
        return labels.UNKNOWN_NUMBER
    return f"{int(value):+d}"
