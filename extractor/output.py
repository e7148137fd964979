"""Write extraction results as JSON, CSV or XLSX — atomically, so nothing is left half-written.

CSV and XLSX are flat: one line per extracted value (document, form, field path, value, the text
it was read from, its source cell, confidence), plus the findings, which is what an auditor
filters and sorts in a spreadsheet.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from extractor.errors import JixiaoError

FIELD_COLUMNS = ["source", "form_index", "form_type", "title", "field", "value", "raw", "cell", "confidence", "backend"]
FINDING_COLUMNS = ["source", "form_index", "form_type", "code", "severity", "fields", "cells", "message_zh", "message_en"]


def _cell_label(source: list[dict[str, Any]]) -> str:
    out = []
    for ref in source:
        if ref.get("row") is not None:
            out.append(f"{ref.get('grid_id')}:r{ref['row']}c{ref['col']}")
        elif ref.get("char_start") is not None:
            out.append(f"chars {ref['char_start']}-{ref['char_end']}")
    return " ".join(out)


def iter_values(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every traced value (a dict with ``value`` and ``source``) in a dumped form, with its path."""
    if isinstance(node, dict):
        if "value" in node and "source" in node and "confidence" in node:
            yield path, node
            return
        for key, child in node.items():
            if key in ("findings",):
                continue
            yield from iter_values(child, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for i, child in enumerate(node):
            key = child.get("role") if isinstance(child, dict) and isinstance(child.get("role"), str) else i
            yield from iter_values(child, f"{path}[{key}]")


def field_rows(output: dict[str, Any]) -> Iterator[list[Any]]:
    for doc in output["documents"]:
        for form in doc.get("forms", []):
            for path, value in iter_values(form):
                v = value["value"]
                if v is None:
                    continue
                if isinstance(v, dict):  # a Measure
                    v = v.get("text")
                yield [doc["source"], form.get("form_index"), form["form_type"], form.get("title"), path, v,
                       value.get("raw"), _cell_label(value.get("source", [])), value.get("confidence"), value.get("backend")]


def finding_rows(output: dict[str, Any]) -> Iterator[list[Any]]:
    for doc in output["documents"]:
        for form in doc.get("forms", []):
            for f in form.get("findings", []):
                yield [doc["source"], form.get("form_index"), form["form_type"], f["code"], f["severity"],
                       " ".join(f.get("fields", [])), _cell_label(f.get("cells", [])), f["message_zh"], f["message_en"]]


def render(output: dict[str, Any], fmt: str) -> bytes:
    if fmt == "json":
        return (json.dumps(output, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(FIELD_COLUMNS)
        writer.writerows(field_rows(output))
        return buf.getvalue().encode("utf-8-sig")  # BOM so Excel opens Chinese text correctly
    if fmt == "xlsx":
        return _xlsx(output)
    raise JixiaoError(f"unknown output format {fmt!r}", hint="use json, csv or xlsx")


def _xlsx(output: dict[str, Any]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "fields"
    ws.append(FIELD_COLUMNS)
    for row in field_rows(output):
        ws.append([str(x) if x is not None and not isinstance(x, (int, float)) else x for x in row])
    fs = wb.create_sheet("findings")
    fs.append(FINDING_COLUMNS)
    for row in finding_rows(output):
        fs.append(row)
    for sheet in (ws, fs):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
