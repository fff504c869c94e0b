"""Charts show exactly what the coverage result says, in Chinese, with the demo flag and vintage."""

from __future__ import annotations

import json
import struct
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from sgw_analysis import charts, labels
from sgw_analysis.context import ReportContext, build_context
from sgw_analysis.coverage import CoverageResult, coverage
from sgw_analysis.coverage.rounds import STATUS_RANK, RoundComparison, progress_table
from sgw_analysis.reference import Reference
from sgw_analysis.tables import ISSUE_COLUMNS, SUBMISSION_COLUMNS, Tables, table_frame

NOT_RETURNED = ("540000", "650000")
LATE = {"320000": "2017-04-18", "440000": "2017-04-20"}
UNDATED = ("450000",)
COUNTY_CONTACTS_MISSING = ("410000",)  # an invalid figure
COUNTY_OVER_TARGET = ("330000",)  # twice the groups the notice asks: ratio 2.0, capped at 1.0
MALICIOUS_GROUP = "<script>alert(1)</script>"
FORMULA_VALUES = ("=SUM(A1)", '=HYPERLINK("http://example.com","点此")')


# ---------------------------------------------------------------- a hand-made round of 31 returns
def _province_rows(code: str, name: str, i: int, prefectures: int, counties: int,
                   schools: int) -> tuple[list[dict], list[dict]]:
    """form_totals and provincial_groups rows of one province's return."""
    file = f"{name}/附件2.xlsx"
    listed = [(f"{name}地市级团委少年部长群", "各地市少年部部长", prefectures + 1 - (i % 3 == 0),
               "prefecture_heads")]
    if i % 2 == 0:
        listed.append((f"{name}少工委委员群", "省少工委委员", 25 + i, "provincial_committee"))
    if i % 4 == 1:
        listed.append((f"{name}少先队名师工作室群", "名师", 30, "master_studio"))
    if i % 5 == 2:
        listed.append((f"{name}少先队媒体信息交流群", "信息员", 40, "media"))
    if code == "130000":
        listed.append((MALICIOUS_GROUP, "测试", 3, "other"))
    groups = [{"province_code": code, "province": name, "group_name": g, "composition": c,
               "members": m, "note": pd.NA, "group_type": t, "file": file, "row": 12 + k}
              for k, (g, c, m, t) in enumerate(listed)]
    pref_groups = prefectures - (i % 2) * 2 if prefectures else pd.NA
    county_groups = counties * (2 if code in COUNTY_OVER_TARGET else 1) - (i % 3) * 5
    county_contacts = pd.NA if code in COUNTY_CONTACTS_MISSING else 3 * schools + counties - i
    figures = {
        "province": (len(listed), sum(m for _, _, m, _ in listed)),
        "prefecture": (pref_groups, 2 * counties + prefectures + i if prefectures else pd.NA),
        "county": (county_groups, county_contacts),
    }
    totals = [{"province_code": code, "province": name, "level": level, "groups": g,
               "contacts": c, "file": file, "groups_cell": f"附件2!B{4 + k}",
               "contacts_cell": f"附件2!C{4 + k}"}
              for k, (level, (g, c)) in enumerate(figures.items())]
    return totals, groups


