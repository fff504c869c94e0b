"""The demo round end to end: ingestion recovers the generator's truth, coverage flags no outlier."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sgw_analysis import Config, ingest, judge
from sgw_analysis.demo import DemoRound, write_demo_round


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[DemoRound, object]:
    folder = tmp_path_factory.mktemp("demo") / "demo-2017"
    truth = write_demo_round(folder)
    return truth, ingest(folder)


def test_every_file_gets_the_status_the_generator_intended(demo):
    truth, tables = demo
    status = tables.submissions.set_index("file")["status"]
    assert sorted(status.index) == sorted(f.path for f in truth.files)
    for f in truth.files:
        if f.same_bytes_as:
            assert {status[f.path], status[f.same_bytes_as]} == {"ingested", "superseded"}
        else:
            assert status[f.path] == f.expect, f.path


def test_every_total_and_its_cell_equal_the_truth(demo):
    truth, tables = demo
    totals = tables.form_totals.set_index(["province_code", "level"])
    for code in truth.returned:
        winner = truth.winner(code)
        prefix = f"{winner.sheet}!" if winner.sheet else ""
        for level, figures in winner.totals.items():
            row = totals.loc[(code, level)]
            for field_name, want in figures.items():
                got = row[field_name]
                assert (pd.isna(got) if want is None else got == want), (code, level, field_name)
                if field_name in winner.cells.get(level, {}):
                    assert row[f"{field_name}_cell"] == prefix + winner.cells[level][field_name]


def test_listed_groups_and_dates_equal_the_truth(demo):
    truth, tables = demo
    submissions = tables.submissions.set_index("file")
    for code in truth.returned:
        winner = truth.winner(code)
        ingested = submissions[(submissions["province_code"] == code)
                               & (submissions["status"] == "ingested")]
        assert (ingested["submitted_at"].iloc[0] if pd.notna(ingested["submitted_at"].iloc[0])
                else None) == winner.submitted_at, code
        listed = tables.provincial_groups[tables.provincial_groups["province_code"] == code]
        assert list(zip(listed["group_name"], listed["members"], strict=True)) == list(
            winner.groups), code


def test_the_demo_round_says_it_is_demo_data(demo):
    _, tables = demo
    assert tables.is_demo


def test_no_outlier_is_flagged_on_the_demo_rounds_ordinary_returns(demo):
    _, tables = demo
    report = judge(tables, Config())
    assert report.result.outliers.empty, report.result.outliers["message"].tolist()


def test_missing_provinces_are_not_returned_in_coverage(demo):
    truth, tables = demo
    coverage = judge(tables, Config()).result.coverage
    missing = coverage[coverage["status"] == "not_returned"]["province_code"].unique()
    assert sorted(missing) == sorted(truth.missing)


def test_demo_generator_refuses_to_overwrite_a_real_round(tmp_path: Path):
    real = tmp_path / "2017-04"
    real.mkdir()
    (real / "广东省 附件2.xlsx").write_bytes(b"real bytes")
    with pytest.raises(FileExistsError):
        write_demo_round(real)
    assert (real / "广东省 附件2.xlsx").read_bytes() == b"real bytes"
