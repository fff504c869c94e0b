"""Blocks, the two attachment tables and chart pictures → a .docx in the shape of a 公文.

GB/T 9704 proportions: A4, title in 小标宋 二号, body in 仿宋 三号 on a 28 pt line, headings in
黑体; the attachments in a landscape section. Every page's header carries 示例数据 on demo data
and every footer 第X页 共Y页 (Word fields, so the count is right after editing).
"""

from __future__ import annotations

import io
import zipfile
from copy import deepcopy
from string import Formatter
from typing import TYPE_CHECKING

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.text.run import Run

from sgw_analysis import labels
from sgw_analysis.printing import DEMO_COLOR

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import datetime

    from docx.document import Document
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.section import Section
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from sgw_analysis.circular.attachments import TableSpec
    from sgw_analysis.circular.prose import Block

# the fonts of a 公文 on Chinese Windows; Word substitutes where one is missing
TITLE_FONT, HEADING_FONT, BODY_FONT, NOTE_FONT, TABLE_FONT = (
    labels.CIRCULAR_FONT[kind] for kind in ("title", "heading", "body", "note", "table"))
BODY_SIZE = Pt(16)  # 三号
LINE = Pt(28)
PICTURE_WIDTH = Cm(15.5)
TABLE_SIZE = Pt(9)
# (font, size, alignment, first-line indent in characters) of each kind of block
STYLE = {
    "title": (TITLE_FONT, Pt(22), WD_ALIGN_PARAGRAPH.CENTER, 0),
    "note": (NOTE_FONT, Pt(12), WD_ALIGN_PARAGRAPH.CENTER, 0),
    "addressee": (BODY_FONT, BODY_SIZE, WD_ALIGN_PARAGRAPH.LEFT, 0),
    "heading": (HEADING_FONT, BODY_SIZE, WD_ALIGN_PARAGRAPH.LEFT, 2),
    "body": (BODY_FONT, BODY_SIZE, WD_ALIGN_PARAGRAPH.JUSTIFY, 2),
    "caption": (NOTE_FONT, Pt(14), WD_ALIGN_PARAGRAPH.CENTER, 0),
    "attachments": (BODY_FONT, BODY_SIZE, WD_ALIGN_PARAGRAPH.LEFT, 2),
    "attachment_more": (BODY_FONT, BODY_SIZE, WD_ALIGN_PARAGRAPH.LEFT, 5),  # under 附表：
    "signature": (BODY_FONT, BODY_SIZE, WD_ALIGN_PARAGRAPH.RIGHT, 0),
    "date": (BODY_FONT, BODY_SIZE, WD_ALIGN_PARAGRAPH.RIGHT, 0),
    "table_title": (HEADING_FONT, Pt(14), WD_ALIGN_PARAGRAPH.CENTER, 0),
}


def set_font(run: object, font: str, size: Pt, bold: bool = False,
             color: str | None = None) -> None:
    """A run's font for Latin and East Asian text alike (python-docx sets only the Latin one)."""
    run.font.name = font
    run.font.size = size
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    if color:
        run.font.color.rgb = RGBColor.from_string(color)


def add_text(doc: Document, kind: str, text: str) -> Paragraph:
    """A paragraph of ``text`` in the style of ``kind``."""
    font, size, alignment, indent = STYLE[kind]
    paragraph = doc.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = alignment
    fmt.first_line_indent = size * indent
    fmt.line_spacing = LINE if size == BODY_SIZE else None
    fmt.space_after = Pt(12) if kind in ("title", "note", "table_title") else Pt(0)
    set_font(paragraph.add_run(text), font, size)
    return paragraph


def _field(paragraph: Paragraph, instruction: str, size: Pt) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay out."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = paragraph.add_run("1")
    set_font(run, BODY_FONT, size)
    field.append(run._element)
    paragraph._p.append(field)


