"""Which provinces are expected to return 附件2, and which of their returns counts."""

from __future__ import annotations

import pandas as pd

from sgw_analysis.reference import provinces
from sgw_analysis.requirements import Requirements
from sgw_analysis.tables import Tables

EXPECTED_COLUMNS = ["province_code", "province", "kind"]


def expected_provinces(requirements: Requirements) -> pd.DataFrame:
    """The provinces expected to return 附件2: the 31, plus 兵团 if asked for."""
    table = provinces()
    if not requirements.include_xpcc:
        table = table[table["kind"] != "xpcc"]
    return (table[EXPECTED_COLUMNS].astype("str").sort_values("province_code")
            .reset_index(drop=True))


def winning_returns(tables: Tables, expected: pd.DataFrame) -> pd.DataFrame:
    """The ingested return of each expected province: province_code, file, submitted_at."""
    subs = tables.submissions
    ingested = subs[(subs["status"] == "ingested")
                    & subs["province_code"].isin(expected["province_code"])]
    return (ingested[["province_code", "file", "submitted_at"]]
            .sort_values(["province_code", "file"])
            .drop_duplicates("province_code")
            .astype({"province_code": "str", "file": "str", "submitted_at": "str"})
            .reset_index(drop=True))


def of_winning(table: pd.DataFrame, returns: pd.DataFrame) -> pd.DataFrame:
    """The rows of a per-file table that come from a winning return."""
    return table.merge(returns[["province_code", "file"]], on=["province_code", "file"])


def listed_groups(tables: Tables, returns: pd.DataFrame) -> pd.DataFrame:
    """provincial_groups of the winning returns; a negative 人数 is unknown."""
    listed = of_winning(tables.provincial_groups, returns)
    members = listed["members"].astype("Int64")
    return listed.assign(members=members.where(members >= 0),
                         province_code=listed["province_code"].astype("str"))
