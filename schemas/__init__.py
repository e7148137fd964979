"""Strict pydantic schemas for budget-performance forms, one module per form type.

``FormRecord`` is the discriminated union of every form type, keyed by ``schema_name``.
"""

from __future__ import annotations

from typing import Annotated, TypeGuard, get_args

from pydantic import Field, TypeAdapter

from schemas.base import LayoutTag
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
from schemas.dept_score_sheet import DeptScoreSheet, ScoreGroup, ScoreItem
from schemas.dept_self_eval import AnnualTask, DeptSelfEval, GoalPair
from schemas.dept_target import DeptTarget
from schemas.project_score_sheet import ProjectScoreSheet
from schemas.project_self_eval import ProjectSelfEval
from schemas.project_target import ProjectTarget

FormRecord = Annotated[
    ProjectSelfEval | DeptSelfEval | DeptTarget | ProjectTarget | DeptScoreSheet | ProjectScoreSheet,
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
# the record classes as one tuple, for isinstance (a checker narrows by it; FORM_TYPES.values() it cannot)
FORM_MODELS = (ProjectSelfEval, DeptSelfEval, DeptTarget, ProjectTarget, DeptScoreSheet, ProjectScoreSheet)
assert set(FORM_MODELS) == set(FORM_TYPES.values()), "FORM_MODELS and FORM_TYPES must list the same classes"
SCORE_SHEET_MODELS = (DeptScoreSheet, ProjectScoreSheet)  # the record classes of SCORE_SHEET_TYPES
assert {m.model_fields["schema_name"].default for m in SCORE_SHEET_MODELS} == SCORE_SHEET_TYPES


def is_form_type(name: object) -> TypeGuard[FormType]:
    """Whether ``name`` (read from a file, a request, a model's answer) is one of the form types."""
    return name in FORM_TYPES


__all__ = [
    "SCHEMA_VERSION",
    "SCORE_SHEET_MODELS",
    "SCORE_SHEET_TYPES",
    "AnnualTask",
    "DeptScoreSheet",
    "DeptSelfEval",
    "DeptTarget",
    "FORM_MODELS",
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
    "is_form_type",
    "Totals",
    "Value",
]
