"""情况通报.docx: written from the figures of the same run, sentences that adapt to the counts."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import docx
import pandas as pd
import pytest
from printed import NUMBER, SOFFICE, has, page_lines, soffice_pdf, tiny_png
from test_charts import context_of, sample_round

from sgw_analysis import labels
from sgw_analysis.circular import KEY_CHARTS, Facts, LevelFacts, circular_blocks, circular_docx
from sgw_analysis.cli import main
from sgw_analysis.demo import write_demo_round
from sgw_analysis.pipeline import CIRCULAR_FILE
from sgw_analysis.printing import page_of

PROVINCES = ("北京市", "天津市", "河北省", "山西省")


# ---------------------------------------------------------------- sentences from hand-made facts
def _level(level: str, met: tuple[str, ...] = PROVINCES, short: tuple[str, ...] = (),
           invalid: tuple[str, ...] = ()) -> LevelFacts:
    return LevelFacts(level=level, requirement={"province": "R-P-HEADS", "prefecture": "R-PREF",
                                                "county": "R-CNTY"}[level],
                      returned=len(met) + len(short) + len(invalid), met=met, short=short,
                      invalid=invalid, not_applicable=(), groups=120, contacts=4500,
                      groups_missing=0, contacts_missing=0)


def _facts(**changes: object) -> Facts:
    """Four provinces, all returned on time, every level met; ``changes`` override."""
    facts = Facts(expected=4, returned=4, on_time=4, late=(), unknown=(), not_returned=(),
                  levels=tuple(_level(lv) for lv in ("province", "prefecture", "county")),
                  every_level_met=PROVINCES, shortfalls=(), invalid=(),
                  deadline=date(2017, 4, 15), generated_at=datetime(2017, 4, 16, 9, 30))
    return replace(facts, **changes)


def _text(facts: Facts, charts: tuple[str, ...] = ()) -> str:
    return "\n".join(block.text for block in circular_blocks(facts, charts))


def test_all_returned_on_time_and_met_says_so_without_a_zero_count():
    text = _text(_facts())
    assert "应报送的4个省（区、市）已全部报送附件2，均在截止日期前报送。" in text
    assert labels.CIRCULAR["every_level_all"] in text
    assert labels.CIRCULAR["no_problems"] in text and labels.CIRCULAR["nothing_to_chase"] in text
    assert "尚未报送" not in text and "逾期" not in text
    assert not re.search(r"(?<![\d,])0个", text)


def test_one_late_and_one_missing_province_are_named_not_counted():
    text = _text(_facts(returned=3, on_time=2, late=(("天津市", 3),), not_returned=("山西省",)))
    assert "已有3个报送附件2，其中按时报送2个，天津市逾期报送（晚于截止日期3天）。" in text
    assert "山西省尚未报送。" in text and "请山西省少工委抓紧报送附件2。" in text


def test_several_late_and_missing_provinces_are_counted_then_named():
    text = _text(_facts(expected=6, returned=4, on_time=2,
                        late=(("天津市", 3), ("河北省", 5)), not_returned=("上海市", "江苏省")))
    assert "逾期报送2个（天津市逾期3天、河北省逾期5天）" in text
    assert "尚未报送的有2个：上海市、江苏省。" in text


def test_nothing_returned_leaves_out_the_levels_and_numbers_the_headings_in_turn():
    blocks = circular_blocks(_facts(returned=0, on_time=0, not_returned=PROVINCES,
                                    every_level_met=()), ())
    headings = [b.text for b in blocks if b.kind == "heading"]
    assert headings == ["一、报送情况", "二、存在的问题", "三、有关要求"]
    text = "\n".join(b.text for b in blocks)
    assert "应报送的4个省（区、市）均尚未报送附件2。" in text
    assert labels.CIRCULAR["no_returns_to_judge"] in text


def test_a_shortfall_names_the_province_with_its_numbers_and_asks_to_correct():
    detail = "地市级建群数8个，应不少于11个（11个地市各1个），请督促补齐"
    prefecture = _level("prefecture", met=PROVINCES[:3], short=("山西省",))
    facts = _facts(levels=(_level("province"), prefecture, _level("county")),
                   every_level_met=PROVINCES[:3], shortfalls=(("R-PREF", (("山西省", detail),)),))
    text = _text(facts)
    assert f"（一）各地市建立县级少工委负责同志群方面，山西省未达到要求：{detail}。" in text
    assert "已报送的4个省份中，3个达到通知要求，山西省未达到要求。" in text
    assert "各级均达到通知要求的有3个省份。" in text
    assert "请山西省少工委对照通知要求核实情况" in text


def test_key_charts_become_numbered_figures_only_when_there_are_pictures():
    with_charts = circular_blocks(_facts(), KEY_CHARTS)
    figures = [b for b in with_charts if b.kind == "figure"]
    assert [b.key for b in figures] == list(KEY_CHARTS)
    assert figures[0].text.startswith("图1") and "图1至图3" in _text(_facts(), KEY_CHARTS)
    assert not [b for b in circular_blocks(_facts(), ()) if b.kind == "figure"]
    assert labels.CIRCULAR["table_intro"] in _text(_facts())


def test_the_docx_carries_the_pictures_the_tables_and_the_demo_header():
    ctx = context_of(sample_round(is_demo=True))
    document = docx.Document(io.BytesIO(circular_docx(ctx, dict.fromkeys(KEY_CHARTS,
                                                                          tiny_png()))))
    assert len(document.inline_shapes) == len(KEY_CHARTS)
    assert all(labels.DEMO_NOTE in s.header.paragraphs[0].text for s in document.sections)
    summary, followup = document.tables
    assert len(summary.rows) == 1 + len(ctx.result.expected) + 1  # header, provinces, 全国合计
    assert len(followup.rows) == 1 + len(ctx.result.followup)
    assert summary.rows[0]._tr.trPr.xpath("./w:tblHeader")  # repeated on every page


def test_real_data_has_no_demo_header():
    ctx = context_of(sample_round(is_demo=False), is_demo=False)
    document = docx.Document(io.BytesIO(circular_docx(ctx, {})))
    assert not any(labels.DEMO_NOTE in s.header.paragraphs[0].text for s in document.sections)
    assert not document.inline_shapes


# ---------------------------------------------------------------- the demo round, end to end
@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`sgw demo DIR` then `sgw report DIR --no-png`: the output folder."""
    folder = tmp_path_factory.mktemp("round") / "demo-2017"
    write_demo_round(folder)
    out = tmp_path_factory.mktemp("out")
    assert main(["report", str(folder), "--out", str(out), "--quiet", "--no-png"]) == 0
    return out


