"""Strict pydantic schemas for budget-performance forms, one module per form type.

``FormRecord`` is the discriminated union of every form type, keyed by ``schema_name``.
"""

from __future__ import annotations

from typing import Annotated, Union, get_args

from pydantic import Field, TypeAdapter

from schemas.common import (
    SCHEMA_VERSION,
    SCORE_SHEET_TYPES,
    Finding,
    FormType,
    FundsRow,
    Goals,
    Header,
    Indicator,
    IndicatorGroup,
    Measure,
    SourceRef,
    Totals,
    Value,
)
from schemas.base import LayoutTag
from schemas.dept_score_sheet import DeptScoreSheet, ScoreGroup, ScoreItem
from schemas.dept_self_eval import AnnualTask, DeptSelfEval, GoalPair
from schemas.dept_target import DeptTarget
from schemas.project_score_sheet import ProjectScoreSheet
from schemas.project_self_eval import ProjectSelfEval
from schemas.project_target import ProjectTarget

FormRecord = Annotated[
    Union[ProjectSelfEval, DeptSelfEval, DeptTarget, ProjectTarget, DeptScoreSheet, ProjectScoreSheet],
    Field(discriminator="schema_name"),
]
FORM_RECORD_ADAPTER: TypeAdapter[FormRecord] = TypeAdapter(FormRecord)

FormModel = type[ProjectSelfEval | DeptSelfEval | DeptTarget | ProjectTarget | DeptScoreSheet | ProjectScoreSheet]
FORM_TYPES: dict[FormType, FormModel] = {
    "project_self_eval": ProjectSelfEval,
    "dept_self_eval": DeptSelfEval,
    "dept_target": DeptTarget,
    "project_target": ProjectTarget,
    "dept_score_sheet": DeptScoreSheet,
    "project_score_sheet": ProjectScoreSheet,
}
assert set(FORM_TYPES) == set(get_args(FormType)), "FORM_TYPES and FormType must list the same types"

__all__ = [
    "SCHEMA_VERSION",
    "SCORE_SHEET_TYPES",
    "AnnualTask",
    "DeptScoreSheet",
    "DeptSelfEval",
    "DeptTarget",
    "FORM_RECORD_ADAPTER",
    "FORM_TYPES",
    "Finding",
    "FormRecord",
    "FormType",
    "FundsRow",
    "GoalPair",
    "Goals",
    "Header",
    "Indicator",
    "IndicatorGroup",
    "LayoutTag",
    "Measure",
    "ProjectScoreSheet",
    "ProjectSelfEval",
    "ProjectTarget",
    "ScoreGroup",
    "ScoreItem",
    "SourceRef",
    "Totals",
    "Value",
]
