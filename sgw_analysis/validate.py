"""Lazy schema validation and cross-field checks of the ingested tables, as findings."""

from __future__ import annotations

from collections.abc import Set
from dataclasses import replace

import pandas as pd
import pandera.errors as pa_errors

from sgw_analysis.findings import Finding, RuleId, issues_frame, split_address
from sgw_analysis.requirements import Requirements
from sgw_analysis.schemas import TABLE_MODELS
from sgw_analysis.tables import Tables, missing, table_frame


def _finding(row: pd.Series, rule: RuleId, address: object, value: object,
             **words: object) -> Finding:
    """A finding about one return (a row of _per_return) at the cell ``address`` names."""
    sheet, cell = split_address(address)
    return Finding.of(rule, words=words, province_code=row["province_code"],
                      province=row["province"], file=row.name, sheet=sheet, cell=cell,
                      value=str(value))


def _per_return(form_totals: pd.DataFrame, provincial_groups: pd.DataFrame) -> pd.DataFrame:
    """One row per return: each level's figures and cells side by side, and its listing."""
    figures = form_totals.pivot(index="file", columns="level", values=["groups", "contacts"])
    cells = form_totals.pivot(index="file", columns="level",
                              values=["groups_cell", "contacts_cell"])
    wide = figures.astype("Int64").join(cells)
    wide.columns = [f"{field}_{level}" for field, level in wide.columns]
    meta = form_totals.drop_duplicates("file").set_index("file")[["province_code", "province"]]
    listed = provincial_groups.groupby("file").agg(
        listed=("group_name", "size"), members=("members", lambda m: m.sum(min_count=1)))
    return meta.join(wide).join(listed)


def consistency_issues(form_totals: pd.DataFrame, provincial_groups: pd.DataFrame,
                       listed_files: Set[str], requirements: Requirements = Requirements(),
                       ) -> list[Finding]:
    """Listed groups ≠ 省级建群数, listed 人数 far from 联系人数, county groups < prefecture groups."""
    if form_totals.empty:
        return []
    returns = _per_return(form_totals, provincial_groups)
    has_listing = returns.index.isin(list(listed_files))
    listed = returns["listed"].fillna(0).astype("Int64")
    count_off = has_listing & returns["groups_province"].notna() & (
        returns["groups_province"] != listed).fillna(False)
    ratio = returns["members"].astype("Float64") / returns["contacts_province"].where(
        returns["contacts_province"] > 0).astype("Float64")
    members_off = has_listing & ratio.notna() & ~ratio.between(
        requirements.members_sum_ratio_low, requirements.members_sum_ratio_high).fillna(True)
    county_below = (returns["groups_county"] < returns["groups_prefecture"]).fillna(False)
    return [
        *(_finding(r, RuleId.LISTING_COUNT_MISMATCH, r["groups_cell_province"],
                   r["groups_province"], groups=r["groups_province"], listed=listed[file])
          for file, r in returns[count_off].iterrows()),
        *(_finding(r, RuleId.LISTING_MEMBERS_FAR_FROM_CONTACTS, r["contacts_cell_province"],
                   r["contacts_province"], members=r["members"], contacts=r["contacts_province"])
          for _, r in returns[members_off].iterrows()),
        *(_finding(r, RuleId.COUNTY_GROUPS_BELOW_PREFECTURE, r["groups_cell_county"],
                   r["groups_county"], county=r["groups_county"],
                   prefecture=r["groups_prefecture"])
          for _, r in returns[county_below].iterrows()),
    ]


def validate_table(name: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, list[Finding]]:
    """Validate one table lazily; failures come back as findings, never as an exception."""
    try:
        return TABLE_MODELS[name].validate(frame, lazy=True), []
    except pa_errors.SchemaErrors as exc:
        return frame, [_schema_finding(name, frame, case)
                       for case in exc.failure_cases.itertuples(index=False)]


def _schema_finding(name: str, frame: pd.DataFrame, case: object) -> Finding:
    """One failure case of a table's model, naming the row's province and file where it has one."""
    index = case.index
    source = frame.loc[index] if index is not None and index in frame.index else None

    def get(column: str) -> str | None:
        value = source[column] if source is not None and column in source else None
        return None if missing(value) else str(value)

    check = f"{name}.{case.column or ''} {case.check}"
    return Finding.of(RuleId.SCHEMA_VIOLATION, words={"check": check},
                      province_code=get("province_code"), province=get("province"),
                      file=get("file"),
                      value=None if case.failure_case is None else str(case.failure_case))


def prepare() -> None:
    """Validate an empty frame of each table: pandera loads its backends and checks on first use
    (0.1-0.3 s), which ``ingest`` lets happen in a thread while the workers examine the files."""
    for name in TABLE_MODELS:
        validate_table(name, table_frame(name, ()))


def validate(tables: Tables) -> Tables:
    """All four tables through their pandera models; schema failures join the issues table."""
    checked, failures = {}, []
    for name, frame in tables.as_dict().items():
        if name != "issues":
            checked[name], found = validate_table(name, frame)
            failures += found
    issues, found = validate_table("issues", issues_frame(tables.issues, failures))
    return replace(tables, **checked, issues=issues_frame(issues, found))
