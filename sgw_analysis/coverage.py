"""Coverage per level against the notice: tables + reference + requirements -> judged tables.

Pure pandas, no I/O. Every expected province gets a row per level, returned or not; a figure
that is missing stays empty (never 0) and is judged ``invalid``, never guessed.

How each level is judged (thresholds from :class:`Requirements`, denominators from
:class:`Reference`):

- ``province`` (R-P-HEADS): ``units`` = 1. ``expected_groups`` = 1, the 地市级团委少年部长群;
  it is compared with the number of groups of type ``prefecture_heads`` listed in the
  winning return's 省级建群情况一览 (``group_ratio`` = listed heads groups / 1).
  ``expected_contacts`` = prefectures + ``heads_group_extra_members``; it is compared with the
  members of the largest listed heads group (``contact_ratio`` = its 人数 / expected_contacts),
  not with the form's 省级联系人数. ``groups`` and ``contacts`` still show the form's 省级
  建群数 and 联系人数. No listing at all (issue ``listing_missing``), or a heads group whose
  人数 is unknown, is ``invalid``.
- ``prefecture`` (R-PREF): ``expected_groups`` = prefectures; ``expected_contacts`` =
  per_county x counties + per_prefecture x prefectures. ``not_applicable`` for municipalities.
- ``county`` (R-CNTY): ``expected_groups`` = counties; ``expected_contacts`` =
  per_school x schools + per_county x counties; without a school figure it is empty and
  only the groups are judged.

Status, first that applies: not_applicable, not_returned, invalid (a figure of the level is
missing or negative), none (建群数 is 0), met (every computable check is met), partial.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from sgw_analysis import labels
from sgw_analysis.reference import Reference, municipality_codes, provinces
from sgw_analysis.requirements import (
    ENCOURAGED_PROVINCIAL_TYPES,
    GROUP_TYPES,
    LEVEL_RULE,
    LEVELS,
    RULES,
    Requirements,
)
from sgw_analysis.schemas import FOLLOWUP_KINDS, Coverage, Followup, Issues
from sgw_analysis.tables import ISSUE_COLUMNS, Tables

EXPECTED_COLUMNS = ["province_code", "province", "kind"]
COVERAGE_COLUMNS = ["province_code", "province", "level", "groups", "contacts", "units",
                    "expected_groups", "expected_contacts", "group_ratio", "contact_ratio",
                    "status", "reference"]
FOLLOWUP_COLUMNS = ["province_code", "province", "kind", "requirement", "detail", "file"]
TIMELINESS_COLUMNS = ["province_code", "province", "submitted_at", "timeliness", "days_late",
                      "file"]
NATIONAL_COLUMNS = ["level", "groups", "contacts", "groups_missing", "contacts_missing",
                    "provinces_expected", "provinces_returned", "provinces_met"]
GROUP_TYPE_COLUMNS = ["province_code", "province", "group_type", "groups", "members",
                      "requirement"]

_MAD_FACTOR = 0.6745
_MEAN_AD_FACTOR = 1.253314  # Iglewicz-Hoaglin fallback when the MAD is 0
# (rule, level, denominator column) of contacts / denominator
_OUTLIER_METRICS: tuple[tuple[str, str, str], ...] = (
    ("outlier_contacts_per_group", "province", "groups"),
    ("outlier_contacts_per_group", "prefecture", "groups"),
    ("outlier_contacts_per_group", "county", "groups"),
    ("outlier_contacts_per_county", "prefecture", "counties"),
    ("outlier_contacts_per_county", "county", "counties"),
    ("outlier_contacts_per_school", "county", "schools"),
)
_UNJUDGED = ("not_returned", "not_applicable")


@dataclass(frozen=True)
class CoverageResult:
    """Coverage, follow-up, timeliness, national totals, group types and outliers of a round."""

    coverage: pd.DataFrame
    followup: pd.DataFrame
    timeliness: pd.DataFrame
    national: pd.DataFrame
    group_types: pd.DataFrame
    outliers: pd.DataFrame
    reference_label: str
    deadline: date
    expected: pd.DataFrame


def coverage(tables: Tables, reference: Reference,
             requirements: Requirements = Requirements()) -> CoverageResult:
    """Judge every expected province and level against the notice's requirements."""
    expected = expected_provinces(requirements)
    returns = winning_returns(tables, expected)
    grid = _judge(_grid(tables, reference, expected, returns), requirements)
    timeliness = _timeliness(expected, returns, requirements.deadline)
    table = _coverage_table(grid, reference.label)
    followup = _followup(grid, timeliness, requirements)
    return CoverageResult(
        coverage=Coverage.validate(table, lazy=True),
        followup=Followup.validate(followup, lazy=True),
        timeliness=timeliness,
        national=_national(grid),
        group_types=_group_types(tables, expected, returns),
        outliers=Issues.validate(_outliers(grid, requirements), lazy=True),
        reference_label=reference.label,
        deadline=requirements.deadline,
        expected=expected,
    )


