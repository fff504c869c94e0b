"""Findings, the rows of issues.csv: one registry of rules, one Finding, one way to the table.

Shaped as pandera's own reason codes are (``SchemaErrorReason`` and its map to an
``ErrorCategory``): one enum of rule ids, :class:`RuleId`, and one map, :data:`RULES`, from a
rule id to what it means (its severity, its Chinese sentence from :mod:`labels`, the notice's
requirement it bears on). Every stage (examine, validate, coverage's outliers) emits
:class:`Finding` objects, and :func:`issues_frame` is the one place the issues table is made.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from enum import StrEnum, auto
from types import MappingProxyType
from typing import TYPE_CHECKING

from sgw_analysis import labels
from sgw_analysis.tables import table_columns, table_frame

if TYPE_CHECKING:  # pandas loads with the first issues table, beside the workers
    import pandas as pd


class Severity(StrEnum):
    """``error``: a value is missing or wrong, or the file was rejected; ``warning``: suspicious."""

    ERROR = auto()
    WARNING = auto()


ERROR, WARNING = Severity.ERROR, Severity.WARNING


class RuleId(StrEnum):
    """The stable ``rule`` of issues.csv; each member's value is its name in lower case."""

    # the file is not a readable 附件2 return: rejected (its submissions.reason says the same)
    FILE_EMPTY = auto()
    FILE_LOCK = auto()
    FILE_ENCRYPTED = auto()
    FILE_CORRUPT = auto()
    FILE_UNREADABLE = auto()
    INTERNAL_ERROR = auto()
    FILE_NOT_SPREADSHEET = auto()
    FILE_UNSUPPORTED = auto()
    NOT_ANNEX2 = auto()
    PROVINCE_UNKNOWN = auto()
    # … refused by the limits and guards against hostile input (limits.py, read/, isolate.py)
    FILE_TOO_LARGE = auto()
    ZIP_BOMB = auto()
    XML_FORBIDDEN = auto()
    WORKBOOK_EMPTY = auto()
    FILE_OLD_EXCEL = auto()
    TEXT_UNKNOWN_ENCODING = auto()
    LINK_OUTSIDE = auto()
    ENTRY_FOLDER = auto()
    ENTRY_SPECIAL = auto()
    READ_TIMEOUT = auto()
    READ_MEMORY = auto()
    READ_CRASHED = auto()
    # … documents, images and archives that could not be read as a return (read/: docx, pdf,
    # ocr, convert, unpack)
    ARCHIVE_UNSUPPORTED = auto()
    ARCHIVE_ENCRYPTED = auto()
    ARCHIVE_TOO_LARGE = auto()
    ARCHIVE_UNSAFE_PATH = auto()
    ARCHIVE_TOO_DEEP = auto()
    ARCHIVE_EMPTY = auto()
    NEEDS_LIBREOFFICE = auto()
    CONVERT_TIMEOUT = auto()
    NEEDS_OCR = auto()
    IMAGE_UNREADABLE = auto()
    IMAGE_TOO_LARGE = auto()
    IMAGE_NOT_FORM = auto()
    IMAGE_NOT_ANNEX2 = auto()
    PDF_ENCRYPTED = auto()
    PDF_NOT_FORM = auto()
    # what reading a file had to cut, leave out or clean
    SHEETS_NOT_READ = auto()
    ROWS_NOT_READ = auto()
    COLUMNS_NOT_READ = auto()
    CELLS_NOT_READ = auto()
    TEXT_CUT = auto()
    TEXT_CLEANED = auto()
    # a total of the form (建群数, 联系人数), by how it was written
    VALUE_MISSING = auto()
    VALUE_NOT_A_NUMBER = auto()
    FORMULA_WITHOUT_CACHED_VALUE = auto()
    NEGATIVE_VALUE = auto()
    NON_INTEGER_VALUE = auto()
    ABSURD_VALUE = auto()
    APPROXIMATE_VALUE = auto()
    NOT_APPLICABLE_VALUE = auto()
    FIELD_NOT_FOUND = auto()
    # a value read from a picture by OCR (provenance.py)
    OCR_UNCONFIRMED = auto()
    OCR_LOW_CONFIDENCE = auto()
    OCR_LISTING_MISMATCH = auto()
    OCR_SUBTOTAL_MISMATCH = auto()
    # who and when; a returned template that was altered
    PROVINCE_CONFLICT = auto()
    DATE_UNREADABLE = auto()
    DATE_MISSING = auto()
    TEMPLATE_ALTERED = auto()
    # the 省级建群情况一览
    LISTING_MISSING = auto()
    LISTING_ROW_WITHOUT_NAME = auto()
    MEMBER_NOT_A_NUMBER = auto()
    MEMBER_NEGATIVE = auto()
    # one return's figures against each other (validate)
    LISTING_COUNT_MISMATCH = auto()
    LISTING_MEMBERS_FAR_FROM_CONTACTS = auto()
    COUNTY_GROUPS_BELOW_PREFECTURE = auto()
    SCHEMA_VIOLATION = auto()
    # one province's ratio against the others' (coverage)
    OUTLIER_CONTACTS_PER_GROUP = auto()
    OUTLIER_CONTACTS_PER_COUNTY = auto()
    OUTLIER_CONTACTS_PER_SCHOOL = auto()


