"""Tables and the coverage result → plotly Figures for the office leads (no I/O, no ratios)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

import kaleido
import pandas as pd
import plotly.graph_objects as go

from sgw_analysis import labels
from sgw_analysis.requirements import ENCOURAGED_PROVINCIAL_TYPES, OTHER_EXCHANGE_TYPES

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from sgw_analysis.coverage import CoverageResult
    from sgw_analysis.tables import Tables

FONT_FAMILY = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, SimHei, sans-serif"
SYSTEM_CHROMIUM = Path("/usr/bin/chromium")

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
TILE_COLOR = {"on_time": "#2e7d32", "late": "#ef8a17", "unknown": "#8fa3b8",
              "invalid": "#b71c1c", "not_returned": "#d9d9d9"}
TILE_TEXT_COLOR = {"on_time": "white", "late": "#222222", "unknown": "#222222",
                   "invalid": "white", "not_returned": "#444444"}

GAP_REQUIREMENTS: tuple[str, ...] = ("R-RETURN", "R-ONTIME", "R-P-HEADS", "R-PREF", "R-CNTY")
GAP_STATUSES: tuple[str, ...] = ("met", "partial", "late", "unknown", "none", "invalid",
                                 "not_returned", "not_applicable")
GAP_COLOR = {"met": "#2e7d32", "partial": "#a5d6a7", "late": "#ef8a17", "unknown": "#8fa3b8",
             "none": "#f4c7c3", "invalid": "#b71c1c", "not_returned": "#9e9e9e",
             "not_applicable": "#f5f5f5"}
GAP_LEVEL = {"R-P-HEADS": "province", "R-PREF": "prefecture", "R-CNTY": "county"}
ONTIME_STATUS = {"on_time": "met", "late": "late", "unknown": "unknown",
                 "not_returned": "not_returned"}

LEVEL_COLOR = {"prefecture": "#1f5fa8", "county": "#7fb3e6"}
DISPLAYED_TYPES: tuple[str, ...] = (*ENCOURAGED_PROVINCIAL_TYPES, *OTHER_EXCHANGE_TYPES)
_PROVINCE_SUFFIX = re.compile(r"(壮族自治区|回族自治区|维吾尔自治区|自治区|省|市)$")


# ---------------------------------------------------------------- shared presentation helpers
def short_name(province: str) -> str:
    """广西壮族自治区 → 广西: the name without its administrative suffix."""
    return _PROVINCE_SUFFIX.sub("", province) or province


def _text(value: object) -> str:
    """A value for hover text: the missing marker for NA, integers without decimals."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return labels.MISSING_VALUE
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _percent(value: object) -> str:
    """A raw (uncapped) ratio as a percentage, or the missing marker."""
    if value is None or pd.isna(value):
        return labels.MISSING_VALUE
    return f"{float(value):.0%}"


def _or_none(value: object) -> object:
    """NA → None, so that plotly leaves a gap; numbers as plain Python values."""
    if value is None or pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else value


def _subtitle(result: CoverageResult, is_demo: bool) -> str:
    """Reference vintage and deadline, led by the demo flag when the data is the demo's."""
    parts = [labels.REFERENCE_NOTE.format(reference=result.reference_label),
             labels.DEADLINE_NOTE.format(deadline=result.deadline.isoformat())]
    if is_demo:
        parts.insert(0, f'<span style="color:#b71c1c"><b>{labels.DEMO_NOTE}</b></span>')
    return " · ".join(parts)


def _styled(fig: go.Figure, key: str, result: CoverageResult, is_demo: bool,
            height: int, top: int = 100) -> go.Figure:
    """Title, subtitle, CJK font and a plain white template; ``top`` leaves room for top axes."""
    fig.update_layout(
        title={"text": f"<b>{labels.CHART_TITLE[key]}</b>", "x": 0.01, "xanchor": "left",
               "yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 14},
               "subtitle": {"text": _subtitle(result, is_demo), "font": {"size": 12}}},
        font={"family": FONT_FAMILY, "size": 13, "color": "#222222"},
        template="plotly_white", height=height, margin={"t": top, "l": 20, "r": 20, "b": 40},
        hoverlabel={"font": {"family": FONT_FAMILY}},
    )
    return fig


