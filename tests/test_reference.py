"""Packaged denominators: equal to the shared reference, sourced, and right in total."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from sgw_analysis.reference import Reference, municipality_codes, provinces

SHARED = Path(__file__).resolve().parents[2] / "shared" / "reference"
PACKAGED = resources.files("sgw_analysis") / "reference_data"
FILES = ["divisions_2016.csv", "divisions_2017.csv", "schools_2016.csv"]


def read_as_text(source: Path | object) -> pd.DataFrame:
    """A CSV with every value as written: no type guessing, no NA guessing."""
    with source.open("rb") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False, encoding="utf-8")


@pytest.mark.parametrize("name", FILES)
def test_packaged_equals_shared(name: str) -> None:
    if not SHARED.is_dir():
        pytest.skip("../shared/reference not present")
    assert_frame_equal(read_as_text(PACKAGED / name), read_as_text(SHARED / name))


@pytest.mark.parametrize("vintage", ["2016", "2017"])
def test_sources_carried_along(vintage: str) -> None:
    reference = Reference.load(vintage)
    for table in (reference.divisions, reference.schools):
        assert table["source"].notna().all()
        assert (table["source"].str.strip() != "").all()
    assert (PACKAGED / "SOURCES.md").is_file()
    assert "GB2260" in (PACKAGED / "SOURCES.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("vintage", ["2016", "2017"])
def test_national_totals(vintage: str) -> None:
    divisions = Reference.load(vintage).divisions
    assert len(divisions) == 31
    assert divisions["prefectures"].sum() == 334
    assert divisions["counties"].sum() == 2851


def test_school_totals_2016() -> None:
    schools = Reference.load("2016").schools
    assert len(schools) == 31
    assert schools["primary_schools"].sum() == 177_633
    assert schools["junior_secondary_schools"].sum() == 52_118
    assert schools["schools"].sum() == 177_633 + 52_118
    assert (schools["year"] == 2016).all()


def test_keys_match_the_province_list() -> None:
    listed = provinces()
    gbt = set(listed.loc[listed["kind"] != "xpcc", "province_code"])
    reference = Reference.load("2016")
    assert set(reference.divisions["province_code"]) == gbt
    assert set(reference.schools["province_code"]) == gbt
    assert municipality_codes() == {"110000", "120000", "310000", "500000"}
    divisions = reference.divisions.set_index("province_code")
    assert (divisions.loc[sorted(municipality_codes()), "prefectures"] == 0).all()


def test_another_vintage_by_path(tmp_path: Path) -> None:
    changed = Reference.load("2016").divisions.astype({"prefectures": "Int64"})
    changed.loc[changed["province_code"] == "130000", "counties"] = 200
    path = tmp_path / "divisions_2020.csv"
    changed.to_csv(path, index=False, encoding="utf-8-sig")
    reference = Reference.load("2020", divisions_path=path, label="GB/T 2260，2020年底")
    assert reference.vintage == "2020"
    assert reference.label == "GB/T 2260，2020年底"
    row = reference.divisions.set_index("province_code").loc["130000"]
    assert row["counties"] == 200 and row["prefectures"] == 11
    assert str(reference.divisions["counties"].dtype) == "Int64"
    assert reference.divisions["province_code"].str.fullmatch(r"\d{6}").all()


def test_unknown_packaged_vintage() -> None:
    with pytest.raises(ValueError, match="unknown reference vintage"):
        Reference.load("1999")
