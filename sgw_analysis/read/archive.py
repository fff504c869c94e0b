"""A zip container opened under limits: members found whatever their slashes and case, each one
checked against its declared size and ratio before inflating and stopped at the limit while inflating,
and its XML parsed without a DTD (so without entity expansion or external entities).

A DTD can stand only in the prolog, before the root element (XML 1.0, production [22]). A member
that opens straight on its root element, after at most a UTF-8 byte order mark and an XML
declaration saying UTF-8 or nothing, has no DTD, so it is parsed by the C parser; anything else
(a comment, processing instruction or DOCTYPE before the root, another encoding) goes to
defusedxml's parser, which refuses a DTD but calls back into Python for every element.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeElementTree

from sgw_analysis.limits import MIB, Limits
from sgw_analysis.read.cells import ReadError

_S = rb"[ \t\r\n]"
_EQ = rb"[ \t\r\n]*=[ \t\r\n]*"
_NO_DTD = re.compile(  # BOM? XMLDecl? S* then the root element's start tag: no room for a DTD
    rb"(?:\xef\xbb\xbf)?"
    rb"(?:<\?xml" + _S + rb"+version" + _EQ + rb"(?:\"1\.0\"|'1\.0')"
    rb"(?:" + _S + rb"+encoding" + _EQ + rb"(?:\"[Uu][Tt][Ff]-8\"|'[Uu][Tt][Ff]-8'))?"
    rb"(?:" + _S + rb"+standalone" + _EQ + rb"(?:\"(?:yes|no)\"|'(?:yes|no)'))?"
    + _S + rb"*\?>)?"
    + _S + rb"*<[A-Za-z_]")
_PROLOG_BYTES = 512  # an XML declaration and a root's opening '<' fit well within


def has_no_dtd(head: bytes) -> bool:
    """Whether an XML document beginning with ``head`` opens on its root element, so has no DTD."""
    return _NO_DTD.match(head[:_PROLOG_BYTES]) is not None


def _key(name: str) -> str:
    """A member name as Excel finds it: ``\\`` is ``/``, no leading slash, case ignored."""
    return name.replace("\\", "/").lstrip("/").lower()


class _Bounded(io.RawIOBase):
    """A member's inflating stream that raises ReadError past ``budget`` bytes, whatever its header says."""

    def __init__(self, stream: io.BufferedIOBase, budget: int, on_read: callable) -> None:
        self.stream, self.budget, self.on_read = stream, budget, on_read

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:
        data = self.stream.read(len(buffer))
        self.budget -= len(data)
        if self.budget < 0:
            raise ReadError("zip_bomb")
        self.on_read(len(data))
        buffer[: len(data)] = data
        return len(data)


class Archive:
    """A zip's members by Excel's rules, read within ``limits``."""

    def __init__(self, data: bytes, limits: Limits) -> None:
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError) as exc:
            raise ReadError("file_corrupt") from exc
        if len(infos) > limits.zip_members:
            raise ReadError("zip_bomb")
        self.limits = limits
        self.members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            self.members.setdefault(_key(info.filename), info)
        self.left = limits.zip_total_bytes

    def has(self, name: str) -> bool:
        """Whether the archive holds ``name`` (compared as Excel does)."""
        return _key(name) in self.members

    def names(self) -> set[str]:
        """Every member's name as compared: lower case, forward slashes."""
        return set(self.members)

    def _count(self, size: int) -> None:
        self.left -= size

    def open(self, name: str) -> io.BufferedReader:
        """A member's bytes as a stream, after its declared size and ratio passed the limits."""
        info = self.members.get(_key(name))
        if info is None:
            raise KeyError(name)
        limits = self.limits
        declared = info.file_size
        if declared > min(limits.zip_member_bytes, self.left) or (
                declared > limits.zip_ratio_from
                and declared > limits.zip_ratio * max(info.compress_size, 1)):
            raise ReadError("zip_bomb", f"{declared / MIB:.0f}MB")
        budget = min(limits.zip_member_bytes, self.left)
        return io.BufferedReader(_Bounded(self.zip.open(info), budget, self._count), 64 * 1024)

    def read(self, name: str) -> bytes:
        """A member's bytes, within the limits."""
        with self.open(name) as stream:
            return stream.read()

    def xml(self, name: str) -> Element:
        """A member's XML tree; a DTD (entities, external references) is refused."""
        with self.open(name) as stream:
            if has_no_dtd(stream.peek(_PROLOG_BYTES)):
                return ElementTree.parse(stream).getroot()
            return SafeElementTree.parse(stream, forbid_dtd=True).getroot()

    def iterxml(self, name: str, tags: set[str]) -> Iterator[Element]:
        """A member's elements whose tag is in ``tags``, each as it ends; the caller clears them."""
        with self.open(name) as stream:
            if has_no_dtd(stream.peek(_PROLOG_BYTES)):
                yield from _ends(stream, tags)
                return
            for _event, element in SafeElementTree.iterparse(stream, ("end",), forbid_dtd=True):
                if element.tag in tags:
                    yield element


def _ends(stream: io.BufferedReader, tags: set[str]) -> Iterator[Element]:
    """``iterparse``'s loop (the same 16 KiB feeds, so the same errors at the same elements),
    without its generator layer: one Python frame less for every element of a sheet."""
    parser = ElementTree.XMLPullParser(("end",))
    while data := stream.read(16 * 1024):
        parser.feed(data)
        for _event, element in parser.read_events():
            if element.tag in tags:
                yield element
    parser.close()
    for _event, element in parser.read_events():
        if element.tag in tags:
            yield element
