"""The grid model every ingest path produces and every extractor reads.

A ``Grid`` is rows × cells with spans and provenance.  Rows may be ragged: pasted text gives no
column geometry, only the order of cells, so a row holds the cells it printed and the extractor
aligns them by header vocabulary.  Formats that know their geometry (docx/html/xlsx/scans) give
rectangular grids with ``rowspan``/``colspan`` set on the anchor cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from schemas.common import SourceRef

GridKind = Literal["cell-lines", "tsv", "csv", "pipe", "spaced", "html", "docx", "xlsx", "pdf", "ocr"]


@dataclass(slots=True)
class Cell:
    """One printed cell: its text and where it sits in its grid and its source."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    char_start: int | None = None
    char_end: int | None = None
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    confidence: float = 1.0
    continuation: bool = False  # a copy standing in for a merged cell anchored elsewhere
    ruby: int = 0  # characters of a mirror's inline pinyin dropped from ``text`` (the span still covers them)

    @property
    def clean(self) -> str:
        """Text with ideographic spaces and surrounding whitespace removed."""
        return self.text.replace("\u3000", " ").strip()

    @property
    def is_blank(self) -> bool:
        return not self.clean

    def ref(self, grid_id: str) -> SourceRef:
        return SourceRef(
            grid_id=grid_id,
            row=self.row,
            col=self.col,
            page=self.page,
            char_start=self.char_start,
            char_end=self.char_end,
            bbox=self.bbox,
        )


def joined_cell(cells: list[Cell], sep: str = " ") -> Cell:
    """One cell printed in pieces (a wrap, a Word fragment, a label cut from its points), made whole
    again: the pieces' texts joined with ``sep``, at the first piece's place, its span over them all."""
    first, last = cells[0], cells[-1]
    return Cell(sep.join(c.clean for c in cells), first.row, first.col, char_start=first.char_start,
                char_end=last.char_end, page=first.page)


@dataclass(slots=True)
class Grid:
    """A table as printed; ``rows[i]`` holds row ``i``'s cells in column order."""

    id: str
    kind: GridKind
    rows: list[list[Cell]] = field(default_factory=list)
    page: int | None = None
    element_id: str | None = None

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def texts(self) -> list[list[str]]:
        return [[c.clean for c in row] for row in self.rows]

    def filled(self) -> list[list[Cell]]:
        """Rectangular view with merged cells copied into every position they cover.

        Copies carry ``continuation=True`` so a consumer can tell a printed value from a span.
        Ragged grids (pasted text) are returned as they are: they carry no span geometry.
        """
        if not any(c.rowspan > 1 or c.colspan > 1 for row in self.rows for c in row):
            return [list(r) for r in self.rows]
        width = max((c.col + c.colspan for row in self.rows for c in row), default=0)
        out: list[list[Cell | None]] = [[None] * width for _ in self.rows]
        for row in self.rows:
            for c in row:
                for dr in range(c.rowspan):
                    for dc in range(c.colspan):
                        r, k = c.row + dr, c.col + dc
                        if r >= len(out) or k >= width or out[r][k] is not None:
                            continue
                        out[r][k] = c if (dr, dc) == (0, 0) else replace(c, continuation=True)
        result: list[list[Cell]] = []
        for r, row_cells in enumerate(out):
            result.append([x if x is not None else Cell("", r, k) for k, x in enumerate(row_cells)])
        return result


@dataclass(slots=True)
class Paragraph:
    """Narrative text between tables (titles, notes, 决算 prose), kept as context."""

    text: str
    char_start: int | None = None
    char_end: int | None = None
    page: int | None = None


Block = Grid | Paragraph


@dataclass(slots=True)
class IngestedDocument:
    """Everything ingest knows about one input, in reading order."""

    source: str
    media_type: str
    text: str
    blocks: list[Block] = field(default_factory=list)
    elements: list[object] = field(default_factory=list)  # unstructured elements, for context
    sha256: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def grids(self) -> list[Grid]:
        return [b for b in self.blocks if isinstance(b, Grid)]
