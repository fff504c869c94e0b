"""The grid a file is read into: cells, sheets, workbooks, value kinds and A1 addresses."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from types import MappingProxyType

TEXT = "text"
NUMBER = "number"
DATE = "date"
BOOL = "bool"
ERROR = "error"
FORMULA_WITHOUT_VALUE = "formula_without_value"
EXCEL_EPOCH = date(1899, 12, 30)  # serial 0 in the 1900 date system, past the fake 1900-02-29


@dataclass(frozen=True, slots=True)
class Cell:
    """One non-empty cell: 1-based row and column, its value, what kind of value, its formula."""

    row: int
    col: int
    value: str | float
    kind: str
    formula: str = ""

    @property
    def ref(self) -> str:
        """The cell's A1 address."""
        return f"{column_letter(self.col)}{self.row}"

    def __reduce__(self) -> tuple:
        """Pickled as its fields: a worker sends the form's cells, and a slotted dataclass's own
        state restore costs more than reading the file (``dataclasses.fields`` on every cell)."""
        return Cell, (self.row, self.col, self.value, self.kind, self.formula)


@dataclass(frozen=True)
class Sheet:
    """A sheet as a sparse grid, with merged ranges (r1, c1, r2, c2) and hidden rows."""

    name: str
    index: int
    cells: dict[tuple[int, int], Cell]
    merged: tuple[tuple[int, int, int, int], ...] = ()
    hidden_rows: frozenset[int] = frozenset()
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class ReadNote:
    """Something a reader changed or left out, for a finding: rule, sheet, first cell, how many."""

    rule: str
    sheet: str
    cell: str
    count: int = 1
    detail: str = ""


class Notes:
    """Collects a reader's notes: one per rule and sheet, with the first cell and a count."""

    def __init__(self) -> None:
        self._notes: dict[tuple[str, str], ReadNote] = {}

    def add(self, rule: str, sheet: str, cell: str = "", detail: str = "") -> None:
        """Note one occurrence of ``rule`` on ``sheet``."""
        key = (rule, sheet)
        first = self._notes.get(key)
        self._notes[key] = (ReadNote(rule, sheet, cell, 1, detail) if first is None else
                            ReadNote(rule, sheet, first.cell, first.count + 1, first.detail))

    def all(self) -> tuple[ReadNote, ...]:
        """The notes in the order first met."""
        return tuple(self._notes.values())


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a cell of a document or image was written: 表2!B3, 段落5, 第1页 x=72,y=140; OCR confidence."""

    sheet: str  # 表2, 段落5, 第1页, or "" for an image
    cell: str  # B3, x=72,y=140 (PDF points), x=120,y=340,w=80,h=24 (image pixels), or ""
    confidence: float | None = None  # the OCR recogniser's confidence (0-1); None where text was typed

    @property
    def place(self) -> str:
        """The place as one string: 表2!B3, 段落5, 第1页!x=72,y=140."""
        return f"{self.sheet}!{self.cell}" if self.sheet and self.cell else self.sheet or self.cell


@dataclass(frozen=True)
class Workbook:
    """What a file holds: its format, its sheets in order, its defined names, what reading had
    to change (``notes``, for findings), and for a document where its cells came from.

    ``defined_names`` maps a workbook-level name to what it refers to as written
    (``'附件2'!$B$4``, or ``#REF!`` once its cells were deleted); Excel's own ``_xlnm.`` names
    (print areas and the like) are left out. A Word, PDF or image return is laid out as one sheet
    in reading order (so a form split over paragraphs and tables is located like a sheet);
    ``origins`` maps (sheet, A1) to the place each value was written.
    """

    format: str
    sheets: tuple[Sheet, ...]
    defined_names: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    notes: tuple[ReadNote, ...] = ()
    origins: Mapping[tuple[str, str], Origin] = field(default_factory=lambda: MappingProxyType({}))

    def origin(self, sheet: str, ref: str) -> Origin | None:
        """The place a cell was read from in a document or image; None for a spreadsheet cell."""
        return self.origins.get((sheet, ref))


class ReadError(Exception):
    """A file that is not a readable spreadsheet; ``code`` is the rejection rule id."""

    def __init__(self, code: str, what: str = "") -> None:
        super().__init__(code, what)
        self.code = code
        self.what = what


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def clean_text(text: str, max_chars: int) -> tuple[str, str]:
    """Text without control characters and lone surrogates, cut at ``max_chars``; and what was done.

    The second value is "" (nothing), "text_cleaned" or "text_cut" (cutting wins: it loses more).
    """
    done = ""
    if len(text) > max_chars:
        text, done = text[:max_chars], "text_cut"
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
        done = done or "text_cleaned"
    return text, done


def display_text(value: object) -> str:
    """A cell value as a person reads it in the cell: 5.0 → '5'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value).strip()


# texts up to this long are kept by the caches below (labels, counts, names, dates); a longer
# one is worked out each time, so what a hostile file writes cannot fill a worker's memory
CACHED_CHARS = 256


def normalize(text: str) -> str:
    """Text as the code compares it: full-width forms to ASCII (NFKC), every whitespace removed."""
    return _normalize(text) if len(text) <= CACHED_CHARS else _normalize.__wrapped__(text)


@lru_cache(maxsize=8192)  # labels and values repeat in every return of a round
def _normalize(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


@lru_cache(maxsize=8192)
def normalize_with_map(text: str) -> tuple[str, tuple[int, ...]]:
    """``normalize`` per character, and for each character of the result its index in ``text``."""
    whole = unicodedata.normalize("NFKC", text)
    if len(whole) == len(text) and whole.split() == [whole]:  # one to one, with no whitespace
        return whole, tuple(range(len(whole)))
    if len(whole) == len(text):  # full-width forms and CJK map one character to one
        origin = tuple(i for i, char in enumerate(whole) if not char.isspace())
        return "".join(whole[i] for i in origin), origin
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for norm in unicodedata.normalize("NFKC", char):
            if not norm.isspace():
                chars.append(norm)
                origin.append(index)
    return "".join(chars), tuple(origin)


@lru_cache(maxsize=1024)
def column_number(letters: str) -> int:
    """A → 1, AA → 27."""
    col = 0
    for letter in letters:
        col = col * 26 + ord(letter) - 64
    return col


def column_letter(col: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_REF = re.compile(r"([A-Z]+)(\d+)")


def parse_ref(ref: str) -> tuple[int, int]:
    """'B4' → (4, 2)."""
    match = _REF.fullmatch(ref.replace("$", "").upper())
    if not match:
        raise ValueError(f"not a cell reference: {ref!r}")
    return int(match.group(2)), column_number(match.group(1))
