"""The truth of a written demo round: what ingestion must conclude for every file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DemoFile:
    """The truth of one written file: where it is and what ingestion must conclude."""

    path: str  # relative to the round folder, '/'-separated
    expect: str  # 'ingested', 'superseded' or 'rejected'
    province_code: str | None
    province: str | None
    submitted_at: str | None  # ISO date from 填报日期 or the file name
    totals: dict[str, dict[str, int | None]]  # level -> {'groups', 'contacts'}; None: not a number
    groups: tuple[tuple[str, int], ...]  # listed provincial groups: (群名称, 人数)
    sheet: str | None  # sheet holding the form; None for CSV and non-forms
    cells: dict[str, dict[str, str]]  # level -> field -> A1 address where the value was written
    layout: str | None  # one of LAYOUTS; None for non-forms
    file_format: str  # one of FORMATS
    superseded_by: str | None = None  # the path of the return that wins instead
    same_bytes_as: str | None = None  # a byte-identical copy: either one may win
    variations: tuple[str, ...] = ()  # what the file exercises


@dataclass(frozen=True)
class DemoRound:
    """Ground truth of one written demo round."""

    folder: Path
    seed: int
    deadline: str
    files: tuple[DemoFile, ...]
    missing: tuple[str, ...]  # province codes that returned nothing

    @property
    def returned(self) -> tuple[str, ...]:
        """Province codes with an ingested return, sorted."""
        return tuple(sorted({f.province_code for f in self.files
                             if f.expect == "ingested" and f.province_code}))

    def file(self, path: str) -> DemoFile:
        """The truth of one file by its relative path."""
        for item in self.files:
            if item.path == path:
                return item
        raise KeyError(path)

    def winner(self, province_code: str) -> DemoFile:
        """The return of a province that ingestion must keep."""
        for item in self.files:
            if item.province_code == province_code and item.expect == "ingested":
                return item
        raise KeyError(province_code)
