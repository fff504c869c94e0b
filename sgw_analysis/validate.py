"""Lazy schema validation and cross-field checks of the ingested tables, as issue rows."""

from __future__ import annotations

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


def _finding(row: pd.Series, rule: str, address: object, value: str, **words: object) -> dict:
    sheet, cell = _split_address(address)
    return {"severity": "warning", "rule": rule, "province_code": row["province_code"],
            "province": row["province"], "file": row["file"], "sheet": sheet, "cell": cell,
            "value": value, "message": labels.ISSUE_MESSAGE[rule].format(**words)}


def consistency_issues(form_totals: pd.DataFrame, provincial_groups: pd.DataFrame,
                       listed_files: set[str], requirements: Requirements = Requirements(),
                       ) -> pd.DataFrame:
    """Listed groups ≠ 省级建群数, listed 人数 far from 联系人数, county groups < prefecture groups."""
    wide = form_totals.pivot(index="file", columns="level", values=["groups", "contacts"])
    cells = form_totals.pivot(index="file", columns="level", values=["groups_cell",
                                                                      "contacts_cell"])
    meta = form_totals.drop_duplicates("file").set_index("file")[["province_code", "province"]]
    listed = provincial_groups.groupby("file").agg(
        listed=("group_name", "size"), members=("members", "sum"),
        with_members=("members", "count"))
    findings = []
    for file, row in meta.iterrows():
        row = pd.concat([row, pd.Series({"file": file})])
        groups, contacts = wide.loc[file, "groups"], wide.loc[file, "contacts"]
        if file in listed_files:
            count = int(listed.loc[file, "listed"]) if file in listed.index else 0
            if pd.notna(groups["province"]) and groups["province"] != count:
                findings.append(_finding(row, "listing_count_mismatch",
                                         cells.loc[file, ("groups_cell", "province")],
                                         str(groups["province"]),
                                         groups=groups["province"], listed=count))
            members = listed.loc[file, "members"] if file in listed.index else 0
            has_members = file in listed.index and listed.loc[file, "with_members"] > 0
            if has_members and pd.notna(contacts["province"]) and contacts["province"] > 0:
                ratio = members / contacts["province"]
                if not (requirements.members_sum_ratio_low <= ratio
                        <= requirements.members_sum_ratio_high):
                    findings.append(_finding(row, "listing_members_far_from_contacts",
                                             cells.loc[file, ("contacts_cell", "province")],
                                             str(contacts["province"]),
                                             members=int(members),
                                             contacts=contacts["province"]))
        if (pd.notna(groups["county"]) and pd.notna(groups["prefecture"])
                and groups["county"] < groups["prefecture"]):
            findings.append(_finding(row, "county_groups_below_prefecture",
                                     cells.loc[file, ("groups_cell", "county")],
                                     str(groups["county"]), county=groups["county"],
                                     prefecture=groups["prefecture"]))
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
            get = (lambda col, src=source: src[col] if src is not None and col in src else None)
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
    return Tables(**checked, raw_dir=tables.raw_dir, is_demo=tables.is_demo)
