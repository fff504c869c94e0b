"""One file, start to finish: read → locate → parse → identify → classify, into rows and findings.

Runs in worker processes, so it takes a path and returns plain records; it never raises for a
bad file (a file that cannot be read is a rejected file with a reason, not an exception).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

from sgw_analysis import labels, parse
from sgw_analysis.classify import group_type
from sgw_analysis.identify import identify_province, marked_as_correction
from sgw_analysis.limits import LIMITS, Limits
from sgw_analysis.locate import Found, Located, locate
from sgw_analysis.provenance import document_findings
from sgw_analysis.read import (
    FORMULA_WITHOUT_VALUE,
    ReadError,
    ReadNote,
    Sheet,
    display_text,
    file_identity,
    read_bytes,
    read_round_file,
)
from sgw_analysis.read.unpack import is_archive, members
from sgw_analysis.reference import municipality_codes
from sgw_analysis.requirements import LEVELS, Requirements

# parse status → (rule, severity); ok values raise nothing
_COUNT_RULES = {
    parse.MISSING: ("value_missing", "error"),
    parse.NOT_A_NUMBER: ("value_not_a_number", "error"),
    parse.NEGATIVE: ("negative_value", "error"),
    parse.NON_INTEGER: ("non_integer_value", "error"),
    parse.ABSURD: ("absurd_value", "error"),
    parse.APPROXIMATE: ("approximate_value", "warning"),
    parse.NOT_APPLICABLE: ("not_applicable_value", "error"),
    parse.FORMULA_WITHOUT_VALUE: ("formula_without_cached_value", "error"),
}


@dataclass
class FileResult:
    """What one file gave: a form (with rows and findings) or a rejection with its reason."""

    file: str
    sha256: str | None  # None where the file could not even be opened
    mtime: float
    rejected: str | None = None  # rejection rule id
    reason: str = ""
    province_code: str | None = None
    province: str | None = None
    sheet: str | None = None
    submitted_at: date | None = None
    correction: bool = False
    is_demo: bool = False
    form: Sheet | None = None  # the sheet the form was read from, as read
    totals: list[dict] = field(default_factory=list)
    groups: list[dict] = field(default_factory=list)
    issues: list[dict] = field(default_factory=list)
    format: str = ""  # the reader's format: xlsx, xls, csv, ods, docx, pdf, image
    members: list[FileResult] | None = None  # an archive's files (``a.zip!b.xlsx``), in order


def examine(path: Path, root: Path, requirements: Requirements = Requirements(),
            limits: Limits = LIMITS, careful: bool = False) -> FileResult:
    """Read one file under ``root`` into a FileResult; every failure becomes a rejection.

    ``careful`` reads with the slower, safer readers only (after a fast one died on the file).
    """
    relative = path.relative_to(root).as_posix()
    try:
        mtime = os.lstat(path).st_mtime
        data = read_round_file(path, root, limits)
    except ReadError as exc:
        return _reject(FileResult(relative, None, 0.0), exc.code, exc.what)
    except OSError as exc:
        return _reject(FileResult(relative, None, 0.0), "file_unreadable", exc.strerror or "")
    if is_archive(data):
        return _examine_archive(FileResult(relative, _sha256(data), mtime), data, requirements,
                                limits)
    return examine_bytes(relative, data, mtime, requirements, limits, careful)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def examine_bytes(file: str, data: bytes, mtime: float,
                  requirements: Requirements = Requirements(), limits: Limits = LIMITS,
                  careful: bool = False) -> FileResult:
    """Read one file's bytes (``file`` names it in the round, ``a.zip!b.docx`` inside an archive)."""
    result = FileResult(file, _sha256(data), mtime)
    try:
        workbook = read_bytes(data, PurePosixPath(file.rsplit("!", 1)[-1]).name, limits, careful)
    except ReadError as exc:
        return _reject(result, exc.code, exc.what)
    except MemoryError:
        raise  # the worker's ceiling: its supervisor gives the reason
    except Exception as exc:  # a reader library choking on a malformed file
        return _reject(result, "file_corrupt", type(exc).__name__)
    result.format = workbook.format
    try:
        located = locate(workbook)
        if located is None:
            return _reject(result, "image_not_annex2" if workbook.format == "image"
                           else "not_annex2")
        if not workbook.origins:  # a document's reading-order sheet is not what the province sees
            result.form = next(s for s in workbook.sheets if s.name == located.sheet)
        _read_form(result, located, requirements)
        if not result.rejected:
            _read_notes(result, workbook.notes, limits)
        return document_findings(result, located, workbook)
    except MemoryError:
        raise
    except Exception as exc:  # a bug met on one odd file must not stop the round: say so
        return _reject(FileResult(file, result.sha256, result.mtime), "internal_error",
                       f"{type(exc).__name__}: {exc}")