def _demo(tables: Tables, is_demo: bool | None) -> bool:
    """The explicit flag, else the tables' own."""
    return tables.is_demo if is_demo is None else is_demo


def _expected(result: CoverageResult) -> pd.DataFrame:
    """Expected provinces in code order."""
    return (result.expected[["province_code", "province"]]
            .sort_values("province_code", kind="stable").reset_index(drop=True))


def _timeliness(result: CoverageResult) -> pd.DataFrame:
    """One timeliness row per expected province; a province without one counts as not returned."""
    merged = _expected(result).merge(
        result.timeliness.drop(columns="province"), on="province_code", how="left")
    merged["timeliness"] = merged["timeliness"].fillna("not_returned")
    return merged


def _late_suffix(days_late: object) -> str:
    """（逾期N天） where the return was late."""
    if days_late is None or pd.isna(days_late) or int(days_late) <= 0:
        return ""
    return labels.HOVER["tile_late"].format(days=int(days_late))


# ---------------------------------------------------------------- 报送情况: tile-grid map
def tile_statuses(result: CoverageResult) -> pd.DataFrame:
    """Per expected province, its tile category: invalid data overrides the timing."""
    frame = _timeliness(result)
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


def _tile_hover(row: pd.Series) -> str:
    """Hover text of one tile."""
    data = (labels.COVERAGE_STATUS["invalid"] if row["data_invalid"]
            else labels.HOVER["tile_data_ok"])
    return labels.HOVER["tile"].format(
        province=row["province"], timeliness=labels.TIMELINESS[row["timeliness"]],
        date=_text(row["submitted_at"]), late=_late_suffix(row["days_late"]),
        data=data, file=_text(row["file"]))


def submission_tile_map(tables: Tables, result: CoverageResult,
                        is_demo: bool | None = None) -> go.Figure:
    """报送情况: one square per province-level unit, coloured by how its return arrived."""
    frame = tile_statuses(result)
    positions = _tile_positions(list(frame["province_code"]))
    frame["row"] = frame["province_code"].map(lambda c: positions[c][0])
    frame["col"] = frame["province_code"].map(lambda c: positions[c][1])
    fig = go.Figure()
    for status in TILE_STATUSES:
        part = frame[frame["tile_status"] == status]
        for _, tile in part.iterrows():
            fig.add_shape(type="rect", x0=tile["col"] - 0.46, x1=tile["col"] + 0.46,
                          y0=tile["row"] - 0.46, y1=tile["row"] + 0.46, layer="below",
                          fillcolor=TILE_COLOR[status], line={"color": "white", "width": 1})
        fig.add_trace(go.Scatter(
            x=list(part["col"]), y=list(part["row"]), mode="markers+text",
            name=f"{labels.TILE_STATUS[status]}（{len(part)}）", legendgroup=status,
            meta=status, text=[short_name(p) for p in part["province"]],
            textfont={"color": TILE_TEXT_COLOR[status], "size": 14},
            marker={"symbol": "square", "size": 1, "color": TILE_COLOR[status]},
            customdata=list(part["province_code"]),
            hovertext=[_tile_hover(r) for _, r in part.iterrows()],
            hovertemplate="%{hovertext}<extra></extra>",
        ))
    rows = int(frame["row"].max()) if len(frame) else 0
    cols = int(frame["col"].max()) if len(frame) else 0
    fig.update_xaxes(visible=False, range=[-0.6, max(cols, 7) + 0.6], fixedrange=True)
    fig.update_yaxes(visible=False, range=[max(rows, 7) + 0.6, -0.6], fixedrange=True,
                     scaleanchor="x", scaleratio=1)
    fig.update_layout(legend={"itemsizing": "constant", "orientation": "h", "y": -0.02,
                              "x": 0.5, "xanchor": "center", "yanchor": "top"})
    return _styled(fig, "submission_tile_map", result, _demo(tables, is_demo), 640)


