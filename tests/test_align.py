"""The column aligner: dropped cells are re-inserted, stray blanks removed, ties reported as rivals."""

from __future__ import annotations

from extractor.grid import Cell
from extractor.rules.align import EDIT_COST, align
from extractor.segment.types import Row
from extractor.values import is_numeric

COLUMNS = {0: "name", 1: "unit", 2: "weight", 3: "score"}
FITS = {
    "name": lambda t: -2.0 if is_numeric(t) else 1.0,
    "unit": lambda t: -2.0 if is_numeric(t) else 0.5,
    "weight": lambda t: 1.0 if is_numeric(t) else -2.0,
    "score": lambda t: 1.0 if is_numeric(t) else -2.0,
}


def _row(*texts: str) -> Row:
    return Row([Cell(t, 0, k) for k, t in enumerate(texts)], "g0")


def _texts(fields: dict[str, list[Cell]]) -> dict[str, list[str]]:
    return {f: [c.clean for c in cs] for f, cs in fields.items()}


def test_a_row_that_fits_as_printed_needs_no_edit() -> None:
    a = align(_row("群众满意度", "%", "10", "9"), COLUMNS, FITS, reader="test")
    assert _texts(a.fields) == {"name": ["群众满意度"], "unit": ["%"], "weight": ["10"], "score": ["9"]}
    assert (a.edits, a.score, a.rivals, a.doubtful) == (0, 3.5, 0, False)


def test_a_dropped_empty_cell_is_put_back_at_a_cost() -> None:
    a = align(_row("群众满意度", "10", "9"), COLUMNS, FITS, reader="test")  # the empty 单位 cell was lost
    assert _texts(a.fields) == {"name": ["群众满意度"], "weight": ["10"], "score": ["9"]}
    assert a.edits == 1 and a.score == 3.0 - EDIT_COST and not a.doubtful


def test_a_stray_empty_cell_is_removed() -> None:
    a = align(_row("", "群众满意度", "%", "10", "9"), COLUMNS, FITS, reader="test")
    assert _texts(a.fields)["name"] == ["群众满意度"] and _texts(a.fields)["score"] == ["9"] and a.edits == 1


def test_equal_readings_with_different_content_are_rivals_unless_ignored() -> None:
    """``_ p q`` misfits as printed; dropping the empty cell (p→a, q→b) and inserting a blank
    (p→c, q→d) are two one-edit readings that score the same."""
    columns = {0: "a", 1: "b", 2: "c", 3: "d"}
    fits = {
        "a": lambda t: 1.0 if t == "p" else -2.0, "b": lambda t: 1.0 if t == "q" else -2.0,
        "c": lambda t: 1.0 if t == "p" else -2.0, "d": lambda t: 1.0 if t == "q" else -2.0,
    }
    tied = align(_row("", "p", "q"), columns, fits, reader="test")
    assert tied.doubtful and tied.rivals == 1 and tied.edits == 1 and tied.score == 2.0 - EDIT_COST
    assert _texts(tied.fields) in ({"a": ["p"], "b": ["q"]}, {"c": ["p"], "d": ["q"]})
    assert not align(_row("", "p", "q"), columns, fits, reader="test", ignore=("a", "b", "c", "d")).doubtful
