"""The column aligner: a row's printed cells placed under header columns, with cost, score and rivals.

Pasted and PDF-extracted rows lose empty cells and gain stray ones, so a row rarely lines up with
its header as printed.  ``align`` tries the row as printed, then with one blank cell inserted or one
empty cell removed (a second edit only while the best reading still puts a cell where it fits
badly), and scores each reading: every printed cell earns its fit to the field of the column it
lands in (text outside every column costs ``outside``), every edit costs ``edit_cost``.  The best
reading wins; readings that score the same with different content are its rivals, a doubt the
caller reports instead of hiding.

The Fushun reader places every section with it; the other section readers still use their own
placement (``indicators.align_row``, ``funds.typed_alignment``, the fused number splits, the
weighted split) and move here one at a time, each only where its figures stay identical.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass

from extractor.grid import Cell
from extractor.segment.types import Row
from extractor.values import squash

Columns = dict[int, str]  # column position → field
Fit = Callable[[str], float]  # how well a (squashed) cell text suits a field; < 0 is a misfit
Fields = dict[str, list[Cell]]  # field → the printed cells placed under it, in row order

EDIT_COST = 0.25
OUTSIDE = -2.0  # a printed cell under no column, or under a column no fit is given for
MAX_EDITS = 2
_TIE = 1e-9


@dataclass(frozen=True, slots=True)
class Alignment:
    """The best reading of a row: its fields, score and edit count, and how many rivals tie it."""

    fields: Fields
    score: float
    edits: int
    rivals: int

    @property
    def doubtful(self) -> bool:
        return self.rivals > 0


_Scored = tuple[float, int, Fields, bool]  # score, edits, fields, has a misfit


def align(
    row: Row, columns: Columns, fits: dict[str, Fit], *, ignore: Collection[str] = (),
    edit_cost: float = EDIT_COST, outside: float = OUTSIDE, max_edits: int = MAX_EDITS,
) -> Alignment:
    """The reading of ``row`` under ``columns`` that suits their fields best (see the module).

    ``ignore`` names fields whose content does not make two readings different (a section's
    margin column)."""
    cells: list[Cell | None] = list(row.cells)
    while cells and (cells[-1] is None or not cells[-1].clean):
        cells.pop()
    level, seen = [cells], {tuple(id(c) for c in cells)}
    scored = [_score(cells, 0, columns, fits, edit_cost, outside)]
    for edits in range(1, max_edits + 1):
        best = max(scored, key=lambda s: (s[0], -s[1]))
        if edits >= 2 and not best[3]:
            break
        nxt = []
        for placed in level:
            for edited in _edits(placed):
                key = tuple(id(c) for c in edited)
                if key not in seen:
                    seen.add(key)
                    nxt.append(edited)
                    scored.append(_score(edited, edits, columns, fits, edit_cost, outside))
        level = nxt
    best = max(scored, key=lambda s: (s[0], -s[1]))
    content = _content(best[2], ignore)
    rivals = sum(1 for s in scored if abs(s[0] - best[0]) < _TIE and _content(s[2], ignore) != content)
    return Alignment(best[2], best[0], best[1], rivals)


def _edits(cells: list[Cell | None]) -> Iterator[list[Cell | None]]:
    """The row with one blank cell inserted, or with one empty cell removed."""
    for d in range(len(cells) + 1):
        yield [*cells[:d], None, *cells[d:]]
    for d, cell in enumerate(cells):
        if cell is None or not cell.clean:
            yield [*cells[:d], *cells[d + 1:]]


def _score(placed: list[Cell | None], edits: int, columns: Columns, fits: dict[str, Fit],
           edit_cost: float, outside: float) -> _Scored:
    score, fields, misfit = -edit_cost * edits, {}, False
    for pos, cell in enumerate(placed):
        if cell is None or not cell.clean:
            continue
        field = columns.get(pos)
        fit = fits[field](squash(cell.clean)) if field in fits else outside
        score, misfit = score + fit, misfit or fit < 0
        if field is not None:
            fields.setdefault(field, []).append(cell)
    return score, edits, fields, misfit


def _content(fields: Fields, ignore: Collection[str]) -> dict[str, list[str]]:
    return {f: [c.clean for c in cs] for f, cs in fields.items() if f not in ignore}
