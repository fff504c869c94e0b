"""Archives: a .zip read member by member, in memory, within the limits of bounded reading.

Member names are decoded as UTF-8 where the archive says so, else as GBK (GB18030), as Windows
zips them in China; a name that is absolute or climbs out with ``..`` stops the whole archive;
inflating stops at the limit whatever the header claims. An archive inside an archive is opened
the same way, sharing one budget, down to a fixed depth. RAR and 7z are not read (no registry
package reads them in memory within such limits): the way out is to unzip and send the files.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sgw_analysis.labels import READER_DETAIL
from sgw_analysis.limits import READER_LIMITS, ReaderLimits
from sgw_analysis.read.cells import ReadError
from sgw_analysis.read.zipped import MEMBER, TOTAL, Budget, open_zip

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
    opened: zipfile.ZipFile | None = None  # ``data`` as a zip, where opened to tell what it is


class Sniffed(NamedTuple):
    """What a file is, told from its first bytes and a zip's member names."""

    archive: bool  # a .zip that is not an Office, OpenDocument or Numbers file, or a RAR or 7z
    opened: zipfile.ZipFile | None  # the zip opened to tell, for its reader to read on


def sniff(data: bytes) -> Sniffed:
    """Whether ``data`` is an archive of returns, with the zip opened to tell (opened once)."""
    if data.startswith((b"Rar!", b"7z\xbc\xaf")):
        return Sniffed(True, None)
    if not data.startswith(b"PK\x03\x04"):
        return Sniffed(False, None)
    try:
        opened = open_zip(data)
    except ReadError:
        return Sniffed(False, None)  # a broken .xlsx is a corrupt spreadsheet, not an archive
    names = opened.namelist()
    return Sniffed(not any(n in _DOCUMENT_PARTS or n.startswith(("word/", "xl/")) for n in names),
                   opened)


@dataclass
class _Budget:
    limits: ReaderLimits
    inflating: Budget  # bytes, shared by the nested archives
    members: int = 0


def members(data: bytes, limits: ReaderLimits = READER_LIMITS,
            opened: zipfile.ZipFile | None = None) -> Iterator[Member]:
    """Every file of an archive, nested archives opened; ReadError stops the whole archive.

    ``opened``: ``data`` already opened as a zip (by ``sniff``)."""
    inflating = Budget(limits.archive_member_bytes, limits.archive_total_bytes,
                       limits.archive_ratio, _RATIO_FLOOR, lambda limit: _too_large(limit, limits))
    yield from _members(data, opened, "", 0, _Budget(limits, inflating))


def _too_large(limit: str, limits: ReaderLimits) -> ReadError:
    """The refusal of a member that crossed ``limit`` while inflating, naming the limit."""
    if limit == MEMBER:
        detail = READER_DETAIL["archive_member_size"].format(limit=limits.archive_member_bytes >> 20)
    elif limit == TOTAL:
        detail = READER_DETAIL["archive_total_size"].format(limit=limits.archive_total_bytes >> 20)
    else:
        detail = READER_DETAIL["archive_ratio"].format(limit=limits.archive_ratio)
    return ReadError("archive_too_large", detail)


def _members(data: bytes, opened: zipfile.ZipFile | None, prefix: str, depth: int,
             budget: _Budget) -> Iterator[Member]:
    if data.startswith(b"Rar!"):
        raise ReadError("archive_unsupported", "RAR")
    if data.startswith(b"7z\xbc\xaf"):
        raise ReadError("archive_unsupported", "7z")
    archive = open_zip(data) if opened is None else opened
    for info in archive.infolist():
        name = member_name(info)
        if info.is_dir() or name.startswith(_SKIPPED):
            continue
        budget.members += 1
        if budget.members > budget.limits.archive_members:
            raise ReadError("archive_too_large", READER_DETAIL["archive_members"].format(
                limit=budget.limits.archive_members))
        if info.flag_bits & 0x1:
            raise ReadError("archive_encrypted")
        blob = _inflate(archive, info, budget.inflating)
        path = f"{prefix}{name}"
        mtime = _mtime(info)
        nested = sniff(blob)
        if not nested.archive:
            yield Member(path, blob, mtime, opened=nested.opened)
        elif depth + 1 >= budget.limits.archive_depth:
            yield Member(path, blob, mtime, ReadError("archive_too_deep"))
        else:
            try:
                yield from _members(blob, nested.opened, f"{path}!", depth + 1, budget)
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


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget) -> bytes:
    """A member's bytes, read by pieces and stopped at the first limit crossed; its header's
    sizes are not checked first (a refusal names the limit the inflated bytes crossed)."""
    try:
        return b"".join(budget.pieces(archive, info))
    except (zipfile.BadZipFile, EOFError, ValueError, OSError, NotImplementedError) as exc:
        raise ReadError("file_corrupt") from exc


def _mtime(info: zipfile.ZipInfo) -> float:
    try:
        return datetime(*info.date_time).timestamp()
    except (ValueError, OverflowError):
        return 0.0
