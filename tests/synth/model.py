"""The form model the generator fills and every rendition and gold file is written from.

One ``Form`` holds the *printed* facts of a form (labels, numbers, texts exactly as they will
appear) plus the table the layout arranged them into.  Gold is written from the facts, the
renditions from the table, so the two cannot drift apart: what a reader should find is what
was printed, by construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any


def q2(x: Decimal | int | float | str, places: str = "0.01") -> Decimal:
    """Round half-up, the way filled forms round (76.025 → 76.03)."""
    return Decimal(str(x)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def plain(x: Decimal) -> str:
    """A number as the gold format writes it: its decimal value, no exponent, no trailing zeros."""
    text = format(x.normalize(), "f")
    return "0" if text in ("-0", "") else text


@dataclass
class Measure:
    """A target or actual: the gold operator/value/unit and the text as printed.

    ``glyph`` is the operator as printed (≧, >=, ═ …) and ``bare`` the text without it, which
    is what a layout with a separate 指标性质 / 运算符号 column prints in the value cell.
    """

    op: str | None  # ≥ ≤ = > < qualitative, or None (a bare number)
    value: Decimal | None
    unit: str
    text: str
    bare: str
    glyph: str = ""


@dataclass
class FundsLine:
    """One funds row as printed; ``None`` is a blank or placeholder cell."""

    role: str
    label: str
    initial: Decimal | None = None
    budget: Decimal | None = None
    executed: Decimal | None = None
    weight: Decimal | None = None
    rate: Decimal | None = None  # percent
    score: Decimal | None = None


@dataclass
class Indicator:
    """A 三级 indicator row; ``nature``/``unit`` are set where the layout prints those columns."""

    level1: str
    level2: str
    name: str
    target: Measure
    actual: Measure | None = None
    weight: Decimal | None = None
    score: Decimal | None = None
    reason: str = ""
    core: bool | None = None
    nature: str | None = None
    unit: str | None = None
    completion: str | None = None
    missed: bool = False


@dataclass
class Group:
    """A 一级/二级 heading that states its subtotal, e.g. 产出指标（50分）."""

    level: int
    name: str
    stated_weight: Decimal


@dataclass
class ScoreItem:
    """One line of a score sheet (部门整体 or 项目 评分表)."""

    level1: str
    level2: str
    name: str
    weight: Decimal
    criteria: str
    score: Decimal | None
    note: str = ""


@dataclass
class Task:
    """年度主要任务 row (Fushun)."""

    name: str
    project: str
    initial: Decimal | None
    budget: Decimal
    executed: Decimal
    rate: Decimal


@dataclass
class Cell:
    """One printed table cell at its anchor position."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Table:
    """A grid of cells with spans; ``widths`` are relative column widths (Word and PDF)."""

    n_cols: int
    widths: list[float]
    cells: list[Cell] = field(default_factory=list)
    n_rows: int = 0

    def matrix(self, repeat: bool = False) -> list[list[str | None]]:
        """Rows × columns of texts: an anchor's text, and for positions a span covers ``None``
        (or the anchor's text again with ``repeat``)."""
        grid: list[list[str | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            for dr in range(c.rowspan):
                for dc in range(c.colspan):
                    anchor = dr == 0 and dc == 0
                    grid[c.row + dr][c.col + dc] = c.text if anchor or repeat else None
        return grid

    def covered(self) -> set[tuple[int, int]]:
        """Positions inside a span other than its anchor."""
        out: set[tuple[int, int]] = set()
        for c in self.cells:
            out |= {(c.row + dr, c.col + dc) for dr in range(c.rowspan) for dc in range(c.colspan)} - {(c.row, c.col)}
        return out


class Grid:
    """Places cells row by row, skipping positions a rowspan from above already covers.

    A row item is ``text`` or ``(text, colspan)`` or ``(text, colspan, rowspan)``; a row that
    does not fill the table's width is a generator bug and raises at once.
    """

    def __init__(self, widths: list[float]) -> None:
        self.table = Table(n_cols=len(widths), widths=widths)
        self._taken: set[tuple[int, int]] = set()
        self._row = -1

    def row(self, *items: str | tuple[str, int] | tuple[str, int, int]) -> int:
        self._row += 1
        col = 0
        for item in items:
            text, colspan, rowspan = (item, 1, 1) if isinstance(item, str) else (*item, 1)[:3]
            while (self._row, col) in self._taken:
                col += 1
            cell = Cell(str(text), self._row, col, int(rowspan), int(colspan))
            self._taken |= {(self._row + dr, col + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)}
            self.table.cells.append(cell)
            col += cell.colspan
        while (self._row, col) in self._taken:
            col += 1
        if col != self.table.n_cols:
            raise ValueError(f"row {self._row} fills {col} of {self.table.n_cols} columns: {items!r}")
        return self._row

    def build(self) -> Table:
        self.table.n_rows = self._row + 1
        return self.table


@dataclass
class Form:
    """One generated form: printed facts (for gold) and its table (for renditions).

    ``header`` holds only the header fields the layout prints (gold labels nothing else);
    ``findings`` the (code, field) pairs the validator must raise — a planted error.
    """

    family: str
    schema: str
    title: str
    header: dict[str, Any] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)  # printed between the title and the table
    funds: list[FundsLine] = field(default_factory=list)
    goals: tuple[str, str] | None = None
    overall_goal: str | None = None
    indicators: list[Indicator] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    items: list[ScoreItem] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    goal_list: list[tuple[str, str]] = field(default_factory=list)
    staff_count: int | None = None
    deviation_note: str | None = None  # the reasons in one free-text row under the table (Hubei)
    total_weight: Decimal | None = None
    total_score: Decimal | None = None
    findings: list[tuple[str, str]] = field(default_factory=list)
    table: Table | None = None
    title_in_table: bool = False  # the title sits in a merged first table row
    wide: bool = False  # landscape page in Word/PDF


@dataclass
class Document:
    """One generated document: a narrative paragraph, then 1–3 forms of one family."""

    name: str
    family: str
    narrative: str
    forms: list[Form]
    style: Any  # synth.style.Style
    planted: str | None = None  # the planted error kind, if any
