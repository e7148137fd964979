"""The row stream that segmentation, re-rowing and the section readers share."""

from __future__ import annotations

from dataclasses import dataclass

from extractor.grid import Cell


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
