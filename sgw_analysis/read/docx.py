"""Word (.docx): paragraphs and tables, in the order written, into one sheet of the cells model.

Read straight from word/document.xml, within the limits and without a DTD as the .xlsx reader
reads its XML (python-docx's cells cannot tell a vertical merge from a repeat): a vertical merge
(``w:vMerge``) and a horizontal one (``w:gridSpan``) become merged ranges of the sheet, each
value keeps its place (表2!B3 for the table cell, 段落5 for the fifth paragraph of the body), and
deleted text of tracked changes is not read.
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree import ElementTree

from sgw_analysis.labels import PLACE
from sgw_analysis.read.archive import Archive
from sgw_analysis.read.cells import Origin, Workbook
from sgw_analysis.read.flow import Flow, table_place

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _SDT = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}sdt"
_TEXT_PARTS = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}
_SKIPPED = {f"{_W}del", f"{_W}instrText", f"{_W}delText"}


def read_docx(archive: Archive) -> Workbook:
    """The body of an opened .docx: each paragraph a row, each table's rows below one another."""
    root = archive.xml("word/document.xml")
    body = root.find(f"{_W}body")
    flow = Flow()
    paragraphs = tables = 0
    for block in _blocks(body if body is not None else root):
        if block.tag == _P:
            paragraphs += 1
            flow.next_row()
            flow.add(1, _paragraph_text(block), Origin(PLACE["paragraph"].format(number=paragraphs), ""))
        else:
            tables += 1
            _table(flow, block, tables)
    return flow.workbook("docx")


def _blocks(parent: ElementTree.Element) -> Iterator[ElementTree.Element]:
    """Body-level paragraphs and tables in order, looking inside content controls (w:sdt)."""
    for child in parent:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _blocks(content)


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    parts: list[str] = []
    _collect(paragraph, parts)
    return "".join(parts).strip()


def _collect(node: ElementTree.Element, parts: list[str]) -> None:
    for child in node:
        if child.tag in _SKIPPED:
            continue
        if child.tag in _TEXT_PARTS:
            parts.append(child.text or "" if _TEXT_PARTS[child.tag] is None else _TEXT_PARTS[child.tag])
        else:
            _collect(child, parts)


def _cell_text(cell: ElementTree.Element) -> str:
    """A table cell's paragraphs, one per line; a table nested in the cell is left out."""
    return "\n".join(_paragraph_text(p) for p in cell.findall(_P)).strip()


def _property(node: ElementTree.Element, path: str) -> ElementTree.Element | None:
    return node.find(f"{_W}{path.replace('/', '/' + _W)}")


def _table(flow: Flow, table: ElementTree.Element, number: int) -> None:
    """Each row of a Word table a row of the flow; spans and vertical merges as merged ranges."""
    open_merges: dict[int, list[int]] = {}  # grid column → [first row, last row, last col]
    for table_row, tr in enumerate(table.findall(_TR), start=1):
        row = flow.next_row()
        before = _property(tr, "trPr/gridBefore")
        col = 1 + int(before.get(f"{_W}val", "0")) if before is not None else 1
        for tc in tr.findall(_TC):
            span_node = _property(tc, "tcPr/gridSpan")
            span = int(span_node.get(f"{_W}val", "1")) if span_node is not None else 1
            vmerge = _property(tc, "tcPr/vMerge")
            if vmerge is not None and vmerge.get(f"{_W}val", "continue") != "restart" \
                    and col in open_merges:
                open_merges[col][1] = row
            else:
                _close(flow, open_merges, col)
                flow.add(col, _cell_text(tc), Origin(*table_place(number, table_row, col)))
                open_merges[col] = [row, row, col + span - 1]
            col += span
    for col in list(open_merges):
        _close(flow, open_merges, col)


def _close(flow: Flow, open_merges: dict[int, list[int]], col: int) -> None:
    if col in open_merges:
        first, last, last_col = open_merges.pop(col)
        flow.merge(first, col, last, last_col)
