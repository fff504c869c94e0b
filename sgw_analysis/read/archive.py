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
from contextlib import closing
from itertools import chain
from xml.etree import ElementTree
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeElementTree

from sgw_analysis.limits import MIB, Limits
from sgw_analysis.read.cells import ReadError
from sgw_analysis.read.zipped import PIECE, Budget, open_zip

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
_FEED = 16 * 1024  # what iterparse feeds its parser at a time


def has_no_dtd(head: bytes) -> bool:
    """Whether an XML document beginning with ``head`` opens on its root element, so has no DTD."""
    return _NO_DTD.match(head[:_PROLOG_BYTES]) is not None


def _key(name: str) -> str:
    """A member name as Excel finds it: ``\\`` is ``/``, no leading slash, case ignored."""
    return name.replace("\\", "/").lstrip("/").lower()


class _Stream(io.RawIOBase):
    """A member's pieces as a stream, for defusedxml's parser, which reads a file."""

    def __init__(self, pieces: Iterator[bytes]) -> None:
        self.pieces, self.rest = pieces, b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:
        data = self.rest or next(self.pieces, b"")
        size = min(len(buffer), len(data))
        buffer[:size], self.rest = data[:size], data[size:]
        return size


class Archive:
    """A zip's members by Excel's rules, read within ``limits``."""

    def __init__(self, data: bytes, limits: Limits, opened: zipfile.ZipFile | None = None) -> None:
        """``opened``: ``data`` already opened as a zip (where it was opened to tell what it is)."""
        self.zip = open_zip(data) if opened is None else opened
        infos = self.zip.infolist()
        if len(infos) > limits.zip_members:
            raise ReadError("zip_bomb")
        self.members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            self.members.setdefault(_key(info.filename), info)
        # one refusal, without a detail, whichever limit a member crosses while inflating
        self.budget = Budget(limits.zip_member_bytes, limits.zip_total_bytes, limits.zip_ratio,
                             limits.zip_ratio_from, lambda _limit: ReadError("zip_bomb"))

    def has(self, name: str) -> bool:
        """Whether the archive holds ``name`` (compared as Excel does)."""
        return _key(name) in self.members

    def names(self) -> set[str]:
        """Every member's name as compared: lower case, forward slashes."""
        return set(self.members)

    def _pieces(self, name: str) -> Iterator[bytes]:
        """A member's bytes inflated piece by piece: its declared size and ratio checked now
        (refused with that size, before inflating), then the same limits on every piece."""
        info = self.members.get(_key(name))
        if info is None:
            raise KeyError(name)
        budget, declared = self.budget, info.file_size
        if budget.crossed(declared, budget.inflated + declared, info.compress_size):
            raise ReadError("zip_bomb", f"{declared / MIB:.0f}MB")
        return budget.pieces(self.zip, info)

    def open(self, name: str) -> io.BufferedReader:
        """A member's bytes as a stream, within the limits."""
        return io.BufferedReader(_Stream(self._pieces(name)), PIECE)

    def read(self, name: str) -> bytes:
        """A member's bytes, within the limits."""
        return b"".join(self._pieces(name))

    def xml(self, name: str) -> Element:
        """A member's XML tree; a DTD (entities, external references) is refused."""
        with closing(self._pieces(name)) as pieces:
            first = next(pieces, b"")
            if not has_no_dtd(first):
                return SafeElementTree.parse(_stream(first, pieces), forbid_dtd=True).getroot()
            parser = ElementTree.XMLParser()
            for piece in chain((first,), pieces):
                parser.feed(piece)
            return parser.close()

    def iterxml(self, name: str, tags: set[str]) -> Iterator[Element]:
        """A member's elements whose tag is in ``tags``, each as it ends; the caller clears them."""
        with closing(self._pieces(name)) as pieces:
            first = next(pieces, b"")
            if has_no_dtd(first):
                shallow = _shallow(first, tags) if len(first) < PIECE else None
                yield from shallow if shallow is not None else _ends(chain((first,), pieces), tags)
                return
            for _event, element in SafeElementTree.iterparse(_stream(first, pieces), ("end",),
                                                             forbid_dtd=True):
                if element.tag in tags:
                    yield element


def _stream(first: bytes, pieces: Iterator[bytes]) -> io.BufferedReader:
    """A member's pieces (``first`` already taken) as the file defusedxml's parser reads."""
    return io.BufferedReader(_Stream(chain((first,), pieces)), PIECE)


def _shallow(member: bytes, tags: set[str]) -> list[Element] | None:
    """A whole small member's elements of ``tags`` parsed as one tree, where all are children of
    the root or all grandchildren: then none holds another, and document order is the order they
    end in. None where the member does not parse or has them elsewhere (then it is streamed)."""
    parser = ElementTree.XMLParser()
    try:
        parser.feed(member)
        root = parser.close()
    except ElementTree.ParseError:
        return None
    every = sum(len(list(root.iter(tag))) for tag in tags)
    found = [child for child in root if child.tag in tags]  # a sharedStrings' items
    if len(found) == every:
        return found
    found = [element for child in root for element in child if element.tag in tags]  # a sheet's
    return found if len(found) == every else None


def _ends(pieces: Iterator[bytes], tags: set[str]) -> Iterator[Element]:
    """``iterparse``'s loop (the same 16 KiB feeds, so the same errors at the same elements),
    without its generator layer: one Python frame less for every element of a sheet."""
    parser = ElementTree.XMLPullParser(("end",))
    for piece in pieces:
        for start in range(0, len(piece), _FEED):
            parser.feed(piece[start: start + _FEED])
            for _event, element in parser.read_events():
                if element.tag in tags:
                    yield element
    parser.close()
    for _event, element in parser.read_events():
        if element.tag in tags:
            yield element
