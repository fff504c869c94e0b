"""群名称 → the notice's kind of group, from the keyword table in requirements.py."""

from __future__ import annotations

from sgw_analysis.read import normalize
from sgw_analysis.requirements import GROUP_TYPE_KEYWORDS


def group_type(name: str, keywords: tuple[tuple[str, tuple[str, ...]], ...] = GROUP_TYPE_KEYWORDS,
               ) -> str:
    """The first group type whose keyword is in the name, else ``other``."""
    text = normalize(name)
    for kind, words in keywords:
        for word in words:  # a loop, not any(): called for every listed group
            if word in text:
                return kind
    return "other"
