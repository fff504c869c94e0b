"""The top-level package names the one path and what the notebooks use, each loadable."""

from __future__ import annotations

import sgw_analysis as sgw
from sgw_analysis import pipeline, write


def test_every_public_name_resolves_to_the_library_function():
    assert sorted(sgw.__all__) == sorted([*sgw._HOME, *sgw._MODULES])
    assert sgw.ingest is pipeline.ingest and sgw.judge is pipeline.judge
    assert sgw.report_outputs is pipeline.report_outputs
    assert sgw.write_outputs is write.write_outputs
    assert callable(sgw.charts.all_charts) and sgw.labels.LEVEL["county"] == "区县级"


def test_the_names_the_notebooks_use_are_public():
    used = {"ingest", "judge", "report", "Config", "report_outputs", "province_detail",
            "cell_context", "gaps", "status_counts", "coverage_changes", "notebook_setup",
            "table_outputs", "write_outputs", "charts", "labels", "Requirements"}
    assert used <= set(sgw.__all__)
