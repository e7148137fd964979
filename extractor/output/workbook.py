"""The operators' workbook: the forms as printed, the findings on their cells, the corrections.

Sheets, in order: one per form (drawn by ``form_sheet``), 问题清单 (every finding and every failed
document, each linked to its cell), 更正记录 (who changed which field when, old → new), a hidden
sheet holding the full extraction as JSON, and last the machine-readable long sheet ``fields``
(one row per value, the CSV's columns) — the sheet ``jixiao validate`` reads an operator's
corrections from.  Every text cell is written as a string, so nothing in it becomes a formula.
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from extractor.output.form_sheet import SEVERITY_ZH, DrawnForm, draw_form
from extractor.output.rows import FIELD_COLUMNS, FORM_TYPE_ZH, field_rows, shown
from extractor.output.safe import set_text, set_value

FINDINGS_SHEET = "问题清单"
CORRECTIONS_SHEET = "更正记录"
DATA_SHEET = "_jixiao"  # hidden: the extraction and its grids as JSON, in chunks (a cell holds 32,767 characters)
LONG_SHEET = "fields"
CHUNK = 16_000  # characters; an astral character counts twice against the cell limit
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\']")


def workbook_bytes(output: dict[str, Any], layouts: list[dict[str, Any] | None] | None = None) -> bytes:
    """The workbook of ``output``; ``layouts[i]`` (``document_layout``) draws document i's forms."""
    wb = Workbook()
    wb.remove(wb.active)
    documents = output.get("documents", [])
    drawn: list[list[DrawnForm]] = []
    for d, doc in enumerate(documents):
        layout = layouts[d] if layouts and d < len(layouts) else None
        grids = {g["id"]: g for g in layout.get("grids", [])} if layout else None
        corrections = list(doc.get("corrections") or [])
        sheets = []
        for i, form in enumerate(doc.get("forms", [])):
            ws = wb.create_sheet(_sheet_name(wb, d, i, form, len(documents)))
            sheets.append(draw_form(ws, doc, i, grids, corrections))
        drawn.append(sheets)
    _findings_sheet(wb.create_sheet(FINDINGS_SHEET), documents, drawn)
    _corrections_sheet(wb.create_sheet(CORRECTIONS_SHEET), documents)
    data = wb.create_sheet(DATA_SHEET)
    kept = [{"grids": lay.get("grids", [])} if lay else None for lay in (layouts or [])]
    text = json.dumps({"output": output, "layouts": kept}, ensure_ascii=False)
    for n, start in enumerate(range(0, max(len(text), 1), CHUNK)):
        set_text(data.cell(n + 1, 1), text[start:start + CHUNK])
    data.sheet_state = "hidden"
    _long_sheet(wb.create_sheet(LONG_SHEET), output)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _sheet_name(wb: Workbook, d: int, i: int, form: dict[str, Any], n_docs: int) -> str:
    kind = FORM_TYPE_ZH.get(str(form.get("form_type")), str(form.get("form_type")))
    base = _BAD_SHEET_CHARS.sub("_", f"{f'{d + 1}-' if n_docs > 1 else ''}{i + 1} {kind}")[:31]
    name, n = base, 2
    while name in wb.sheetnames:
        name = f"{base[:27]} ({n})"
        n += 1
    return name


def _header(ws: Worksheet, names: list[str], widths: list[int]) -> None:
    for col, (name, width) in enumerate(zip(names, widths, strict=True), start=1):
        set_text(ws.cell(1, col), name)
        ws.cell(1, col).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"


def _findings_sheet(ws: Worksheet, documents: list[dict[str, Any]], drawn: list[list[DrawnForm]]) -> None:
    _header(ws, ["序号", "文档", "表", "严重程度", "代码", "说明", "字段", "单元格", "message (English)"],
            [6, 28, 22, 9, 34, 70, 30, 14, 60])
    row = 2
    for d, doc in enumerate(documents):
        if doc.get("error"):
            _row(ws, row, [row - 1, doc.get("source"), None, "失败", "DOCUMENT_FAILED", doc["error"], None, None, doc["error"]])
            row += 1
        for i, form in enumerate(doc.get("forms", [])):
            sheet = drawn[d][i]
            for f in form.get("findings", []):
                severity = f.get("severity", "info")
                _row(ws, row, [row - 1, doc.get("source"), sheet.sheet, SEVERITY_ZH.get(severity, severity), f.get("code"),
                               f.get("message_zh"), " ".join(f.get("fields") or []), None, f.get("message_en")])
                coord = next((sheet.cells[k] for c in f.get("cells") or []
                              if (k := (c.get("grid_id"), c.get("row"), c.get("col"))) in sheet.cells), "A1")
                link = ws.cell(row, 8)
                set_text(link, f"{sheet.sheet}!{coord}")
                link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{sheet.sheet}'!{coord}", display=link.value)
                link.font = Font(color="0563C1", underline="single")
                row += 1
    if row == 2:
        set_text(ws.cell(2, 1), "（没有发现问题）")
    ws.auto_filter.ref = f"A1:I{max(row - 1, 1)}"


def _corrections_sheet(ws: Worksheet, documents: list[dict[str, Any]]) -> None:
    _header(ws, ["文档", "表", "字段", "原值", "新值", "更正人", "时间", "备注"], [28, 8, 30, 20, 20, 12, 22, 30])
    row = 2
    for doc in documents:
        for c in doc.get("corrections") or []:
            index = c.get("form_index")
            _row(ws, row, [doc.get("source"), index + 1 if isinstance(index, int) else index, c.get("field"),
                           shown(c.get("previous")), shown(c.get("value")), c.get("author"), c.get("created_at"), c.get("note")])
            row += 1
    if row == 2:
        set_text(ws.cell(2, 1), "（没有更正）")


def _long_sheet(ws: Worksheet, output: dict[str, Any]) -> None:
    _header(ws, FIELD_COLUMNS, [28, 10, 18, 30, 34, 24, 24, 14, 10, 8, 14, 12])
    for r, values in enumerate(field_rows(output), start=2):
        _row(ws, r, values)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(FIELD_COLUMNS))}{max(ws.max_row, 1)}"


def _row(ws: Worksheet, row: int, values: list[Any]) -> None:
    for col, value in enumerate(values, start=1):
        set_value(ws.cell(row, col), value)