def expected_provinces(requirements: Requirements) -> pd.DataFrame:
    """The provinces expected to return 附件2: the 31, plus 兵团 if asked for."""
    table = provinces()
    if not requirements.include_xpcc:
        table = table[table["kind"] != "xpcc"]
    return (table[EXPECTED_COLUMNS].astype("str").sort_values("province_code")
            .reset_index(drop=True))


def winning_returns(tables: Tables, expected: pd.DataFrame) -> pd.DataFrame:
    """The ingested return of each expected province: province_code, file, submitted_at."""
    subs = tables.submissions
    ingested = subs[(subs["status"] == "ingested")
                    & subs["province_code"].isin(expected["province_code"])]
    return (ingested[["province_code", "file", "submitted_at"]]
            .sort_values(["province_code", "file"])
            .drop_duplicates("province_code")
            .astype({"province_code": "str", "file": "str", "submitted_at": "str"})
            .reset_index(drop=True))


# ------------------------------------------------------------------------- inputs per row
def _figures(tables: Tables, returns: pd.DataFrame) -> pd.DataFrame:
    """form_totals of the winning returns, with nullable integer figures."""
    totals = tables.form_totals.merge(returns[["province_code", "file"]],
                                      on=["province_code", "file"])
    return totals[["province_code", "level", "groups", "contacts", "contacts_cell"]].astype(
        {"province_code": "str", "groups": "Int64", "contacts": "Int64", "contacts_cell": "str"})


def _denominators(reference: Reference) -> pd.DataFrame:
    """Prefectures, counties and schools per province, as nullable integers."""
    divisions = reference.divisions[["province_code", "prefectures", "counties"]]
    schools = reference.schools[["province_code", "schools"]]
    return divisions.merge(schools, on="province_code", how="outer").astype(
        {"province_code": "str", "prefectures": "Int64", "counties": "Int64",
         "schools": "Int64"})


def _heads(tables: Tables, returns: pd.DataFrame) -> pd.DataFrame:
    """Per province: listed heads groups, and the name and members of the largest one."""
    listed = _listed_groups(tables, returns)
    heads = listed[listed["group_type"] == "prefecture_heads"]
    largest = (heads.sort_values(["province_code", "members", "row"],
                                 ascending=[True, False, True], na_position="last")
               .drop_duplicates("province_code"))
    counts = heads.groupby("province_code").size().rename("heads_count").reset_index()
    return counts.merge(
        largest[["province_code", "group_name", "members"]].rename(
            columns={"group_name": "heads_group", "members": "heads_members"}),
        on="province_code")


def _listed_groups(tables: Tables, returns: pd.DataFrame) -> pd.DataFrame:
    """provincial_groups of the winning returns; a negative 人数 is unknown."""
    listed = tables.provincial_groups.merge(returns[["province_code", "file"]],
                                            on=["province_code", "file"])
    members = listed["members"].astype("Int64")
    return listed.assign(members=members.where(members >= 0),
                         province_code=listed["province_code"].astype("str"))


def _listing_missing(tables: Tables, returns: pd.DataFrame) -> set[str]:
    """Provinces whose winning return has no 省级建群情况一览 at all."""
    issues = tables.issues
    hits = issues[issues["rule"] == "listing_missing"]
    hits = hits[hits["file"].isna() | hits["file"].isin(returns["file"])]
    return set(hits["province_code"].dropna()) & set(returns["province_code"])


def _grid(tables: Tables, reference: Reference, expected: pd.DataFrame,
          returns: pd.DataFrame) -> pd.DataFrame:
    """One row per expected province x level with every input its judgement needs."""
    grid = (expected[["province_code", "province"]]
            .merge(pd.DataFrame({"level": list(LEVELS)}), how="cross")
            .merge(_denominators(reference), on="province_code", how="left")
            .merge(returns[["province_code", "file"]], on="province_code", how="left")
            .merge(_figures(tables, returns), on=["province_code", "level"], how="left")
            .merge(_heads(tables, returns), on="province_code", how="left"))
    is_province = grid["level"] == "province"
    returned = grid["file"].notna()
    no_listing = grid["province_code"].isin(_listing_missing(tables, returns))
    heads_count = grid["heads_count"].astype("Int64")
    return grid.assign(
        returned=returned,
        applicable=~((grid["level"] == "prefecture")
                     & grid["province_code"].isin(municipality_codes())),
        listing_missing=is_province & no_listing,
        # a listing that was read and has no heads group is a real 0; no listing is unknown
        heads_count=heads_count.fillna(0).where(returned & ~no_listing),
    )