def _examine_archive(result: FileResult, data: bytes, requirements: Requirements,
                     limits: Limits) -> FileResult:
    """Each file of an archive examined as if it lay in the folder, named ``a.zip!b/c.xlsx``."""
    result.members = []
    try:
        for member in members(data):
            name = f"{result.file}!{member.name}"
            result.members.append(
                _reject(FileResult(name, _sha256(member.data), member.mtime),
                        member.error.code, member.error.what) if member.error
                else examine_bytes(name, member.data, member.mtime, requirements, limits))
    except ReadError as exc:
        result.members = None
        return _reject(result, exc.code, exc.what)
    if not result.members:
        result.members = None
        return _reject(result, "archive_empty")
    return result


def rejected_file(path: Path, root: Path, code: str, what: str = "",
                  limits: Limits = LIMITS) -> FileResult:
    """The rejection of a file whose examination did not come back (it hung, died or ran out of memory)."""
    sha256, mtime = file_identity(path, root, limits)
    return _reject(FileResult(path.relative_to(root).as_posix(), sha256, mtime), code, what)


def _read_notes(result: FileResult, notes: tuple[ReadNote, ...], limits: Limits) -> None:
    """What reading cut, left out or cleaned, as warnings on the sheet (or the workbook)."""
    for note in notes:
        limit = {"sheets_not_read": limits.sheets, "rows_not_read": limits.rows,
                 "columns_not_read": limits.columns, "cells_not_read": limits.cells,
                 }.get(note.rule, limits.cell_chars)
        message = labels.READ_NOTE[note.rule].format(detail=note.detail, limit=limit,
                                                     count=note.count)
        issue = _issue(result, "warning", note.rule, message, note.cell, "")
        issue["sheet"] = note.sheet or None
        result.issues.append(issue)


def _reject(result: FileResult, code: str, what: str = "") -> FileResult:
    result.rejected = code
    result.reason = labels.REJECT_REASON[code].format(what=what)
    named = identify_province(None, result.file)
    if named.code and code != "province_unknown":
        result.reason += labels.REJECT_NAMED_PROVINCE.format(province=named.name)
    result.issues.append(_issue(result, "error", code, result.reason, cell="", value=""))
    return result


def _issue(result: FileResult, severity: str, rule: str, message: str, cell: str,
           value: str) -> dict:
    return {"severity": severity, "rule": rule, "province_code": result.province_code,
            "province": result.province, "file": result.file, "sheet": result.sheet,
            "cell": cell or None, "value": value or None, "message": message}


def _read_form(result: FileResult, located: Located, requirements: Requirements) -> FileResult:
    """Identify the province and date, then parse the six totals and the listing."""
    result.sheet = located.sheet
    result.is_demo = located.is_demo
    unit_text = display_text(located.unit.value) if located.unit else ""
    identity = identify_province(unit_text, result.file)
    if identity.code is None:
        return _reject(result, "province_unknown")
    result.province_code, result.province = identity.code, identity.name
    result.correction = marked_as_correction(result.file)
    if identity.conflict:
        other = identity.conflict[1]
        result.issues.append(_issue(
            result, "warning", "province_conflict",
            labels.ISSUE_MESSAGE["province_conflict"].format(unit=identity.name, other=other),
            located.unit.cell if located.unit else "", unit_text))
    if located.template_altered:
        result.issues.append(_issue(
            result, "warning", "template_altered",
            labels.TEMPLATE_ISSUE_MESSAGE["template_altered"].format(
                where=located.template_altered), _cell_or_blank(located.template_altered), ""))
    result.submitted_at = _submitted_at(result, located)
    _totals(result, located, requirements)
    _listing(result, located, requirements)
    return result