# ---------------------------------------------------------------- 各级建群覆盖
def _coverage_order(coverage: pd.DataFrame) -> list[str]:
    """Province codes, weakest first: mean capped ratio of the two levels, not computable first."""
    capped = coverage.assign(capped=coverage["group_ratio"].astype("Float64").clip(upper=1.0))
    key = capped.groupby("province_code")["capped"].mean().fillna(-1.0)
    order = key.reset_index().sort_values(["capped", "province_code"], kind="stable")
    return list(order["province_code"])


def _coverage_hover(row: pd.Series) -> str:
    """Hover text of one coverage bar: the raw figures."""
    return labels.HOVER["coverage"].format(
        province=row["province"], level=labels.LEVEL[row["level"]], groups=_text(row["groups"]),
        expected=_text(row["expected_groups"]), ratio=_percent(row["group_ratio"]),
        status=labels.COVERAGE_STATUS[row["status"]])


def level_coverage(tables: Tables, result: CoverageResult,
                   is_demo: bool | None = None) -> go.Figure:
    """各级建群覆盖: prefecture and county group coverage per province against a 100% line."""
    coverage = result.coverage[result.coverage["level"].isin(["prefecture", "county"])]
    order = _coverage_order(coverage)
    names = coverage.drop_duplicates("province_code").set_index("province_code")["province"]
    fig = go.Figure()
    for level in ("prefecture", "county"):
        part = coverage[coverage["level"] == level].set_index("province_code").reindex(order)
        part = part.assign(province_code=part.index, province=names.reindex(order).to_numpy())
        ratio = part["group_ratio"].astype("Float64")
        fig.add_trace(go.Bar(
            orientation="h", name=labels.LEVEL[level], meta=level,
            y=list(part["province"]),
            x=[0.0 if pd.isna(v) else float(v) for v in ratio.clip(upper=1.0)],
            marker={"color": LEVEL_COLOR[level]},
            text=[_percent(r) if not pd.isna(r) else labels.COVERAGE_STATUS.get(s, "")
                  for r, s in zip(ratio, part["status"], strict=True)],
            textposition="outside", cliponaxis=False,
            customdata=[[_or_none(g), _or_none(e), _or_none(r)] for g, e, r in
                        zip(part["groups"], part["expected_groups"], ratio, strict=True)],
            hovertext=[_coverage_hover(r) for _, r in part.iterrows()],
            hovertemplate="%{hovertext}<extra></extra>",
        ))
    fig.add_shape(type="line", x0=1, x1=1, y0=0, y1=1, yref="paper",
                  line={"color": "#b71c1c", "width": 2, "dash": "dash"})
    fig.update_xaxes(title=labels.PERCENT_AXIS, range=[0, 1.3], side="top",
                     tickvals=[0, 0.25, 0.5, 0.75, 1.0],
                     ticktext=["0%", "25%", "50%", "75%", labels.REQUIREMENT_LINE])
    fig.update_yaxes(autorange="reversed", automargin=True, type="category")
    fig.update_layout(barmode="group", bargap=0.25, legend={"orientation": "h", "y": -0.01,
                                                            "yanchor": "top"})
    return _styled(fig, "level_coverage", result, _demo(tables, is_demo),
                   200 + 34 * max(len(order), 1), top=150)


# ---------------------------------------------------------------- 差距热力图
def gap_statuses(result: CoverageResult) -> pd.DataFrame:
    """Provinces (rows, code order) × GAP_REQUIREMENTS (columns): a status code per cell."""
    frame = _timeliness(result).set_index("province_code")
    by_level = result.coverage.pivot(index="province_code", columns="level", values="status")
    out = pd.DataFrame(index=frame.index)
    out["R-RETURN"] = frame["timeliness"].map(lambda t: "not_returned" if t == "not_returned"
                                              else "met")
    out["R-ONTIME"] = frame["timeliness"].map(ONTIME_STATUS)
    for requirement, level in GAP_LEVEL.items():
        out[requirement] = by_level[level].reindex(out.index).fillna("not_returned")
    return out


