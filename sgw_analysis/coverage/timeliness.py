"""Whether each expected province returned by the notice's deadline, and how many days late."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

TIMELINESS_COLUMNS = ["province_code", "province", "submitted_at", "timeliness", "days_late",
                      "file"]


def timeliness_table(expected: pd.DataFrame, returns: pd.DataFrame,
                     deadline: date) -> pd.DataFrame:
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
