"""ingest: a folder of generated returns → the four validated tables, versions resolved."""

from __future__ import annotations

import os
import re
import shutil

import pandas as pd
import pytest
from conftest import Group
from pandas.testing import assert_frame_equal

from sgw_analysis import schemas
from sgw_analysis.pipeline import ingest
from sgw_analysis.reference import municipality_codes, provinces

TOTALS = {("province", "groups"): 3, ("province", "contacts"): 120,
          ("prefecture", "groups"): 14, ("prefecture", "contacts"): 300,
          ("county", "groups"): 120, ("county", "contacts"): 9000}
MUNICIPAL = {**TOTALS, ("prefecture", "groups"): "/", ("prefecture", "contacts"): "/"}


def _status(tables) -> dict[str, str]:
    return dict(zip(tables.submissions["file"], tables.submissions["status"], strict=True))


def _totals_of(tables, code: str) -> dict[tuple[str, str], object]:
    rows = tables.form_totals[tables.form_totals["province_code"] == code]
    return {(row.level, name): getattr(row, name) for row in rows.itertuples()
            for name in ("groups", "contacts")}


def _set_mtime(path, seconds: float) -> None:
    os.utime(path, (seconds, seconds))


def _mentions(message: str, number: int) -> bool:
    """The message writes the number as an integer (not 7.0, not part of 17)."""
    return re.search(rf"(?<![\d.]){number}(?![\d.])", message) is not None


def test_byte_identical_duplicate_gives_one_ingested_one_superseded(make_form, tmp_path):
    path, _ = make_form(name="收件箱/新疆维吾尔自治区少工委.xlsx", unit="新疆", date=42839)
    copy = tmp_path / "微信" / "新疆维吾尔自治区少工委(1).xlsx"
    copy.parent.mkdir()
    shutil.copyfile(path, copy)
    tables = ingest(tmp_path, workers=1)
    assert sorted(_status(tables).values()) == ["ingested", "superseded"]
    superseded = tables.submissions[tables.submissions["status"] == "superseded"].iloc[0]
    assert superseded["province_code"] == "650000"
    assert "重复" in superseded["reason"]
    assert len(tables.form_totals) == 3
    assert len(tables.provincial_groups) == 3


def test_correction_with_later_date_wins(make_form, tmp_path):
    first, _ = make_form(name="收件箱/北京市少工委 附件2.xlsx", unit="北京市少工委",
                         date="2017年4月12日",
                         totals={**MUNICIPAL, ("province", "groups"): "待统计"})
    second, _ = make_form(name="更正/北京市少工委 附件2（更正）.xlsx", unit="北京市少工委",
                          date="2017年4月14日",
                          totals={**MUNICIPAL, ("province", "groups"): 6})
    _set_mtime(first, 1_500_000_000)  # the older return was touched last: the date still wins
    _set_mtime(second, 1_400_000_000)
    tables = ingest(tmp_path, workers=1)
    assert _status(tables) == {"收件箱/北京市少工委 附件2.xlsx": "superseded",
                               "更正/北京市少工委 附件2（更正）.xlsx": "ingested"}
    assert _totals_of(tables, "110000")[("province", "groups")] == 6
    assert set(tables.form_totals["file"]) == {"更正/北京市少工委 附件2（更正）.xlsx"}
    reason = tables.submissions.set_index("file").loc["收件箱/北京市少工委 附件2.xlsx", "reason"]
    assert "更正/北京市少工委 附件2（更正）.xlsx" in reason
    # the replaced version's 待统计 is not something to chase
    assert "收件箱/北京市少工委 附件2.xlsx" not in set(tables.issues["file"].dropna())


def test_later_date_beats_a_correction_name_with_an_earlier_date(make_form, tmp_path):
    make_form(name="北京市 附件2（更正）.xlsx", unit="北京市少工委", date="2017-04-12",
              totals=MUNICIPAL)
    make_form(name="北京市 附件2 最后.xlsx", unit="北京市少工委", date="2017-04-14",
              totals={**MUNICIPAL, ("province", "groups"): 8})
    tables = ingest(tmp_path, workers=1)
    assert _status(tables)["北京市 附件2 最后.xlsx"] == "ingested"


