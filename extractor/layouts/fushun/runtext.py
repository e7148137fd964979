"""A run-together Fushun form as one string, each character traced to the cell it came from.

The run-together chunk arrives as one row of cells: the stretches of text that stood next to each
other in the source, with an empty cell where a page marker (``2、``) was cut out.  A figure
touching such a cut may have lost or gained a digit, so the cut positions are kept and a figure
touching one is never read.
"""

from __future__ import annotations

from extractor.grid import Cell
from extractor.rules.run_text import RunText
from extractor.segment.types import FormChunk, Row

CONFIDENCE = 0.85  # a value cut from run-together text by vocabulary and column rules


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
    return RunText("".join(chars), owners, cuts=cuts, confidence=CONFIDENCE)
