"""报送情况 and 报送时间: whether and when each province's return arrived."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sgw_analysis import labels
from sgw_analysis.charts.style import (
    HOVER_ONLY,
    NOTE_INK,
    RED,
    TILE_COLOR,
    TILE_TEXT_COLOR,
    as_text,
    figure,
    late_suffix,
    requirement_line,
    short_name,
    styled,
    wrapped,
)
from sgw_analysis.charts.timeliness import province_timeliness

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pandas as pd
    import plotly.graph_objects as go

    from sgw_analysis.context import ReportContext
    from sgw_analysis.coverage import CoverageResult

# (row, col) of each province-level unit on the tile grid, roughly where it lies on the map
TILE_POSITION: dict[str, tuple[int, int]] = {
    "230000": (0, 7),
    "150000": (1, 4), "110000": (1, 5), "210000": (1, 6), "220000": (1, 7), "660000": (1, 1),
    "650000": (2, 1), "620000": (2, 2), "640000": (2, 3), "140000": (2, 4), "130000": (2, 5),
    "120000": (2, 6),
    "540000": (3, 1), "630000": (3, 2), "610000": (3, 3), "410000": (3, 4), "370000": (3, 5),
    "510000": (4, 2), "500000": (4, 3), "420000": (4, 4), "340000": (4, 5), "320000": (4, 6),
    "530000": (5, 2), "520000": (5, 3), "430000": (5, 4), "360000": (5, 5), "330000": (5, 6),
    "310000": (5, 7),
    "450000": (6, 3), "440000": (6, 4), "350000": (6, 5),
    "460000": (7, 4),
}
TILE_STATUSES: tuple[str, ...] = ("on_time", "late", "unknown", "invalid", "not_returned")


# ---------------------------------------------------------------- 报送情况: tile-grid map
def tile_statuses(result: CoverageResult) -> pd.DataFrame:
    """Per expected province, its tile category: invalid data overrides the timing."""
    frame = province_timeliness(result)
    invalid = set(result.coverage.loc[result.coverage["status"] == "invalid", "province_code"])
    returned = frame["timeliness"] != "not_returned"
    frame["tile_status"] = frame["timeliness"].where(
        ~(returned & frame["province_code"].isin(invalid)), "invalid")
    frame["data_invalid"] = frame["province_code"].isin(invalid)
    return frame


def _tile_positions(codes: Sequence[str]) -> dict[str, tuple[int, int]]:
    """Grid cells for the given codes; codes without a fixed cell go on an extra bottom row."""
    positions = {code: TILE_POSITION[code] for code in codes if code in TILE_POSITION}
    extra_row = max((r for r, _ in TILE_POSITION.values()), default=0) + 1
    for index, code in enumerate(sorted(c for c in codes if c not in TILE_POSITION)):
        positions[code] = (extra_row, index)
    return positions


def _tile_hover(row: dict[str, object]) -> str:
    """Hover text of one tile."""
    data = (labels.COVERAGE_STATUS["invalid"] if row["data_invalid"]
            else labels.HOVER["tile_data_ok"])
    return labels.HOVER["tile"].format(
        province=row["province"], timeliness=labels.TIMELINESS[row["timeliness"]],
        date=as_text(row["submitted_at"]), late=late_suffix(row["days_late"]),
        data=data, file=as_text(row["file"]))


def submission_tile_map(ctx: ReportContext) -> go.Figure:
    """报送情况: one square per province-level unit, coloured by how its return arrived."""
    result = ctx.result
    frame = tile_statuses(result)
    positions = _tile_positions(list(frame["province_code"]))
    frame["row"] = frame["province_code"].map(lambda c: positions[c][0])
    frame["col"] = frame["province_code"].map(lambda c: positions[c][1])
    shapes, traces = [], []
    for status in TILE_STATUSES:
        part = frame[frame["tile_status"] == status]
        shapes += [{"type": "rect", "x0": col - 0.46, "x1": col + 0.46, "y0": row - 0.46,
                    "y1": row + 0.46, "layer": "below", "fillcolor": TILE_COLOR[status],
                    "line": {"color": "white", "width": 1}}
                   for row, col in zip(part["row"], part["col"], strict=True)]
        traces.append({
            "type": "scatter", "x": part["col"].tolist(), "y": part["row"].tolist(),
            "mode": "markers+text", "name": f"{labels.TILE_STATUS[status]}（{len(part)}）",
            "legendgroup": status, "meta": status,
            "text": [short_name(p) for p in part["province"]],
            "textfont": {"color": TILE_TEXT_COLOR[status], "size": 14},
            "marker": {"symbol": "square", "size": 1, "color": TILE_COLOR[status]},
            "customdata": list(part["province_code"]),
            "hovertext": [_tile_hover(r) for r in part.to_dict("records")], "hovertemplate": HOVER_ONLY,
        })
    rows = int(frame["row"].max()) if len(frame) else 0
    cols = int(frame["col"].max()) if len(frame) else 0
    layout = styled("submission_tile_map", ctx, 640)
    layout.update(
        shapes=shapes,
        xaxis={"visible": False, "range": [-0.6, max(cols, 7) + 0.6], "fixedrange": True},
        yaxis={"visible": False, "range": [max(rows, 7) + 0.6, -0.6], "fixedrange": True,
               "scaleanchor": "x", "scaleratio": 1},
        legend={"itemsizing": "constant", "orientation": "h", "y": -0.02, "x": 0.5,
                "xanchor": "center", "yanchor": "top"})
    return figure(traces, layout)


# ---------------------------------------------------------------- 报送时间
def _unplaced_note(frame: pd.DataFrame) -> str:
    """Footnote naming provinces that cannot sit on a date axis (no date, not returned)."""
    lines = []
    for status in ("unknown", "not_returned"):
        names = [short_name(p) for p in frame.loc[frame["timeliness"] == status, "province"]]
        if names:
            lines.append(labels.TIMELINE_UNPLACED.format(
                label=labels.TIMELINESS[status], provinces=wrapped(names, 14, "、")))
    return "<br>".join(lines)


def _timeline_hover(row: dict[str, object]) -> str:
    """Hover text of one dated return."""
    return labels.HOVER["timeline"].format(
        province=row["province"], date=row["submitted_at"],
        timeliness=labels.TIMELINESS[row["timeliness"]], late=late_suffix(row["days_late"]),
        file=as_text(row["file"]))


def submission_timeline(ctx: ReportContext) -> go.Figure:
    """报送时间: each return's date against the deadline (a vertical line)."""
    result = ctx.result
    frame = province_timeliness(result)
    dated = frame[frame["submitted_at"].notna()
                  & frame["timeliness"].isin(["on_time", "late"])]
    dated = dated.sort_values(["submitted_at", "province_code"], kind="stable")
    traces = []
    for status in ("on_time", "late"):
        part = dated[dated["timeliness"] == status]
        traces.append({
            "type": "scatter", "x": list(part["submitted_at"]), "y": list(part["province"]),
            "mode": "markers", "name": f"{labels.TIMELINESS[status]}（{len(part)}）",
            "meta": status, "marker": {"size": 12, "color": TILE_COLOR[status],
                                       "line": {"color": "white", "width": 1}},
            "customdata": list(part["province_code"]),
            "hovertext": [_timeline_hover(r) for r in part.to_dict("records")],
            "hovertemplate": HOVER_ONLY,
        })
    return figure(traces, _timeline_layout(ctx, frame, len(dated)))


