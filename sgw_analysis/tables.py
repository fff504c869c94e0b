"""The four tidy tables that ingestion produces, as one small immutable object.

Each table's columns and types are its pandera model's (:mod:`sgw_analysis.schemas`), read on
first use so that importing this module does not import pandera.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas loads with the first table made, beside the workers
    import pandas as pd


TABLE_NAMES: tuple[str, ...] = ("submissions", "form_totals", "provincial_groups", "issues")

# module attributes naming a table's columns as a list, made from its model on first use
_COLUMN_LISTS = {"SUBMISSION_COLUMNS": "submissions", "FORM_TOTAL_COLUMNS": "form_totals",
                 "PROVINCIAL_GROUP_COLUMNS": "provincial_groups", "ISSUE_COLUMNS": "issues"}


@cache
def table_types(name: str) -> Mapping[str, str]:
    """A table's columns in order with their pandas types: the model's integers as nullable Int64."""
    import pandas as pd

    from sgw_analysis.schemas import TABLE_MODELS  # pandera loads only when a table is made

    columns = TABLE_MODELS[name].to_schema().columns
    return MappingProxyType({
        column: "Int64" if pd.api.types.is_integer_dtype(spec.dtype.type) else "string"
        for column, spec in columns.items()})


def table_columns(name: str) -> list[str]:
    """A table's columns in the order of docs/tables.md, as its pandera model declares them."""
    return list(table_types(name))


def table_frame(name: str, records: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """Rows (dicts) as the named table: its columns in order, integers as Int64, text as strings."""
    import pandas as pd

    types = table_types(name)
    return pd.DataFrame.from_records(list(records), columns=list(types)).astype(types)


def missing(value: object) -> bool:
    """A table cell with no value: None, NA, NaN or NaT (never a text, however empty)."""
    import pandas as pd

    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def __getattr__(name: str) -> list[str]:
    """SUBMISSION_COLUMNS, FORM_TOTAL_COLUMNS, PROVINCIAL_GROUP_COLUMNS, ISSUE_COLUMNS (PEP 562)."""
    if name in _COLUMN_LISTS:
        return table_columns(_COLUMN_LISTS[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class Tables:
    """submissions, form_totals, provincial_groups and issues of one round (see docs/tables.md).

    ``listed_files`` are the ingested returns in which a 省级建群情况一览 was found (an empty
    one included): coverage reads the fact from here, never from the issues table.
    """

    submissions: pd.DataFrame
    form_totals: pd.DataFrame
    provincial_groups: pd.DataFrame
    issues: pd.DataFrame
    listed_files: frozenset[str]
    raw_dir: Path | None = None
    is_demo: bool = False  # the round is the demo generator's (示例数据)
    # the sheet each return's form was read from (file → cells model), ingested and superseded
    forms: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))
    # the superseded returns' own rows (same four tables), for what a correction changed
    earlier: Tables | None = None

    def as_dict(self) -> dict[str, pd.DataFrame]:
        """The four tables by name, in the order of docs/tables.md."""
        return {name: getattr(self, name) for name in TABLE_NAMES}
