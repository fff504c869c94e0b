"""What a report was made from: inputs, thresholds, denominators and the hash of every output.

Pure: the caller writes the returned dict (``json.dumps(manifest, sort_keys=True)``).
No timestamps, so the same round and settings always give the same manifest.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from datetime import date
from importlib.metadata import version
from typing import TYPE_CHECKING, Any

import pandas as pd

from sgw_analysis.requirements import NOTICE

if TYPE_CHECKING:
    from sgw_analysis.context import ReportContext


def build_manifest(ctx: ReportContext, written: dict[str, bytes]) -> dict:
    """A JSON-serialisable, deterministic record of one report's inputs and outputs."""
    result, reference = ctx.result, ctx.reference
    return _sorted({
        "package": {"name": "sgw-analysis", "version": version("sgw-analysis")},
        "notice": NOTICE,
        "demo": bool(ctx.is_demo),
        "deadline": result.deadline.isoformat(),
        "requirements": _plain(asdict(ctx.requirements)),
        "reference": {"vintage": reference.vintage, "label": reference.label,
                      "schools_label": reference.schools_label},
        "inputs": _inputs(ctx.tables.submissions),
        "provinces": {
            "expected": len(result.expected),
            "returned": int((result.timeliness["timeliness"] != "not_returned").sum()),
        },
        "outputs": {path: hashlib.sha256(data).hexdigest()
                    for path, data in sorted(written.items())},
    })


def _inputs(submissions: pd.DataFrame) -> dict[str, dict[str, str | None]]:
    """Every file found under the round: its sha256, status and province, keyed by path."""
    return {
        row.file: {"sha256": row.sha256, "status": row.status,
                   "province_code": None if pd.isna(row.province_code) else row.province_code}
        for row in submissions.sort_values("file").itertuples()
    }


def _plain(value: Any) -> Any:
    """Dates as ISO strings, tuples as lists: what JSON can hold, unchanged on a round trip."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _sorted(value: Any) -> Any:
    """The same structure with every mapping's keys in sorted order."""
    if isinstance(value, dict):
        return {k: _sorted(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_sorted(v) for v in value]
    return value
