"""sgw-analysis: consolidate and judge the 附件2 returns of notice 中少办发〔2017〕4号."""

from importlib.metadata import version

from sgw_analysis.config import Config
from sgw_analysis.pipeline import Report, ingest, judge, report
from sgw_analysis.tables import Tables

__all__ = ["Config", "Report", "Tables", "ingest", "judge", "report"]
__version__ = version("sgw-analysis")
