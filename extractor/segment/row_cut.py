"""Cut a run of cells printed one per line into rows whose cells were permuted, given the columns.

A PDF text layer or an Excel export emits a row's cells out of order — its short cells before its
tall ones, or the row rotated — but a row's cells still come together.  Given the table's columns
(what each can hold, what leaving it blank costs), a run of cells is cut by dynamic programming
into rows that are each the columns' order, a rotation of it, or its short cells first; the cut
needing the fewest reorders, blanks and unlikely placements wins, and a tie between readings
that place cells differently is reported.  Used by ``indicator_order`` (indicator tables) and
``section_order`` (a form of stacked section tables).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import combinations

from extractor.grid import Cell
from extractor.values import squash

TALL = 8  # cells over 8 characters print on two lines, after their row's short cells
REORDER = 1.0  # a row printed out of its columns' order: its short cells first
ROTATED = 1.1  # or rotated, which exports do less often (and in one of n - 1 ways)
TIE = 1e-9
INF = float("inf")
_REPEATED = 1.5  # a text printed more than once read in a column of unique texts (names)
_LEADING_BLANK_LATE = 1.0  # a merged label column left blank after a printed cell: no merge

Fit = Callable[[str], "float | None"]  # the cost of a (squashed) text in a column, None: it cannot be there


@dataclass(frozen=True, slots=True)
class Column:
    """What a column may hold (``fit``), what leaving it blank costs; ``leading``: a merged label
    printed once (blank for free before any printed cell of the row); ``unique``: its texts are
    not printed twice in a table (a name); ``required``: every row prints it."""

    fit: Fit
    blank: float = 0.0
    leading: bool = False
    unique: bool = False
    required: bool = False


@dataclass(frozen=True, slots=True)
class Cut:
    """Rows in column order, each with the column of every cell; how many rows were printed out
    of order; whether a tie was met; the total cost."""

    rows: list[list[tuple[int, Cell]]]
    moved: int
    tied: bool
    cost: float


def printed_length(cell: Cell) -> int:
    """The cell's length as printed (a spaced header word, 年 度 指 标 值, is tall), which the
    joined text no longer shows; a mirror's inline pinyin (``項(xiàng)目``, ``Cell.ruby``) is no part
    of it: the table was laid out before the mirror added it."""
    if cell.char_start is not None and cell.char_end is not None:
        return max(cell.char_end - cell.char_start - cell.ruby, len(cell.clean))
    return len(cell.clean)


def orders(seg: list[Cell]) -> list[tuple[float, list[Cell]]]:
    """The column-order rows ``seg`` may have been printed from: itself, each rotation, and each
    interleaving of its short and tall cells when it prints the short ones first."""
    out: list[tuple[float, list[Cell]]] = [(0.0, seg)]
    out += [(ROTATED, seg[k:] + seg[:k]) for k in range(1, len(seg))]
    lengths = [printed_length(c) for c in seg]
    n_short = next((k for k, n in enumerate(lengths) if n > TALL), len(seg))
    if 0 < n_short < len(seg) and all(n > TALL for n in lengths[n_short:]):
        out += interleavings(seg, n_short)
    return out


_DISPLACED = 0.01  # per place a tall cell moves back: of two such orders, the nearer to the print


def interleavings(seg: list[Cell], n_short: int) -> list[tuple[float, list[Cell]]]:
    """Every order whose short cells first, then its tall ones, print as ``seg``; placing a tall
    cell further from where it printed costs a little more, so that types alone tie less."""
    short, tall = seg[:n_short], seg[n_short:]
    out: list[tuple[float, list[Cell]]] = []
    for places in combinations(range(len(seg)), len(tall)):
        moved = sum(n_short + k - p for k, p in enumerate(places))
        merged = placed(short, tall, places)
        if merged != seg:
            out.append((REORDER + _DISPLACED * moved, merged))
    return out


def placed(short: list[Cell], tall: list[Cell], places: tuple[int, ...]) -> list[Cell]:
    """One interleaving: ``tall``'s cells at ``places`` (ascending), ``short``'s in the other
    places, each kept in its own order."""
    shorts, talls = iter(short), iter(tall)
    return [next(talls) if p in places else next(shorts) for p in range(len(short) + len(tall))]


_SPACED_TALL = 5  # a header word of five characters printed spaced out (年 度 指 标 值) is tall


def header_orders(header: list[Cell]) -> list[tuple[float, list[Cell]]]:
    """A header's possible orders: as a row's, and with any trailing run of words that were tall
    when printed spaced out (the joined text no longer says so) as its tall cells."""
    if len(header) > MAX_COLUMNS:
        return [(0.0, header)]
    out = orders(header)
    k = len(header)
    while k > 1 and len(squash(header[k - 1].clean)) >= _SPACED_TALL:
        k -= 1
        out += interleavings(header, k)
    return out


_FIRST_ROW_BLANK = 1.5  # a merged label column blank on a table's first row: merges start there


def place(keys: list[str], columns: list[Column], repeated: set[str], *, first: bool = False
          ) -> tuple[float, list[int]] | None:
    """The cheapest left-to-right placement of a row's cells (in column order) on the columns:
    (cost, column per cell), or None.  ``first``: the table's first row, which prints its merged
    labels."""
    n, m = len(keys), len(columns)
    best = [[INF] * (m + 1) for _ in range(n + 1)]  # best[i][c]: keys[:i] placed on columns[:c]
    back: list[list[tuple[int, int, bool] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for c, column in enumerate(columns):
        for i in range(n + 1):
            cost = best[i][c]
            if cost == INF:
                continue
            skip = INF if column.required else column.blank
            if column.leading and i > 0:
                skip = max(skip, _LEADING_BLANK_LATE)
            elif column.leading and first:
                skip = max(skip, _FIRST_ROW_BLANK)
            if cost + skip < best[i][c + 1]:
                best[i][c + 1], back[i][c + 1] = cost + skip, (i, c, False)
            fit = column.fit(keys[i]) if i < n else None
            if fit is not None:
                take = cost + fit + (_REPEATED if column.unique and keys[i] in repeated else 0.0)
                if take < best[i + 1][c + 1]:
                    best[i + 1][c + 1], back[i + 1][c + 1] = take, (i, c, True)
    if best[n][m] == INF:
        return None
    cols: list[int] = []
    i, c = n, m
    while c > 0:
        step = back[i][c]
        assert step is not None
        if step[2]:
            cols.insert(0, step[1])
        i, c = step[0], step[1]
    return best[n][m], cols


def _content(placed: list[tuple[int, Cell]]) -> list[tuple[int, str]]:
    return [(col, squash(c.clean)) for col, c in placed]


def read_row(seg: list[Cell], columns: list[Column], repeated: set[str], *, first: bool = False,
             left: list[int] | None = None) -> tuple[float, list[tuple[int, Cell]], bool] | None:
    """The cheapest column-order reading of one printed row: (cost, (column, cell) pairs, whether
    another reading as cheap places the texts differently).  ``left``: the work the cut may
    still do (``_Budget`` when it runs out)."""
    found: list[tuple[float, list[tuple[int, Cell]]]] = []
    candidates = orders(seg)
    if left is not None:
        left[0] -= len(candidates) * (len(seg) + 1) * len(columns)  # each placement's table
        if left[0] < 0:
            raise _Budget
    for cost, order in candidates:
        fit = place([squash(c.clean) for c in order], columns, repeated, first=first)
        if fit is not None:
            found.append((cost + fit[0], list(zip(fit[1], order, strict=True))))
    if not found:
        return None
    low = min(f[0] for f in found)
    best = [f for f in found if f[0] - low < TIE]
    chosen = _content(best[0][1])
    return low, best[0][1], any(_content(f[1]) != chosen for f in best[1:])


MAX_CELLS = 600  # a table's body: longer runs are no table this cut is for (and would cost time)
MAX_COLUMNS = 14
# the work a cut may do per body cell, in placement-table entries (a row's cells + 1 × columns,
# per order tried): the scrambled shape's tables need at most 6,343 (seeds 18 and 41, ten
# columns); a body whose every window prints short cells before tall ones under a 13-column
# header tries C(13, 6) interleavings a window (about 93,000 a cell: 78 s for 600 lines)
MAX_STEPS_PER_CELL = 10_000


class _Budget(Exception):
    """The cut did more work than ``MAX_STEPS_PER_CELL`` allows its body."""


def _memo(fit: Fit) -> Fit:
    """``fit`` remembered per text: a body's texts are placed on each column many times over."""
    seen: dict[str, float | None] = {}

    def cached(key: str) -> float | None:
        if key not in seen:
            seen[key] = fit(key)
        return seen[key]

    return cached


