"""A run-together Fushun form as one string, each character traced to the cell it came from.

The run-together chunk arrives as one row of cells: the stretches of text that stood next to each
other in the source, with an empty cell where a page marker (``2、``) was cut out.  A figure
touching such a cut may have lost or gained a digit, so the cut positions are kept and a figure
touching one is never read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from extractor.grid import Cell
from extractor.rules.cells import traced_span
from extractor.segment.types import FormChunk, Row
from schemas.common import Value

CONFIDENCE = 0.85  # a value cut from run-together text by vocabulary and column rules


@dataclass(slots=True)
class RunText:
    """``text[k]`` was printed in cell ``owners[k]``; ``cuts``: positions where a page marker was
    removed (between ``text[k-1]`` and ``text[k]``)."""

    text: str
    owners: list[tuple[Row, Cell]]
    cuts: set[int] = field(default_factory=set)

    def value(self, start: int, end: int, value: object) -> Value[Any]:
        return traced_span(self.owners, start, end, value, confidence=CONFIDENCE)

    def touches_cut(self, start: int, end: int) -> bool:
        return any(start <= k <= end for k in self.cuts)


def run_text(chunk: FormChunk) -> RunText:
    """The chunk's cells joined without whitespace; empty cells are cut page markers."""
    chars: list[str] = []
    owners: list[tuple[Row, Cell]] = []
    cuts: set[int] = set()
    for row in chunk.rows:
        for cell in row.cells:
            if not cell.text:
                cuts.add(len(chars))
            for ch in cell.text:
                if not ch.isspace():
                    chars.append(ch)
                    owners.append((row, cell))
    return RunText("".join(chars), owners, cuts)