def test_correction_name_wins_when_dates_are_equal(make_form, tmp_path):
    plain, _ = make_form(name="收件箱/河北省 附件2.xlsx", unit="河北省少工委", date="2017-04-13")
    fixed, _ = make_form(name="收件箱/河北省 附件2（更正）.xlsx", unit="河北省少工委",
                         date="2017-04-13", totals={**TOTALS, ("province", "groups"): 4})
    _set_mtime(plain, 1_500_000_000)  # the plain one is newer on disk: the name still wins
    _set_mtime(fixed, 1_400_000_000)
    tables = ingest(tmp_path, workers=1)
    assert _status(tables) == {"收件箱/河北省 附件2.xlsx": "superseded",
                               "收件箱/河北省 附件2（更正）.xlsx": "ingested"}
    assert _totals_of(tables, "130000")[("province", "groups")] == 4


def test_every_file_under_the_folder_is_a_submission(make_form, tmp_path):
    make_form(name="收件箱/广东省 附件2.xlsx")
    make_form(name="收件箱/深/层/文件夹/湖南省 附件2.xls", fmt="xls", unit="湖南省少工委")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1" + b"\x00" * 30)
    (tmp_path / "收件箱" / "附件2.xlsx").write_bytes(b"")
    (tmp_path / "收件箱" / "~$广东省 附件2.xlsx").write_bytes(b"\x0dAdministrator" + b" " * 40)
    tables = ingest(tmp_path, workers=1)
    assert _status(tables) == {
        ".DS_Store": "rejected",
        "收件箱/~$广东省 附件2.xlsx": "rejected",
        "收件箱/广东省 附件2.xlsx": "ingested",
        "收件箱/深/层/文件夹/湖南省 附件2.xls": "ingested",
        "收件箱/附件2.xlsx": "rejected",
    }
    subs = tables.submissions.set_index("file")
    assert subs.loc["收件箱/深/层/文件夹/湖南省 附件2.xls", "province_code"] == "430000"
    assert subs.loc["收件箱/广东省 附件2.xlsx", "submitted_at"] == "2017-04-12"
    assert subs.loc["收件箱/广东省 附件2.xlsx", "sheet"] == "Sheet1"
    assert pd.isna(subs.loc["收件箱/广东省 附件2.xlsx", "reason"])
    for rejected in (".DS_Store", "收件箱/~$广东省 附件2.xlsx", "收件箱/附件2.xlsx"):
        assert re.search(r"[\u4e00-\u9fff]", subs.loc[rejected, "reason"]), rejected
    rejection_issues = tables.issues[tables.issues["file"].isin(
        [".DS_Store", "收件箱/~$广东省 附件2.xlsx", "收件箱/附件2.xlsx"])]
    assert sorted(zip(rejection_issues["file"], rejection_issues["rule"],
                      rejection_issues["severity"], strict=True)) == [
        (".DS_Store", "file_unsupported", "error"),
        ("收件箱/~$广东省 附件2.xlsx", "file_lock", "error"),
        ("收件箱/附件2.xlsx", "file_empty", "error")]


def test_missing_value_is_na_never_zero_with_an_error(make_form, tmp_path):
    make_form(name="陕西省 附件2 20170414.xlsx", unit="陕西省少工委", date=None,
              totals={**TOTALS, ("province", "groups"): "待统计", ("county", "contacts"): None})
    tables = ingest(tmp_path, workers=1)
    values = _totals_of(tables, "610000")
    assert values[("province", "groups")] is pd.NA
    assert values[("county", "contacts")] is pd.NA
    assert values[("county", "groups")] == 120
    assert str(tables.form_totals["groups"].dtype) == "Int64"
    errors = tables.issues[tables.issues["severity"] == "error"]
    assert sorted(zip(errors["rule"], errors["sheet"], errors["cell"], strict=True)) == [
        ("value_missing", "Sheet1", "D6"), ("value_not_a_number", "Sheet1", "B4")]
    assert tables.submissions.loc[0, "submitted_at"] == "2017-04-14"


