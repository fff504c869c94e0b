"""Helpers for the tests of printed outputs: LibreOffice → PDF, the text of each PDF page."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import unicodedata
import zlib
from pathlib import Path

import pdfplumber
import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: printed-page checks skipped")
needs_chromium = pytest.mark.skipif(
    shutil.which("chromium") is None and not Path("/usr/bin/chromium").exists(),
    reason="Debian's chromium is not installed: report.pdf skipped")
NUMBER = re.compile(r"\d[\d,]*")


def soffice_pdf(document: Path, profile: Path) -> Path:
    """``document`` converted to PDF beside it by headless LibreOffice in its own profile."""
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(document.parent), str(document)],
                   check=True, capture_output=True, timeout=300)
    pdf = document.with_suffix(".pdf")
    assert pdf.is_file(), f"LibreOffice wrote no PDF for {document.name}"
    return pdf


def squeeze(text: str) -> str:
    """Text without whitespace (PDF extraction spaces CJK and Latin differently per tool), and
    Kangxi radicals (U+2F00...) folded to their ideographs, as NFKC does."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def has(text: str, expected: str) -> bool:
    """``expected`` in ``text``, where a CJK Radicals Supplement character (U+2E80-U+2EFF,
    which NFKC does not fold) may stand for any ideograph: Chromium's PDFs map some glyphs
    of Noto CJK back to those radicals (页 comes out as ⻚)."""
    pattern = "".join(f"[{re.escape(c)}\u2e80-\u2eff]" if ord(c) > 0x2e7f else re.escape(c)
                      for c in squeeze(expected))
    return re.search(pattern, text) is not None


def page_texts(pdf: Path) -> list[str]:
    """The text of every page, whitespace removed."""
    with pdfplumber.open(pdf) as document:
        return [squeeze(page.extract_text() or "") for page in document.pages]


def page_lines(pdf: Path) -> list[list[str]]:
    """The lines of every page, each with its whitespace removed."""
    with pdfplumber.open(pdf) as document:
        return [[squeeze(line) for line in (page.extract_text() or "").splitlines()]
                for page in document.pages]


def tiny_png(width: int = 4, height: int = 3) -> bytes:
    """A valid grey PNG of the given size, built by hand (no imaging library needed)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))