def _page_footer(section: Section) -> None:
    """第X页 共Y页 centred in the footer, the numbers as fields."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fields = {"page": "PAGE", "pages": "NUMPAGES"}
    for literal, name, _, _ in Formatter().parse(labels.PAGE_OF):
        if literal:
            set_font(paragraph.add_run(literal), BODY_FONT, Pt(10.5))
        if name:
            _field(paragraph, fields[name], Pt(10.5))


def _page_header(section: Section, is_demo: bool) -> None:
    """The demo flag, in red, at the top of every page of demo data."""
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if is_demo:
        set_font(paragraph.add_run(labels.DEMO_NOTE), HEADING_FONT, Pt(12), bold=True,
                 color=DEMO_COLOR)


def _page(section: Section, landscape: bool) -> None:
    """A4 with the 公文 margins, portrait or landscape."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long, short = Mm(297), Mm(210)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    if landscape:  # tables only: narrower margins, so that 附表1 fits one page
        section.top_margin = section.bottom_margin = Mm(15)
        section.left_margin = section.right_margin = Mm(15)
    else:
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)


def repeat_header_row(table: Table) -> None:
    """The first row of ``table`` repeats at the top of every page it runs onto."""
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(flag)


def add_table(doc: Document, spec: TableSpec) -> Table:
    """A bordered table, header row bold and repeated, numbers right-aligned, fixed widths."""
    headers, rows, widths = spec.headers, spec.rows, spec.widths
    table = doc.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    repeat_header_row(table)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)  # the grid, which LibreOffice lays out by
    # set_font's XML made twice and copied: python-docx's font setters cost 0.1 s a round
    fonts = [_run_font(TABLE_FONT, TABLE_SIZE, bold=r == 0) for r in range(2)]
    # row by row: Table.cell(r, c) walks the whole table on every call (3 s for the round's tables)
    for r, (row, values) in enumerate(zip(table.rows, [list(headers), *map(list, rows)],
                                          strict=True)):
        for c, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = Cm(widths[c])  # each cell's own width, which Word lays out by
            paragraph = cell.paragraphs[0]
            if r and spec.numeric[c]:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.add_run(value)._r.insert(0, deepcopy(fonts[min(r, 1)]))
    return table


def _run_font(font: str, size: Pt, bold: bool) -> BaseOxmlElement:
    """The run properties (<w:rPr>) that :func:`set_font` gives a run, to copy into many."""
    run = Run(OxmlElement("w:r"), None)
    set_font(run, font, size, bold)
    return run._r.rPr


def add_picture(doc: Document, png: bytes, caption: str) -> None:
    """A chart centred at the text width, its caption below on the same page."""
    doc.add_picture(io.BytesIO(png), width=PICTURE_WIDTH)
    picture = doc.paragraphs[-1]
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.keep_with_next = True
    add_text(doc, "caption", caption)


def new_document(is_demo: bool, generated_at: datetime) -> Document:
    """An empty A4 portrait document with its header, footer and properties."""
    doc = docx.Document()
    section = doc.sections[0]
    _page(section, landscape=False)
    _page_header(section, is_demo)
    _page_footer(section)
    props = doc.core_properties
    props.title = labels.CIRCULAR_TITLE
    props.author = props.last_modified_by = labels.CIRCULAR_ISSUER
    props.comments = labels.DEMO_TEXT if is_demo else labels.REAL_TEXT
    props.created = props.modified = generated_at
    return doc


def landscape_section(doc: Document) -> None:
    """Start a landscape section on a new page (headers and footers carry on)."""
    _page(doc.add_section(WD_SECTION.NEW_PAGE), landscape=True)


def write_blocks(doc: Document, blocks: Sequence[Block], pictures: Mapping[str, bytes]) -> None:
    """Every block as a paragraph, a figure block as its picture and caption."""
    for block in blocks:
        if block.kind == "figure":
            add_picture(doc, pictures[block.key], block.text)
        else:
            add_text(doc, block.kind, block.text)


def document_bytes(doc: Document, when: datetime) -> bytes:
    """The document as .docx bytes, every zip entry dated ``when`` (python-docx dates them now):
    the same round and generation time give the same bytes."""
    saved = io.BytesIO()
    doc.save(saved)
    fixed = io.BytesIO()
    with zipfile.ZipFile(saved) as source, \
            zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            dated = zipfile.ZipInfo(entry.filename, date_time=when.timetuple()[:6])
            dated.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(dated, source.read(entry.filename))
    return fixed.getvalue()
