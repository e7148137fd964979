"""Gold files written from the form model, in the format of ``eval/gold/README.md``.

Only what the layout printed is labelled: a ``None`` figure is a blank or placeholder cell and
is left out, texts longer than 30 characters become digests, numbers are strings of their
decimal value.  ``expected_findings`` lists the planted error's (code, field) per form.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any

from eval.textnorm import gold_text
from tests.synth.model import Document, Form, FundsLine, Indicator, Measure, plain


def _num(x: Decimal | None) -> str | None:
    return None if x is None else plain(x)


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None and v != ""}


def measure(m: Measure | None) -> dict[str, Any] | None:
    if m is None or not m.text:
        return None
    if m.op == "qualitative":
        return {"operator": "qualitative", "text": m.text}
    return _drop_none({"operator": m.op, "value": _num(m.value), "unit": m.unit or None, "text": m.text})


def funds_row(f: FundsLine) -> dict[str, Any]:
    return _drop_none({"role": f.role, "label": f.label, "initial_budget": _num(f.initial), "budget": _num(f.budget),
                       "executed": _num(f.executed), "weight": _num(f.weight), "rate": _num(f.rate),
                       "score": _num(f.score)})


def indicator(row: Indicator) -> dict[str, Any]:
    return _drop_none({
        "level1": row.level1, "level2": row.level2, "name": gold_text(row.name),
        "target": measure(row.target), "actual": measure(row.actual),
        "weight": _num(row.weight), "score": _num(row.score), "completion": row.completion,
        "deviation_reason": gold_text(row.reason) if row.reason else None,
        "core": row.core, "nature": row.nature, "unit": row.unit,
    })  # fmt: skip


def form_gold(form: Form) -> dict[str, Any]:
    """One form in gold shape (its schema's fields, plain values)."""
    out: dict[str, Any] = {"schema_name": form.schema, "header": _drop_none(dict(form.header))}
    if form.schema in ("project_self_eval", "dept_self_eval", "dept_target", "project_target"):
        if form.staff_count is not None:
            out["staff_count"] = form.staff_count
        if form.funds:
            out["funds"] = [funds_row(f) for f in form.funds]
        if form.goals is not None:
            out["goals"] = {"expected": gold_text(form.goals[0]), "actual": gold_text(form.goals[1])}
        if form.overall_goal:
            out["overall_goal"] = gold_text(form.overall_goal)
        if form.deviation_note:
            out["deviation_note"] = gold_text(form.deviation_note)
        if form.tasks:
            out["tasks"] = [_drop_none({"name": t.name, "project": gold_text(t.project),
                                        "initial_budget": _num(t.initial), "budget": _num(t.budget),
                                        "executed": _num(t.executed), "rate": _num(t.rate)})
                            for t in form.tasks]
        if form.goal_list:
            out["goal_list"] = [{"target": gold_text(a), "outcome": gold_text(b)} for a, b in form.goal_list]
        out["indicators"] = [indicator(row) for row in form.indicators]
        if form.groups:
            out["groups"] = [{"level": g.level, "name": g.name, "stated_weight": plain(g.stated_weight)}
                             for g in form.groups]
    else:  # score sheets
        out["items"] = [_drop_none({"level1": i.level1, "level2": i.level2, "name": i.name, "weight": plain(i.weight),
                                    "criteria": gold_text(i.criteria), "score": _num(i.score),
                                    "note": gold_text(i.note) if i.note else None}) for i in form.items]
        if form.groups:
            out["groups"] = [{"level": g.level, "name": g.name, "stated_weight": plain(g.stated_weight)}
                             for g in form.groups]
    totals = _drop_none({"weight": _num(form.total_weight), "score": _num(form.total_score)})
    if totals:
        out["totals"] = totals
    return out


def document_gold(doc: Document, source: str, data: bytes) -> dict[str, Any]:
    """The gold file of one rendition of ``doc`` (``source`` as the harness resolves it)."""
    findings = [{"form": i, "code": code, "field": fld}
                for i, form in enumerate(doc.forms) for code, fld in form.findings]
    return {
        "source": source,
        "source_sha256": hashlib.sha256(data).hexdigest(),
        "notes": f"generated: family {doc.family}, planted {doc.planted or 'nothing'} (tests/synth)",
        "forms": [form_gold(form) for form in doc.forms],
        "expected_findings": findings,
    }
