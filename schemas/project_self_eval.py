"""项目支出绩效自评表 — project self-evaluation (national, 衔接资金, Sichuan, Hubei variants)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from schemas.base import FormBase
from schemas.common import FundsRow, Goals, Indicator, IndicatorGroup, Value


class ProjectSelfEval(FormBase):
    """A project's funds block, yearly goals and scored indicator table."""

    schema_name: Literal["project_self_eval"] = "project_self_eval"
    funds: list[FundsRow] = Field(default_factory=list)
    goals: Goals = Field(default_factory=Goals)
    indicators: list[Indicator] = Field(default_factory=list)
    groups: list[IndicatorGroup] = Field(default_factory=list)
    # 偏差原因分析 printed once for the whole indicator table, in a free-text row under it
    # (Hubei 20-point forms), instead of beside each indicator
    deviation_note: Value[str] = Field(default_factory=Value[str])