def cut(body: list[Cell], columns: list[Column]) -> Cut | None:
    """Rows of ``body`` in column order (fewest reorders, blanks and unlikely placements); None
    when no cut fits, the body or the columns are longer than any form's table, or the search
    tries more placements than any form's table needs (its cost stays linear in the body)."""
    n = len(body)
    if n > MAX_CELLS or len(columns) > MAX_COLUMNS:
        return None
    columns = [replace(c, fit=_memo(c.fit)) for c in columns]
    left = [MAX_STEPS_PER_CELL * max(n, 1)]
    try:
        return _cut(body, columns, left)
    except _Budget:
        return None


def _cut(body: list[Cell], columns: list[Column], left: list[int]) -> Cut | None:
    n = len(body)
    counts = Counter(squash(c.clean) for c in body)
    repeated = {k for k, v in counts.items() if v > 1}
    best: list[float] = [0.0] + [INF] * n
    back: list[tuple[int, list[tuple[int, Cell]]]] = [(0, [])] * (n + 1)
    tied = [False] * (n + 1)
    for j in range(1, n + 1):
        for i in range(max(0, j - len(columns)), j):
            if best[i] == INF:
                continue
            read = read_row(body[i:j], columns, repeated, first=i == 0, left=left)
            if read is None:
                continue
            total = best[i] + read[0]
            if total < best[j] - TIE:
                best[j], back[j], tied[j] = total, (i, read[1]), tied[i] or read[2]
            elif abs(total - best[j]) < TIE:
                tied[j] = True
    if best[n] == INF:
        return None
    rows: list[list[tuple[int, Cell]]] = []
    at = n
    while at > 0:
        prev, row = back[at]
        rows.insert(0, row)
        at = prev
    moved, start = 0, 0
    for row in rows:
        moved += [c for _, c in row] != body[start:start + len(row)]
        start += len(row)
    return Cut(rows, moved, tied[n], best[n])