# ------------------------------------------------------------------------------ judging
def _judge(grid: pd.DataFrame, req: Requirements) -> pd.DataFrame:
    """Add expected minimums, the shown figures, ratios and the status to the grid."""
    level = grid["level"]
    is_province, is_prefecture = level == "province", level == "prefecture"
    pref, cnty, schools = grid["prefectures"], grid["counties"], grid["schools"]
    one = pd.Series(1, index=grid.index, dtype="Int64")
    units = one.where(is_province, pref.where(is_prefecture, cnty))
    expected_contacts = (
        (pref + req.heads_group_extra_members).where(
            is_province,
            (req.prefecture_contacts_per_county * cnty
             + req.prefecture_contacts_per_prefecture * pref).where(
                is_prefecture,
                req.county_contacts_per_school * schools + req.county_contacts_per_county * cnty)))
    groups = grid["groups"].where(grid["groups"] >= 0)
    contacts = grid["contacts"].where(grid["contacts"] >= 0)
    check_groups = grid["heads_count"].where(is_province, groups)
    check_contacts = grid["heads_members"].astype("Int64").where(is_province, contacts)
    applicable = grid["applicable"]
    judged = grid.assign(
        units=units,
        expected_groups=one.where(is_province, units).where(applicable),
        expected_contacts=expected_contacts.where(applicable),
        shown_groups=groups, shown_contacts=contacts,
        check_groups=check_groups, check_contacts=check_contacts)
    judged["status"] = _status(judged)
    judgeable = ~judged["status"].isin(_UNJUDGED)
    return judged.assign(
        group_ratio=_ratio(check_groups, judged["expected_groups"]).where(judgeable),
        contact_ratio=_ratio(check_contacts, judged["expected_contacts"]).where(judgeable))


def _status(judged: pd.DataFrame) -> pd.Series:
    """met / partial / none / invalid / not_returned / not_applicable per row."""
    def flag(series: pd.Series) -> np.ndarray:
        return series.fillna(False).to_numpy(dtype=bool)

    is_province = judged["level"] == "province"
    heads_unknown = is_province & (
        judged["listing_missing"]
        | ((judged["heads_count"] > 0) & judged["check_contacts"].isna()))
    invalid = (judged["shown_groups"].isna() | judged["shown_contacts"].isna()
               | heads_unknown)
    met = ((judged["check_groups"] >= judged["expected_groups"]).fillna(True)
           & (judged["check_contacts"] >= judged["expected_contacts"]).fillna(True))
    conditions = [~judged["applicable"], ~judged["returned"], invalid,
                  judged["shown_groups"] == 0, met]
    choices = ["not_applicable", "not_returned", "invalid", "none", "met"]
    status = np.select([flag(c) for c in conditions], choices, default="partial")
    return pd.Series(status, index=judged.index, dtype="str")


def _ratio(actual: pd.Series, expected: pd.Series) -> pd.Series:
    """actual / expected as nullable floats; empty where either is unknown or expected is 0."""
    return actual.astype("Float64") / expected.where(expected > 0).astype("Float64")


def _coverage_table(grid: pd.DataFrame, reference_label: str) -> pd.DataFrame:
    """coverage.csv: the judged grid in the columns of tables.md, sorted."""
    table = grid.assign(groups=grid["shown_groups"], contacts=grid["shown_contacts"],
                        reference=reference_label)
    return _sort_levels(table)[COVERAGE_COLUMNS]


def _sort_levels(frame: pd.DataFrame, *more: str) -> pd.DataFrame:
    """Sort by province_code, then level in the notice's order, then the given columns."""
    rank = {level: i for i, level in enumerate(LEVELS)}
    return frame.sort_values(
        ["province_code", "level", *more],
        key=lambda s: s.map(rank) if s.name == "level" else s).reset_index(drop=True)