def _gap_hover(requirement: str, status: str, timing: pd.Series,
               cover: pd.DataFrame) -> str:
    """Hover text of one heatmap cell with the raw figures behind it."""
    common = {"province": timing["province"], "requirement": labels.REQUIREMENT[requirement],
              "status": labels.GAP_STATUS[status]}
    if requirement == "R-RETURN":
        return labels.HOVER["gap_return"].format(file=_text(timing["file"]), **common)
    if requirement == "R-ONTIME":
        return labels.HOVER["gap_ontime"].format(
            date=_text(timing["submitted_at"]), late=_late_suffix(timing["days_late"]), **common)
    level = GAP_LEVEL[requirement]
    row = cover.loc[(timing.name, level)] if (timing.name, level) in cover.index else None
    figures = {k: _text(None if row is None else row[k]) for k in
               ("groups", "expected_groups", "contacts", "expected_contacts")}
    return labels.HOVER["gap_level"].format(
        level=labels.LEVEL[level],
        group_ratio=_percent(None if row is None else row["group_ratio"]),
        contact_ratio=_percent(None if row is None else row["contact_ratio"]),
        **figures, **common)


def _discrete_colorscale(colors: Sequence[str]) -> list[list[object]]:
    """A colorscale with one flat band per category index 0..n-1."""
    n = len(colors)
    scale: list[list[object]] = []
    for i, color in enumerate(colors):
        scale += [[i / n, color], [(i + 1) / n, color]]
    return scale


def gap_heatmap(tables: Tables, result: CoverageResult,
                is_demo: bool | None = None) -> go.Figure:
    """差距热力图: provinces × requirements, coloured by status, raw figures in the hover."""
    statuses = gap_statuses(result)
    timing = _timeliness(result).set_index("province_code")
    cover = result.coverage.set_index(["province_code", "level"])
    index = {s: i for i, s in enumerate(GAP_STATUSES)}
    z = [[index[statuses.at[c, r]] for r in GAP_REQUIREMENTS] for c in statuses.index]
    hover = [[_gap_hover(r, statuses.at[c, r], timing.loc[c], cover) for r in GAP_REQUIREMENTS]
             for c in statuses.index]
    fig = go.Figure(go.Heatmap(
        z=z, x=[f"{labels.REQUIREMENT_SHORT[r]}<br>{r}" for r in GAP_REQUIREMENTS],
        y=list(timing["province"]), customdata=statuses.to_numpy().tolist(),
        text=[[labels.GAP_STATUS[statuses.at[c, r]] for r in GAP_REQUIREMENTS]
              for c in statuses.index],
        texttemplate="%{text}", textfont={"size": 11}, hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>", xgap=2, ygap=2,
        colorscale=_discrete_colorscale([GAP_COLOR[s] for s in GAP_STATUSES]),
        zmin=-0.5, zmax=len(GAP_STATUSES) - 0.5,
        colorbar={"tickvals": list(range(len(GAP_STATUSES))),
                  "ticktext": [labels.GAP_STATUS[s] for s in GAP_STATUSES], "len": 0.6},
    ))
    fig.update_xaxes(side="top")
    fig.update_yaxes(autorange="reversed", automargin=True)
    return _styled(fig, "gap_heatmap", result, _demo(tables, is_demo),
                   220 + 26 * max(len(statuses), 1), top=150)


# ---------------------------------------------------------------- 矩阵结构
def _national_totals(result: CoverageResult, level: str) -> dict[str, str]:
    """The national groups and contacts of a level, as text."""
    row = result.national[result.national["level"] == level]
    return {"groups": _text(row["groups"].iloc[0] if len(row) else None),
            "contacts": _text(row["contacts"].iloc[0] if len(row) else None)}