HeaderCut = tuple[float, list[Cell], list[list[Cell]], int]  # (cost, header cells, rows, rows moved)


def best_header_cut(variants: list[tuple[float, list[Cell]]], kinds_of: Callable[[list[Cell]], list[str] | None],
                    columns_of: Callable[[list[str]], list[Column]], body: list[Cell]) -> HeaderCut | None:
    """Of a header's possible orders (``variants``: cost, cells), the one whose columns cut
    ``body`` cheapest together with it: (cost, header cells, body rows, rows printed out of
    order, the header counting as one when reordered).  None when no order names known columns
    (``kinds_of``), none cuts the body untied, or two cut it as cheaply into different rows."""
    results: list[HeaderCut] = []
    tried: set[tuple[str, ...]] = set()
    for cost, cells in variants:
        kinds = kinds_of(cells)
        if kinds is None or tuple(kinds) in tried:
            continue
        tried.add(tuple(kinds))
        found = cut(body, columns_of(kinds))
        if found is None or found.tied:
            continue
        rows = [[c for _, c in row] for row in found.rows]
        results.append((cost + found.cost, cells, rows, found.moved + (cost > 0)))
    if not results:
        return None
    results.sort(key=lambda r: r[0])
    best = results[0]
    if any(r[0] - best[0] < TIE and r[2] != best[2] for r in results[1:]):
        return None
    return best
