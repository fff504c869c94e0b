"""PDF: the words and ruling lines of its text layer into the cells model; a scan goes to OCR.

pypdfium2 (PDFium) was chosen over pdfplumber by measurement on Chromium and Word PDFs of the
form: PDFium gives the right characters where pdfminer, under pdfplumber, returns the Kangxi
radicals that such PDFs map their glyphs to (⼯ for 工, ⻓ for 长: a 部⻓群 would no longer be
the 部长群), and it reads a page ten times faster (0.018 s against 0.19 s). Ruling lines are
its path objects: a thin one is a rule, a wider one gives its four edges. Each value's place
is its page and position in points from the page's top-left corner (``第1页!x=72,y=140``). A
page without text (a scan, a photo printed to PDF) is rendered at 200 dpi and read by OCR.
"""

from __future__ import annotations

from sgw_analysis.labels import FORMAT_NAME, PLACE, READER_DETAIL
from sgw_analysis.limits import READER_LIMITS
from sgw_analysis.read.cells import ReadError, Workbook
from sgw_analysis.read.flow import Flow
from sgw_analysis.read.layout import Box, Rules, lay_out

_SCAN_DPI = 200
_MIN_CHARS = 10  # a page with fewer characters in its text layer is taken for a scan
_THIN = 2.5  # points: a path object thinner than this is a ruling line
_WORD_GAP = 0.6  # a gap wider than this many character heights starts a new word


def read_pdf(data: bytes) -> Workbook:
    """A PDF's pages one under the other as one sheet; scanned pages read by OCR."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ReadError("pdf_encrypted") from exc
        raise ReadError("file_corrupt") from exc
    flow = Flow()
    scanned: list[int] = []
    try:
        count = min(len(document), READER_LIMITS.pdf_pages)
        for number in range(1, count + 1):
            page = document[number - 1]
            boxes = _words(page)
            if sum(len(b.text) for b in boxes) >= _MIN_CHARS:
                lay_out(flow, boxes, _rules(page), _place, PLACE["page"].format(number=number))
            else:
                scanned.append(number)
        if scanned:
            _ocr_pages(flow, document, scanned)
    finally:
        document.close()
    if not flow.cells:
        raise ReadError("pdf_not_form", READER_DETAIL["pdf_no_text"])
    return flow.workbook("image" if len(scanned) == count else "pdf")


def _words(page) -> list[Box]:
    """The text layer's characters joined into words: same line, no space, no wide gap."""
    height = page.get_height()
    text = page.get_textpage()
    words: list[Box] = []
    current: list[tuple[float, float, float, float, str]] = []
    for index in range(text.count_chars()):
        char = text.get_text_range(index, 1)
        left, bottom, right, top = text.get_charbox(index)
        box = (left, height - top, right, height - bottom, char)
        if current and (char.isspace() or _breaks(current[-1], box)):
            words.append(_word(current))
            current = []
        if not char.isspace():
            current.append(box)
    if current:
        words.append(_word(current))
    return words


def _breaks(last: tuple, box: tuple) -> bool:
    size = max(last[3] - last[1], box[3] - box[1], 1.0)
    same_line = abs((last[1] + last[3]) - (box[1] + box[3])) / 2 < size * 0.5
    return not same_line or box[0] - last[2] > size * _WORD_GAP


def _word(chars: list[tuple[float, float, float, float, str]]) -> Box:
    return Box(min(c[0] for c in chars), min(c[1] for c in chars), max(c[2] for c in chars),
               max(c[3] for c in chars), "".join(c[4] for c in chars), None)


def _rules(page) -> Rules:
    """Path objects as ruling line segments (position, start, end), top-down coordinates."""
    import pypdfium2.raw as pdfium_c

    height = page.get_height()
    horizontal, vertical = [], []
    for item in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=4):
        left, bottom, right, top = item.get_bounds()
        y0, y1 = height - top, height - bottom
        if y1 - y0 <= _THIN:
            horizontal.append(((y0 + y1) / 2, left, right))
        elif right - left <= _THIN:
            vertical.append(((left + right) / 2, y0, y1))
        else:
            horizontal += [(y0, left, right), (y1, left, right)]
            vertical += [(left, y0, y1), (right, y0, y1)]
    return Rules.of(horizontal, vertical)


def _place(box: Box) -> str:
    return f"x={box.x0:.0f},y={box.y0:.0f}"


def _ocr_pages(flow: Flow, document, numbers: list[int]) -> None:
    """Pages without a text layer rendered at 200 dpi and read by OCR; regions in points."""
    from sgw_analysis.read.ocr import add_page, ocr_available

    if not ocr_available():
        raise ReadError("needs_ocr", FORMAT_NAME["pdf"])
    for number in numbers[: READER_LIMITS.ocr_pages]:
        bitmap = document[number - 1].render(scale=_SCAN_DPI / 72)
        pixels = bitmap.to_numpy()[:, :, :3].copy()  # PDFium renders BGR, as OpenCV reads
        try:
            add_page(flow, pixels, PLACE["page"].format(number=number), scale=_SCAN_DPI / 72)
        except ReadError as exc:
            if exc.code != "image_not_form":
                raise  # a blank page of a longer scan is skipped; the form is elsewhere
