"""Render a form's rows as a compact grid in which every cell has a stable reference.

The model sees one line per row, ``r12 c1[一级指标]=产出指标 c3[三级指标]=信访大厅正常运转（月） c4[年度指标值]=12``
(a cell under a header carries the header's words, see ``labels``): the row number is the row's
position in its form (so references are stable whatever grid the row came from), blank cells are
left out, merged cells are filled (their copies carry the printed text), whitespace inside a cell
is dropped (so a space always starts the next cell; the grounding check ignores whitespace
anyway), and long cells are cut with ``…`` — the model quotes their start and the code reads the
full text back from the cell.  Without labels the layout cost ~1.3 prompt tokens per token of the
form's own one-cell-per-line text; the labels take a form's grid to a median 2.1× its text in
characters (``bench/bench_llm.py --dry-run``), paid back by rows read in the right columns.

Text pasted from a page loses merged cells: the 一级/二级 labels print once and the rows below
leave those columns blank, and a small model then slides the row's cells one field to the left.
So under an indicator table's header the 一级/二级 columns are filled down (a filled cell is a
copy whose provenance is the cell that prints the label), and every indicator row shows the
same columns.  The ``GridView`` keeps the map from reference to cell, which
is what the grounding check and the provenance of every value are built on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.grid import Cell
from extractor.llm.grounding import cell_of
from extractor.llm.labels import column_labels, table_fields
from extractor.rules.indicators import find_indicator_header
from extractor.segment import FormChunk, Row
from extractor.vocab import is_level_word
from schemas.common import SourceRef

LONG_CELL = 48  # characters shown of a long cell (goals, criteria); the rest is read back by ref
ELLIPSIS = "…"
_SPACES = re.compile(r"[\s\u3000]+")


@dataclass(frozen=True, slots=True)
class CellRef:
    """One rendered cell: where it sits in the form and what it prints."""

    ref: str
    row_index: int
    row: Row  # the row that prints the cell (for a filled-down label: the row above)
    cell: Cell
    filled: bool = False  # a 一级/二级 label standing in for a blank cell under it

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
    rows: dict[int, list[CellRef]] = field(default_factory=dict)
    labels: dict[int, dict[int, str]] = field(default_factory=dict)  # row → column → header words

    @classmethod
    def of(cls, chunk: FormChunk) -> GridView:
        fields = table_fields(chunk)
        view = cls(chunk, labels=column_labels(chunk, fields))
        filled = _filled_levels(chunk, fields)
        for i, row in enumerate(chunk.rows):
            line: list[CellRef] = []
            fill = filled.get(i, {})
            for k in range(max([len(row.cells), *(k + 1 for k in fill)])):
                cell = row.cells[k] if k < len(row.cells) else None
                ref = f"r{i}c{k}"
                if cell is not None and cell.clean:
                    line.append(CellRef(ref, i, row, cell))
                elif k in fill:
                    origin_row, origin = fill[k]
                    line.append(CellRef(ref, i, origin_row, origin, filled=True))
            view.rows[i] = line
            view.cells.update((c.ref, c) for c in line)
        return view

    def cell_labels(self) -> dict[str, str]:
        """Reference → the header words over the cell, for every labelled cell."""
        return {f"r{i}c{k}": label for i, cols in self.labels.items() for k, label in cols.items()}

    def get(self, ref: str) -> CellRef | None:
        return self.cells.get(ref.strip())

    def row_cells(self, row_index: int) -> list[CellRef]:
        return list(self.rows.get(row_index, []))

    def headings_left_of(self, cell: CellRef) -> tuple[CellRef, CellRef] | None:
        """The 一级 and 二级 headings ``cell``'s row prints left of it (filled down from merged
        cells or printed), when it prints both: with one heading, which level it is is unsure."""
        column = cell_of(cell.ref)[1]
        left = [c for c in self.row_cells(cell.row_index) if cell_of(c.ref)[1] < column and is_level_word(c.text)]
        return (left[0], left[-1]) if len(left) >= 2 else None

    def render(self, row_indices: list[int]) -> str:
        """Lines for the given rows, in the order given; empty rows are skipped."""
        lines = []
        for i in row_indices:
            cells = self.rows.get(i, [])
            labels = self.labels.get(i, {})
            if cells:
                lines.append(f"r{i} " + " ".join(self._shown_cell(c, labels) for c in cells))
        return "\n".join(lines)

    @staticmethod
    def _shown_cell(cell: CellRef, labels: dict[int, str]) -> str:
        column = cell_of(cell.ref)[1]
        label = labels.get(column)
        return f"c{column}[{label}]={shown(cell.cell.text)}" if label else f"c{column}={shown(cell.cell.text)}"


def _filled_levels(chunk: FormChunk, table: dict[int, dict[int, str]]) -> dict[int, dict[int, tuple[Row, Cell]]]:
    """Row → column → (row, cell) printing the 一级/二级 label a blank level cell stands under.

    Only rows of the indicator table, up to its total row, placed as ``labels.table_fields``
    places them (``table``) (a 二级 word pasted into the 一级 column is a 二级); a label a row prints ends the
    fill of the deeper level columns (a new 一级 starts without a 二级)."""
    header = find_indicator_header(chunk.rows)
    if header is None:
        return {}
    levels = sorted(k for k, name in header.columns.items() if name in ("level1", "level2"))
    if not levels:
        return {}
    out: dict[int, dict[int, tuple[Row, Cell]]] = {}
    above: dict[int, tuple[Row, Cell]] = {}
    for i, fields in table.items():
        row = chunk.rows[i]
        own = {f: k for k, f in fields.items()}
        for k in levels:
            printed = own.get(header.columns[k])
            if printed is not None:
                above[k] = (row, row.cells[printed])
                for deeper in levels:
                    if deeper > k:
                        above.pop(deeper, None)
            elif (k in above and k not in fields and not (k < len(row.texts) and row.texts[k])
                  and any(t for j, t in enumerate(row.texts) if j > max(levels))):
                out.setdefault(i, {})[k] = above[k]
    return out


def flat(text: str) -> str:
    """Cell text on one line: runs of whitespace (newlines, U+3000) become one space."""
    return _SPACES.sub(" ", text).strip()


def shown(text: str) -> str:
    """What the prompt prints of a cell: whitespace dropped, long text cut with ``…``."""
    t = _SPACES.sub("", text)
    return t if len(t) <= LONG_CELL else t[:LONG_CELL] + ELLIPSIS


def form_text(chunk: FormChunk) -> str:
    """The form's own text as printed, one cell per line — the yardstick for prompt size."""
    return "\n".join(c.text for r in chunk.rows for c in r.cells if c.clean)
