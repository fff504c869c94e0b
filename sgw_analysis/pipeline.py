"""The one place that knows the order of the stages: files → examine → resolve → tables → validate."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sgw_analysis import labels
from sgw_analysis.config import Config
from sgw_analysis.examine import FileResult, Forms, examine, packed, rejected_file
from sgw_analysis.findings import RuleId, issues_frame
from sgw_analysis.isolate import CRASHED, MEMORY, TIMEOUT, TOO_LARGE, Failure, Supervisor
from sgw_analysis.limits import LIMITS, Limits
from sgw_analysis.order import by_level
from sgw_analysis.read import find_files
from sgw_analysis.requirements import Requirements
from sgw_analysis.tables import Tables, table_frame
from sgw_analysis.write import scratch_in, table_csv, table_outputs, write_outputs

if TYPE_CHECKING:  # pandas loads beside the workers (see ingest); judging and presenting
    import pandas as pd  # only for judge() and report()

    from sgw_analysis.context import ReportContext
    from sgw_analysis.coverage import CoverageResult
    from sgw_analysis.coverage.rounds import EarlierRound, RoundComparison
    from sgw_analysis.reference import Reference

Progress = Callable[[str], None]
_FAILURE_REASON = {TIMEOUT: RuleId.READ_TIMEOUT, MEMORY: RuleId.READ_MEMORY,
                   TOO_LARGE: RuleId.READ_MEMORY, CRASHED: RuleId.READ_CRASHED}


def examine_all(paths: list[Path], root: Path, requirements: Requirements,
                workers: int | None = None, progress: Progress | None = None,
                limits: Limits = LIMITS,
                meanwhile: Callable[[], object] | None = None) -> list[FileResult]:
    """Examine every file in worker processes under the limits; results in the order of ``paths``.

    A file whose worker hangs, dies or runs out of memory is tried once more with the careful
    readers, then rejected with a reason; the round goes on. ``workers=0`` examines in this
    process, unguarded (for a debugger). ``meanwhile`` runs in a thread while the workers work.
    """
    if workers == 0:
        if meanwhile:
            meanwhile()
        return [examine(path, root, requirements, limits) for path in paths]

    def failed(item: tuple[Path, bool], failure: Failure) -> FileResult:
        code = _FAILURE_REASON.get(failure.kind, RuleId.READ_CRASHED)
        return rejected_file(item[0], root, code, failure.detail, limits)

    supervisor = Supervisor(
        work=lambda item: packed(examine(item[0], root, requirements, limits, careful=item[1])),
        failed=failed,
        retry=lambda item, _failure: None if item[1] else (item[0], True),
        limits=limits,
        workers=workers or round_workers(paths, limits),
        progress=(lambda result: progress(result.file)) if progress else None,
    )
    return every_file_once(paths, root,
                           supervisor.run([(path, False) for path in paths], meanwhile), limits)


def round_workers(paths: list[Path], limits: Limits = LIMITS) -> int:
    """Worker processes for a round: one where a file may need OCR, so one model is in memory.

    The OCR model holds about 550 MiB in the worker that loads it; two at once would take a
    round past its 1 GiB. Photos, scans and archives (which may hold either) are told by name.
    """
    if any(path.suffix.lower() in limits.ocr_suffixes for path in paths):
        return 1
    return min(os.cpu_count() or 1, limits.workers)


def every_file_once(paths: list[Path], root: Path, results: list[FileResult],
                    limits: Limits = LIMITS) -> list[FileResult]:
    """The round's invariant: one result per file found, whatever happened to the others."""
    by_file: dict[str, FileResult] = {}
    for result in results:
        by_file.setdefault(result.file, result)
    ordered = []
    for path in paths:
        relative = path.relative_to(root).as_posix()
        ordered.append(by_file.get(relative)
                       or rejected_file(path, root, RuleId.READ_CRASHED, "", limits))
    return ordered


def unpacked(results: list[FileResult]) -> list[FileResult]:
    """An archive's files in place of the archive (a rejected archive stays, with its reason)."""
    return [member for result in results for member in (result.members or [result])]


