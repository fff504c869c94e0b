"""Word's binary .doc, WPS .wps, RTF, .odt and flat .fods through LibreOffice headless.

LibreOffice converts in a temporary folder (removed afterwards) with a profile of its own, so
two conversions never share a lock, and within a time limit; where it is not installed the file
is rejected with the way out (save as .docx or .xlsx).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from sgw_analysis.labels import FORMAT_NAME
from sgw_analysis.limits import READER_LIMITS
from sgw_analysis.read.cells import ReadError, Workbook

_TARGET = {".doc": "docx", ".wps": "docx", ".rtf": "docx", ".odt": "docx", ".fods": "xlsx"}


def office_program() -> str | None:
    """The LibreOffice program on PATH (soffice or libreoffice), or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_converted(data: bytes, suffix: str) -> Workbook:
    """Convert a document or flat spreadsheet with LibreOffice, then read the .docx or .xlsx."""
    from sgw_analysis.read import read_bytes

    target = _TARGET[suffix]
    return read_bytes(convert(data, suffix, target), f"converted.{target}")


def convert(data: bytes, suffix: str, target: str) -> bytes:
    """The bytes LibreOffice writes for ``data`` converted to ``target``; ReadError when it cannot."""
    program = office_program()
    if program is None:
        raise ReadError("needs_libreoffice", FORMAT_NAME[suffix])
    with tempfile.TemporaryDirectory(prefix="sgw-convert-") as folder:
        work = Path(folder)
        source = work / f"return{suffix}"
        source.write_bytes(data)
        command = [program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                   "--norestore", "--convert-to", target, "--outdir", str(work / "out"),
                   str(source)]
        _run(command)
        produced = work / "out" / f"return.{target}"
        if not produced.is_file() or produced.stat().st_size == 0:
            raise ReadError("file_corrupt")
        return produced.read_bytes()


def _run(command: list[str]) -> None:
    """Run LibreOffice in a session of its own; at the time limit its whole group is killed."""
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        process.wait(timeout=READER_LIMITS.convert_seconds)
    except subprocess.TimeoutExpired as exc:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise ReadError("convert_timeout") from exc
