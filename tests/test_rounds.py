"""A second round compared with the first; outputs opened by a real spreadsheet program."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from sgw_analysis import labels
from sgw_analysis.cli import main
from sgw_analysis.coverage.rounds import progress_table

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def rounds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("rounds")
    assert main(["demo", str(base / "r1")]) == 0
    assert main(["report", str(base / "r1"), "--out", str(base / "o1"), "--no-png",
                 "--quiet"]) == 0
    assert main(["demo", str(base / "r2"), "--round", "2"]) == 0
    assert main(["report", str(base / "r2"), "--out", str(base / "o2"), "--no-png", "--quiet",
                 "--previous", str(base / "o1"), "--vintage", "2017"]) == 0
    return base / "o1", base / "o2"


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype={"province_code": str}, encoding="utf-8-sig")


def test_the_second_round_shows_who_moved_and_how_far(rounds):
    _first, second = rounds
    progress = _csv(second / "tables" / "progress.csv")
    moved = progress[progress["movement"] != "same"]
    assert set(zip(moved["province"], moved["level"], strict=True)) == {
        ("山西省", "prefecture"), ("贵州省", "county"), ("陕西省", "county"),
        *((p, lv) for p in ("海南省", "西藏自治区") for lv in ("province", "prefecture", "county"))}
    assert set(moved["movement"]) == {"better"}
    hainan = progress[(progress["province"] == "海南省") & (progress["level"] == "county")].iloc[0]
    assert hainan["status_before"] == "not_returned" and hainan["status_after"] == "met"
    shanxi = progress[(progress["province"] == "山西省")
                      & (progress["level"] == "prefecture")].iloc[0]
    assert shanxi["groups_change"] == shanxi["groups_after"] - shanxi["groups_before"] > 0
    html = (second / "report.html").read_text("utf-8")
    assert 'id="figure-progress"' in html and labels.PROGRESS_DIFFERENCE["vintage"] in html


def test_the_second_round_records_what_its_corrections_changed(rounds):
    _first, second = rounds
    changes = _csv(second / "tables" / "changes.csv")
    shaanxi = changes[changes["province"] == "陕西省"]
    assert ("county", "contacts") in set(zip(shaanxi["level_or_group"], shaanxi["field"],
                                             strict=True))
    assert "少先队媒体信息交流群（示例数据）" in set(shaanxi["after"].dropna())
    corrections = _csv(second / "tables" / "corrections.csv")
    assert ("陕西省", "fixed", "value_not_a_number") in set(
        zip(corrections["province"], corrections["status"], corrections["rule"], strict=True))
    issues = _csv(second / "tables" / "issues.csv")
    read = issues[~issues["rule"].str.startswith("outlier_")]  # cross-province, not reading
    assert not read["file"].str.startswith("第二轮/").any()  # template returns read cleanly


def test_progress_of_a_province_missing_from_the_earlier_round_is_kept():
    before = pd.DataFrame({"province_code": ["110000"], "province": ["北京市"],
                           "level": ["province"], "status": ["partial"], "groups": [3],
                           "contacts": [40]})
    after = pd.DataFrame({"province_code": ["110000", "120000"], "province": ["北京市", "天津市"],
                          "level": ["province", "province"], "status": ["met", "invalid"],
                          "groups": [4, None], "contacts": [60, None]})
    table = progress_table(before, after)
    assert table[["province", "status_before", "status_after", "movement"]].fillna("").values \
        .tolist() == [["北京市", "partial", "met", "better"], ["天津市", "", "invalid", "same"]]
    assert table["contacts_change"].tolist()[0] == 20


def _soffice_csv(path: Path, out: Path) -> str:
    """The first sheet of a workbook as LibreOffice converts it to CSV (UTF-8)."""
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{out}/profile",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir",
                    str(out), str(path)], check=True, capture_output=True, timeout=180)
    return (out / f"{path.stem}.csv").read_text("utf-8")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_template_summary_and_feedback_open_in_libreoffice(rounds, tmp_path):
    _first, second = rounds
    assert main(["template", "--out", str(tmp_path / "templates")]) == 0
    template = _soffice_csv(tmp_path / "templates" / "四川省-附件2.xlsx", tmp_path)
    assert "四川省少工委" in template and labels.TEMPLATE["province_groups"] in template
    assert labels.TEMPLATE["listing_title"] in template
    summary = _soffice_csv(second / "summary.xlsx", tmp_path)
    assert labels.TOTAL_ROW in summary and "海南省" in summary
    feedback = _soffice_csv(second / "feedback" / "湖南省-附件2审核意见.xlsx", tmp_path)
    assert "约48400人" in feedback and labels.FEEDBACK_COLUMN["send_back"] in feedback
    assert io.StringIO(feedback).read().count("\n") >= 4
