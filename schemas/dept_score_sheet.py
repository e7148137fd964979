"""部门整体绩效自评打分表 / 评分表 — department scoring sheet with stated 计分标准."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from schemas.base import FormBase
from schemas.common import GroupLevel, Strict, Value


class ScoreItem(Strict):
    """One scored line: its place in the tree, weight, rule text and self-assigned score."""

    level1: Value[str] = Field(default_factory=Value[str])
    level2: Value[str] = Field(default_factory=Value[str])
    name: Value[str] = Field(default_factory=Value[str])
    weight: Value[Decimal] = Field(default_factory=Value[Decimal])  # 指标分值
    description: Value[str] = Field(default_factory=Value[str])  # 指标解释
    criteria: Value[str] = Field(default_factory=Value[str])  # 计分标准
    score: Value[Decimal] = Field(default_factory=Value[Decimal])  # 自评打分
    note: Value[str] = Field(default_factory=Value[str])  # 备注


class ScoreGroup(Strict):
    """A 一级/二级 heading with a stated subtotal such as 目标管理（40分）."""

    level: GroupLevel
    name: str
    stated_weight: Value[Decimal] = Field(default_factory=Value[Decimal])


class DeptScoreSheet(FormBase):
    """A department's self-scoring sheet."""

    schema_name: Literal["dept_score_sheet"] = "dept_score_sheet"
    items: list[ScoreItem] = Field(default_factory=list)
    groups: list[ScoreGroup] = Field(default_factory=list)
