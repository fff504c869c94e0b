"""One row per expected province × level with every input its judgement needs."""

from __future__ import annotations

import pandas as pd

from sgw_analysis.coverage.returns import listed_groups, of_winning
from sgw_analysis.reference import Reference, municipality_codes
from sgw_analysis.requirements import LEVELS
from sgw_analysis.tables import Tables


def level_grid(tables: Tables, reference: Reference, expected: pd.DataFrame,
         returns: pd.DataFrame) -> pd.DataFrame:
    """Provinces × levels with denominators, the return's figures and its 部长群 listing."""
    rows = (expected[["province_code", "province"]]
            .merge(pd.DataFrame({"level": list(LEVELS)}), how="cross")
            .merge(_denominators(reference), on="province_code", how="left")
            .merge(returns[["province_code", "file"]], on="province_code", how="left")
            .merge(_figures(tables, returns), on=["province_code", "level"], how="left")
            .merge(_heads(tables, returns), on="province_code", how="left"))
    is_province = rows["level"] == "province"
    returned = rows["file"].notna()
    no_listing = rows["province_code"].isin(_listing_missing(tables, returns))
    heads_count = rows["heads_count"].astype("Int64")
    return rows.assign(
        returned=returned,
        applicable=~((rows["level"] == "prefecture")
                     & rows["province_code"].isin(municipality_codes())),
        listing_missing=is_province & no_listing,
        # a listing that was read and has no heads group is a real 0; no listing is unknown
        heads_count=heads_count.fillna(0).where(returned & ~no_listing),
    )


def _figures(tables: Tables, returns: pd.DataFrame) -> pd.DataFrame:
    """form_totals of the winning returns, with nullable integer figures."""
    totals = of_winning(tables.form_totals, returns)
    return totals[["province_code", "level", "groups", "contacts", "contacts_cell"]].astype(
        {"province_code": "str", "groups": "Int64", "contacts": "Int64", "contacts_cell": "str"})


def _denominators(reference: Reference) -> pd.DataFrame:
    """Prefectures, counties and schools per province, as nullable integers."""
    divisions = reference.divisions[["province_code", "prefectures", "counties"]]
    schools = reference.schools[["province_code", "schools"]]
    return divisions.merge(schools, on="province_code", how="outer").astype(
        {"province_code": "str", "prefectures": "Int64", "counties": "Int64",
         "schools": "Int64"})


def _heads(tables: Tables, returns: pd.DataFrame) -> pd.DataFrame:
    """Per province: listed heads groups, and the name and members of the largest one."""
    listed = listed_groups(tables, returns)
    heads = listed[listed["group_type"] == "prefecture_heads"]
    largest = (heads.sort_values(["province_code", "members", "row"],
                                 ascending=[True, False, True], na_position="last")
               .drop_duplicates("province_code"))
    counts = heads.groupby("province_code").size().rename("heads_count").reset_index()
    return counts.merge(
        largest[["province_code", "group_name", "members"]].rename(
            columns={"group_name": "heads_group", "members": "heads_members"}),
        on="province_code")


def _listing_missing(tables: Tables, returns: pd.DataFrame) -> set[str]:
    """Provinces whose winning return has no 省级建群情况一览 at all (Tables.listed_files)."""
    unlisted = ~returns["file"].isin(tables.listed_files)
    return set(returns.loc[unlisted, "province_code"])
