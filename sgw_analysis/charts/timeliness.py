"""The expected provinces, each with how its return arrived: the rows most charts start from."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from sgw_analysis.coverage import CoverageResult


def expected_provinces(result: CoverageResult) -> pd.DataFrame:
    """Expected provinces in code order."""
    return (result.expected[["province_code", "province"]]
            .sort_values("province_code", kind="stable").reset_index(drop=True))


def province_timeliness(result: CoverageResult) -> pd.DataFrame:
    """One timeliness row per expected province; a province without one counts as not returned."""
    merged = expected_provinces(result).merge(
        result.timeliness.drop(columns="province"), on="province_code", how="left")
    merged["timeliness"] = merged["timeliness"].fillna("not_returned")
    return merged
