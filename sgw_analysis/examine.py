"""One file, start to finish: read → locate → parse → identify → classify, into rows and findings.

Runs in worker processes, so it takes a path and returns plain records; it never raises for a
bad file (a file that cannot be read is a rejected file with a reason, not an exception).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path, PurePosixPath
from zipfile import ZipFile

from sgw_analysis import labels, parse
from sgw_analysis.classify import group_type
from sgw_analysis.findings import Finding, RuleId, cell_address
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
from sgw_analysis.read.unpack import members, sniff
from sgw_analysis.reference import municipality_codes
from sgw_analysis.requirements import LEVELS, Requirements

# parse status of a total → the rule of its finding; ok values raise nothing
_COUNT_RULES: Mapping[str, RuleId] = {
    parse.MISSING: RuleId.VALUE_MISSING,
    parse.NOT_A_NUMBER: RuleId.VALUE_NOT_A_NUMBER,
    parse.NEGATIVE: RuleId.NEGATIVE_VALUE,
    parse.NON_INTEGER: RuleId.NON_INTEGER_VALUE,
    parse.ABSURD: RuleId.ABSURD_VALUE,
    parse.APPROXIMATE: RuleId.APPROXIMATE_VALUE,
    parse.NOT_APPLICABLE: RuleId.NOT_APPLICABLE_VALUE,
    parse.FORMULA_WITHOUT_VALUE: RuleId.FORMULA_WITHOUT_CACHED_VALUE,
}


@dataclass
class FileResult:
    """What one file gave: a form (with rows and findings) or a rejection with its reason."""

    file: str
    sha256: str | None  # None where the file could not even be opened
    mtime: float
    rejected: RuleId | None = None
    reason: str = ""
    province_code: str | None = None
    province: str | None = None
    sheet: str | None = None
    submitted_at: date | None = None
    correction: bool = False
    is_demo: bool = False
    form: Sheet | PackedSheet | None = None  # the sheet the form was read from, as read
    has_listing: bool = False  # a 省级建群情况一览 was found (an empty one included)
    totals: list[dict] = field(default_factory=list)
    groups: list[dict] = field(default_factory=list)
    issues: list[Finding] = field(default_factory=list)
    format: str = ""  # the reader's format: xlsx, xls, csv, ods, docx, pdf, image
    members: list[FileResult] | None = None  # an archive's files (``a.zip!b.xlsx``), in order

    def note(self, rule: RuleId, words: Mapping[str, object] | None = None, cell: str | None = None,
             value: str | None = None, blank: bool = False) -> Finding:
        """Record a finding about this file where it stands (province, file, sheet, ``cell``)."""
        finding = Finding.of(rule, words=words, blank=blank, cell=cell, value=value,
                             **self.origin())
        self.issues.append(finding)
        return finding

    def origin(self) -> dict[str, str | None]:
        """Where this file's findings stand: its province, the file and the form's sheet."""
        return {"province_code": self.province_code, "province": self.province,
                "file": self.file, "sheet": self.sheet}


@dataclass(frozen=True)
class PackedSheet:
    """A form's sheet pickled in the worker that read it: the parent unpickles only the few a
    report shows (at 1,000 returns, unpickling every form cost more than the rest of a result)."""

    data: bytes

    def unpack(self) -> Sheet:
        """The sheet."""
        return pickle.loads(self.data)


def packed(result: FileResult) -> FileResult:
    """The result with its form (and its archive members' forms) packed for the trip home."""
    if isinstance(result.form, Sheet):
        result.form = PackedSheet(pickle.dumps(result.form, protocol=pickle.HIGHEST_PROTOCOL))
    for member in result.members or ():
        packed(member)
    return result


class Forms(Mapping[str, Sheet]):
    """Each return's form sheet by file, unpacked on first use and kept."""

    def __init__(self, forms: Mapping[str, Sheet | PackedSheet]) -> None:
        self._forms = dict(forms)

    def __getitem__(self, file: str) -> Sheet:
        form = self._forms[file]
        if isinstance(form, PackedSheet):
            form = self._forms[file] = form.unpack()
        return form

    def __iter__(self) -> Iterator[str]:
        return iter(self._forms)

    def __len__(self) -> int:
        return len(self._forms)


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
        return _reject(FileResult(relative, None, 0.0), RuleId(exc.code), exc.what)
    except OSError as exc:
        return _reject(FileResult(relative, None, 0.0), RuleId.FILE_UNREADABLE,
                       exc.strerror or "")
    sniffed = sniff(data)  # a zip is opened once: to tell what it is, then to read it
    if sniffed.archive:
        return _examine_archive(FileResult(relative, _sha256(data), mtime), data, requirements,
                                limits, sniffed.opened)
    return examine_bytes(relative, data, mtime, requirements, limits, careful, sniffed.opened)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def examine_bytes(file: str, data: bytes, mtime: float,
                  requirements: Requirements = Requirements(), limits: Limits = LIMITS,
                  careful: bool = False, opened: ZipFile | None = None) -> FileResult:
    """Read one file's bytes (``file`` names it in the round, ``a.zip!b.docx`` inside an archive;
    ``opened``: the bytes already opened as a zip)."""
    result = FileResult(file, _sha256(data), mtime)
    try:
        workbook = read_bytes(data, PurePosixPath(file.rsplit("!", 1)[-1]).name, limits, careful,
                              opened)
    except ReadError as exc:
        return _reject(result, RuleId(exc.code), exc.what)
    except MemoryError:
        raise  # the worker's ceiling: its supervisor gives the reason
    except Exception as exc:  # a reader library choking on a malformed file
        return _reject(result, RuleId.FILE_CORRUPT, type(exc).__name__)
    result.format = workbook.format
    try:
        located = locate(workbook)
        if located is None:
            return _reject(result, RuleId.IMAGE_NOT_ANNEX2 if workbook.format == "image"
                           else RuleId.NOT_ANNEX2)
        if not workbook.origins:  # a document's reading-order sheet is not what the province sees
            result.form = next(s for s in workbook.sheets if s.name == located.sheet)
        _read_form(result, located, requirements)
        if not result.rejected:
            _read_notes(result, workbook.notes, limits)
        return document_findings(result, located, workbook)
    except MemoryError:
        raise
    except Exception as exc:  # a bug met on one odd file must not stop the round: say so
        return _reject(FileResult(file, result.sha256, result.mtime), RuleId.INTERNAL_ERROR,
                       f"{type(exc).__name__}: {exc}")


def _examine_archive(result: FileResult, data: bytes, requirements: Requirements,
                     limits: Limits, opened: ZipFile | None) -> FileResult:
    """Each file of an archive examined as if it lay in the folder, named ``a.zip!b/c.xlsx``."""
    result.members = []
    try:
        for member in members(data, opened=opened):
            name = f"{result.file}!{member.name}"
            result.members.append(
                _reject(FileResult(name, _sha256(member.data), member.mtime),
                        RuleId(member.error.code), member.error.what) if member.error
                else examine_bytes(name, member.data, member.mtime, requirements, limits,
                                   opened=member.opened))
    except ReadError as exc:
        result.members = None
        return _reject(result, RuleId(exc.code), exc.what)
    if not result.members:
        result.members = None
        return _reject(result, RuleId.ARCHIVE_EMPTY)
    return result


def rejected_file(path: Path, root: Path, code: RuleId | str, what: str = "",
                  limits: Limits = LIMITS) -> FileResult:
    """The rejection of a file whose examination did not come back (it hung, died or ran out of memory)."""
    sha256, mtime = file_identity(path, root, limits)
    return _reject(FileResult(path.relative_to(root).as_posix(), sha256, mtime), RuleId(code),
                   what)


def _read_notes(result: FileResult, notes: tuple[ReadNote, ...], limits: Limits) -> None:
    """What reading cut, left out or cleaned, as warnings on the sheet (or the workbook)."""
    for note in notes:
        limit = {"sheets_not_read": limits.sheets, "rows_not_read": limits.rows,
                 "columns_not_read": limits.columns, "cells_not_read": limits.cells,
                 }.get(note.rule, limits.cell_chars)
        words = {"detail": note.detail, "limit": limit, "count": note.count}
        result.issues.append(Finding.of(note.rule, words=words, cell=note.cell,
                                        **{**result.origin(), "sheet": note.sheet or None}))


def _reject(result: FileResult, rule: RuleId, what: str = "") -> FileResult:
    """Reject the file: its finding's sentence, naming the province its name suggests, is the reason."""
    finding = result.note(rule, {"what": what})
    named = identify_province(None, result.file)
    if named.code and rule != RuleId.PROVINCE_UNKNOWN:
        named_text = labels.REJECT_NAMED_PROVINCE.format(province=named.name)
        result.issues[-1] = finding = replace(finding, message=finding.message + named_text)
    result.rejected, result.reason = rule, finding.message
    return result


def _read_form(result: FileResult, located: Located, requirements: Requirements) -> FileResult:
    """Identify the province and date, then parse the six totals and the listing."""
    result.sheet = located.sheet
    result.is_demo = located.is_demo
    unit_text = display_text(located.unit.value) if located.unit else ""
    identity = identify_province(unit_text, result.file)
    if identity.code is None:
        return _reject(result, RuleId.PROVINCE_UNKNOWN)
    result.province_code, result.province = identity.code, identity.name
    result.correction = marked_as_correction(result.file)
    if identity.conflict:
        result.note(RuleId.PROVINCE_CONFLICT, {"unit": identity.name, "other": identity.conflict[1]},
                    located.unit.cell if located.unit else None, unit_text)
    if located.template_altered:
        result.note(RuleId.TEMPLATE_ALTERED, {"where": located.template_altered},
                    _cell_or_blank(located.template_altered))
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
        result.note(RuleId.DATE_UNREADABLE, {"raw": raw}, located.date.cell, raw)
    in_name = parse.date_in_name(PurePosixPath(result.file).name)
    if (in_name is None and located.by_names and located.date is not None
            and located.date.value in (None, "")):
        result.note(RuleId.DATE_MISSING, cell=located.date.cell)
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
            result.note(RuleId.FIELD_NOT_FOUND, words)
        return None
    parsed = _parse_found(found, requirements)
    if parsed.status == parse.OK:
        return parsed.value
    if parsed.status in (parse.NOT_APPLICABLE, parse.MISSING) and municipality_prefecture:
        return None  # municipalities have no prefecture level: "/" or blank is correct
    result.note(_COUNT_RULES[parsed.status], {"raw": parsed.raw, "value": parsed.value, **words},
                found.cell, parsed.raw)
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
            "groups_cell": None if groups is None else cell_address(result.sheet, groups.cell),
            "contacts_cell": (None if contacts is None
                              else cell_address(result.sheet, contacts.cell)),
        })


def _listing(result: FileResult, located: Located, requirements: Requirements) -> None:
    if located.listing is None:
        result.note(RuleId.LISTING_MISSING)
        return
    result.has_listing = True
    for row in located.unnamed_rows:
        result.note(RuleId.LISTING_ROW_WITHOUT_NAME, {"row": row}, f"A{row}")
    for listed in located.listing:
        members = _parse_found(listed.members, requirements)
        if members.status not in (parse.OK, parse.APPROXIMATE):
            rule = (RuleId.MEMBER_NEGATIVE if members.status == parse.NEGATIVE
                    else RuleId.MEMBER_NOT_A_NUMBER)
            result.note(rule, {"group": listed.name, "raw": members.raw or labels.BLANK_CELL},
                        listed.members.cell, members.raw, blank=members.status == parse.MISSING)
        result.groups.append({
            "province_code": result.province_code, "province": result.province,
            "group_name": listed.name, "composition": listed.composition or None,
            "members": members.value if members.status in (parse.OK, parse.APPROXIMATE,
                                                           parse.NEGATIVE) else None,
            "note": listed.note or None,
            "group_type": group_type(listed.name, requirements.group_type_keywords),
            "file": result.file, "row": listed.row,
        })
