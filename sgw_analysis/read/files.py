"""Edge: the entries of a round's folder, and one file's bytes read without ever leaving the folder.

Links are listed like files and never followed out of the folder; folders of any depth are walked
without recursion; nothing under the folder is opened for writing.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from sgw_analysis.limits import LIMITS, MIB, Limits
from sgw_analysis.read.cells import ReadError


def find_files(raw_dir: Path) -> list[Path]:
    """Every entry under the folder that is not itself a folder (links included), in a stable order."""
    found: list[Path] = []
    folders = [raw_dir]
    while folders:
        folder = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            if folder != raw_dir:
                found.append(folder)  # listed, so that the round says it could not be opened
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                folders.append(Path(entry.path))
            else:
                found.append(Path(entry.path))
    return sorted(found, key=lambda p: p.relative_to(raw_dir).as_posix())


def _target(path: Path, root: Path) -> Path:
    """The path to read: the file itself, or a link's target when that lies inside the folder."""
    if not path.is_symlink():
        return path
    target = path.resolve()
    if not target.is_relative_to(root.resolve()):
        raise ReadError("link_outside")
    return target


def read_round_file(path: Path, root: Path, limits: Limits = LIMITS) -> bytes:
    """A regular file's bytes, read-only; ReadError for a link out of the folder, a device, a giant."""
    target = _target(path, root)
    info = os.stat(target)
    if stat.S_ISDIR(info.st_mode):
        raise ReadError("entry_folder")
    if not stat.S_ISREG(info.st_mode):
        raise ReadError("entry_special")
    if info.st_size > limits.file_bytes:
        raise ReadError("file_too_large", f"{info.st_size / MIB:.0f}MB")
    fd = os.open(target, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as fh:
        data = fh.read(info.st_size + 1)  # sized by the file: no buffer of the limit's size
        if len(data) > info.st_size:  # grew since: read on, as far as the limit
            data += fh.read(limits.file_bytes + 1 - len(data))
    if len(data) > limits.file_bytes:  # grew since it was listed
        raise ReadError("file_too_large", f"{len(data) / MIB:.0f}MB")
    return data


def file_identity(path: Path, root: Path, limits: Limits = LIMITS) -> tuple[str | None, float]:
    """sha256 and time of a file whose reading failed elsewhere; None where it cannot be hashed."""
    try:
        mtime = os.lstat(path).st_mtime
        target = _target(path, root)
        info = os.stat(target)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limits.file_bytes:
            return None, mtime
        with open(target, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest(), mtime
    except (OSError, ReadError):
        return None, 0.0
