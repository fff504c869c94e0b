"""National totals per level, and the listed group types per province."""

from __future__ import annotations

import pandas as pd

from sgw_analysis.coverage.returns import listed_groups
from sgw_analysis.order import in_order
from sgw_analysis.requirements import ENCOURAGED_PROVINCIAL_TYPES, GROUP_TYPES, LEVELS
from sgw_analysis.tables import Tables

NATIONAL_COLUMNS = ["level", "groups", "contacts", "groups_missing", "contacts_missing",
                    "provinces_expected", "provinces_returned", "provinces_met"]
GROUP_TYPE_COLUMNS = ["province_code", "province", "group_type", "groups", "members",
                      "requirement"]


def national_totals(judged: pd.DataFrame) -> pd.DataFrame:
    """Per level: sums over the applicable winning returns, and how many figures are missing."""
    rows = []
    for level in LEVELS:
        sub = judged[(judged["level"] == level) & judged["applicable"]]
        returned = sub["returned"]
        rows.append({
            "level": level,
            "groups": sub["shown_groups"].sum(min_count=1),
            "contacts": sub["shown_contacts"].sum(min_count=1),
            "groups_missing": int((returned & sub["shown_groups"].isna()).sum()),
            "contacts_missing": int((returned & sub["shown_contacts"].isna()).sum()),
            "provinces_expected": len(sub),
            "provinces_returned": int(returned.sum()),
            "provinces_met": int((sub["status"] == "met").sum()),
        })
    return pd.DataFrame(rows, columns=NATIONAL_COLUMNS).astype(
        {"level": "str", "groups": "Int64", "contacts": "Int64"})


def group_type_table(tables: Tables, expected: pd.DataFrame,
                     returns: pd.DataFrame) -> pd.DataFrame:
    """Per province and listed group type: how many groups, their members, the requirement."""
    listed = listed_groups(tables, returns)
    # a type's members are unknown as soon as one of its groups' 人数 is unknown
    counted = (listed.groupby(["province_code", "group_type"])
               .agg(groups=("group_name", "size"),
                    members=("members", lambda m: m.sum(skipna=False)))
               .reset_index())
    table = expected[["province_code", "province"]].merge(counted, on="province_code")
    table["requirement"] = table["group_type"].map(_group_type_requirement)
    table = in_order(table, ["province_code", "group_type"], {"group_type": GROUP_TYPES})
    return table[GROUP_TYPE_COLUMNS].astype(
        {"province_code": "str", "province": "str", "group_type": "str", "groups": "Int64",
         "members": "Int64", "requirement": "str"})


def _group_type_requirement(group_type: str) -> str:
    """R-P-HEADS, R-P-EXT or R-OTHER (the encouraged other exchange groups) for a group type."""
    if group_type == "prefecture_heads":
        return "R-P-HEADS"
    if group_type in ENCOURAGED_PROVINCIAL_TYPES:
        return "R-P-EXT"
    return "R-OTHER"
