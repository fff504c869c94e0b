"""sgw-analysis: consolidate and judge the 附件2 returns of notice 中少办发〔2017〕4号.

The public names load on first use (PEP 562), so ``import sgw_analysis`` and the ``sgw``
command's start stay light: pandas, pandera and plotly load only when a stage needs them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sgw_analysis.config import Config
    from sgw_analysis.pipeline import Report, ingest, judge, report
    from sgw_analysis.tables import Tables

__all__ = ["Config", "Report", "Tables", "ingest", "judge", "report"]

_HOME = {"Config": "sgw_analysis.config", "Report": "sgw_analysis.pipeline",
         "ingest": "sgw_analysis.pipeline", "judge": "sgw_analysis.pipeline",
         "report": "sgw_analysis.pipeline", "Tables": "sgw_analysis.tables"}


def __getattr__(name: str) -> Any:
    """Load a public name (or ``__version__``) from its module on first access."""
    if name == "__version__":
        from importlib.metadata import version

        value = version("sgw-analysis")
    elif name in _HOME:
        value = getattr(import_module(_HOME[name]), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # later accesses skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__, "__version__"])
