"""Text cells bounded by printed whitespace: a one-line export's verdicts (``成本可控 达成预期指标``).

The fused reader matches on the text with its whitespace taken out, so two text cells printed
side by side (a 定性 row's target and actual, each a verdict such as ``效果明显`` or ``质量合格``)
run together, and nothing in the characters says where the first ends: ``持续改善效果明显`` may
be 持续 | 改善效果明显 as well.  A one-line xlsx export prints every cell with a space around it
and none inside a verdict, so where the source printed whitespace at both edges of a short text
and none within it, that whitespace is the border: the text is offered as one qualitative cell,
and two such cells side by side read as target and actual.  Where no whitespace parts them (a
print that glues the cells) nothing is offered, and the reader's other scores decide as before.
"""

from __future__ import annotations

import re

from extractor.layouts.fused.text import CleanText

_MIN, _MAX = 2, 8  # a verdict's characters (效果明显, 达成预期指标, 完成年度指标)
_TEXT = re.compile(r"[\u4e00-\u9fff]+")


def borders_of(ct: CleanText, start: int, end: int) -> frozenset[int]:
    """Positions ``i`` of ``ct.text[start:end]`` (``0 … end - start``) before which the source
    printed whitespace (``CleanText.spaces``: a page marker or a mirror's inline pinyin cut out
    borders nothing).  The text's own edges count as borders."""
    raw_end = len(ct.offsets)
    return frozenset(i - start for i in range(start, end + 1)
                     if i not in ct.markers and (i == 0 or i >= raw_end or i in ct.spaces))


def bordered_texts(b: str, q: int, borders: frozenset[int]) -> list[tuple[int, str]]:
    """(end, "qual") for the Han text from ``q`` to the next border, where ``q`` is a border and
    the text is a verdict's length (no figure, operator or letter in it)."""
    if q not in borders:
        return []
    end = next((k for k in range(q + 1, min(len(b), q + _MAX) + 1) if k in borders), None)
    if end is None or end - q < _MIN or not _TEXT.fullmatch(b, q, end):
        return []
    return [(end, "qual")]


def bordered(start: int, end: int, borders: frozenset[int]) -> bool:
    """Whitespace at both edges of ``start:end`` and none inside: a cell as printed."""
    return start in borders and end in borders and not any(k in borders for k in range(start + 1, end))
