"""Text boxes and ruling lines into rows and columns: the layout of a page, shared by PDF and OCR.

A PDF's words and drawn lines and an image's recognised boxes and detected rules become the
same thing here: boxes with their bounds and ruling line segments, laid out into the flow.
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Callable
from dataclasses import dataclass

from sgw_analysis.read.cells import Origin
from sgw_analysis.read.flow import Flow

_RULE_GAP = 8  # ruling lines closer than this are one line (pixels, or points on a PDF page)
_TALLEST_CELL = 3.5  # a table cell is at most this many text lines high (else: the paper's edges)
Region = Callable[["Box"], str]  # a box's place on the page, as a person finds it


@dataclass(frozen=True)
class Box:
    """A text box: its bounds on the page, its text, and OCR's confidence (None for a PDF's text)."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    confidence: float | None

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(frozen=True)
class Rules:
    """Ruling line segments of the straightened page: (position, start, end) each."""

    horizontal: tuple[tuple[float, float, float], ...]
    vertical: tuple[tuple[float, float, float], ...]
    columns: tuple[float, ...]  # clustered x of vertical rules, left to right
    rows: tuple[float, ...]  # clustered y of horizontal rules, top to bottom

    @classmethod
    def of(cls, horizontal: list[tuple[float, float, float]],
           vertical: list[tuple[float, float, float]]) -> Rules:
        """Rules from their segments, with the clustered positions of each direction."""
        return cls(tuple(horizontal), tuple(vertical), cluster([s[0] for s in vertical]),
                   cluster([s[0] for s in horizontal]))


def cluster(positions: list[float]) -> tuple[float, ...]:
    """Positions closer than the rule gap merged into one (their mean), in order."""
    clusters: list[list[float]] = []
    for position in sorted(positions):
        if clusters and position - clusters[-1][-1] <= _RULE_GAP:
            clusters[-1].append(position)
        else:
            clusters.append([position])
    return tuple(statistics.fmean(c) for c in clusters)


def _nearest(rules: tuple[tuple[float, float, float], ...], along: float, across: float,
             before: bool) -> float | None:
    """The closest rule on one side of ``across`` whose extent covers ``along``."""
    candidates = [pos for pos, start, end in rules if start - 4 <= along <= end + 4
                  and (pos < across if before else pos > across)]
    if not candidates:
        return None
    return max(candidates) if before else min(candidates)


def _cell_of(box: Box, rules: Rules, tallest: float) -> tuple[float, float] | None:
    """The (left, top) rules of the table cell around a box, None outside any table."""
    left = _nearest(rules.vertical, box.cy, box.cx, before=True)
    right = _nearest(rules.vertical, box.cy, box.cx, before=False)
    top = _nearest(rules.horizontal, box.cx, box.cy, before=True)
    bottom = _nearest(rules.horizontal, box.cx, box.cy, before=False)
    if None in (left, right, top, bottom) or bottom - top > tallest:
        return None  # outside any table, or inside the edges of the paper
    return round(left), round(top)


def lay_out(flow: Flow, boxes: list[Box], rules: Rules, region: Region, sheet: str) -> None:
    """Boxes into rows by their text line, into columns by the ruling lines left of them.

    A row is a text line; a line whose every box continues a table cell of the line above
    (text wrapped inside the cell) joins that row. A box's column counts the vertical rules
    left of it, so a right-aligned number stands in its header's column; where rules are
    missing or faint, that count still comes from the rule's other segments in the table.
    """
    height = statistics.median(b.y1 - b.y0 for b in boxes)
    rows: list[tuple[list[Box], set]] = []
    for line in _lines(boxes, height):
        cells = {_cell_of(box, rules, _TALLEST_CELL * height) for box in line}
        if rows and None not in cells and cells <= rows[-1][1]:
            rows[-1][0].extend(line)
        else:
            rows.append((list(line), cells))
    for members, cells in rows:
        flow.next_row()
        if cells == {None}:  # a line outside any table: its boxes left to right
            for col, box in enumerate(sorted(members, key=lambda b: b.x0), start=1):
                _add_cell(flow, col, [box], region, sheet)
            continue
        by_col: dict[int, list[Box]] = {}
        for box in members:
            col = max(1, bisect.bisect_left(rules.columns, box.cx))
            by_col.setdefault(col, []).append(box)
        for col, in_cell in sorted(by_col.items()):
            _add_cell(flow, col, in_cell, region, sheet)


def _lines(boxes: list[Box], height: float) -> list[list[Box]]:
    """Boxes grouped into text lines by their vertical centres, top to bottom."""
    lines: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: b.cy):
        if lines and box.cy - statistics.fmean(b.cy for b in lines[-1]) < height * 0.5:
            lines[-1].append(box)
        else:
            lines.append([box])
    return lines


def _add_cell(flow: Flow, col: int, members: list[Box], region: Region, sheet: str) -> None:
    """The boxes of one cell, read top to bottom and left to right, as one value."""
    height = statistics.median(b.y1 - b.y0 for b in members)
    ordered = sorted(members, key=lambda b: (round(b.cy / height), b.x0))
    text = "".join(b.text for b in ordered)
    whole = Box(min(b.x0 for b in members), min(b.y0 for b in members),
                 max(b.x1 for b in members), max(b.y1 for b in members), text,
                 _lowest(b.confidence for b in members))
    flow.add(col, text, Origin(sheet, region(whole), whole.confidence))


def _lowest(confidences) -> float | None:
    known = [c for c in confidences if c is not None]
    return min(known) if known else None
