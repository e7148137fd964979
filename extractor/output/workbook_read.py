"""Read back a workbook an operator corrected: the long sheet's edits become recorded corrections.

The workbook keeps the extraction it was written from (hidden sheet ``_jixiao``); each row of the
``fields`` sheet whose value differs from it — or that names a field the extraction left empty —
is applied as a correction (``extractor.service.corrections.correct_form``, the rules the web
page's corrections follow), recorded with who and when (the workbook's last author and save
time), and the corrected forms are validated again.  Nothing else of the workbook is trusted:
edits on the drawn form sheets are not read, so a formatting change never changes data.
"""

from __future__ import annotations

import copy
import io
import json
import zipfile
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from typing import Any

from extractor.errors import InputError
from extractor.output.rows import ERROR_FIELD, FIELD_COLUMNS, field_rows
from extractor.output.safe import xml_text
from extractor.output.workbook import DATA_SHEET, LONG_SHEET

_KEY_COLUMNS = ("source", "form_index", "field", "value")


def read_workbook(data: bytes, name: str) -> tuple[dict[str, Any], list[dict[str, Any] | None]]:
    """``(output with the operator's corrections applied and re-validated, layouts)``."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(f"not a readable xlsx workbook ({type(exc).__name__})", source=name,
                         hint="pass the workbook `jixiao extract -f xlsx` wrote, saved as .xlsx") from exc
    if DATA_SHEET not in wb.sheetnames or LONG_SHEET not in wb.sheetnames:
        raise InputError(f"the workbook has no {LONG_SHEET!r} and {DATA_SHEET!r} sheets", source=name,
                         hint="pass a workbook written by `jixiao extract -f xlsx` (its last sheets must stay)")
    text = "".join(str(row[0]) for row in wb[DATA_SHEET].iter_rows(values_only=True) if row and row[0] is not None)
    try:
        stored = json.loads(text)
        original, layouts = stored["output"], stored.get("layouts") or []
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(f"the hidden {DATA_SHEET!r} sheet was damaged", source=name,
                         hint="correct values on the 'fields' sheet only, or extract the document again") from exc
    edits = _edits(wb[LONG_SHEET], original, name)
    props = wb.properties
    author = props.lastModifiedBy or props.creator or "workbook"
    when = (props.modified or datetime.now(timezone.utc)).replace(microsecond=0).isoformat()
    return apply_edits(original, edits, author=author, when=when, note=f"workbook {name}"), layouts


def _edits(ws: Any, original: dict[str, Any], name: str) -> list[tuple[int, int, str, str, Any]]:
    """``(document, form, field, new text, old value)`` for each changed or added row."""
    rows = ws.iter_rows(values_only=True)
    header = [str(h) if h is not None else "" for h in next(rows, ())]
    missing = [c for c in _KEY_COLUMNS if c not in header]
    if missing:
        raise InputError(f"the {LONG_SHEET!r} sheet lacks the column(s) {', '.join(missing)}", source=name,
                         hint=f"keep its header row: {', '.join(FIELD_COLUMNS)}")
    at = {c: header.index(c) for c in _KEY_COLUMNS}
    # keys as the cells hold them: a control character of a name or value was written as U+FFFD
    docs = {_cell(d.get("source")): i for i, d in reversed(list(enumerate(original.get("documents", []))))}
    before = {(_cell(r[0]), r[1], r[4]): _cell(r[5]) for r in field_rows(original)}
    out = []
    for n, row in enumerate(rows, start=2):
        cells = list(row) + [None] * len(header)
        source, form_index, path, value = (cells[at[c]] for c in _KEY_COLUMNS)
        if path in (None, ERROR_FIELD) or (source is None and form_index is None):
            continue
        if source not in docs or not isinstance(form_index, (int, float)):
            raise InputError(f"row {n} of {LONG_SHEET!r} names no form of the workbook ({source}, form {form_index})",
                             source=name, hint="keep the source and form_index columns as written")
        old = before.get((source, int(form_index), path))
        if _same(old, value):
            continue
        out.append((docs[source], int(form_index), str(path), _text(value), old))
    return out


def apply_edits(output: dict[str, Any], edits: list[tuple[int, int, str, str, Any]], *, author: str, when: str,
                note: str) -> dict[str, Any]:
    """``output`` with each edit applied as a recorded correction, corrected forms re-validated."""
    from extractor.service.corrections import correct_form
    from extractor.validate import revalidate_output

    out = copy.deepcopy(output)
    touched: set[tuple[int, int]] = set()
    for d, f, path, text, old in edits:
        doc = out["documents"][d]
        forms = doc.get("forms", [])
        if not 0 <= f < len(forms):
            raise InputError(f"the document has no form {f}", source=str(doc.get("source")))
        forms[f] = correct_form(forms[f], path, text)
        doc.setdefault("corrections", []).append({
            "form_index": f, "field": path, "value": text, "previous": None if old is None else _text(old),
            "author": author, "note": note, "created_at": when,
        })
        touched.add((d, f))
    for d, f in sorted(touched):
        doc = out["documents"][d]
        single = {"source": doc.get("source", ""), "forms": [doc["forms"][f]]}
        doc["forms"][f] = revalidate_output({"documents": [single]})["documents"][0]["forms"][0]
    return out


def _cell(value: Any) -> Any:
    return xml_text(value) if isinstance(value, str) else value


def _same(old: Any, new: Any) -> bool:
    if old is None or new is None:
        return (old is None or old == "") and (new is None or new == "")
    a, b = _number(old), _number(new)
    if a is not None and b is not None:
        return a == b
    return str(old).strip() == str(new).strip()


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        return Decimal(repr(value) if isinstance(value, float) else str(value).strip())
    except InvalidOperation:
        return None


def _text(value: Any) -> str:
    """What the operator typed, as text: ``17.0`` → ``17``, ``17.33`` → ``17.33``."""
    if value is None:
        return ""
    if isinstance(value, float):
        number = Decimal(repr(value))
        return format(number.quantize(Decimal(1)) if number == number.to_integral_value() else number.normalize(), "f")
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value)
