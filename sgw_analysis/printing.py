"""What every printed output shares: A4 pages, page X of Y, the date, 示例数据 on every page.

Two renderers of the same page furniture: the print setup of an xlsxwriter sheet (summary.xlsx
and any other workbook the office prints) and the print stylesheet of the HTML report (which
Chromium also uses to make report.pdf).
"""

from __future__ import annotations

import math
import unicodedata
from string import Formatter
from typing import TYPE_CHECKING

from sgw_analysis import labels

if TYPE_CHECKING:
    from collections.abc import Callable

    from xlsxwriter.worksheet import Worksheet

A4 = 9  # xlsxwriter's paper code for A4
# Column widths (Excel character units) that fit across A4 portrait at 100% within the margins
# below: 184 mm of 96 dpi pixels, at 7 px a unit plus 5 px of cell padding.
PORTRAIT_UNITS = 95
XLSX_MARGINS = {"left": 0.4, "right": 0.4, "top": 0.75, "bottom": 0.7}  # inches
XLSX_HEADER_MARGIN = 0.3
DEMO_COLOR = "B71C1C"
LINE_HEIGHT = 13.5  # points, a line of 10 pt cell text


def display_width(text: str) -> int:
    """Width of a text in Excel character units: CJK and full-width characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def wrapped_lines(text: str, width: float) -> int:
    """Lines a wrapped text takes in a column ``width`` units wide (LibreOffice does not grow
    a row to its wrapped text, so the writer sets the height: ``LINE_HEIGHT`` a line)."""
    usable = max(width - 2, 1)
    return sum(max(1, math.ceil(display_width(line) / usable))
               for line in text.splitlines() or [""])


def page_of(page: str, pages: str, literal: Callable[[str], str] = str) -> str:
    """第X页 共Y页 with a renderer's page and page-count codes; ``literal`` escapes the words."""
    return "".join(literal(text) + {"page": page, "pages": pages, None: ""}[name]
                   for text, name, _, _ in Formatter().parse(labels.PAGE_OF))


def _xlsx_text(text: str) -> str:
    """Literal text inside an Excel header or footer (a lone & starts a control code)."""
    return text.replace("&", "&&")


def sheet_print_setup(sheet: Worksheet, *, title: str, generated_text: str, is_demo: bool,
                      width_units: float, header_row: int | None = 1, one_page: bool = False,
                      font: str = "Microsoft YaHei") -> None:
    """A4, landscape when wider than portrait holds, one page wide (or one page in all),
    the header row (0-based; None for none) repeated on every page, title and demo flag
    above, page X of Y and the date below."""
    sheet.set_paper(A4)
    if width_units > PORTRAIT_UNITS:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.fit_to_pages(1, 1 if one_page else 0)
    if header_row is not None:
        sheet.repeat_rows(header_row)
    sheet.set_margins(**XLSX_MARGINS)
    sheet.center_horizontally()
    bold = f'&"{font},Bold"'
    header = f"&L{bold}&10{_xlsx_text(title)}"
    if is_demo:
        header += f"&R{bold}&11&K{DEMO_COLOR}{_xlsx_text(labels.DEMO_NOTE)}"
    sheet.set_header(header, {"margin": XLSX_HEADER_MARGIN})
    footer = (f'&L&"{font},Regular"&9{_xlsx_text(labels.GENERATED_AT.format(when=generated_text))}'
              f"&C&9{page_of('&P', '&N', _xlsx_text)}")
    sheet.set_footer(footer, {"margin": XLSX_HEADER_MARGIN})


# ---------------------------------------------------------------- the HTML report on paper
# For print each chart is drawn at 900 CSS pixels wide (its labels do not collide as they would
# at 700) and zoomed to 0.78, which is the 186 mm between the @page margins below (702 px at 96
# a inch); at most 1130 px tall, so that with its caption it fits one page whole.
PRINT_CHART_WIDTH = 900
PRINT_CHART_ZOOM = 0.78
PRINT_CHART_MAX_HEIGHT = 1130


def _css_escape(text: str) -> str:
    """``text`` safe inside a double-quoted CSS string."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _css_string(text: str) -> str:
    """A CSS string literal of ``text``."""
    return f'"{_css_escape(text)}"'


def print_css(is_demo: bool, generated_text: str) -> str:
    """@page (A4, page X of Y, the date, the demo flag on every page) and print-only rules."""
    counters = page_of('" counter(page) "', '" counter(pages) "', _css_escape)
    demo = (f"@top-center {{ content: {_css_string(labels.DEMO_NOTE)}; color: #{DEMO_COLOR};"
            " font-weight: bold; font-size: 11pt; }" if is_demo else "")
    generated = _css_string(labels.GENERATED_AT.format(when=generated_text))
    return f"""
@page {{ size: A4 portrait; margin: 16mm 12mm 16mm 12mm; {demo}
  @bottom-center {{ content: "{counters}"; font-size: 9pt; color: #444; }}
  @bottom-right {{ content: {generated}; font-size: 8pt; color: #666; }} }}
@media print {{
  body {{ background: #fff; font-size: 10.5pt; }}
  main {{ max-width: none; padding: 0; }}
  .demo-banner {{ display: none; }}
  h2 {{ break-after: avoid; margin-top: 1.2em; }}
  figure {{ break-inside: avoid; border: none; margin: 0 0 12px; padding: 0; }}
  figure > div {{ zoom: {PRINT_CHART_ZOOM}; }}
  .modebar-container {{ display: none !important; }}
  th {{ position: static; white-space: nowrap; }}
  thead {{ display: table-header-group; }}
  tr, .card, dt, dd {{ break-inside: avoid; }}
  dt {{ break-after: avoid; }}
  details > summary {{ list-style: none; }}
  .print-only {{ display: block; }}
}}
@media screen {{ .print-only {{ display: none; }} }}
"""


# Before printing, draw every chart at the page's width and at most a page's height; after
# printing, put the screen layout back.
PRINT_SCRIPT = """
(function () {
  var W = CHART_WIDTH, H = CHART_MAX_HEIGHT;
  function charts() { return Array.prototype.slice.call(document.querySelectorAll('.plotly-graph-div')); }
  function fit(gd, width, height) {
    gd.parentElement.style.height = height + 'px';
    Plotly.relayout(gd, {width: width, height: height, autosize: width === null});
  }
  window.addEventListener('beforeprint', function () {
    charts().forEach(function (gd) {
      gd.dataset.screenHeight = gd.layout.height;
      fit(gd, W, Math.min(gd.layout.height, H));
    });
  });
  window.addEventListener('afterprint', function () {
    charts().forEach(function (gd) { fit(gd, null, +gd.dataset.screenHeight); });
  });
})();
""".replace("CHART_WIDTH", str(PRINT_CHART_WIDTH)).replace("CHART_MAX_HEIGHT",
                                                      str(PRINT_CHART_MAX_HEIGHT))
