"""The judgement of each province × level: expected minimums, shown figures, ratios, status.

How each level is judged (thresholds from :class:`Requirements`, denominators from
:class:`Reference`):

- ``province`` (R-P-HEADS): ``units`` = 1. ``expected_groups`` = 1, the 地市级团委少年部长群;
  it is compared with the number of groups of type ``prefecture_heads`` listed in the
  winning return's 省级建群情况一览 (``group_ratio`` = listed heads groups / 1).
  ``expected_contacts`` = prefectures + ``heads_group_extra_members``; it is compared with the
  members of the largest listed heads group (``contact_ratio`` = its 人数 / expected_contacts),
  not with the form's 省级联系人数. ``groups`` and ``contacts`` still show the form's 省级
  建群数 and 联系人数. No listing at all (the return is not in ``Tables.listed_files``; the
  office reads issue ``listing_missing``), or a heads group whose 人数 is unknown, is ``invalid``.
- ``prefecture`` (R-PREF): ``expected_groups`` = prefectures; ``expected_contacts`` =
  per_county x counties + per_prefecture x prefectures. ``not_applicable`` for municipalities.
- ``county`` (R-CNTY): ``expected_groups`` = counties; ``expected_contacts`` =
  per_school x schools + per_county x counties; without a school figure it is empty and
  only the groups are judged.

Status, first that applies: not_applicable, not_returned, invalid (a figure of the level is
missing or negative), none (建群数 is 0), met (every computable check is met), partial.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sgw_analysis.order import by_level
from sgw_analysis.requirements import Requirements

COVERAGE_COLUMNS = ["province_code", "province", "level", "groups", "contacts", "units",
                    "expected_groups", "expected_contacts", "group_ratio", "contact_ratio",
                    "status", "reference"]
UNJUDGED = ("not_returned", "not_applicable")


def judge_levels(grid: pd.DataFrame, req: Requirements) -> pd.DataFrame:
    """Add expected minimums, the shown figures, ratios and the status to the grid."""
    level = grid["level"]
    is_province, is_prefecture = level == "province", level == "prefecture"
    pref, cnty, schools = grid["prefectures"], grid["counties"], grid["schools"]
    one = pd.Series(1, index=grid.index, dtype="Int64")
    units = one.where(is_province, pref.where(is_prefecture, cnty))
    expected_contacts = (
        (pref + req.heads_group_extra_members).where(
            is_province,
            (req.prefecture_contacts_per_county * cnty
             + req.prefecture_contacts_per_prefecture * pref).where(
                is_prefecture,
                req.county_contacts_per_school * schools + req.county_contacts_per_county * cnty)))
    groups = grid["groups"].where(grid["groups"] >= 0)
    contacts = grid["contacts"].where(grid["contacts"] >= 0)
    check_groups = grid["heads_count"].where(is_province, groups)
    check_contacts = grid["heads_members"].astype("Int64").where(is_province, contacts)
    applicable = grid["applicable"]
    judged = grid.assign(
        units=units,
        expected_groups=one.where(is_province, units).where(applicable),
        expected_contacts=expected_contacts.where(applicable),
        shown_groups=groups, shown_contacts=contacts,
        check_groups=check_groups, check_contacts=check_contacts)
    judged["status"] = _status(judged)
    judgeable = ~judged["status"].isin(UNJUDGED)
    return judged.assign(
        group_ratio=_ratio(check_groups, judged["expected_groups"]).where(judgeable),
        contact_ratio=_ratio(check_contacts, judged["expected_contacts"]).where(judgeable))


def _status(judged: pd.DataFrame) -> pd.Series:
    """met / partial / none / invalid / not_returned / not_applicable per row."""
    def flag(series: pd.Series) -> np.ndarray:
        return series.fillna(False).to_numpy(dtype=bool)

    is_province = judged["level"] == "province"
    heads_unknown = is_province & (
        judged["listing_missing"]
        | ((judged["heads_count"] > 0) & judged["check_contacts"].isna()))
    invalid = (judged["shown_groups"].isna() | judged["shown_contacts"].isna()
               | heads_unknown)
    met = ((judged["check_groups"] >= judged["expected_groups"]).fillna(True)
           & (judged["check_contacts"] >= judged["expected_contacts"]).fillna(True))
    conditions = [~judged["applicable"], ~judged["returned"], invalid,
                  judged["shown_groups"] == 0, met]
    choices = ["not_applicable", "not_returned", "invalid", "none", "met"]
    status = np.select([flag(c) for c in conditions], choices, default="partial")
    return pd.Series(status, index=judged.index, dtype="str")


def _ratio(actual: pd.Series, expected: pd.Series) -> pd.Series:
    """actual / expected as nullable floats; empty where either is unknown or expected is 0."""
    return actual.astype("Float64") / expected.where(expected > 0).astype("Float64")


def coverage_table(judged: pd.DataFrame, reference_label: str) -> pd.DataFrame:
    """coverage.csv: the judged grid in the columns of docs/tables.md, sorted."""
    table = judged.assign(groups=judged["shown_groups"], contacts=judged["shown_contacts"],
                          reference=reference_label)
    return by_level(table)[COVERAGE_COLUMNS]
