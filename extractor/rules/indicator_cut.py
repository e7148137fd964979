"""An excerpt that stops inside an indicator row (sample 58: ``工程竣工验收合格率 | 1`` for a row
printing ``… | 100% | 100% | 5 | 5``): the last row of the form, cut inside a cell, is not an
indicator to report with the figure it happens to keep.

The row is recognised by what it lacks: it is the form's last printed row, and it lacks half
the figures (target, actual, weight, score) that every earlier indicator of the table prints.
It is dropped and reported (certain or flagged: the name alone is not a row, the cut figure is
not a value); so is a last row lacking fewer whose print stops left of where every earlier row's
figures end (its trailing cells lost); a whole last row that leaves one cell of four blank
inside it is kept.  With too few
earlier rows to learn from (a one-row excerpt, sample 02) the figures must also have a column
in the header.
"""

from __future__ import annotations

from extractor.segment.types import Row
from schemas.common import Finding, Indicator

_FIGURES = ("target", "actual", "weight", "score")
_MIN_EARLIER = 2  # rows the figures are learned from


def _ends_the_form(ind: Indicator, rows: list[Row]) -> bool:
    """Whether the indicator was read from the form's last row (nothing printed after it)."""
    last = next((r for r in reversed(rows) if any(c.clean for c in r.cells)), None)
    if last is None or last.is_paragraph:
        return False
    places = {(last.grid_id or "text", c.row, c.col) for c in last.cells if c.clean}
    refs = [ref for value in (ind.name, *(getattr(ind, f) for f in _FIGURES)) for ref in value.source]
    return any((ref.grid_id, ref.row, ref.col) in places for ref in refs)


def _last_column(ind: Indicator) -> int | None:
    """The rightmost column the indicator's name and figures were read from."""
    cols = [ref.col for value in (ind.name, *(getattr(ind, f) for f in _FIGURES)) for ref in value.source
            if ref.col is not None]
    return max(cols, default=None)


def _stops_short(last: Indicator, earlier: list[Indicator]) -> bool:
    """The last row's print stops left of where every earlier row's figures end: it lacks its
    trailing cells (``… | ≦95 | 95 | 5`` under rows printing ``… | ≧99 | 99 | 15 | 15``), not a
    blank cell inside a whole row."""
    stop = _last_column(last)
    ends = [_last_column(ind) for ind in earlier]
    return stop is not None and bool(ends) and all(end is not None and stop < end for end in ends)


def drop_cut_last_row(indicators: list[Indicator], rows: list[Row], declared: set[str]) -> Finding | None:
    """Remove the last indicator when the excerpt ends inside its row; the finding says so.  It
    must lack half the figures every earlier row prints (at least one: a target table prints
    only 指标值 and 权重; two of a self-evaluation's four), or, with fewer earlier rows than
    ``_MIN_EARLIER``, half of those the header ``declared`` columns for as well."""
    if not indicators or not _ends_the_form(indicators[-1], rows):
        return None
    *earlier, last = indicators
    usual = [f for f in _FIGURES if all(getattr(ind, f).value is not None for ind in earlier)]
    if len(earlier) < _MIN_EARLIER:  # too few rows to learn from: only what the header declares as well
        usual = [f for f in usual if f in declared]
    lacking = [f for f in usual if getattr(last, f).value is None]
    if not lacking or (2 * len(lacking) < len(usual) and not _stops_short(last, earlier)):
        return None
    indicators.pop()
    name = last.name.value or ""
    cells = [ref for value in (last.name, *(getattr(last, f) for f in _FIGURES)) for ref in value.source]
    return Finding(
        code="EXTRACT_ROW_CUT", severity="warning",
        message_zh=f"末行指标「{name}」缺少其他各行均有的数值（{'、'.join(lacking)}），摘录在此行中断，未作为指标读取",
        message_en=f"the last indicator row ({name}) lacks {', '.join(lacking)} that every earlier row prints: "
                   "the excerpt ends inside it, so it is not read as an indicator",
        cells=cells, rule="rules.indicator_cut",
    )