def test_consistency_warnings_carry_both_numbers(make_form, tmp_path):
    groups = [Group("地市级团委少年部长群", 40), Group("省少工委委员群", 50),
              Group("少先队名师工作室群", 30)]
    make_form(name="四川省 附件2.xlsx", unit="四川省少工委", groups=groups,
              totals={**TOTALS, ("province", "groups"): 7, ("province", "contacts"): 1000,
                      ("prefecture", "groups"): 21, ("county", "groups"): 9})
    tables = ingest(tmp_path, workers=1)
    warnings = tables.issues[tables.issues["severity"] == "warning"].set_index("rule")
    assert sorted(warnings.index) == ["county_groups_below_prefecture",
                                      "listing_count_mismatch",
                                      "listing_members_far_from_contacts"]
    expected = {"listing_count_mismatch": ("B4", "7", (7, 3)),
                "listing_members_far_from_contacts": ("D4", "1000", (120, 1000)),
                "county_groups_below_prefecture": ("B6", "9", (9, 21))}
    for rule, (cell, value, numbers) in expected.items():
        row = warnings.loc[rule]
        assert (row["province_code"], row["sheet"], row["cell"], row["value"]) == (
            "510000", "Sheet1", cell, value), rule
        assert all(_mentions(row["message"], n) for n in numbers), (rule, row["message"])


def test_consistent_return_has_no_warnings(make_form, tmp_path):
    make_form(name="四川省 附件2.xlsx", unit="四川省少工委")
    assert ingest(tmp_path, workers=1).issues.empty


