"""Sorting in the notice's order: levels, follow-up kinds, rules and group types by rank."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from sgw_analysis.requirements import LEVELS

if TYPE_CHECKING:  # annotations only
    import pandas as pd


def in_order(frame: pd.DataFrame, by: Sequence[str],
             orders: Mapping[str, Iterable[str]]) -> pd.DataFrame:
    """Sort by the columns ``by``; those named in ``orders`` by their rank in it, not the alphabet."""
    ranks = {column: {value: i for i, value in enumerate(order)}
             for column, order in orders.items()}
    return frame.sort_values(
        list(by), key=lambda s: s.map(ranks[s.name]) if s.name in ranks else s
    ).reset_index(drop=True)


def by_level(frame: pd.DataFrame, *more: str) -> pd.DataFrame:
    """Sort by province_code, then level in the notice's order, then the given columns."""
    return in_order(frame, ["province_code", "level", *more], {"level": LEVELS})
