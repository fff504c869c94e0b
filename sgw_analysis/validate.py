"""Lazy schema validation and cross-field checks of the ingested tables, as issue rows."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pandera.errors as pa_errors

from sgw_analysis import labels, schemas
from sgw_analysis.requirements import Requirements
from sgw_analysis.tables import ISSUE_COLUMNS, Tables

_MODELS = {
    "submissions": schemas.Submissions,
    "form_totals": schemas.FormTotals,
    "provincial_groups": schemas.ProvincialGroups,
    "issues": schemas.Issues,
}


def _split_address(address: object) -> tuple[object, object]:
    """'Sheet1!B4' → ('Sheet1', 'B4'); a CSV's 'A4' → (None, 'A4')."""
    if not isinstance(address, str):
        return None, None
    sheet, _, cell = address.rpartition("!")
    return sheet or None, cell


def _finding(row: pd.Series, rule: str, address: object, value: object, **words: object) -> dict:
    sheet, cell = _split_address(address)
    return {"severity": "warning", "rule": rule, "province_code": row["province_code"],
            "province": row["province"], "file": row.name, "sheet": sheet, "cell": cell,
            "value": str(value), "message": labels.ISSUE_MESSAGE[rule].format(**words)}


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
                       listed_files: set[str], requirements: Requirements = Requirements(),
                       ) -> pd.DataFrame:
    """Listed groups ≠ 省级建群数, listed 人数 far from 联系人数, county groups < prefecture groups."""
    if form_totals.empty:
        return pd.DataFrame(columns=ISSUE_COLUMNS)
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
    findings = [
        *(_finding(r, "listing_count_mismatch", r["groups_cell_province"], r["groups_province"],
                   groups=r["groups_province"], listed=listed[file])
          for file, r in returns[count_off].iterrows()),
        *(_finding(r, "listing_members_far_from_contacts", r["contacts_cell_province"],
                   r["contacts_province"], members=r["members"], contacts=r["contacts_province"])
          for _, r in returns[members_off].iterrows()),
        *(_finding(r, "county_groups_below_prefecture", r["groups_cell_county"],
                   r["groups_county"], county=r["groups_county"],
                   prefecture=r["groups_prefecture"])
          for _, r in returns[county_below].iterrows()),
    ]
    return pd.DataFrame(findings, columns=ISSUE_COLUMNS)


def validate_table(name: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Validate one table lazily; failures come back as issue rows, never as an exception."""
    try:
        return _MODELS[name].validate(frame, lazy=True), pd.DataFrame(columns=ISSUE_COLUMNS)
    except pa_errors.SchemaErrors as exc:
        rows = []
        for case in exc.failure_cases.itertuples(index=False):
            index = case.index
            source = frame.loc[index] if index is not None and index in frame.index else None
            def get(col: str, src: pd.Series | None = source) -> object:
                return src[col] if src is not None and col in src else None

            check = f"{name}.{case.column or ''} {case.check}"
            rows.append({"severity": "error", "rule": "schema_violation",
                         "province_code": get("province_code"), "province": get("province"),
                         "file": get("file"), "sheet": None, "cell": None,
                         "value": None if case.failure_case is None else str(case.failure_case),
                         "message": labels.ISSUE_MESSAGE["schema_violation"].format(check=check)})
        return frame, pd.DataFrame(rows, columns=ISSUE_COLUMNS)


def validate(tables: Tables) -> Tables:
    """All four tables through their pandera models; schema failures join the issues table."""
    checked = {}
    extra = []
    for name, frame in tables.as_dict().items():
        if name == "issues":
            continue
        checked[name], failures = validate_table(name, frame)
        extra.append(failures)
    issues = pd.concat([tables.issues, *[e for e in extra if len(e)]], ignore_index=True)
    checked["issues"], failures = validate_table("issues", issues)
    if len(failures):
        checked["issues"] = pd.concat([issues, failures], ignore_index=True)
    return replace(tables, **checked)
