"""各级建群覆盖 and 差距热力图: how far each province meets the notice, level by level."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from sgw_analysis import labels
from sgw_analysis.charts.style import (
    GAP_COLOR,
    HOVER_ONLY,
    LEVEL_COLOR,
    as_percent,
    as_text,
    figure,
    late_suffix,
    or_none,
    requirement_line,
    styled,
)
from sgw_analysis.charts.timeliness import province_timeliness
from sgw_analysis.requirements import JUDGED_REQUIREMENTS

if TYPE_CHECKING:
    from collections.abc import Sequence

    import plotly.graph_objects as go

    from sgw_analysis.context import ReportContext
    from sgw_analysis.coverage import CoverageResult

GAP_REQUIREMENTS: tuple[str, ...] = JUDGED_REQUIREMENTS  # one column per judged requirement
GAP_STATUSES: tuple[str, ...] = ("met", "partial", "late", "unknown", "none", "invalid",
                                 "not_returned", "not_applicable")
GAP_LEVEL = {"R-P-HEADS": "province", "R-PREF": "prefecture", "R-CNTY": "county"}
ONTIME_STATUS = {"on_time": "met", "late": "late", "unknown": "unknown",
                 "not_returned": "not_returned"}


# ---------------------------------------------------------------- 各级建群覆盖
def _coverage_order(coverage: pd.DataFrame) -> list[str]:
    """Province codes, weakest first: mean capped ratio of the two levels, not computable first."""
    capped = coverage.assign(capped=coverage["group_ratio"].astype("Float64").clip(upper=1.0))
    key = capped.groupby("province_code")["capped"].mean().fillna(-1.0)
    order = key.reset_index().sort_values(["capped", "province_code"], kind="stable")
    return list(order["province_code"])


def _coverage_hover(row: dict[str, object]) -> str:
    """Hover text of one coverage bar: the raw figures."""
    return labels.HOVER["coverage"].format(
        province=row["province"], level=labels.LEVEL[row["level"]], groups=as_text(row["groups"]),
        expected=as_text(row["expected_groups"]), ratio=as_percent(row["group_ratio"]),
        status=labels.COVERAGE_STATUS[row["status"]])


def _coverage_bars(coverage: pd.DataFrame, order: list[str], level: str) -> dict[str, object]:
    """The bar trace of one level: capped ratio as the bar, the raw figures in the hover."""
    names = coverage.drop_duplicates("province_code").set_index("province_code")["province"]
    part = coverage[coverage["level"] == level].set_index("province_code").reindex(order)
    part = part.assign(province_code=part.index, province=names.reindex(order).to_numpy())
    ratio = part["group_ratio"].astype("Float64")
    return {
        "type": "bar", "orientation": "h", "name": labels.LEVEL[level], "meta": level,
        "y": list(part["province"]),
        "x": [0.0 if pd.isna(v) else float(v) for v in ratio.clip(upper=1.0)],
        "marker": {"color": LEVEL_COLOR[level]},
        "text": [as_percent(r) if not pd.isna(r) else labels.COVERAGE_STATUS.get(s, "")
                 for r, s in zip(ratio, part["status"], strict=True)],
        "textposition": "outside", "cliponaxis": False,
        "customdata": [[or_none(g), or_none(e), or_none(r)] for g, e, r in
                       zip(part["groups"], part["expected_groups"], ratio, strict=True)],
        "hovertext": [_coverage_hover(r) for r in part.to_dict("records")],
        "hovertemplate": HOVER_ONLY,
    }


def level_coverage(ctx: ReportContext) -> go.Figure:
    """各级建群覆盖: prefecture and county group coverage per province against a 100% line."""
    result = ctx.result
    coverage = result.coverage[result.coverage["level"].isin(["prefecture", "county"])]
    order = _coverage_order(coverage)
    layout = styled("level_coverage", ctx, 200 + 34 * max(len(order), 1), top=150)
    layout.update(
        shapes=[requirement_line(1)],
        xaxis={"title": {"text": labels.PERCENT_AXIS}, "range": [0, 1.3], "side": "top",
               "tickvals": [0, 0.25, 0.5, 0.75, 1.0],
               "ticktext": ["0%", "25%", "50%", "75%", labels.REQUIREMENT_LINE]},
        yaxis={"autorange": "reversed", "automargin": True, "type": "category"},
        barmode="group", bargap=0.25, legend={"orientation": "h", "y": -0.01, "yanchor": "top"})
    return figure([_coverage_bars(coverage, order, level) for level in ("prefecture", "county")],
                  layout)


# ---------------------------------------------------------------- 差距热力图
def gap_statuses(result: CoverageResult) -> pd.DataFrame:
    """Provinces (rows, code order) × GAP_REQUIREMENTS (columns): a status code per cell."""
    frame = province_timeliness(result).set_index("province_code")
    by_level = result.coverage.pivot(index="province_code", columns="level", values="status")
    out = pd.DataFrame(index=frame.index)
    out["R-RETURN"] = frame["timeliness"].map(lambda t: "not_returned" if t == "not_returned"
                                              else "met")
    out["R-ONTIME"] = frame["timeliness"].map(ONTIME_STATUS)
    for requirement, level in GAP_LEVEL.items():
        out[requirement] = by_level[level].reindex(out.index).fillna("not_returned")
    return out


def _gap_hover(requirement: str, status: str, timing: dict[str, object],
               cover: dict[tuple[str, str], dict[str, object]]) -> str:
    """Hover text of one heatmap cell with the raw figures behind it."""
    common = {"province": timing["province"], "requirement": labels.REQUIREMENT[requirement],
              "status": labels.GAP_STATUS[status]}
    if requirement == "R-RETURN":
        return labels.HOVER["gap_return"].format(file=as_text(timing["file"]), **common)
    if requirement == "R-ONTIME":
        return labels.HOVER["gap_ontime"].format(
            date=as_text(timing["submitted_at"]), late=late_suffix(timing["days_late"]), **common)
    level = GAP_LEVEL[requirement]
    row = cover.get((timing["province_code"], level))
    figures = {k: as_text(None if row is None else row[k]) for k in
               ("groups", "expected_groups", "contacts", "expected_contacts")}
    return labels.HOVER["gap_level"].format(
        level=labels.LEVEL[level],
        group_ratio=as_percent(None if row is None else row["group_ratio"]),
        contact_ratio=as_percent(None if row is None else row["contact_ratio"]),
        **figures, **common)


def _discrete_colorscale(colors: Sequence[str]) -> list[list[object]]:
    """A colorscale with one flat band per category index 0..n-1."""
    n = len(colors)
    scale: list[list[object]] = []
    for i, color in enumerate(colors):
        scale += [[i / n, color], [(i + 1) / n, color]]
    return scale


def gap_heatmap(ctx: ReportContext) -> go.Figure:
    """差距热力图: provinces × requirements, coloured by status, raw figures in the hover."""
    result = ctx.result
    statuses = gap_statuses(result)
    timing = province_timeliness(result).set_index("province_code")
    # plain records, looked up by key: pandas' .loc per cell was most of this chart's time
    by_code = {r["province_code"]: r for r in timing.reset_index().to_dict("records")}
    cover = {(r["province_code"], r["level"]): r for r in result.coverage.to_dict("records")}
    index = {s: i for i, s in enumerate(GAP_STATUSES)}
    grid = statuses[list(GAP_REQUIREMENTS)].to_numpy().tolist()  # cell by cell .at costs 0.1 s
    z = [[index[status] for status in row] for row in grid]
    hover = [[_gap_hover(r, status, province, cover)
              for r, status in zip(GAP_REQUIREMENTS, row, strict=True)]
             for province, row in zip((by_code[c] for c in statuses.index), grid, strict=True)]
    heatmap = {
        "type": "heatmap", "z": z,
        "x": [f"{labels.REQUIREMENT_SHORT[r]}<br>{r}" for r in GAP_REQUIREMENTS],
        "y": list(timing["province"]), "customdata": statuses.to_numpy().tolist(),
        "text": [[labels.GAP_STATUS[status] for status in row] for row in grid],
        "texttemplate": "%{text}", "textfont": {"size": 11}, "hovertext": hover,
        "hovertemplate": HOVER_ONLY, "xgap": 2, "ygap": 2,
        "colorscale": _discrete_colorscale([GAP_COLOR[s] for s in GAP_STATUSES]),
        "zmin": -0.5, "zmax": len(GAP_STATUSES) - 0.5,
        "colorbar": {"tickvals": list(range(len(GAP_STATUSES))),
                     "ticktext": [labels.GAP_STATUS[s] for s in GAP_STATUSES], "len": 0.6},
    }
    layout = styled("gap_heatmap", ctx, 220 + 26 * max(len(statuses), 1), top=150)
    layout.update(xaxis={"side": "top"}, yaxis={"autorange": "reversed", "automargin": True})
    return figure([heatmap], layout)
