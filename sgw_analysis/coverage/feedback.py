"""What to tell each province about its own return: its issue and follow-up rows, each with the
cells it is about, what the notice asks and what to send back.

One row per issue row and per follow-up row of the province, nothing else, so that the
feedback file a province receives lists exactly what the office's tables say about it. The
cells of a follow-up row are those of the figures that fall short (the level's 建群数 and/or
联系人数, or the 部长群's row of the listing); a row about the whole return names no cell.
"""

from __future__ import annotations

import pandas as pd

from sgw_analysis import labels
from sgw_analysis.findings import cell_address, split_address
from sgw_analysis.read import display_text
from sgw_analysis.requirements import LEVEL_RULE
from sgw_analysis.tables import Tables

FEEDBACK_COLUMNS = ["province_code", "province", "source", "kind", "rule", "sheet", "cells",
                    "what", "asks", "send_back", "file"]
_RULE_LEVEL = {rule: level for level, rule in LEVEL_RULE.items()}


def _level_of_cell(totals: pd.DataFrame, file: object, sheet: object, cell: object) -> str | None:
    """The level whose 建群数 or 联系人数 sits at ``sheet!cell`` of ``file``."""
    if not isinstance(cell, str):
        return None
    wanted = cell_address(sheet, cell)
    rows = totals[(totals["file"] == file)
                  & ((totals["groups_cell"] == wanted) | (totals["contacts_cell"] == wanted))]
    return None if rows.empty else str(rows["level"].iloc[0])


def _issue_rows(tables: Tables) -> list[dict]:
    """Every issue row as a feedback row: its cell, the requirement of its level."""
    rows = []
    for i in tables.issues.itertuples():
        level = _level_of_cell(tables.form_totals, i.file, i.sheet, i.cell)
        asks = (labels.REQUIREMENT[LEVEL_RULE[level]] if level else labels.FEEDBACK_ASKS_FORM)
        send_back = labels.FEEDBACK_SEND_BACK.get(i.rule, labels.FEEDBACK_SEND_BACK["issue"])
        rows.append({"province_code": i.province_code, "province": i.province,
                     "source": "issue", "kind": i.severity, "rule": i.rule,
                     "sheet": i.sheet, "cells": i.cell, "what": i.message, "asks": asks,
                     "send_back": send_back, "file": i.file})
    return rows


def _followup_cells(row: object, judged: pd.DataFrame, tables: Tables
                    ) -> tuple[str | None, list[str]]:
    """The sheet and cells a follow-up row is about; none for a return missing or late."""
    level = _RULE_LEVEL.get(row.requirement)
    if level is None or row.file is None or pd.isna(row.file):
        return None, []
    if level == "province":
        return _heads_cell(row, tables)
    match = judged[(judged["province_code"] == row.province_code) & (judged["level"] == level)]
    if match.empty:
        return None, []
    j = match.iloc[0]
    sheet, cells = None, []
    for field in ("groups", "contacts"):
        shown, expected = j[f"shown_{field}"], j[f"expected_{field}"]
        short = pd.isna(shown) or shown == 0 or (not pd.isna(expected) and shown < expected)
        if short:
            sheet, cell = split_address(j[f"{field}_cell"])
            if cell:
                cells.append(cell)
    return sheet, cells


def _heads_cell(row: object, tables: Tables) -> tuple[str | None, list[str]]:
    """The cell holding the name of the largest listed 部长群, as the form has it."""
    groups = tables.provincial_groups
    heads = groups[(groups["file"] == row.file) & (groups["group_type"] == "prefecture_heads")]
    form = tables.forms.get(row.file)
    if heads.empty or form is None:
        return None, []
    top = heads.sort_values("members", ascending=False, na_position="last").iloc[0]
    for (r, _c), cell in sorted(form.cells.items()):
        if r == top["row"] and " ".join(display_text(cell.value).split()) == top["group_name"]:
            return form.name or None, [cell.ref]
    return None, []


def to_province(detail: str) -> str:
    """A follow-up sentence said to the province itself: not "督促" (the office's word), "补齐"."""
    office = labels.FOLLOWUP_DETAIL["below_suffix"]
    if detail.endswith(office):
        return detail.removesuffix(office) + labels.FEEDBACK_BELOW_SUFFIX
    return detail


def feedback_table(tables: Tables, followup: pd.DataFrame, judged: pd.DataFrame) -> pd.DataFrame:
    """Per province, each issue and follow-up row with where it is, what is asked, what to send."""
    rows = _issue_rows(tables)
    cells_by_level = tables.form_totals[["province_code", "level", "groups_cell",
                                         "contacts_cell"]]
    judged = judged.drop(columns=["groups_cell", "contacts_cell"], errors="ignore").merge(
        cells_by_level, on=["province_code", "level"], how="left")
    for f in followup.itertuples():
        sheet, cells = _followup_cells(f, judged, tables)
        rows.append({"province_code": f.province_code, "province": f.province,
                     "source": "followup", "kind": f.kind, "rule": f.requirement,
                     "sheet": sheet, "cells": ";".join(cells) or None,
                     "what": to_province(f.detail),
                     "asks": labels.REQUIREMENT[f.requirement],
                     "send_back": labels.FEEDBACK_SEND_BACK[f.kind], "file": f.file})
    frame = pd.DataFrame(rows, columns=FEEDBACK_COLUMNS)
    frame = frame[frame["province_code"].notna()]
    return frame.sort_values(["province_code", "source", "file", "sheet", "cells"],
                             kind="stable", na_position="last").reset_index(drop=True)
