"""Render a form's rows as a compact grid in which every cell has a stable reference.

The model sees one line per row, ``r12: c1=产出指标 | c3=信访大厅正常运转（月） | c4=12``: the
row number is the row's position in its form (so references are stable whatever grid the row
came from), blank cells are left out, merged cells are filled (their copies carry the printed
text), and long cells are cut with ``…`` — the model quotes their start and the code reads the
full text back from the reference.  The ``GridView`` keeps the map from reference to cell, which
is what the grounding check and the provenance of every value are built on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.grid import Cell
from extractor.segment import FormChunk, Row
from schemas.common import SourceRef

REF_RE = re.compile(r"^r(\d+)c(\d+)$")
LONG_CELL = 48  # characters shown of a long cell (goals, criteria); the rest is read back by ref
ELLIPSIS = "…"
_SPACES = re.compile(r"[\s\u3000]+")


@dataclass(frozen=True, slots=True)
class CellRef:
    """One rendered cell: where it sits in the form and what it prints."""

    ref: str
    row_index: int
    row: Row
    cell: Cell

    @property
    def text(self) -> str:
        return flat(self.cell.text)

    def source(self) -> SourceRef:
        return self.cell.ref(self.row.grid_id or "text")


@dataclass(slots=True)
class GridView:
    """The cells of one form by reference, and the rendering of any subset of its rows."""

    chunk: FormChunk
    cells: dict[str, CellRef] = field(default_factory=dict)

    @classmethod
    def of(cls, chunk: FormChunk) -> GridView:
        view = cls(chunk)
        for i, row in enumerate(chunk.rows):
            for k, cell in enumerate(row.cells):
                if cell.clean:
                    ref = f"r{i}c{k}"
                    view.cells[ref] = CellRef(ref, i, row, cell)
        return view

    def get(self, ref: str) -> CellRef | None:
        return self.cells.get(ref.strip())

    def row_cells(self, row_index: int) -> list[CellRef]:
        return [c for c in self.cells.values() if c.row_index == row_index]

    def render(self, row_indices: list[int]) -> str:
        """Lines for the given rows, in the order given; empty rows are skipped."""
        lines = []
        for i in row_indices:
            line = render_row(i, self.chunk.rows[i])
            if line:
                lines.append(line)
        return "\n".join(lines)


def flat(text: str) -> str:
    """Cell text on one line: runs of whitespace (newlines, U+3000) become one space."""
    return _SPACES.sub(" ", text).strip()


def shown(text: str) -> str:
    """What the prompt prints of a cell: flattened, ``|`` escaped, long text cut with ``…``."""
    t = flat(text).replace("|", "¦")
    return t if len(t) <= LONG_CELL else t[:LONG_CELL] + ELLIPSIS


def render_row(index: int, row: Row) -> str:
    parts = [f"c{k}={shown(c.text)}" for k, c in enumerate(row.cells) if c.clean]
    return f"r{index}: " + " | ".join(parts) if parts else ""


def form_text(chunk: FormChunk) -> str:
    """The form's own text as printed, one cell per line — the yardstick for prompt size."""
    return "\n".join(c.text for r in chunk.rows for c in r.cells if c.clean)
