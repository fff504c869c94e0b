"""Screenshots, phone photos and PDFs rendered by Chromium: every value, its place, its findings."""

from __future__ import annotations

import io
import re

import pytest

from sgw_analysis.demo.documents import (
    HTML_LAYOUTS,
    LEVELS,
    Form,
    chromium,
    form_html,
    html_pdf,
    html_pngs,
    phone_photo,
)
from sgw_analysis.examine import examine_bytes
from sgw_analysis.limits import ReaderLimits
from sgw_analysis.locate import locate
from sgw_analysis.provenance import document_findings
from sgw_analysis.read import read_bytes

pytest.importorskip("rapidocr_onnxruntime", reason="the [ocr] extra is not installed")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(chromium() is None, reason="Debian's chromium renders the returns")]

FORM = Form(unit="四川省少工委", totals={
    ("province", "groups"): 3, ("province", "contacts"): 4718,
    ("prefecture", "groups"): 21, ("prefecture", "contacts"): 860,
    ("county", "groups"): 183, ("county", "contacts"): 36095},
    groups=(("地市级团委少年部长群", "各地市团委少年部部长", 22),
            ("省少工委委员群", "省少工委委员", 57), ("少先队名师工作室群", "名师工作室主持人", 309)))
TOTALS = {(level, name): FORM.totals[(level, name)] for level in LEVELS
          for name in ("groups", "contacts")}
GROUPS = [(name, members) for name, _who, members in FORM.groups]
REGION = re.compile(r"^x=\d+,y=\d+,w=\d+,h=\d+$")


@pytest.fixture(scope="module")
def photos() -> dict[str, bytes]:
    """Each page layout as a phone photo: rotated 1–2°, blurred, JPEG quality 70."""
    shots = html_pngs([form_html(FORM, layout) for layout in HTML_LAYOUTS])
    return {layout: phone_photo(shot, seed) for seed, (layout, shot)
            in enumerate(zip(HTML_LAYOUTS, shots, strict=True))}


def _values(result) -> dict[tuple[str, str], int | None]:
    return {(row["level"], name): row[name] for row in result.totals
            for name in ("groups", "contacts")}


@pytest.mark.parametrize("layout", HTML_LAYOUTS)
def test_a_phone_photo_of_each_layout_gives_every_value_each_with_its_ocr_finding(photos, layout):
    result = examine_bytes("四川省 附件2/微信图片_20170414093512.jpg", photos[layout], 0.0)
    assert (result.rejected, result.province_code, result.format) == (None, "510000", "image")
    assert _values(result) == TOTALS
    assert [(g["group_name"], g["members"]) for g in result.groups] == GROUPS
    assert str(result.submitted_at) == "2017-04-12"
    unconfirmed = [i for i in result.issues if i.rule == "ocr_unconfirmed"]
    assert len(unconfirmed) == 6 + len(GROUPS)  # every number read carries its finding
    assert {i.severity for i in unconfirmed} == {"warning"}
    assert all(REGION.match(i.cell) and "识别置信度" in i.message for i in unconfirmed)
    assert sorted(i.value.rstrip("个人").removeprefix("合计") for i in unconfirmed) == sorted(
        [str(v) for v in TOTALS.values()] + [str(m) for _n, m in GROUPS])
    assert {i.rule for i in result.issues} == {"ocr_unconfirmed"}
    assert all(REGION.match(row["groups_cell"]) for row in result.totals)


def test_a_number_read_with_low_confidence_is_empty_with_an_error_never_a_guess(photos):
    book = read_bytes(photos["word_table"], "x.jpg")
    result = examine_bytes("四川省 附件2.jpg", photos["word_table"], 0.0)
    strict = ReaderLimits(ocr_min_confidence=1.01)  # no reading is that sure: every number is doubtful
    result.totals = [dict(row, groups=int(FORM.totals[(row["level"], "groups")]),
                          contacts=int(FORM.totals[(row["level"], "contacts")]),
                          groups_cell=None, contacts_cell=None) for row in result.totals]
    result.issues = []
    document_findings(result, locate(book), book, strict)
    assert set(_values(result).values()) == {None}
    assert all(g["members"] is None for g in result.groups)
    errors = [i for i in result.issues if i.rule == "ocr_low_confidence"]
    assert len(errors) == 6 + len(GROUPS)
    assert {i.severity for i in errors} == {"error"}


