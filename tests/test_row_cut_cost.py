"""The row cut's work is bounded by its body (segment/row_cut.py): a hostile one-cell-per-line
table cannot make the cut try its interleavings without end."""

from __future__ import annotations

import extractor.segment.row_cut as row_cut
from extractor.grid import Cell
from extractor.segment.row_cut import MAX_STEPS_PER_CELL, Column, cut


def _any(key: str) -> float | None:
    return 0.0


def _hostile_body(rows: int) -> list[Cell]:
    """Thirteen-cell rows printing seven short cells before six tall ones: every window of the
    body reads as short cells first, so each tries up to C(13, 6) interleavings."""
    cells: list[Cell] = []
    for r in range(rows):
        short = ["产出", "数量", "≥", "个", "98%", "5", "4"]
        tall = [f"完成年度培训计划第{r}期{k}" for k in range(6)]
        cells += [Cell(t, r, k) for k, t in enumerate(short + tall)]
    return cells


def test_a_hostile_body_is_given_up_within_its_budget(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    tables: list[int] = []
    place = row_cut.place

    def counted(keys, columns, repeated, *, first=False):  # type: ignore[no-untyped-def]
        tables.append((len(keys) + 1) * len(columns))
        return place(keys, columns, repeated, first=first)

    monkeypatch.setattr(row_cut, "place", counted)
    body = _hostile_body(20)
    assert cut(body, [Column(_any) for _ in range(13)]) is None
    assert sum(tables) <= MAX_STEPS_PER_CELL * len(body)


def test_fits_are_asked_once_per_text_and_column() -> None:
    asked: list[tuple[int, str]] = []

    def figure(col: int) -> row_cut.Fit:
        def fit(key: str) -> float | None:
            asked.append((col, key))
            return 0.0 if key.isdigit() else None
        return fit

    body = [Cell(t, 0, k) for k, t in enumerate(["甲", "1", "2", "乙", "3", "4", "丙", "5", "6"])]
    found = cut(body, [Column(lambda k: None if k.isdigit() else 0.0, required=True), Column(figure(1)),
                       Column(figure(2))])
    assert found is not None
    assert [[c.clean for _, c in r] for r in found.rows] == [["甲", "1", "2"], ["乙", "3", "4"], ["丙", "5", "6"]]
    assert asked and len(asked) == len(set(asked))
