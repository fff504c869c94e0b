"""One presentation context: notes and thresholds come from the settings, outputs share them."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import datetime

import openpyxl
import pandas as pd
from test_charts import context_of, sample_round

from sgw_analysis import charts, labels
from sgw_analysis.context import build_context, threshold_text
from sgw_analysis.html_report import report_html
from sgw_analysis.reference import Reference
from sgw_analysis.requirements import Requirements
from sgw_analysis.workbook import summary_workbook


def test_threshold_prose_carries_the_numbers_of_the_requirements():
    default = threshold_text(Requirements())
    assert "地市数+1" in default and "每所中小学3人加每个区县1人" in default
    stricter = threshold_text(Requirements(heads_group_extra_members=2,
                                           county_contacts_per_school=4))
    assert "地市数+2" in stricter and "每所中小学4人加每个区县1人" in stricter


def test_workbook_and_report_show_the_same_method_notes():
    tables, result = sample_round()
    looser = Requirements(prefecture_contacts_per_county=1)
    ctx = build_context(tables, result, Reference.load(), looser, datetime(2017, 4, 16, 9, 30))
    assert (labels.NOTE_ITEM["thresholds"], threshold_text(looser)) in ctx.notes
    book = openpyxl.load_workbook(io.BytesIO(summary_workbook(ctx)))
    sheet = book[labels.SHEET["notes"]]
    shown = [(row[0], row[1]) for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert shown[:-1] == list(ctx.notes)
    assert shown[-1] == (labels.NOTE_ITEM["generated_at"], "2017-04-16 09:30")
    html = report_html(ctx, charts.all_charts(ctx))
    assert "每个区县1人加每个地市1人" in html


def test_issues_sheet_lists_each_issue_once():
    tables, result = sample_round(is_demo=True)
    outlier = tables.issues.iloc[[0]].assign(rule="outlier_contacts_per_group",
                                             severity="warning")
    judged = replace(tables, issues=pd.concat([tables.issues, outlier], ignore_index=True))
    book = openpyxl.load_workbook(io.BytesIO(summary_workbook(context_of((judged, result)))))
    rules = [row[1] for row in book[labels.SHEET["issues"]].iter_rows(min_row=3,
                                                                      values_only=True)]
    assert len(rules) == len(judged.issues)
    assert rules.count("outlier_contacts_per_group") == 1