def _csv(out: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(out / "tables" / f"{name}.csv", dtype=str, encoding="utf-8-sig")


def _paragraphs(out: Path) -> list[str]:
    return [p.text for p in docx.Document(str(out / CIRCULAR_FILE)).paragraphs]


def _returns(coverage: pd.DataFrame, submissions: pd.DataFrame, followup: pd.DataFrame):
    """Expected, returned, on time, late {province: days}, not returned, from the CSVs alone."""
    judged = coverage[coverage["status"] != "not_applicable"]
    missing = judged.groupby("province")["status"].agg(lambda s: (s == "not_returned").all())
    late_rows = followup[followup["kind"] == "late"]
    late = {r.province: int(re.search(r"逾期(\d+)天", r.detail).group(1))
            for r in late_rows.itertuples()}
    ingested = submissions[submissions["status"] == "ingested"]
    undated = ingested["submitted_at"].isna().sum()
    returned = int((~missing).sum())
    return (coverage["province"].nunique(), returned, returned - len(late) - undated, late,
            sorted(missing[missing].index))


def test_the_circular_states_the_returns_of_coverage_and_followup(demo_run):
    coverage, followup = _csv(demo_run, "coverage"), _csv(demo_run, "followup")
    expected, returned, on_time, late, missing = _returns(
        coverage, _csv(demo_run, "submissions"), followup)
    text = "\n".join(_paragraphs(demo_run))
    assert f"应报送的{expected}个省（区、市）中，已有{returned}个报送附件2" in text
    assert f"其中按时报送{on_time}个" in text
    (province, days), = late.items()  # the demo round has one late return
    assert f"{province}逾期报送（晚于截止日期{days}天）" in text
    assert f"尚未报送的有{len(missing)}个：{'、'.join(missing)}。" in text or (
        len(missing) == 1 and f"{missing[0]}尚未报送。" in text)


def test_the_circular_states_each_level_and_the_sums_of_coverage(demo_run):
    coverage = _csv(demo_run, "coverage")
    text = "\n".join(_paragraphs(demo_run))
    for level, name in labels.LEVEL.items():
        rows = coverage[(coverage["level"] == level)
                        & ~coverage["status"].isin(["not_returned", "not_applicable"])]
        groups = pd.to_numeric(rows["groups"]).sum()
        contacts = pd.to_numeric(rows["contacts"]).sum()
        assert f"{name}建群{int(groups)}个、联系人{int(contacts)}人" in text
        met = int((rows["status"] == "met").sum())
        assert f"{name}（" in text and f"已报送的{len(rows)}个省份中，{met}个达到通知要求" in text


def test_every_shortfall_and_error_of_followup_is_in_the_text_with_its_province(demo_run):
    followup = _csv(demo_run, "followup")
    paragraphs = _paragraphs(demo_run)
    for row in followup[followup["kind"].isin(["below_requirement", "invalid"])].itertuples():
        assert any(row.province in p and row.detail in p for p in paragraphs), row.detail


def test_every_number_in_the_text_is_a_figure_of_the_run(demo_run):
    coverage, followup = _csv(demo_run, "coverage"), _csv(demo_run, "followup")
    allowed = {int(v) for column in ("groups", "contacts", "units", "expected_groups",
                                     "expected_contacts") for v in coverage[column].dropna()}
    allowed |= {int(n) for detail in followup["detail"] for n in NUMBER.findall(detail)}
    allowed |= set(range(len(coverage["province"].unique()) + 1))  # counts of provinces
    for level in labels.LEVEL:  # national sums
        rows = coverage[(coverage["level"] == level) & (coverage["status"] != "not_applicable")]
        allowed |= {int(pd.to_numeric(rows[c]).sum()) for c in ("groups", "contacts")}
    allowed |= {2017, 4, 15, 2}  # the notice 〔2017〕4号, its deadline 2017-04-15, 附件2
    today = datetime.now()
    allowed |= {today.year, today.month, today.day}  # the date the draft was generated
    paragraphs = _paragraphs(demo_run)
    numbers = [int(n.replace(",", "")) for p in paragraphs for n in NUMBER.findall(p)]
    assert numbers and not set(numbers) - allowed, set(numbers) - allowed
    assert not any(re.search(r"(?<![\d,])0个", p) for p in paragraphs)


@pytest.mark.slow
def test_libreoffice_opens_the_docx_and_every_page_is_numbered_and_flagged(
        demo_run, tmp_path_factory):
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed: printed-page checks skipped")
    lines = page_lines(soffice_pdf(demo_run / CIRCULAR_FILE, tmp_path_factory.mktemp("lo")))
    total = len(lines)
    for number, page in enumerate(lines, start=1):
        assert has(page[0], labels.DEMO_NOTE)
        assert has("".join(page), page_of(str(number), str(total)))
    summary = [n for n, page in enumerate(lines)
               if has("".join(page), labels.CIRCULAR["summary_title"])]
    assert len(summary) == 1 and has("".join(lines[summary[0]]), labels.TOTAL_ROW)  # one page


def test_the_docx_is_dated_by_its_generation_time_not_by_the_clock():
    ctx = context_of(sample_round(is_demo=True))
    with zipfile.ZipFile(io.BytesIO(circular_docx(ctx, {}))) as archive:
        dates = {entry.date_time for entry in archive.infolist()}
    assert dates == {ctx.generated_at.timetuple()[:6]}  # same round, same time: same bytes
