"""One pandera model per table of docs/tables.md: types, allowed values, ranges and keys.

The column order of each model is the column order of its table (tables.py reads it from here).
"""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from sgw_analysis.findings import RuleId, Severity
from sgw_analysis.requirements import GROUP_TYPES, JUDGED_REQUIREMENTS, LEVELS

_CODE = r"^\d{6}$"


class _Table(pa.DataFrameModel):
    """Every table: no column beyond its model's, each value coerced to its column's type."""

    class Config:
        strict = True
        coerce = True


class _OfProvince(_Table):
    """A table whose every row belongs to an identified province: its code and name come first."""

    province_code: Series[str] = pa.Field(str_matches=_CODE)
    province: Series[str]


class Submissions(_Table):
    """One row per file found under the round's folder."""

    file: Series[str] = pa.Field(unique=True)
    sha256: Series[str] = pa.Field(nullable=True, str_matches=r"^[0-9a-f]{64}$")
    province_code: Series[str] = pa.Field(nullable=True, str_matches=_CODE)
    province: Series[str] = pa.Field(nullable=True)
    status: Series[str] = pa.Field(isin=["ingested", "superseded", "rejected"])
    reason: Series[str] = pa.Field(nullable=True)
    sheet: Series[str] = pa.Field(nullable=True)
    submitted_at: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{4}-\d{2}-\d{2}$")

    @pa.dataframe_check(error="more than one ingested return for a province")
    def one_ingested_return_per_province(cls, df):
        ingested = df.loc[df["status"] == "ingested", "province_code"]
        return ~ingested.duplicated(keep=False).reindex(df.index, fill_value=False)


class FormTotals(_OfProvince):
    """One row per ingested return and level."""

    level: Series[str] = pa.Field(isin=list(LEVELS))
    groups: Series[pa.Int64] = pa.Field(nullable=True)
    contacts: Series[pa.Int64] = pa.Field(nullable=True)
    file: Series[str]
    groups_cell: Series[str] = pa.Field(nullable=True)
    contacts_cell: Series[str] = pa.Field(nullable=True)

    class Config:
        unique = ["province_code", "level"]


class ProvincialGroups(_OfProvince):
    """One row per group listed under 省级建群情况一览."""

    group_name: Series[str] = pa.Field(str_length={"min_value": 1})
    composition: Series[str] = pa.Field(nullable=True)
    members: Series[pa.Int64] = pa.Field(nullable=True)  # a negative is kept and flagged
    note: Series[str] = pa.Field(nullable=True)
    group_type: Series[str] = pa.Field(isin=list(GROUP_TYPES))
    file: Series[str]
    row: Series[pa.Int64] = pa.Field(ge=1)


class Issues(_Table):
    """One row per finding."""

    severity: Series[str] = pa.Field(isin=[s.value for s in Severity])
    rule: Series[str] = pa.Field(isin=[r.value for r in RuleId])  # registered in findings.RULES
    province_code: Series[str] = pa.Field(nullable=True, str_matches=_CODE)
    province: Series[str] = pa.Field(nullable=True)
    file: Series[str] = pa.Field(nullable=True)
    sheet: Series[str] = pa.Field(nullable=True)
    cell: Series[str] = pa.Field(nullable=True)
    value: Series[str] = pa.Field(nullable=True)
    message: Series[str] = pa.Field(str_length={"min_value": 1})


# ---- coverage
COVERAGE_STATUSES = ["met", "partial", "none", "invalid", "not_returned", "not_applicable"]
FOLLOWUP_KINDS = ["not_returned", "late", "invalid", "below_requirement"]


class Coverage(_OfProvince):
    """One row per expected province and level, judged against the notice."""

    level: Series[str] = pa.Field(isin=list(LEVELS))
    groups: Series[pa.Int64] = pa.Field(nullable=True, ge=0)
    contacts: Series[pa.Int64] = pa.Field(nullable=True, ge=0)
    units: Series[pa.Int64] = pa.Field(nullable=True, ge=0)
    expected_groups: Series[pa.Int64] = pa.Field(nullable=True, ge=0)
    expected_contacts: Series[pa.Int64] = pa.Field(nullable=True, ge=0)
    group_ratio: Series[pa.Float64] = pa.Field(nullable=True, ge=0)
    contact_ratio: Series[pa.Float64] = pa.Field(nullable=True, ge=0)
    status: Series[str] = pa.Field(isin=COVERAGE_STATUSES)
    reference: Series[str] = pa.Field(str_length={"min_value": 1})

    @pa.dataframe_check(error="not_returned or not_applicable row carries a ratio")
    def no_ratio_without_judgement(cls, df):
        unjudged = df["status"].isin(["not_returned", "not_applicable"])
        return ~unjudged | (df["group_ratio"].isna() & df["contact_ratio"].isna())

    @pa.dataframe_check(error="not_applicable outside the prefecture level")
    def not_applicable_only_for_prefecture(cls, df):
        return (df["status"] != "not_applicable") | (df["level"] == "prefecture")

    class Config:
        unique = ("province_code", "level")


class Followup(_OfProvince):
    """One row per thing the office should chase (催报/更正)."""

    kind: Series[str] = pa.Field(isin=FOLLOWUP_KINDS)
    requirement: Series[str] = pa.Field(isin=list(JUDGED_REQUIREMENTS))
    detail: Series[str] = pa.Field(str_length={"min_value": 1})
    file: Series[str] = pa.Field(nullable=True)

    @pa.dataframe_check(error="a not_returned row names a file, or another row names none")
    def file_only_for_returns(cls, df):
        return (df["kind"] == "not_returned") == df["file"].isna()


# the ingestion tables by name, in the order of docs/tables.md
TABLE_MODELS: dict[str, type[_Table]] = {
    "submissions": Submissions,
    "form_totals": FormTotals,
    "provincial_groups": ProvincialGroups,
    "issues": Issues,
}
