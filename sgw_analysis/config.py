"""Settings of a run, with defaults; nothing runs at import."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sgw_analysis.requirements import Requirements


@dataclass(frozen=True)
class Config:
    """Where a round is, where outputs go, which denominators and rules judge it."""

    raw_dir: Path = Path("raw_submissions/demo-2017")
    out_dir: Path = Path("outputs")
    reference_vintage: str = "2016"
    divisions_path: Path | None = None  # a divisions CSV of the packaged shape, for another vintage
    requirements: Requirements = field(default_factory=Requirements)
    previous_dir: Path | None = None  # an earlier round's outputs, to compare with (--previous)
    workers: int | None = None  # processes for reading; None: all cores for large rounds
