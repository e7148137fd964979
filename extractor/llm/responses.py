"""What the model returns: per form part, the text of each field, and the row of each table item.

The model copies each field's text as printed and names each table item's row (``"row": "r9"``);
``locate`` finds the cell and turns the text into a *pick* ``"rNcM=text"`` — the reference of the
cell it was read from and the text copied from it — so the answer can be checked against the grid
(grounding) and every value keeps its cell.  Fields are plain strings with ``""`` for "not
printed": the smallest schema a constrained decoder (llama.cpp grammars, OpenAI tools) and a small
model handle well.  The one validator locates and grounds every pick and, when the caller supplies
one, runs the arithmetic misread check; all problems go back to the model in one re-ask.  On the
last attempt (context ``lenient``) an ungrounded pick no longer sinks the whole answer: it is
blanked and listed in the context's ``dropped``, and the grounded rest stands.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from extractor.llm.grounding import CELL_REF, GroundingError, ground, relocate, row_shift, shifted
from extractor.llm.locate import locate, text_fields
from extractor.values import is_placeholder


def _lean_schema(schema: dict[str, Any]) -> None:
    """Drop the properties' generated ``title``s: every call pays for the schema's tokens and they
    repeat the field names (the model's own title stays: instructor names the tool after it)."""
    for prop in schema.get("properties", {}).values():
        prop.pop("title", None)


LEAN = ConfigDict(extra="ignore", json_schema_extra=_lean_schema)


class Answer(BaseModel):
    """Base of every answer model: the grounding validator and a walk over all picks."""

    model_config = LEAN

    def picks(self) -> Iterator[tuple[str, str]]:
        """(path, pick) for every non-empty pick, e.g. ("funds[0].budget", "r4c3=66")."""
        for path, raw, _, _ in _walk(self, ""):
            yield path, raw

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> Answer:
        ctx: dict[str, Any] = info.context or {}
        cells = ctx.get("cells")
        if cells is None:
            return self
        rows = ctx.get("rows")
        problems = []
        unfound = locate(self, cells, rows, ctx.get("labels"))
        self._drop_total_row_items(ctx.get("total_rows") or set())
        picks = list(_walk(self, ""))
        offset = row_shift([raw for _, raw, _, _ in picks if not is_placeholder(raw.partition("=")[2])], cells, rows)
        if offset:  # every reference one row off: the values stand, the references are moved
            for _, raw, owner, name in picks:
                setattr(owner, name, shifted(raw, offset))
            picks = list(_walk(self, ""))
        for path, raw, owner, name in picks:
            ref, eq, quote = raw.partition("=")
            if is_placeholder(raw) or (eq and is_placeholder(quote) and is_placeholder(cells.get(ref.strip(), ""))):
                setattr(owner, name, "")  # "/" or "r9c3=—" for a cell printing —: no value there
                continue
            try:
                ground(raw, cells, rows)
            except GroundingError as exc:
                moved = relocate(raw, cells, rows)
                if moved is not None:
                    setattr(owner, name, moved)
                    continue
                reason = unfound.get(path, str(exc))
                if ctx.get("lenient"):
                    setattr(owner, name, "")
                    ctx.setdefault("dropped", []).append(f"{path}: {reason}")
                else:
                    problems.append(f"{path}: {reason}")
        if not problems:
            check: Callable[[Answer], list[str]] | None = ctx.get("arithmetic")
            problems = check(self) if check is not None else []
        if problems:
            raise ValueError("\n".join(problems))
        return self


    def _drop_total_row_items(self, total_rows: set[int]) -> None:
        """Leave out table rows read entirely from a 合计/总分 row: the total is no indicator (its
        figures have their own fields), and a small model lists it as one more row."""
        if not total_rows:
            return
        for name in type(self).model_fields:
            items = getattr(self, name)
            if isinstance(items, list) and items and all(isinstance(i, _TableRow) for i in items):
                setattr(self, name, [i for i in items if not _on_rows(i, total_rows)])


def _on_rows(item: BaseModel, row_set: set[int]) -> bool:
    """Every pick of ``item`` names a cell of one of ``row_set`` (and it has at least one)."""
    refs = [CELL_REF.match(raw.partition("=")[0].strip()) for _, raw, _, _ in _walk(item, "")]
    return bool(refs) and all(m is not None and int(m.group(1)) in row_set for m in refs)


def _walk(model: BaseModel, prefix: str) -> Iterator[tuple[str, str, BaseModel, str]]:
    """(path, pick, the model holding it, its field name) for every non-empty pick."""
    for path, owner, name, _ in text_fields(model, prefix):
        raw = getattr(owner, name)
        if raw.strip():
            yield path, raw, owner, name


ROW_HELP = "the row's reference: r12"
GOAL_EXPECTED = "预期目标: the goal text in the row below the 预期目标 label"
GOAL_ACTUAL = "实际完成情况: the text in the row below the 实际完成情况 label"
FUNDS_HELP = "every row of the funds block (资金 / 收支 / 预算: 名称, 年初预算数, 全年预算数 …), one item per row"
LEVEL1 = "一级指标 (产出指标/效益指标/满意度指标…)"
LEVEL2 = "二级指标 (数量指标/质量指标/时效指标/成本指标/社会效益指标…)"
NAME = "三级指标 / 目标指标 / 指标名称; where that column only numbers the rows (指标1), the 内容 cell"


def pick(label: str) -> Any:
    return Field("", description=label)


class FundsLine(BaseModel):
    """One funds row."""

    model_config = LEAN

    row: str = pick(ROW_HELP)
    label: str = pick("名称: the funds line (年度资金总额, 收入小计, 财政拨款收入, 基本支出, 上年结转, 其他资金 …)")
    initial_budget: str = pick("年初预算数")
    budget: str = pick("全年预算数 / 调整后预算数")
    executed: str = pick("全年执行数")
    weight: str = pick("分值 / 权重")
    rate: str = pick("执行率")
    score: str = pick("得分")


class TaskLine(BaseModel):
    """One 年度主要任务 row of a department form."""

    model_config = LEAN

    row: str = pick(ROW_HELP)
    name: str = pick("工作名称 (重点工作一 …)")
    project: str = pick("对应项目")
    initial_budget: str = pick("年初预算数")
    budget: str = pick("全年预算数")
    executed: str = pick("全年执行数")
    rate: str = pick("执行率")


class GoalLine(BaseModel):
    """One 年度绩效目标 row of a department form: the goal set and what was done."""

    model_config = LEAN

    row: str = pick(ROW_HELP)
    target: str = pick("年初设定目标")
    outcome: str = pick("全年完成情况")


class SelfEvalOverview(Answer):
    """Header, funds rows and goals of a project self-evaluation form."""

    project_name: str = pick("项目名称")
    department: str = pick("主管部门")
    unit_name: str = pick("实施单位 / 单位名称")
    funds: list[FundsLine] = Field(default_factory=list, description=FUNDS_HELP)
    goal_expected: str = pick(GOAL_EXPECTED)
    goal_actual: str = pick(GOAL_ACTUAL)


class DeptSelfEvalOverview(Answer):
    """Header, staff, funds rows, tasks and goals of a department self-evaluation form.

    Fields in the order the forms print them and the example answers them: a constrained
    decoder (llama.cpp's grammar) only lets the model write properties in the schema's order, so
    a model that writes 财政供养人员数 before the funds, as the form does, could never write the funds
    of a schema that lists them first."""

    department: str = pick("主管部门")
    unit_name: str = pick("单位名称 / 部门（单位）名称")
    staff_count: str = pick("财政供养人员数")
    funds: list[FundsLine] = Field(default_factory=list, description=FUNDS_HELP)
    tasks: list[TaskLine] = Field(
        default_factory=list, description="only the rows under 年度主要任务 (工作名称, 对应项目 …)"
    )
    goal_list: list[GoalLine] = Field(
        default_factory=list, description="only the rows under 年度绩效目标 (年初设定目标, 全年完成情况)"
    )
    goal_expected: str = pick(GOAL_EXPECTED)
    goal_actual: str = pick(GOAL_ACTUAL)


class TargetOverview(Answer):
    """Header, funds rows and overall goal of a target table."""

    project_name: str = pick("项目名称")
    department: str = pick("主管部门")
    unit_name: str = pick("实施单位 / 单位名称")
    funds: list[FundsLine] = Field(default_factory=list, description=FUNDS_HELP)
    overall_goal: str = pick("年度目标 / 整体绩效目标")


class ScoreSheetOverview(Answer):
    """Header of a scoring sheet."""

    department: str = pick("主管部门")
    unit_name: str = pick("单位名称")


class ProjectScoreSheetOverview(Answer):
    """Header of a project scoring sheet: the project it scores."""

    project_name: str = pick("项目名称")
    department: str = pick("主管部门")
    unit_name: str = pick("实施单位 / 单位名称")


class _TableRow(BaseModel):
    """The 一级/二级/三级 columns every indicator or item row starts with."""

    model_config = LEAN

    row: str = pick(ROW_HELP)
    level1: str = pick(LEVEL1)
    level2: str = pick(LEVEL2)
    name: str = pick(NAME)


class SelfEvalRow(_TableRow):
    """One indicator row."""

    target: str = pick("年度指标值 / 目标值 / 年度指标值·度量单位")
    actual: str = pick("实际完成值 / 全年完成值 / 业绩指标")
    completion: str = pick("完成率 / 完成程度")
    weight: str = pick("分值")
    score: str = pick("得分")
    deviation_reason: str = pick("偏差原因分析及改进措施")


class TargetRow(_TableRow):
    """One indicator row."""

    nature: str = pick("指标性质 (≥ ≤ = 定性)")
    target: str = pick("指标值")
    unit: str = pick("度量单位")
    weight: str = pick("权重 / 分值")


class ScoreItemRow(_TableRow):
    """One scored item."""

    weight: str = pick("指标分值")
    description: str = pick("指标解释 / 评价要点")
    criteria: str = pick("计分标准 / 评分标准")
    score: str = pick("自评打分 / 得分")
    note: str = pick("备注")


class ProjectScoreItemRow(ScoreItemRow):
    """One scored item of a project rubric (项目决策 / 项目过程 / 项目产出 / 项目效益): the same
    fields as a department sheet's, named by the words project rubrics print."""

    weight: str = pick("分值 / 权重")
    description: str = pick("评价要点 / 指标解释")
    criteria: str = pick("评分标准 / 计分标准")
    score: str = pick("得分 / 自评得分")
    note: str = pick("扣分原因 / 备注")


class SelfEvalRows(Answer):
    """Indicator rows of a self-evaluation table."""

    rows: list[SelfEvalRow] = Field(default_factory=list)


class SelfEvalRowsWithTotal(SelfEvalRows):
    """Indicator rows of a self-evaluation table and its 总分 row."""

    total_weight: str = pick("总分行的分值")
    total_score: str = pick("总分行的得分")


class TargetRows(Answer):
    """Indicator rows of a target table."""

    rows: list[TargetRow] = Field(default_factory=list)


class TargetRowsWithTotal(TargetRows):
    """Indicator rows of a target table and its 合计 row."""

    total_weight: str = pick("合计/总分行的权重")


class ScoreItemRows(Answer):
    """Scored items of a scoring sheet."""

    rows: list[ScoreItemRow] = Field(default_factory=list)


class ScoreItemRowsWithTotal(ScoreItemRows):
    """Scored items of a scoring sheet and its total row."""

    total_score: str = pick("总得分")


class ProjectScoreItemRows(Answer):
    """Scored items of a project scoring sheet."""

    rows: list[ProjectScoreItemRow] = Field(default_factory=list)


class ProjectScoreItemRowsWithTotal(ProjectScoreItemRows):
    """Scored items of a project scoring sheet and its 合计/总分 row."""

    total_weight: str = pick("合计/总分行的分值")
    total_score: str = pick("合计/总分行的得分")


# (form type, part) → answer model; ``rows`` calls whose window holds the total row ask for the
# total too, the others do not offer the fields (a small model otherwise fills them from the
# prompt's example, with references to rows it was not shown)
ANSWERS: dict[tuple[str, str], type[Answer]] = {
    ("project_self_eval", "overview"): SelfEvalOverview,
    ("project_self_eval", "rows"): SelfEvalRows,
    ("dept_self_eval", "overview"): DeptSelfEvalOverview,
    ("dept_self_eval", "rows"): SelfEvalRows,
    ("project_target", "overview"): TargetOverview,
    ("project_target", "rows"): TargetRows,
    ("dept_target", "overview"): TargetOverview,
    ("dept_target", "rows"): TargetRows,
    ("dept_score_sheet", "overview"): ScoreSheetOverview,
    ("dept_score_sheet", "rows"): ScoreItemRows,
    ("project_score_sheet", "overview"): ProjectScoreSheetOverview,
    ("project_score_sheet", "rows"): ProjectScoreItemRows,
}
WITH_TOTAL: dict[type[Answer], type[Answer]] = {
    SelfEvalRows: SelfEvalRowsWithTotal,
    TargetRows: TargetRowsWithTotal,
    ScoreItemRows: ScoreItemRowsWithTotal,
    ProjectScoreItemRows: ProjectScoreItemRowsWithTotal,
}


def answer_model(form_type: str, part: str, *, total: bool = True) -> type[Answer]:
    """The answer model of one call; ``total`` when the rows shown include the table's total row."""
    model = ANSWERS.get((form_type, part)) or ANSWERS[("project_self_eval", part)]
    return WITH_TOTAL.get(model, model) if total else model
