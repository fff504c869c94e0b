"""The follow-up list: what to chase (催报) or have corrected (更正), one Chinese sentence each."""

from __future__ import annotations

import pandas as pd

from sgw_analysis import labels
from sgw_analysis.order import in_order
from sgw_analysis.requirements import LEVEL_RULE, RULES, Requirements
from sgw_analysis.schemas import FOLLOWUP_KINDS

FOLLOWUP_COLUMNS = ["province_code", "province", "kind", "requirement", "detail", "file"]


def followup_table(judged: pd.DataFrame, timeliness: pd.DataFrame,
                   req: Requirements) -> pd.DataFrame:
    """followup.csv: returns missing or late, and levels invalid or below the requirement."""
    text = labels.FOLLOWUP_DETAIL
    deadline = req.deadline.isoformat()
    rows = [
        _row(t, "not_returned", "R-RETURN", text["not_returned"].format(deadline=deadline))
        for t in timeliness[timeliness["timeliness"] == "not_returned"].itertuples()]
    rows += [
        _row(t, "late", "R-ONTIME", text["late"].format(
            submitted_at=t.submitted_at, deadline=deadline, days=t.days_late))
        for t in timeliness[timeliness["timeliness"] == "late"].itertuples()]
    for r in judged[judged["status"].isin(["invalid", "none", "partial"])].itertuples():
        kind = "invalid" if r.status == "invalid" else "below_requirement"
        detail = _invalid_detail(r) if kind == "invalid" else _below_detail(r, req)
        rows.append(_row(r, kind, LEVEL_RULE[r.level], detail))
    frame = pd.DataFrame(rows, columns=FOLLOWUP_COLUMNS)
    return (in_order(frame, ["province_code", "kind", "requirement", "detail"],
                     {"kind": FOLLOWUP_KINDS, "requirement": RULES})
            .astype({c: "str" for c in FOLLOWUP_COLUMNS}))


def _row(r: object, kind: str, requirement: str, detail: str) -> dict[str, object]:
    """One followup row from a namedtuple carrying province_code, province and file."""
    file = getattr(r, "file", None)
    return {"province_code": r.province_code, "province": r.province, "kind": kind,
            "requirement": requirement, "detail": detail,
            "file": None if pd.isna(file) else file}


def _num(value: object) -> str:
    """An integer for a sentence; 未知 where it is unknown."""
    return labels.UNKNOWN_NUMBER if pd.isna(value) else str(int(value))


def _invalid_detail(r: object) -> str:
    """Why a level cannot be judged: which figure is missing or negative, or the listing."""
    text = labels.FOLLOWUP_DETAIL
    level = labels.LEVEL[r.level]
    parts = []
    for field in ("groups", "contacts"):
        raw = getattr(r, field)
        name = labels.FIELD[field]
        if pd.isna(raw):
            parts.append(text["value_missing"].format(level=level, field=name))
        elif raw < 0:
            parts.append(text["value_negative"].format(level=level, field=name, value=raw))
    sentences = ["；".join(parts) + text["invalid_suffix"]] if parts else []
    if r.level == "province" and r.listing_missing:
        sentences.append(text["listing_missing"].format(prefectures=_num(r.prefectures)))
    elif r.level == "province" and r.check_groups > 0 and pd.isna(r.check_contacts):
        sentences.append(text["heads_members_missing"].format(
            group=r.heads_group, prefectures=_num(r.prefectures)))
    return "；".join(sentences)


def _below_detail(r: object, req: Requirements) -> str:
    """What is short of the requirement at a level, with the numbers."""
    text = labels.FOLLOWUP_DETAIL
    if r.shown_groups == 0:
        parts = [text["groups_none"].format(level=labels.LEVEL[r.level],
                                            expected=_num(r.expected_groups))]
    elif r.level == "province":
        parts = [_heads_shortfall(r, req)]
    else:
        parts = _level_shortfall(r, req)
    return "；".join(parts) + text["below_suffix"]


def _heads_shortfall(r: object, req: Requirements) -> str:
    """The 部长群 is not listed, or has fewer members than prefectures + the office."""
    text = labels.FOLLOWUP_DETAIL
    if r.check_groups == 0:
        return text["heads_missing"].format(expected=_num(r.expected_contacts))
    return text["heads_below"].format(
        group=r.heads_group, members=_num(r.check_contacts), expected=_num(r.expected_contacts),
        prefectures=_num(r.prefectures), extra=req.heads_group_extra_members)


def _level_shortfall(r: object, req: Requirements) -> list[str]:
    """Groups and contacts short of the prefecture or county minimum."""
    text = labels.FOLLOWUP_DETAIL
    level = labels.LEVEL[r.level]
    parts = []
    if _below(r.check_groups, r.expected_groups):
        parts.append(text["groups_below"].format(
            level=level, actual=_num(r.check_groups), expected=_num(r.expected_groups),
            units=_num(r.units), unit=labels.UNIT[r.level]))
    if _below(r.check_contacts, r.expected_contacts):
        numbers = {"level": level, "actual": _num(r.check_contacts),
                   "expected": _num(r.expected_contacts), "counties": _num(r.counties),
                   "prefectures": _num(r.prefectures), "schools": _num(r.schools)}
        if r.level == "prefecture":
            parts.append(text["contacts_below_prefecture"].format(
                per_county=req.prefecture_contacts_per_county,
                per_prefecture=req.prefecture_contacts_per_prefecture, **numbers))
        else:
            parts.append(text["contacts_below_county"].format(
                per_school=req.county_contacts_per_school,
                per_county=req.county_contacts_per_county, **numbers))
    return parts


def _below(actual: object, expected: object) -> bool:
    """actual < expected where both are known."""
    return not (pd.isna(actual) or pd.isna(expected)) and actual < expected
