"""The figures a 情况通报 states, read from the judged tables of the same run.

Nothing here is typed: every count, sum and name comes from ``coverage``, ``timeliness``,
``national`` and ``followup`` of the report's context, so the text can never drift from
coverage.csv and followup.csv.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

import pandas as pd

from sgw_analysis.requirements import LEVEL_RULE, LEVELS

if TYPE_CHECKING:
    from sgw_analysis.context import ReportContext
    from sgw_analysis.coverage import CoverageResult

SHORT_STATUSES = ("partial", "none")  # built groups below the minimum, or none at all
Named = tuple[tuple[str, str], ...]  # (province, followup detail)


@dataclass(frozen=True)
class LevelFacts:
    """One level across the returned provinces: who meets the notice, sums, missing figures."""

    level: str
    requirement: str
    returned: int
    met: tuple[str, ...]
    short: tuple[str, ...]
    invalid: tuple[str, ...]
    not_applicable: tuple[str, ...]
    groups: int | None
    contacts: int | None
    groups_missing: int
    contacts_missing: int


@dataclass(frozen=True)
class Facts:
    """Everything the circular says, as numbers and names."""

    expected: int
    returned: int
    on_time: int
    late: tuple[tuple[str, int], ...]
    unknown: tuple[str, ...]
    not_returned: tuple[str, ...]
    levels: tuple[LevelFacts, ...]
    every_level_met: tuple[str, ...]
    shortfalls: tuple[tuple[str, Named], ...]  # requirement id → the provinces short of it
    invalid: Named
    deadline: date
    generated_at: datetime


def _names(frame: pd.DataFrame) -> tuple[str, ...]:
    """Province names of a frame, in province-code order."""
    return tuple(frame.sort_values("province_code")["province"])


def _optional(value: object) -> int | None:
    """An integer, or None where the sum is unknown."""
    return None if pd.isna(value) else int(value)


def _level_facts(result: CoverageResult, level: str) -> LevelFacts:
    """Statuses, sums and missing figures of one level."""
    rows = result.coverage[result.coverage["level"] == level]
    judged = rows[~rows["status"].isin(["not_returned", "not_applicable"])]
    national = result.national.set_index("level").loc[level]
    return LevelFacts(
        level=level, requirement=LEVEL_RULE[level], returned=len(judged),
        met=_names(judged[judged["status"] == "met"]),
        short=_names(judged[judged["status"].isin(SHORT_STATUSES)]),
        invalid=_names(judged[judged["status"] == "invalid"]),
        not_applicable=_names(rows[rows["status"] == "not_applicable"]),
        groups=_optional(national["groups"]), contacts=_optional(national["contacts"]),
        groups_missing=int(national["groups_missing"]),
        contacts_missing=int(national["contacts_missing"]))


def _every_level_met(coverage: pd.DataFrame) -> tuple[str, ...]:
    """Returned provinces whose every applicable level meets the notice."""
    applicable = coverage[coverage["status"] != "not_applicable"]
    returned = applicable[applicable["status"] != "not_returned"]
    all_met = returned.groupby("province_code")["status"].agg(lambda s: bool((s == "met").all()))
    return _names(returned[returned["province_code"].isin(all_met[all_met].index)]
                  .drop_duplicates("province_code"))


def _followup_of(followup: pd.DataFrame, kind: str) -> Named:
    """(province, detail) of the follow-up rows of a kind, in the table's order."""
    rows = followup[followup["kind"] == kind]
    return tuple(zip(rows["province"], rows["detail"], strict=True))


def _shortfalls(followup: pd.DataFrame) -> tuple[tuple[str, Named], ...]:
    """Below-requirement rows grouped by requirement, in the order of the levels."""
    below = followup[followup["kind"] == "below_requirement"]
    grouped = []
    for requirement in (LEVEL_RULE[level] for level in LEVELS):
        rows = below[below["requirement"] == requirement]
        if len(rows):
            grouped.append((requirement, tuple(zip(rows["province"], rows["detail"],
                                                   strict=True))))
    return tuple(grouped)


def circular_facts(ctx: ReportContext) -> Facts:
    """The counts, sums and names of one judged round that its circular states."""
    result = ctx.result
    timing = result.timeliness.sort_values("province_code")
    state = timing["timeliness"]
    late = timing[state == "late"]
    return Facts(
        expected=len(result.expected), returned=int((state != "not_returned").sum()),
        on_time=int((state == "on_time").sum()),
        late=tuple(zip(late["province"], (int(d) for d in late["days_late"]), strict=True)),
        unknown=_names(timing[state == "unknown"]),
        not_returned=_names(timing[state == "not_returned"]),
        levels=tuple(_level_facts(result, level) for level in LEVELS),
        every_level_met=_every_level_met(result.coverage),
        shortfalls=_shortfalls(result.followup),
        invalid=_followup_of(result.followup, "invalid"),
        deadline=result.deadline, generated_at=ctx.generated_at)
