"""One bounded zip reader: members inflated by pieces within a budget, for Office containers and
archives of returns alike, each refusing in its own words; and a zip opened once per file."""

from __future__ import annotations

import io
import zipfile

import pytest
from conftest import zip_bytes

from sgw_analysis.examine import examine
from sgw_analysis.limits import MIB, Limits, ReaderLimits
from sgw_analysis.read import ReadError, read_bytes
from sgw_analysis.read.archive import Archive
from sgw_analysis.read.unpack import members, sniff
from sgw_analysis.read.zipped import MEMBER, PIECE, RATIO, TOTAL, Budget, open_zip


def _understated(data: bytes, name: str, declared: int) -> bytes:
    """``data`` with the central directory declaring ``declared`` bytes for member ``name``."""
    lying = bytearray(data)
    at = lying.find(b"PK\x01\x02")
    while lying[at + 46: at + 46 + len(name.encode())] != name.encode():
        at = lying.find(b"PK\x01\x02", at + 4)
    lying[at + 24: at + 28] = declared.to_bytes(4, "little")
    return bytes(lying)


def _budget(**knobs: int) -> Budget:
    limits = {"member_bytes": 64 * MIB, "total_bytes": 64 * MIB, "ratio": 10**6,
              "ratio_from": 64 * MIB, **knobs}
    return Budget(**limits, refusal=lambda limit: ReadError("refused", limit))


def _refusal(budget: Budget, data: bytes, name: str) -> str:
    archive = zipfile.ZipFile(io.BytesIO(data))
    with pytest.raises(ReadError) as info:
        b"".join(budget.pieces(archive, archive.getinfo(name)))
    return info.value.what


def test_a_member_past_one_members_limit_is_stopped_at_the_first_piece_beyond_it():
    budget = _budget(member_bytes=4 * MIB)
    assert _refusal(budget, zip_bytes({"big.bin": b"\0" * (8 * MIB)}), "big.bin") == MEMBER
    assert 4 * MIB < budget.inflated <= 4 * MIB + PIECE


def test_members_past_the_total_are_stopped_at_the_first_piece_beyond_it():
    data = zip_bytes({"a.bin": b"\0" * (3 * MIB), "b.bin": b"\1" * (3 * MIB)})
    budget = _budget(total_bytes=5 * MIB)
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert len(b"".join(budget.pieces(archive, archive.getinfo("a.bin")))) == 3 * MIB
    assert _refusal(budget, data, "b.bin") == TOTAL
    assert 5 * MIB < budget.inflated <= 5 * MIB + PIECE


def test_a_member_past_the_ratio_is_stopped_once_it_is_past_the_floor():
    budget = _budget(ratio=100, ratio_from=MIB)
    assert _refusal(budget, zip_bytes({"bomb.bin": b"\0" * (8 * MIB)}), "bomb.bin") == RATIO
    assert MIB < budget.inflated <= MIB + PIECE


def test_a_member_whose_header_understates_its_size_is_never_inflated_past_it():
    data = _understated(zip_bytes({"a.xlsx": b"\0" * (8 * MIB), "b.txt": b"x"}), "a.xlsx", 4096)
    budget = _budget(member_bytes=MIB)
    archive = zipfile.ZipFile(io.BytesIO(data))
    with pytest.raises(zipfile.BadZipFile):  # the CRC of what it declared is not the member's
        b"".join(budget.pieces(archive, archive.getinfo("a.xlsx")))
    assert budget.inflated <= 4096  # zipfile stops at the declared end, where the CRC fails
    with pytest.raises(ReadError) as info:
        list(members(data, ReaderLimits(archive_member_bytes=MIB)))
    assert info.value.code == "file_corrupt"


def test_the_office_reader_refuses_a_member_by_its_declared_size_before_inflating_it():
    data = zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"\0" * (8 * MIB)})
    archive = Archive(data, Limits(zip_member_bytes=4 * MIB))
    with pytest.raises(ReadError) as info:
        archive.read("xl/workbook.xml")
    assert (info.value.code, info.value.what, archive.budget.inflated) == ("zip_bomb", "8MB", 0)
    archive = Archive(data, Limits(zip_ratio=100, zip_ratio_from=MIB))
    with pytest.raises(ReadError) as info:
        archive.read("xl/workbook.xml")
    assert (info.value.code, info.value.what, archive.budget.inflated) == ("zip_bomb", "8MB", 0)


def test_the_office_reader_stops_two_members_read_at_once_at_their_shared_budget():
    data = zip_bytes({"a.xml": b"a" * (2 * MIB), "b.xml": b"b" * (2 * MIB)})
    archive = Archive(data, Limits(zip_member_bytes=2 * MIB, zip_total_bytes=3 * MIB))
    # each declares 2 MiB of the 3 MiB, checked when opened, while nothing is inflated yet
    first, second = archive.open("a.xml"), archive.open("b.xml")
    assert len(first.read()) == 2 * MIB
    with pytest.raises(ReadError) as info:
        second.read()
    assert (info.value.code, info.value.what) == ("zip_bomb", "")
    assert 3 * MIB < archive.budget.inflated <= 3 * MIB + PIECE


