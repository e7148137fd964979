"""The flat view of an extraction that CSV and the workbook's long sheet share.

One row per extracted value (document, form, field path, value, the text it was read from, its
source cell, confidence), one row per failed document, and one row per finding.  Field paths are
the ones findings and corrections use (``funds[other#1].executed``), so a row can be written back.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from extractor.service.layout import traced_values

FIELD_COLUMNS = [
    "source", "form_index", "form_type", "title", "field", "value", "raw", "cell", "confidence", "backend",
    "layout", "layout_score",
]
FINDING_COLUMNS = ["source", "form_index", "form_type", "code", "severity", "fields", "cells", "message_zh", "message_en"]
ERROR_FIELD = "error"  # the field column of a document that could not be read; its value is the reason

FORM_TYPE_ZH = {
    "project_self_eval": "项目支出绩效自评表",
    "dept_self_eval": "部门整体支出绩效自评表",
    "dept_target": "部门整体支出绩效目标表",
    "project_target": "项目绩效目标表",
    "dept_score_sheet": "部门整体绩效自评打分表",
}

_NUMBER = re.compile(r"^([+-]?)((?:\d{1,3}(?:,\d{3})+)|\d+)(?:\.(\d+))?(%?)$")


def cell_label(source: list[dict[str, Any]]) -> str:
    """``t1:r15c7`` for grid cells, ``chars 10-14`` for text spans: where a value was read."""
    out = []
    for ref in source:
        if ref.get("row") is not None:
            out.append(f"{ref.get('grid_id')}:r{ref['row']}c{ref['col']}")
        elif ref.get("char_start") is not None:
            out.append(f"chars {ref['char_start']}-{ref['char_end']}")
    return " ".join(out)


def plain_value(value: Any) -> Any:
    """A traced value as one spreadsheet cell: a Measure by its printed text, decimals as numbers."""
    if isinstance(value, dict):
        value = value.get("text")  # a Measure such as ≥95% or 12 (a bare number is a number)
    if isinstance(value, str):
        number = parse_number(value)
        if number is not None and number[2] == "" and "," not in value:
            return number[0]
    return value


def parse_number(text: str) -> tuple[int | float, str, str] | None:
    """``(number, excel format, suffix)`` when ``text`` is a plain number as printed, else None.

    The format keeps the printed decimals (``17.50`` → ``0.00``) and thousands separators; a
    percentage is stored as its fraction with a percent format, as Excel itself would.  Codes with
    leading zeros (``007``) stay text.
    """
    m = _NUMBER.match(text.strip())
    if m is None:
        return None
    sign, whole, frac, percent = m.groups()
    if len(whole) > 1 and whole.startswith("0"):
        return None
    digits = whole.replace(",", "")
    if len(digits) > 15:  # beyond a double's exact digits: keep the text rather than round it
        return None
    try:
        number = Decimal(f"{sign}{digits}.{frac}" if frac else f"{sign}{digits}")
    except InvalidOperation:
        return None
    decimals = len(frac or "")
    fmt = ("#,##0" if "," in whole else "0") + ("." + "0" * decimals if decimals else "")
    if percent:
        number = number / 100
        fmt = fmt + "%"
    value: int | float = int(number) if number == number.to_integral_value() and not percent else float(number)
    return value, fmt, percent


def shown(value: Any) -> Any:
    """What a correction's old or new value reads as: a stored traced value by its printed text."""
    if isinstance(value, dict) and ("raw" in value or "value" in value):
        raw = value.get("raw")
        return raw if raw is not None else shown(value.get("value"))
    if isinstance(value, dict):
        return value.get("text")
    return value


def layout_of(form: dict[str, Any]) -> tuple[str | None, Any]:
    """The form's recognised layout family ``(name, score)`` when the extraction names one."""
    layout = form.get("layout")
    if isinstance(layout, dict):
        return layout.get("name"), layout.get("score")
    return None, None


def field_rows(output: dict[str, Any]) -> Iterator[list[Any]]:
    """Every non-empty value of every form, and one ``error`` row per document that failed."""
    for doc in output.get("documents", []):
        if doc.get("error"):
            yield [doc.get("source"), None, None, None, ERROR_FIELD, doc["error"], None, None, None, None, None, None]
        for index, form in enumerate(doc.get("forms", [])):
            name, score = layout_of(form)
            for path, value in traced_values(form):
                v = value.get("value")
                if v is None:
                    continue
                yield [doc.get("source"), form.get("form_index", index), form.get("form_type"), form.get("title"), path,
                       plain_value(v), value.get("raw"), cell_label(value.get("source") or []),
                       value.get("confidence"), value.get("backend"), name, score]


def finding_rows(output: dict[str, Any]) -> Iterator[list[Any]]:
    for doc in output.get("documents", []):
        for index, form in enumerate(doc.get("forms", [])):
            for f in form.get("findings", []):
                yield [doc.get("source"), form.get("form_index", index), form.get("form_type"), f["code"], f["severity"],
                       " ".join(f.get("fields", [])), cell_label(f.get("cells", [])), f["message_zh"], f["message_en"]]
