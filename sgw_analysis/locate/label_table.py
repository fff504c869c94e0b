"""The 附件2 label table: the words that name a level, a field, the listing and where the form ends.

Every pattern matches text already passed through ``read.normalize`` (NFKC, no whitespace).
"""

from __future__ import annotations

import re

from sgw_analysis.limits import LIMITS
from sgw_analysis.read import TEXT, Cell, normalize

_LEVELS = (r"省级|省本级|省\(区、?市\)级?|地市级|地\(市\)级|市\(州\)级|地州级|市州级|"
           r"区县级|县\(市、?区\)级?|县区级|县级|地市|区县|市级")
# One label of a line: a level's 建群数 (its level optional), 联系人数, the unit or the date.
LABEL = re.compile(
    rf"(?P<groups>(?P<level>{_LEVELS})?[^:;,]{{0,8}}?(?:建群数量?|微信群数量?|群数量?))"
    r"|(?P<contacts>(?:总计|合计)?联系人数量?|总人数|人数)"
    r"|(?P<unit>填报单位|报送单位|单位)"
    r"|(?P<date>填报日期|报送日期|填表日期|日期)"
)
# A cell that names a level and nothing else: a grid's row or column header.
LEVEL_ONLY = re.compile(rf"^(?P<level>{_LEVELS})(?:少工委|少先队工作委员会)?(?:微信群)?(?:\(.*\))?$")
# Text between labels that carries no value.
JUNK = re.compile(r"^[\s:;,.、。()\[\]个人名群合计总共]*$")

LISTING_TITLE = re.compile(r"建群情况一览|群情况一览|建群情况")
LISTING_NAME = re.compile(r"群名称|^名称$")
LISTING_COLUMNS = (
    ("composition", re.compile(r"人员构成|构成|成员")),
    ("members", re.compile(r"人数")),
    ("note", re.compile(r"备注|说明")),
)
# The first cell of a line after the listing: the form's closing lines.
LISTING_END = re.compile(r"^(?:填报人|填表人|审核人|负责人|联系电话|电话|填报单位|填报日期|填表日期|"
                         r"报送日期|注[:：]|说明[:：]|备注[:：])")
SUBTOTAL = re.compile(r"^(?:合计|小计|总计|共计)")
SUBTOTAL_CELL = re.compile(r"^(?:合计|小计|总计|共计)[:]?$")


def level_of(word: str) -> str:
    """省级 → province, 地市级/市级 → prefecture, 区县级/县级 → county."""
    if word.startswith("省"):
        return "province"
    return "county" if "县" in word else "prefecture"


def cell_text(cell: Cell) -> str:
    """A cell's value as the label patterns read it: its first ``label_chars`` characters.

    Labels are short; capping what the patterns see keeps the search linear in the cells scanned.
    """
    return normalize(str(cell.value)[: LIMITS.label_chars])


def level_named(cell: Cell) -> str | None:
    """The level a text cell names and nothing else (省级, 地市级少工委), else None."""
    if cell.kind != TEXT:
        return None
    match = LEVEL_ONLY.match(cell_text(cell))
    return level_of(match.group("level")) if match else None
