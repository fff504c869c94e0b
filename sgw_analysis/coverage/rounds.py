"""One round against an earlier one: per province and level, status before → after, and the
change in groups and contacts. Pure pandas over two coverage tables."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from sgw_analysis.order import by_level

PROGRESS_COLUMNS = ["province_code", "province", "level", "status_before", "status_after",
                    "groups_before", "groups_after", "groups_change", "contacts_before",
                    "contacts_after", "contacts_change", "movement"]
# how far a status is from the notice's requirement; not_applicable is never compared
STATUS_RANK = {"not_returned": 0, "invalid": 1, "none": 2, "partial": 3, "met": 4}
MOVEMENTS = ("better", "worse", "same")


@dataclass(frozen=True)
class EarlierRound:
    """What an earlier round's outputs say: its coverage table and its manifest's settings."""

    coverage: pd.DataFrame
    vintage: str | None
    requirements: dict
    folder: str


@dataclass(frozen=True)
class RoundComparison:
    """The progress table, and which settings differ from the earlier round (compared anyway)."""

    table: pd.DataFrame
    earlier_folder: str
    differences: tuple[str, ...]  # "vintage", "requirements"


def _movement(before: object, after: object) -> str:
    """better, worse or same, by the rank of the two statuses."""
    old, new = STATUS_RANK.get(str(before)), STATUS_RANK.get(str(after))
    if old is None or new is None or old == new:
        return "same"
    return "better" if new > old else "worse"


def progress_table(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """progress.csv: every province and level of either round, its status and figures in both."""
    keys = ["province_code", "province", "level"]
    old = before[[*keys, "status", "groups", "contacts"]].astype(
        {"province_code": "str", "groups": "Int64", "contacts": "Int64"})
    new = after[[*keys, "status", "groups", "contacts"]].astype(
        {"province_code": "str", "groups": "Int64", "contacts": "Int64"})
    both = old.merge(new, on=keys, how="outer", suffixes=("_before", "_after"))
    for field in ("groups", "contacts"):
        both[f"{field}_change"] = both[f"{field}_after"] - both[f"{field}_before"]
    both["movement"] = [_movement(b, a) for b, a in
                        zip(both["status_before"], both["status_after"], strict=True)]
    return by_level(both)[PROGRESS_COLUMNS]


def compare_rounds(earlier: EarlierRound, coverage: pd.DataFrame, vintage: str,
                   requirements: dict) -> RoundComparison:
    """The progress since ``earlier``, saying which of its settings differ from this round's."""
    differences = []
    if earlier.vintage is not None and earlier.vintage != vintage:
        differences.append("vintage")
    if earlier.requirements and earlier.requirements != requirements:
        differences.append("requirements")
    return RoundComparison(progress_table(earlier.coverage, coverage), earlier.folder,
                    tuple(differences))
