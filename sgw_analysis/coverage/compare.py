"""Analyst helpers over a coverage table: the gaps, statuses per level, changes between runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from sgw_analysis.requirements import LEVELS

if TYPE_CHECKING:
    from sgw_analysis.coverage import CoverageResult

COMPARED_COLUMNS = ["units", "expected_groups", "expected_contacts", "group_ratio",
                    "contact_ratio", "status"]


def gaps(result: CoverageResult) -> pd.DataFrame:
    """The coverage rows that fall short of the notice: everything not met and not applicable."""
    shortfall = ~result.coverage["status"].isin(["met", "not_applicable"])
    return result.coverage[shortfall].reset_index(drop=True)


def status_counts(coverage_table: pd.DataFrame) -> pd.DataFrame:
    """Provinces per status (rows) and level (columns)."""
    counts = pd.crosstab(coverage_table["status"], coverage_table["level"])
    return counts.reindex(columns=[level for level in LEVELS if level in counts.columns])


def coverage_changes(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """The rows of two coverage tables that differ (another vintage or threshold), side by side."""
    keys = ["province_code", "province", "level"]
    old, new = (table.set_index(keys)[COMPARED_COLUMNS] for table in (before, after))
    changed = old.compare(new).index
    return old.loc[changed].join(new.loc[changed], suffixes=("_before", "_after")).reset_index()