def matrix_nodes(result: CoverageResult) -> pd.DataFrame:
    """Treemap nodes: 全国 → level → province (→ group type on the province level)."""
    nodes = [{"id": "national", "parent": "", "label": labels.NATIONAL, "value": 0,
              "hover": labels.NATIONAL, "text": ""}]
    types = result.group_types
    cover = result.coverage[result.coverage["status"].ne("not_returned")
                            & result.coverage["status"].ne("not_applicable")]
    for level in ("province", "prefecture", "county"):
        totals = _national_totals(result, level)
        label = f"{labels.LEVEL[level]}　{labels.NODE_TEXT['level'].format(**totals)}"
        nodes.append({"id": level, "parent": "national", "label": label,
                      "value": 0, "text": labels.NODE_TEXT["level"].format(**totals),
                      "hover": labels.HOVER["node"].format(
                          label=f"{labels.NATIONAL}{labels.LEVEL[level]}", **totals)})
        for _, row in cover[cover["level"] == level].sort_values("province_code").iterrows():
            node_id = f"{level}/{row['province_code']}"
            listed = (types[types["province_code"] == row["province_code"]]
                      if level == "province" else types.iloc[0:0])
            nodes.append({
                "id": node_id, "parent": level, "label": short_name(row["province"]),
                "value": 0 if len(listed) else int(_or_none(row["groups"]) or 0),
                "text": labels.NODE_TEXT["groups"].format(groups=_text(row["groups"])),
                "hover": labels.HOVER["node"].format(
                    label=f"{row['province']} · {labels.LEVEL[level]}",
                    groups=_text(row["groups"]), contacts=_text(row["contacts"]))})
            for _, kind in listed.sort_values("group_type").iterrows():
                nodes.append({
                    "id": f"{node_id}/{kind['group_type']}", "parent": node_id,
                    "label": labels.GROUP_TYPE[kind["group_type"]],
                    "value": int(_or_none(kind["groups"]) or 0),
                    "text": labels.NODE_TEXT["groups"].format(groups=_text(kind["groups"])),
                    "hover": labels.HOVER["node_type"].format(
                        province=row["province"],
                        group_type=labels.GROUP_TYPE[kind["group_type"]],
                        groups=_text(kind["groups"]), members=_text(kind["members"]))})
    return pd.DataFrame(nodes)


def matrix_structure(tables: Tables, result: CoverageResult,
                     is_demo: bool | None = None) -> go.Figure:
    """矩阵结构: the matrix of 附件1 as a treemap, groups per level, province and group type."""
    nodes = matrix_nodes(result)
    fig = go.Figure(go.Treemap(
        ids=list(nodes["id"]), parents=list(nodes["parent"]), labels=list(nodes["label"]),
        values=list(nodes["value"]), branchvalues="remainder", textinfo="label+text",
        text=list(nodes["text"]),
        hovertext=list(nodes["hover"]), hovertemplate="%{hovertext}<extra></extra>",
        marker={"colorscale": "Blues", "line": {"width": 1, "color": "white"}},
        tiling={"pad": 2}, pathbar={"visible": True}, maxdepth=3,
    ))
    fig.update_layout(margin={"t": 100, "l": 10, "r": 10, "b": 10})
    return _styled(fig, "matrix_structure", result, _demo(tables, is_demo), 720)


# ---------------------------------------------------------------- 省级群类型
def group_type_counts(result: CoverageResult) -> pd.DataFrame:
    """Expected provinces × DISPLAYED_TYPES: listed groups, 0 where none, NA where not returned."""
    timing = _timeliness(result).set_index("province_code")
    counts = (result.group_types.pivot_table(index="province_code", columns="group_type",
                                             values="groups", aggfunc="sum")
              .reindex(index=timing.index, columns=list(DISPLAYED_TYPES)).fillna(0)
              .astype("Int64"))
    counts.loc[timing["timeliness"] == "not_returned"] = pd.NA
    return counts


