"""矩阵结构 and 省级群类型: how the groups of 附件1 are laid out by level, province and type."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from plotly.colors import make_colorscale, sequential

from sgw_analysis import labels
from sgw_analysis.charts.style import (
    HOVER_ONLY,
    as_text,
    figure,
    or_none,
    short_name,
    styled,
    wrapped,
)
from sgw_analysis.charts.timeliness import province_timeliness
from sgw_analysis.requirements import ENCOURAGED_PROVINCIAL_TYPES, OTHER_EXCHANGE_TYPES

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from sgw_analysis.context import ReportContext
    from sgw_analysis.coverage import CoverageResult

DISPLAYED_TYPES: tuple[str, ...] = (*ENCOURAGED_PROVINCIAL_TYPES, *OTHER_EXCHANGE_TYPES)
# plotly's "Blues" spelled out, as its validation would (plotly.js has a "Blues" of its own)
BLUES = make_colorscale(sequential.Blues)


# ---------------------------------------------------------------- 矩阵结构
def _national_totals(result: CoverageResult, level: str) -> dict[str, str]:
    """The national groups and contacts of a level, as text."""
    row = result.national[result.national["level"] == level]
    return {"groups": as_text(row["groups"].iloc[0] if len(row) else None),
            "contacts": as_text(row["contacts"].iloc[0] if len(row) else None)}


def _type_nodes(node_id: str, province: str,
               types: list[dict[str, object]]) -> list[dict[str, object]]:
    """The group-type nodes under one province's node on the province level."""
    return [{"id": f"{node_id}/{kind['group_type']}", "parent": node_id,
             "label": labels.GROUP_TYPE[kind["group_type"]],
             "value": int(or_none(kind["groups"]) or 0),
             "text": labels.NODE_TEXT["groups"].format(groups=as_text(kind["groups"])),
             "hover": labels.HOVER["node_type"].format(
                 province=province, group_type=labels.GROUP_TYPE[kind["group_type"]],
                 groups=as_text(kind["groups"]), members=as_text(kind["members"]))}
            for kind in types]


def matrix_nodes(result: CoverageResult) -> pd.DataFrame:
    """Treemap nodes: 全国 → level → province (→ group type on the province level)."""
    nodes = [{"id": "national", "parent": "", "label": labels.NATIONAL, "value": 0,
              "hover": labels.NATIONAL, "text": ""}]
    # rows as plain records: pandas' iterrows and per-row filters were most of this chart's time
    types = {code: part.to_dict("records") for code, part in
             result.group_types.sort_values("group_type", kind="stable").groupby("province_code")}
    cover = result.coverage[result.coverage["status"].ne("not_returned")
                            & result.coverage["status"].ne("not_applicable")]
    for level in ("province", "prefecture", "county"):
        totals = _national_totals(result, level)
        level_text = labels.NODE_TEXT["level"].format(**totals)
        nodes.append({"id": level, "parent": "national",
                      "label": f"{labels.LEVEL[level]}　{level_text}", "value": 0, "text": level_text,
                      "hover": labels.HOVER["node"].format(
                          label=f"{labels.NATIONAL}{labels.LEVEL[level]}", **totals)})
        rows = cover[cover["level"] == level].sort_values("province_code").to_dict("records")
        for row in rows:
            node_id = f"{level}/{row['province_code']}"
            listed = types.get(row["province_code"], []) if level == "province" else []
            nodes.append({
                "id": node_id, "parent": level, "label": short_name(row["province"]),
                "value": 0 if listed else int(or_none(row["groups"]) or 0),
                "text": labels.NODE_TEXT["groups"].format(groups=as_text(row["groups"])),
                "hover": labels.HOVER["node"].format(
                    label=f"{row['province']} · {labels.LEVEL[level]}",
                    groups=as_text(row["groups"]), contacts=as_text(row["contacts"]))})
            nodes += _type_nodes(node_id, row["province"], listed)
    return pd.DataFrame(nodes)


