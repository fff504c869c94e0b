"""A minimal SpreadsheetML (.xlsx/.xlsm) reader: values, cached formula results, merges, hidden rows.

Read straight from the XML: the fastest reader that still sees formulas without a cached value.
"""

from __future__ import annotations

import posixpath
import zipfile
from types import MappingProxyType
from xml.etree import ElementTree

from sgw_analysis.read.cells import (
    BOOL,
    DATE,
    ERROR,
    FORMULA_WITHOUT_VALUE,
    NUMBER,
    TEXT,
    Cell,
    Sheet,
    Workbook,
    column_number,
    parse_ref,
)

_DIGITS = "0123456789"


def read_xlsx(archive: zipfile.ZipFile) -> Workbook:
    """The sheets of an opened .xlsx archive; XML and zip errors propagate to the caller."""
    return _XlsxReader(archive).workbook()


class _XlsxReader:
    """Reads one archive, remembering the namespace its workbook.xml uses."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.ns = ""

    def _xml(self, member: str) -> ElementTree.Element:
        return ElementTree.fromstring(self.archive.read(member))

    def _tag(self, name: str) -> str:
        return f"{self.ns}{name}"

    def workbook(self) -> Workbook:
        root = self._xml("xl/workbook.xml")
        self.ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
        targets = self._relationships()
        shared = self._shared_strings()
        sheets = []
        members = set(self.archive.namelist())
        for index, node in enumerate(root.iter(self._tag("sheet"))):
            rel_id = next((v for k, v in node.attrib.items() if k.endswith("}id")), "")
            target = targets.get(rel_id)
            if target not in members:
                continue  # a chart sheet or a dangling relationship: no cells to read
            sheets.append(self._sheet(node.get("name", f"Sheet{index + 1}"), index, target,
                                      shared, node.get("state", "visible") != "visible"))
        return Workbook("xlsx", tuple(sheets), self._defined_names(root))

    def _defined_names(self, root: ElementTree.Element) -> MappingProxyType:
        """Workbook-level defined names → what they refer to; sheet-local and _xlnm. names skipped."""
        names = {}
        for node in root.iter(self._tag("definedName")):
            name = node.get("name", "")
            if name and not name.startswith("_xlnm.") and node.get("localSheetId") is None:
                names[name] = (node.text or "").strip()
        return MappingProxyType(names)

    def _relationships(self) -> dict[str, str]:
        root = ElementTree.fromstring(self.archive.read("xl/_rels/workbook.xml.rels"))
        targets = {}
        for rel in root:
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join("xl", target))
            targets[rel.get("Id", "")] = path
        return targets

    def _shared_strings(self) -> list[str]:
        if "xl/sharedStrings.xml" not in self.archive.namelist():
            return []
        root = self._xml("xl/sharedStrings.xml")
        text_tag, phonetic_tag = self._tag("t"), self._tag("rPh")
        strings = []
        for item in root:
            parts = [t.text or "" for child in item if child.tag != phonetic_tag
                     for t in ([child] if child.tag == text_tag else child.iter(text_tag))]
            strings.append("".join(parts))
        return strings

    def _sheet(self, name: str, index: int, member: str, shared: list[str],
               hidden: bool) -> Sheet:
        root = self._xml(member)
        tag = self._tag
        c_tag, v_tag, f_tag, is_tag, t_tag = tag("c"), tag("v"), tag("f"), tag("is"), tag("t")
        cells: dict[tuple[int, int], Cell] = {}
        hidden_rows = set()
        sheet_data = root.find(tag("sheetData"))
        row_number = 0
        for row in sheet_data if sheet_data is not None else ():
            row_number = int(row.get("r", row_number + 1))
            if row.get("hidden") in ("1", "true"):
                hidden_rows.add(row_number)
            col_number = 0
            for c in row.iter(c_tag):
                ref = c.get("r")
                if ref:
                    col_number = column_number(ref.rstrip(_DIGITS))
                else:
                    col_number += 1
                kind = c.get("t", "n")
                v = c.find(v_tag)
                f = c.find(f_tag)
                formula = ("=" + (f.text or "")) if f is not None else ""
                text = v.text if v is not None else None
                if kind == "inlineStr":
                    node = c.find(is_tag)
                    text = "".join(t.text or "" for t in node.iter(t_tag)) if node is not None \
                        else None
                if text is None or (text == "" and formula):
                    if formula:
                        cells[(row_number, col_number)] = Cell(
                            row_number, col_number, "", FORMULA_WITHOUT_VALUE, formula)
                    continue
                cell = _cell(row_number, col_number, kind, text, shared, formula)
                if cell is not None:
                    cells[(row_number, col_number)] = cell
        merged = tuple(_range(m.get("ref", "")) for m in root.iter(tag("mergeCell"))
                       if ":" in m.get("ref", ""))
        return Sheet(name, index, cells, merged, frozenset(hidden_rows), hidden)


def _cell(row: int, col: int, kind: str, text: str, shared: list[str], formula: str) -> Cell | None:
    if kind == "s":
        value = shared[int(text)]
        return Cell(row, col, value, TEXT, formula) if value.strip() else None
    if kind in ("str", "inlineStr"):
        return Cell(row, col, text, TEXT, formula) if text.strip() else None
    if kind == "b":
        return Cell(row, col, text, BOOL, formula)
    if kind == "e":
        return Cell(row, col, text, ERROR, formula)
    if kind == "d":
        return Cell(row, col, text, DATE, formula)
    return Cell(row, col, float(text), NUMBER, formula)


def _range(ref: str) -> tuple[int, int, int, int]:
    first, last = ref.split(":")
    r1, c1 = parse_ref(first)
    r2, c2 = parse_ref(last)
    return r1, c1, r2, c2
