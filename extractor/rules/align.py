"""The column aligner: which header column each printed cell of a row belongs to.

Every section reader that has to decide where a row's cells sit asks here, so a doubt is found the
same way everywhere.  A reader offers its candidate *readings* (a placement of the row's cells on
its columns, however it produced them: shifts, inserted or removed blanks, a typed walk, a cut of
fused digits, an arithmetic solution) with two numbers each — ``fit``, how well the cells suit the
columns they land in, and ``edits``, how many cells the reading had to insert, remove, skip or cut
to get there.  ``choose`` scores every reading ``fit − edit_cost × edits`` (the one scoring of
edits), keeps the best (the first offered on an exact tie, so a reader's preferred order decides),
and records as *rivals* the readings that come within ``near`` of it with different content: the
one ambiguity test.  A reader reports a doubtful choice as a ``LAYOUT_*`` finding (``doubt``)
instead of hiding it.  Every reader uses the same ``EDIT_COST`` (the funds walk once charged 0.05
a skipped column and the fused number runs 1.0 a skipped stretch of noise; at 0.25 every figure
holds and a funds row with a repeated amount is read as printed); only the fused number runs pass
a wider ``near``, because their arithmetic scores are coarse (the figures drop with ``TIE``).

Readers with no competing placements do not ask: score sheets read cells under the header column
they were printed in, paired funds by their group labels, weighted indicators from the operator
cell outwards, score streams in printed order; and the fused-row cutter (``layouts/fused/rows``)
is a Viterbi over character positions whose cells take their columns from the row template — it
decides where cells end, not which column they belong to.

``align`` is the candidate generator for rows printed cell by cell under a header (pasted and
PDF-extracted rows lose empty cells and gain stray ones): the row as printed, then with one blank
cell inserted or one empty cell removed (a second edit only while the best reading still puts a
cell where it fits badly), every printed cell earning its field's fit (text outside every column
costs ``outside``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from extractor.grid import Cell
from extractor.segment.types import Row
from extractor.values import squash
from schemas.common import Finding, Severity, SourceRef

Columns = dict[int, str]  # column position → field
Fit = Callable[[str], float]  # how well a (squashed) cell text suits a field; < 0 is a misfit
Fields = dict[str, list[Cell]]  # field → the printed cells placed under it, in row order
T = TypeVar("T")

EDIT_COST = 0.25
OUTSIDE = -2.0  # a printed cell under no column, or under a column no fit is given for
MAX_EDITS = 2
TIE = 1e-9  # readings this close score the same

_ASKED: ContextVar[list[str] | None] = ContextVar("aligner_asked", default=None)


@dataclass(frozen=True, slots=True)
class Reading(Generic[T]):
    """One candidate placement: what the reader placed, its fit, its edits, and what makes it
    differ from another reading (``content``; the placement itself when not given)."""

    placed: T
    fit: float
    edits: int = 0
    content: object = None

    def what(self) -> object:
        return self.placed if self.content is None else self.content


@dataclass(frozen=True, slots=True)
class Choice(Generic[T]):
    """The best reading, its score, the rivals that came near it, and which reader asked."""

    reader: str
    best: Reading[T]
    score: float
    rivals: tuple[Reading[T], ...] = field(default=())

    @property
    def doubtful(self) -> bool:
        return bool(self.rivals)


def choose(
    readings: Iterable[Reading[T]], *, reader: str, edit_cost: float = EDIT_COST, near: float = TIE,
) -> Choice[T] | None:
    """The best of ``readings`` (None when there is none) and its rivals (see the module)."""
    asked = _ASKED.get()
    if asked is not None:
        asked.append(reader)
    scored = [(r.fit - edit_cost * r.edits if r.edits else r.fit, r) for r in readings]
    if not scored:
        return None
    top = max(s for s, _ in scored)
    best = next(r for s, r in scored if s == top)
    content = best.what()
    rivals = tuple(r for s, r in scored if r is not best and top - s < near and r.what() != content)
    return Choice(reader, best, top, rivals)


@contextmanager
def recording() -> Iterator[list[str]]:
    """The names of the readers that asked the aligner inside the block, in order (tests use it to
    prove each section reader goes through here)."""
    token = _ASKED.set([])
    try:
        asked = _ASKED.get()
        assert asked is not None
        yield asked
    finally:
        _ASKED.reset(token)


def doubt(
    code: str, severity: Severity, message_zh: str, message_en: str, *, cells: Iterable[SourceRef], rule: str,
    fields: Iterable[str] = (),
) -> Finding:
    """The finding a reader raises for a choice it cannot make with confidence (rivals, or cells
    no reading places): one shape for every section, its code and words the reader's own."""
    return Finding(code=code, severity=severity, message_zh=message_zh, message_en=message_en,
                   fields=list(fields), cells=list(cells), rule=rule)


