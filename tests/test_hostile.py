"""Hostile, broken and huge input: each crafted inside its test, each costing one file at most.

Bounds stated here are the package's own limits (limits.py), enforced from outside the reader:
a file that took longer than ``file_seconds`` would be rejected with ``read_timeout``, so a test
that sees the file ingested has seen it finish within that bound.
"""

from __future__ import annotations

import hashlib
import io
import os
import struct
import subprocess
import sys
import textwrap
import zlib
from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import xlsxwriter
from conftest import Group, annex2, zip_bytes, zip_members

from sgw_analysis import write
from sgw_analysis.config import Config
from sgw_analysis.demo.formats import csv_bytes
from sgw_analysis.limits import LIMITS, MIB
from sgw_analysis.pipeline import ingest, judge, report_outputs
from sgw_analysis.read import ReadError, column_letter, read_bytes
from sgw_analysis.write import write_outputs

GIB = 1024 * MIB
SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"


# ------------------------------------------------------------------------------ crafting


def _raw_zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip of already-deflated members (name, deflated, crc, declared size), headers by hand."""
    local, central = io.BytesIO(), io.BytesIO()
    for name, deflated, crc, size in members:
        encoded = name.encode()
        offset = local.tell()
        local.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc,
                                len(deflated), size, len(encoded), 0) + encoded + deflated)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc,
                                  len(deflated), size, len(encoded), 0, 0, 0, 0, 0, offset)
                      + encoded)
    directory = central.getvalue()
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members),
                      len(directory), local.tell(), 0)
    return local.getvalue() + directory + end


def _deflated(data: bytes) -> tuple[bytes, int, int]:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush(), zlib.crc32(data), len(data)


def _repeated(head: bytes, chunk: bytes, times: int, tail: bytes) -> tuple[bytes, int, int]:
    """Deflate of head + chunk * times + tail, built from one deflated chunk (small, fast)."""
    def block(data: bytes, final: bool) -> bytes:
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        return packer.compress(data) + packer.flush(zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH)

    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    deflated = block(head, False) + block(chunk, False) * times + block(tail, True)
    return deflated, crc, len(head) + len(chunk) * times + len(tail)


def _with_member(path: Path, name: str, deflated: tuple[bytes, int, int]) -> bytes:
    """A form's xlsx with one member replaced by pre-deflated bytes (a size past 4 GiB declared
    as 4 GiB, the most a header without zip64 can say)."""
    deflated = (deflated[0], deflated[1], min(deflated[2], 0xFFFFFFFF))
    others = [(n, *_deflated(d)) for n, d in zip_members(path).items() if n != name]
    return _raw_zip([*others, (name, *deflated)])


def _rejected(data: bytes, name: str = "x.xlsx") -> str:
    with pytest.raises(ReadError) as info:
        read_bytes(data, name)
    return info.value.code


def _status(tables) -> dict[str, str]:
    return tables.submissions.set_index("file")["status"].to_dict()


def _rules(tables, file: str) -> list[str]:
    return sorted(tables.issues.loc[tables.issues["file"] == file, "rule"])


def _peak_rss_mib(code: str) -> float:
    """Run ``code`` in a fresh interpreter; its peak resident memory in MiB.

    VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss across exec, so a child spawned
    (vfork) from a large pytest process would report the parent's peak.
    """
    probe = code + ("\nprint(next(line.split()[1] for line in open('/proc/self/status')"
                    " if line.startswith('VmHWM:')))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])})
    return int(out.stdout.split()[-1]) / 1024


# ------------------------------------------------------------------------------ zip bombs
def test_decompression_bomb_is_rejected_without_inflating(make_form, tmp_path):
    path, _ = make_form()
    bomb = _with_member(path, SHEET, _repeated(b"<worksheet>", b" " * MIB, 1100, b"</worksheet>"))
    assert len(bomb) < 2 * MIB  # small on disk, 1.1 GB inflated
    (tmp_path / "bomb.xlsx").write_bytes(bomb)
    assert _rejected(bomb) == "zip_bomb"
    imports = "from pathlib import Path\nfrom sgw_analysis.read import ReadError, read_bytes\n"
    peak = _peak_rss_mib(imports + textwrap.dedent(f"""
        try:
            read_bytes(Path({str(tmp_path / "bomb.xlsx")!r}).read_bytes(), "bomb.xlsx")
        except ReadError as exc:
            assert exc.code == "zip_bomb", exc.code
    """))
    # what reading the bomb added to the interpreter's own peak: bounded by the member limit,
    # nowhere near the 1.1 GB the bomb inflates to
    growth = peak - _peak_rss_mib(imports)
    assert growth < 2 * LIMITS.zip_member_bytes / MIB, f"reading grew the peak by {growth:.0f} MiB"


def test_member_whose_header_understates_its_size_stops_inflating_at_the_header(make_form):
    path, _ = make_form()
    deflated, crc, _ = _repeated(b"<worksheet>", b" " * MIB, 1100, b"</worksheet>")
    lying = _with_member(path, SHEET, (deflated, crc, 4096))
    assert _rejected(lying) == "file_corrupt"


def test_too_many_zip_members_is_a_bomb(make_form):
    path, _ = make_form()
    members = zip_members(path)
    members.update({f"junk/{i}.bin": b"" for i in range(LIMITS.zip_members)})
    assert _rejected(zip_bytes(members)) == "zip_bomb"


def test_ten_thousand_distinct_megabyte_strings_are_refused_before_inflating(make_form):
    path, _ = make_form()
    head = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    item = b"<si><t>" + b"x" * MIB + b"</t></si>"
    bomb = _with_member(path, STRINGS, _repeated(head, item, 10_000, b"</sst>"))
    assert _rejected(bomb) == "zip_bomb"


def test_one_megabyte_string_in_ten_thousand_cells_is_read_cut_within_the_deadline(make_form):
    path, _ = make_form()
    members = zip_members(path)
    index = members[STRINGS].count(b"<si>")
    members[STRINGS] = members[STRINGS].replace(
        b"</sst>", b"<si><t>" + "很长的说明".encode() * (MIB // 5) + b"</t></si></sst>")
    noise = b"".join(
        b'<row r="%d">' % r + b"".join(b'<c r="%s%d" t="s"><v>%d</v></c>' % (
            column_letter(c).encode(), r, index) for c in range(8, 108)) + b"</row>"
        for r in range(200, 300))
    members[SHEET] = members[SHEET].replace(b"</sheetData>", noise + b"</sheetData>")
    path.write_bytes(zip_bytes(members))
    tables = ingest(path.parent, workers=1)  # past LIMITS.file_seconds it would be read_timeout
    assert _status(tables) == {path.name: "ingested"}
    cut = tables.issues[tables.issues["rule"] == "text_cut"]
    assert list(cut["message"]) == [
        f"单元格文字超过{LIMITS.cell_chars}个字，只保留了前{LIMITS.cell_chars}个字（共10000处）"]


# ------------------------------------------------------------------------------ XML
_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
                     for i in range(1, 10))
           + ']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<si><t>&lol9;</t></si></sst>')


def _external(secret: Path) -> str:
    return ('<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "'
            + secret.as_uri() + '">]><sst xmlns="http://schemas.openxmlformats.org/'
            'spreadsheetml/2006/main"><si><t>&xxe;</t></si></sst>')


def test_entity_expansion_and_external_entities_never_reach_an_output(make_form, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-4711", encoding="utf-8")
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_form(name="raw/广东省 附件2.xlsx")
    laughs, _ = make_form(name="raw/湖南省 附件2.xlsx", unit="湖南省少工委")
    external, _ = make_form(name="raw/河北省 附件2.xlsx", unit="河北省少工委")
    laughs.write_bytes(zip_bytes({**zip_members(laughs), STRINGS: _LAUGHS.encode()}))
    external.write_bytes(zip_bytes({**zip_members(external), STRINGS: _external(secret).encode()}))
    tables = ingest(raw, workers=1)
    assert _status(tables) == {"广东省 附件2.xlsx": "ingested", "河北省 附件2.xlsx": "rejected",
                               "湖南省 附件2.xlsx": "rejected"}
    assert _rules(tables, "河北省 附件2.xlsx") == _rules(tables, "湖南省 附件2.xlsx") == [
        "xml_forbidden"]
    report = judge(tables, Config(raw_dir=raw, out_dir=out))
    write_outputs(out, report_outputs(report, png=False))
    for output in out.rglob("*"):
        if output.is_file():
            data = output.read_bytes()
            assert b"TOPSECRET" not in data and b"lollollol" not in data, output


# ------------------------------------------------------------------------------ values
def test_counts_of_ten_to_the_thirty_and_1e308_are_errors_with_their_text(make_form, tmp_path):
    make_form(totals={("province", "groups"): "1" + "0" * 30, ("county", "contacts"): 1e308},
              groups=[Group("地市级团委少年部长群", 10**30)])
    tables = ingest(tmp_path, workers=1)
    assert _status(tables) == {"广东省 附件2.xlsx": "ingested"}
    totals = tables.form_totals.set_index("level")
    assert totals.loc["province", "groups"] is pd.NA
    assert totals.loc["county", "contacts"] is pd.NA
    absurd = tables.issues[tables.issues["rule"] == "absurd_value"]
    assert sorted(absurd["value"]) == ["1" + "0" * 30, "1e+308"]
    assert tables.provincial_groups["members"].isna().all()


def test_formula_and_script_group_names_stay_plain_text_in_every_output(make_form, tmp_path):
    names = ["=HYPERLINK(\"http://x.example\",\"点我\")群", "+1+2群", "-3群", "@SUM(A1)群",
             "<script>alert('x')</script>群", '<img src=x onerror="alert(1)">群']
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_form(name="raw/广东省 附件2.xlsx", groups=[Group(n, 10) for n in names],
              totals={("province", "groups"): len(names)})
    tables = ingest(raw, workers=1)
    assert sorted(tables.provincial_groups["group_name"]) == sorted(names)
    report = judge(tables, Config(raw_dir=raw, out_dir=out))
    write_outputs(out, report_outputs(report, png=False))
    book = openpyxl.load_workbook(out / "summary.xlsx")
    seen = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}: {cell.value}"
                if cell.value in names:
                    seen[cell.value] = cell.data_type
    assert seen == dict.fromkeys(names, "s")
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;群" in html
    csv = (out / "tables" / "provincial_groups.csv").read_text(encoding="utf-8-sig")
    assert "=HYPERLINK" in csv  # the CSV keeps the text as written (README: open it safely)


# ------------------------------------------------------------------------------ files, paths
def test_symlink_to_a_file_outside_the_round_is_listed_and_never_read(make_form, tmp_path):
    raw = tmp_path / "raw"
    make_form(name="raw/广东省 附件2.xlsx")
    outside, _ = make_form(name="elsewhere/陕西省 附件2.xlsx", unit="陕西省少工委")
    (raw / "陕西省 附件2.xlsx").symlink_to(outside)
    (raw / "内部链接.xlsx").symlink_to(raw / "广东省 附件2.xlsx")
    (raw / "断开的链接.xlsx").symlink_to(tmp_path / "nowhere.xlsx")
    (raw / "文件夹链接").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    tables = ingest(raw, workers=1)
    status = _status(tables)
    assert sorted([status.pop("内部链接.xlsx"), status.pop("广东省 附件2.xlsx")]) == [
        "ingested", "superseded"]  # a link inside the round is a copy of what it points to
    assert status == {"文件夹链接": "rejected", "断开的链接.xlsx": "rejected",
                      "陕西省 附件2.xlsx": "rejected"}
    assert _rules(tables, "陕西省 附件2.xlsx") == ["link_outside"]
    assert _rules(tables, "文件夹链接") == ["link_outside"]
    assert set(tables.form_totals["province"]) == {"广东省"}


def test_deep_folders_are_found_and_the_round_folder_is_left_as_it_was(make_form, tmp_path):
    deep = "/".join(f"第{i}层" for i in range(60))
    make_form(name=f"{deep}/广东省 附件2.xlsx")
    before = {p: (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
              for p in tmp_path.rglob("*") if p.is_file()}
    tables = ingest(tmp_path, workers=1)
    assert _status(tables) == {f"{deep}/广东省 附件2.xlsx": "ingested"}
    after = {p: (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
             for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before


# ------------------------------------------------------------------------------ text
@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-16", "utf-16-le", "utf-8-sig"])
def test_csv_returns_in_chinese_encodings_are_read_right(tmp_path, encoding):
    (tmp_path / "返回.csv").write_bytes(csv_bytes(annex2(unit="湖南省少工委").sheet, encoding))
    tables = ingest(tmp_path, workers=1)
    assert _status(tables) == {"返回.csv": "ingested"}
    assert set(tables.form_totals["province"]) == {"湖南省"}
    assert "地市级团委少年部长群" in set(tables.provincial_groups["group_name"])


def test_csv_with_old_mac_line_ends_is_read(tmp_path):
    crlf = csv_bytes(annex2(unit="湖南省少工委").sheet, "utf-8")
    (tmp_path / "湖南.csv").write_bytes(crlf.replace(b"\r\n", b"\r"))
    assert _status(ingest(tmp_path, workers=1)) == {"湖南.csv": "ingested"}


def test_latin1_csv_is_refused_not_decoded_into_garbage():
    assert _rejected("Agaña,Müller,Straße\n1,2,3\n".encode("latin-1"), "x.csv") == \
        "text_unknown_encoding"


def test_control_characters_and_lone_surrogates_are_cleaned_with_a_finding(make_form, tmp_path):
    path, _ = make_form(groups=[Group("地市级团委少年部长群", 10), Group("省少工委委员群", 5)])
    members = zip_members(path)
    members[STRINGS] = members[STRINGS].replace("省少工委委员群".encode(),
                                                "省少工委_x0007_委员群_xD800_".encode())
    path.write_bytes(zip_bytes(members))
    tables = ingest(tmp_path, workers=1)
    assert "省少工委委员群" in set(tables.provincial_groups["group_name"])
    assert "text_cleaned" in _rules(tables, path.name)


# ------------------------------------------------------------------------------ size
def test_hundred_thousand_row_noise_sheet_is_read_to_the_row_limit(tmp_path):
    path = tmp_path / "广东省 附件2.xlsx"
    book = xlsxwriter.Workbook(path, {"constant_memory": True})
    sheet = book.add_worksheet("Sheet1")
    for (r, c), value in annex2().sheet.cells.items():
        sheet.write(r, c, value)
    for r in range(200, 100_200):
        sheet.write_string(r, 7, f"噪声{r}")
    book.close()
    tables = ingest(tmp_path, workers=1)
    assert _status(tables) == {"广东省 附件2.xlsx": "ingested"}
    assert "rows_not_read" in _rules(tables, "广东省 附件2.xlsx")


def test_three_hundred_sheet_workbook_reads_the_first_sheets_with_a_finding(tmp_path):
    path = tmp_path / "广东省 附件2.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Sheet1")
    for (r, c), value in annex2().sheet.cells.items():
        sheet.write(r, c, value)
    for i in range(299):
        book.add_worksheet(f"附表{i}").write_string(0, 0, "建群数")
    book.close()
    tables = ingest(tmp_path, workers=1)
    assert _status(tables) == {"广东省 附件2.xlsx": "ingested"}
    warning = tables.issues[tables.issues["rule"] == "sheets_not_read"]
    assert list(warning["message"]) == [f"工作簿共有300个工作表，只读取了前{LIMITS.sheets}个"]


def test_file_over_the_size_limit_is_not_read(tmp_path):
    (tmp_path / "巨大.xlsx").write_bytes(b"PK" + b"\x00" * (LIMITS.file_bytes + 1))
    tables = ingest(tmp_path, workers=1)
    assert _rules(tables, "巨大.xlsx") == ["file_too_large"]


# ------------------------------------------------------------------------------ honest reasons
def test_xlsx_with_backslash_and_odd_case_part_names_is_read_as_excel_does(make_form, tmp_path):
    path, _ = make_form()
    renamed = {name.replace("/", "\\").upper() if name.startswith("xl/") else name: data
               for name, data in zip_members(path).items()}
    path.write_bytes(zip_bytes(renamed))
    assert _status(ingest(tmp_path, workers=1)) == {"广东省 附件2.xlsx": "ingested"}


def test_empty_workbook_is_told_it_is_empty(tmp_path):
    xlsxwriter.Workbook(tmp_path / "空.xlsx").close()
    assert _rejected((tmp_path / "空.xlsx").read_bytes()) == "workbook_empty"


def test_numbers_file_gets_a_way_out():
    numbers = zip_bytes({"Index/Document.iwa": b"\x00", "Metadata/Properties.plist": b""})
    with pytest.raises(ReadError) as info:
        read_bytes(numbers, "附件2.numbers")
    assert (info.value.code, info.value.what) == ("file_unsupported", "Numbers表格")


def _biff2(rows: list[list[object]]) -> bytes:
    """An Excel 2.x worksheet: BOF, LABEL and NUMBER records, EOF."""
    records = [struct.pack("<HHHH", 0x0009, 4, 0x0002, 0x0010)]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str):
                text = value.encode("gbk")
                body = struct.pack("<HH3sB", r, c, b"\x00\x00\x00", len(text)) + text
                records.append(struct.pack("<HH", 0x0004, len(body)) + body)
            elif value is not None:
                body = struct.pack("<HH3sd", r, c, b"\x00\x00\x00", float(value))
                records.append(struct.pack("<HH", 0x0003, len(body)) + body)
    records.append(struct.pack("<HH", 0x000A, 0))
    return b"".join(records)


def test_excel_2_file_is_read_with_its_chinese_or_told_to_save_as_xlsx():
    data = _biff2([["建群数", 5], ["联系人数", 230]])
    cells = {c.ref: c.value for c in read_bytes(data, "old.xls").sheets[0].cells.values()}
    assert cells == {"A1": "建群数", "B1": 5.0, "A2": "联系人数", "B2": 230.0}
    assert _rejected(data[:12] + b"\xff" * 40, "old.xls") == "file_old_excel"


def test_no_reason_uses_office_jargon():
    from sgw_analysis.labels import READ_NOTE, REJECT_REASON

    for text in (*REJECT_REASON.values(), *READ_NOTE.values()):
        assert "OLE" not in text and "编码" not in text and "XML" not in text, text


# ------------------------------------------------------------------------------ runs
def _outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file()}


def test_a_killed_and_rerun_round_ends_as_an_undisturbed_one(make_form, tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    make_form(name="raw/广东省 附件2.xlsx")
    make_form(name="raw/湖南省 附件2.xlsx", unit="湖南省少工委")
    when = datetime(2017, 4, 20, 9, 0)

    def run(out: Path) -> None:
        report = judge(ingest(raw, workers=1), Config(raw_dir=raw, out_dir=out))
        write_outputs(out, report_outputs(report, png=False, generated_at=when))

    run(tmp_path / "clean")
    real, written = write.write_bytes, []

    def dies_on_the_fourth(path: Path, data: bytes) -> Path:
        if len(written) == 3:
            (path.parent / f".{path.name}.abc123{write.PARTIAL}").write_bytes(data[:10])
            raise KeyboardInterrupt  # the run is killed halfway through a file
        written.append(path)
        return real(path, data)

    monkeypatch.setattr(write, "write_bytes", dies_on_the_fourth)
    with pytest.raises(KeyboardInterrupt):
        run(tmp_path / "killed")
    monkeypatch.setattr(write, "write_bytes", real)
    run(tmp_path / "killed")
    assert _outputs(tmp_path / "killed") == _outputs(tmp_path / "clean")


def test_two_runs_give_byte_identical_tables(make_form, tmp_path):
    raw = tmp_path / "raw"
    make_form(name="raw/广东省 附件2.xlsx")
    make_form(name="raw/湖南省 附件2.xls", fmt="xls", unit="湖南省少工委")
    (raw / "坏.xlsx").write_bytes(b"PK\x03\x04broken")
    for out in ("a", "b"):
        write_outputs(tmp_path / out, write.table_outputs(ingest(raw, workers=2)))
    assert _outputs(tmp_path / "a") == _outputs(tmp_path / "b")


def test_a_round_of_every_hazard_lists_every_file_once_and_ingests_every_good_return(
        make_form, tmp_path):
    raw = tmp_path / "raw"
    provinces = {"广东省": "xlsx", "湖南省": "xls", "河北省": "csv-gbk", "山东省": "csv-utf16",
                 "陕西省": "openpyxl"}
    for province, fmt in provinces.items():
        suffix = {"xls": ".xls", "csv-gbk": ".csv", "csv-utf16": ".csv"}.get(fmt, ".xlsx")
        make_form(name=f"raw/好/{province} 附件2{suffix}", unit=f"{province}少工委",
                  fmt="xlsxwriter" if fmt == "xlsx" else fmt)
    bomb_source, _ = make_form(name="elsewhere/x.xlsx")
    (raw / "炸弹.xlsx").write_bytes(_with_member(bomb_source, SHEET, _repeated(
        b"<worksheet>", b" " * MIB, 1100, b"</worksheet>")))
    (raw / "笑.xlsx").write_bytes(zip_bytes({**zip_members(bomb_source), STRINGS: _LAUGHS.encode()}))
    (raw / "拉丁.csv").write_bytes("Agaña,1\n".encode("latin-1"))
    (raw / "空.xlsx").write_bytes(b"")
    (raw / "链接.xlsx").symlink_to(bomb_source)
    (raw / "深" / "深" / "深").mkdir(parents=True)
    (raw / "深" / "深" / "深" / "图.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    make_form(name="raw/大数.xlsx", unit="福建省少工委",
              totals={("province", "groups"): "1" + "0" * 30, ("county", "contacts"): 1e308})
    found = sorted(p.relative_to(raw).as_posix() for p in raw.rglob("*")
                   if p.is_file() or p.is_symlink())
    tables = ingest(raw, workers=2)
    assert sorted(tables.submissions["file"]) == found  # every file, exactly once
    ingested = tables.submissions[tables.submissions["status"] == "ingested"]
    assert set(ingested["province"]) == {*provinces, "福建省"}
    reasons = tables.submissions.set_index("file")["reason"]
    assert reasons.drop(ingested["file"]).notna().all()