def _submitted_at(result: FileResult, located: Located) -> date | None:
    """填报日期 from its cell, else a date in the file name."""
    if located.date is not None and located.date.value not in (None, ""):
        when = parse.parse_date(located.date.value)
        if when is not None:
            return when
        raw = display_text(located.date.value)
        result.issues.append(_issue(result, "warning", "date_unreadable",
                                    labels.ISSUE_MESSAGE["date_unreadable"].format(raw=raw),
                                    located.date.cell, raw))
    in_name = parse.date_in_name(PurePosixPath(result.file).name)
    if (in_name is None and located.by_names and located.date is not None
            and located.date.value in (None, "")):
        result.issues.append(_issue(result, "warning", "date_missing",
                                    labels.TEMPLATE_ISSUE_MESSAGE["date_missing"],
                                    located.date.cell, ""))
    return in_name


def _cell_or_blank(where: str) -> str:
    """A cell address as the issue's cell; a defined name that points nowhere names no cell."""
    return "" if where.startswith("SGW_") else where


def _parse_found(found: Found, requirements: Requirements) -> parse.ParsedCount:
    """A located count: a formula with no cached result is its own status, never a number."""
    if found.kind == FORMULA_WITHOUT_VALUE:
        return parse.ParsedCount(None, parse.FORMULA_WITHOUT_VALUE, found.formula)
    return parse.parse_count(found.value, requirements.absurd_value)


def _count(result: FileResult, found: Found | None, level: str, field_name: str,
           requirements: Requirements) -> int | None:
    """Parse one total; record a finding for anything but a clean number."""
    words = {"level": labels.LEVEL[level], "field": labels.FIELD[field_name]}
    municipality_prefecture = (level == "prefecture"
                               and result.province_code in municipality_codes())
    if found is None:
        if not municipality_prefecture:
            result.issues.append(_issue(result, "error", "field_not_found",
                                        labels.ISSUE_MESSAGE["field_not_found"].format(**words),
                                        "", ""))
        return None
    parsed = _parse_found(found, requirements)
    if parsed.status == parse.OK:
        return parsed.value
    if parsed.status in (parse.NOT_APPLICABLE, parse.MISSING) and municipality_prefecture:
        return None  # municipalities have no prefecture level: "/" or blank is correct
    rule, severity = _COUNT_RULES[parsed.status]
    message = labels.ISSUE_MESSAGE[rule].format(raw=parsed.raw, value=parsed.value, **words)
    result.issues.append(_issue(result, severity, rule, message, found.cell, parsed.raw))
    return parsed.value


def _totals(result: FileResult, located: Located, requirements: Requirements) -> None:
    for level in LEVELS:
        groups = located.totals.get((level, "groups"))
        contacts = located.totals.get((level, "contacts"))
        result.totals.append({
            "province_code": result.province_code, "province": result.province, "level": level,
            "groups": _count(result, groups, level, "groups", requirements),
            "contacts": _count(result, contacts, level, "contacts", requirements),
            "file": result.file,
            "groups_cell": _address(result.sheet, groups),
            "contacts_cell": _address(result.sheet, contacts),
        })


def _address(sheet: str | None, found: Found | None) -> str | None:
    if found is None:
        return None
    return f"{sheet}!{found.cell}" if sheet else found.cell


def _listing(result: FileResult, located: Located, requirements: Requirements) -> None:
    if located.listing is None:
        result.issues.append(_issue(result, "warning", "listing_missing",
                                    labels.ISSUE_MESSAGE["listing_missing"], "", ""))
        return
    for row in located.unnamed_rows:
        result.issues.append(_issue(
            result, "warning", "listing_row_without_name",
            labels.ISSUE_MESSAGE["listing_row_without_name"].format(row=row), f"A{row}", ""))
    for listed in located.listing:
        members = _parse_found(listed.members, requirements)
        if members.status not in (parse.OK, parse.APPROXIMATE):
            rule = "member_negative" if members.status == parse.NEGATIVE else "member_not_a_number"
            result.issues.append(_issue(
                result, "warning" if members.status == parse.MISSING else "error", rule,
                labels.ISSUE_MESSAGE[rule].format(group=listed.name, raw=members.raw or "空"),
                listed.members.cell, members.raw))
        result.groups.append({
            "province_code": result.province_code, "province": result.province,
            "group_name": listed.name, "composition": listed.composition or None,
            "members": members.value if members.status in (parse.OK, parse.APPROXIMATE,
                                                           parse.NEGATIVE) else None,
            "note": listed.note or None,
            "group_type": group_type(listed.name, requirements.group_type_keywords),
            "file": result.file, "row": listed.row,
        })
