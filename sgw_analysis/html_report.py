"""Tables, the coverage result and the figures → one self-contained offline HTML string."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from plotly.offline import get_plotlyjs

from sgw_analysis import labels
from sgw_analysis.charts import FONT_FAMILY
from sgw_analysis.printing import PRINT_SCRIPT, print_css
from sgw_analysis.requirements import LEVELS
from sgw_analysis.tables import missing

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from sgw_analysis.context import ReportContext
    from sgw_analysis.coverage import CoverageResult
    from sgw_analysis.tables import Tables

PLOTLY_CONFIG = {"displaylogo": False, "responsive": True,
                 "modeBarButtonsToRemove": ["sendDataToCloud", "lasso2d", "select2d"]}
CSS = f"body {{ font-family: {FONT_FAMILY}; }}" + """
body { margin: 0; color: #222; background: #fafafa; line-height: 1.6; }
main { max-width: 1200px; margin: 0 auto; padding: 16px 24px 48px; }
h1 { font-size: 1.6em; margin: 0.4em 0 0; } h2 { border-bottom: 2px solid #1f5fa8;
  padding-bottom: 4px; margin-top: 2em; } .sub { color: #555; margin: 0 0 1em; }
.demo-banner { background: #b71c1c; color: #fff; font-weight: bold; text-align: center;
  padding: 8px; font-size: 1.1em; position: sticky; top: 0; z-index: 10; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 10px 16px;
  min-width: 140px; } .card .n { font-size: 1.8em; font-weight: bold; color: #1f5fa8; }
.card .label { color: #555; }
figure { background: #fff; border: 1px solid #ddd; border-radius: 6px; margin: 16px 0;
  padding: 8px; } figcaption { color: #555; font-size: 0.9em; padding: 0 8px; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: 0.92em; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #ddebf7; position: sticky; top: 40px; } .none { color: #555; }
dt { font-weight: bold; margin-top: 0.6em; } dd { margin-left: 1.5em; }
"""


def _text(value: object) -> str:
    """A value as escaped HTML text; missing values as an empty string."""
    if missing(value):
        return ""
    return escape(str(value))


def _head(ctx: ReportContext) -> str:
    """<head>: charset, title, screen and print style, plotly.js inlined once, the print hook."""
    title = f"{labels.DEMO_NOTE}{labels.REPORT_TITLE}" if ctx.is_demo else labels.REPORT_TITLE
    style = CSS + print_css(ctx.is_demo, ctx.generated_text)
    return (f'<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>{style}</style>\n"
            f'<script type="text/javascript">{get_plotlyjs()}</script>\n'
            f'<script type="text/javascript">{PRINT_SCRIPT}</script>\n</head>')


def _card(label: str, count: int, total: int) -> str:
    """One headline figure."""
    return (f'<div class="card"><div class="n">'
            f"{escape(labels.HEADLINE_UNIT.format(count=count, total=total))}</div>"
            f'<div class="label">{escape(label)}</div></div>')


def _headline(result: CoverageResult) -> str:
    """Returned x/N, on time, late, undated, and provinces meeting each level's requirement."""
    timing = result.timeliness["timeliness"]
    total = len(result.expected)
    cards = [_card(labels.HEADLINE["returned"], int((timing != "not_returned").sum()), total)]
    cards += [_card(labels.HEADLINE[k], int((timing == k).sum()), total)
              for k in ("on_time", "late", "unknown")]
    cov = result.coverage
    for level in LEVELS:
        part = cov[(cov["level"] == level) & (cov["status"] != "not_applicable")]
        cards.append(_card(labels.HEADLINE["met"].format(level=labels.LEVEL[level]),
                           int((part["status"] == "met").sum()), len(part)))
    return (f'<section id="headline"><h2>{escape(labels.SECTION["headline"])}</h2>'
            f'<div class="cards">{"".join(cards)}</div></section>')


def _charts(figures: dict[str, go.Figure]) -> str:
    """Each figure as a div and its drawing script, with a one-line caption."""
    blocks = []
    for key, fig in figures.items():
        div = fig.to_html(full_html=False, include_plotlyjs=False, div_id=f"chart-{key}",
                          config=PLOTLY_CONFIG)
        caption = labels.CHART_NOTE.get(key, "")
        blocks.append(f'<figure id="figure-{escape(key)}">{div}'
                      f"<figcaption>{escape(caption)}</figcaption></figure>")
    return (f'<section id="charts"><h2>{escape(labels.SECTION["charts"])}</h2>'
            f'{"".join(blocks)}</section>')


def _table(headers: list[str], rows: list[list[object]]) -> str:
    """An HTML table with every cell escaped."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_text(v)}</td>" for v in row) + "</tr>"
                   for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _followup(result: CoverageResult) -> str:
    """The follow-up list: what to chase or have corrected."""
    title = f'<h2>{escape(labels.SECTION["followup"])}</h2>'
    if result.followup.empty:
        return f'<section id="followup">{title}<p class="none">{labels.NO_FOLLOWUP}</p></section>'
    rows = [[r.province, labels.FOLLOWUP_KIND.get(r.kind, r.kind),
             f"{r.requirement} {labels.REQUIREMENT.get(r.requirement, '')}", r.detail, r.file]
            for r in result.followup.itertuples(index=False)]
    headers = [labels.COLUMN[c] for c in ("province", "kind", "requirement", "detail", "file")]
    return f'<section id="followup">{title}{_table(headers, rows)}</section>'


def _corrections(ctx: ReportContext) -> str:
    """What corrected returns changed, and which findings they fixed; nothing without any."""
    changes, fates = ctx.result.changes, ctx.result.corrections
    if changes.empty and fates.empty:
        return ""
    text = labels.CORRECTION_COLUMN
    rows = [[r.province, labels.LEVEL.get(r.level_or_group, labels.CHANGE_SUBJECT_FORM
                                          if r.level_or_group == "form" else r.level_or_group),
             labels.CHANGE_FIELD.get(r.field, r.field), r.before, r.after, r.after_file]
            for r in changes.itertuples()]
    keys = ("province", "level_or_group", "field", "before", "after", "after_file")
    fate_rows = [[r.province, labels.CORRECTION_STATUS[r.status], r.message, r.before_file,
                  r.after_file] for r in fates.itertuples()]
    fate_keys = ("province", "status", "message", "before_file", "after_file")
    return (f'<section id="corrections"><h2>{escape(labels.SECTION_CORRECTIONS)}</h2>'
            f"{_table([text[k] for k in keys], rows)}"
            f"{_table([text[k] for k in fate_keys], fate_rows) if fate_rows else ''}</section>")


def _progress(ctx: ReportContext) -> str:
    """The provinces and levels that moved since the earlier round; nothing without one."""
    if ctx.progress is None:
        return ""
    from sgw_analysis.context import progress_text

    table = ctx.progress.table
    moved = table[table["movement"] != "same"]
    rows = [[r.province, labels.LEVEL[r.level], labels.COVERAGE_STATUS[r.status_before],
             labels.COVERAGE_STATUS[r.status_after], r.groups_change, r.contacts_change,
             labels.MOVEMENT[r.movement]] for r in moved.itertuples()]
    keys = ("province", "level", "status_before", "status_after", "groups_change",
            "contacts_change", "movement")
    return (f'<section id="progress"><h2>{escape(labels.SECTION_PROGRESS)}</h2>'
            f"<p>{escape(progress_text(ctx.progress))}</p>"
            f"{_table([labels.PROGRESS_COLUMN[k] for k in keys], rows)}</section>")


def _groups(tables: Tables) -> str:
    """The listed provincial groups, folded away."""
    groups = tables.provincial_groups.sort_values(["province_code", "file", "row"])
    rows = [[r.province, r.group_name, labels.GROUP_TYPE.get(r.group_type, r.group_type),
             r.composition, r.members, r.note, r.file]
            for r in groups.itertuples(index=False)]
    headers = [labels.COLUMN[c] for c in ("province", "group_name", "group_type", "composition",
                                          "members", "note", "file")]
    summary = escape(labels.SECTION["groups"].format(count=len(rows)))
    return (f'<section id="groups"><details><summary><h2 style="display:inline">{summary}'
            f"</h2></summary>{_table(headers, rows)}</details>"
            f'<p class="print-only none">{escape(labels.GROUPS_IN_WORKBOOK)}</p></section>')


def _definitions(items: tuple[tuple[str, str], ...]) -> str:
    """A definition list, escaped."""
    return "<dl>" + "".join(f"<dt>{escape(t)}</dt><dd>{escape(d)}</dd>" for t, d in items) + \
        "</dl>"


def _method(ctx: ReportContext) -> str:
    """What the statuses mean, the denominators and their vintage, what 附件2 cannot show."""
    return (f'<section id="method"><h2>{escape(labels.SECTION["method"])}</h2>'
            f"{_definitions(ctx.notes)}</section>")


def report_html(ctx: ReportContext, figures: dict[str, go.Figure]) -> str:
    """The report as one self-contained HTML string in Chinese, readable offline."""
    result = ctx.result
    banner = (f'<div class="demo-banner" role="alert">{escape(labels.DEMO_TEXT)}</div>'
              if ctx.is_demo else "")
    header = (f"<header><h1>{escape(labels.REPORT_TITLE)}</h1>"
              f'<p class="sub">{escape(labels.REPORT_SUBTITLE)} · '
              f"{escape(labels.REFERENCE_NOTE.format(reference=result.reference_label))} · "
              f"{escape(labels.DEADLINE_NOTE.format(deadline=result.deadline.isoformat()))} · "
              f"{escape(labels.GENERATED_AT.format(when=ctx.generated_text))}"
              f" · {escape(labels.OFFLINE_NOTE)}</p></header>")
    body = "".join([banner, "<main>", header, _headline(result), _charts(figures),
                    _followup(result), _corrections(ctx), _progress(ctx),
                    _groups(ctx.tables), _method(ctx), "</main>"])
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n{_head(ctx)}\n<body>\n{body}\n'
            "</body>\n</html>\n")
