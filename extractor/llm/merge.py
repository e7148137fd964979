"""``auto``: the deterministic extractor first, the model where it is unsure, merged per field.

The model is asked for a whole form when the rules did not recognise its type or layout (no
title and a vocabulary guess, no indicator table), and otherwise only for the parts holding a
value below the confidence threshold.  Merging is field by field and every value keeps its own
provenance and ``backend``: on a recognised form a rules value stands unless it is below the
threshold; on an unrecognised one the model's value stands and the rules fill its gaps.  On a
recognised form a merge that breaks more of the form's arithmetic than the rules' reading did is
refused: that is the model misreading (a shifted cell), not the document.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from extractor.llm.plan import Call
from extractor.segment import FormChunk
from extractor.validate import validate_form
from schemas import FormRecord
from schemas.common import Finding, SourceRef, Value

UNRECOGNISED = frozenset({"EXTRACT_NO_INDICATOR_TABLE", "EXTRACT_FORM_TYPE_UNCERTAIN"})
_ROW_LISTS = ("indicators", "items")


def unrecognised(chunk: FormChunk, form: FormRecord) -> bool:
    return chunk.type_confidence < 0.5 or any(f.code in UNRECOGNISED for f in form.findings)


def weak_sources(form: FormRecord, threshold: float) -> Iterator[tuple[str, SourceRef]]:
    """(section, source) of every printed value below the threshold; section is overview or rows."""
    for path, value in walk_values(form):
        if value.value is None or value.confidence >= threshold:
            continue
        section = "rows" if path.split("[", 1)[0].split(".", 1)[0] in (*_ROW_LISTS, "totals") else "overview"
        for src in value.source:
            yield section, src


def calls_needed(chunk: FormChunk, form: FormRecord, calls: list[Call], threshold: float) -> list[Call]:
    """The calls that cover the rules' weak values (all calls for an unrecognised form)."""
    if unrecognised(chunk, form):
        return calls
    where = row_index(chunk)
    weak_rows: dict[str, set[int]] = {"overview": set(), "rows": set()}
    for section, src in weak_sources(form, threshold):
        i = where.get((src.grid_id, src.row))
        if i is not None:
            weak_rows[section].add(i)
    return [c for c in calls if weak_rows["overview" if c.part == "overview" else "rows"] & set(c.body_rows)]


def row_index(chunk: FormChunk) -> dict[tuple[str | None, int | None], int]:
    """(grid id, grid row) → position of the row in the form."""
    out: dict[tuple[str | None, int | None], int] = {}
    for i, row in enumerate(chunk.rows):
        for cell in row.cells:
            if not cell.continuation:
                out.setdefault((row.grid_id or "text", cell.row), i)
    return out


def walk_values(model: BaseModel, prefix: str = "") -> Iterator[tuple[str, Value[Any]]]:
    for name in type(model).model_fields:
        value = getattr(model, name)
        path = f"{prefix}{name}"
        if isinstance(value, Value):
            yield path, value
        elif isinstance(value, BaseModel):
            yield from walk_values(value, path + ".")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from walk_values(item, f"{path}[{i}].")


def merge(rules: FormRecord, llm: FormRecord, *, threshold: float, prefer_llm: bool) -> FormRecord:
    """One record from both readings, field by field."""
    out = rules.model_copy(deep=True)
    _merge_model(out, llm, threshold, prefer_llm)
    if hasattr(out, "funds") and hasattr(llm, "funds"):  # both readings are of one form type
        out.funds = _merge_rows(out.funds, llm.funds, _funds_key, threshold, prefer_llm)
    for name in _ROW_LISTS:
        if hasattr(out, name):
            setattr(out, name, _merge_rows(getattr(out, name), getattr(llm, name), _row_key, threshold, prefer_llm))
    if hasattr(out, "groups") and (prefer_llm or not out.groups):
        out.groups = llm.groups or out.groups
    out.findings = [*rules.findings, *llm.findings]
    return out


def guarded_merge(rules: FormRecord, llm: FormRecord, *, threshold: float, prefer_llm: bool) -> FormRecord:
    """``merge``, unless on a recognised form it raises the validation errors: then the rules stand."""
    merged = merge(rules, llm, threshold=threshold, prefer_llm=prefer_llm)
    before, after = _errors(rules), _errors(merged)
    if prefer_llm or after <= before:
        return merged
    kept = rules.model_copy(deep=True)
    kept.findings = [*rules.findings, *llm.findings, _rejected(before, after)]
    return kept


def _errors(form: FormRecord) -> int:
    return sum(f.severity == "error" for f in validate_form(form))


def _rejected(before: int, after: int) -> Finding:
    return Finding(
        code="EXTRACT_LLM_REJECTED",
        severity="info",
        message_zh=f"模型的读数使校验错误由 {before} 项增至 {after} 项，保留规则抽取结果",
        message_en=f"the model's values raised the validation errors from {before} to {after}; "
                   "the rules' reading stands",
        rule="llm.auto",
    )


def _choose(mine: Value[Any], theirs: Value[Any], threshold: float, prefer_llm: bool) -> Value[Any]:
    if theirs.value is None:
        return mine
    if mine.value is None or prefer_llm or mine.confidence < threshold:
        return theirs
    return mine


def _merge_model(mine: BaseModel, theirs: BaseModel, threshold: float, prefer_llm: bool) -> None:
    for name in type(mine).model_fields:
        a, b = getattr(mine, name), getattr(theirs, name, None)
        if isinstance(a, Value) and isinstance(b, Value):
            chosen = _choose(a, b, threshold, prefer_llm)
            if chosen is not a:
                setattr(mine, name, chosen)
        elif isinstance(a, BaseModel) and isinstance(b, BaseModel) and name != "findings":
            _merge_model(a, b, threshold, prefer_llm)


def _funds_key(row: Any, seen: dict[str, int]) -> tuple[str, int]:
    k = seen.get(row.role, 0)
    seen[row.role] = k + 1
    return row.role, k


def _row_key(row: Any, seen: dict[str, int]) -> tuple[str | None, int | None]:
    src = row.name.source[0] if row.name.source else None
    return (src.grid_id, src.row) if src is not None else (None, None)


def _merge_rows(mine: list[Any], theirs: list[Any], key: Any, threshold: float, prefer_llm: bool) -> list[Any]:
    seen_a: dict[str, int] = {}
    seen_b: dict[str, int] = {}
    by_key = {key(r, seen_b): r for r in theirs}
    merged = []
    matched = set()
    for row in mine:
        k = key(row, seen_a)
        other = by_key.get(k)
        if other is not None and k != (None, None):
            matched.add(k)
            row = row.model_copy(deep=True)
            _merge_model(row, other, threshold, prefer_llm)
        merged.append(row)
    if prefer_llm or not mine:
        seen_b.clear()
        extra = [r for r in theirs if key(r, seen_b) not in matched]
        merged.extend(extra)
        if prefer_llm and theirs:
            merged.sort(key=lambda r: _position(r))
    return merged


def _position(row: Any) -> tuple[int, int]:
    for _, value in walk_values(row):
        if value.source and value.source[0].row is not None:
            return 0, value.source[0].row
    return 1, 0
