"""Tell a misread cell from a document's own arithmetic error, to re-ask only for the former.

After an answer is grounded, the validator re-derives its arithmetic (执行率 = 执行数 ÷ 预算数,
得分 ≤ 分值 …).  A disagreement is a *misread* when another cell of the same printed row would
make it vanish — the model took 全年预算数 for 全年执行数, or 分值 for 得分 — and the re-ask names
that cell.  When no cell of the row fixes it, the form itself is inconsistent: that finding is
the document's own error, reported in the output and never re-asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from extractor.llm.grounding import GroundingError, ground
from extractor.llm.render import GridView
from extractor.llm.responses import Answer
from extractor.validate import validate_form
from extractor.validate.catalogue import spec
from extractor.values import is_numeric
from schemas import FormRecord
from schemas.common import Finding

# per-row rules a single misplaced cell can break (totals need the whole form: not checked here)
MISREAD_CODES = frozenset({
    "EXEC_RATE_MISMATCH", "EXEC_RATE_WRONG_BASE", "BUDGET_SCORE_MISMATCH", "FUNDS_TOTAL_MISMATCH",
    "INDICATOR_SCORE_OVER_WEIGHT", "INDICATOR_SCORE_NOT_PROPORTIONAL", "INDICATOR_FULL_SCORE_MISSED_TARGET",
})
NUMERIC_FIELDS = frozenset({"initial_budget", "budget", "executed", "weight", "rate", "score", "target", "actual"})

# builds the partial form of one answer and maps form paths (funds[total].executed) to answer
# paths (funds[0].executed)
Builder = Callable[[Answer], tuple[FormRecord, dict[str, str]]]


def misread_hints(answer: Answer, build: Builder, view: GridView) -> list[str]:
    """One re-ask line per finding that a different cell of the same row would resolve."""
    form, paths = build(answer)
    hints: list[str] = []
    before = _relevant(validate_form(form))
    for finding in before:
        hint = _swap_fix(answer, finding, build, view, paths, len(before))
        if hint is not None:
            hints.append(hint)
    return hints


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
        for other in view.row_cells(row):
            if other.ref == pick.ref or not is_numeric(other.text) or other.text == view.cells[pick.ref].text:
                continue
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
    node: object = answer
    for name, index in _STEP.findall(path):
        node = getattr(node, name)
        if index:
            node = node[int(index)]  # type: ignore[index]
    return str(node)


def set_pick(answer: Answer, path: str, value: str) -> Answer:
    """A deep copy of ``answer`` with the pick at ``path`` replaced."""
    copy = answer.model_copy(deep=True)
    steps = _STEP.findall(path)
    node: object = copy
    for name, index in steps[:-1]:
        node = getattr(node, name)
        if index:
            node = node[int(index)]  # type: ignore[index]
    object.__setattr__(node, steps[-1][0], value)
    return copy