@dataclass(frozen=True)
class Decision:
    """A file's fate in the round: ingested, superseded or rejected, and why."""

    status: str
    reason: str = ""


def _version_key(result: FileResult) -> tuple:
    """Later 填报日期 first, then a 更正/修订 name, then the later file time, then the path."""
    return (result.submitted_at or date.min, result.correction, result.mtime, result.file)


def resolve(results: list[FileResult]) -> dict[str, Decision]:
    """One winning return per province; byte-identical copies and older versions superseded."""
    decisions: dict[str, Decision] = {}
    first_of_sha: dict[str, str] = {}
    by_province: dict[str, list[FileResult]] = {}
    for result in sorted(results, key=lambda r: r.file):
        if result.rejected:
            decisions[result.file] = Decision("rejected", result.reason)
        elif result.sha256 in first_of_sha:
            reason = labels.SUPERSEDED_REASON["duplicate"].format(first=first_of_sha[result.sha256])
            decisions[result.file] = Decision("superseded", reason)
        else:
            first_of_sha[result.sha256] = result.file
            by_province.setdefault(result.province_code, []).append(result)
    for returns in by_province.values():
        ordered = sorted(_one_per_format(returns, decisions), key=_version_key, reverse=True)
        winner = ordered[0]
        decisions[winner.file] = Decision("ingested")
        for older in ordered[1:]:
            decisions[older.file] = Decision("superseded", _superseded_reason(older, winner))
    return decisions


_FORMAT_RANK = {"pdf": 1, "image": 2}  # typed cells first, then a PDF's text layer, then OCR


def _one_per_format(returns: list[FileResult], decisions: dict[str, Decision]) -> list[FileResult]:
    """A return sent twice in two formats (a .docx and its .pdf) counts once: the most exact one."""
    if len({result.format for result in returns}) == 1:
        return returns  # one format: versions, which resolve picks by date
    by_content: dict[tuple, list[FileResult]] = {}
    for result in returns:
        content = (result.submitted_at,
                   tuple((t["level"], t["groups"], t["contacts"]) for t in result.totals),
                   tuple((g["group_name"], g["members"]) for g in result.groups))
        by_content.setdefault(content, []).append(result)
    kept = []
    for same in by_content.values():
        best = min(same, key=lambda r: (_FORMAT_RANK.get(r.format, 0), r.file))
        kept.append(best)
        for other in (r for r in same if r is not best):
            if other.format == best.format:
                kept.append(other)  # two versions in one format: resolve picks by date
            else:
                decisions[other.file] = Decision(
                    "superseded", labels.SAME_RETURN_OTHER_FORMAT.format(other=best.file))
    return kept


def _superseded_reason(older: FileResult, winner: FileResult) -> str:
    text = labels.SUPERSEDED_REASON
    if winner.submitted_at and (older.submitted_at or date.min) < winner.submitted_at:
        why = text["later_date"].format(date=winner.submitted_at.isoformat())
    elif winner.correction and not older.correction:
        why = text["correction"]
    else:
        why = text["later_file_time"]
    return text["replaced"].format(winner=winner.file, why=why)


def _submission(result: FileResult, decision: Decision) -> dict[str, object]:
    """A file's row of submissions.csv."""
    return {
        "file": result.file, "sha256": result.sha256,
        "province_code": result.province_code, "province": result.province,
        "status": decision.status, "reason": decision.reason or None,
        "sheet": result.sheet or None,
        "submitted_at": result.submitted_at.isoformat() if result.submitted_at else None,
    }


def _rows(returns: list[FileResult]) -> tuple[pd.DataFrame, pd.DataFrame, frozenset[str]]:
    """form_totals and provincial_groups of these returns, in their order, and those listed."""
    return (table_frame("form_totals", (row for r in returns for row in r.totals)),
            table_frame("provincial_groups", (row for r in returns for row in r.groups)),
            frozenset(r.file for r in returns if r.has_listing))


