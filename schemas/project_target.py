"""项目/特定目标类项目绩效目标表 — project target table (targets and weights, no actuals)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from schemas.base import FormBase
from schemas.common import FundsRow, Indicator, IndicatorGroup, Value


class ProjectTarget(FormBase):
    """Project funds, yearly goal and weighted targets (指标性质 / 指标值 / 度量单位 / 权重)."""

    schema_name: Literal["project_target"] = "project_target"
    funds: list[FundsRow] = Field(default_factory=list)
    overall_goal: Value[str] = Field(default_factory=Value[str])  # 年度目标
    indicators: list[Indicator] = Field(default_factory=list)
    groups: list[IndicatorGroup] = Field(default_factory=list)