def sample_tables(is_demo: bool = False) -> Tables:
    """A round of 29 returns: on time, late, undated, one invalid figure, two not returned."""
    reference = Reference.load()
    units = reference.divisions.merge(reference.schools[["province_code", "schools"]],
                                      on="province_code")
    submissions, totals, groups = [], [], []
    for i, row in enumerate(units.itertuples()):
        if row.province_code in NOT_RETURNED:
            continue
        file = f"{row.province}/附件2.xlsx"
        submitted = (pd.NA if row.province_code in UNDATED
                     else LATE.get(row.province_code, f"2017-04-{1 + i % 14:02d}"))
        submissions.append({"file": file, "sha256": f"{i:064x}",
                            "province_code": row.province_code, "province": row.province,
                            "status": "ingested", "reason": pd.NA, "sheet": "附件2",
                            "submitted_at": submitted})
        t, g = _province_rows(row.province_code, row.province, i, int(row.prefectures),
                              int(row.counties), int(row.schools))
        totals += t
        groups += g
    submissions.append({"file": "杂项/~$附件2.xlsx", "sha256": "f" * 64, "province_code": pd.NA,
                        "province": pd.NA, "status": "rejected", "reason": "file_lock",
                        "sheet": pd.NA, "submitted_at": pd.NA})
    issues = [{"severity": "error", "rule": "value_not_a_number", "province_code": "410000",
               "province": "河南省", "file": "河南省/附件2.xlsx", "sheet": "附件2",
               "cell": f"C{20 + k}", "value": value,
               "message": "区县级联系人数填写为公式样的文字，不是数字，请补报具体数字"}
              for k, value in enumerate(FORMULA_VALUES)]
    issues.append({"severity": "warning", "rule": "listing_count_mismatch",
                   "province_code": "130000", "province": "河北省", "file": "河北省/附件2.xlsx",
                   "sheet": "附件2", "cell": pd.NA, "value": MALICIOUS_GROUP,
                   "message": "省级建群数与一览表所列不一致，请核实"})
    return Tables(
        submissions=pd.DataFrame(submissions, columns=SUBMISSION_COLUMNS),
        form_totals=table_frame("form_totals", totals),
        provincial_groups=table_frame("provincial_groups", groups),
        issues=pd.DataFrame(issues, columns=ISSUE_COLUMNS),
        listed_files=frozenset(s["file"] for s in submissions if s["status"] == "ingested"),
        is_demo=is_demo,
    )


def sample_round(is_demo: bool = False) -> tuple[Tables, CoverageResult]:
    """The hand-made round and its real coverage result."""
    tables = sample_tables(is_demo)
    return tables, coverage(tables, Reference.load())



@pytest.fixture(scope="module")
def round_() -> tuple[Tables, CoverageResult]:
    return sample_round(is_demo=True)


def context_of(round_: tuple[Tables, CoverageResult], is_demo: bool = True) -> ReportContext:
    """The fixture's round as the context charts take, demo or not."""
    tables, result = round_
    return build_context(replace(tables, is_demo=is_demo), result, Reference.load(),
                         generated_at=datetime(2017, 4, 16, 9, 30))


# ---------------------------------------------------------------- the tests
def _status_of(result: CoverageResult, code: str, level: str) -> str:
    cov = result.coverage
    return cov.loc[(cov["province_code"] == code) & (cov["level"] == level), "status"].item()


def test_tile_map_colours_each_province_by_its_return(round_):
    result = round_[1]
    fig = charts.submission_tile_map(context_of(round_))
    category = {code: trace.meta for trace in fig.data for code in trace.customdata}
    assert len(category) == 31
    for code in NOT_RETURNED:
        assert category[code] == "not_returned"
    assert category["320000"] == category["440000"] == "late"
    assert category["450000"] == "unknown"
    assert category["410000"] == "invalid"  # invalid data outranks the timing
    assert category["110000"] == "on_time"
    expected = charts.tile_statuses(result).set_index("province_code")["tile_status"]
    assert category == expected.to_dict()


def test_tile_map_places_every_province_on_its_own_square(round_):
    fig = charts.submission_tile_map(context_of(round_))
    cells = [(x, y) for trace in fig.data for x, y in zip(trace.x, trace.y, strict=True)]
    assert len(cells) == len(set(cells)) == 31
    assert len(fig.layout.shapes) == 31


def test_coverage_bars_are_the_capped_ratios_of_the_coverage_table(round_):
    result = round_[1]
    fig = charts.level_coverage(context_of(round_))
    cov = result.coverage
    for trace in fig.data:
        part = cov[cov["level"] == trace.meta].set_index("province")
        for province, x, raw, text in zip(trace.y, trace.x, trace.customdata, trace.text,
                                          strict=True):
            ratio = part.at[province, "group_ratio"]
            if pd.isna(ratio):  # nothing to draw: a zero-length bar labelled with the status
                assert x == 0.0
                assert text == labels.COVERAGE_STATUS[part.at[province, "status"]]
            else:
                assert x == pytest.approx(min(float(ratio), 1.0))
                assert raw[2] == pytest.approx(float(ratio))  # uncapped in the hover data
            assert raw[0] == (None if pd.isna(part.at[province, "groups"])
                              else int(part.at[province, "groups"]))


