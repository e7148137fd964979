"""A run-together score sheet as one string without whitespace, page markers or a mirror's inline
pinyin, each character traced to the cell it came from.

Text ingest cut the run at spaces (``一 级 指 标`` spaced out), so the cells are joined again with
every whitespace dropped.  Document-sharing sites cut the text into pages numbered ``1、`` ``2、``
…, inside labels and figures alike (``绩效目标合理性1、5``); the numbers count up, which is what
tells them from a list item.  They are cut out, and where one stood is remembered: a figure
touching a cut may have lost or gained a digit, so it is not read.
"""

from __future__ import annotations

import re

from extractor.grid import Cell
from extractor.rules.run_text import RunText, counted_markers
from extractor.segment.types import FormChunk, Row
from extractor.vocab.key import ruby_spans

_FIRST_MARKER = re.compile(r"(\d{1,2})、")


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
        ruby = {k for a, b in ruby_spans(cell.text) for k in range(a, b)}  # a mirror's pinyin (項(xiàng))
        for k, ch in enumerate(cell.text):
            if not ch.isspace() and ch != "\u3000" and k not in ruby:
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
    counts = [counted_markers(text, n) for n in sorted({int(digits), int(digits[-1])})]
    spans = max(counts, key=len)
    if not spans or (len(spans) < 2 and text[spans[0][0]:spans[0][1]] == "1、"):
        return []
    return spans
