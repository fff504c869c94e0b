"""What every output of a report is made from, built once: tables, judgement, settings, notes.

Charts, the workbook, the HTML report and the manifest all take one ``ReportContext`` (the
build-then-render shape of great_tables), so none of them is handed its inputs piecemeal and
none falls back to a default of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sgw_analysis import labels
from sgw_analysis.reference import SCHOOLS_LABEL
from sgw_analysis.requirements import NOTICE, Requirements

if TYPE_CHECKING:
    from sgw_analysis.coverage import CoverageResult
    from sgw_analysis.coverage.rounds import RoundComparison
    from sgw_analysis.reference import Reference
    from sgw_analysis.tables import Tables


def threshold_text(requirements: Requirements) -> str:
    """The judging thresholds in Chinese, with the numbers of ``requirements``."""
    return labels.THRESHOLDS.format(
        extra=requirements.heads_group_extra_members,
        prefecture_per_county=requirements.prefecture_contacts_per_county,
        prefecture_per_prefecture=requirements.prefecture_contacts_per_prefecture,
        county_per_school=requirements.county_contacts_per_school,
        county_per_county=requirements.county_contacts_per_county)


def method_notes(result: CoverageResult, requirements: Requirements,
                 is_demo: bool) -> tuple[tuple[str, str], ...]:
    """说明 as (item, content) pairs: data, notice, deadline, denominators, meanings, limits."""
    item = labels.NOTE_ITEM
    notes = [(item["demo"], labels.DEMO_TEXT if is_demo else labels.REAL_TEXT),
             (item["notice"], NOTICE), (item["deadline"], result.deadline.isoformat()),
             (item["reference"], result.reference_label), (item["schools"], SCHOOLS_LABEL),
             (item["thresholds"], threshold_text(requirements))]
    notes += [(f"{item['statuses']}：{labels.COVERAGE_STATUS[k]}", v)
              for k, v in labels.STATUS_MEANING.items()]
    notes += [(f"{item['timeliness']}：{labels.TIMELINESS[k]}", v)
              for k, v in labels.TIMELINESS_MEANING.items()]
    notes.append((item["not_in_annex2"], labels.NOT_IN_ANNEX2))
    return tuple(notes)


@dataclass(frozen=True)
class ReportContext:
    """One judged round ready to present: tables (outliers among the issues), coverage, settings."""

    tables: Tables
    result: CoverageResult
    requirements: Requirements
    reference: Reference
    generated_at: datetime
    notes: tuple[tuple[str, str], ...] = field(default=())
    progress: RoundComparison | None = None  # against an earlier round (--previous)

    @property
    def is_demo(self) -> bool:
        """True when the round is the demo generator's (示例数据): every output says so."""
        return self.tables.is_demo

    @property
    def generated_text(self) -> str:
        """The generation time as outputs print it."""
        return self.generated_at.strftime("%Y-%m-%d %H:%M")


def build_context(tables: Tables, result: CoverageResult, reference: Reference,
                  requirements: Requirements = Requirements(),
                  generated_at: datetime | None = None,
                  progress: RoundComparison | None = None) -> ReportContext:
    """The context of one report; ``generated_at`` defaults to now, to the second."""
    notes = method_notes(result, requirements, tables.is_demo)
    if progress is not None:
        notes += ((labels.NOTE_ITEM_PROGRESS, progress_text(progress)),)
    return ReportContext(
        tables=tables, result=result, requirements=requirements, reference=reference,
        generated_at=generated_at or datetime.now().replace(microsecond=0),
        notes=notes, progress=progress)


def progress_text(progress: RoundComparison) -> str:
    """Which earlier round this one is compared with, and which of its settings differ."""
    text = labels.PROGRESS_NOTE.format(folder=progress.earlier_folder)
    for difference in progress.differences:
        text += labels.PROGRESS_DIFFERENCE[difference]
    return text
