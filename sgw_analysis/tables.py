"""The four tidy tables that ingestion produces, as one small immutable object."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import pandas as pd

SUBMISSION_COLUMNS = ["file", "sha256", "province_code", "province", "status", "reason",
                      "sheet", "submitted_at"]
FORM_TOTAL_COLUMNS = ["province_code", "province", "level", "groups", "contacts", "file",
                      "groups_cell", "contacts_cell"]
PROVINCIAL_GROUP_COLUMNS = ["province_code", "province", "group_name", "composition", "members",
                            "note", "group_type", "file", "row"]
ISSUE_COLUMNS = ["severity", "rule", "province_code", "province", "file", "sheet", "cell",
                 "value", "message"]

TABLE_COLUMNS: dict[str, list[str]] = {
    "submissions": SUBMISSION_COLUMNS,
    "form_totals": FORM_TOTAL_COLUMNS,
    "provincial_groups": PROVINCIAL_GROUP_COLUMNS,
    "issues": ISSUE_COLUMNS,
}


@dataclass(frozen=True)
class Tables:
    """submissions, form_totals, provincial_groups and issues of one round (see docs/tables.md)."""

    submissions: pd.DataFrame
    form_totals: pd.DataFrame
    provincial_groups: pd.DataFrame
    issues: pd.DataFrame
    raw_dir: Path | None = None
    is_demo: bool = False  # the round is the demo generator's (示例数据)
    # the sheet each return's form was read from (file → cells model), ingested and superseded
    forms: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))
    # the superseded returns' own rows (same four tables), for what a correction changed
    earlier: Tables | None = None

    def as_dict(self) -> dict[str, pd.DataFrame]:
        """The four tables by name, in the order of docs/tables.md."""
        return {name: getattr(self, name) for name in TABLE_COLUMNS}
