"""The circular's paragraphs written from its facts; each sentence adapts to none, one or several.

A count of zero never makes a sentence ("0个省份未报送" is never written); one province is
named in the sentence; several are counted, then named.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sgw_analysis import labels
from sgw_analysis.circular.facts import Facts, LevelFacts, Named

TEXT = labels.CIRCULAR


@dataclass(frozen=True)
class Block:
    """One block of the circular: its kind (title, heading, body, figure, ...) and text."""

    kind: str
    text: str = ""
    key: str = ""  # the chart a figure block shows


def date_cn(day: date) -> str:
    """2017年4月15日."""
    return labels.DATE_CN.format(year=day.year, month=day.month, day=day.day)


def number(value: int | None) -> str:
    """A figure as the follow-up sentences write it (no separators), or 未知."""
    return labels.UNKNOWN_NUMBER if value is None else str(value)


def names(provinces: Sequence[str]) -> str:
    """Province names joined by 、."""
    return "、".join(provinces)


def _unique(rows: Named) -> tuple[str, ...]:
    """The provinces of (province, detail) rows, each once, in order."""
    return tuple(dict.fromkeys(province for province, _ in rows))


def returns_paragraph(f: Facts) -> str:
    """一、报送情况: how many returned, on time, late, undated; who has not."""
    if f.returned == 0:
        return TEXT["returns_none"].format(expected=f.expected)
    head = (TEXT["returns_all"].format(expected=f.expected) if f.returned == f.expected
            else TEXT["returns_some"].format(expected=f.expected, returned=f.returned))
    if f.on_time == f.returned:
        text = head + TEXT["all_on_time"]
    else:
        parts = [TEXT["on_time_some"].format(count=f.on_time)] if f.on_time else []
        if len(f.late) == 1:
            parts.append(TEXT["late_one"].format(province=f.late[0][0], days=f.late[0][1]))
        elif f.late:
            parts.append(TEXT["late_several"].format(count=len(f.late), names=names(
                [TEXT["late_name"].format(province=p, days=d) for p, d in f.late])))
        if f.unknown:
            key = "unknown_one" if len(f.unknown) == 1 else "unknown_several"
            parts.append(TEXT[key].format(count=len(f.unknown), names=names(f.unknown)))
        text = head + TEXT["among"] + "，".join(parts) + "。"
    if f.not_returned:
        key = "not_returned_one" if len(f.not_returned) == 1 else "not_returned_several"
        text += TEXT[key].format(count=len(f.not_returned), names=names(f.not_returned))
    return text


def totals_paragraph(f: Facts) -> str:
    """The national sums per level, and which figures they leave out."""
    parts = [TEXT["totals_level"].format(level=labels.LEVEL[lv.level], groups=number(lv.groups),
                                         contacts=number(lv.contacts))
             for lv in f.levels if lv.groups is not None or lv.contacts is not None]
    text = TEXT["totals"].format(levels="；".join(parts)) if parts else ""
    for lv in f.levels:
        for field, count in (("groups", lv.groups_missing), ("contacts", lv.contacts_missing)):
            if count:
                text += TEXT["totals_missing"].format(level=labels.LEVEL[lv.level],
                                                      field=labels.FIELD[field], count=count)
    return text


def _counted(provinces: tuple[str, ...], one: str, several: str) -> str:
    """A clause naming one province, or counting several."""
    key = one if len(provinces) == 1 else several
    return TEXT[key].format(count=len(provinces), names=names(provinces))


def level_sentence(lv: LevelFacts) -> str:
    """One level: all met, or how many met, fall short, cannot be judged."""
    common = {"level": labels.LEVEL[lv.level], "requirement": labels.REQUIREMENT[lv.requirement],
              "returned": lv.returned}
    if len(lv.met) == lv.returned:
        key = "level_one_returned_met" if lv.returned == 1 else "level_all_met"
        text = TEXT[key].format(names=names(lv.met), **common)
    else:
        parts = [TEXT["level_met"].format(count=len(lv.met)) if lv.met
                 else TEXT["level_none_met"]]
        if lv.short:
            parts.append(_counted(lv.short, "level_short_one", "level_short"))
        if lv.invalid:
            parts.append(_counted(lv.invalid, "level_invalid_one", "level_invalid"))
        text = TEXT["level_some"].format(parts="，".join(parts), **common)
    if lv.not_applicable:
        text += TEXT["not_applicable"].format(names=names(lv.not_applicable))
    return text


def every_level_sentence(f: Facts) -> str:
    """How many returned provinces meet the notice at every level."""
    met = f.every_level_met
    if len(met) == f.returned:
        return TEXT["every_level_all"]
    if not met:
        return TEXT["every_level_none"]
    key = "every_level_one" if len(met) == 1 else "every_level_some"
    return TEXT[key].format(count=len(met), names=names(met))


def levels_blocks(f: Facts, charts: Sequence[str]) -> list[Block]:
    """二、建设情况: sums, each level against the notice, the key charts."""
    if f.returned == 0:
        return []
    blocks = [Block("body", totals_paragraph(f))]
    blocks += [Block("body", level_sentence(lv)) for lv in f.levels if lv.returned]
    blocks.append(Block("body", every_level_sentence(f)))
    if not charts:
        return [*blocks, Block("body", TEXT["table_intro"])]
    intro = (TEXT["figure_intro_one"] if len(charts) == 1 else TEXT["figure_intro"]).format(
        first=1, last=len(charts))
    blocks.append(Block("body", intro))
    for n, key in enumerate(charts, start=1):
        blocks.append(Block("figure", TEXT["figure_caption"].format(
            number=n, title=labels.CHART_TITLE[key]), key=key))
    return blocks


def _problem(number_: int, rows: Named, one: str, several: str, **extra: str) -> str:
    """（N）one requirement or the invalid figures: the provinces and their details."""
    provinces = _unique(rows)
    if len(provinces) == 1:
        details = "；".join(detail for _, detail in rows)
        return TEXT[one].format(number=labels.ORDINAL[number_ - 1], names=provinces[0],
                                details=details, **extra)
    details = "；".join(TEXT["detail"].format(province=p, detail=d) for p, d in rows)
    return TEXT[several].format(number=labels.ORDINAL[number_ - 1], count=len(provinces),
                                details=details, **extra)


def problems_paragraphs(f: Facts) -> list[str]:
    """三、存在的问题: who falls short of which requirement, with the numbers; invalid figures."""
    if f.returned == 0:
        return [TEXT["no_returns_to_judge"]]
    if not f.shortfalls and not f.invalid:
        return [TEXT["no_problems"]]
    paragraphs = [_problem(n, rows, "requirement_short_one", "requirement_short_several",
                           requirement=labels.REQUIREMENT[req])
                  for n, (req, rows) in enumerate(f.shortfalls, start=1)]
    if f.invalid:
        paragraphs.append(_problem(len(paragraphs) + 1, f.invalid, "invalid_one",
                                   "invalid_several"))
    return paragraphs


def next_paragraphs(f: Facts) -> list[str]:
    """四、有关要求: chase the missing returns, have the shortfalls and errors corrected."""
    paragraphs = []
    if f.not_returned:
        paragraphs.append(TEXT["chase"].format(names=names(f.not_returned)))
    to_correct = _unique((*(row for _, rows in f.shortfalls for row in rows), *f.invalid))
    if to_correct:
        paragraphs.append(TEXT["correct"].format(names=names(to_correct)))
    if not paragraphs:
        paragraphs.append(TEXT["nothing_to_chase"])
    return [*paragraphs, TEXT["not_in_annex2"]]


def circular_blocks(f: Facts, charts: Sequence[str]) -> list[Block]:
    """The circular from title to signature, in reading order; ``charts`` are shown as figures."""
    when = date_cn(f.generated_at.date())
    sections = [("heading_returns", [Block("body", returns_paragraph(f))]),
                ("heading_levels", levels_blocks(f, charts)),
                ("heading_problems", [Block("body", t) for t in problems_paragraphs(f)]),
                ("heading_next", [Block("body", t) for t in next_paragraphs(f)])]
    blocks = [Block("title", labels.CIRCULAR_TITLE),
              Block("note", TEXT["draft_note"].format(when=when)),
              Block("addressee", TEXT["addressee"]),
              Block("body", TEXT["intro"].format(deadline=date_cn(f.deadline), when=when))]
    for title, content in (s for s in sections if s[1]):
        number_ = labels.ORDINAL[sum(b.kind == "heading" for b in blocks)]
        blocks += [Block("heading", TEXT["heading"].format(number=number_, title=TEXT[title])),
                   *content]
    first, *more = TEXT["attachments"].split("\n")
    return [*blocks, Block("attachments", first), *(Block("attachment_more", m) for m in more),
            Block("signature", labels.CIRCULAR_ISSUER), Block("date", when)]
