"""Archives: a .zip read member by member, in memory, within the limits of bounded reading.

Member names are decoded as UTF-8 where the archive says so, else as GBK (GB18030), as Windows
zips them in China; a name that is absolute or climbs out with ``..`` stops the whole archive;
inflating stops at the limit whatever the header claims. An archive inside an archive is opened
the same way, sharing one budget, down to a fixed depth. RAR and 7z are not read (no registry
package reads them in memory within such limits): the way out is to unzip and send the files.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from sgw_analysis.labels import READER_DETAIL
from sgw_analysis.limits import READER_LIMITS, ReaderLimits
from sgw_analysis.read.cells import ReadError

_CHUNK = 1 << 16
_DOCUMENT_PARTS = ("[Content_Types].xml", "mimetype", "Index/Document.iwa")
_DRIVE = re.compile(r"^[A-Za-z]:")
_SKIPPED = ("__MACOSX/",)  # macOS resource forks, not files the sender chose
_RATIO_FLOOR = 1 << 20  # a member smaller than this inflated is harmless at any ratio


@dataclass(frozen=True)
class Member:
    """A file inside an archive: its path (``a.zip!b/c.xlsx`` below the top), bytes and time."""

    name: str
    data: bytes
    mtime: float
    error: ReadError | None = None  # a nested archive that could not be opened


@dataclass
class _Budget:
    limits: ReaderLimits
    members: int = 0
    inflated: int = 0
    notes: list[str] = field(default_factory=list)


def is_archive(data: bytes) -> bool:
    """A .zip that is not an Office, OpenDocument or Numbers file, or a RAR or 7z archive."""
    if data.startswith((b"Rar!", b"7z\xbc\xaf")):
        return True
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, EOFError, ValueError, OSError):
        return False  # a broken .xlsx is a corrupt spreadsheet, not an archive
    return not any(n in _DOCUMENT_PARTS or n.startswith(("word/", "xl/")) for n in names)


def members(data: bytes, limits: ReaderLimits = READER_LIMITS) -> Iterator[Member]:
    """Every file of an archive, nested archives opened; ReadError stops the whole archive."""
    yield from _members(data, "", 0, _Budget(limits))


def _members(data: bytes, prefix: str, depth: int, budget: _Budget) -> Iterator[Member]:
    if data.startswith(b"Rar!"):
        raise ReadError("archive_unsupported", "RAR")
    if data.startswith(b"7z\xbc\xaf"):
        raise ReadError("archive_unsupported", "7z")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError, OSError) as exc:
        raise ReadError("file_corrupt") from exc
    for info in infos:
        name = member_name(info)
        if info.is_dir() or name.startswith(_SKIPPED):
            continue
        budget.members += 1
        if budget.members > budget.limits.archive_members:
            raise ReadError("archive_too_large", READER_DETAIL["archive_members"].format(
                limit=budget.limits.archive_members))
        if info.flag_bits & 0x1:
            raise ReadError("archive_encrypted")
        blob = _inflate(archive, info, budget)
        path = f"{prefix}{name}"
        mtime = _mtime(info)
        if not is_archive(blob):
            yield Member(path, blob, mtime)
        elif depth + 1 >= budget.limits.archive_depth:
            yield Member(path, blob, mtime, ReadError("archive_too_deep"))
        else:
            try:
                yield from _members(blob, f"{path}!", depth + 1, budget)
            except ReadError as exc:
                yield Member(path, blob, mtime, exc)


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's path as the sender saw it, checked never to leave the archive."""
    name = info.filename
    if not info.flag_bits & 0x800:  # no UTF-8 flag: zipfile decoded the bytes as cp437
        raw = name.encode("cp437")
        try:
            name = raw.decode("utf-8")
        except UnicodeDecodeError:
            name = raw.decode("gb18030", errors="replace")
    name = name.replace("\\", "/")
    parts = name.split("/")
    if name.startswith("/") or _DRIVE.match(name) or ".." in parts:
        raise ReadError("archive_unsafe_path", name)
    return posixpath.normpath(name) + ("/" if name.endswith("/") else "")


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget) -> bytes:
    """A member's bytes, read in chunks and stopped at the first limit crossed."""
    limits = budget.limits
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                budget.inflated += len(chunk)
                if size > limits.archive_member_bytes:
                    raise ReadError("archive_too_large", READER_DETAIL["archive_member_size"].format(
                        limit=limits.archive_member_bytes >> 20))
                if budget.inflated > limits.archive_total_bytes:
                    raise ReadError("archive_too_large", READER_DETAIL["archive_total_size"].format(
                        limit=limits.archive_total_bytes >> 20))
                if size > _RATIO_FLOOR and size > limits.archive_ratio * max(info.compress_size, 1):
                    raise ReadError("archive_too_large", READER_DETAIL["archive_ratio"].format(
                        limit=limits.archive_ratio))
                chunks.append(chunk)
    except (zipfile.BadZipFile, EOFError, ValueError, OSError, NotImplementedError) as exc:
        raise ReadError("file_corrupt") from exc
    return b"".join(chunks)


def _mtime(info: zipfile.ZipInfo) -> float:
    try:
        return datetime(*info.date_time).timestamp()
    except (ValueError, OverflowError):
        return 0.0
