"""The first cell of every analyst notebook: pandas display options and the round's folder.

Not imported by ``import sgw_analysis``; a notebook does
``from sgw_analysis.notebook import notebook_setup``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sgw_analysis.config import Config

# wide Chinese tables shown whole: every province (31 × 3 rows) and every column of a table
DISPLAY_OPTIONS = {"display.max_rows": 200, "display.max_columns": 30, "display.max_colwidth": 80}
DEMO_FOLDER = Config().raw_dir.name  # the default round: the demo round (示例数据)


def notebook_setup(raw_dir: str | Path) -> Path:
    """Set pandas display options and return the round's folder as a Path.

    When that folder is the demo round's and does not exist yet, the demo round is written into
    it first (as `make demo` does): it is generated on demand and never committed.
    """
    for option, value in DISPLAY_OPTIONS.items():
        pd.set_option(option, value)
    raw_path = Path(raw_dir)
    if not raw_path.exists() and raw_path.name == DEMO_FOLDER:
        from sgw_analysis.demo import write_demo_round

        write_demo_round(raw_path)
    return raw_path