def test_coverage_hover_shows_the_raw_uncapped_figures(round_):
    result = round_[1]
    fig = charts.level_coverage(context_of(round_))
    county = next(t for t in fig.data if t.meta == "county")
    zhejiang = list(county.y).index("浙江省")
    assert county.x[zhejiang] == 1.0
    row = result.coverage.query("province_code == '330000' and level == 'county'").iloc[0]
    hover = county.hovertext[zhejiang]
    assert f"建群数：{int(row['groups'])}" in hover
    assert f"应建群数：{int(row['expected_groups'])}" in hover
    assert f"{float(row['group_ratio']):.0%}" in hover and "100%" not in hover


def test_coverage_bars_put_the_weakest_provinces_first(round_):
    fig = charts.level_coverage(context_of(round_))
    county = next(t for t in fig.data if t.meta == "county")
    assert set(county.y[:2]) == {"西藏自治区", "新疆维吾尔自治区"}  # nothing to draw: on top
    assert fig.layout.yaxis.autorange == "reversed"


def test_gap_heatmap_cells_are_the_statuses_of_each_requirement(round_):
    result = round_[1]
    heat = charts.gap_heatmap(context_of(round_)).data[0]
    assert [x.split("<br>")[1] for x in heat.x] == list(charts.GAP_REQUIREMENTS)
    codes = list(result.expected["province_code"])
    for code, z_row, status_row in zip(codes, heat.z, heat.customdata, strict=True):
        assert [charts.GAP_STATUSES[z] for z in z_row] == list(status_row)
        for requirement, level in charts.GAP_LEVEL.items():
            column = charts.GAP_REQUIREMENTS.index(requirement)
            assert status_row[column] == _status_of(result, code, level)
    by_code = dict(zip(codes, heat.customdata, strict=True))
    assert list(by_code["540000"][:2]) == ["not_returned", "not_returned"]
    assert list(by_code["440000"][:2]) == ["met", "late"]
    assert list(by_code["450000"][:2]) == ["met", "unknown"]
    assert by_code["110000"][3] == "not_applicable"


def test_gap_heatmap_hover_carries_the_raw_figures(round_):
    result = round_[1]
    heat = charts.gap_heatmap(context_of(round_)).data[0]
    row = list(result.expected["province_code"]).index("130000")
    cov = result.coverage.query("province_code == '130000' and level == 'county'").iloc[0]
    hover = heat.hovertext[row][charts.GAP_REQUIREMENTS.index("R-CNTY")]
    assert f"建群数：{int(cov['groups'])} / 应建 {int(cov['expected_groups'])}" in hover
    assert f"联系人数：{int(cov['contacts'])} / 应有 {int(cov['expected_contacts'])}" in hover


def test_matrix_structure_holds_each_level_and_province_figure(round_):
    result = round_[1]
    tree = charts.matrix_structure(context_of(round_)).data[0]
    values = dict(zip(tree.ids, tree.values, strict=True))
    parents = dict(zip(tree.ids, tree.parents, strict=True))
    assert {parents[level] for level in ("province", "prefecture", "county")} == {"national"}
    cov = result.coverage.set_index(["province_code", "level"])
    assert values["county/130000"] == cov.at[("130000", "county"), "groups"]
    assert values["prefecture/130000"] == cov.at[("130000", "prefecture"), "groups"]
    assert "prefecture/110000" not in values  # a municipality has no prefecture level
    assert "county/540000" not in values  # not returned
    types = result.group_types[result.group_types["province_code"] == "130000"]
    for kind, groups in zip(types["group_type"], types["groups"], strict=True):
        assert parents[f"province/130000/{kind}"] == "province/130000"
        assert values[f"province/130000/{kind}"] == groups


def test_group_type_matrix_counts_the_listed_encouraged_groups(round_):
    result = round_[1]
    heat = charts.group_type_matrix(context_of(round_)).data[0]
    assert [x.replace("<br>", "") for x in heat.x] == [
        labels.GROUP_TYPE[t] for t in charts.DISPLAYED_TYPES]
    codes = list(result.expected["province_code"])
    listed = result.group_types.set_index(["province_code", "group_type"])["groups"]
    for code, row in zip(codes, heat.z, strict=True):
        for kind, value in zip(charts.DISPLAYED_TYPES, row, strict=True):
            if code in NOT_RETURNED:
                assert value is None
            else:
                assert value == listed.get((code, kind), 0)
    assert heat.z[codes.index("130000")][charts.DISPLAYED_TYPES.index("other")] == 1


