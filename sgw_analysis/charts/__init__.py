"""Tables and the coverage result → plotly Figures for the office leads (no I/O, no ratios)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sgw_analysis.browser import SYSTEM_CHROMIUM, browser_path
from sgw_analysis.charts.levels import (
    GAP_LEVEL,
    GAP_REQUIREMENTS,
    GAP_STATUSES,
    ONTIME_STATUS,
    gap_heatmap,
    gap_statuses,
    level_coverage,
)
from sgw_analysis.charts.pdf import PdfError, html_pdf
from sgw_analysis.charts.png import PngError, figure_png, figures_png
from sgw_analysis.charts.structure import (
    DISPLAYED_TYPES,
    group_type_counts,
    group_type_matrix,
    matrix_nodes,
    matrix_structure,
)
from sgw_analysis.charts.style import (
    FONT_FAMILY,
    GAP_COLOR,
    LEVEL_COLOR,
    TILE_COLOR,
    TILE_TEXT_COLOR,
    short_name,
)
from sgw_analysis.charts.submissions import (
    TILE_POSITION,
    TILE_STATUSES,
    submission_tile_map,
    submission_timeline,
    tile_statuses,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    import plotly.graph_objects as go

    from sgw_analysis.context import ReportContext

__all__ = [
    "CHARTS", "DISPLAYED_TYPES", "FONT_FAMILY", "GAP_COLOR", "GAP_LEVEL", "GAP_REQUIREMENTS",
    "GAP_STATUSES", "LEVEL_COLOR", "ONTIME_STATUS", "SYSTEM_CHROMIUM", "TILE_COLOR",
    "TILE_POSITION", "TILE_STATUSES", "TILE_TEXT_COLOR", "PdfError", "PngError", "all_charts", "browser_path",
    "figure_png", "figures_png", "gap_heatmap", "gap_statuses", "group_type_counts",
    "group_type_matrix", "html_pdf", "level_coverage", "matrix_nodes", "matrix_structure", "short_name",
    "submission_tile_map", "submission_timeline", "tile_statuses",
]

# every chart, by the stable file-name-like key it is filed under, in reading order
CHARTS: dict[str, Callable[..., go.Figure]] = {
    "submission_tile_map": submission_tile_map,
    "level_coverage": level_coverage,
    "gap_heatmap": gap_heatmap,
    "matrix_structure": matrix_structure,
    "group_type_matrix": group_type_matrix,
    "submission_timeline": submission_timeline,
}


def all_charts(ctx: ReportContext) -> dict[str, go.Figure]:
    """Every chart, by stable file-name-like key, in reading order."""
    figures = {key: make(ctx) for key, make in CHARTS.items()}
    if ctx.progress is not None:
        from sgw_analysis.charts.rounds import progress_chart

        figures["progress"] = progress_chart(ctx)
    return figures
