"""Every limit on what one file may cost, in one place: bytes, members, sheets, rows, text, memory, time.

A 附件2 is a one-sheet form of some 30 rows and 6 columns, a few dozen kilobytes. The limits
below are far above any real return and far below what would hurt a round: a file over a limit
is rejected with a reason (or, for rows, columns and sheets, read as far as the limit with a
finding), never allowed to take the round's memory or time. The README lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one file may cost; the defaults are the package's, a test may pass smaller ones."""

    # on disk: a return with pictures is a few MB; beyond this the file is not read at all
    file_bytes: int = 64 * MIB
    # zip containers (.xlsx/.xlsm): members listed, bytes one member and all members may inflate
    # to (declared size checked first, inflation stopped at the limit whatever the header says)
    zip_members: int = 2_000
    zip_member_bytes: int = 64 * MIB
    zip_total_bytes: int = 192 * MIB
    # inflated/compressed ratio above which a member larger than zip_ratio_from is a bomb:
    # spreadsheet XML compresses 5-30x (a long repeated text in one cell 1000x, but in a small
    # member), a decompression bomb 1000x and more
    zip_ratio: int = 1000
    zip_ratio_from: int = 16 * MIB
    # sheets read (the rest are named in a finding), rows and columns scanned on each sheet
    sheets: int = 50
    rows: int = 5_000
    columns: int = 200
    # cells kept of one workbook (a 附件2 has about 200); reading stops there, with a finding
    cells: int = 200_000
    # characters kept of one cell: Excel's own maximum; longer text is cut, with a finding
    cell_chars: int = 32_767
    # characters of one cell the label search looks at (labels are short; keeps it linear)
    label_chars: int = 200
    # a worker process may grow its address space by this much beyond what it inherited;
    # with at most ``workers`` workers a round stays under 1 GiB
    worker_memory_bytes: int = 320 * MIB
    # wall-clock seconds one file may take in its worker (read, locate, parse), enforced from outside
    file_seconds: float = 30.0
    # worker processes at most (the machine's cores, if fewer); one where a file may need OCR
    workers: int = 2
    ocr_suffixes: frozenset[str] = frozenset({
        ".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp", ".pdf", ".zip", ".rar",
        ".7z"})
    # bytes of one file's pickled result sent back by its worker
    result_bytes: int = 32 * MIB


LIMITS = Limits()


# ---- readers: Word, PDF, images, archives
@dataclass(frozen=True)
class ReaderLimits:
    """Bounds on reading documents, images and archives, so one hostile file cannot stop a round."""

    convert_seconds: float = 90.0  # LibreOffice converting one .doc/.wps
    archive_members: int = 200  # files in one archive
    archive_member_bytes: int = 50 * 2**20  # one member, inflated
    archive_total_bytes: int = 200 * 2**20  # all members of one archive, inflated
    archive_ratio: int = 200  # inflated size / compressed size of one member
    archive_depth: int = 2  # an archive inside an archive inside the round's archive, no deeper
    pdf_pages: int = 30  # pages of one PDF read (a form is one or two)
    image_pixels: int = 60_000_000  # a larger image is not a phone photo (decompression bomb)
    ocr_pages: int = 5  # scanned PDF pages sent to OCR
    # address space a worker may add once for the OCR model (onnxruntime and OpenCV map ~1 GB of
    # it, 0.5 GB resident), beyond the worker's own ceiling; only a worker that meets an image
    ocr_memory_bytes: int = 1536 * MIB
    # an OCR'd number below this recogniser confidence is not taken: empty, with an error
    ocr_min_confidence: float = 0.9
    ocr_min_boxes: int = 4  # fewer text boxes than this: not a form (a QR code, a photo)


READER_LIMITS = ReaderLimits()
