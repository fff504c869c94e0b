"""sgw-analysis: consolidate and judge the 附件2 returns of notice 中少办发〔2017〕4号.

The public names load on first use (PEP 562), so ``import sgw_analysis`` and the ``sgw``
command's start stay light: pandas, pandera and plotly load only when a stage needs them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sgw_analysis import charts, labels
    from sgw_analysis.config import Config
    from sgw_analysis.coverage import coverage_changes, gaps, status_counts
    from sgw_analysis.notebook import notebook_setup
    from sgw_analysis.pipeline import (
        Report,
        ingest,
        judge,
        province_detail,
        report,
        report_outputs,
    )
    from sgw_analysis.read import cell_context
    from sgw_analysis.requirements import Requirements
    from sgw_analysis.tables import Tables
    from sgw_analysis.write import table_outputs, write_outputs

# the one path (ingest → judge → report_outputs → write_outputs) and what the notebooks use
_HOME = {
    "Config": "sgw_analysis.config", "Requirements": "sgw_analysis.requirements",
    "Tables": "sgw_analysis.tables", "Report": "sgw_analysis.pipeline",
    "ingest": "sgw_analysis.pipeline", "judge": "sgw_analysis.pipeline",
    "report": "sgw_analysis.pipeline", "report_outputs": "sgw_analysis.pipeline",
    "province_detail": "sgw_analysis.pipeline", "table_outputs": "sgw_analysis.write",
    "write_outputs": "sgw_analysis.write", "cell_context": "sgw_analysis.read",
    "gaps": "sgw_analysis.coverage", "status_counts": "sgw_analysis.coverage",
    "coverage_changes": "sgw_analysis.coverage", "notebook_setup": "sgw_analysis.notebook",
}
_MODULES = ("charts", "labels")  # whole modules: sgw.charts.all_charts(...), sgw.labels.LEVEL
__all__ = [
    "Config", "Report", "Requirements", "Tables", "cell_context", "charts", "coverage_changes",
    "gaps", "ingest", "judge", "labels", "notebook_setup", "province_detail", "report",
    "report_outputs", "status_counts", "table_outputs", "write_outputs",
]


def __getattr__(name: str) -> Any:
    """Load a public name (or ``__version__``) from its module on first access."""
    if name == "__version__":
        from importlib.metadata import version

        value = version("sgw-analysis")
    elif name in _HOME:
        value = getattr(import_module(_HOME[name]), name)
    elif name in _MODULES:
        value = import_module(f"{__name__}.{name}")
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # later accesses skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__, "__version__"])
