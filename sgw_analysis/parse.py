"""Text as provinces wrote it → integers and dates, keeping the raw text and what was odd about it."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from fractions import Fraction
from functools import lru_cache

from sgw_analysis.read import cells, display_text, normalize

# Statuses of a parsed count. ``value`` is kept for ok, approximate and negative; an absurd count
# (beyond ``Requirements.absurd_value`` either way, or not finite) keeps only its raw text, so that
# no number a table cannot hold or no one can believe reaches an integer column.
OK = "ok"
APPROXIMATE = "approximate"
MISSING = "missing"
NOT_A_NUMBER = "not_a_number"
NOT_APPLICABLE = "not_applicable"
NEGATIVE = "negative"
NON_INTEGER = "non_integer"
ABSURD = "absurd"
FORMULA_WITHOUT_VALUE = cells.FORMULA_WITHOUT_VALUE  # a formula with no cached result

_NOT_APPLICABLE = {"/", "//", "\\", "-", "--", "—", "——", "―", "–", "不适用", "无此级",
                   "n/a", "na", "×", "x"}
_ZERO_WORDS = {"无", "没有", "暂无", "零", "〇"}
_APPROX_PREFIX = re.compile(r"^(?:约计|大约|大概|约|近|逾|超过)")
_APPROX_SUFFIX = re.compile(r"(?:余|多|\+|左右|以上|上下)$")
_TOTAL_PREFIX = re.compile(r"^(?:合计|总计|共计|共|计)")
_UNIT_SUFFIX = re.compile(r"(?:个群|个微信群|个|人次|人|名|位|群)$")
_DECIMAL = re.compile(r"^-?\d+(?:\.\d+)?$")
_THOUSANDS = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_CHINESE_NUMBER = re.compile(r"^[零〇一二两三四五六七八九十百千万亿\d.]+$")
_LONGEST_NUMBER = 24  # characters: longer text that is not all digits is no number a person writes
_EDGE_PUNCT = " :;,.、。()[]{}<>\"'“”‘’【】《》~"


@dataclass(frozen=True, slots=True)
class ParsedCount:
    """A count read from a cell: the integer (or None), its status and the raw text."""

    value: int | None
    status: str
    raw: str


def _strip_words(text: str) -> tuple[str, bool]:
    """Drop totals words, units and approximation markers; say whether it was approximate."""
    approximate = False
    previous = None
    while previous != text:
        previous = text
        text = text.strip(_EDGE_PUNCT)
        text = _TOTAL_PREFIX.sub("", text)
        text = _UNIT_SUFFIX.sub("", text)
        stripped = _APPROX_PREFIX.sub("", text)
        stripped = _APPROX_SUFFIX.sub("", stripped)
        approximate |= stripped != text
        text = stripped
    return text, approximate


def _number(text: str) -> float | int | None:
    """Arabic digits (with thousands separators) or Chinese numerals → a number, else None."""
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    if _DECIMAL.match(text):
        number = float(text)
        return int(number) if number.is_integer() else number
    if _CHINESE_NUMBER.match(text):
        return chinese_number(text)
    return None


_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = (("亿", 10**8), ("万", 10**4))
_TOKEN = re.compile(r"\d+(?:\.\d+)?|.")


def chinese_number(text: str) -> int | float | None:
    """Chinese numerals, alone or with Arabic digits, → a number; None where it is not one.

    二十三, 一百零五, 两千, 二〇一七 (digit by digit), 一万二 (= 12000, the spoken shorthand),
    3.5万, 1万2; 万 alone, 十十 or 一一万 are not numbers. Exact: 1.2亿 is 120000000.
    """
    if text and all(ch in _DIGITS for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))
    value = _with_big_units(text, _BIG_UNITS, last=True)
    if value is None:
        return None
    return int(value) if value.denominator == 1 else float(value)


def _with_big_units(text: str, units: tuple[tuple[str, int], ...],
                    last: bool) -> Fraction | None:
    """``text`` split at its 亿 then its 万: the part before times the unit, plus the rest.

    ``last``: the text ends the number, where 三百五 may stand for 350 (before 万 it may not:
    三百八万 is 380万 to one reader and 308万 to another, so it is no number).
    """
    if not units:
        return _below_wan(text, last)
    (unit, factor), smaller = units[0], units[1:]
    if unit not in text:
        return _with_big_units(text, smaller, last)
    high_text, _, low_text = text.partition(unit)
    high = _with_big_units(high_text, smaller, last=False) if high_text else None
    if not high:
        return None
    gap = low_text[:1] in ("零", "〇")  # 两万零五百: a 零 stands for the units left out
    low_text = low_text[1:] if gap else low_text
    low_tokens = _TOKEN.findall(low_text)
    if not gap and len(low_tokens) == 1 and (digit := _digit(low_tokens[0])) is not None:
        low: Fraction | None = digit * factor / 10 if last else None  # 一万二: the next unit down
    else:
        low = _with_big_units(low_text, smaller, last) if low_text else Fraction(0)
    if low is None or low >= factor:
        return None
    return high * factor + low


def _digit(token: str) -> Fraction | None:
    """One Chinese digit or one Arabic number (3, 12, 3.5) as an exact number."""
    if token in _DIGITS:
        return Fraction(_DIGITS[token])
    return Fraction(token) if token[0].isdigit() else None


def _below_wan(text: str, last_part: bool) -> Fraction | None:
    """A number under 万: one digit before each of 千, 百, 十 in that order, a 零 for a gap,
    三百五 = 350 where it ends the number; 十 starts a number or follows 百 without its 一."""
    value, pending, last, gap = Fraction(0), None, 10_000, False
    for token in _TOKEN.findall(text):
        if token in _SMALL_UNITS:
            unit = _SMALL_UNITS[token]
            if pending is None and not (token == "十" and last in (10_000, 100) and not gap):
                return None
            coefficient = Fraction(1) if pending is None else pending
            if unit >= last or not 0 < coefficient < 10:
                return None
            value, pending, last, gap = value + coefficient * unit, None, unit, False
        elif token in "零〇" and pending is None and last in (100, 1000) and not gap:
            gap = True
        elif (pending is None and (digit := _digit(token)) is not None
              and (digit or last == 10_000)):
            pending = digit
        else:
            return None
    if last == 10_000:
        return pending  # no unit: a number on its own, or nothing
    if pending is None:
        return value
    if pending >= 10 or not (gap or last == 10 or last_part):
        return None
    return value + (pending if gap or last == 10 else pending * last / 10)


def parse_count(value: object, absurd: int = 5_000_000) -> ParsedCount:
    """Read a 建群数/联系人数/人数 value: units, full-width, 中文数字, 约/余, 无, '/' and the like."""
    if isinstance(value, str) and len(value) > cells.CACHED_CHARS:
        return _parse_count.__wrapped__(value, absurd)  # not kept: see CACHED_CHARS
    return _parse_count(value, absurd)


@lru_cache(maxsize=4096, typed=True)  # the same few counts and words in every return
def _parse_count(value: object, absurd: int) -> ParsedCount:
    raw = display_text(value)
    if isinstance(value, bool):
        return ParsedCount(None, NOT_A_NUMBER, raw)
    if isinstance(value, int | float):
        number: float | int | None = value
        approximate = False
    else:
        text = normalize(raw).lower()
        if not text:
            return ParsedCount(None, MISSING, raw)
        if text in _NOT_APPLICABLE:
            return ParsedCount(None, NOT_APPLICABLE, raw)
        text, approximate = _strip_words(text)
        if text in _ZERO_WORDS:
            return ParsedCount(0, APPROXIMATE if approximate else OK, raw)
        if not text or (len(text) > _LONGEST_NUMBER and not text.lstrip("-").isdigit()):
            return ParsedCount(None, NOT_A_NUMBER, raw)
        number = _number(text)
    if number is None:
        return ParsedCount(None, NOT_A_NUMBER, raw)
    if not math.isfinite(number) or abs(number) > absurd:
        return ParsedCount(None, ABSURD, raw)
    if isinstance(number, float) and not number.is_integer():
        return ParsedCount(None, NON_INTEGER, raw)
    count = int(number)
    if count < 0:
        return ParsedCount(count, NEGATIVE, raw)
    return ParsedCount(count, APPROXIMATE if approximate else OK, raw)


_SERIAL_RANGE = (36526, 54789)  # 2000-01-01 .. 2049-12-31: a bare number in a date cell
_YMD = re.compile(r"(\d{4})\s*[年./\-_]\s*(\d{1,2})\s*[月./\-_]\s*(\d{1,2})")
_COMPACT = re.compile(r"(?<!\d)(20\d{2})(0[1-9]|1[0-2])([0-2]\d|3[01])(?!\d)")
_CN_YMD = re.compile(r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月"
                     r"([一二三四五六七八九十]{1,3})[日号]")
_MD = re.compile(r"(?<!\d)(\d{1,2})月(\d{1,2})[日号]")


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(value: object, default_year: int = 2017) -> date | None:
    """A 填报日期 in any common form (2017年4月12日, 2017/4/14, 20170414, Excel serial) → date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:
            return cells.EXCEL_EPOCH + timedelta(days=int(value))
        return parse_date(display_text(value), default_year) if value >= 1e7 else None
    text = normalize(str(value or ""))
    if not text:
        return None
    if match := _YMD.search(text):
        return _safe_date(*map(int, match.groups()))
    if match := _COMPACT.search(text):
        return _safe_date(*map(int, match.groups()))
    if match := _CN_YMD.search(text):
        year, month, day = (chinese_number(part) for part in match.groups())
        return _safe_date(year, month, day) if None not in (year, month, day) else None
    if match := _MD.search(text):
        return _safe_date(default_year, *map(int, match.groups()))
    if _DECIMAL.match(text) and _SERIAL_RANGE[0] <= float(text) <= _SERIAL_RANGE[1]:
        return cells.EXCEL_EPOCH + timedelta(days=int(float(text)))  # never back to a number: 1e7 loops
    return None


def date_in_name(name: str) -> date | None:
    """A date written into a file name (陕西省 附件2 20170414.xlsx, 2017-04-14, 2017.4.14)."""
    text = unicodedata.normalize("NFKC", name)  # keep spaces: "附件2 20170414" is not 220170414
    if match := _YMD.search(text):
        return _safe_date(*map(int, match.groups()))
    if match := _COMPACT.search(text):
        return _safe_date(*map(int, match.groups()))
    return None
