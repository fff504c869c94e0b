"""Word returns: five layouts built with python-docx, every value with its place (表2!B3, 段落5)."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import pytest

from sgw_analysis.demo.documents import LEVELS, Form, docx_bytes, form_html
from sgw_analysis.examine import examine_bytes
from sgw_analysis.read import read_bytes

docx = pytest.importorskip("docx", reason="python-docx (a dev dependency) builds the test documents")

FORM = Form()
GROUPS = [(name, members) for name, _who, members in FORM.groups]
TOTALS = {(level, name): FORM.totals[(level, name)] for level in LEVELS
          for name in ("groups", "contacts")}
# where each layout writes each value
PLACES = {
    "form_table": {"province": ("表1!B2", "表1!D2"), "prefecture": ("表1!B3", "表1!D3"),
                   "county": ("表1!B4", "表1!D4")},
    "cover_text": {"province": ("表1!B2", "表1!D2"), "prefecture": ("表1!B3", "表1!D3"),
                   "county": ("表1!B4", "表1!D4")},
    "paragraphs_listing": {"province": ("段落4", "段落4"), "prefecture": ("段落5", "段落5"),
                           "county": ("段落6", "段落6")},
    "values_in_labels": {"province": ("表1!A2", "表1!A2"), "prefecture": ("表1!A3", "表1!A3"),
                         "county": ("表1!A4", "表1!A4")},
    "split_listing": {"province": ("表1!B2", "表1!D2"), "prefecture": ("表1!B3", "表1!D3"),
                      "county": ("表1!B4", "表1!D4")},
}


def _examine(layout: str, form: Form = FORM, name: str = "广东省 附件2.docx"):
    return examine_bytes(name, docx_bytes(form, layout), 0.0)


@pytest.mark.parametrize("layout", sorted(PLACES))
def test_each_word_layout_gives_every_value_with_its_place(layout):
    result = _examine(layout)
    assert (result.rejected, result.province_code, result.format) == (None, "440000", "docx")
    assert str(result.submitted_at) == "2017-04-12"
    assert {(row["level"], name): row[name] for row in result.totals
            for name in ("groups", "contacts")} == TOTALS
    assert {row["level"]: (row["groups_cell"], row["contacts_cell"])
            for row in result.totals} == PLACES[layout]
    assert [(g["group_name"], g["members"]) for g in result.groups] == GROUPS
    assert result.issues == []


def test_a_bad_value_in_a_word_table_is_reported_at_its_table_cell():
    form = Form(totals={**FORM.totals, ("county", "contacts"): "待统计"})
    result = _examine("split_listing", form)
    county = next(row for row in result.totals if row["level"] == "county")
    assert county["contacts"] is None
    assert [(i.rule, i.severity, i.sheet, i.cell, i.value)
            for i in result.issues] == [("value_not_a_number", "error", "表1", "D4", "待统计")]


def test_a_blank_value_in_a_word_table_is_placed_in_the_cell_beside_its_label():
    form = Form(totals={**FORM.totals, ("province", "groups"): ""})
    result = _examine("form_table", form)
    province = next(row for row in result.totals if row["level"] == "province")
    assert (province["groups"], province["groups_cell"]) == (None, "表1!B2")
    assert [(i.rule, i.sheet, i.cell) for i in result.issues] == [
        ("value_missing", "表1", "B2")]


def test_a_paragraph_finding_names_the_paragraph():
    form = Form(totals={**FORM.totals, ("prefecture", "groups"): "约14"})
    result = _examine("paragraphs_listing", form)
    assert [(i.rule, i.sheet, i.cell, i.value) for i in result.issues] == [
        ("approximate_value", "段落5", None, "合计约14个")]


def test_merged_cells_of_a_word_table_become_merged_ranges():
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "横向合并"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "纵向合并"
    table.cell(2, 2).text = "右下"
    buffer = io.BytesIO()
    document.save(buffer)
    book = read_bytes(buffer.getvalue(), "x.docx")
    sheet = book.sheets[0]
    assert {cell.ref: cell.value for cell in sheet.cells.values()} == {
        "A1": "横向合并", "A2": "纵向合并", "C3": "右下"}
    assert sorted(sheet.merged) == [(1, 1, 1, 3), (2, 1, 3, 1)]
    assert book.origin("", "C3").place == "表1!C3"


def test_deleted_text_of_tracked_changes_is_not_read():
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = (f'<w:document xmlns:w="{w}"><w:body><w:p><w:r><w:t>省级建群数：</w:t></w:r>'
            "<w:del><w:r><w:delText>9</w:delText></w:r></w:del>"
            "<w:ins><w:r><w:t>3</w:t></w:r></w:ins></w:p></w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", body)
    cells = read_bytes(buffer.getvalue(), "x.docx").sheets[0].cells
    assert [c.value for c in cells.values()] == ["省级建群数：3"]


def _word97(tmp_path) -> bytes:
    """The notice's Word table saved as Word 97-2003 (.doc) by LibreOffice's own Word filter."""
    source = tmp_path / "form.html"
    source.write_text(form_html(FORM, "word_table"), encoding="utf-8")
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--infilter=HTML (StarWriter)", "--convert-to",
                    "doc:MS Word 97", "--outdir", str(tmp_path / "out"), str(source)],
                   check=True, capture_output=True, timeout=180)
    return (tmp_path / "out" / "form.doc").read_bytes()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_a_word_97_doc_or_wps_file_is_converted_by_libreoffice_and_read(tmp_path, suffix):
    doc = _word97(tmp_path)
    result = examine_bytes(f"广东省 附件2{suffix}", doc, 0.0)
    assert (result.rejected, result.format) == (None, "docx")
    assert {(row["level"], name): row[name] for row in result.totals
            for name in ("groups", "contacts")} == TOTALS
    assert [(g["group_name"], g["members"]) for g in result.groups] == GROUPS
    assert result.totals[0]["groups_cell"] == "表1!B2"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice makes the .doc")
def test_a_doc_without_libreoffice_is_rejected_with_the_way_out(tmp_path, monkeypatch):
    doc = _word97(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = examine_bytes("广东省 附件2.doc", doc, 0.0)
    assert result.rejected == "needs_libreoffice"
    assert "另存为.docx" in result.reason and "Word 97-2003（.doc）" in result.reason
