"""部门整体支出绩效目标申报表 — department target declaration (targets and weights, no actuals)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from schemas.base import FormBase
from schemas.common import FundsRow, Indicator, IndicatorGroup, Value


class DeptTarget(FormBase):
    """Budget breakdown (基本支出/项目支出 by source), overall goal and weighted targets."""

    schema_name: Literal["dept_target"] = "dept_target"
    funds: list[FundsRow] = Field(default_factory=list)
    overall_goal: Value[str] = Field(default_factory=Value[str])  # 整体绩效目标
    indicators: list[Indicator] = Field(default_factory=list)
    groups: list[IndicatorGroup] = Field(default_factory=list)