def test_the_archive_reader_names_the_limit_a_member_crossed_while_inflating():
    bomb = zip_bytes({"bomb.xlsx": b"\0" * (8 * MIB)})
    for limits, detail in [
            (ReaderLimits(archive_member_bytes=4 * MIB, archive_ratio=10**6), "单个文件超过4MB"),
            (ReaderLimits(archive_total_bytes=3 * MIB, archive_ratio=10**6), "解压后超过3MB"),
            (ReaderLimits(archive_ratio=100), "压缩比超过100倍")]:
        with pytest.raises(ReadError) as info:
            list(members(bomb, limits))
        assert (info.value.code, info.value.what) == ("archive_too_large", detail)


def test_nested_archives_share_one_budget():
    limits = ReaderLimits(archive_total_bytes=5 * MIB, archive_ratio=10**6)
    inner = zip_bytes({"a.txt": b"a" * (3 * MIB)})
    found = members(zip_bytes({"inner.zip": inner, "after.txt": b"b" * (3 * MIB)}), limits)
    assert next(found).name == "inner.zip!a.txt"
    with pytest.raises(ReadError) as info:
        next(found)
    assert (info.value.code, info.value.what) == ("archive_too_large", "解压后超过5MB")


def test_a_nested_archive_refused_while_inflating_is_one_member_and_the_rest_is_read():
    limits = ReaderLimits(archive_member_bytes=2 * MIB, archive_ratio=10**6)
    inner = zip_bytes({"a.txt": b"a" * (3 * MIB)})
    found = list(members(zip_bytes({"inner.zip": inner, "after.txt": b"x"}), limits))
    assert [(m.name, m.error and (m.error.code, m.error.what)) for m in found] == [
        ("inner.zip", ("archive_too_large", "单个文件超过2MB")), ("after.txt", None)]


@pytest.mark.parametrize("entries,archive", [
    ({"[Content_Types].xml": b"x"}, False), ({"mimetype": b"x"}, False),
    ({"Index/Document.iwa": b"x"}, False), ({"word/document.xml": b"x"}, False),
    ({"xl/workbook.xml": b"x"}, False), ({"广东省 附件2.xlsx": b"x", "说明.txt": b"x"}, True),
    ({"XL/workbook.xml": b"x"}, True),  # names compared as written, as before
])
def test_a_zip_is_an_archive_of_returns_unless_it_holds_an_office_or_opendocument_part(
        entries, archive):
    sniffed = sniff(zip_bytes(entries))
    assert sniffed.archive is archive
    assert sorted(sniffed.opened.namelist()) == sorted(entries)


@pytest.mark.parametrize("data,archive", [
    (b"Rar!\x1a\x07\x00" + b"\0" * 20, True), (b"7z\xbc\xaf\x27\x1c" + b"\0" * 20, True),
    (b"PK\x03\x04broken", False), (b"PK\x05\x06" + b"\0" * 18, False), (b"plain text", False),
])
def test_what_is_not_a_readable_zip_is_told_without_a_zip(data, archive):
    assert sniff(data) == (archive, None)


@pytest.fixture
def openings(monkeypatch) -> list[int]:
    """Every zip the package opens for reading from now on, counted."""
    opened: list[int] = []

    class Counted(zipfile.ZipFile):
        def __init__(self, file, mode="r", *args, **kwargs):
            if mode == "r":
                opened.append(1)
            super().__init__(file, mode, *args, **kwargs)

    monkeypatch.setattr(zipfile, "ZipFile", Counted)
    return opened


def test_a_return_is_opened_as_a_zip_once_to_tell_what_it_is_and_read_it(make_form, openings):
    path, _ = make_form()
    openings.clear()
    result = examine(path, path.parent)
    assert (result.rejected, result.format, len(openings)) == (None, "xlsx", 1)


def test_an_archive_and_each_return_in_it_are_opened_once(make_form, openings):
    path, _ = make_form()
    (path.parent / "returns.zip").write_bytes(zip_bytes({"广东省 附件2.xlsx": path.read_bytes()}))
    path.unlink()
    openings.clear()
    result = examine(path.parent / "returns.zip", path.parent)
    assert [member.format for member in result.members] == ["xlsx"]
    assert len(openings) == 2


def test_a_reader_given_the_opened_zip_reads_what_it_would_have_opened(make_form):
    path, _ = make_form()
    data = path.read_bytes()
    opened = open_zip(data)
    assert read_bytes(data, path.name, opened=opened) == read_bytes(data, path.name)