# --------------------------------------------------------------------------- timeliness
def _timeliness(expected: pd.DataFrame, returns: pd.DataFrame, deadline: date) -> pd.DataFrame:
    """Per expected province: on_time / late / unknown / not_returned, and days late."""
    table = expected[["province_code", "province"]].merge(returns, on="province_code",
                                                           how="left")
    dates = pd.to_datetime(table["submitted_at"], format="%Y-%m-%d", errors="coerce")
    days = (dates - pd.Timestamp(deadline)).dt.days
    state = np.select(
        [table["file"].isna().to_numpy(), dates.isna().to_numpy(),
         (days > 0).fillna(False).to_numpy(dtype=bool)],
        ["not_returned", "unknown", "late"], default="on_time")
    table = table.assign(timeliness=pd.Series(state, index=table.index, dtype="str"))
    table["days_late"] = days.where(table["timeliness"] == "late").astype("Int64")
    return table[TIMELINESS_COLUMNS].astype(
        {"province_code": "str", "province": "str", "submitted_at": "str", "file": "str"})


# ----------------------------------------------------------------------------- followup
def _followup(grid: pd.DataFrame, timeliness: pd.DataFrame, req: Requirements) -> pd.DataFrame:
    """followup.csv: what to chase (催报) or have corrected (更正), one sentence each."""
    text = labels.FOLLOWUP_DETAIL
    deadline = req.deadline.isoformat()
    rows = [
        _row(t, "not_returned", "R-RETURN", text["not_returned"].format(deadline=deadline))
        for t in timeliness[timeliness["timeliness"] == "not_returned"].itertuples()]
    rows += [
        _row(t, "late", "R-ONTIME", text["late"].format(
            submitted_at=t.submitted_at, deadline=deadline, days=t.days_late))
        for t in timeliness[timeliness["timeliness"] == "late"].itertuples()]
    judged = grid[grid["status"].isin(["invalid", "none", "partial"])]
    for r in judged.itertuples():
        kind = "invalid" if r.status == "invalid" else "below_requirement"
        detail = _invalid_detail(r) if kind == "invalid" else _below_detail(r, req)
        rows.append(_row(r, kind, LEVEL_RULE[r.level], detail))
    return _sort_followup(pd.DataFrame(rows, columns=FOLLOWUP_COLUMNS))


def _row(r: object, kind: str, requirement: str, detail: str) -> dict[str, object]:
    """One followup row from a namedtuple carrying province_code, province and file."""
    file = getattr(r, "file", None)
    return {"province_code": r.province_code, "province": r.province, "kind": kind,
            "requirement": requirement, "detail": detail,
            "file": None if pd.isna(file) else file}


def _sort_followup(frame: pd.DataFrame) -> pd.DataFrame:
    """Sort by province, the kinds' order, the requirements' order, then the text."""
    kind_rank = {k: i for i, k in enumerate(FOLLOWUP_KINDS)}
    rule_rank = {r: i for i, r in enumerate(RULES)}
    ranks = {"kind": kind_rank, "requirement": rule_rank}
    return (frame.sort_values(["province_code", "kind", "requirement", "detail"],
                              key=lambda s: s.map(ranks[s.name]) if s.name in ranks else s)
            .reset_index(drop=True)
            .astype({c: "str" for c in FOLLOWUP_COLUMNS}))


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
    level = labels.LEVEL[r.level]
    if r.shown_groups == 0:
        parts = [text["groups_none"].format(level=level, expected=_num(r.expected_groups))]
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


# ----------------------------------------------------------------------------- national
def _national(grid: pd.DataFrame) -> pd.DataFrame:
    """Per level: sums over the applicable winning returns, and how many figures are missing."""
    rows = []
    for level in LEVELS:
        sub = grid[(grid["level"] == level) & grid["applicable"]]
        returned = sub["returned"]
        rows.append({
            "level": level,
            "groups": sub["shown_groups"].sum(min_count=1),
            "contacts": sub["shown_contacts"].sum(min_count=1),
            "groups_missing": int((returned & sub["shown_groups"].isna()).sum()),
            "contacts_missing": int((returned & sub["shown_contacts"].isna()).sum()),
            "provinces_expected": len(sub),
            "provinces_returned": int(returned.sum()),
            "provinces_met": int((sub["status"] == "met").sum()),
        })
    return pd.DataFrame(rows, columns=NATIONAL_COLUMNS).astype(
        {"level": "str", "groups": "Int64", "contacts": "Int64"})


# -------------------------------------------------------------------------- group types
def _group_types(tables: Tables, expected: pd.DataFrame, returns: pd.DataFrame) -> pd.DataFrame:
    """Per province and listed group type: how many groups, their members, the requirement."""
    listed = _listed_groups(tables, returns)
    # a type's members are unknown as soon as one of its groups' 人数 is unknown
    counted = (listed.groupby(["province_code", "group_type"])
               .agg(groups=("group_name", "size"),
                    members=("members", lambda m: m.sum(skipna=False)))
               .reset_index())
    table = expected[["province_code", "province"]].merge(counted, on="province_code")
    table["requirement"] = table["group_type"].map(_group_type_requirement)
    rank = {t: i for i, t in enumerate(GROUP_TYPES)}
    table = table.sort_values(["province_code", "group_type"],
                              key=lambda s: s.map(rank) if s.name == "group_type" else s)
    return table[GROUP_TYPE_COLUMNS].reset_index(drop=True).astype(
        {"province_code": "str", "province": "str", "group_type": "str", "groups": "Int64",
         "members": "Int64", "requirement": "str"})


