"""Returns as WeChat carries them, made for tests and the OCR benchmark: Word, PDF, screenshots, photos.

A ``Form`` holds what a province writes; ``docx_bytes`` lays it out as a Word document in one
of five layouts (python-docx), ``form_html`` as a page in one of three (an Excel screenshot, the
notice's Word table, lines and a listing), which Debian's Chromium prints to PDF or screenshots,
and ``phone_photo`` degrades a screenshot like a photo sent from a phone (rotated 1–2°, blurred,
JPEG quality 70). python-docx and Pillow are imported only here, when a test or benchmark asks.
"""

from __future__ import annotations

import html
import io
import random
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sgw_analysis.browser import HEADLESS_FLAGS, browser_path

LEVELS = ("province", "prefecture", "county")
DOCX_LAYOUTS = ("form_table", "paragraphs_listing", "values_in_labels", "split_listing", "cover_text")
HTML_LAYOUTS = ("excel", "word_table", "lines")
_LEVEL_LABEL = {"province": "省级建群数（个）", "prefecture": "地市级少工委建群数（合计，个）",
                "county": "区县级少工委建群数（合计，个）"}
_CONTACTS_LABEL = {"province": "联系人数（人）", "prefecture": "总计联系人数（人）",
                   "county": "总计联系人数（人）"}
_LINE = {"province": "省级建群数：{g}个，联系人数：{c}人",
         "prefecture": "地市级少工委建群数：合计{g}个，总计联系人数：{c}人",
         "county": "区县级少工委建群数：合计{g}个，总计联系人数：{c}人"}
_HEADER = ("群名称", "人员构成", "人数", "备注")


@dataclass(frozen=True)
class Form:
    """What one province writes into 附件2."""

    unit: str = "广东省少工委"
    totals: dict[tuple[str, str], int] = field(default_factory=lambda: {
        ("province", "groups"): 3, ("province", "contacts"): 120,
        ("prefecture", "groups"): 14, ("prefecture", "contacts"): 300,
        ("county", "groups"): 120, ("county", "contacts"): 9000})
    groups: tuple[tuple[str, str, int], ...] = (
        ("地市级团委少年部长群", "各地市团委少年部部长", 40),
        ("省少工委委员群", "省少工委委员", 50),
        ("少先队名师工作室群", "名师工作室主持人", 30))
    date: str = "2017年4月12日"

    def line(self, level: str) -> str:
        """The level's sentence as the notice writes it, with the figures filled in."""
        return _LINE[level].format(g=self.totals[(level, "groups")],
                                   c=self.totals[(level, "contacts")])


def random_form(seed: int) -> Form:
    """A form with figures of every width (1 to 5 digits), so that OCR meets every digit."""
    rng = random.Random(seed)
    units = ("广东省少工委", "浙江省少工委", "四川省少工委", "河南省少工委", "云南省少工委",
             "江苏省少工委", "湖北省少工委", "福建省少工委")
    names = (("地市级团委少年部长群", "各地市团委少年部部长"), ("省少工委委员群", "省少工委委员"),
             ("少先队名师工作室群", "名师工作室主持人"), ("地市少先队总辅导员群", "各地市总辅导员"),
             ("少先队媒体信息交流群", "各地信息员"))
    totals = {(level, "groups"): rng.choice((rng.randint(1, 9), rng.randint(10, 400)))
              for level in LEVELS}
    totals |= {(level, "contacts"): rng.randint(10, 99999) for level in LEVELS}
    count = rng.randint(2, 5)
    totals[("province", "groups")] = count
    groups = tuple((name, who, rng.randint(5, 980)) for name, who in names[:count])
    return Form(rng.choice(units), totals, groups, f"2017年4月{rng.randint(1, 15)}日")


# ------------------------------------------------------------------------------ Word
def docx_bytes(form: Form, layout: str) -> bytes:
    """The form as a .docx in one of DOCX_LAYOUTS."""
    import docx

    if layout not in _DOCX_BODIES:
        raise ValueError(layout)
    document = docx.Document()
    if layout == "cover_text":
        _cover_letter(document)
    document.add_paragraph("附件2")
    document.add_paragraph("微信群矩阵建设情况信息汇总表")
    _DOCX_BODIES[layout](document, form)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _cover_letter(document) -> None:
    """The covering letter some provinces write above the form in the same document."""
    for text in ("广东省少工委办公室：", "根据《关于推进少先队工作微信群矩阵建设的通知》"
                 "（中少办发〔2017〕4号）要求，现将我省微信群矩阵建设情况报送如下，请审阅。",
                 "联系人：张老师，电话：020-12345678。", ""):
        document.add_paragraph(text)