def _timeline_layout(ctx: ReportContext, frame: pd.DataFrame, dated: int) -> dict[str, object]:
    """The timeline's layout: the deadline line and note, the footnote of undated returns."""
    deadline = ctx.result.deadline.isoformat()
    note = _unplaced_note(frame)
    bottom = 60 + 18 * note.count("<br>") + (18 if note else 0)
    annotations = [{"x": deadline, "y": 1, "yref": "paper", "yanchor": "bottom",
                    "showarrow": False, "font": {"color": RED},
                    "text": labels.DEADLINE_NOTE.format(deadline=deadline)}]
    if note:
        annotations.append({"x": 0, "y": 0, "xref": "paper", "yref": "paper",
                            "yshift": -bottom + 8, "xanchor": "left", "yanchor": "bottom",
                            "align": "left", "showarrow": False, "text": note,
                            "font": {"size": 12, "color": NOTE_INK}})
    layout = styled("submission_timeline", ctx, 220 + 22 * max(dated, 1) + bottom,
                    bottom=bottom + 40)
    layout.update(
        shapes=[requirement_line(deadline)], annotations=annotations,
        xaxis={"type": "date", "title": {"text": labels.DATE_AXIS}, "tickformat": "%m-%d"},
        yaxis={"autorange": "reversed", "automargin": True, "type": "category"},
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0, "xanchor": "left"})
    return layout
