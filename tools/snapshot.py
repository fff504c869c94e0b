"""Snapshot what a round produces, to prove a refactor pure: ``diff -r`` two snapshots.

    python tools/snapshot.py ROUND_DIR SNAPSHOT_DIR

Writes every table as CSV, every cell value of the summary and feedback workbooks as JSON
(sheet → A1 → value), the chase messages and every figure as plotly JSON, all made with a
fixed ``generated_at`` so that nothing differs by time.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from io import BytesIO
from pathlib import Path

import openpyxl

import sgw_analysis as sgw

GENERATED_AT = datetime(2017, 4, 20, 9, 0)


def _workbook_cells(data: bytes) -> dict[str, dict[str, object]]:
    book = openpyxl.load_workbook(BytesIO(data))
    return {ws.title: {c.coordinate: (c.value.isoformat() if hasattr(c.value, "isoformat")
                                      else c.value)
                       for row in ws.iter_rows() for c in row if c.value is not None}
            for ws in book.worksheets}


def snapshot(round_dir: Path, out: Path) -> None:
    """Write tables, workbook cells and figure JSON of ``round_dir``'s report under ``out``."""
    from sgw_analysis import charts, pipeline

    config = sgw.Config(raw_dir=round_dir, workers=1)
    judged = pipeline.judge(sgw.ingest(round_dir, workers=1), config)
    outputs = pipeline.report_outputs(judged, png=False, generated_at=GENERATED_AT)
    figures = charts.all_charts(judged.context(GENERATED_AT))
    out.mkdir(parents=True, exist_ok=True)
    for name, data in outputs.items():
        if name.startswith("tables/"):
            (out / Path(name).name).write_bytes(data)
        elif name.startswith("feedback/"):  # each province's feedback workbook, the chase texts
            feedback = out / "feedback"
            feedback.mkdir(exist_ok=True)
            if name.endswith(".xlsx"):
                (feedback / f"{Path(name).stem}.json").write_text(json.dumps(
                    _workbook_cells(data), ensure_ascii=False, indent=1, sort_keys=True,
                    default=str))
            else:
                (feedback / Path(name).name).write_bytes(data)
    cells = _workbook_cells(outputs["summary.xlsx"])
    (out / "workbook.json").write_text(json.dumps(cells, ensure_ascii=False, indent=1,
                                                  sort_keys=True, default=str))
    for key, figure in figures.items():
        (out / f"figure-{key}.json").write_text(figure.to_json())


if __name__ == "__main__":
    snapshot(Path(sys.argv[1]), Path(sys.argv[2]))