def test_timeline_plots_each_dated_return_against_the_deadline(round_):
    result = round_[1]
    fig = charts.submission_timeline(context_of(round_))
    plotted = {code: (x, trace.meta) for trace in fig.data
               for code, x in zip(trace.customdata, trace.x, strict=True)}
    timing = result.timeliness.set_index("province_code")
    dated = timing[timing["submitted_at"].notna()]
    assert set(plotted) == set(dated.index)
    for code, (x, meta) in plotted.items():
        assert x == dated.at[code, "submitted_at"] and meta == dated.at[code, "timeliness"]
    deadline = fig.layout.shapes[0]
    assert deadline.x0 == deadline.x1 == "2017-04-15"
    note = fig.layout.annotations[-1].text
    assert "广西" in note and "西藏" in note and "新疆" in note
    assert fig.layout.xaxis.type == "date"


def test_every_chart_carries_title_vintage_and_demo_flag(round_):
    result = round_[1]
    figures = charts.all_charts(context_of(round_))
    assert list(figures) == list(labels.CHART_TITLE)
    for key, fig in figures.items():
        assert labels.CHART_TITLE[key] in fig.layout.title.text
        assert result.reference_label in fig.layout.title.subtitle.text
        assert labels.DEMO_NOTE in fig.layout.title.subtitle.text
        assert "Noto Sans CJK SC" in fig.layout.font.family
    real = charts.all_charts(context_of(round_, is_demo=False))
    assert all(labels.DEMO_NOTE not in f.layout.title.subtitle.text for f in real.values())


def test_charts_do_not_change_their_inputs(round_):
    result = round_[1]
    before = {name: frame.copy() for name, frame in vars(result).items()
              if isinstance(frame, pd.DataFrame)}
    charts.all_charts(context_of(round_, is_demo=False))
    for name, frame in before.items():
        pd.testing.assert_frame_equal(getattr(result, name), frame)


def test_charts_are_deterministic(round_):
    first = {k: f.to_json() for k, f in charts.all_charts(context_of(round_)).items()}
    second = {k: f.to_json() for k, f in charts.all_charts(context_of(round_)).items()}
    assert first == second


def test_every_chart_is_already_what_plotly_validation_makes_of_it(round_):
    figures = charts.all_charts(context_of(round_))
    for key, fig in figures.items():
        # built without plotly's checks: checked now, nothing is refused, added or changed
        checked = go.Figure(fig.to_dict())
        assert json.loads(checked.to_json()) == json.loads(fig.to_json()), key
        assert [t.type for t in checked.data] == [t.type for t in fig.data], key
    assert [t.type for t in figures["level_coverage"].data] == ["bar", "bar"]
    assert fig.layout.template.layout.plot_bgcolor == "white"  # plotly_white


def test_progress_chart_draws_an_arrow_per_moved_province_as_valid_plotly(round_):
    result = round_[1]
    earlier = result.coverage.copy()
    moved = earlier["province_code"].eq("110000") & earlier["level"].eq("county")
    assert result.coverage.loc[moved, "status"].item() != "not_returned"
    earlier.loc[moved, "status"] = "not_returned"
    progress = RoundComparison(progress_table(earlier, result.coverage), "earlier", ())
    fig = charts.all_charts(replace(context_of(round_), progress=progress))["progress"]
    after = STATUS_RANK[result.coverage.loc[moved, "status"].item()]
    assert [(t.x, t.y) for t in fig.data] == [((0, after), ("北京·区县级", "北京·区县级"))]
    assert json.loads(go.Figure(fig.to_dict()).to_json()) == json.loads(fig.to_json())


def test_charts_check_later_edits_as_any_plotly_figure_does(round_):
    fig = charts.level_coverage(context_of(round_))
    assert isinstance(fig, go.Figure)
    with pytest.raises(ValueError, match="titel"):
        fig.update_layout(titel="x")
    with pytest.raises(ValueError, match="colour"):
        fig.update_traces(marker_colour="red")
    with pytest.raises(ValueError):
        fig.layout.height = "tall"
    fig.update_layout(title_text="edited", height=500)
    fig.update_traces(marker_color="red")
    assert (fig.layout.title.text, fig.layout.height) == ("edited", 500)
    assert [t.marker.color for t in fig.data] == ["red", "red"]


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(),
                    reason="Debian's chromium is not installed (make system-deps)")
def test_png_export_gives_a_png_of_the_requested_size(round_):
    png = charts.figure_png(charts.submission_tile_map(context_of(round_)), width=900, height=640)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (900, 640)
