"""Packaged denominators: provinces, divisions per vintage and school counts, with sources.

Read with ``importlib.resources`` and explicit dtypes. An analyst can point to another file of
the same shape (a later vintage) with ``Reference.load(divisions_path=...)``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # the province list is read without pandas: workers identify returns with it
    import pandas as pd

_PACKAGE_DATA = resources.files("sgw_analysis") / "reference_data"
VINTAGES: dict[str, str] = {
    "2016": "GB/T 2260（民政部县以上行政区划代码），2016年底",
    "2017": "GB/T 2260（民政部县以上行政区划代码），2017年底",
}
SCHOOLS_LABEL = "国家统计局分省年度数据：普通小学、初中学校数，2016/17学年"

_DIVISION_DTYPES = {"province_code": "string", "province": "string",
                    "prefectures": "Int64", "counties": "Int64", "source": "string"}
_SCHOOL_DTYPES = {"province_code": "string", "province": "string", "primary_schools": "Int64",
                  "junior_secondary_schools": "Int64", "year": "Int64", "source": "string"}


def _read(name_or_path: str | Path, dtypes: dict[str, str]) -> pd.DataFrame:
    """Read a packaged CSV by name, or a CSV at a path, with explicit dtypes."""
    import pandas as pd

    if isinstance(name_or_path, Path):
        return pd.read_csv(name_or_path, dtype=dtypes, encoding="utf-8-sig")
    with (_PACKAGE_DATA / name_or_path).open("rb") as fh:
        return pd.read_csv(fh, dtype=dtypes, encoding="utf-8")


class Province(NamedTuple):
    """One province-level unit as packaged: code, canonical name, short name, aliases, kind."""

    province_code: str
    province: str
    short_name: str
    aliases: tuple[str, ...]
    kind: str  # province, autonomous_region, municipality, xpcc


@cache
def province_list() -> tuple[Province, ...]:
    """The province-level units, read with the standard library (no pandas in a worker)."""
    text = (_PACKAGE_DATA / "provinces.csv").read_text(encoding="utf-8")
    return tuple(Province(row["province_code"], row["province"], row["short_name"],
                          tuple(alias for alias in row["aliases"].split("|") if alias),
                          row["kind"])
                 for row in csv.DictReader(io.StringIO(text)))


def provinces() -> pd.DataFrame:
    """The province-level units: code, canonical name, short name, aliases (``a|b``), kind."""
    import pandas as pd

    rows = [(p.province_code, p.province, p.short_name, "|".join(p.aliases) or None, p.kind)
            for p in province_list()]
    return pd.DataFrame(rows, columns=list(Province._fields)).astype("string")


@cache
def municipality_codes() -> frozenset[str]:
    """The four municipalities, which have no prefecture level."""
    return frozenset(p.province_code for p in province_list() if p.kind == "municipality")


@dataclass(frozen=True)
class Reference:
    """Denominators of one vintage: divisions (prefectures, counties) and schools per province."""

    divisions: pd.DataFrame
    schools: pd.DataFrame
    vintage: str
    label: str
    schools_label: str

    @classmethod
    def load(cls, vintage: str = "2016", divisions_path: Path | None = None,
             schools_path: Path | None = None, label: str | None = None) -> Reference:
        """Load a packaged vintage, or files of the same shape given by path."""
        if divisions_path is None and vintage not in VINTAGES:
            raise ValueError(f"unknown reference vintage {vintage!r}; packaged: {sorted(VINTAGES)}")
        divisions = _read(divisions_path or f"divisions_{vintage}.csv", _DIVISION_DTYPES)
        schools = _read(schools_path or "schools_2016.csv", _SCHOOL_DTYPES)
        schools = schools.assign(
            schools=schools["primary_schools"] + schools["junior_secondary_schools"])
        return cls(divisions=divisions, schools=schools, vintage=vintage,
                   label=label or VINTAGES.get(vintage, str(divisions_path)),
                   schools_label=SCHOOLS_LABEL)
