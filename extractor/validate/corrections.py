"""An operator's corrections, applied beside the extraction and re-validated.

The stored extraction is never modified.  A correction names a field by the path findings use
(``indicators[4].score``, ``funds[total].executed``, ``header.project_name``) and gives the text
the operator typed; the effective document is the extraction with every correction applied in
order (the latest wins), each corrected value marked ``backend: "manual"`` and keeping its source
cell, then run through the validator again.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from extractor.errors import InputError
from extractor.validate import revalidate_output
from extractor.validate.arith import MAX_MAGNITUDE, num
from extractor.validate.paths import list_keys
from extractor.values import parse_decimal, parse_measure, parse_percent
from schemas import FORM_RECORD_ADAPTER

_STEP = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[([^\[\]]+)\]|\.")
# What Python's Decimal (and so the schema) would read as a non-finite number.
_NON_FINITE = re.compile(r"[+-]?(?:s?nan|inf|infinity)", re.IGNORECASE)
_NUMBER_HINT = "type a number for amounts and scores, e.g. 17.5; a target like ≥95%"


class CorrectionError(InputError):
    """A correction names no field of the form, or its value does not fit the field."""


def parse_path(path: str) -> list[str]:
    """``indicators[4].target`` → ``["indicators", "4", "target"]``; refuses anything else."""
    steps: list[str] = []
    pos = 0
    while pos < len(path):
        m = _STEP.match(path, pos)
        if m is None or m.end() == pos:
            raise CorrectionError(f"{path!r} is not a field path", hint="use a path such as indicators[4].score")
        if m.group(1) or m.group(2):
            steps.append(m.group(1) or m.group(2))
        pos = m.end()
    if not steps:
        raise CorrectionError("the field path is empty", hint="use a path such as indicators[4].score")
    return steps


def locate(form: dict[str, Any], path: str) -> dict[str, Any]:
    """The traced value (``{value, raw, source, …}``) at ``path`` in a dumped form."""
    node: Any = form
    for step in parse_path(path):
        if isinstance(node, dict) and step in node and step != "findings":
            node = node[step]
        elif isinstance(node, list):
            keys = list_keys(node)
            if step in keys:
                node = node[keys.index(step)]
            elif step.isdigit() and int(step) < len(node):
                node = node[int(step)]
            else:
                raise CorrectionError(f"the form has no {path} (no item {step!r})")
        else:
            raise CorrectionError(f"the form has no field {path}")
    if not (isinstance(node, dict) and "value" in node and "source" in node):
        raise CorrectionError(f"{path} is not a single value", hint="name a leaf such as indicators[4].score")
    return node


def candidates(text: str) -> list[Any]:
    """The values the typed text may stand for, tried against the schema in this order."""
    stripped = text.strip()
    if not stripped:
        return [None]
    out: list[Any] = [stripped]
    for number in (parse_decimal(stripped), parse_percent(stripped)):
        if number is not None:
            out.append(str(number))
    measure = parse_measure(stripped)
    if measure is not None:
        out.append(measure.model_dump(mode="json"))
    return out


def correct_form(form: dict[str, Any], field: str, text: str) -> dict[str, Any]:
    """A copy of ``form`` with ``field`` set from ``text``; raises ``CorrectionError`` if it cannot fit.

    A figure the validator could not use is refused here rather than stored: a non-finite
    number, or one beyond the range ``arith.num`` reads (``1e999999999``).  A negative score or
    one above its weight is a number a form can print; it is stored and the validator flags it
    (``VALUE_NEGATIVE``, ``…_OVER_WEIGHT``), see docs/findings.md.
    """
    last_error = ""
    for candidate in candidates(text):
        trial = copy.deepcopy(form)
        node = locate(trial, field)
        node.update(value=candidate, raw=text.strip() or None, confidence=1.0, backend="manual")
        record = {k: v for k, v in trial.items() if k not in ("form_type", "title")}
        try:
            parsed = FORM_RECORD_ADAPTER.validate_python(record)
        except ValidationError as exc:
            last_error = exc.errors()[0]["msg"]
            continue
        check_figure(parsed.model_dump(), field, text)
        # re-dumped so the stored value has the schema's own JSON form ("2024" → 2024)
        return {"form_type": parsed.schema_name, "title": parsed.header.title.value, **parsed.model_dump(mode="json")}
    if _NON_FINITE.fullmatch(text.strip()):
        raise CorrectionError(f"{_shown(text)} is not a number: {field} needs a finite figure", hint=_NUMBER_HINT)
    raise CorrectionError(f"{_shown(text)} does not fit {field} ({last_error})", hint=_NUMBER_HINT)


def check_figure(parsed: dict[str, Any], field: str, text: str) -> None:
    """Refuses a number the validator would read as missing (see ``extractor.validate.arith.num``).

    ``parsed`` is the corrected form dumped in Python mode, where figures are still ``Decimal``;
    a text field holding ``1e999999999`` is just text and passes.
    """
    value = locate(parsed, field)["value"]
    if isinstance(value, Decimal) and num(value) is None:
        raise CorrectionError(
            f"{_shown(text)} is out of range for {field}: a figure has at most {MAX_MAGNITUDE} digits "
            "before the point and is not below 10⁻¹²",
            hint=_NUMBER_HINT,
        )


def _shown(text: str) -> str:
    """The typed text for a message: quoted, at most 60 characters."""
    return repr(text.strip()[:60] + ("…" if len(text.strip()) > 60 else ""))


def apply_corrections(document: dict[str, Any], corrections: Iterable[Any]) -> dict[str, Any]:
    """The effective document: ``document`` with ``corrections`` applied in order, re-validated.

    ``corrections`` are objects with ``form_index``, ``field`` and ``value`` (the stored rows).
    Only the corrected forms are validated again; the others keep the findings they were
    extracted with, which the same validator produced.
    """
    doc = copy.deepcopy(document)
    forms = doc.get("forms", [])
    touched: set[int] = set()
    for c in corrections:
        if not 0 <= c.form_index < len(forms):
            raise CorrectionError(f"the document has no form {c.form_index}")
        forms[c.form_index] = correct_form(forms[c.form_index], c.field, c.value)
        touched.add(c.form_index)
    for index in sorted(touched):
        single = {"source": doc.get("source", ""), "forms": [forms[index]]}
        forms[index] = revalidate_output({"documents": [single]})["documents"][0]["forms"][0]
    return doc
