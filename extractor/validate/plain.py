"""Lift a plain form (the gold-file shape: every ``Value`` replaced by its bare value) into a
``FormRecord``, so that hand-labelled forms can be validated like extracted ones.

The eval harness and the tests label forms as plain JSON; the validator reads ``Value``s with
provenance.  This is the one bridge between the two: numbers may be strings ("86.18"), long
texts may be digest objects (kept as their head, enough to tell a reason from a placeholder).
"""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel

from schemas import FORM_RECORD_ADAPTER, FORM_TYPES, FormRecord
from schemas.common import Value


def record_from_plain(plain: dict[str, Any]) -> FormRecord:
    """A validated ``FormRecord`` from a plain form dict carrying ``schema_name``."""
    model = FORM_TYPES[plain["schema_name"]]
    return FORM_RECORD_ADAPTER.validate_python(_wrap(model, plain))


def _wrap(model: type[BaseModel], plain: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in plain.items():
        field = model.model_fields.get(name)
        out[name] = value if field is None else _wrap_value(field.annotation, value)
    return out


def _wrap_value(annotation: Any, value: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, Value):
        return {"value": _undigest(value)}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _wrap(annotation, value) if isinstance(value, dict) else value
    if typing.get_origin(annotation) is list and isinstance(value, list):
        (item,) = typing.get_args(annotation) or (Any,)
        return [_wrap_value(item, v) for v in value]
    return value


def _undigest(value: Any) -> Any:
    """A gold digest object stands for a long text: keep its head, enough to tell a text."""
    if isinstance(value, dict):
        if "$text" in value:
            return f"{value.get('head', '')}…"
        return {k: _undigest(v) for k, v in value.items()}
    return value
