"""A minimal SpreadsheetML (.xlsx/.xlsm) reader: values, cached formula results, merges, hidden rows.

Read straight from the XML, streamed: the fastest reader that still sees formulas without a cached
value, and one that stops at the limits (sheets, rows, columns, cells, characters) instead of
building a tree of whatever a file holds. Part names are found as Excel finds them (``\\``, any case).
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from types import MappingProxyType
from xml.etree.ElementTree import Element

from sgw_analysis.limits import LIMITS, Limits
from sgw_analysis.read.archive import Archive
from sgw_analysis.read.cells import (
    BOOL,
    DATE,
    ERROR,
    FORMULA_WITHOUT_VALUE,
    NUMBER,
    TEXT,
    Cell,
    Notes,
    Sheet,
    Workbook,
    clean_text,
    column_number,
    parse_ref,
)

_DIGITS = "0123456789"
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")  # how OOXML writes a character XML cannot hold


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def read_xlsx(archive: Archive, limits: Limits = LIMITS) -> Workbook:
    """The sheets of an opened .xlsx archive, within ``limits``; XML errors propagate to the caller."""
    return _XlsxReader(archive, limits).workbook()


class _XlsxReader:
    """Reads one archive, remembering the namespace its workbook.xml uses and what it had to change."""

    def __init__(self, archive: Archive, limits: Limits) -> None:
        self.archive, self.limits = archive, limits
        self.ns = ""
        self.notes = Notes()
        self.cells_left = limits.cells
        self.cell_tags: tuple[str, ...] = ()  # c, v, f, is, t in the workbook's namespace

    def _tag(self, name: str) -> str:
        return f"{self.ns}{name}"

    def workbook(self) -> Workbook:
        root = self.archive.xml("xl/workbook.xml")
        self.ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
        self.cell_tags = tuple(self._tag(name) for name in ("c", "v", "f", "is", "t"))
        targets = self._relationships()
        shared = self._shared_strings(targets)
        nodes = list(root.iter(self._tag("sheet")))
        if len(nodes) > self.limits.sheets:
            self.notes.add("sheets_not_read", "", "", str(len(nodes)))
        sheets = []
        for index, node in enumerate(nodes[: self.limits.sheets]):
            rel_id = next((v for k, v in node.attrib.items() if k.endswith("}id")), "")
            target = targets.get(rel_id)
            if target is None or not self.archive.has(target):
                continue  # a chart sheet or a dangling relationship: no cells to read
            sheets.append(self._sheet(node.get("name", f"Sheet{index + 1}"), index, target,
                                      shared, node.get("state", "visible") != "visible"))
        return Workbook("xlsx", tuple(sheets), self._defined_names(root), notes=self.notes.all())

    def _defined_names(self, root: Element) -> MappingProxyType:
        """Workbook-level defined names → what they refer to; sheet-local and _xlnm. names skipped."""
        names = {}
        for node in root.iter(self._tag("definedName")):
            name = node.get("name", "")
            if name and not name.startswith("_xlnm.") and node.get("localSheetId") is None:
                names[name] = (node.text or "").strip()
        return MappingProxyType(names)

    def _relationships(self) -> dict[str, str]:
        if not self.archive.has("xl/_rels/workbook.xml.rels"):
            return {}
        targets = {}
        for rel in self.archive.xml("xl/_rels/workbook.xml.rels"):
            target = rel.get("Target", "").replace("\\", "/")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join("xl", target))
            targets[rel.get("Id", "")] = path
            if rel.get("Type", "").endswith("/sharedStrings"):
                targets["sharedStrings"] = path
        return targets

    def _shared_strings(self, targets: dict[str, str]) -> list[tuple[str, str]]:
        """Each shared string, cleaned and cut, with what was done to it."""
        member = targets.get("sharedStrings", "xl/sharedStrings.xml")
        if not self.archive.has(member):
            return []
        text_tag, phonetic_tag, item_tag = self._tag("t"), self._tag("rPh"), self._tag("si")
        strings = []
        for item in self.archive.iterxml(member, {item_tag, "si"}):
            if item.tag != item_tag:
                continue
            if len(item) == 1 and item[0].tag == text_tag:  # plain text, not rich
                text = item[0].text or ""
            else:
                text = "".join(t.text or "" for child in item if child.tag != phonetic_tag
                               for t in ([child] if child.tag == text_tag else child.iter(text_tag)))
            strings.append(clean_text(_unescape(text), self.limits.cell_chars))
            item.clear()
        return strings

    def _sheet(self, name: str, index: int, member: str, shared: list[tuple[str, str]],
               hidden: bool) -> Sheet:
        tag = self._tag
        row_tag, merge_tag = tag("row"), tag("mergeCell")
        cells: dict[tuple[int, int], Cell] = {}
        hidden_rows: set[int] = set()
        merged = []
        row_number = scanned = 0
        for element in self.archive.iterxml(member, {row_tag, merge_tag}):
            if element.tag == merge_tag:
                merge = _range(element.get("ref", ""))
                if merge is not None:
                    merged.append(merge)
                continue
            scanned += 1
            row_number = _row_number(element.get("r"), row_number)
            if scanned > self.limits.rows or row_number > self.limits.rows:
                self.notes.add("rows_not_read", name, "", str(self.limits.rows))
                break
            if element.get("hidden") in ("1", "true"):
                hidden_rows.add(row_number)
            if not self._row(element, row_number, name, shared, cells):
                break
            element.clear()
        return Sheet(name, index, cells, tuple(merged), frozenset(hidden_rows), hidden)

    def _row(self, row: Element, row_number: int, sheet: str, shared: list[tuple[str, str]],
             cells: dict[tuple[int, int], Cell]) -> bool:
        """Read one row's cells into ``cells``; False once the workbook's cell budget is spent."""
        c_tag, v_tag, f_tag, is_tag, t_tag = self.cell_tags
        columns = self.limits.columns
        col_number = 0
        for c in row.iter(c_tag):
            ref = c.get("r")
            col_number = _column(ref) if ref else col_number + 1
            if col_number > columns:
                self.notes.add("columns_not_read", sheet, "", str(columns))
                continue
            if not len(c):
                continue  # a styled empty cell: no value, no formula
            kind = c.get("t", "n")
            if len(c) == 1 and c[0].tag == v_tag:  # a value alone, the usual cell
                formula, text = "", c[0].text
            else:
                f = c.find(f_tag)
                formula = ("=" + (f.text or "")) if f is not None else ""
                v = c.find(v_tag)
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
            cell = self._cell(row_number, col_number, kind, text, shared, formula, sheet)
            if cell is None:
                continue
            if self.cells_left <= 0:
                self.notes.add("cells_not_read", sheet, cell.ref, str(self.limits.cells))
                return False
            self.cells_left -= 1
            cells[(row_number, col_number)] = cell
        return True

    def _cell(self, row: int, col: int, kind: str, text: str, shared: list[tuple[str, str]],
              formula: str, sheet: str) -> Cell | None:
        if kind == "s":
            value, done = shared[int(text)]
        elif kind in ("str", "inlineStr"):
            value, done = clean_text(_unescape(text), self.limits.cell_chars)
        else:
            return _typed_cell(row, col, kind, text, formula)
        if done:
            self.notes.add(done, sheet, Cell(row, col, "", TEXT).ref, str(self.limits.cell_chars))
        return Cell(row, col, value, TEXT, formula) if value.strip() else None


def _typed_cell(row: int, col: int, kind: str, text: str, formula: str) -> Cell:
    if kind == "b":
        return Cell(row, col, text, BOOL, formula)
    if kind == "e":
        return Cell(row, col, text[:64], ERROR, formula)
    if kind == "d":
        return Cell(row, col, text[:64], DATE, formula)
    return Cell(row, col, float(text), NUMBER, formula)


@lru_cache(maxsize=4096)  # the same few hundred references in every return
def _column(ref: str) -> int:
    """The column of an A1 reference (letters bounded: past XFD is past any limit)."""
    letters = ref.rstrip(_DIGITS).replace("$", "").upper()[:4]
    if not letters or not letters.isascii() or not letters.isalpha():
        raise ValueError(f"cell reference {ref[:20]!r}")
    return column_number(letters)


def _row_number(r: str | None, previous: int) -> int:
    """A row's number from its ``r`` attribute (digits only, bounded), else the next one."""
    if r and r.isdigit() and len(r) <= 9 and int(r) >= 1:
        return int(r)
    if r:
        raise ValueError(f"row number {r[:20]!r}")
    return previous + 1


def _range(ref: str) -> tuple[int, int, int, int] | None:
    """A merged range B2:D3 as (r1, c1, r2, c2); None for one that is not a range."""
    first, _, last = ref.partition(":")
    try:
        r1, c1 = parse_ref(first[:16])
        r2, c2 = parse_ref(last[:16])
    except ValueError:
        return None
    return r1, c1, r2, c2
