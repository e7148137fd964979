"""Strict pydantic schemas for budget-performance forms, one module per form type.

``FormRecord`` is the discriminated union of every form type, keyed by ``schema_name``.
"""

from __future__ import annotations

from typing import Annotated, TypeGuard, get_args

from pydantic import Field, TypeAdapter

from schemas.base import LayoutTag
from schemas.common import (
    SCHEMA_VERSION,
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
from schemas.project_self_eval import ProjectSelfEval
from schemas.project_target import ProjectTarget

FormRecord = Annotated[
    ProjectSelfEval | DeptSelfEval | DeptTarget | ProjectTarget | DeptScoreSheet,
    Field(discriminator="schema_name"),
]
FORM_RECORD_ADAPTER: TypeAdapter[FormRecord] = TypeAdapter(FormRecord)

FORM_TYPES: dict[FormType, type[ProjectSelfEval | DeptSelfEval | DeptTarget | ProjectTarget | DeptScoreSheet]] = {
    "project_self_eval": ProjectSelfEval,
    "dept_self_eval": DeptSelfEval,
    "dept_target": DeptTarget,
    "project_target": ProjectTarget,
    "dept_score_sheet": DeptScoreSheet,
}
assert set(FORM_TYPES) == set(get_args(FormType)), "FORM_TYPES and FormType must list the same types"


def is_form_type(name: object) -> TypeGuard[FormType]:
    """Whether ``name`` (read from a file, a request, a model's answer) is one of the form types."""
    return name in FORM_TYPES

__all__ = [
    "SCHEMA_VERSION",
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
    "ProjectSelfEval",
    "ProjectTarget",
    "ScoreGroup",
    "ScoreItem",
    "SourceRef",
    "is_form_type",
    "Totals",
    "Value",
]