def group_type_matrix(tables: Tables, result: CoverageResult,
                      is_demo: bool | None = None) -> go.Figure:
    """省级群类型: which encouraged provincial and other exchange groups each province lists."""
    counts = group_type_counts(result)
    timing = _timeliness(result).set_index("province_code")
    members = (result.group_types.pivot_table(index="province_code", columns="group_type",
                                              values="members", aggfunc="sum")
               .reindex(index=counts.index, columns=list(DISPLAYED_TYPES)))
    z = [[_or_none(v) for v in row] for row in counts.to_numpy()]

    def hover(code: str, kind: str) -> str:
        if pd.isna(counts.at[code, kind]):
            return labels.HOVER["group_type_missing"].format(province=timing.at[code, "province"])
        return labels.HOVER["group_type"].format(
            province=timing.at[code, "province"], group_type=labels.GROUP_TYPE[kind],
            groups=_text(counts.at[code, kind]), members=_text(members.at[code, kind]))

    rows = [p if t != "not_returned" else f"{p}（{labels.TIMELINESS[t]}）"
            for p, t in zip(timing["province"], timing["timeliness"], strict=True)]
    fig = go.Figure(go.Heatmap(
        z=z, x=[_wrapped(labels.GROUP_TYPE[t]) for t in DISPLAYED_TYPES], y=rows,
        text=[["" if v in (None, 0) else str(v) for v in row] for row in z],
        texttemplate="%{text}", xgap=2, ygap=2, zmin=0,
        zmax=max([1, *(v for row in z for v in row if v is not None)]),
        colorscale=[[0, "#eef1f5"], [1e-9, "#c6dbef"], [1, "#08519c"]],
        showscale=False,
        hovertext=[[hover(c, t) for t in DISPLAYED_TYPES] for c in counts.index],
        hovertemplate="%{hovertext}<extra></extra>",
    ))
    fig.update_xaxes(side="top", tickangle=0)
    fig.update_yaxes(autorange="reversed", automargin=True)
    return _styled(fig, "group_type_matrix", result, _demo(tables, is_demo),
                   260 + 24 * max(len(counts), 1), top=150)


def _wrapped(text: str, width: int = 6) -> str:
    """Break a long Chinese label into lines of ``width`` characters."""
    return "<br>".join(text[i:i + width] for i in range(0, len(text), width))


# ---------------------------------------------------------------- 报送时间
def _unplaced_note(frame: pd.DataFrame) -> str:
    """Footnote naming provinces that cannot sit on a date axis (no date, not returned)."""
    lines = []
    for status in ("unknown", "not_returned"):
        names = [short_name(p) for p in frame.loc[frame["timeliness"] == status, "province"]]
        if names:
            chunks = ["、".join(names[i:i + 14]) for i in range(0, len(names), 14)]
            lines.append(labels.TIMELINE_UNPLACED.format(
                label=labels.TIMELINESS[status], provinces="<br>".join(chunks)))
    return "<br>".join(lines)


