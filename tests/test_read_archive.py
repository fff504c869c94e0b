"""Archives, OpenDocument, Numbers, two formats of one return, and imports of a spreadsheet round."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import zipfile

import pytest
from conftest import DEFAULT_TOTALS

from sgw_analysis.demo.documents import Form, docx_bytes
from sgw_analysis.limits import ReaderLimits
from sgw_analysis.pipeline import ingest
from sgw_analysis.read import ReadError, read_bytes
from sgw_analysis.read.unpack import members

pytest.importorskip("docx", reason="python-docx (a dev dependency) builds the Word returns")


def _zip(entries: dict[str, bytes]) -> bytes:
    """A zip with UTF-8 names, as zipfile writes them (the UTF-8 flag set)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=(2017, 4, 13, 9, 30, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def _gbk_zip(entries: dict[str, bytes]) -> bytes:
    """A zip as Windows in China writes it: names in GBK bytes, no UTF-8 flag."""
    import struct
    import zlib

    local, central, offset = b"", b"", 0
    for name, data in entries.items():
        raw = name.encode("gbk")
        packed = zlib.compressobj(6, zlib.DEFLATED, -15)
        body = packed.compress(data) + packed.flush()
        crc = zlib.crc32(data)
        header = struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, 8, 0x4D80, 0x4A8D, crc,
                             len(body), len(data), len(raw), 0)
        central += struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, 8, 0x4D80, 0x4A8D, crc,
                               len(body), len(data), len(raw), 0, 0, 0, 0, 0, offset) + raw
        local += header + raw + body
        offset += len(header) + len(raw) + len(body)
    end = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central),
                      len(local), 0)
    return local + central + end


def test_a_zip_with_gbk_names_is_read_member_by_member_named_inside_the_archive(tmp_path):
    guangdong = docx_bytes(Form(), "form_table")
    sichuan = docx_bytes(Form(unit="四川省少工委"), "paragraphs_listing")
    (tmp_path / "微信").mkdir()
    (tmp_path / "微信" / "附件2汇总.zip").write_bytes(_gbk_zip({
        "各省报表/广东省 附件2.docx": guangdong, "各省报表/四川省 附件2.docx": sichuan,
        "各省报表/说明.txt": "请查收".encode("gbk")}))
    tables = ingest(tmp_path, workers=1)
    status = dict(zip(tables.submissions["file"], tables.submissions["status"], strict=True))
    assert status == {"微信/附件2汇总.zip!各省报表/广东省 附件2.docx": "ingested",
                      "微信/附件2汇总.zip!各省报表/四川省 附件2.docx": "ingested",
                      "微信/附件2汇总.zip!各省报表/说明.txt": "rejected"}
    totals = tables.form_totals.set_index(["province_code", "level"])
    assert totals.loc[("510000", "province"), "groups_cell"] == "段落4"
    assert totals.loc[("440000", "county"), "file"] == "微信/附件2汇总.zip!各省报表/广东省 附件2.docx"
    assert set(tables.issues["file"]) == {"微信/附件2汇总.zip!各省报表/说明.txt"}


def test_utf8_names_and_nested_archives_keep_their_path():
    inner = _zip({"广东省 附件2.docx": docx_bytes(Form(), "form_table")})
    found = list(members(_zip({"转发/内层.zip": inner, "readme.txt": b"x"})))
    assert [(m.name, m.error) for m in found] == [("转发/内层.zip!广东省 附件2.docx", None),
                                                  ("readme.txt", None)]


def test_an_archive_nested_too_deep_is_one_rejected_member():
    deepest = _zip({"a.txt": b"x"})
    found = list(members(_zip({"1.zip": _zip({"2.zip": deepest})})))
    assert [(m.name, m.error.code if m.error else None) for m in found] == [
        ("1.zip!2.zip", "archive_too_deep")]


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "C:/Windows/a.xlsx",
                                  "a/../../b.xlsx"])
def test_a_member_path_leaving_the_archive_stops_it(name):
    with pytest.raises(ReadError) as info:
        list(members(_zip({"ok.txt": b"x", name: b"y"})))
    assert info.value.code == "archive_unsafe_path"


