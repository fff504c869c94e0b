"""Edge: the only module that creates files, each written atomically (temp file, then rename).

A temporary file is named ``.<name>.<random>.sgw-partial`` beside its output; a run killed while
writing leaves at most such files, and the next run removes them before it writes, so a killed
and rerun round ends with exactly the files of an undisturbed one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sgw_analysis.tables import Tables

if TYPE_CHECKING:  # annotations only: the writer loads before the tables
    import pandas as pd


def table_csv(frame: pd.DataFrame) -> bytes:
    """A table as CSV bytes in UTF-8 with a BOM (Excel and WPS read the Chinese right)."""
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


PARTIAL = ".sgw-partial"


def write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (whole on disk before it takes the name); make its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=PARTIAL, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp, 0o644)  # mkstemp makes 0600; outputs are for others to read
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path


def write_outputs(out_dir: Path, outputs: dict[str, bytes]) -> list[Path]:
    """Write each output (relative path → bytes) under ``out_dir``; a killed run's partial files go first."""
    for relative in outputs:
        if Path(relative).is_absolute() or ".." in Path(relative).parts:
            raise ValueError(f"an output must stay inside the output folder: {relative}")
    if out_dir.is_dir():
        for partial in out_dir.rglob(f".*{PARTIAL}"):
            if partial.is_file() and not partial.is_symlink():
                partial.unlink()
    return [write_bytes(out_dir / relative, data) for relative, data in outputs.items()]


SCRATCH = ".sgw-scratch"
# Chromium puts a Unix socket in TMPDIR (.org.chromium.Chromium.XXXXXX/SingletonSocket, 45 more
# characters) and a socket path holds at most 107; with a longer TMPDIR it cannot start
SOCKET_SAFE_TMPDIR = 60


@contextmanager
def scratch_in(out_dir: Path) -> Iterator[Path]:
    """Every temporary file of the run (Chromium profiles, converted documents) inside OUT, then gone.

    Python's ``tempfile`` uses the folder while the run is inside this block, and so do child
    processes through TMPDIR where its path is short enough for the Unix socket Chromium makes
    there (otherwise that one socket stays in the system's temp folder); removed after.
    """
    folder = out_dir / SCRATCH
    shutil.rmtree(folder, ignore_errors=True)  # a killed run's leftovers
    folder.mkdir(parents=True)
    saved_dir, saved_env = tempfile.tempdir, os.environ.get("TMPDIR")
    tempfile.tempdir = str(folder.resolve())
    if len(tempfile.tempdir) <= SOCKET_SAFE_TMPDIR:
        os.environ["TMPDIR"] = tempfile.tempdir
    try:
        yield folder
    finally:
        tempfile.tempdir = saved_dir
        if saved_env is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = saved_env
        shutil.rmtree(folder, ignore_errors=True)


def table_outputs(tables: Tables) -> dict[str, bytes]:
    """The four ingestion tables as ``tables/<name>.csv`` → bytes."""
    return {f"tables/{name}.csv": table_csv(frame) for name, frame in tables.as_dict().items()}
