"""Excel (.xlsx) ingest: grids built from the workbook itself, elements from unstructured.

Measured on unstructured 0.27.30: ``partition_xlsx`` turns merged ranges into empty cells, and
with ``find_subtable=True`` (its default) it also cuts a form into several tables at the
merged rows and drops columns that are only covered by merges.  Mapping its cells back to sheet
positions is guesswork, so each sheet's grid is built with openpyxl (values as Excel displays
them, merged ranges as rowspan/colspan on the anchor cell) and tied to the sheet's unstructured
``Table`` element (``find_subtable=False``: one per sheet) by sheet name.

A sheet's title rows (one text cell, usually merged across the width) and trailing notes become
paragraphs so that the grid starts at the form's first real row, as it does for docx.  Grid
rows/columns are 0-based positions inside that grid; ``page`` is the 1-based sheet index.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from typing import Any

from extractor.errors import JixiaoError, corrupt
from extractor.grid import Block, Cell, Grid, Paragraph
from extractor.ingest import sniff
from extractor.ingest.html_table import require_content
from extractor.ingest.limits import DEFAULT_LIMITS, Limits, check
from extractor.ingest.offline import ensure_offline


def xlsx_blocks(data: bytes, source: str, limits: Limits = DEFAULT_LIMITS) -> tuple[list[Block], list[Any]]:
    """Reads every visible sheet into paragraphs and one grid, plus unstructured's elements.

    The cells the sheets store are counted before openpyxl loads them, and the area each
    sheet's grid would span (a stray value at XFD1048576 makes it 17 billion cells) before
    unstructured or the grid builder sees it.
    """
    from extractor.ingest.precheck import check_bytes

    sniff.require_kind(data, source, "xlsx", limits)
    check_bytes(data, source, "xlsx", limits, deep=True)
    workbook = _load_workbook(data, source)
    visible = [(index, ws) for index, ws in enumerate(workbook.worksheets, start=1) if ws.sheet_state == "visible"]
    check_sheet_areas([ws for _, ws in visible], source, limits)
    elements = _partition(data, source)
    tables = {getattr(e.metadata, "page_name", None): e for e in elements if e.category == "Table"}
    blocks: list[Block] = []
    n_grids = 0
    for index, ws in visible:
        matrix = sheet_matrix(ws, page=index)
        if not matrix:
            continue
        head, body, tail = split_title_rows(matrix)
        blocks += [Paragraph(text=t, page=index) for t in head]
        if body:
            n_grids += 1
            element = tables.get(ws.title)
            grid = Grid(id=f"t{n_grids}", kind="xlsx", rows=body, page=index)
            grid.element_id = element.id if element is not None else None
            blocks.append(grid)
        blocks += [Paragraph(text=t, page=index) for t in tail]
    require_content(blocks, source, "xlsx")
    return blocks, elements


def check_sheet_areas(sheets: list[Any], source: str, limits: Limits) -> None:
    """Refuses sheets whose used area (first to last value) is over the cell limit.

    The grid of a sheet is its used rectangle, blanks included, so one far-off value is what
    costs; the message names that cell so the operator can delete it.
    """
    total = 0
    for ws in sheets:
        extent = _value_extent(ws)
        if extent is None:
            continue
        top, left, bottom, right = extent
        area = (bottom - top + 1) * (right - left + 1)
        total += area
        if area > limits.max_cells:
            from openpyxl.utils import get_column_letter

            first, last = f"{get_column_letter(left)}{top}", f"{get_column_letter(right)}{bottom}"
            check(limits, "max_cells", area, source,
                  f"the sheet {ws.title!r} spans {first}:{last} ({bottom - top + 1:,} rows × {right - left + 1:,} columns"
                  f" = {area:,} cells)",
                  fix=f"delete the stray values far from the form (Ctrl+End in Excel/WPS jumps to {last})")
    check(limits, "max_cells", total, source, f"the visible sheets span {total:,} cells")


def _value_extent(ws: Any) -> tuple[int, int, int, int] | None:
    """(top, left, bottom, right) of the cells holding a value, 1-based; ``None`` when empty."""
    keys = [key for key, cell in ws._cells.items() if cell.value is not None and str(cell.value).strip()]
    if not keys:
        return None
    rows = [r for r, _ in keys]
    cols = [c for _, c in keys]
    return min(rows), min(cols), max(rows), max(cols)


def _load_workbook(data: bytes, source: str) -> Any:
    import openpyxl

    try:
        # data_only: formulas read as the values Excel/WPS cached when the file was saved
        return openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # noqa: BLE001 - parser boundary on untrusted bytes
        raise corrupt(source, "xlsx", f"{type(exc).__name__}: {exc}"[:200]) from None


def _partition(data: bytes, source: str) -> list[Any]:
    ensure_offline()
    from unstructured.partition.xlsx import partition_xlsx

    try:
        return list(
            partition_xlsx(
                file=io.BytesIO(data),
                metadata_filename=source,
                infer_table_structure=True,
                find_subtable=False,
                include_header=False,
                languages=["zho"],
            )
        )
    except JixiaoError:
        raise
    except Exception as exc:  # noqa: BLE001 - parser boundary on untrusted bytes
        raise corrupt(source, "xlsx", f"{type(exc).__name__}: {exc}"[:200]) from None


def sheet_matrix(ws: Any, page: int) -> list[list[Cell]]:
    """The sheet's used area as rows of anchor cells (merged ranges spanned), 0-based.

    Iterates the cells the sheet stores rather than ``max_row × max_column``: formatting a whole
    column inflates those to a million rows while the form has thirty.
    """
    values: dict[tuple[int, int], str] = {}
    for (r, c), cell in ws._cells.items():  # sparse store; see docstring
        text = display_text(cell.value, cell.number_format)
        if text:
            values[(r, c)] = text
    if not values:
        return []
    top = min(r for r, _ in values)
    bottom = max(r for r, _ in values)
    left = min(c for _, c in values)
    right = max(c for _, c in values)

    anchors: dict[tuple[int, int], tuple[int, int]] = {}  # (row, col) -> (rowspan, colspan)
    covered: set[tuple[int, int]] = set()
    for rng in ws.merged_cells.ranges:
        r0, c0 = max(rng.min_row, top), max(rng.min_col, left)
        r1, c1 = min(rng.max_row, bottom), min(rng.max_col, right)
        if r0 > r1 or c0 > c1:
            continue
        anchors[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        if (rng.min_row, rng.min_col) in values and (r0, c0) != (rng.min_row, rng.min_col):
            values[(r0, c0)] = values[(rng.min_row, rng.min_col)]
        covered.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1))

    rows: list[list[Cell]] = []
    for r in range(top, bottom + 1):
        row: list[Cell] = []
        for c in range(left, right + 1):
            span = anchors.get((r, c))
            if span is None and (r, c) in covered:
                continue
            rowspan, colspan = span or (1, 1)
            text = values.get((r, c), "")
            row.append(Cell(text, r - top, c - left, rowspan=rowspan, colspan=colspan, page=page))
        rows.append(row)
    return rows


def split_title_rows(matrix: list[list[Cell]]) -> tuple[list[str], list[list[Cell]], list[str]]:
    """Peels single-text rows off the top and bottom: titles, units (单位：万元), notes.

    A row stays in the table when it holds a blank merged cell (an empty value box of a blank
    template) or is reached by a span from above; a blank template row without merges
    (``项目名称`` and nothing else) is indistinguishable from a title and is peeled.
    """

    def is_text_line(row: list[Cell]) -> bool:
        filled = [c for c in row if not c.is_blank]
        blank_merges = any(c.is_blank and (c.rowspan > 1 or c.colspan > 1) for c in row)
        return len(filled) <= 1 and not blank_merges and all(c.rowspan == 1 for c in filled)

    def reached(row_index: int) -> bool:
        return any(c.row < row_index < c.row + c.rowspan for row in matrix[:row_index] for c in row)

    top, bottom = 0, len(matrix)
    head: list[str] = []
    while top < bottom and is_text_line(matrix[top]):
        head += [c.clean for c in matrix[top] if not c.is_blank]
        top += 1
    tail: list[str] = []
    while bottom > top and is_text_line(matrix[bottom - 1]) and not reached(bottom - 1):
        tail = [c.clean for c in matrix[bottom - 1] if not c.is_blank] + tail
        bottom -= 1
    body = matrix[top:bottom]
    for row in body:
        for cell in row:
            cell.row -= top
    return head, body, tail


_LITERALS = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]')


def display_text(value: Any, number_format: str | None) -> str:
    """Renders a cell value the way Excel prints it, for the formats forms use.

    Forms store 95% as 0.95 with a percent format and money with fixed decimals; the extractor
    must see the printed text (``95%``, ``9.50``), not the stored float.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return _format_number(value, number_format or "General")
    return str(value).strip()


def _format_number(value: float | int, number_format: str) -> str:
    section = _LITERALS.sub("", number_format.split(";")[0])
    if section.strip() in ("", "General", "@"):
        return _general(value)
    percent = "%" in section
    number = value * 100 if percent else value
    decimals = len(re.findall(r"0", section.split(".", 1)[1])) if "." in section else 0
    if not re.search(r"[0#?]", section):
        return _general(value)
    grouping = "," in section.split(".", 1)[0]
    text = f"{number:{',' if grouping else ''}.{decimals}f}"
    return text + ("%" if percent else "")


def _general(value: float | int) -> str:
    """Excel's General format: up to 11 significant digits, no exponent for form-sized numbers."""
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    text = format(Decimal(f"{value:.11g}"), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
