"""项目支出绩效评价指标体系 / 打分表 — a project's scoring sheet.

Evaluators (and units scoring themselves) fill the rubric 项目决策 / 项目过程(管理) / 项目产出 /
项目效益 with 分值 (or 权重), 评价要点 / 评分标准 and 得分 per item.  The rubric has the same
tree-of-weighted-items shape as the department sheet, so it reuses ``ScoreItem`` and
``ScoreGroup``; it is a type of its own because it describes one project (its header names the
project) and a project self-evaluation must not be paired with, or typed as, its rubric.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from schemas.base import FormBase
from schemas.dept_score_sheet import ScoreGroup, ScoreItem


class ProjectScoreSheet(FormBase):
    """A project's scoring sheet: weighted rubric items and what each scored."""

    schema_name: Literal["project_score_sheet"] = "project_score_sheet"
    items: list[ScoreItem] = Field(default_factory=list)
    groups: list[ScoreGroup] = Field(default_factory=list)
