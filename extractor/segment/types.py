"""The row stream and form chunks that segmentation, re-rowing and the section readers share."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.grid import Cell
from schemas.common import FormType

# the grid id of paragraph lines re-rowed as a table: cells printed with no mark between them, so
# an empty cell printed nothing (a pipe or TAB grid keeps its empty cells)
LINES_GRID = "text"


@dataclass(slots=True)
class Row:
    """One row of the stream: grid cells, or a paragraph seen as a one-cell row."""

    cells: list[Cell]
    grid_id: str | None  # None for a paragraph
    page: int | None = None

    @property
    def texts(self) -> list[str]:
        return [c.clean for c in self.cells]

    @property
    def nonblank(self) -> list[str]:
        return [t for t in self.texts if t]

    @property
    def is_paragraph(self) -> bool:
        return self.grid_id is None


@dataclass(slots=True)
class FormChunk:
    """The rows of one form instance, its title row and its guessed type."""

    index: int
    form_type: FormType | None  # None only while segmentation has not typed the form yet
    type_confidence: float
    title: str
    title_row: Row | None
    rows: list[Row] = field(default_factory=list)
    context: list[str] = field(default_factory=list)  # short paragraphs inside the form (单位：万元)

    @property
    def grid_ids(self) -> list[str]:
        seen: list[str] = []
        for r in self.rows:
            if r.grid_id and r.grid_id not in seen:
                seen.append(r.grid_id)
        return seen
