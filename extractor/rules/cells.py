"""Build traced ``Value``s from grid cells: every value keeps its cell reference and raw text."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar, cast

from extractor.grid import Cell
from extractor.segment.types import Row
from extractor.values import drop_ruby, is_placeholder, parse_decimal, parse_percent, squash
from schemas.common import Measure, SourceRef, Value

T = TypeVar("T")


def repeats_above(row: Row, above: Row | None, k: int) -> bool:
    """Cell ``k`` continues a vertical merge: a merge copy, or the text above typed again
    (whatever line breaks or spaces either copy prints).

    Word authors (and TSV exports) often print a vertically merged label once per row instead of
    merging it (``项目资金（万元）`` on every funds row, ``年度总体目标`` beside its goal texts); such a
    cell is not the row's own label or value.
    """
    cell = row.cells[k]
    if cell.continuation:
        return True
    if above is None or above.is_paragraph or k >= len(above.cells):
        return False
    return bool(cell.clean) and same_text(cell.clean, above.cells[k].clean)


def same_text(a: str, b: str) -> bool:
    """Two printings of one text: a copy wrapped onto two lines (绩效 / 指标), spaced out or with
    a mirror's inline pinyin after other characters (績 效(xiào) 指 標) is still the label it copies."""
    return a == b or "".join(a.split()) == "".join(b.split()) or squash(drop_ruby(a)) == squash(drop_ruby(b))


def own_texts(row: Row, above: Row | None) -> list[str]:
    """The row's texts with cells that continue a merge from above (or from the left) blanked."""
    return ["" if repeats_above(row, above, k) else c.clean for k, c in enumerate(row.cells)]


def ref(row: Row, cell: Cell) -> SourceRef:
    return cell.ref(row.grid_id or "text")


def traced(row: Row, cells: list[Cell], value: T | None, *, confidence: float = 1.0) -> Value[T]:
    """A value with the text and references of the cells it was read from; a text value
    without a mirror's inline pinyin (``raw`` keeps it)."""
    if isinstance(value, str):
        value = cast(T, drop_ruby(value))
    raw = " ".join(c.clean for c in cells if c.clean) or None
    conf = min([confidence, *[c.confidence for c in cells]]) if cells else confidence
    return Value[T](value=value, raw=raw, source=[ref(row, c) for c in cells], confidence=conf)


def traced_span(owners: list[tuple[Row, Cell]], start: int, end: int, value: T | None, *,
                confidence: float) -> Value[T]:
    """A value read from characters ``start:end`` of a text stream whose ``owners[k]`` is the row
    and cell character ``k`` came from (readers that read a form as one stream of text)."""
    cells: list[Cell] = []
    row: Row | None = None
    for k in range(start, min(end, len(owners))):
        r, c = owners[k]
        row = row or r
        if not any(c is x for x in cells):
            cells.append(c)
    return traced(row, cells, value, confidence=confidence) if row is not None else Value[T]()


def text_value(row: Row, cell: Cell | None, *, confidence: float = 1.0) -> Value[str]:
    if cell is None or is_placeholder(cell.clean):
        return Value[str]()
    return traced(row, [cell], cell.clean, confidence=confidence)


def joined_value(parts: list[tuple[Row, Cell]], *, confidence: float = 1.0) -> Value[str]:
    """Text the source broke over several cells (a name wrapped by a PDF), joined without spaces;
    ``raw`` keeps the cells apart."""
    cells = [c for _, c in parts]
    return Value[str](
        value=drop_ruby("".join(c.clean for c in cells)),
        raw=" ".join(c.clean for c in cells),
        source=[ref(r, c) for r, c in parts],
        confidence=min([confidence, *[c.confidence for c in cells]]),
    )


def number_value(row: Row, cell: Cell | None, *, confidence: float = 1.0) -> Value[Decimal]:
    return _parsed(row, cell, parse_decimal, confidence)


def percent_value(row: Row, cell: Cell | None, *, confidence: float = 1.0) -> Value[Decimal]:
    return _parsed(row, cell, parse_percent, confidence)


def measure_value(row: Row, cell: Cell | None, measure: Measure | None, *, confidence: float = 1.0) -> Value[Measure]:
    if cell is None or measure is None:
        return Value[Measure]()
    return traced(row, [cell], measure, confidence=confidence)


def _parsed(
    row: Row, cell: Cell | None, parse: Callable[[str], Decimal | None], confidence: float
) -> Value[Decimal]:
    if cell is None:
        return Value[Decimal]()
    number = parse(cell.clean)
    if number is None:
        return Value[Decimal]()
    return traced(row, [cell], number, confidence=confidence)