def test_inflating_stops_at_the_limit_whatever_the_header_says():
    bomb = _zip({"bomb.xlsx": b"\0" * (8 << 20)})
    limits = ReaderLimits(archive_member_bytes=4 << 20, archive_ratio=10**6)
    with pytest.raises(ReadError) as info:
        list(members(bomb, limits))
    assert (info.value.code, info.value.what) == ("archive_too_large", "单个文件超过4MB")
    lying = bytearray(bomb)  # the central directory claims 10 bytes, the stream holds 8 MiB
    at = lying.rfind(b"PK\x01\x02")
    lying[at + 24: at + 28] = (10).to_bytes(4, "little")
    with pytest.raises(ReadError) as info:
        list(members(bytes(lying), limits))
    assert info.value.code in ("archive_too_large", "file_corrupt")
    with pytest.raises(ReadError) as info:
        list(members(bomb, ReaderLimits(archive_ratio=100)))
    assert info.value.code == "archive_too_large"


def test_too_many_members_stop_the_archive():
    with pytest.raises(ReadError) as info:
        list(members(_zip({f"{i}.txt": b"x" for i in range(5)}), ReaderLimits(archive_members=4)))
    assert info.value.code == "archive_too_large"


def test_rar_and_7z_are_rejected_with_the_way_out(tmp_path):
    (tmp_path / "广东.rar").write_bytes(b"Rar!\x1a\x07\x01\x00" + b"\0" * 40)
    (tmp_path / "四川.7z").write_bytes(b"7z\xbc\xaf\x27\x1c" + b"\0" * 40)
    tables = ingest(tmp_path, workers=1)
    reasons = dict(zip(tables.submissions["file"], tables.submissions["reason"], strict=True))
    assert all("请解压后发送" in reason for reason in reasons.values())
    assert set(tables.issues["rule"]) == {"archive_unsupported"}


def test_a_return_sent_as_docx_and_as_pdf_counts_once(tmp_path):
    from sgw_analysis.demo import documents as pdf

    if pdf.chromium() is None:
        pytest.skip("Debian's chromium prints the PDF")
    form = Form()
    (tmp_path / "广东省 附件2.docx").write_bytes(docx_bytes(form, "form_table"))
    (tmp_path / "广东省 附件2.pdf").write_bytes(pdf.html_pdf(pdf.form_html(form, "word_table")))
    tables = ingest(tmp_path, workers=1)
    rows = tables.submissions.set_index("file")
    assert rows.loc["广东省 附件2.docx", "status"] == "ingested"
    assert rows.loc["广东省 附件2.pdf", "status"] == "superseded"
    assert rows.loc["广东省 附件2.pdf", "reason"] == (
        "与广东省 附件2.docx是同一份报表的另一种格式（内容相同），已采用广东省 附件2.docx，只计一次")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice writes the .ods")
def test_an_ods_saved_by_libreoffice_is_read_like_a_workbook(make_form, tmp_path):
    path, form = make_form(name="广东省 附件2.xlsx")
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", "ods", "--outdir", str(tmp_path / "ods"),
                    str(path)], check=True, capture_output=True, timeout=180)
    book = read_bytes((tmp_path / "ods" / "广东省 附件2.ods").read_bytes(), "广东省 附件2.ods")
    assert book.format == "ods"
    cells = {cell.ref: cell.value for cell in book.sheets[0].cells.values()}
    assert {key: cells[ref] for key, ref in form.cells.items()} == {
        key: float(value) for key, value in DEFAULT_TOTALS.items()}


def test_an_apple_numbers_file_is_rejected_with_the_way_out():
    numbers = _zip({"Index/Document.iwa": b"\0" * 10, "Metadata/Properties.plist": b"x"})
    with pytest.raises(ReadError) as info:
        read_bytes(numbers, "广东省 附件2.numbers")
    assert (info.value.code, info.value.what) == ("file_unsupported", "Numbers表格")


def test_a_spreadsheet_round_never_imports_the_document_and_image_readers(make_form, tmp_path):
    make_form(name="广东省 附件2.xlsx")
    make_form(name="四川省 附件2.xls", fmt="xls", unit="四川省少工委")
    script = ("import json, sys; from sgw_analysis.pipeline import ingest; "
              f"ingest({str(tmp_path)!r}, workers=1); "
              "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
              "('docx', 'pypdfium2', 'rapidocr_onnxruntime', 'onnxruntime', 'cv2', 'PIL') "
              "or m.startswith(('sgw_analysis.read.docx', 'sgw_analysis.read.pdf', "
              "'sgw_analysis.read.ocr', 'sgw_analysis.read.convert', 'sgw_analysis.read.ods')))))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, timeout=300)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
