"""Place a Fushun row's printed cells under its header, allowing for cells the PDF text dropped.

PDF text drops empty cells here and there, so each row is placed under its header by trying one
inserted or removed blank cell (two when one leaves a misfit) and keeping the reading whose cells
fit the vocabulary of their columns best; a tie with different content is a doubt worth reporting.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from extractor.grid import Cell
from extractor.segment.types import Row
from extractor.values import is_numeric, is_placeholder, normalize_operator, squash
from extractor.vocab import match_column
from schemas.common import Finding

Columns = dict[int, str]  # column position → field
Fit = Callable[[str], float]  # how well a (squashed) cell text suits a field
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


def _edits(cells: list[Cell | None]) -> Iterator[list[Cell | None]]:
    """The row with one blank cell inserted, or with one empty cell removed."""
    for d in range(len(cells) + 1):
        yield [*cells[:d], None, *cells[d:]]
    for d, cell in enumerate(cells):
        if cell is None or not cell.clean:
            yield [*cells[:d], *cells[d + 1:]]


_Scored = tuple[float, int, dict[str, list[Cell]], bool]  # score, edits, field → cells, has a misfit


def _score(placed: list[Cell | None], edits: int, columns: Columns, fits: dict[str, Fit]) -> _Scored:
    score, fields, misfit = -0.25 * edits, {}, False
    for pos, cell in enumerate(placed):
        if cell is None or not cell.clean:
            continue
        field = columns.get(pos)
        fit = fits[field](squash(cell.clean)) if field in fits else -2.0
        score, misfit = score + fit, misfit or fit < 0
        if field is not None:
            fields.setdefault(field, []).append(cell)
    return score, edits, fields, misfit


def place_row(row: Row, columns: Columns, fits: dict[str, Fit]) -> tuple[dict[str, list[Cell]], bool]:
    """Field → printed cells for the placement of ``row`` that suits its header best.

    Each printed cell scores its fit to the field of the column it lands in (text outside every
    column costs most); each inserted or removed blank cell costs a little.  Two edits are tried
    only when one leaves a cell that fits badly.  The flag says another placement scored the same
    with different content, so the choice is a doubt worth reporting.
    """
    cells: list[Cell | None] = list(row.cells)
    while cells and (cells[-1] is None or not cells[-1].clean):
        cells.pop()
    level, seen = [cells], {tuple(id(c) for c in cells)}
    scored = [_score(cells, 0, columns, fits)]
    for edits in (1, 2):
        best = max(scored, key=lambda s: (s[0], -s[1]))
        if edits == 2 and not best[3]:
            break
        nxt = []
        for placed in level:
            for edited in _edits(placed):
                key = tuple(id(c) for c in edited)
                if key not in seen:
                    seen.add(key)
                    nxt.append(edited)
                    scored.append(_score(edited, edits, columns, fits))
        level = nxt
    best = max(scored, key=lambda s: (s[0], -s[1]))
    rivals = [s for s in scored if abs(s[0] - best[0]) < 1e-9 and _content(s[2]) != _content(best[2])]
    return best[2], bool(rivals)


def _content(fields: dict[str, list[Cell]]) -> dict[str, list[str]]:
    return {f: [c.clean for c in cs] for f, cs in fields.items() if f != "margin"}


def first_cell(fields: dict[str, list[Cell]], name: str) -> Cell | None:
    return fields[name][0] if fields.get(name) else None


def ambiguous_row(row: Row, section: str) -> Finding:
    printed = " ".join(t for t in row.texts if t)[:60]
    return Finding(
        code="LAYOUT_ROW_AMBIGUOUS", severity="warning",
        message_zh=f"{section}行可按多种方式对齐表头（{printed}），已取最符合表头词汇的一种",
        message_en=f"a {section} row fits its header in more than one way ({printed}); kept the best vocabulary fit",
        cells=[c.ref(row.grid_id or "text") for c in row.cells if c.clean],
        rule="rules.fushun",
    )


# ---------------------------------------------------------------- how a cell suits a field


def is_legend(t: str) -> bool:
    return bool(_LEGEND.match(squash(t)))


def _fit_text(t: str) -> float:
    return -2.0 if is_numeric(t) else (-1.0 if is_legend(t) else 1.0)


def _fit_money(t: str) -> float:
    if is_placeholder(t):
        return 0.5
    return -1.0 if t.endswith("%") else (1.0 if is_numeric(t) else -2.0)


def _fit_rate(t: str) -> float:
    return 1.0 if is_numeric(t) else (0.5 if is_placeholder(t) else -2.0)


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
    "weight": lambda t: 1.0 if is_numeric(t) else (0.0 if is_placeholder(t) else -2.0),
    "score": lambda t: 1.0 if is_numeric(t) else (0.0 if is_placeholder(t) else -2.0),
    "cause": lambda t: 0.5 if _TICK.match(t) else -0.5,
    "reason": lambda t: -0.5 if is_numeric(t) else 0.5,
    "improvement": lambda t: -0.5 if is_numeric(t) else 0.5,
}
