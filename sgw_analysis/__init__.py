"""sgw-analysis: consolidate and judge the 附件2 returns of notice 中少办发〔2017〕4号."""

from sgw_analysis.config import Config
from sgw_analysis.pipeline import ingest
from sgw_analysis.tables import Tables

__all__ = ["Config", "Tables", "ingest"]
__version__ = "0.1.0"