def test_a_listing_that_disagrees_with_the_header_is_an_error(tmp_path):
    form = Form(totals={**FORM.totals, ("province", "groups"): 5}, groups=FORM.groups)
    shot = html_pngs([form_html(form, "excel")])[0]
    result = examine_bytes("四川省 附件2.png", shot, 0.0)
    mismatch = [i for i in result.issues if i.rule == "ocr_listing_mismatch"]
    assert [(i.severity, i.message) for i in mismatch] == [
        ("error", "从图片识别：省级建群数为5个，但一览表识别出3个群，可能有漏识或误识，请与该省核对")]


def test_images_that_are_not_forms_are_rejected_with_a_chinese_reason():
    import cv2
    from PIL import Image, ImageDraw

    qr = cv2.QRCodeEncoder.create().encode("https://weixin.qq.com/g/少先队工作交流群")
    qr = cv2.resize(qr, None, fx=8, fy=8, interpolation=cv2.INTER_NEAREST)
    chart = ("<body style='font:20px sans-serif'><svg width='600' height='260'>"
             "<rect x='40' y='60' width='60' height='200' fill='#36c'/><rect x='140' y='120' "
             "width='60' height='140' fill='#c63'/></svg><p>第一季度　第二季度　第三季度　第四季度</p>"
             "<p>图1　各季度活动场次对比（单位：场）</p><p>蓝色：2016年</p><p>红色：2017年</p>"
             "<p>数据来源：团省委办公室</p></body>")
    photo = Image.new("RGB", (800, 600), (120, 140, 90))
    ImageDraw.Draw(photo).ellipse((200, 100, 600, 500), fill=(200, 170, 140))
    images = [cv2.imencode(".png", qr)[1].tobytes(), html_pngs([chart], 700, 720)[0],
              _jpeg(photo)]
    results = [examine_bytes(f"微信图片_{i}.jpg", image, 0.0) for i, image in enumerate(images)]
    assert [r.rejected for r in results] == ["image_not_form", "image_not_annex2", "image_not_form"]
    assert "二维码" in results[0].reason
    assert all(re.search(r"[\u4e00-\u9fff]", r.reason) for r in results)


def _jpeg(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=70)
    return buffer.getvalue()


@pytest.mark.parametrize("layout", HTML_LAYOUTS)
def test_a_pdf_printed_by_chromium_is_read_by_its_text_layer_with_page_and_position(layout):
    result = examine_bytes("四川省 附件2.pdf", html_pdf(form_html(FORM, layout)), 0.0)
    assert (result.rejected, result.format) == (None, "pdf")
    assert _values(result) == TOTALS
    assert [(g["group_name"], g["members"]) for g in result.groups] == GROUPS
    assert result.groups[0]["group_type"] == "prefecture_heads"  # 长, not the radical ⻓
    assert all(re.fullmatch(r"第1页!x=\d+,y=\d+", row["contacts_cell"]) for row in result.totals)
    assert result.issues == []


def test_a_scanned_pdf_goes_to_ocr_with_page_and_region(photos, tmp_path):
    from PIL import Image

    scan = io.BytesIO()
    Image.open(io.BytesIO(photos["word_table"])).convert("RGB").save(scan, "PDF", resolution=150)
    result = examine_bytes("四川省 附件2 扫描件.pdf", scan.getvalue(), 0.0)
    assert (result.rejected, result.format) == (None, "image")
    assert _values(result) == TOTALS
    unconfirmed = [i for i in result.issues if i.rule == "ocr_unconfirmed"]
    assert len(unconfirmed) == 6 + len(GROUPS)
    assert {i.sheet for i in unconfirmed} == {"第1页"}


def test_a_photo_is_read_in_an_isolated_worker_under_its_memory_ceiling(photos, tmp_path):
    from sgw_analysis.pipeline import ingest

    (tmp_path / "四川省 微信图片_20170414093512.jpg").write_bytes(photos["lines"])
    tables = ingest(tmp_path, workers=1)  # a supervised worker process, as in a real round
    assert list(tables.submissions["status"]) == ["ingested"]
    values = {(r.level, name): getattr(r, name) for r in tables.form_totals.itertuples()
              for name in ("groups", "contacts")}
    assert values == TOTALS
    assert (tables.issues["rule"] == "ocr_unconfirmed").sum() == 6 + len(GROUPS)