def _paragraphs_listing(document, form: Form) -> None:
    """Unit and level figures as sentences, the listing as a table, the date as a sentence."""
    document.add_paragraph(f"单位：{form.unit}")
    for level in LEVELS:
        document.add_paragraph(form.line(level))
    document.add_paragraph("省级建群情况一览")
    _rows(document.add_table(rows=0, cols=4), [_HEADER, *_group_rows(form)])
    document.add_paragraph(f"填报日期：{form.date}")


def _values_in_labels(document, form: Form) -> None:
    """One table whose single-cell rows carry the figures inside the labels' sentences."""
    rows = [[f"单位：{form.unit}"], *([form.line(level)] for level in LEVELS),
            ["省级建群情况一览"], _HEADER, *_group_rows(form), [f"填报日期：{form.date}"]]
    _rows(document.add_table(rows=0, cols=4), rows, span_single=True)


def _split_listing(document, form: Form) -> None:
    """The figures' table, then the listing split over two tables by an empty paragraph."""
    rows = [["单位", form.unit], *([_LEVEL_LABEL[lv], form.totals[(lv, "groups")],
                                    _CONTACTS_LABEL[lv], form.totals[(lv, "contacts")]]
                                   for lv in LEVELS)]
    _rows(document.add_table(rows=0, cols=4), rows)
    document.add_paragraph("省级建群情况一览")
    listing = _group_rows(form)
    _rows(document.add_table(rows=0, cols=4), [_HEADER, *listing[:2]])
    document.add_paragraph("")
    _rows(document.add_table(rows=0, cols=4), listing[2:])
    document.add_paragraph(f"填报日期：{form.date}")


def _group_rows(form: Form) -> list[list[object]]:
    return [[name, who, members, ""] for name, who, members in form.groups]


def _form_table(document, form: Form) -> None:
    """The notice's form as one Word table: unit across three columns, listing title across four."""
    rows = [["单位", form.unit], *([_LEVEL_LABEL[lv], form.totals[(lv, "groups")],
                                    _CONTACTS_LABEL[lv], form.totals[(lv, "contacts")]]
                                   for lv in LEVELS),
            ["省级建群情况一览"], _HEADER, *_group_rows(form), ["填报日期", form.date]]
    table = document.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    _rows(table, rows, span_single=True)
    unit_row = table.rows[0]
    unit_row.cells[1].merge(unit_row.cells[3])


def _rows(table, rows: list, span_single: bool = False) -> None:
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=False):
            cell.text = str(value)
        if span_single and len(values) == 1:
            cells[0].merge(cells[-1])


_DOCX_BODIES = {"form_table": _form_table, "cover_text": _form_table,
                "paragraphs_listing": _paragraphs_listing, "values_in_labels": _values_in_labels,
                "split_listing": _split_listing}


# ------------------------------------------------------------------------------ HTML pages
_STYLE = {
    "excel": ("body{font-family:'Noto Sans CJK SC',sans-serif;font-size:15px;margin:12px;"
              "background:#fff}table{border-collapse:collapse}td{border:1px solid #c8c8c8;"
              "padding:3px 6px;height:22px;min-width:70px;white-space:nowrap}"
              "td.n{text-align:right}"),
    "word_table": ("body{font-family:'Noto Serif CJK SC',serif;font-size:16px;margin:40px;"
                   "background:#fff}h1{font-size:22px;text-align:center}table{border-collapse:"
                   "collapse;width:100%}td{border:1.5px solid #000;padding:6px 8px;"
                   "text-align:center}"),
    "lines": ("body{font-family:'Noto Sans CJK SC',sans-serif;font-size:16px;margin:36px;"
              "background:#fff}p{margin:10px 0}table{border-collapse:collapse}"
              "td{border:1px solid #333;padding:5px 10px}"),
}


