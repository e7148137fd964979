"""The column aligner: dropped cells are re-inserted, stray blanks removed, ties reported as rivals."""

from __future__ import annotations

from extractor.grid import Cell
from extractor.rules.align import EDIT_COST, Reading, align, choose, recording
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


def test_choose_scores_fit_less_edit_cost_per_edit() -> None:
    """One edit must buy more fit than it costs: a reading with an edit wins only then."""
    plain, edited = Reading("as printed", 1.0), Reading("edited", 1.2, edits=1)
    choice = choose([plain, edited], reader="test")
    assert choice is not None and choice.best is plain and choice.score == 1.0
    choice = choose([plain, Reading("edited", 1.3, edits=1)], reader="test", edit_cost=0.25)
    assert choice is not None and choice.best.placed == "edited" and abs(choice.score - 1.05) < 1e-12
    cheap = choose([plain, edited], reader="test", edit_cost=0.1)  # a reader's own edit cost
    assert cheap is not None and cheap.best is edited


def test_choose_records_rivals_near_the_best_with_other_content() -> None:
    first, second, far = Reading("a", 2.0), Reading("b", 2.0), Reading("c", 1.0)
    choice = choose([first, second, far], reader="test")
    assert choice is not None
    assert choice.best is first  # an exact tie goes to the reading offered first
    assert choice.rivals == (second,) and choice.doubtful
    near = choose([first, Reading("b", 1.6), far], reader="test", near=0.5)
    assert near is not None and [r.placed for r in near.rivals] == ["b"]
    apart = choose([first, Reading("b", 1.4)], reader="test", near=0.5)
    assert apart is not None and not apart.doubtful


def test_readings_with_the_same_content_are_no_rivals() -> None:
    """Two ways to reach the same values (a cell inserted here or there) are no doubt."""
    choice = choose([Reading(1, 2.0, content="x"), Reading(2, 2.0, content="x")], reader="test")
    assert choice is not None and not choice.doubtful and choice.best.placed == 1


def test_no_reading_is_no_choice_and_the_asking_reader_is_recorded() -> None:
    with recording() as asked:
        assert choose([], reader="nothing") is None
        choice = choose([Reading(0, 0.0)], reader="someone")
        align(_row("群众满意度", "%", "10", "9"), COLUMNS, FITS, reader="rows")
    assert choice is not None and choice.reader == "someone"
    assert asked == ["nothing", "someone", "rows"]
    with recording() as again:
        pass
    assert again == []
