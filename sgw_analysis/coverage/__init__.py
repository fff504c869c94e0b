"""Coverage per level against the notice: tables + reference + requirements -> judged tables.

Pure pandas, no I/O. Every expected province gets a row per level, returned or not; a figure
that is missing stays empty (never 0) and is judged ``invalid``, never guessed. How each level
is judged is told in :mod:`sgw_analysis.coverage.judge`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from sgw_analysis.coverage.compare import COMPARED_COLUMNS, coverage_changes, gaps, status_counts
from sgw_analysis.coverage.corrections import (
    CHANGE_COLUMNS,
    CORRECTION_COLUMNS,
    changes_table,
    correction_findings,
)
from sgw_analysis.coverage.feedback import FEEDBACK_COLUMNS, feedback_table
from sgw_analysis.coverage.followup import FOLLOWUP_COLUMNS, followup_table
from sgw_analysis.coverage.grid import level_grid
from sgw_analysis.coverage.judge import COVERAGE_COLUMNS, coverage_table, judge_levels
from sgw_analysis.coverage.outliers import format_ratio, outlier_findings, robust_z
from sgw_analysis.coverage.returns import EXPECTED_COLUMNS, expected_provinces, winning_returns
from sgw_analysis.coverage.rollup import (
    GROUP_TYPE_COLUMNS,
    NATIONAL_COLUMNS,
    group_type_table,
    national_totals,
)
from sgw_analysis.coverage.timeliness import TIMELINESS_COLUMNS, timeliness_table
from sgw_analysis.findings import issues_frame
from sgw_analysis.reference import Reference
from sgw_analysis.requirements import Requirements
from sgw_analysis.schemas import Coverage, Followup, Issues
from sgw_analysis.tables import Tables

__all__ = [
    "CHANGE_COLUMNS",
    "COMPARED_COLUMNS",
    "CORRECTION_COLUMNS",
    "COVERAGE_COLUMNS",
    "EXPECTED_COLUMNS",
    "FEEDBACK_COLUMNS",
    "FOLLOWUP_COLUMNS",
    "GROUP_TYPE_COLUMNS",
    "NATIONAL_COLUMNS",
    "TIMELINESS_COLUMNS",
    "CoverageResult",
    "coverage",
    "coverage_changes",
    "expected_provinces",
    "format_ratio",
    "gaps",
    "robust_z",
    "status_counts",
    "winning_returns",
]


@dataclass(frozen=True)
class CoverageResult:
    """Coverage, follow-up, timeliness, national totals, group types and outliers of a round."""

    coverage: pd.DataFrame
    followup: pd.DataFrame
    timeliness: pd.DataFrame
    national: pd.DataFrame
    group_types: pd.DataFrame
    outliers: pd.DataFrame
    reference_label: str
    deadline: date
    expected: pd.DataFrame
    changes: pd.DataFrame  # what each corrected return changed (changes.csv)
    corrections: pd.DataFrame  # each finding of a corrected province: fixed, still or new
    feedback: pd.DataFrame  # per province its issue and follow-up rows, with cells (feedback/)


def coverage(tables: Tables, reference: Reference,
             requirements: Requirements = Requirements()) -> CoverageResult:
    """Judge every expected province and level against the notice's requirements."""
    expected = expected_provinces(requirements)
    returns = winning_returns(tables, expected)
    judged = judge_levels(level_grid(tables, reference, expected, returns), requirements)
    timeliness = timeliness_table(expected, returns, requirements.deadline)
    followup = Followup.validate(followup_table(judged, timeliness, requirements), lazy=True)
    outliers = Issues.validate(issues_frame(outlier_findings(judged, requirements)), lazy=True)
    all_issues = issues_frame(tables.issues, outliers)
    return CoverageResult(
        coverage=Coverage.validate(coverage_table(judged, reference.label), lazy=True),
        followup=followup,
        timeliness=timeliness,
        national=national_totals(judged),
        group_types=group_type_table(tables, expected, returns),
        outliers=outliers,
        reference_label=reference.label,
        deadline=requirements.deadline,
        expected=expected,
        changes=changes_table(tables),
        corrections=correction_findings(tables),
        feedback=feedback_table(replace(tables, issues=all_issues), followup, judged),
    )
