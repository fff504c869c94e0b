"""Properties over random input (hypothesis): parse and locate never raise on any text; any bytes
saved as a spreadsheet are rejected with a real reason; any valid form survives writing and reading.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from conftest import Group, _save, annex2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sgw_analysis import parse
from sgw_analysis.examine import examine
from sgw_analysis.labels import REJECT_REASON
from sgw_analysis.locate import locate
from sgw_analysis.read import TEXT, Cell, Sheet, Workbook
from sgw_analysis.requirements import LEVELS

LABELS = ["省级建群数", "联系人数", "单位：", "填报日期", "群名称", "人数", "人员构成", "合计",
          "地市级", "区县级", "建群情况一览", "约", "个", "人", "/", "二十三", "1,234", "-"]
cell_text = st.one_of(st.text(max_size=60), st.sampled_from(LABELS),
                      st.lists(st.sampled_from(LABELS), max_size=4).map("".join))
SLOW = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SLOW
@given(st.one_of(cell_text, st.floats(allow_nan=True), st.integers(), st.none(), st.booleans()))
def test_parse_never_raises_on_any_cell_value(value):
    parsed = parse.parse_count(value)
    assert parsed.value is None or abs(parsed.value) <= 5_000_000
    parse.parse_date(value)


@SLOW
@given(st.lists(st.lists(cell_text, max_size=6), max_size=20))
def test_locate_never_raises_on_any_grid_of_texts(rows):
    cells = {(r, c): Cell(r, c, text, TEXT) for r, row in enumerate(rows, start=1)
             for c, text in enumerate(row, start=1) if text.strip()}
    located = locate(Workbook("xlsx", (Sheet("Sheet1", 0, cells),)))
    assert located is None or located.score > 0


MAGIC = st.sampled_from([b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
                         b"\x09\x00\x04\x00", b"\xef\xbb\xbf", b"\xff\xfe"])


@SLOW
@given(MAGIC, st.binary(max_size=2000), st.sampled_from([".xlsx", ".xls", ".csv"]))
def test_random_bytes_saved_as_a_spreadsheet_are_rejected_with_a_reason(magic, body, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"广东省 附件2{suffix}"
        path.write_bytes(magic + body)
        result = examine(path, Path(folder))
    assert result.rejected in REJECT_REASON and result.rejected != "internal_error"
    assert result.reason.startswith(REJECT_REASON[result.rejected].split("{")[0])


count = st.integers(min_value=0, max_value=5_000_000)
group_name = st.text(alphabet="少先队微信交流辅导员工作室省市县区abcXYZ", min_size=1,
                     max_size=20).map(lambda name: name + "群")


@SLOW
@given(st.fixed_dictionaries({(level, field): count for level in LEVELS
                              for field in ("groups", "contacts")}),
       st.lists(st.tuples(group_name, count), min_size=1, max_size=8, unique_by=lambda g: g[0]),
       st.sampled_from(["xlsx", "xls"]))
def test_a_valid_form_survives_writing_and_reading(totals, groups, fmt):
    form = annex2(totals=totals, groups=[Group(name, members) for name, members in groups])
    with tempfile.TemporaryDirectory() as folder:
        path = _save(Path(folder) / f"广东省 附件2.{fmt}", {"xlsx": "xlsxwriter"}.get(fmt, fmt),
                     [form.sheet])
        result = examine(path, Path(folder))
    assert result.rejected is None, result.reason
    read = {(t["level"], field): t[field] for t in result.totals for field in ("groups", "contacts")}
    assert read == totals
    assert [(g["group_name"], g["members"]) for g in result.groups] == groups