@dataclass(frozen=True)
class Rule:
    """What a rule id means: how grave, the sentence an office worker reads, what it bears on."""

    severity: Severity
    template: str  # from labels.py; a finding formats it with its words
    requirement: str | None = None  # an id of requirements.RULES; None where it varies by level
    blank: Severity | None = None  # the severity where the offending cell is blank, if it differs

    def severity_for(self, blank: bool = False) -> Severity:
        """The severity of a finding of this rule; ``blank``: the cell it names is empty."""
        return self.blank if blank and self.blank is not None else self.severity

    @property
    def severities(self) -> frozenset[Severity]:
        """Every severity a finding of this rule can have."""
        return frozenset(s for s in (self.severity, self.blank) if s is not None)


def _rule(rule: RuleId, severity: Severity, messages: Mapping[str, str],
          requirement: str | None = None, blank: Severity | None = None) -> tuple[RuleId, Rule]:
    return rule, Rule(severity, messages[rule], requirement, blank)


_REJECT, _ISSUE, _OUTLIER = labels.REJECT_REASON, labels.ISSUE_MESSAGE, labels.OUTLIER_MESSAGE
_TEMPLATE, _READ = labels.TEMPLATE_ISSUE_MESSAGE, labels.READ_NOTE
RULES: Mapping[RuleId, Rule] = MappingProxyType(dict([
    # a rejected file: an error; the return was not received in a form that can be read
    *(_rule(rule, ERROR, _REJECT, "R-RETURN") for rule in RuleId if rule in _REJECT),
    # what reading a file had to cut, leave out or clean: a warning
    *(_rule(rule, WARNING, _READ) for rule in RuleId if rule in _READ),
    _rule(RuleId.VALUE_MISSING, ERROR, _ISSUE),
    _rule(RuleId.VALUE_NOT_A_NUMBER, ERROR, _ISSUE),
    _rule(RuleId.FORMULA_WITHOUT_CACHED_VALUE, ERROR, _ISSUE),
    _rule(RuleId.NEGATIVE_VALUE, ERROR, _ISSUE),
    _rule(RuleId.NON_INTEGER_VALUE, ERROR, _ISSUE),
    _rule(RuleId.ABSURD_VALUE, ERROR, _ISSUE),
    _rule(RuleId.APPROXIMATE_VALUE, WARNING, _ISSUE),  # counted as written: 约300 is 300
    _rule(RuleId.NOT_APPLICABLE_VALUE, ERROR, _ISSUE),
    _rule(RuleId.FIELD_NOT_FOUND, ERROR, _ISSUE),
    # every value read from a picture is kept but to be confirmed; an unsure digit is not taken
    _rule(RuleId.OCR_UNCONFIRMED, WARNING, _ISSUE),
    _rule(RuleId.OCR_LOW_CONFIDENCE, ERROR, _ISSUE),
    _rule(RuleId.OCR_LISTING_MISMATCH, ERROR, _ISSUE, "R-P-HEADS"),
    _rule(RuleId.OCR_SUBTOTAL_MISMATCH, ERROR, _ISSUE, "R-P-HEADS"),
    _rule(RuleId.PROVINCE_CONFLICT, WARNING, _ISSUE, "R-RETURN"),
    _rule(RuleId.DATE_UNREADABLE, WARNING, _ISSUE, "R-ONTIME"),
    _rule(RuleId.DATE_MISSING, WARNING, _TEMPLATE, "R-ONTIME"),
    _rule(RuleId.TEMPLATE_ALTERED, WARNING, _TEMPLATE),
    _rule(RuleId.LISTING_MISSING, WARNING, _ISSUE, "R-P-HEADS"),
    _rule(RuleId.LISTING_ROW_WITHOUT_NAME, WARNING, _ISSUE, "R-P-HEADS"),
    # a blank 人数 leaves the group listed, its size unknown: only a warning
    _rule(RuleId.MEMBER_NOT_A_NUMBER, ERROR, _ISSUE, "R-P-HEADS", blank=WARNING),
    _rule(RuleId.MEMBER_NEGATIVE, ERROR, _ISSUE, "R-P-HEADS"),
    _rule(RuleId.LISTING_COUNT_MISMATCH, WARNING, _ISSUE, "R-P-HEADS"),
    _rule(RuleId.LISTING_MEMBERS_FAR_FROM_CONTACTS, WARNING, _ISSUE, "R-P-HEADS"),
    _rule(RuleId.COUNTY_GROUPS_BELOW_PREFECTURE, WARNING, _ISSUE, "R-CNTY"),
    _rule(RuleId.SCHEMA_VIOLATION, ERROR, _ISSUE),
    _rule(RuleId.OUTLIER_CONTACTS_PER_GROUP, WARNING, _OUTLIER),
    _rule(RuleId.OUTLIER_CONTACTS_PER_COUNTY, WARNING, _OUTLIER),
    _rule(RuleId.OUTLIER_CONTACTS_PER_SCHOOL, WARNING, _OUTLIER, "R-CNTY"),
]))


