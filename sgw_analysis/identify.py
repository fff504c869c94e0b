"""Which province a return is (GB/T 2260 code), and which of a province's returns wins."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import PurePosixPath

from sgw_analysis.read import normalize
from sgw_analysis.reference import province_list

_CORRECTION = re.compile(r"更正|修订|修改|修正|订正|新版|最新|终版|定稿|[vV][2-9]|第[二三四]版")


@cache
def _name_index() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    """One pattern of every province name, short name and alias, longest first."""
    index: dict[str, tuple[str, str]] = {}
    for row in province_list():
        for name in (row.province, row.short_name, *row.aliases):
            if name:
                index[name] = (row.province_code, row.province)
    pattern = re.compile("|".join(sorted(map(re.escape, index), key=len, reverse=True)))
    return pattern, index


_name_index()  # at import, so a worker forked after it never compiles the pattern again


def province_in_text(text: str) -> tuple[str, str] | None:
    """The first province named in a text (广西少工委 → 450000 广西壮族自治区), else None."""
    pattern, index = _name_index()
    match = pattern.search(normalize(text))
    return index[match.group()] if match else None


@dataclass(frozen=True)
class Identity:
    """A return's province, where it was read from, and a conflicting name if any."""

    code: str | None
    name: str | None
    source: str | None  # unit, file_name, folder
    conflict: tuple[str, str] | None = None


def identify_province(unit_text: str | None, relative_path: str) -> Identity:
    """From the 单位 cell, else the file name, else the folders; 单位 wins a conflict."""
    path = PurePosixPath(relative_path)
    from_unit = province_in_text(unit_text) if unit_text else None
    from_name = province_in_text(path.stem)
    from_folder = next((hit for part in reversed(path.parts[:-1])
                        if (hit := province_in_text(part))), None)
    other = from_name or from_folder
    if from_unit:
        conflict = other if other and other[0] != from_unit[0] else None
        return Identity(*from_unit, "unit", conflict)
    if from_name:
        return Identity(*from_name, "file_name")
    if from_folder:
        return Identity(*from_folder, "folder")
    return Identity(None, None, None)


def marked_as_correction(relative_path: str) -> bool:
    """A name or folder that says 更正/修订/v2: a later version of a return."""
    return bool(_CORRECTION.search(normalize(relative_path)))
