"""A run-together score sheet as one string without whitespace or page markers, each character
traced to the cell it came from.

Text ingest cut the run at spaces (``一 级 指 标`` spaced out), so the cells are joined again with
every whitespace dropped.  Document-sharing sites cut the text into pages numbered ``1、`` ``2、``
…, inside labels and figures alike (``绩效目标合理性1、5``); the numbers count up, which is what
tells them from a list item.  They are cut out, and where one stood is remembered: a figure
touching a cut may have lost or gained a digit, so it is not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from extractor.grid import Cell
from extractor.rules.cells import traced_span
from extractor.segment.types import FormChunk, Row
from schemas.common import Value

_FIRST_MARKER = re.compile(r"(\d{1,2})、")


@dataclass(slots=True)
class RunText:
    """``text[k]`` was printed in cell ``owners[k]``; ``cuts`` are the positions where a page
    marker was removed (between ``text[k-1]`` and ``text[k]``)."""

    text: str
    owners: list[tuple[Row, Cell]]
    where: list[int]  # the index in its cell's text of each character
    cuts: set[int] = field(default_factory=set)

    def value(self, start: int, end: int, value: object, confidence: float = 0.9) -> Value[Any]:
        return traced_span(self.owners, start, end, value, confidence=confidence)

    def touches_cut(self, start: int, end: int) -> bool:
        """A page marker stood inside or at either end of ``text[start:end]``."""
        return any(start <= k <= end for k in self.cuts)


def run_text(chunk: FormChunk) -> RunText:
    """The chunk's cells joined without whitespace, page markers cut out."""
    chars: list[str] = []
    owners: list[tuple[Row, Cell]] = []
    where: list[int] = []
    cells = [(row, cell) for row in chunk.rows for cell in row.cells if not cell.continuation]
    if all(cell.char_start is not None for _, cell in cells):
        # source order: a text grid rebuilt from a run of spaced-out words may print a long line's
        # pieces in rows out of that order
        cells.sort(key=lambda rc: rc[1].char_start or 0)
    for row, cell in cells:
        for k, ch in enumerate(cell.text):
            if not ch.isspace() and ch != "\u3000":
                chars.append(ch)
                owners.append((row, cell))
                where.append(k)
    text = "".join(chars)
    spans = marker_spans(text)
    if not spans:
        return RunText(text, owners, where)
    out: list[str] = []
    kept: list[tuple[Row, Cell]] = []
    kept_at: list[int] = []
    cuts: set[int] = set()
    pos = 0
    for start, end in [*spans, (len(text), len(text))]:
        out.append(text[pos:start])
        kept.extend(owners[pos:start])
        kept_at.extend(where[pos:start])
        if start < len(text):
            cuts.add(len(kept))
        pos = end
    return RunText("".join(out), kept, kept_at, cuts)


def marker_spans(text: str) -> list[tuple[int, int]]:
    """``N、`` markers counting up by one through the text.  The count starts at the first marker
    the text prints (an excerpt's second sheet goes on from its first sheet's count), read with
    one digit or two (``51、``: a score 5 before marker 1), whichever count runs longer; a lone
    ``1、`` is a list item as likely as a page, so it takes two markers, or a count past 1."""
    first = _FIRST_MARKER.search(text)
    if first is None:
        return []
    digits = first.group(1)
    counts = [_count_from(text, n) for n in sorted({int(digits), int(digits[-1])})]
    spans = max(counts, key=len)
    if not spans or (len(spans) < 2 and text[spans[0][0]:spans[0][1]] == "1、"):
        return []
    return spans


def _count_from(text: str, expected: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        at = text.find(f"{expected}、", pos)
        if at < 0:
            return spans
        spans.append((at, at + len(str(expected)) + 1))
        pos = spans[-1][1]
        expected += 1
