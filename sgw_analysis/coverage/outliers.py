"""Cross-province outliers: contacts ratios far from the other provinces', as warning findings."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sgw_analysis import labels
from sgw_analysis.coverage.judge import UNJUDGED
from sgw_analysis.findings import Finding, RuleId, split_address
from sgw_analysis.requirements import Requirements

_MAD_FACTOR = 0.6745
_MEAN_AD_FACTOR = 1.253314  # Iglewicz-Hoaglin fallback when the MAD is 0
# (rule, level, denominator column) of contacts / denominator
_OUTLIER_METRICS: tuple[tuple[RuleId, str, str], ...] = (
    (RuleId.OUTLIER_CONTACTS_PER_GROUP, "province", "groups"),
    (RuleId.OUTLIER_CONTACTS_PER_GROUP, "prefecture", "groups"),
    (RuleId.OUTLIER_CONTACTS_PER_GROUP, "county", "groups"),
    (RuleId.OUTLIER_CONTACTS_PER_COUNTY, "prefecture", "counties"),
    (RuleId.OUTLIER_CONTACTS_PER_COUNTY, "county", "counties"),
    (RuleId.OUTLIER_CONTACTS_PER_SCHOOL, "county", "schools"),
)


def outlier_findings(judged: pd.DataFrame, req: Requirements) -> list[Finding]:
    """Warnings for contacts ratios far from the other provinces' (robust z of the log)."""
    rated = judged[~judged["status"].isin(UNJUDGED)]
    found = []
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
            found.append(_outlier(sub.loc[index], rule, ratios[index], others, z[index]))
    return found


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


def _outlier(r: pd.Series, rule: RuleId, value: float, median: float, z: float) -> Finding:
    """One finding at the province's contacts cell, naming its ratio and the others' median."""
    sheet, cell = split_address(r["contacts_cell"])
    words = {"level": labels.LEVEL[r["level"]], "value": format_ratio(value),
             "median": format_ratio(median),
             "direction": labels.DIRECTION["high" if z > 0 else "low"]}
    return Finding.of(rule, words=words, province_code=r["province_code"],
                      province=r["province"], file=r["file"], sheet=sheet, cell=cell,
                      value=str(r["shown_contacts"]))


def format_ratio(value: float) -> str:
    """A ratio with at most two decimals and no trailing zeros: 31.2, 3.12, 40."""
    return f"{value:.2f}".rstrip("0").rstrip(".")
