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
    """The chunk's cells joined without whitespace; empty cells are cut page markers.  Where a
    space (or a cell border: ingest cut the line at its spaces) stood is kept in ``spaces``: the
    one place figures printed apart may be cut."""
    chars: list[str] = []
    owners: list[tuple[Row, Cell]] = []
    cuts: set[int] = set()
    spaces: set[int] = set()
    for row in chunk.rows:
        for cell in row.cells:
            if not cell.text:
                cuts.add(len(chars))
            spaces.add(len(chars))
            for ch in cell.text:
                if ch.isspace():
                    spaces.add(len(chars))
                    continue
                chars.append(ch)
                owners.append((row, cell))
    return RunText("".join(chars), owners, cuts=cuts, confidence=CONFIDENCE, spaces=spaces)