def matrix_structure(ctx: ReportContext) -> go.Figure:
    """矩阵结构: the matrix of 附件1 as a treemap, groups per level, province and group type."""
    result = ctx.result
    nodes = matrix_nodes(result)
    treemap = {
        "type": "treemap", "ids": list(nodes["id"]), "parents": list(nodes["parent"]),
        "labels": list(nodes["label"]), "values": nodes["value"].tolist(),
        "branchvalues": "remainder", "textinfo": "label+text", "text": list(nodes["text"]),
        "hovertext": list(nodes["hover"]), "hovertemplate": HOVER_ONLY,
        "marker": {"colorscale": BLUES, "line": {"width": 1, "color": "white"}},
        "tiling": {"pad": 2}, "pathbar": {"visible": True}, "maxdepth": 3,
    }
    return figure([treemap], styled("matrix_structure", ctx, 720))


# ---------------------------------------------------------------- 省级群类型
def _by_type(result: CoverageResult, values: str, provinces: pd.Index) -> pd.DataFrame:
    """Provinces × DISPLAYED_TYPES: the sum of a group-type column, NA where not listed."""
    return (result.group_types.pivot_table(index="province_code", columns="group_type",
                                           values=values, aggfunc="sum")
            .reindex(index=provinces, columns=list(DISPLAYED_TYPES)))


def group_type_counts(result: CoverageResult) -> pd.DataFrame:
    """Expected provinces × DISPLAYED_TYPES: listed groups, 0 where none, NA where not returned."""
    timing = province_timeliness(result).set_index("province_code")
    counts = _by_type(result, "groups", timing.index).fillna(0).astype("Int64")
    counts.loc[timing["timeliness"] == "not_returned"] = pd.NA
    return counts


def group_type_matrix(ctx: ReportContext) -> go.Figure:
    """省级群类型: which encouraged provincial and other exchange groups each province lists."""
    result = ctx.result
    counts = group_type_counts(result)
    timing = province_timeliness(result).set_index("province_code")
    members = _by_type(result, "members", counts.index).to_dict("index")
    z = [[or_none(v) for v in row] for row in counts.to_numpy()]
    groups, names = counts.to_dict("index"), timing["province"].to_dict()  # .at per cell is slow

    def hover(code: str, kind: str) -> str:
        """Hover text of one cell: the listed groups and members, or why there are none."""
        if pd.isna(groups[code][kind]):
            return labels.HOVER["group_type_missing"].format(province=names[code])
        return labels.HOVER["group_type"].format(
            province=names[code], group_type=labels.GROUP_TYPE[kind],
            groups=as_text(groups[code][kind]), members=as_text(members[code][kind]))

    rows = [p if t != "not_returned" else f"{p}（{labels.TIMELINESS[t]}）"
            for p, t in zip(timing["province"], timing["timeliness"], strict=True)]
    heatmap = {
        "type": "heatmap", "z": z, "x": [wrapped(labels.GROUP_TYPE[t], 6) for t in DISPLAYED_TYPES],
        "y": rows, "text": [["" if v in (None, 0) else str(v) for v in row] for row in z],
        "texttemplate": "%{text}", "xgap": 2, "ygap": 2, "zmin": 0,
        "zmax": max([1, *(v for row in z for v in row if v is not None)]),
        "colorscale": [[0, "#eef1f5"], [1e-9, "#c6dbef"], [1, "#08519c"]], "showscale": False,
        "hovertext": [[hover(c, t) for t in DISPLAYED_TYPES] for c in counts.index],
        "hovertemplate": HOVER_ONLY,
    }
    layout = styled("group_type_matrix", ctx, 260 + 24 * max(len(counts), 1), top=150)
    layout.update(xaxis={"side": "top", "tickangle": 0},
                  yaxis={"autorange": "reversed", "automargin": True})
    return figure([heatmap], layout)
