"""OCR accuracy: the share of values read exactly from degraded photos of returns (not a test).

Renders forms with random figures (1 to 5 digits) in the three page layouts with Chromium,
degrades each like a phone photo (rotated 1–2°, blurred, JPEG 70), reads them with
``examine_bytes`` and compares every number (six totals, each group's 人数) and every group name
with what was written. A value not read (empty, with an error) counts as not exact; a value read
wrong counts as wrong, the worst outcome, and is listed.

    .venv/bin/python benchmarks/ocr_accuracy.py              # 16 photos per layout (48)
    .venv/bin/python benchmarks/ocr_accuracy.py --per-layout 4 --keep /tmp/photos
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from sgw_analysis.demo.documents import HTML_LAYOUTS, LEVELS, form_html, html_pngs, phone_photo, random_form
from sgw_analysis.examine import examine_bytes


def _compare(form, result) -> tuple[int, int, list[str]]:
    """(values, exact, misses) of one return: totals, each group's 人数, and the group names."""
    misses: list[str] = []
    got = {(row["level"], name): row[name] for row in result.totals for name in ("groups", "contacts")}
    want: list[tuple[str, object, object]] = [
        (f"{level}.{name}", form.totals[(level, name)], got.get((level, name)))
        for level in LEVELS for name in ("groups", "contacts")]
    read_groups = [(g["group_name"], g["members"]) for g in result.groups]
    for i, (name, _who, members) in enumerate(form.groups):
        read = read_groups[i] if i < len(read_groups) else (None, None)
        want += [(f"group{i + 1}.name", name, read[0]), (f"group{i + 1}.members", members, read[1])]
    exact = 0
    for label, expected, actual in want:
        if expected == actual:
            exact += 1
        else:
            misses.append(f"{label}: wrote {expected!r}, read {actual!r}")
    if len(read_groups) > len(form.groups):
        misses.append(f"extra groups read: {read_groups[len(form.groups):]}")
    return len(want), exact, misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-layout", type=int, default=16)
    parser.add_argument("--keep", type=Path, help="write the photos into this folder")
    args = parser.parse_args()
    cases = [(layout, seed) for layout in HTML_LAYOUTS for seed in range(args.per_layout)]
    forms = {case: random_form(1000 + case[1]) for case in cases}
    started = time.perf_counter()
    shots = html_pngs([form_html(forms[case], case[0]) for case in cases])
    rendered = time.perf_counter()
    totals = {"values": 0, "exact": 0, "wrong": 0, "unread": 0}
    by_layout: dict[str, list[int]] = {}
    for (layout, seed), shot in zip(cases, shots, strict=True):
        photo = phone_photo(shot, seed)
        name = f"{layout}-{seed:02d}.jpg"
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            (args.keep / name).write_bytes(photo)
        result = examine_bytes(f"{forms[(layout, seed)].unit[:3]} 附件2 {name}", photo, 0.0)
        values, exact, misses = _compare(forms[(layout, seed)], result)
        unread = sum(" read None" in m for m in misses)
        totals["values"] += values
        totals["exact"] += exact
        totals["unread"] += unread
        totals["wrong"] += values - exact - unread
        by_layout.setdefault(layout, [0, 0])
        by_layout[layout][0] += values
        by_layout[layout][1] += exact
        for miss in misses:
            print(f"  {name} {result.rejected or ''} {miss}")
    elapsed = time.perf_counter() - rendered
    share = totals["exact"] / totals["values"]
    print(f"{len(cases)} photos, {totals['values']} values: {share:.1%} read exactly "
          f"({totals['unread']} left empty with an error, {totals['wrong']} read wrong)")
    for layout, (values, exact) in by_layout.items():
        print(f"  {layout:<11} {exact}/{values} = {exact / values:.1%}")
    print(f"rendering {rendered - started:.0f} s, reading {elapsed:.0f} s "
          f"({elapsed / len(cases):.1f} s a photo)")
    print(json.dumps({"photos": len(cases), **totals, "share_exact": round(share, 4)}))


if __name__ == "__main__":
    main()
