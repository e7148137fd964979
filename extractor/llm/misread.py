"""Tell a misread cell from a document's own arithmetic error, to re-ask only for the former.

After an answer is grounded, the validator re-derives its arithmetic (执行率 = 执行数 ÷ 预算数,
得分 ≤ 分值 …).  A disagreement is a *misread* when another cell of the same printed row would
make it vanish — the model took 全年预算数 for 全年执行数, or 分值 for 得分 — and the re-ask names
that cell.  When no cell of the row fixes it, the form itself is inconsistent: that finding is
the document's own error, reported in the output and never re-asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from extractor.llm.grounding import GroundingError, ground
from extractor.llm.labels import is_total_row
from extractor.llm.render import CellRef, GridView
from extractor.llm.responses import Answer
from extractor.validate import validate_form
from extractor.validate.catalogue import spec
from extractor.values import is_numeric, is_placeholder
from extractor.vocab import is_level_word
from schemas import FormRecord
from schemas.common import Finding

# per-row rules a single misplaced cell can break (totals need the whole form: not checked here)
MISREAD_CODES = frozenset({
    "EXEC_RATE_MISMATCH", "EXEC_RATE_WRONG_BASE", "BUDGET_SCORE_MISMATCH", "FUNDS_TOTAL_MISMATCH",
    "INDICATOR_SCORE_OVER_WEIGHT", "INDICATOR_SCORE_NOT_PROPORTIONAL", "INDICATOR_FULL_SCORE_MISSED_TARGET",
})
# amounts and scores: a bare number in another column of the row may be the one meant.  Measures
# (target/actual) are text with operators and units; a bare number is no plausible substitute.
NUMERIC_FIELDS = frozenset({"initial_budget", "budget", "executed", "weight", "rate", "score"})

# builds the partial form of one answer and maps form paths (funds[total].executed) to answer
# paths (funds[0].executed)
Builder = Callable[[Answer], tuple[FormRecord, dict[str, str]]]


def misread_hints(answer: Answer, build: Builder, view: GridView) -> list[str]:
    """One re-ask line per finding that a different cell of the same row would resolve, and
    per rate read from a cell that prints no percentage while its row prints one."""
    form, paths = build(answer)
    hints = _rate_hints(answer, view)
    before = _relevant(validate_form(form))
    for finding in before:
        hint = _swap_fix(answer, finding, build, view, paths, len(before))
        if hint is not None:
            hints.append(hint)
    return hints


def level_word_hints(answer: Answer, view: GridView) -> list[str]:
    """A 三级 name that is a 一级/二级 heading (数量指标, 社会效益指标) was read one column too far
    left; the hint names the cell to its right, where the indicator's name is printed."""
    hints = []
    for path, raw, cell in _grounded_picks(answer, view, ".name"):
        if not is_level_word(cell.text):
            continue
        col = _col(cell.ref)
        right = sorted((c for c in view.row_cells(cell.row_index) if _col(c.ref) > col and not is_level_word(c.text)),
                       key=lambda c: _col(c.ref))
        nxt = f"; the name is printed in {right[0].ref} ({right[0].text!r})" if right else ""
        hints.append(f"{path} = {raw!r} is a 一级/二级 heading, not an indicator name{nxt}")
    return hints


def empty_level_hints(answer: Answer, view: GridView) -> list[str]:
    """An answer row left without its 一级/二级 while its row prints both headings left of the
    name (filled down from merged cells or printed): the hint names the cells."""
    hints = []
    rows = getattr(answer, "rows", [])
    for path, _, cell in _grounded_picks(answer, view, ".name"):
        j = int(path[path.index("[") + 1:path.index("]")])
        headings = view.headings_left_of(cell)
        if headings is None:
            continue
        for name, level in zip(("level1", "level2"), headings, strict=False):
            if not getattr(rows[j], name, "x").strip():
                hints.append(f"rows[{j}].{name} is empty; {level.ref} of the same row prints {level.text!r}")
    return hints


def unread_rows(answer: Answer, view: GridView, body_rows: tuple[int, ...]) -> list[str]:
    """One re-ask line per row of the window that prints an indicator but that no answer row reads.

    A small model re-asked about one field tends to answer with that one row only; every row
    shown must be accounted for, so a re-ask names the rows left out."""
    hints = []
    for i in unread_row_indices(answer, view, body_rows):
        printed = _printed(view, i)
        hints.append(f"r{i} is not read: give one answer row for it (it prints {printed[0].ref}={printed[0].text!r})")
    return hints


def unread_row_indices(answer: Answer, view: GridView, body_rows: tuple[int, ...]) -> list[int]:
    """The rows of ``body_rows`` that print content but from which the answer reads no cell.

    Heading-only rows (一级/二级 labels, placeholders), one-cell rows (附表, a note) and the total
    row need no answer row."""
    read = read_rows(answer)
    return [i for i in body_rows if i not in read and _printed(view, i) and _indicator_like(view.row_cells(i))]


