"""Edge: an earlier round's outputs (tables/coverage.csv and manifest.json), for comparing rounds."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from sgw_analysis.coverage.rounds import EarlierRound


def read_earlier_round(out_dir: Path) -> EarlierRound:
    """The coverage table and settings an earlier ``sgw report`` wrote into ``out_dir``."""
    coverage = pd.read_csv(out_dir / "tables" / "coverage.csv", dtype={"province_code": "str"},
                           encoding="utf-8-sig")
    manifest_path = out_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text("utf-8")) if manifest_path.is_file() else {}
    return EarlierRound(coverage=coverage,
                        vintage=manifest.get("reference", {}).get("vintage"),
                        requirements=manifest.get("requirements", {}), folder=str(out_dir))
