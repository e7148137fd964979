"""Turn grounded answers into the schema's traced values (``backend="llm"``).

The model only says *which cell* holds a field and what it reads there; numbers, percentages
and measures are parsed here by the same helpers as the deterministic extractor, so both
backends agree on what ``≧2`` or ``76%`` means and every value points at its cell.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, TypeVar

from extractor.llm.grounding import GroundingError, cell_of, ground
from extractor.llm.render import CellRef, GridView, flat
from extractor.llm.responses import Answer, FundsLine, GoalLine, ScoreItemRow, SelfEvalRow, TargetRow, TaskLine
from extractor.rules.header import read_header
from extractor.rules.indicators import EMPTY_SLOT
from extractor.values import is_placeholder, parse_decimal, parse_measure, parse_percent, squash
from extractor.vocab import fund_role, is_level_word, split_subtotal
from schemas import FORM_TYPES, SCORE_SHEET_MODELS, FormRecord
from schemas.common import FundsRow, GroupLevel, Indicator, IndicatorGroup, Measure, SourceRef, Totals, Value
from schemas.dept_score_sheet import ScoreGroup, ScoreItem
from schemas.dept_self_eval import AnnualTask, GoalPair

T = TypeVar("T")

LLM_CONFIDENCE = 0.85  # grounded in its cell, but the column choice is the model's


class Reader:
    """Builds ``Value``s from picks against one form's grid view."""

    def __init__(self, view: GridView, confidence: float = LLM_CONFIDENCE) -> None:
        self.view = view
        self.confidence = confidence

    def cell(self, raw: str) -> CellRef | None:
        """The cell a grounded pick names (None for an empty or stale pick)."""
        got = self._cell(raw)
        return got[0] if got is not None else None

    def _cell(self, raw: str) -> tuple[CellRef, str] | None:
        if not raw or not raw.strip():
            return None
        try:
            pick = ground(raw, {r: c.text for r, c in self.view.cells.items()})
        except GroundingError:
            return None  # only grounded answers reach conversion; a stale pick is dropped
        cell = self.view.cells[pick.ref]
        text = cell.text
        if pick.abbreviated:
            start = text.find(pick.quote)
            return cell, text[start:] if start >= 0 else text
        return cell, _printed_span(text, pick.quote)

    def _value(self, cell: CellRef, value: Any) -> Value[Any]:
        return Value[Any](value=value, raw=cell.text, source=[cell.source()], confidence=self.confidence, backend="llm")

    def text(self, raw: str) -> Value[str]:
        got = self._cell(raw)
        if got is None or is_placeholder(got[1]):
            return Value[str]()
        return self._value(got[0], got[1].strip())

    def number(self, raw: str, *, percent: bool = False) -> Value[Decimal]:
        got = self._cell(raw)
        if got is None:
            return Value[Decimal]()
        parse = parse_percent if percent else parse_decimal
        number = parse(got[1]) if parse(got[1]) is not None else parse(got[0].text)
        return self._value(got[0], number) if number is not None else Value[Decimal]()

    def integer(self, raw: str) -> Value[int]:
        got = self.number(raw)
        if got.value is None or got.value != got.value.to_integral_value():
            return Value[int]()
        return Value[int](value=int(got.value), raw=got.raw, source=got.source, confidence=got.confidence,
                          backend="llm")

    def measure(self, raw: str, *, operator_hint: str | None = None, unit_hint: str | None = None) -> Value[Measure]:
        got = self._cell(raw)
        if got is None:
            return Value[Measure]()
        measure = parse_measure(got[0].text, operator_hint=operator_hint, unit_hint=unit_hint)
        if measure is None:
            return Value[Measure]()
        if operator_hint is not None and squash(operator_hint) == "定性":
            measure = measure.model_copy(update={"operator": "qualitative", "value": None, "unit": None})
        return self._value(got[0], measure)


def _printed_span(cell_text: str, quote: str) -> str:
    """The cell's own text for a quote (the model may have folded ≧ to ≥): the quote when the cell
    prints it verbatim, else the whole cell."""
    q = flat(quote)
    return q if q and q in cell_text else cell_text


