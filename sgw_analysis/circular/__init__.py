"""The 情况通报 draft: a judged round's figures → sentences → a .docx the office edits and sends.

Pure: the context and the chart PNGs in, bytes out. ``facts`` reads the numbers from the
tables of the same run, ``prose`` writes the sentences, ``attachments`` the two tables,
``document`` lays them out with python-docx.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sgw_analysis import labels
from sgw_analysis.circular.attachments import followup_table, summary_table
from sgw_analysis.circular.document import (
    add_table,
    add_text,
    document_bytes,
    landscape_section,
    new_document,
    write_blocks,
)
from sgw_analysis.circular.facts import Facts, LevelFacts, circular_facts
from sgw_analysis.circular.prose import Block, circular_blocks

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sgw_analysis.context import ReportContext

__all__ = ["KEY_CHARTS", "Block", "Facts", "LevelFacts", "circular_blocks", "circular_docx",
           "circular_facts"]

# the charts the circular shows, in this order, when their pictures were made
KEY_CHARTS = ("submission_tile_map", "level_coverage", "gap_heatmap")


def circular_docx(ctx: ReportContext, pictures: Mapping[str, bytes]) -> bytes:
    """情况通报.docx: the text, the key charts among ``pictures``, 附表1 and 附表2."""
    charts = [key for key in KEY_CHARTS if key in pictures]
    doc = new_document(ctx.is_demo, ctx.generated_at)
    write_blocks(doc, circular_blocks(circular_facts(ctx), charts), pictures)
    landscape_section(doc)
    add_text(doc, "table_title", labels.CIRCULAR["summary_title"])
    add_table(doc, summary_table(ctx.result))
    title = add_text(doc, "table_title", labels.CIRCULAR["followup_title"])
    title.paragraph_format.page_break_before = True
    if ctx.result.followup.empty:
        add_text(doc, "body", labels.CIRCULAR["no_followup"])
    else:
        add_table(doc, followup_table(ctx.result))
    return document_bytes(doc, ctx.generated_at)
