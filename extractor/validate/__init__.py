"""The deterministic validator: re-derive a form's arithmetic and report each disagreement.

It runs on every extraction, rules or LLM alike, and reads nothing but the ``FormRecord``: no
I/O, no model, no knowledge of how the form was read.  Each rule family lives in its own
module (funds, indicators, totals, score_sheet); this module picks the profile, runs the
families a form type has, and merges the fresh findings with the ones extraction raised.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from extractor.errors import InputError
from extractor.validate.arith import num
from extractor.validate.catalogue import CATALOGUE, EXTRACTION_PREFIXES, VALIDATOR_CODES
from extractor.validate.context import FormContext
from extractor.validate.funds import budget_rows, check_funds
from extractor.validate.impossible import check_values
from extractor.validate.indicators import check_indicators
from extractor.validate.profiles import PROFILES, Profile, choose_profile
from extractor.validate.score_sheet import check_score_sheet
from extractor.validate.totals import (
    Part,
    check_groups,
    check_total_score,
    check_total_weight,
    indicator_parts,
    open_budget_weight,
)
from schemas import FORM_RECORD_ADAPTER, SCORE_SHEET_MODELS, FormRecord
from schemas.common import Finding

__all__ = [
    "CATALOGUE",
    "PROFILES",
    "Profile",
    "apply_findings",
    "choose_profile",
    "revalidate_output",
    "validate_form",
    "validate_forms",
]


def validate_form(form: FormRecord, profile: str | None = None) -> list[Finding]:
    """Every arithmetic disagreement of one form, under ``profile`` or the one it implies.

    Pure: the form is not modified.  Raises ``ValidationConfigError`` for an unknown profile
    name and nothing else.
    """
    ctx = FormContext(form, choose_profile(form, profile))
    if isinstance(form, SCORE_SHEET_MODELS):
        check_score_sheet(ctx)
        check_values(ctx)
        return ctx.findings
    check_funds(ctx)
    check_indicators(ctx)
    weights = indicator_parts(ctx, "weight")
    unprinted_budget = open_budget_weight(ctx)
    if any(p.amount is not None for p in weights if p.path.startswith("indicators")):
        check_total_weight(ctx, weights, unprinted_budget)
    check_total_score(ctx, indicator_parts(ctx, "score"), "TOTAL_SCORE_MISMATCH", unprinted_budget)
    funds = list(getattr(form, "funds", []) or [])
    budget = [Part(f"{ctx.funds_paths[i]}.weight", funds[i].weight, num(funds[i].weight))
              for i in budget_rows(funds)]
    check_groups(ctx, list(form.groups), list(form.indicators), "indicators", budget=budget)
    check_values(ctx)
    return ctx.findings


def apply_findings(form: FormRecord, findings: Iterable[Finding]) -> FormRecord:
    """A copy of ``form`` whose validator findings are ``findings``; extraction ones stay."""
    kept = [f for f in form.findings if is_extraction_finding(f.code)]
    return form.model_copy(update={"findings": [*kept, *findings]})


def validate_forms(forms: Iterable[FormRecord], profile: str | None = None) -> list[FormRecord]:
    """Validate each form of a document; returns copies carrying their fresh findings."""
    return [apply_findings(form, validate_form(form, profile)) for form in forms]


def is_extraction_finding(code: str) -> bool:
    """Kept on re-validation: LAYOUT_/EXTRACT_ codes and any code the validator does not own."""
    return code.startswith(EXTRACTION_PREFIXES) or code not in VALIDATOR_CODES


def revalidate_output(data: dict[str, Any], profile: str | None = None) -> dict[str, Any]:
    """Re-run the validator over the JSON the CLI prints (e.g. after a reviewer's edits).

    Accepts ``{"documents": [...]}`` or a single document ``{"source": .., "forms": [...]}``;
    returns a copy of the same shape with each form's validator findings replaced.
    """
    if not isinstance(data, dict):
        raise InputError("the JSON is not an object", hint="pass the file `jixiao extract` wrote")
    out = copy.deepcopy(data)
    documents = out.get("documents") if "documents" in out else [out]
    if not isinstance(documents, list) or not all(isinstance(d, dict) for d in documents):
        raise InputError("'documents' is not a list of objects",
                         hint="pass the file `jixiao extract` wrote")
    for doc in documents:
        forms = doc.get("forms", [])
        if not isinstance(forms, list):
            raise InputError("'forms' is not a list", source=str(doc.get("source", "")) or None)
        for index, body in enumerate(forms):
            form = _parse_form(body, index, str(doc.get("source", "")))
            fresh = apply_findings(form, validate_form(form, profile))
            body["findings"] = [f.model_dump(mode="json") for f in fresh.findings]
    return out


def _parse_form(body: Any, index: int, source: str) -> FormRecord:
    if not isinstance(body, dict):
        raise InputError(f"form {index} is not an object", source=source or None)
    record = {k: v for k, v in body.items() if k not in ("form_type", "title")}
    if "schema_name" not in record and isinstance(body.get("form_type"), str):
        record["schema_name"] = body["form_type"]
    try:
        return FORM_RECORD_ADAPTER.validate_python(record)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise InputError(
            f"form {index} does not match its schema at {where or 'top level'}: {first['msg']}",
            source=source or None,
            hint="correct that field (numbers as strings, e.g. \"86.18\") and run validate again",
        ) from None
