"""A deterministic demo round (示例数据) of 附件2 returns, with the truth of what was written.

``write_demo_round`` writes the 31 provinces' returns of one round as real inboxes hold them
(late, corrected, duplicated, messy-but-readable values, a file that is not a form) and returns
a ``DemoRound`` that says what ingestion must conclude for every file. ``write_returns`` writes
N clean-but-varied returns for a benchmark. Same seed, same bytes.
"""

from sgw_analysis.demo.benchmark import write_returns
from sgw_analysis.demo.cast import DEADLINE, MISSING
from sgw_analysis.demo.figures import log_z
from sgw_analysis.demo.formats import FORMATS
from sgw_analysis.demo.layout import DEMO_TITLE, FIELDS, FORM_TITLE, LAYOUTS, LEVELS, LISTING_TITLE
from sgw_analysis.demo.round import write_demo_round
from sgw_analysis.demo.truth import DemoFile, DemoRound

__all__ = [
    "DEADLINE",
    "DEMO_TITLE",
    "FIELDS",
    "FORMATS",
    "FORM_TITLE",
    "LAYOUTS",
    "LEVELS",
    "LISTING_TITLE",
    "MISSING",
    "DemoFile",
    "DemoRound",
    "log_z",
    "write_demo_round",
    "write_returns",
]
