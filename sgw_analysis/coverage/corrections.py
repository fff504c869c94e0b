"""What a corrected return changed: the values before and after, and the fate of each finding.

A province's return superseded by a later version of its own (not a byte-identical copy) is
compared with the version that won: every total, every listed group and the 填报日期 that
differ (``changes``), and each finding of either version as fixed, still there or new
(``corrections``). Pure pandas over the tables; the superseded rows are ``tables.earlier``.
"""

from __future__ import annotations

import pandas as pd

from sgw_analysis.findings import cell_address
from sgw_analysis.read import parse_ref
from sgw_analysis.requirements import LEVELS
from sgw_analysis.tables import Tables, missing

CHANGE_COLUMNS = ["province_code", "province", "level_or_group", "field", "before", "after",
                  "before_file", "after_file"]
CORRECTION_COLUMNS = ["province_code", "province", "status", "rule", "before_cell",
                      "after_cell", "message", "before_file", "after_file"]
CORRECTION_STATUSES = ("fixed", "still", "new")
GROUP_FIELDS = ("composition", "members", "note")


def correction_pairs(tables: Tables) -> pd.DataFrame:
    """Each superseded version that differs from its province's winner: before and after file."""
    subs = tables.submissions
    winners = subs[subs["status"] == "ingested"].drop_duplicates("province_code")
    winners = winners.set_index("province_code")
    rows = []
    for old in subs[subs["status"] == "superseded"].itertuples():
        if old.province_code not in winners.index:
            continue
        after = winners.loc[old.province_code]
        if (subs["sha256"] == old.sha256).sum() > 1:
            continue  # a byte-identical copy changed nothing
        rows.append({"province_code": old.province_code, "province": old.province,
                     "before_file": old.file, "after_file": after["file"],
                     "before_date": old.submitted_at, "after_date": after["submitted_at"]})
    return pd.DataFrame(rows, columns=["province_code", "province", "before_file", "after_file",
                                       "before_date", "after_date"])


def _text(value: object) -> str | None:
    """A value as the changes table shows it; None where it is missing."""
    if missing(value):
        return None
    return str(value)


def _pair_changes(pair: object, before: Tables, after: Tables) -> list[dict]:
    """The totals, groups and date that differ between one pair of versions."""
    found: list[tuple[str, str, object, object]] = []
    if _text(pair.before_date) != _text(pair.after_date):
        found.append(("form", "submitted_at", pair.before_date, pair.after_date))
    old_totals = before.form_totals[before.form_totals["file"] == pair.before_file]
    new_totals = after.form_totals[after.form_totals["file"] == pair.after_file]
    old_totals, new_totals = (t.set_index("level") for t in (old_totals, new_totals))
    for level in LEVELS:
        for field in ("groups", "contacts"):
            old = old_totals[field].get(level) if level in old_totals.index else None
            new = new_totals[field].get(level) if level in new_totals.index else None
            if _text(old) != _text(new):
                found.append((level, field, old, new))
    old_groups = _groups(before, pair.before_file)
    new_groups = _groups(after, pair.after_file)
    for name in sorted(old_groups.keys() | new_groups.keys()):
        if name not in new_groups or name not in old_groups:
            found.append((name, "group", name if name in old_groups else None,
                          name if name in new_groups else None))
            continue
        found += [(name, field, old_groups[name][field], new_groups[name][field])
                  for field in GROUP_FIELDS
                  if _text(old_groups[name][field]) != _text(new_groups[name][field])]
    return [{"province_code": pair.province_code, "province": pair.province,
             "level_or_group": subject, "field": field, "before": _text(old),
             "after": _text(new), "before_file": pair.before_file, "after_file": pair.after_file}
            for subject, field, old, new in found]


def _groups(tables: Tables, file: str) -> dict[str, dict[str, object]]:
    """A version's listed groups by name (the first row of a repeated name)."""
    rows = tables.provincial_groups[tables.provincial_groups["file"] == file]
    return {r.group_name: {f: getattr(r, f) for f in GROUP_FIELDS}
            for r in rows.drop_duplicates("group_name").itertuples()}


def changes_table(tables: Tables) -> pd.DataFrame:
    """changes.csv: one row per value a correction changed."""
    earlier = tables.earlier
    rows = []
    if earlier is not None:
        for pair in correction_pairs(tables).itertuples():
            rows += _pair_changes(pair, earlier, tables)
    frame = pd.DataFrame(rows, columns=CHANGE_COLUMNS)
    return frame.sort_values("province_code", kind="stable", ignore_index=True).astype("string")


def _anchor(issue: object, tables: Tables) -> str:
    """What a finding is about, the same in both versions: a level's field, a group, or the rule."""
    cell = _text(issue.cell)
    totals = tables.form_totals[tables.form_totals["file"] == issue.file]
    for r in totals.itertuples():
        for field in ("groups", "contacts"):
            if cell and _text(getattr(r, f"{field}_cell")) in (cell, cell_address(issue.sheet, cell)):
                return f"{r.level}:{field}"
    if cell and not cell.startswith("x="):  # a document's place (an image region) has no row
        row = parse_ref(cell)[0]
        listed = tables.provincial_groups[(tables.provincial_groups["file"] == issue.file)
                                          & (tables.provincial_groups["row"] == row)]
        if len(listed):
            return f"group:{listed['group_name'].iloc[0]}"
    return _text(issue.message) or ""


def _keyed(issues: pd.DataFrame, tables: Tables) -> dict[tuple[str, str], object]:
    return {(i.rule, _anchor(i, tables)): i for i in issues.itertuples()}


def correction_findings(tables: Tables) -> pd.DataFrame:
    """Each finding of a corrected province's two versions: fixed, still there, or new."""
    earlier = tables.earlier
    rows = []
    for pair in (correction_pairs(tables).itertuples() if earlier is not None else ()):
        old = _keyed(earlier.issues[earlier.issues["file"] == pair.before_file], earlier)
        new = _keyed(tables.issues[tables.issues["file"] == pair.after_file], tables)
        for key in sorted(old.keys() | new.keys()):
            status = "still" if key in old and key in new else "fixed" if key in old else "new"
            before, after = old.get(key), new.get(key)
            rows.append({"province_code": pair.province_code, "province": pair.province,
                         "status": status, "rule": key[0],
                         "before_cell": _text(before.cell) if before else None,
                         "after_cell": _text(after.cell) if after else None,
                         "message": (after or before).message,
                         "before_file": pair.before_file, "after_file": pair.after_file})
    frame = pd.DataFrame(rows, columns=CORRECTION_COLUMNS)
    order = frame["status"].map({s: i for i, s in enumerate(CORRECTION_STATUSES)})
    return (frame.assign(order=order).sort_values(["province_code", "order", "rule"],
                                                  kind="stable")
            .drop(columns="order").reset_index(drop=True).astype("string"))