@dataclass(frozen=True, kw_only=True)
class Finding:
    """One row of issues.csv: its rule and severity, where it was found, the raw value, a sentence.

    Fields in the order of issues.csv's columns. A rule that is not registered, or a severity
    its rule cannot have, is a bug of the stage that made it: construction fails.
    """

    severity: Severity
    rule: RuleId
    province_code: str | None = None
    province: str | None = None
    file: str | None = None
    sheet: str | None = None
    cell: str | None = None
    value: str | None = None
    message: str

    def __post_init__(self) -> None:
        rule = RuleId(self.rule)  # ValueError for an unregistered rule id
        object.__setattr__(self, "rule", rule)
        object.__setattr__(self, "severity", Severity(self.severity))
        if self.severity not in RULES[rule].severities:
            raise ValueError(f"{rule} cannot have severity {self.severity}: see findings.RULES")

    @classmethod
    def of(cls, rule: RuleId | str, *, words: Mapping[str, object] | None = None,
           blank: bool = False, cell: str | None = None, value: str | None = None,
           **origin: str | None) -> Finding:
        """A finding of ``rule`` at ``origin`` (province_code, province, file, sheet) and ``cell``.

        Its severity comes from the registry (``blank``: the cell is empty), its message from
        the rule's template filled with ``words``; an empty cell or value is None.
        """
        spec = RULES[RuleId(rule)]
        return cls(severity=spec.severity_for(blank), rule=rule, cell=cell or None,
                   value=value or None, message=spec.template.format(**(words or {})), **origin)


ISSUE_ORDER = ["province_code", "file", "severity", "sheet", "cell", "rule"]
_FIELDS = tuple(f.name for f in fields(Finding))


def issues_frame(*parts: Iterable[Finding] | pd.DataFrame) -> pd.DataFrame:
    """The issues table from findings and issue tables already made, in that order of parts.

    The columns of docs/tables.md, every one of string dtype (missing is <NA>); rows sorted by
    province, file, severity, sheet, cell and rule, ties in the order of the parts.
    """
    import pandas as pd

    frames = [part if isinstance(part, pd.DataFrame)
              else table_frame("issues", (_record(f) for f in part)) for part in parts]
    frames = [frame for frame in frames if len(frame)] or [table_frame("issues", ())]
    issues = pd.concat(frames, ignore_index=True)
    issues = issues[table_columns("issues")].astype("string")
    return issues.sort_values(ISSUE_ORDER, na_position="last", kind="stable", ignore_index=True)


def _record(finding: Finding) -> dict[str, str | None]:
    """A finding as a row; the enums as their plain values."""
    row = {name: getattr(finding, name) for name in _FIELDS}
    return {**row, "severity": finding.severity.value, "rule": finding.rule.value}


def cell_address(sheet: object, cell: str) -> str:
    """(sheet, cell) → ``Sheet1!B4`` as the tables write it (unquoted); no sheet (a CSV) → ``B4``."""
    return f"{sheet}!{cell}" if isinstance(sheet, str) and sheet else cell


def split_address(address: object) -> tuple[str | None, str | None]:
    """``Sheet1!B4`` or ``'My sheet'!B4`` → (sheet, cell); a CSV's ``A4`` → (None, 'A4').

    No address (None, NA, empty) → (None, None).
    """
    if not isinstance(address, str) or not address:
        return None, None
    sheet, _, cell = address.rpartition("!")
    if len(sheet) > 1 and sheet[0] == sheet[-1] == "'":  # Excel's quoting, '' for a '
        sheet = sheet[1:-1].replace("''", "'")
    return sheet or None, cell or None
