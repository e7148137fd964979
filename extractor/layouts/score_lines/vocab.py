"""二级 names of the evaluation rubric frameworks, to cut a merged 二级 label from its first item.

A PDF text layer glues a merged 二级 cell printed after its points to the first item it spans
(``科学决策必要性``, ``资金管理资金分配``); nothing in the print marks the cut.  The rubrics
come from a few national and provincial frameworks, whose 二级 names ``extractor.vocab.rubric`` lists;
a glued text starting with none of them is left whole and flagged by the reader.
"""

from __future__ import annotations

from extractor.vocab.rubric import LEVEL2_NAMES


def split_level2(text: str) -> int | None:
    """Where the 二级 name ends in ``text`` (the longest framework name it starts with and
    does not consist of), or None when it starts with none."""
    found = [name for name in LEVEL2_NAMES if text.startswith(name) and len(text) > len(name)]
    return max(map(len, found)) if found else None
