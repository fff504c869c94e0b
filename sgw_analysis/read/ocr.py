"""Images (.png/.jpg screenshots and phone photos, scanned PDF pages) by OCR into the cells model.

RapidOCR (PP-OCRv4 in ONNX, weights inside the wheel: nothing is downloaded) finds and reads
the text boxes. The page is straightened by the median slant of the text lines, the ruling
lines of the form are found by morphology, and each box goes to the table cell that holds it:
its column is the ruling line to its left, its row the ruling line above, so that a number
right-aligned under a left-aligned header still stands in the header's column. Text outside
the rules (a title, a 填报日期 line) becomes rows of its own. Every cell keeps the image region
it was read from and the recogniser's lowest confidence in it.
"""

from __future__ import annotations

import io
import math
import resource
import statistics
from functools import lru_cache

import numpy as np

from sgw_analysis.labels import FORMAT_NAME, READER_DETAIL
from sgw_analysis.limits import READER_LIMITS
from sgw_analysis.read.cells import ReadError, Workbook
from sgw_analysis.read.flow import Flow
from sgw_analysis.read.layout import Box, Rules, lay_out

_SLANT_MIN_RATIO = 3  # only boxes this many times wider than high tell the slant
_BOX_THRESHOLD = 0.3  # below the default 0.5: a lone digit beside a rule is still a box


@lru_cache(maxsize=1)
def _engine():
    """The OCR engine, loaded once per process; ReadError naming the extra where it is absent."""
    _room_for_the_model()
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:
        raise ReadError("needs_ocr", FORMAT_NAME["image"]) from exc
    # one thread each: the round already reads files in parallel worker processes
    return RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)


def _room_for_the_model() -> None:
    """In a worker under a memory ceiling, room once for the OCR model (it maps about 1 GB)."""
    soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft != resource.RLIM_INFINITY:
        from sgw_analysis.isolate import cap_memory

        cap_memory(READER_LIMITS.ocr_memory_bytes)


def ocr_available() -> bool:
    """Whether the [ocr] extra is installed."""
    try:
        _engine()
    except ReadError:
        return False
    return True


def read_image(data: bytes) -> Workbook:
    """A screenshot or photo of the form as one sheet; ReadError where it holds no form's text."""
    pixels = decode_image(data)
    flow = Flow()
    add_page(flow, pixels, sheet="", scale=1.0)
    return flow.workbook("image")


def decode_image(data: bytes) -> np.ndarray:
    """The image as BGR pixels, refused before decoding when it is too large to be a photo."""
    try:
        from PIL import Image, ImageOps, UnidentifiedImageError
    except ImportError as exc:
        raise ReadError("needs_ocr", FORMAT_NAME["image"]) from exc
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > READER_LIMITS.image_pixels:
                raise ReadError("image_too_large",
                                READER_DETAIL["image_size"].format(width=width, height=height))
            rgb = np.asarray(ImageOps.exif_transpose(image).convert("RGB"))
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise ReadError("image_unreadable", type(exc).__name__) from exc
    return np.ascontiguousarray(rgb[:, :, ::-1])


def add_page(flow: Flow, pixels: np.ndarray, sheet: str, scale: float) -> None:
    """Read one page image into the flow; regions in the original image, divided by ``scale``."""
    raw = _recognise(pixels)  # first: loading the model makes room for OpenCV too
    import cv2

    if len(raw) < READER_LIMITS.ocr_min_boxes:
        found = cv2.QRCodeDetector().detect(pixels)[0]
        raise ReadError("image_not_form", READER_DETAIL["qr_code"] if found
                        else READER_DETAIL["few_texts"].format(count=len(raw)))
    slant = _slant(raw)
    height, width = pixels.shape[:2]
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), math.degrees(slant), 1.0)
    straight = cv2.warpAffine(pixels, turn, (width, height), borderMode=cv2.BORDER_REPLICATE)
    back = cv2.invertAffineTransform(turn)
    boxes = [_straight_box(points, text, score, turn) for points, text, score in raw]
    rules = _rules(cv2.cvtColor(straight, cv2.COLOR_BGR2GRAY), boxes)
    lay_out(flow, boxes, rules, lambda box: _region(box, back, scale), sheet)


def _recognise(pixels: np.ndarray) -> list[tuple[np.ndarray, str, float]]:
    # no angle classifier: it turns a crop it finds upside down, and 690 turned is 069, 99994 is h6666;
    # a page is straightened by its text lines instead, and a phone's EXIF turn applied on decoding
    result, _elapsed = _engine()(pixels, box_thresh=_BOX_THRESHOLD, use_cls=False)
    return [(np.asarray(points, dtype=float), text.strip(), float(score))
            for points, text, score in result or () if text.strip()]


def _slant(raw: list[tuple[np.ndarray, str, float]]) -> float:
    """The page's rotation (radians) as the median slant of the wide text boxes' top edges."""
    angles = []
    for points, _text, _score in raw:
        (x0, y0), (x1, y1) = points[0], points[1]
        height = float(np.linalg.norm(points[3] - points[0]))
        if x1 - x0 > _SLANT_MIN_RATIO * max(height, 1):
            angles.append(math.atan2(y1 - y0, x1 - x0))
    return statistics.median(angles) if angles else 0.0


def _straight_box(points: np.ndarray, text: str, score: float, turn: np.ndarray) -> Box:
    moved = points @ turn[:, :2].T + turn[:, 2]
    return Box(*moved.min(axis=0), *moved.max(axis=0), text, score)


def _region(box: Box, back: np.ndarray, scale: float) -> str:
    """A box's bounds in the original image (pixels, or PDF points for a scanned page)."""
    corners = np.array([[box.x0, box.y0], [box.x1, box.y0], [box.x1, box.y1], [box.x0, box.y1]])
    moved = (corners @ back[:, :2].T + back[:, 2]) / scale
    (x0, y0), (x1, y1) = moved.min(axis=0), moved.max(axis=0)
    return f"x={x0:.0f},y={y0:.0f},w={x1 - x0:.0f},h={y1 - y0:.0f}"


def _rules(gray: np.ndarray, boxes: list[Box]) -> Rules:
    """Ruling lines: dark pixels opened by kernels longer than a character, outside the text."""
    import cv2

    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 6)
    for box in boxes:  # cut every stroke of the text across its middle: no stroke is then a rule
        quarter = (box.y1 - box.y0) / 4
        ink[int(box.y0 + quarter): int(box.y1 - quarter) + 1, int(box.x0): int(box.x1) + 1] = 0
    text_height = statistics.median(b.y1 - b.y0 for b in boxes)
    found = {}
    for name, kernel in (("horizontal", (max(20, int(2.5 * text_height)), 1)),
                         ("vertical", (1, max(12, int(1.2 * text_height))))):
        mask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        mask = cv2.dilate(mask, np.ones((3, 3), np.uint8))
        count, _labels, stats, _centres = cv2.connectedComponentsWithStats(mask)
        segments = []
        for x, y, w, h, _area in stats[1:count]:
            if name == "horizontal":
                segments.append((y + h / 2, float(x), float(x + w)))
            else:
                segments.append((x + w / 2, float(y), float(y + h)))
        found[name] = tuple(segments)
    return Rules.of(found["horizontal"], found["vertical"])


