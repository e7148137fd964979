"""部门（单位）整体支出绩效自评表 — department self-evaluation, incl. the Fushun variant."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from schemas.base import FormBase
from schemas.common import FundsRow, Goals, Indicator, IndicatorGroup, Strict, Value


class AnnualTask(Strict):
    """年度主要任务 row (Fushun): work item, its project and its money columns."""

    name: Value[str] = Field(default_factory=Value[str])
    project: Value[str] = Field(default_factory=Value[str])
    initial_budget: Value[Decimal] = Field(default_factory=Value[Decimal])
    budget: Value[Decimal] = Field(default_factory=Value[Decimal])
    executed: Value[Decimal] = Field(default_factory=Value[Decimal])
    rate: Value[Decimal] = Field(default_factory=Value[Decimal])


class GoalPair(Strict):
    """年度绩效目标 row (Fushun): 年初设定目标 and 全年完成情况."""

    target: Value[str] = Field(default_factory=Value[str])
    outcome: Value[str] = Field(default_factory=Value[str])


class DeptSelfEval(FormBase):
    """A department's whole-budget self-evaluation."""

    schema_name: Literal["dept_self_eval"] = "dept_self_eval"
    staff_count: Value[int] = Field(default_factory=Value[int])  # 财政供养人员数量
    funds: list[FundsRow] = Field(default_factory=list)
    goals: Goals = Field(default_factory=Goals)
    tasks: list[AnnualTask] = Field(default_factory=list)
    goal_list: list[GoalPair] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    groups: list[IndicatorGroup] = Field(default_factory=list)
