"""Values and dates as provinces write them: units, full-width digits, 中文数字, 约, 待统计, dates."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

NOT_APPLICABLE = ("/", "不适用", "—")
PENDING = "待统计"

_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_CN_DIGITS = "零一二三四五六七八九"


def cn_numeral(n: int) -> str:
    """An integer below 1000 in Chinese numerals (二十三, 一百零五)."""
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    head = _CN_DIGITS[n // 100] + "百"
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + _CN_DIGITS[rest]
    return head + (_CN_DIGITS[rest // 10] + "十" + (_CN_DIGITS[rest % 10] if rest % 10 else ""))


def written_value(n: int, style: str, unit: str) -> tuple[Any, int | None]:
    """What goes into the cell for the value n in a style, and what ingestion must read."""
    if style == "int":
        return n, n
    if style == "text":
        return str(n), n
    if style == "unit":
        return f"{n}{unit}", n
    if style == "thousands":
        return f"{n:,}{unit}", n
    if style == "fullwidth":
        return str(n).translate(_FULL_WIDTH), n
    if style == "cn":
        return cn_numeral(n), n
    if style == "approx":
        rounded = math.ceil(n / 100) * 100 if n >= 1000 else n
        return f"约{rounded}{unit}", rounded
    if style == "pending":
        return PENDING, None
    if style in NOT_APPLICABLE:
        return style, None
    raise ValueError(style)


def written_date(date: dt.date, style: str) -> Any:
    """A 填报日期 as the province wrote it: cn, iso, slash, dot or a date cell."""
    if style == "cn":
        return f"{date.year}年{date.month}月{date.day}日"
    if style == "iso":
        return date.isoformat()
    if style == "slash":
        return f"{date.year}/{date.month}/{date.day}"
    if style == "dot":
        return f"{date.year}.{date.month}.{date.day}"
    if style == "cell":
        return date
    raise ValueError(style)