def _indicator_like(cells: list[CellRef]) -> bool:
    """Two or more cells, and not the total row."""
    return len(cells) >= 2 and not is_total_row([c.text for c in cells])


def read_rows(answer: Answer) -> set[int]:
    """The rows the grounded answer read at least one cell from."""
    return {int(m.group(1)) for _, raw in answer.picks() if (m := _ROW_OF.match(raw))}


def _printed(view: GridView, row: int) -> list[CellRef]:
    """The row's own content cells (not filled down from a merged cell, not a heading word)."""
    return [c for c in view.row_cells(row) if not c.filled and _is_content(c.text)]


_ROW_OF = re.compile(r"^\s*r(\d+)c\d+")


def _is_content(text: str) -> bool:
    return bool(text.strip()) and not is_level_word(text) and not is_placeholder(text)


def _grounded_picks(answer: Answer, view: GridView, suffix: str) -> Iterator[tuple[str, str, Any]]:
    """(path, raw pick, cell) for the answer's picks of fields ending in ``suffix`` that ground."""
    cells = {r: c.text for r, c in view.cells.items()}
    for path, raw in answer.picks():
        if not path.endswith(suffix):
            continue
        try:
            pick = ground(raw, cells)
        except GroundingError:
            continue
        yield path, raw, view.cells[pick.ref]


def _col(ref: str) -> int:
    return int(ref.rsplit("c", 1)[1])


def _rate_hints(answer: Answer, view: GridView) -> list[str]:
    """执行率 is printed as a percentage: a bare number picked for it, beside a printed
    percentage in the same row, is a column slip (a merged amount pasted twice shifts the row)."""
    hints = []
    for path, raw, cell in _grounded_picks(answer, view, ".rate"):
        if _is_percent(cell.text):
            continue
        others = [c for c in view.row_cells(cell.row_index) if _is_percent(c.text)]
        if others:
            hints.append(f"{path} = {raw!r} is not a percentage; {others[0].ref} of the same row prints "
                         f"{others[0].text!r} — the row prints more cells than its header, "
                         "read each field by its value")
    return hints


def _is_percent(text: str) -> bool:
    return text.strip().endswith(("%", "％")) and is_numeric(text)


def _relevant(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.code in MISREAD_CODES]


def _key(finding: Finding) -> tuple[str, str]:
    return finding.code, finding.fields[0] if finding.fields else ""


def _swap_fix(
    answer: Answer, finding: Finding, build: Builder, view: GridView, paths: dict[str, str], before: int
) -> str | None:
    """A hint naming the cell of the same row that makes ``finding`` vanish (and adds none)."""
    cells = {r: c.text for r, c in view.cells.items()}
    for form_path in finding.fields:
        answer_path = paths.get(form_path)
        if answer_path is None or answer_path.rsplit(".", 1)[-1] not in NUMERIC_FIELDS:
            continue
        current = get_pick(answer, answer_path)
        try:
            pick = ground(current, cells)
        except GroundingError:
            continue
        row = view.cells[pick.ref].row_index
        percent = answer_path.endswith(".rate")
        for other in view.row_cells(row):
            if other.ref == pick.ref or not is_numeric(other.text) or other.text == view.cells[pick.ref].text:
                continue
            if other.text.rstrip().endswith(("%", "％")) != percent:
                continue  # a rate only stands in for a rate, an amount for an amount
            trial = set_pick(answer, answer_path, f"{other.ref}={other.text}")
            form, _ = build(trial)
            after = _relevant(validate_form(form))
            if _key(finding) not in {_key(f) for f in after} and len(after) < before:
                return (
                    f"{answer_path} = {current!r} breaks the rule '{spec(finding.code).rule_en}'; "
                    f"{other.ref} of the same row prints {other.text!r}, which fits — check which column "
                    f"{answer_path.rsplit('.', 1)[-1]} is printed in"
                )
    return None


_STEP = re.compile(r"(\w+)(?:\[(\d+)\])?")


def get_pick(answer: Answer, path: str) -> str:
    node: Any = answer  # walked by attribute names read from the path
    for name, index in _STEP.findall(path):
        node = getattr(node, name)
        if index:
            node = node[int(index)]
    return str(node)


def set_pick(answer: Answer, path: str, value: str) -> Answer:
    """A deep copy of ``answer`` with the pick at ``path`` replaced."""
    copy = answer.model_copy(deep=True)
    steps = _STEP.findall(path)
    node: Any = copy
    for name, index in steps[:-1]:
        node = getattr(node, name)
        if index:
            node = node[int(index)]
    object.__setattr__(node, steps[-1][0], value)
    return copy