def new_form(chunk: Any) -> FormRecord:
    """An empty record of the chunk's type, with the deterministic header facts (title, year, unit)."""
    model = FORM_TYPES.get(chunk.form_type) or FORM_TYPES["project_self_eval"]
    header = read_header(chunk)
    form = model(form_index=chunk.index)
    form.header.title = header.title
    form.header.year = header.year
    form.header.money_unit = header.money_unit
    return form


def apply_overview(form: FormRecord, answer: Answer, reader: Reader) -> None:
    """Add one overview answer to ``form``: a long overview is asked in several windows, so
    lists grow and a field already read keeps its first reading."""
    for name in ("project_name", "department", "unit_name"):
        _first(form.header, name, reader.text(getattr(answer, name, "")))
    if hasattr(form, "funds"):
        form.funds += [row for line in getattr(answer, "funds", []) if (row := funds_row(line, reader)) is not None]
    if hasattr(form, "tasks"):
        form.tasks += [task for line in getattr(answer, "tasks", []) if (task := task_row(line, reader)) is not None]
    if hasattr(form, "goal_list"):
        form.goal_list += [
            goal for line in getattr(answer, "goal_list", []) if (goal := goal_row(line, reader)) is not None
        ]
    if hasattr(form, "goals"):
        _first(form.goals, "expected", reader.text(getattr(answer, "goal_expected", "")))
        _first(form.goals, "actual", reader.text(getattr(answer, "goal_actual", "")))
    if hasattr(form, "overall_goal"):
        _first(form, "overall_goal", reader.text(getattr(answer, "overall_goal", "")))
    if hasattr(form, "staff_count"):
        _first(form, "staff_count", reader.integer(getattr(answer, "staff_count", "")))


def _first(owner: Any, name: str, value: Value[Any]) -> None:
    """Set ``owner.name`` to ``value`` unless it is unread or ``owner.name`` was read already."""
    if value.value is not None and getattr(owner, name).value is None:
        setattr(owner, name, value)


def task_row(line: TaskLine, reader: Reader) -> AnnualTask | None:
    name = reader.text(line.name)
    if name.value is None:
        return None
    return AnnualTask(
        name=name, project=reader.text(line.project), initial_budget=reader.number(line.initial_budget),
        budget=reader.number(line.budget), executed=reader.number(line.executed),
        rate=reader.number(line.rate, percent=True),
    )


def goal_row(line: GoalLine, reader: Reader) -> GoalPair | None:
    target, outcome = reader.text(line.target), reader.text(line.outcome)
    if target.value is None and outcome.value is None:
        return None
    return GoalPair(target=target, outcome=outcome)


def funds_row(line: FundsLine, reader: Reader) -> FundsRow | None:
    label = reader.text(line.label)
    if label.value is None:
        return None
    role = fund_role(label.value) or "line_item"
    return FundsRow(
        role=role,
        label=label,
        initial_budget=reader.number(line.initial_budget),
        budget=reader.number(line.budget),
        executed=reader.number(line.executed),
        weight=reader.number(line.weight),
        rate=reader.number(line.rate, percent=True),
        score=reader.number(line.score),
    )