def _earlier(superseded: list[FileResult], submissions: pd.DataFrame) -> Tables:
    """The superseded returns' own rows and findings, for what a correction changed."""
    form_totals, provincial_groups, listed_files = _rows(superseded)
    return Tables(
        submissions=submissions[submissions["status"] == "superseded"].reset_index(drop=True),
        form_totals=form_totals, provincial_groups=provincial_groups,
        issues=issues_frame(finding for r in superseded for finding in r.issues),
        listed_files=listed_files)


def build_tables(results: list[FileResult], decisions: dict[str, Decision],
                 requirements: Requirements, raw_dir: Path | None = None) -> Tables:
    """The four tables from the examined files and the decisions on them."""
    from sgw_analysis.validate import consistency_issues  # pandera: after the workers started

    ordered = sorted(results, key=lambda r: r.file)
    status = {r.file: decisions[r.file].status for r in ordered}
    ingested = [r for r in ordered if status[r.file] == "ingested"]
    submissions = table_frame("submissions", (_submission(r, decisions[r.file])
                                              for r in ordered))
    form_totals, provincial_groups, listed_files = _rows(ingested)
    # a superseded version's findings are not the office's to chase: kept apart, in earlier
    findings = [finding for r in ordered if status[r.file] != "superseded" for finding in r.issues]
    consistency = consistency_issues(form_totals, provincial_groups, listed_files, requirements)
    forms = {r.file: r.form for r in ordered if r.form is not None and status[r.file] != "rejected"}
    return Tables(
        submissions=submissions,
        form_totals=by_level(form_totals),
        provincial_groups=provincial_groups.sort_values(["province_code", "row"],
                                                        ignore_index=True),
        issues=issues_frame(findings, consistency),
        listed_files=listed_files,
        raw_dir=raw_dir, is_demo=any(r.is_demo for r in ingested),
        forms=Forms(forms),
        earlier=_earlier([r for r in ordered if status[r.file] == "superseded"], submissions),
    )


def ingest(raw_dir: str | Path, requirements: Requirements = Requirements(),
           workers: int | None = None, progress: Progress | None = None,
           limits: Limits = LIMITS) -> Tables:
    """Ingest every file of a round's folder into the four validated tables."""
    root = Path(raw_dir)
    if not root.is_dir():
        raise FileNotFoundError(labels.CLI["no_folder"].format(folder=root))
    results = unpacked(examine_all(find_files(root), root, requirements, workers, progress,
                                   limits, meanwhile=_load_validation))
    from sgw_analysis.validate import validate

    tables = build_tables(results, resolve(results), requirements, root)
    return validate(tables)


def _load_validation() -> None:
    """Import pandera and run it once on empty tables: 0.3-0.5 s the workers' time now hides."""
    from sgw_analysis.validate import prepare

    prepare()


@dataclass(frozen=True)
class Report:
    """A judged round: tables (cross-province outliers among the issues), coverage, its settings."""

    tables: Tables
    result: CoverageResult
    reference: Reference
    config: Config
    progress: RoundComparison | None = None  # against an earlier round (--previous)

    def context(self, generated_at: datetime | None = None) -> ReportContext:
        """What every output of this report is made from (charts, workbook, HTML, manifest)."""
        from sgw_analysis.context import build_context

        return build_context(self.tables, self.result, self.reference, self.config.requirements,
                             generated_at, progress=self.progress)


def judge(tables: Tables, config: Config, earlier: EarlierRound | None = None) -> Report:
    """Coverage against the notice; cross-province outliers join the issues table; the progress
    since ``earlier`` when given."""
    from sgw_analysis.coverage import coverage
    from sgw_analysis.coverage.rounds import compare_rounds
    from sgw_analysis.reference import Reference

    reference = Reference.load(config.reference_vintage, divisions_path=config.divisions_path)
    result = coverage(tables, reference, config.requirements)
    issues = issues_frame(tables.issues, result.outliers)
    progress = None
    if earlier is not None:
        progress = compare_rounds(earlier, result.coverage, reference.vintage,
                                  json.loads(json.dumps(asdict(config.requirements), default=str)))
    return Report(replace(tables, issues=issues), result, reference, config, progress)


