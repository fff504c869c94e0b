"""A zip opened, and its members inflated piece by piece within a budget: the one bounded reader
behind both the Office/OpenDocument containers (``archive``) and the archives of returns (``unpack``).

zipfile never gives more of a member than its central directory declares (past that, the CRC
check fails), but a declared size may be anything: so every piece is counted as it comes, and
the member is stopped at the first piece that takes it past one member's limit, all members'
limit, or the ratio of its inflated to its compressed size. What a refusal says is the caller's.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sgw_analysis.read.cells import ReadError

PIECE = 64 * 1024  # a member is inflated, and its budget checked, by pieces of this size
MEMBER, TOTAL, RATIO = "member", "total", "ratio"  # the limit a member crossed


def open_zip(data: bytes) -> zipfile.ZipFile:
    """``data`` as a zip, its central directory read; ReadError ``file_corrupt`` if it is not one."""
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError) as exc:
        raise ReadError("file_corrupt") from exc


@dataclass
class Budget:
    """What one zip's members may inflate to (one member, all together, and one member's ratio
    once it is past ``ratio_from`` bytes); ``refusal`` says why a member crossing a limit is refused."""

    member_bytes: int
    total_bytes: int
    ratio: int
    ratio_from: int
    refusal: Callable[[str], ReadError]
    inflated: int = 0  # bytes inflated so far, by every member read within this budget

    def crossed(self, size: int, total: int, compressed: int) -> str | None:
        """The limit a member of ``size`` bytes (``compressed`` in the zip) crosses when all
        members come to ``total`` bytes: MEMBER, TOTAL or RATIO, checked in that order; or None."""
        if size > self.member_bytes:
            return MEMBER
        if total > self.total_bytes:
            return TOTAL
        if size > self.ratio_from and size > self.ratio * max(compressed, 1):
            return RATIO
        return None

    def pieces(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
        """A member's bytes by pieces; the refusal raised the moment a piece crosses a limit."""
        size = 0
        with archive.open(info) as stream:
            while piece := stream.read(PIECE):
                size += len(piece)
                self.inflated += len(piece)
                limit = self.crossed(size, self.inflated, info.compress_size)
                if limit is not None:
                    raise self.refusal(limit)
                yield piece