def ambiguous_row(row: Row, section: str, rule: str) -> Finding:
    """``LAYOUT_ROW_AMBIGUOUS``: a row's cells fit its header in more than one way."""
    printed = " ".join(t for t in row.texts if t)[:60]
    return doubt(
        "LAYOUT_ROW_AMBIGUOUS", "warning",
        f"{section}行可按多种方式对齐表头（{printed}），已取最符合表头词汇的一种",
        f"a {section} row fits its header in more than one way ({printed}); kept the best vocabulary fit",
        cells=[c.ref(row.grid_id or "text") for c in row.cells if c.clean], rule=rule,
    )


# ---------------------------------------------------------------- rows printed cell by cell


@dataclass(frozen=True, slots=True)
class Alignment:
    """The best reading of a row: its fields, score and edit count, and how many rivals tie it."""

    fields: Fields
    score: float
    edits: int
    rivals: int
    reader: str = ""

    @property
    def doubtful(self) -> bool:
        return self.rivals > 0


def align(
    row: Row, columns: Columns, fits: dict[str, Fit], *, reader: str, ignore: Collection[str] = (),
    edit_cost: float = EDIT_COST, outside: float = OUTSIDE, max_edits: int = MAX_EDITS,
) -> Alignment:
    """The reading of ``row`` under ``columns`` that suits their fields best (see the module).

    ``ignore`` names fields whose content does not make two readings different (a section's
    margin column)."""
    cells: list[Cell | None] = list(row.cells)
    while cells and (cells[-1] is None or not cells[-1].clean):
        cells.pop()
    level, seen = [cells], {tuple(id(c) for c in cells)}
    scored = [_reading(cells, 0, columns, fits, outside, ignore)]
    for edits in range(1, max_edits + 1):
        best = max(scored, key=lambda s: (s[0].fit - edit_cost * s[0].edits, -s[0].edits))
        if edits >= 2 and not best[1]:
            break
        nxt = []
        for placed in level:
            for edited in _edits(placed):
                key = tuple(id(c) for c in edited)
                if key not in seen:
                    seen.add(key)
                    nxt.append(edited)
                    scored.append(_reading(edited, edits, columns, fits, outside, ignore))
        level = nxt
    choice = choose((r for r, _ in scored), reader=reader, edit_cost=edit_cost)
    assert choice is not None  # the row as printed is always a reading
    return Alignment(choice.best.placed, choice.score, choice.best.edits, len(choice.rivals), reader)


def _edits(cells: list[Cell | None]) -> Iterator[list[Cell | None]]:
    """The row with one blank cell inserted, or with one empty cell removed."""
    for d in range(len(cells) + 1):
        yield [*cells[:d], None, *cells[d:]]
    for d, cell in enumerate(cells):
        if cell is None or not cell.clean:
            yield [*cells[:d], *cells[d + 1:]]


def _reading(placed: list[Cell | None], edits: int, columns: Columns, fits: dict[str, Fit], outside: float,
             ignore: Collection[str]) -> tuple[Reading[Fields], bool]:
    """The reading of one placement, and whether a printed cell in it is a misfit."""
    fit, misfit = 0.0, False
    fields: Fields = {}
    for pos, cell in enumerate(placed):
        if cell is None or not cell.clean:
            continue
        name = columns.get(pos)
        f = fits[name](squash(cell.clean)) if name in fits else outside
        fit, misfit = fit + f, misfit or f < 0
        if name is not None:
            fields.setdefault(name, []).append(cell)
    content = {f: [c.clean for c in cs] for f, cs in fields.items() if f not in ignore}
    return Reading(fields, fit, edits, content), misfit
