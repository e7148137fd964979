"""Place a Fushun row's printed cells under its header, allowing for cells the PDF text dropped.

PDF text drops empty cells here and there, so each row is placed by the column aligner
(``extractor.rules.align``: one inserted or removed blank cell, two when one leaves a misfit),
scored by how well each cell suits its column's field (the fits below); a tie with different
content is a doubt worth reporting.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from extractor.grid import Cell
from extractor.rules.align import Columns, Fit, align
from extractor.segment.types import Row
from extractor.values import is_numeric, normalize_operator, squash
from extractor.vocab import match_column, says_nothing

Vocab = list[tuple[re.Pattern[str], str]]

_LEGEND = re.compile(r"^[“”\"'＂=＝≤≥<>＜＞≦≧]+$")  # “=” “≤” …, also cut in pieces by the PDF
INDICATOR_LABEL = re.compile(r"^指标\d+$")  # the pre-printed 三级 label 指标 N
_COMPLETION = re.compile(r"完成$|^达[到成]|^未达")  # 完成 / 部分完成 / 未完成
_TICK = re.compile(r"^[√✓✔☑]$")


def map_header(texts: list[str], vocab: Vocab) -> Columns:
    return {k: name for k, t in enumerate(texts) if (name := match_column(t, vocab))}


def section_header(rows: list[Row], start: int, end: int, vocab: Vocab, need: Callable[[Columns], bool]
                    ) -> tuple[int, Columns] | None:
    """The first row of a section whose header words satisfy ``need``.

    On the section's own label row, column 0 holds that label: it is a margin left blank by the
    data rows below (the label cell spans them), not a field.
    """
    for i in range(start, end):
        columns = map_header(rows[i].texts, vocab)
        if i == start:
            columns = {k: f for k, f in columns.items() if k != 0} | {0: "margin"}
        if need(columns):
            return i, columns
    return None


def place_row(row: Row, columns: Columns, fits: dict[str, Fit], margin: str = "") -> tuple[dict[str, list[Cell]], bool]:
    """Field → printed cells of the row's best reading under its header (``rules.align``), and
    whether another reading tied it with different content; the section's margin column is no
    content.  Pasted text may print the margin label (``年度主要任务``) again in every row and
    every position its merge covered; those copies are emptied before the row is aligned."""
    if margin:
        row = Row([replace(c, text="", continuation=True) if squash(c.clean) == margin else c for c in row.cells],
                  row.grid_id, row.page)
    alignment = align(row, columns, fits, reader="fushun", ignore=("margin",))
    return alignment.fields, alignment.doubtful


def first_cell(fields: dict[str, list[Cell]], name: str) -> Cell | None:
    return fields[name][0] if fields.get(name) else None


# ---------------------------------------------------------------- how a cell suits a field


def is_legend(t: str) -> bool:
    return bool(_LEGEND.match(squash(t)))


def _fit_text(t: str) -> float:
    return -2.0 if is_numeric(t) else (-1.0 if is_legend(t) else 1.0)


def _fit_money(t: str) -> float:
    if says_nothing(t):  # a blank mark, or 无 printed for an empty amount
        return 0.5
    return -1.0 if t.endswith("%") else (1.0 if is_numeric(t) else -2.0)


def _fit_rate(t: str) -> float:
    return 1.0 if is_numeric(t) else (0.5 if says_nothing(t) else -2.0)


def _fit_level(t: str) -> float:
    return -2.0 if INDICATOR_LABEL.match(t) or is_numeric(t) else (-1.0 if is_legend(t) else 0.5)


def _fit_label(t: str) -> float:
    return 1.5 if INDICATOR_LABEL.match(t) else (-2.0 if is_numeric(t) else 0.0)


def _fit_measure(t: str) -> float:
    if is_legend(t) or (_COMPLETION.search(t) and len(t) <= 6):
        return -1.5
    if is_numeric(t) or (normalize_operator(t) and re.search(r"\d", t)):
        return 1.0
    return 0.3 if len(t) <= 8 else 0.0


def _fit_actual(t: str) -> float:
    return _fit_measure(t) - 0.1  # a short text is read as the target before the actual


MONEY_FITS: dict[str, Fit] = {
    "margin": lambda t: -0.5, "label": _fit_text, "name": _fit_text, "project": _fit_text,
    "initial_budget": _fit_money, "budget": _fit_money, "executed": _fit_money, "rate": _fit_rate,
    "weight": _fit_money, "score": _fit_money,
}
GOAL_FITS: dict[str, Fit] = {"margin": lambda t: -0.5, "target": lambda t: 0.5, "outcome": lambda t: 0.5}
INDICATOR_FITS: dict[str, Fit] = {
    "level1": _fit_level, "level2": _fit_level, "label": _fit_label,
    "legend": lambda t: 1.0 if is_legend(t) else -2.0,
    "content": lambda t: -1.0 if is_legend(t) else (-0.5 if is_numeric(t) else 1.0),
    "unit_col": _fit_measure, "target": _fit_measure, "actual": _fit_actual,
    "completion": lambda t: 2.0 if _COMPLETION.search(t) else (0.0 if is_numeric(t) else -1.0),
    "weight": lambda t: 1.0 if is_numeric(t) else (0.0 if says_nothing(t) else -2.0),
    "score": lambda t: 1.0 if is_numeric(t) else (0.0 if says_nothing(t) else -2.0),
    "cause": lambda t: 0.5 if _TICK.match(t) else -0.5,
    "reason": lambda t: -0.5 if is_numeric(t) else 0.5,
    "improvement": lambda t: -0.5 if is_numeric(t) else 0.5,
}