REPORT_STAGES = ("coverage", "charts", "png", "workbook", "html", "pdf", "circular", "manifest")
CIRCULAR_FILE = labels.CIRCULAR_FILE


def report_outputs(report: Report, png: bool = True, generated_at: datetime | None = None,
                   progress: Progress | None = None) -> dict[str, bytes]:
    """Every output of a report as relative path → bytes: six tables, charts, workbook, HTML,
    PDF, 情况通报 and manifest; without ``png`` nothing that needs Chromium (PNGs, PDF)."""
    from sgw_analysis import charts, circular, feedback, html_report, workbook  # plotly: report only
    from sgw_analysis.manifest import build_manifest

    step = progress or (lambda _stage: None)
    ctx = report.context(generated_at)
    outputs = table_outputs(ctx.tables)
    outputs["tables/coverage.csv"] = table_csv(ctx.result.coverage)
    outputs["tables/followup.csv"] = table_csv(ctx.result.followup)
    outputs["tables/changes.csv"] = table_csv(ctx.result.changes)
    outputs["tables/corrections.csv"] = table_csv(ctx.result.corrections)
    if ctx.progress is not None:
        outputs["tables/progress.csv"] = table_csv(ctx.progress.table)
    figures = charts.all_charts(ctx)
    step("charts")
    pictures = charts.figures_png(figures) if png else {}
    outputs.update({f"charts/{name}.png": data for name, data in pictures.items()})
    step("png")
    outputs["summary.xlsx"] = workbook.summary_workbook(ctx)
    outputs.update(feedback.feedback_outputs(ctx))
    step("workbook")
    html = html_report.report_html(ctx, figures)
    outputs["report.html"] = html.encode("utf-8")
    step("html")
    if png:
        outputs["report.pdf"] = charts.html_pdf(html)
    step("pdf")
    outputs[CIRCULAR_FILE] = circular.circular_docx(ctx, pictures)
    step("circular")
    outputs["manifest.json"] = json.dumps(build_manifest(ctx, outputs), ensure_ascii=False,
                                          indent=2, sort_keys=True).encode("utf-8")
    step("manifest")
    return outputs


def report(config: Config = Config(), png: bool = True, on_file: Progress | None = None,
           on_stage: Progress | None = None) -> tuple[Report, list[Path]]:
    """The one path of a report: ingest → judge → outputs → write; the Report and what was written.

    Temporary files (Chromium, converters) stay inside ``config.out_dir`` and are removed.
    """
    with scratch_in(config.out_dir):
        tables = ingest(config.raw_dir, config.requirements, config.workers, on_file)
        earlier = None
        if config.previous_dir:  # loads coverage and pandera: after the workers started
            from sgw_analysis.read.previous import read_earlier_round

            earlier = read_earlier_round(config.previous_dir)
        judged = judge(tables, config, earlier)
        if on_stage:
            on_stage("coverage")
        outputs = report_outputs(judged, png, progress=on_stage)
    return judged, write_outputs(config.out_dir, outputs)


def template_outputs(requirements: Requirements = Requirements()) -> dict[str, bytes]:
    """The fillable 附件2 templates: one per expected province and a blank one, name → bytes."""
    from sgw_analysis.coverage import expected_provinces
    from sgw_analysis.reference import municipality_codes
    from sgw_analysis.template import template_files

    return template_files(expected_provinces(requirements), municipality_codes(),
                          requirements.deadline)


def province_detail(report: Report, province: str) -> dict[str, pd.DataFrame]:
    """Every table's rows for one province (canonical name), for a drill-down."""
    expected = set(report.result.expected["province"])
    if province not in expected:
        raise ValueError(f"{province!r} is not an expected province: {sorted(expected)}")
    frames = {**report.tables.as_dict(), "coverage": report.result.coverage,
              "followup": report.result.followup, "timeliness": report.result.timeliness,
              "group_types": report.result.group_types}
    return {name: frame[frame["province"] == province].reset_index(drop=True)
            for name, frame in frames.items()}