def _group_type_requirement(group_type: str) -> str:
    """R-P-HEADS, R-P-EXT or R-OTHER (the encouraged other exchange groups) for a group type."""
    if group_type == "prefecture_heads":
        return "R-P-HEADS"
    if group_type in ENCOURAGED_PROVINCIAL_TYPES:
        return "R-P-EXT"
    return "R-OTHER"


# ----------------------------------------------------------------------------- outliers
def _outliers(grid: pd.DataFrame, req: Requirements) -> pd.DataFrame:
    """Issue rows for contacts ratios far from the other provinces' (robust z of the log)."""
    judged = grid[~grid["status"].isin(_UNJUDGED)]
    rows = []
    for rule, level, denominator in _OUTLIER_METRICS:
        sub = judged[judged["level"] == level]
        contacts = sub["shown_contacts"].astype("Float64")
        base = (sub["shown_groups"] if denominator == "groups" else sub[denominator])
        base = base.astype("Float64")
        known = (contacts > 0).fillna(False) & (base > 0).fillna(False)
        ratios = (contacts[known] / base[known]).astype(float)
        if len(ratios) < req.outlier_min_provinces:
            continue
        z = robust_z(np.log(ratios))
        for index in z.index[z.abs() > req.outlier_z]:
            others = ratios.drop(index).median()
            rows.append(_outlier_row(sub.loc[index], rule, ratios[index], others, z[index]))
    frame = pd.DataFrame(rows, columns=[*ISSUE_COLUMNS, "level"])
    return _sort_levels(frame, "rule")[ISSUE_COLUMNS].astype({c: "str" for c in ISSUE_COLUMNS})


def robust_z(values: pd.Series) -> pd.Series:
    """0.6745 (x - median) / MAD; the mean absolute deviation where the MAD is 0."""
    deviation = values - values.median()
    mad = deviation.abs().median()
    if mad > 0:
        return _MAD_FACTOR * deviation / mad
    mean_ad = deviation.abs().mean()
    if mean_ad > 0:
        return deviation / (_MEAN_AD_FACTOR * mean_ad)
    return deviation * 0.0


def _outlier_row(r: pd.Series, rule: str, value: float, median: float,
                 z: float) -> dict[str, object]:
    """One issue row (warning) naming the province's ratio and the others' median."""
    sheet, _, cell = (r["contacts_cell"] if pd.notna(r["contacts_cell"]) else "").rpartition("!")
    message = labels.OUTLIER_MESSAGE[rule].format(
        level=labels.LEVEL[r["level"]], value=format_ratio(value), median=format_ratio(median),
        direction=labels.DIRECTION["high" if z > 0 else "low"])
    return {"severity": "warning", "rule": rule, "province_code": r["province_code"],
            "province": r["province"], "file": r["file"], "sheet": sheet.strip("'") or None,
            "cell": cell or None, "value": str(r["shown_contacts"]), "message": message,
            "level": r["level"]}


def format_ratio(value: float) -> str:
    """A ratio with at most two decimals and no trailing zeros: 31.2, 3.12, 40."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


COMPARED_COLUMNS = ["units", "expected_groups", "expected_contacts", "group_ratio",
                    "contact_ratio", "status"]


def gaps(result: CoverageResult) -> pd.DataFrame:
    """The coverage rows that fall short of the notice: everything not met and not applicable."""
    shortfall = ~result.coverage["status"].isin(["met", "not_applicable"])
    return result.coverage[shortfall].reset_index(drop=True)


def status_counts(coverage_table: pd.DataFrame) -> pd.DataFrame:
    """Provinces per status (rows) and level (columns)."""
    counts = pd.crosstab(coverage_table["status"], coverage_table["level"])
    return counts.reindex(columns=[c for c in ("province", "prefecture", "county")
                                   if c in counts.columns])


def coverage_changes(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """The rows of two coverage tables that differ (another vintage or threshold), side by side."""
    keys = ["province_code", "province", "level"]
    old, new = (table.set_index(keys)[COMPARED_COLUMNS] for table in (before, after))
    changed = old.compare(new).index
    return old.loc[changed].join(new.loc[changed], suffixes=("_before", "_after")).reset_index()