class RowsBuilder:
    """Indicator rows across the calls of one form, carrying 一级/二级 down merged cells."""

    def __init__(self, form: FormRecord, reader: Reader) -> None:
        self.form = form
        self.reader = reader
        self.level1 = Value[str]()
        self.level2 = Value[str]()
        self.origins: list[int] = []  # answer row index of each record row, for the misread check
        self.named: list[SourceRef] = []  # the cells the indicators' names were read from

    def add(self, answer: Answer) -> None:
        for j, line in enumerate(getattr(answer, "rows", [])):
            if self._line(line):
                self.origins.append(j)
        totals: Totals = self.form.totals
        for field, name in (("weight", "total_weight"), ("score", "total_score")):
            value = self.reader.number(getattr(answer, name, ""))
            if value.value is not None:
                setattr(totals, field, value)

    def _levels(self, line: SelfEvalRow | TargetRow | ScoreItemRow) -> tuple[str, str]:
        """The line's 一级/二级 picks; one it left empty is the heading its row prints left of the
        name.  The grid fills merged headings into every row, so the row states its levels even
        when the answer does not (the same fact the empty-level re-ask names, without a call)."""
        level1, level2 = line.level1, line.level2
        has1, has2 = (self.reader.text(raw).value is not None for raw in (level1, level2))
        if has1 and has2:
            return level1, level2
        name = self.reader.cell(line.name)
        headings = self.reader.view.headings_left_of(name) if name is not None else None
        if headings is None:
            return level1, level2
        printed = [f"{c.ref}={c.text}" for c in headings]
        return level1 if has1 else printed[0], level2 if has2 else printed[1]

    def _unlabelled_slot(self, raw: str) -> bool:
        """The name is a template's pre-printed 指标N that the grid showed under no header: its row
        labels other cells, and the indicator it numbers is named in one of them (the Fushun
        rows print the name under 内容), or the row is an unused slot."""
        cell = self.reader.cell(raw)
        if cell is None or not EMPTY_SLOT.match(squash(cell.text)):
            return False
        labels = self.reader.view.labels.get(cell.row_index, {})
        return bool(labels) and cell_of(cell.ref)[1] not in labels

    def _level(self, raw: str, level: GroupLevel) -> Value[str] | None:
        value = self.reader.text(raw)
        if value.value is None:
            return None
        name, stated = split_subtotal(value.value)
        form = self.form
        if stated is not None and not any(g.level == level and g.name == name for g in form.groups):
            stated_value = _revalued(value, Decimal(stated))
            if isinstance(form, SCORE_SHEET_MODELS):
                form.groups.append(ScoreGroup(level=level, name=name, stated_weight=stated_value))
            else:
                form.groups.append(IndicatorGroup(level=level, name=name, stated_weight=stated_value))
        return value.model_copy(update={"value": name})

    def _line(self, line: SelfEvalRow | TargetRow | ScoreItemRow) -> bool:
        level1, level2 = self._levels(line)
        if (l1 := self._level(level1, 1)) is not None:
            self.level1, self.level2 = l1, Value[str]()
        if (l2 := self._level(level2, 2)) is not None:
            self.level2 = l2
        name = self.reader.text(line.name)
        if isinstance(line, ScoreItemRow):
            # score-sheet rows are asked of score sheets only (responses.ANSWERS); no other form holds them
            if not isinstance(self.form, SCORE_SHEET_MODELS) or (
                name.value is None and self.reader.number(line.score).value is None
            ):
                return False
            self.form.items.append(ScoreItem(
                level1=self.level1, level2=self.level2, name=name, weight=self.reader.number(line.weight),
                description=self.reader.text(line.description), criteria=self.reader.text(line.criteria),
                score=self.reader.number(line.score),
                note=self.reader.text(line.note),
            ))
            return True
        if name.value is None or name.source[0] in self.named:
            return False  # no name, or a repeat: the model listed a row's indicator twice
        if self._unlabelled_slot(line.name):
            return False
        ind = Indicator(level1=self.level1, level2=self.level2, name=name, weight=self.reader.number(line.weight))
        if isinstance(line, TargetRow):
            ind.nature = self.reader.text(line.nature)
            ind.unit = self.reader.text(line.unit)
            hint = ind.nature.value if ind.nature.value else None
            ind.target = self.reader.measure(line.target, operator_hint=hint, unit_hint=ind.unit.value)
        else:
            ind.target = self.reader.measure(line.target)
            ind.actual = self.reader.measure(line.actual)
            ind.completion = self.reader.text(line.completion)
            ind.score = self.reader.number(line.score)
            ind.deviation_reason = self.reader.text(line.deviation_reason)
        if "★" in name.value:
            ind.core = _revalued(name, True)
        if not _has_payload(ind) and (is_level_word(name.value) or EMPTY_SLOT.match(squash(name.value))):
            return False  # as for the rules: a group heading, or a template's unused 指标2 slot
        if isinstance(self.form, SCORE_SHEET_MODELS):
            return False  # indicator rows are asked of the other form types only (responses.ANSWERS)
        self.named.append(name.source[0])
        self.form.indicators.append(ind)
        return True


def _revalued(value: Value[Any], new: T) -> Value[T]:
    """``value``'s text, cells and confidence carrying another reading of them (a number, a flag)."""
    return Value[T](value=new, raw=value.raw, source=value.source, confidence=value.confidence, backend=value.backend)


def _has_payload(ind: Indicator) -> bool:
    """The row prints a target, an actual value, a weight or a score."""
    return any(v.value is not None for v in (ind.target, ind.actual, ind.weight, ind.score))
