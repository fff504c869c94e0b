"""Edge: the only module that creates files, each written atomically (temp file, then rename)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from sgw_analysis.tables import Tables


def table_csv(frame: pd.DataFrame) -> bytes:
    """A table as CSV bytes in UTF-8 with a BOM (Excel and WPS read the Chinese right)."""
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


def write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(temp, 0o644)  # mkstemp makes 0600; outputs are for others to read
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path


def write_outputs(out_dir: Path, outputs: dict[str, bytes]) -> list[Path]:
    """Write each output (relative path → bytes) under ``out_dir``."""
    return [write_bytes(out_dir / relative, data) for relative, data in outputs.items()]


def table_outputs(tables: Tables) -> dict[str, bytes]:
    """The four ingestion tables as ``tables/<name>.csv`` → bytes."""
    return {f"tables/{name}.csv": table_csv(frame) for name, frame in tables.as_dict().items()}
