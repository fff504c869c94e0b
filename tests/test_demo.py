"""The demo round generator: deterministic bytes, exact truth, every layout and format."""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
from pathlib import Path

import cn2an
import openpyxl
import pytest
import xlrd
from openpyxl.utils import get_column_letter

from sgw_analysis.demo import (
    FORMATS,
    LAYOUTS,
    DemoRound,
    log_z,
    write_demo_round,
    write_returns,
)
from sgw_analysis.reference import Reference, municipality_codes, provinces

_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoRound:
    """One demo round written once for the module."""
    return write_demo_round(tmp_path_factory.mktemp("demo") / "demo-2017")


def _files_on_disk(folder: Path) -> dict[str, bytes]:
    """Every file under folder by its '/'-separated relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _is_form(cells: dict[str, object]) -> bool:
    """Whether a sheet's cells hold the form's labels."""
    return "省级建群情况一览" in {str(v) for v in cells.values()}


def _read_cells(path: Path, file_format: str, sheet: str | None) -> tuple[dict[str, object], bool]:
    """A sheet's non-empty cells by A1 address, and whether it has merged ranges.

    Without a sheet name, the first sheet that holds the form's labels.
    """
    if file_format == "xlsx":
        wb = openpyxl.load_workbook(path)
        for ws in [wb[sheet]] if sheet else wb.worksheets:
            cells = {c.coordinate: c.value for row in ws.iter_rows() for c in row
                     if c.value is not None}
            if sheet or _is_form(cells):
                return cells, bool(ws.merged_cells.ranges)
        raise AssertionError(f"no form sheet in {path}")
    if file_format == "xls":
        book = xlrd.open_workbook(path, formatting_info=True)
        for sh in [book.sheet_by_name(sheet)] if sheet else book.sheets():
            cells = {f"{get_column_letter(c + 1)}{r + 1}": sh.cell_value(r, c)
                     for r in range(sh.nrows) for c in range(sh.ncols)
                     if sh.cell_value(r, c) != ""}
            if sheet or _is_form(cells):
                return cells, bool(sh.merged_cells)
        raise AssertionError(f"no form sheet in {path}")
    cells: dict[str, object] = {}
    encoding = {"csv-gbk": "gbk", "csv-utf8-bom": "utf-8-sig"}[file_format]
    text = path.read_bytes().decode(encoding)
    for r, row in enumerate(csv.reader(io.StringIO(text))):
        for c, value in enumerate(row):
            if value != "":
                cells[f"{get_column_letter(c + 1)}{r + 1}"] = value
    return cells, False


def _number(raw: object) -> int | None:
    """A written value as an int the way a province means it; None where it is not a number."""
    if isinstance(raw, int | float):
        return int(raw)
    text = str(raw).strip().translate(_FULL_WIDTH).replace(",", "")
    text = text.removeprefix("约").removesuffix("人").removesuffix("个")
    if text.isdigit():
        return int(text)
    try:
        return int(cn2an.cn2an(text, "strict"))
    except ValueError:
        return None


def _county_groups_written(cells: dict[str, object], address: str) -> int | None:
    """The 区县级建群数 as written at address (a value cell or a one-cell line)."""
    raw = cells.get(address)
    text = str(raw)
    match = re.match(r"区县级少工委建群数：合计(.+?)个?，", text)
    return _number(match.group(1) if match else raw)


def _layout_of(cells: dict[str, object]) -> str:
    """Which of the five layouts a form sheet uses, from its labels."""
    texts = {str(v) for v in cells.values()}
    if "层级" in texts:
        return "grid"
    if "个，联系人数：" in texts:
        return "sentence"
    if any(t.startswith("省级建群数：") and len(t) > 6 for t in texts):
        return "onecell"
    if "省级建群数（个）：" in texts:
        return "clean"
    if "省级建群数（个）" in texts:
        return "merged"
    raise AssertionError(f"no known layout: {sorted(texts)[:10]}")


def test_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    first = write_demo_round(tmp_path / "a", seed=7)
    second = write_demo_round(tmp_path / "b", seed=7)
    a, b = _files_on_disk(tmp_path / "a"), _files_on_disk(tmp_path / "b")
    assert a.keys() == b.keys()
    assert all(a[name] == b[name] for name in a)
    assert first.files == second.files
    other = write_demo_round(tmp_path / "c", seed=8)
    c = _files_on_disk(tmp_path / "c")
    assert c.keys() == a.keys()
    assert any(a[name] != c[name] for name in a)
    assert other.files != first.files


def test_rewriting_the_round_replaces_its_files(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    write_demo_round(folder, seed=1)
    truth = write_demo_round(folder, seed=2)
    again = write_demo_round(tmp_path / "fresh", seed=2)
    assert _files_on_disk(folder) == _files_on_disk(tmp_path / "fresh")
    assert truth.files == again.files


def test_refuses_a_folder_with_foreign_files(tmp_path: Path) -> None:
    folder = tmp_path / "real-round"
    (folder / "收件箱").mkdir(parents=True)
    foreign = folder / "收件箱" / "广东省少工委 附件2.xlsx"
    foreign.write_bytes(b"a real return")
    with pytest.raises(FileExistsError):
        write_demo_round(folder)
    assert foreign.read_bytes() == b"a real return"


def test_rewriting_clears_stale_demo_files(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    write_demo_round(folder)
    stale = folder / "旧版" / "上海市 附件2.xlsx"
    stale.parent.mkdir()
    stale.write_bytes((folder / "微信" / "上海市 附件2.xlsx").read_bytes())
    truth = write_demo_round(folder)
    assert not stale.parent.exists()
    assert sorted(_files_on_disk(folder)) == [f.path for f in truth.files]


def test_all_31_provinces_are_accounted_for(demo: DemoRound) -> None:
    expected = set(provinces().query("kind != 'xpcc'")["province_code"])
    assert len(expected) == 31
    assert set(demo.returned).isdisjoint(demo.missing)
    assert set(demo.returned) | set(demo.missing) == expected
    assert len(demo.returned) == 29
    assert set(demo.missing) == {"460000", "540000"}
    for code in demo.returned:
        assert demo.winner(code).expect == "ingested"
    ingested = [f.province_code for f in demo.files if f.expect == "ingested"]
    assert len(ingested) == len(set(ingested)) == 29


def test_truth_lists_exactly_the_files_on_disk(demo: DemoRound) -> None:
    on_disk = _files_on_disk(demo.folder)
    assert [f.path for f in demo.files] == sorted(on_disk)
    assert all("\\" not in f.path for f in demo.files)
    assert {f.path.split("/")[0] for f in demo.files} == {"收件箱", "微信", "更正"}


def test_every_form_opens_and_county_groups_match_the_truth(demo: DemoRound) -> None:
    checked = 0
    for f in demo.files:
        path = demo.folder / f.path
        if f.expect == "rejected":
            wb = openpyxl.load_workbook(path)
            texts = " ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row
                             if c.value is not None)
            assert "建群数" not in texts and "联系人数" not in texts
            continue
        cells, merged = _read_cells(path, f.file_format, f.sheet)
        assert "示例数据" in str(cells["A1"]), f.path
        assert _layout_of(cells) == f.layout, f.path
        if f.layout == "merged" and not f.file_format.startswith("csv"):
            assert merged, f.path
        written = _county_groups_written(cells, f.cells["county"]["groups"])
        assert written == f.totals["county"]["groups"], f.path
        checked += 1
    assert checked == len(demo.files) - 1


def test_every_value_cell_reads_as_the_truth(demo: DemoRound) -> None:
    for f in demo.files:
        if f.expect == "rejected" or f.layout == "onecell":
            continue
        cells, _ = _read_cells(demo.folder / f.path, f.file_format, f.sheet)
        for level, fields in f.cells.items():
            for field, address in fields.items():
                assert _number(cells.get(address, "")) == f.totals[level][field], (
                    f.path, level, field, cells.get(address))


def test_formats_open_with_their_libraries(demo: DemoRound) -> None:
    formats = {f.file_format for f in demo.files}
    assert formats == set(FORMATS)
    for f in demo.files:
        data = (demo.folder / f.path).read_bytes()
        if f.file_format == "xlsx":
            assert data[:2] == b"PK" and f.path.endswith(".xlsx")
        elif f.file_format == "xls":
            assert data[:8] == bytes.fromhex("d0cf11e0a1b11ae1") and f.path.endswith(".xls")
        elif f.file_format == "csv-utf8-bom":
            assert data.startswith(b"\xef\xbb\xbf")
            assert data.decode("utf-8-sig").startswith("附件2（示例数据）")
        else:
            assert not data.startswith(b"\xef\xbb\xbf")
            with pytest.raises(UnicodeDecodeError):
                data.decode("utf-8")
            assert data.decode("gbk").startswith("附件2（示例数据）")


def test_each_layout_is_used_at_least_twice(demo: DemoRound) -> None:
    forms = [f for f in demo.files if f.layout]
    for layout in LAYOUTS:
        assert sum(f.layout == layout for f in forms) >= 2, layout


def test_round_tells_the_stories_of_a_real_inbox(demo: DemoRound) -> None:
    deadline = demo.deadline
    late = [f for f in demo.files if f.submitted_at and f.submitted_at > deadline]
    assert [f.province_code for f in late] == ["230000"]
    undated = [f for f in demo.files if f.expect == "ingested" and f.submitted_at is None]
    assert 1 <= len(undated) <= 2
    on_time = [f.submitted_at for f in demo.files if f.expect == "ingested" and f.submitted_at]
    assert all(d >= "2017-04-05" for d in on_time)
    # the corrected return wins over the first one, which stays in the inbox
    first = demo.file("收件箱/江苏省少工委 附件2.xlsx")
    correction = demo.file("更正/江苏省少工委 附件2（更正）.xlsx")
    assert first.expect == "superseded" and first.superseded_by == correction.path
    assert correction.expect == "ingested" and correction.submitted_at > first.submitted_at
    assert correction.totals != first.totals
    # the same bytes twice: one wins, the other is superseded
    original = demo.file("收件箱/新疆维吾尔自治区少工委.xlsx")
    copy = demo.file("微信/新疆维吾尔自治区少工委(1).xlsx")
    assert (demo.folder / original.path).read_bytes() == (demo.folder / copy.path).read_bytes()
    assert {original.expect, copy.expect} == {"ingested", "superseded"}
    kept = min(original, copy, key=lambda f: f.path)  # the first in sorted order is kept
    assert kept.expect == "ingested"
    assert original.same_bytes_as == copy.path and copy.same_bytes_as == original.path
    # the date only in the file name, a pending value, a file that is not a form
    shaanxi = demo.winner("610000")
    assert shaanxi.path.endswith("20170414.xlsx") and shaanxi.submitted_at == "2017-04-14"
    assert shaanxi.totals["county"]["contacts"] is None
    rejected = [f for f in demo.files if f.expect == "rejected"]
    assert len(rejected) == 1 and rejected[0].province_code is None
    # municipalities have no prefecture level; the others wrote numbers everywhere, but for
    # 陕西's pending figure and the county contacts of 江苏's first return (fixed by its correction)
    first_jiangsu = demo.file("收件箱/江苏省少工委 附件2.xlsx")
    assert first_jiangsu.totals["county"]["contacts"] is None
    for f in demo.files:
        if f.expect == "rejected" or f is first_jiangsu:
            continue
        numbers = [f.totals[lv][fd] for lv in f.totals for fd in f.totals[lv]]
        if f.province_code in municipality_codes():
            assert f.totals["prefecture"] == {"groups": None, "contacts": None}
        elif f.province_code != "610000":
            assert all(isinstance(n, int) for n in numbers), f.path


def test_messy_values_are_written_as_promised(demo: DemoRound) -> None:
    written: list[str] = []
    for f in demo.files:
        if f.expect != "rejected":
            cells, _ = _read_cells(demo.folder / f.path, f.file_format, f.sheet)
            written += [str(v) for v in cells.values()]
    text = "\n".join(written)
    assert re.search("[０-９]{3,}", text)
    assert re.search(r"约\d+人", text)
    assert re.search(r"\d{1,3},\d{3}人", text)
    assert re.search(r"^\d+个$", text, re.MULTILINE)
    assert re.search("^[一二三四五六七八九十]+$", text, re.MULTILINE)
    assert "待统计" in written
    assert {"/", "不适用"} <= set(written)
    assert any(re.fullmatch(r"\d+", v) for v in written)  # text cells from the .xls
    for marker in ("2017年4月", "2017.4.", "填报人："):
        assert marker in text


def test_figures_are_realistic(demo: DemoRound) -> None:
    ref = Reference.load()
    div = ref.divisions.set_index("province_code")
    schools = ref.schools.set_index("province_code")["schools"]
    below = set()
    metrics: dict[str, dict[str, float]] = {}
    for code in demo.returned:
        f = demo.winner(code)
        t = f.totals
        members = sum(m for _, m in f.groups)
        assert 4 <= len(f.groups) <= 9
        assert t["province"]["groups"] == len(f.groups)
        assert abs(t["province"]["contacts"] - members) <= 0.05 * members
        prefectures, counties = int(div.at[code, "prefectures"]), int(div.at[code, "counties"])
        heads = f.groups[0]
        assert "部长群" in heads[0]
        if heads[1] < prefectures + 1:
            below.add((code, "heads"))
        needs = {("county", "groups"): counties,
                 ("county", "contacts"): 3 * int(schools[code]) + counties}
        if prefectures:
            needs["prefecture", "groups"] = prefectures
            needs["prefecture", "contacts"] = 2 * counties + prefectures
        for (level, field), need in needs.items():
            value = t[level][field]
            if value is None:
                continue
            ratio = value / need
            assert 0.6 <= ratio <= 2.0, (code, level, field, ratio)
            if ratio < 1:
                below.add((code, level))
        values = {"province_per_group": t["province"]["contacts"] / t["province"]["groups"]}
        if t["county"]["contacts"] is not None:
            values["county_per_group"] = t["county"]["contacts"] / t["county"]["groups"]
            values["county_per_county"] = t["county"]["contacts"] / counties
            values["county_per_school"] = t["county"]["contacts"] / int(schools[code])
        if prefectures:
            values["prefecture_per_group"] = (t["prefecture"]["contacts"]
                                              / t["prefecture"]["groups"])
        for name, value in values.items():
            metrics.setdefault(name, {})[code] = value
    assert 3 <= len(below) <= 7, below
    for name, values in metrics.items():
        worst = max(abs(z) for z in log_z(values).values())
        assert worst < 3.2, (name, worst)


def test_robust_z_of_a_plain_crowd_is_small() -> None:
    crowd = {str(i): math.exp(i / 10) for i in range(21)}
    assert max(abs(z) for z in log_z(crowd).values()) < 2
    crowd["outlier"] = math.exp(20)
    assert log_z(crowd)["outlier"] > 3.5




def test_write_returns_gives_distinct_files_in_every_layout_and_format(tmp_path: Path) -> None:
    paths = write_returns(tmp_path / "bench", 40)
    assert len(paths) == 40
    assert all(p.is_file() and p.parent == tmp_path / "bench" for p in paths)
    assert len({hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}) == 40
    seen_formats, seen_layouts = set(), set()
    for path in paths:
        data = path.read_bytes()
        if path.suffix == ".xlsx":
            fmt = "xlsx"
        elif path.suffix == ".xls":
            fmt = "xls"
        else:
            fmt = "csv-utf8-bom" if data.startswith(b"\xef\xbb\xbf") else "csv-gbk"
        seen_formats.add(fmt)
        cells, _ = _read_cells(path, fmt, None)
        assert "示例数据" in str(cells["A1"])
        seen_layouts.add(_layout_of(cells))
    assert seen_formats == set(FORMATS)
    assert seen_layouts == set(LAYOUTS)


def test_write_returns_is_deterministic(tmp_path: Path) -> None:
    a = write_returns(tmp_path / "a", 25, seed=3)
    b = write_returns(tmp_path / "b", 25, seed=3)
    assert [p.name for p in a] == [p.name for p in b]
    assert all(x.read_bytes() == y.read_bytes() for x, y in zip(a, b, strict=True))
