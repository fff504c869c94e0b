"""Cross-province outliers: contacts ratios far from the other provinces', as warning issues."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sgw_analysis import labels
from sgw_analysis.coverage.judge import UNJUDGED
from sgw_analysis.coverage.order import by_level
from sgw_analysis.requirements import Requirements
from sgw_analysis.tables import ISSUE_COLUMNS

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


def outlier_issues(judged: pd.DataFrame, req: Requirements) -> pd.DataFrame:
    """Issue rows for contacts ratios far from the other provinces' (robust z of the log)."""
    rated = judged[~judged["status"].isin(UNJUDGED)]
    rows = []
    for rule, level, denominator in _OUTLIER_METRICS:
        sub = rated[rated["level"] == level]
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
    return by_level(frame, "rule")[ISSUE_COLUMNS].astype({c: "str" for c in ISSUE_COLUMNS})


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