def _round(make_form, tmp_path, count: int) -> None:
    """A round of ``count`` files: every province once, then duplicates, corrections, junk."""
    table = provinces()
    table = table[table["kind"] != "xpcc"]
    formats = [("xlsxwriter", "xlsx"), ("openpyxl", "xlsx"), ("xls", "xls"), ("csv-gbk", "csv")]
    layouts = ["clean", "sentence", "onecell", "merged", "grid"]
    made = []
    for i, row in enumerate(table.itertuples()):
        fmt, ext = formats[i % len(formats)]
        layout = layouts[i % len(layouts)]
        totals = {**(MUNICIPAL if row.province_code in municipality_codes() else TOTALS),
                  ("province", "groups"): 3 + i % 2,
                  ("county", "contacts"): "待统计" if i % 7 == 0 else 9000 + i}
        path, _ = make_form(name=f"收件箱/{row.province} 附件2.{ext}", fmt=fmt, layout=layout,
                            unit=f"{row.province}少工委", totals=totals,
                            date=f"2017年4月{10 + i % 5}日")
        made.append(path)
    for i, path in enumerate(made[: (count - len(made)) // 2]):
        copy = tmp_path / "微信" / f"{i:02d}" / path.name
        copy.parent.mkdir(parents=True)
        shutil.copyfile(path, copy)
    junk = count - len(list(tmp_path.rglob("*.*")))
    for i in range(junk):
        (tmp_path / "其他" / f"微信图片_{i}.png").parent.mkdir(exist_ok=True)
        (tmp_path / "其他" / f"微信图片_{i}.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(i))
    assert len([p for p in tmp_path.rglob("*") if p.is_file()]) == count


def test_four_tables_validate_with_their_pandera_models(make_form, tmp_path):
    _round(make_form, tmp_path, 40)
    tables = ingest(tmp_path, workers=1)
    schemas.Submissions.validate(tables.submissions, lazy=True)
    schemas.FormTotals.validate(tables.form_totals, lazy=True)
    schemas.ProvincialGroups.validate(tables.provincial_groups, lazy=True)
    schemas.Issues.validate(tables.issues, lazy=True)
    assert "schema_violation" not in set(tables.issues["rule"])
    assert (tables.submissions["status"] == "ingested").sum() == 31
    assert len(tables.form_totals) == 93
    assert set(tables.form_totals["province_code"]) == set(
        provinces().query("kind != 'xpcc'")["province_code"])


def test_parallel_ingest_gives_the_same_tables_as_serial(make_form, tmp_path):
    _round(make_form, tmp_path, 48)
    serial = ingest(tmp_path, workers=1)
    parallel = ingest(tmp_path, workers=2)
    for name, frame in serial.as_dict().items():
        assert_frame_equal(parallel.as_dict()[name], frame, obj=name)
    assert parallel.listed_files == serial.listed_files
    assert (serial.submissions["status"] == "superseded").sum() == 8


def test_negative_member_is_kept_with_one_error_and_no_schema_violation(make_form, tmp_path):
    groups = [Group("地市级团委少年部长群", -3), Group("省少工委委员群", 50),
              Group("少先队名师工作室群", 70)]
    _, form = make_form(name="广东省 附件2.xlsx", groups=groups)
    tables = ingest(tmp_path, workers=1)
    assert list(tables.provincial_groups["members"]) == [-3, 50, 70]
    errors = tables.issues[tables.issues["severity"] == "error"]
    assert list(zip(errors["cell"], errors["value"], strict=True)) == [
        (f"C{form.group_rows[0]}", "-3")]
    assert "schema_violation" not in set(tables.issues["rule"])


def test_empty_folder_gives_four_empty_tables(tmp_path):
    tables = ingest(tmp_path, workers=1)
    assert [len(frame) for frame in tables.as_dict().values()] == [0, 0, 0, 0]


def test_folder_of_junk_only_gives_rejections_and_no_totals(tmp_path):
    (tmp_path / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "b.xlsx").write_bytes(b"")
    tables = ingest(tmp_path, workers=1)
    assert list(tables.submissions["status"]) == ["rejected", "rejected"]
    assert tables.form_totals.empty and tables.provincial_groups.empty
    assert sorted(tables.issues["rule"]) == ["file_empty", "image_unreadable"]


def test_missing_folder_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        ingest(tmp_path / "nowhere")


def test_a_bug_met_on_one_file_rejects_that_file_and_the_round_goes_on(make_form, tmp_path,
                                                                        monkeypatch):
    from sgw_analysis import examine

    make_form(name="广东省 附件2.xlsx")
    odd, _ = make_form(name="广西 附件2.xlsx", unit="广西少工委")
    real_locate = examine.locate

    def locate_that_fails_on_guangxi(workbook):
        located = real_locate(workbook)
        if located is not None and "广西" in str(located.unit.value):
            raise KeyError("unexpected layout")
        return located

    monkeypatch.setattr(examine, "locate", locate_that_fails_on_guangxi)
    tables = ingest(odd.parent, workers=1)
    status = tables.submissions.set_index("file")["status"]
    assert status.to_dict() == {"广东省 附件2.xlsx": "ingested", "广西 附件2.xlsx": "rejected"}
    issue = tables.issues[tables.issues["rule"] == "internal_error"]
    assert len(issue) == 1 and "KeyError" in issue.iloc[0]["message"]


def test_a_round_that_may_need_ocr_reads_with_one_worker(tmp_path):
    from sgw_analysis.limits import LIMITS
    from sgw_analysis.pipeline import round_workers

    sheets = [tmp_path / "北京市.xlsx", tmp_path / "天津市.csv"]
    expected = min(os.cpu_count() or 1, LIMITS.workers)
    assert round_workers(sheets) == expected
    for photo in ("微信图片_20170414093512.jpg", "扫描件.PDF", "附件.zip"):
        assert round_workers([*sheets, tmp_path / photo]) == 1  # one OCR model in memory