def submission_timeline(tables: Tables, result: CoverageResult,
                        is_demo: bool | None = None) -> go.Figure:
    """报送时间: each return's date against the deadline (a vertical line)."""
    frame = _timeliness(result)
    dated = frame[frame["submitted_at"].notna()
                  & frame["timeliness"].isin(["on_time", "late"])]
    dated = dated.sort_values(["submitted_at", "province_code"], kind="stable")
    fig = go.Figure()
    for status, color in (("on_time", TILE_COLOR["on_time"]), ("late", TILE_COLOR["late"])):
        part = dated[dated["timeliness"] == status]
        fig.add_trace(go.Scatter(
            x=list(part["submitted_at"]), y=list(part["province"]), mode="markers",
            name=f"{labels.TIMELINESS[status]}（{len(part)}）", meta=status,
            marker={"size": 12, "color": color, "line": {"color": "white", "width": 1}},
            customdata=list(part["province_code"]),
            hovertext=[labels.HOVER["timeline"].format(
                province=r["province"], date=r["submitted_at"],
                timeliness=labels.TIMELINESS[status], late=_late_suffix(r["days_late"]),
                file=_text(r["file"])) for _, r in part.iterrows()],
            hovertemplate="%{hovertext}<extra></extra>",
        ))
    deadline = result.deadline.isoformat()
    fig.add_shape(type="line", x0=deadline, x1=deadline, y0=0, y1=1, yref="paper",
                  line={"color": "#b71c1c", "width": 2, "dash": "dash"})
    fig.add_annotation(x=deadline, y=1, yref="paper", yanchor="bottom", showarrow=False,
                       text=labels.DEADLINE_NOTE.format(deadline=deadline),
                       font={"color": "#b71c1c"})
    note = _unplaced_note(frame)
    bottom = 60 + 18 * note.count("<br>") + (18 if note else 0)
    if note:
        fig.add_annotation(x=0, y=0, xref="paper", yref="paper", yshift=-bottom + 8,
                           xanchor="left", yanchor="bottom", align="left", showarrow=False,
                           text=note, font={"size": 12, "color": "#444444"})
    fig.update_xaxes(type="date", title=labels.DATE_AXIS, tickformat="%m-%d")
    fig.update_yaxes(autorange="reversed", automargin=True, type="category")
    fig.update_layout(legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0,
                              "xanchor": "left"})
    fig = _styled(fig, "submission_timeline", result, _demo(tables, is_demo),
                  220 + 22 * max(len(dated), 1) + bottom)
    fig.update_layout(margin={"b": bottom + 40})
    return fig


# ---------------------------------------------------------------- all charts, PNG export
CHARTS: dict[str, Callable[..., go.Figure]] = {
    "submission_tile_map": submission_tile_map,
    "level_coverage": level_coverage,
    "gap_heatmap": gap_heatmap,
    "matrix_structure": matrix_structure,
    "group_type_matrix": group_type_matrix,
    "submission_timeline": submission_timeline,
}


def all_charts(tables: Tables, result: CoverageResult, is_demo: bool) -> dict[str, go.Figure]:
    """Every chart, by stable file-name-like key, in reading order."""
    return {key: make(tables, result, is_demo) for key, make in CHARTS.items()}


def browser_path() -> str | None:
    """The Chromium kaleido drives: $BROWSER_PATH, else Debian's /usr/bin/chromium, else search."""
    if os.environ.get("BROWSER_PATH"):
        return os.environ["BROWSER_PATH"]
    return str(SYSTEM_CHROMIUM) if SYSTEM_CHROMIUM.exists() else None


def _browser_options() -> dict[str, object]:
    options: dict[str, object] = {"mathjax": False}  # kaleido's default MathJax is a CDN URL
    if path := browser_path():
        options["path"] = path  # an explicit path beats choreographer's own downloaded Chrome
    return options


def _png_opts(fig: go.Figure, width: int, height: int | None) -> dict[str, object]:
    return {"format": "png", "width": width, "scale": 1,
            "height": height or fig.layout.height or 700}


def figure_png(fig: go.Figure, width: int = 1200, height: int | None = None) -> bytes:
    """The figure as PNG bytes of width × height pixels, rendered by kaleido in Chromium."""
    return kaleido.calc_fig_sync(fig.to_dict(), opts=_png_opts(fig, width, height),
                                 kopts=_browser_options())


def figures_png(figures: dict[str, go.Figure], width: int = 1200) -> dict[str, bytes]:
    """Every figure as PNG bytes, with one Chromium started for all of them."""
    kaleido.start_sync_server(silence_warnings=True, **_browser_options())
    try:
        return {name: kaleido.calc_fig_sync(fig.to_dict(), opts=_png_opts(fig, width, None))
                for name, fig in figures.items()}
    finally:
        kaleido.stop_sync_server(silence_warnings=True)