def form_html(form: Form, layout: str) -> str:
    """The form as a page: an Excel screenshot, the notice's Word table, or lines and a listing."""
    if layout == "excel":
        rows = [["附件2"], ["微信群矩阵建设情况信息汇总表"], ["单位：", form.unit],
                *([_LEVEL_LABEL[lv] + "：", form.totals[(lv, "groups")],
                   _CONTACTS_LABEL[lv] + "：", form.totals[(lv, "contacts")]] for lv in LEVELS),
                [], ["省级建群情况一览"], list(_HEADER), *_group_rows(form), [],
                ["填报日期：", form.date]]
        body = _html_table([row + [""] * (5 - len(row)) for row in rows])
    elif layout == "word_table":
        rows = [["单位", form.unit], *([_LEVEL_LABEL[lv], form.totals[(lv, "groups")],
                                        _CONTACTS_LABEL[lv], form.totals[(lv, "contacts")]]
                                       for lv in LEVELS),
                ["省级建群情况一览"], list(_HEADER), *_group_rows(form), ["填报日期", form.date]]
        body = ("<p>附件2</p><h1>微信群矩阵建设情况信息汇总表</h1>"
                + _html_table(rows, width=4))
    elif layout == "lines":
        lines = [f"单位：{form.unit}", *(form.line(level) for level in LEVELS), "省级建群情况一览"]
        body = ("<p>附件2</p><p><b>微信群矩阵建设情况信息汇总表</b></p>"
                + "".join(f"<p>{html.escape(line)}</p>" for line in lines)
                + _html_table([list(_HEADER), *_group_rows(form)])
                + f"<p>填报日期：{html.escape(form.date)}</p>")
    else:
        raise ValueError(layout)
    return (f"<!doctype html><html><head><meta charset='utf-8'><style>{_STYLE[layout]}</style>"
            f"</head><body>{body}</body></html>")


def _html_table(rows: list[list[object]], width: int = 0) -> str:
    """Rows as an HTML table; a short row's last cell spans to ``width`` columns."""
    out = []
    for row in rows:
        cells = []
        for i, value in enumerate(row):
            span = width - len(row) + 1 if width and i == len(row) - 1 else 1
            colspan = f" colspan='{span}'" if span > 1 else ""
            numeric = " class='n'" if isinstance(value, int) else ""
            cells.append(f"<td{numeric}{colspan}>{html.escape(str(value))}</td>")
        out.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table>{''.join(out)}</table>"


# ------------------------------------------------------------------------------ Chromium
def chromium() -> str | None:
    """Debian's Chromium, or None where it is not installed."""
    return browser_path()


def _chromium(page: str, *arguments: str) -> None:
    with tempfile.TemporaryDirectory(prefix="sgw-chromium-") as profile:
        source = Path(profile) / "form.html"
        source.write_text(page, encoding="utf-8")
        subprocess.run([chromium() or "chromium", *HEADLESS_FLAGS, "--hide-scrollbars",
                        f"--user-data-dir={profile}/data", *arguments, source.as_uri()],
                       check=True, capture_output=True, timeout=120)


def html_pdf(page: str) -> bytes:
    """The page printed to PDF by Chromium (text layer and ruling lines kept), as report.pdf is."""
    from sgw_analysis.charts.pdf import html_pdf as print_pdf

    return print_pdf(page)


def html_png(page: str, width: int = 1000, height: int = 900, scale: float = 1.5) -> bytes:
    """A screenshot of the page, as a phone or a PC would take it."""
    with tempfile.TemporaryDirectory(prefix="sgw-png-") as folder:
        out = Path(folder) / "form.png"
        _chromium(page, f"--window-size={width},{height}",
                  f"--force-device-scale-factor={scale}", f"--screenshot={out}")
        return out.read_bytes()


def html_pngs(pages: list[str], width: int = 1000, height: int = 900,
              scale: float = 1.5) -> list[bytes]:
    """Screenshots of many pages in one browser (playwright driving Debian's Chromium), else one by one."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return [html_png(page, width, height, scale) for page in pages]
    shots = []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium(), args=[
            flag for flag in HEADLESS_FLAGS if flag != "--headless"])  # playwright adds its own
        view = browser.new_page(viewport={"width": width, "height": height},
                                device_scale_factor=scale)
        for page in pages:
            view.set_content(page)
            shots.append(view.screenshot())
        browser.close()
    return shots


def phone_photo(png: bytes, seed: int) -> bytes:
    """A screenshot degraded like a photo: rotated 1–2° either way, lightly blurred, JPEG 70."""
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    angle = rng.choice((-1, 1)) * rng.uniform(1.0, 2.0)
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True,
                         fillcolor=(236, 236, 232))
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 0.9)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=70)
    return buffer.getvalue()
