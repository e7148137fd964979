"""One form drawn on a worksheet the way it was printed: its grid rows, merged cells, widths.

The grid a form was read from (``extractor.service.layout.grid_layout``) gives every cell with
its span; only the rows the form's values and findings come from are drawn, so two forms that
share one grid each get their own part.  Plain numbers become numbers with the printed decimals
as their format (a SUM works), text stays text; each finding fills its cells and explains itself
in a comment, and each corrected value shows its new value with the old one in a comment.
Without grids (a re-validated JSON) the values are placed at the cells they were read from.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from extractor.output.rows import FORM_TYPE_ZH, layout_of, parse_number, shown
from extractor.output.safe import set_text, set_value
from extractor.validate.paths import form_row_spans, traced_values

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
FILLS = {
    "error": PatternFill("solid", fgColor="FFC7CE"),
    "warning": PatternFill("solid", fgColor="FFEB9C"),
    "info": PatternFill("solid", fgColor="DDEBF7"),
    "corrected": PatternFill("solid", fgColor="C6EFCE"),
}
_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
NUMBER_ALIGN = Alignment(vertical="center")
FIRST_ROW = 4  # rows 1–3: title, what/where line, a blank row
MIN_WIDTH, MAX_WIDTH = 6, 40


@dataclass
class DrawnForm:
    """Where things landed: grid cell ``(grid_id, row, col)`` → sheet coordinate such as ``B12``."""

    sheet: str
    cells: dict[tuple[str, int, int], str] = field(default_factory=dict)


def draw_form(ws: Worksheet, doc: dict[str, Any], index: int, grids: dict[str, dict[str, Any]] | None,
              corrections: list[dict[str, Any]]) -> DrawnForm:
    form = doc["forms"][index]
    drawn = DrawnForm(ws.title)
    _heading(ws, doc, form, index)
    parts = _parts(form, grids) if grids else []
    if not parts:
        parts = _parts_from_values(form)
    row = FIRST_ROW
    widths: dict[int, float] = {}
    for grid, first, last in parts:
        row = _draw_grid(ws, grid, first, last, row, drawn, widths) + 1
    if not parts:
        row = _draw_value_list(ws, form, row, widths)
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = max(MIN_WIDTH, min(MAX_WIDTH, width + 2))
    _mark_findings(ws, form, drawn)
    _mark_corrections(ws, form, index, drawn, corrections)
    header = _header_row(form, parts)
    ws.freeze_panes = f"A{header + 1}"
    ws.sheet_view.zoomScale = 90
    # printed as the paper form was: landscape, one page wide, the indicator header on each page
    if header >= FIRST_ROW:
        ws.print_title_rows = f"{header}:{header}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    fit = ws.sheet_properties.pageSetUpPr  # openpyxl always creates it; its stubs allow None
    if fit is None:
        fit = ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    fit.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    return drawn


def _heading(ws: Worksheet, doc: dict[str, Any], form: dict[str, Any], index: int) -> None:
    kind = FORM_TYPE_ZH.get(str(form.get("form_type")), str(form.get("form_type")))
    set_text(ws.cell(1, 1), str(form.get("title") or kind))
    ws.cell(1, 1).font = Font(bold=True, size=14)
    counts = {s: sum(1 for f in form.get("findings", []) if f.get("severity") == s) for s in SEVERITY_ZH}
    parts = [f"来源：{doc.get('source')}", f"第 {index + 1} 张表", kind]
    name, score = layout_of(form)
    if name:
        parts.append(f"版式：{name}" + (f"（匹配度 {score}）" if score is not None else ""))
    parts.append(f"{counts['error']} 个错误，{counts['warning']} 个警告，{counts['info']} 个提示")
    set_text(ws.cell(2, 1), " · ".join(parts))
    ws.cell(2, 1).font = Font(color="595959")


def _parts(form: dict[str, Any], grids: dict[str, dict[str, Any]]) -> list[tuple[dict[str, Any], int, int]]:
    """The grids the form was read from, in document order, each with its first and last row."""
    spans = form_row_spans(form)
    return [(grids[g], spans[g][0], spans[g][1]) for g in grids if g in spans]


def _parts_from_values(form: dict[str, Any]) -> list[tuple[dict[str, Any], int, int]]:
    """Without the grids: one cell per value, at the row and column it was read from."""
    cells: dict[str, dict[tuple[int, int], str]] = {}
    for _, value in traced_values(form):
        for ref in value.get("source") or []:
            if ref.get("grid_id") is not None and ref.get("row") is not None and ref.get("col") is not None:
                text = value.get("raw") if value.get("raw") is not None else value.get("value")
                if isinstance(text, dict):
                    text = text.get("text")
                cells.setdefault(ref["grid_id"], {})[(ref["row"], ref["col"])] = "" if text is None else str(text)
    out = []
    for gid, by_pos in cells.items():
        rows: dict[int, list[dict[str, Any]]] = {}
        for (r, c), text in sorted(by_pos.items()):
            rows.setdefault(r, []).append({"row": r, "col": c, "text": text, "rowspan": 1, "colspan": 1})
        first, last = min(rows), max(rows)
        grid = {"id": gid, "rows": [rows.get(r, []) for r in range(last + 1)]}
        out.append((grid, first, last))
    return out


def _draw_grid(ws: Worksheet, grid: dict[str, Any], first: int, last: int, top: int, drawn: DrawnForm,
               widths: dict[int, float]) -> int:
    """Rows ``first..last`` of ``grid`` from sheet row ``top``; returns the last sheet row used."""
    heights: dict[int, int] = {}
    ids = _StyleIds(ws)
    for r in range(first, last + 1):
        for cell in grid["rows"][r] if r < len(grid["rows"]) else []:
            if cell.get("filler") and not cell.get("text"):
                continue
            rowspan = min(int(cell.get("rowspan", 1)), last - r + 1)
            colspan = int(cell.get("colspan", 1))
            # "x": where a pasted two-row header's top cell is drawn when it differs from where it was read
            y, x = top + r - first, int(cell.get("x", cell["col"])) + 1
            target = ws.cell(y, x)
            ids.write(target, str(cell.get("text") or ""))
            coord = target.coordinate
            if "x" in cell:  # a moved header cell: its own place and the empty cells below it, as on the page
                covered = [(r, int(cell["col"])), *((r + dr, x - 1) for dr in range(1, rowspan))]
            else:
                covered = [(r + dr, x - 1 + dc) for dr in range(rowspan) for dc in range(colspan)]
            for row, col in covered:
                drawn.cells[(grid["id"], row, col)] = coord
            if rowspan > 1 or colspan > 1:
                ids.merge(y, x, y + rowspan - 1, x + colspan - 1)
            text_width = display_width(str(cell.get("text") or ""))
            if colspan == 1:
                widths[x] = max(widths.get(x, 0), min(text_width, MAX_WIDTH))
            lines = math.ceil(text_width / max(MIN_WIDTH, min(MAX_WIDTH, widths.get(x, text_width) + 2) * colspan))
            heights[y] = max(heights.get(y, 1), min(lines // max(rowspan, 1), 8))
    for y, lines in heights.items():
        if lines > 1:
            ws.row_dimensions[y].height = 15 * lines + 2
    return top + last - first


class _StyleIds:
    """Border and alignment set by their index in the workbook's style tables.

    openpyxl hashes the whole style object on every ``cell.border = …`` and re-formats the edges
    of every merged range; on a form of a few hundred cells that was 2/3 of the workbook's time.
    The grid cells all share one border and one of two alignments, so their indexes are looked up
    once and written into each cell's style array; merged areas get their covered cells with the
    same border (what ``merge_cells`` would copy) without the re-formatting.
    """

    def __init__(self, ws: Worksheet) -> None:
        wb: Any = ws.parent  # its style tables (_borders, _alignments) are openpyxl's private API, untyped
        self.ws = ws
        self.border = wb._borders.add(BORDER)
        self.wrap = wb._alignments.add(WRAP)
        self.number = wb._alignments.add(NUMBER_ALIGN)

    def write(self, cell: Any, text: str) -> None:
        number = parse_number(text)
        if number is not None:
            cell.value = number[0]
            cell.number_format = number[1]
        else:
            set_text(cell, text)
        style = _style_array(cell)
        style.borderId = self.border
        style.alignmentId = self.number if number is not None else self.wrap

    def merge(self, y: int, x: int, y2: int, x2: int) -> None:
        ref = f"{get_column_letter(x)}{y}:{get_column_letter(x2)}{y2}"
        self.ws.merged_cells.add(MergedCellRange(self.ws, ref))
        for row in range(y, y2 + 1):
            for col in range(x, x2 + 1):
                if (row, col) != (y, x):
                    covered = MergedCell(self.ws, row, col)
                    _style_array(covered).borderId = self.border
                    self.ws._cells[(row, col)] = covered


def _style_array(cell: Any) -> StyleArray:
    if not cell._style:  # openpyxl creates it lazily, as its own style setters do
        cell._style = StyleArray()
    style: StyleArray = cell._style
    return style


def _write_cell(cell: Any, text: str) -> None:
    number = parse_number(text)
    if number is not None:
        cell.value = number[0]
        cell.number_format = number[1]
        cell.alignment = NUMBER_ALIGN
    else:
        set_text(cell, text)
        cell.alignment = WRAP


def _draw_value_list(ws: Worksheet, form: dict[str, Any], row: int, widths: dict[int, float]) -> int:
    """Nothing placed in a grid (text spans only): the values as a two-column list."""
    for path, value in traced_values(form):
        v = value.get("value")
        if v is None:
            continue
        set_text(ws.cell(row, 1), path)
        set_value(ws.cell(row, 2), v.get("text") if isinstance(v, dict) else v)
        row += 1
    widths[1], widths[2] = 30, 40
    return row


def _mark_findings(ws: Worksheet, form: dict[str, Any], drawn: DrawnForm) -> None:
    notes: dict[str, list[str]] = {}
    worst: dict[str, str] = {}
    rank = {"error": 0, "warning": 1, "info": 2}
    for f in form.get("findings", []):
        severity = f.get("severity", "info")
        for coord in _coords(f.get("cells") or [], drawn):
            note = f"[{SEVERITY_ZH.get(severity, severity)}] {f['code']}：{f.get('message_zh', '')}"
            notes.setdefault(coord, []).append(note)
            if rank.get(severity, 2) < rank.get(worst.get(coord, "info"), 2) or coord not in worst:
                worst[coord] = severity
    for coord, lines in notes.items():
        ws[coord].fill = FILLS.get(worst[coord], FILLS["info"])
        _comment(ws, coord, "\n".join(dict.fromkeys(lines)))


def _mark_corrections(ws: Worksheet, form: dict[str, Any], index: int, drawn: DrawnForm,
                      corrections: list[dict[str, Any]]) -> None:
    """Each manually corrected value shows the new value on its cell, the old one in a comment."""
    latest = {c.get("field"): c for c in corrections if c.get("form_index") == index}
    for path, value in traced_values(form):
        if value.get("backend") != "manual":
            continue
        coords = _coords(value.get("source") or [], drawn)
        if len(coords) != 1:
            continue
        new = shown(value)
        _write_cell(ws[coords[0]], "" if new is None else str(new))
        c = latest.get(path)
        who = f"（{c.get('author') or '?'}，{c.get('created_at') or '?'}）" if c else ""
        old = shown(c.get("previous")) if c else None
        note = f"[更正] {path}：{'' if old is None else old} → {'' if new is None else new}{who}"
        if ws[coords[0]].fill.fgColor.rgb in (None, "00000000"):
            ws[coords[0]].fill = FILLS["corrected"]
        existing = ws[coords[0]].comment.text + "\n" if ws[coords[0]].comment else ""
        _comment(ws, coords[0], existing + note)


def _coords(refs: list[dict[str, Any]], drawn: DrawnForm) -> list[str]:
    out = []
    for ref in refs:
        key: tuple[Any, Any, Any] = (ref.get("grid_id"), ref.get("row"), ref.get("col"))  # as the JSON holds it
        coord = drawn.cells.get(key)
        if coord is not None and coord not in out:
            out.append(coord)
    return out


def _comment(ws: Worksheet, coord: str, text: str) -> None:
    comment = Comment(text, "jixiao")
    comment.width, comment.height = 320, min(60 + 18 * text.count("\n") + len(text) // 2, 400)
    ws[coord].comment = comment


def _header_row(form: dict[str, Any], parts: list[tuple[dict[str, Any], int, int]]) -> int:
    """The sheet row to freeze below: the indicator table's header when it is near the top."""
    if not parts:
        return FIRST_ROW - 1
    grid, first, _ = parts[0]
    rows: list[int] = [ref["row"] for path, v in traced_values(form) if path.startswith("indicators[")
            for ref in v.get("source") or [] if ref.get("grid_id") == grid["id"] and isinstance(ref.get("row"), int)]
    if rows:
        header = FIRST_ROW + min(rows) - first - 1
        if FIRST_ROW <= header <= FIRST_ROW + 15:
            return header
    return FIRST_ROW - 1


def display_width(text: str) -> float:
    """Columns a text takes in a spreadsheet: CJK characters count twice; the longest line counts."""
    return max((sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1.1 for ch in line)
                for line in text.splitlines() or [""]), default=0)
