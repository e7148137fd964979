"""What the web page needs to draw a form like the original: its grids, cell by cell, with spans.

The extraction says where each value and each finding sits as ``(grid_id, row, col)``; this
module keeps those grids in a JSON shape a browser can render without knowing anything about
spans (every row lists the cells to emit, left to right, with their rowspan/colspan, and filler
cells where the source printed nothing), and maps cells back to the form fields read from them,
so that clicking a cell can correct the right field.
"""

from __future__ import annotations

import re
from typing import Any

from extractor.grid import Cell, Grid, IngestedDocument
from extractor.service.header_spans import place_top_row
from extractor.validate.paths import form_row_spans, traced_values

MAX_TEXT_CHARS = 2_000_000
# the source text shown beside the tables; longer text is cut
_TEXT_KINDS = ("cell-lines", "tsv", "csv", "pipe", "spaced")
_NUMBER = re.compile(r"[-+]?[\d,.]+%?")


def document_layout(doc: IngestedDocument) -> dict[str, Any]:
    """The grids and text of an ingested document, as stored next to its extraction."""
    text = doc.text or ""
    return {
        "media_type": doc.media_type,
        "text": text[:MAX_TEXT_CHARS],
        "text_truncated": len(text) > MAX_TEXT_CHARS,
        "warnings": list(doc.warnings),
        "grids": [grid_layout(g) for g in doc.grids],
    }


def grid_layout(grid: Grid) -> dict[str, Any]:
    """One grid as rows of cells to emit, merged cells kept and overlapping spans clipped."""
    anchors: dict[tuple[int, int], Cell] = {}
    for row in grid.rows:
        for cell in row:
            if not cell.continuation:
                anchors.setdefault((cell.row, cell.col), cell)
    bound_h = max((r + c.rowspan for (r, _), c in anchors.items()), default=0)
    bound_w = max((k + c.colspan for (_, k), c in anchors.items()), default=0)
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()  # positions inside another cell's span
    for pos in sorted(anchors):
        rowspan, colspan = _clip(anchors[pos], anchors, covered, bound_h, bound_w)
        spans[pos] = (rowspan, colspan)
        covered.update((pos[0] + dr, pos[1] + dc) for dr in range(rowspan) for dc in range(colspan) if dr or dc)
    height = max((r + rs for (r, _), (rs, _) in spans.items()), default=0)
    width = max((k + cs for (_, k), (_, cs) in spans.items()), default=0)
    # Pasted text gives only the order of cells: a short row (a title, a label and its value)
    # is drawn with its last cell running to the right edge, as it was printed, not as
    # a narrow cell followed by empty ones.
    if grid.kind in _TEXT_KINDS and all(s == (1, 1) for s in spans.values()):
        last_in_row: dict[int, int] = {}
        for r, k in anchors:
            last_in_row[r] = max(last_in_row.get(r, k), k)
        for r, k in last_in_row.items():
            spans[(r, k)] = (1, width - k)
        _place_two_row_headers(grid, anchors, spans, covered)
    rows: list[list[dict[str, Any]]] = []
    for r in range(height):
        out: list[dict[str, Any]] = []
        k = 0
        while k < width:
            if (r, k) in anchors:
                rowspan, colspan = spans[(r, k)]
                out.append(_cell_json(anchors[(r, k)], rowspan, colspan, x=k))
                k += colspan
                continue
            if (r, k) not in covered:
                out.append({"row": r, "col": k, "text": "", "rowspan": 1, "colspan": 1, "filler": True})
            k += 1
        rows.append(out)
    return {"id": grid.id, "kind": grid.kind, "page": grid.page, "n_rows": height, "n_cols": width, "rows": rows}


def _clip(
    cell: Cell, anchors: dict[tuple[int, int], Cell], covered: set[tuple[int, int]], height: int, width: int
) -> tuple[int, int]:
    """The largest span ≤ the printed one that covers no other cell (broken spans happen)."""
    rowspan = max(1, min(cell.rowspan, height - cell.row))
    colspan = max(1, min(cell.colspan, width - cell.col))

    def clash(rs: int, cs: int) -> bool:
        return any(
            (dr or dc) and ((cell.row + dr, cell.col + dc) in anchors or (cell.row + dr, cell.col + dc) in covered)
            for dr in range(rs)
            for dc in range(cs)
        )

    while colspan > 1 and clash(1, colspan):
        colspan -= 1
    while rowspan > 1 and clash(rowspan, colspan):
        rowspan -= 1
    return rowspan, colspan


def _place_two_row_headers(
    grid: Grid, anchors: dict[tuple[int, int], Cell], spans: dict[tuple[int, int], tuple[int, int]],
    covered: set[tuple[int, int]],
) -> None:
    """A pasted two-row header drawn with its top row over the columns it heads (``header_spans``)."""
    rows = grid.rows
    for r in range(len(rows) - 2):
        if not all(_headerish(rows[r + i]) for i in (0, 1)):
            continue
        placed = place_top_row(rows[r], rows[r + 1], rows[r + 2])
        if placed is None:
            continue
        for cell in rows[r]:
            anchors.pop((r, cell.col), None)
            spans.pop((r, cell.col), None)
        for p in placed:
            anchors[(r, p.x)] = p.cell
            spans[(r, p.x)] = (p.rowspan, p.colspan)
            covered.update((r, p.x + dc) for dc in range(1, p.colspan))
            if p.rowspan == 2:  # the empty sub-header cell under a one-column group
                anchors.pop((r + 1, p.x), None)
                spans.pop((r + 1, p.x), None)
                covered.add((r + 1, p.x))


def _headerish(row: list[Cell]) -> bool:
    """A row of labels: no cell is a number (a data row never passes for a header)."""
    return bool(row) and not any(_NUMBER.fullmatch(c.clean) for c in row if not c.is_blank)


def _cell_json(cell: Cell, rowspan: int, colspan: int, x: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"row": cell.row, "col": cell.col, "text": cell.text, "rowspan": rowspan, "colspan": colspan}
    if x is not None and x != cell.col:
        out["x"] = x  # drawn at another column than the one it was read from (a pasted header)
    for key in ("page", "char_start", "char_end"):
        value = getattr(cell, key)
        if value is not None:
            out[key] = value
    if cell.bbox is not None:
        out["bbox"] = list(cell.bbox)
    return out


def cell_key(grid_id: Any, row: Any, col: Any) -> str:
    return f"{grid_id}:{row}:{col}"


def form_view(form: dict[str, Any], grid_order: list[str]) -> dict[str, Any]:
    """Which grids a form was read from (document order), which rows of each, and which fields each cell holds."""
    fields: dict[str, list[str]] = {}
    used: set[str] = set()
    for path, value in traced_values(form):
        for ref in value.get("source") or []:
            if ref.get("grid_id") is None:
                continue
            used.add(ref["grid_id"])
            if ref.get("row") is not None and ref.get("col") is not None:
                fields.setdefault(cell_key(ref["grid_id"], ref["row"], ref["col"]), []).append(path)
    for finding in form.get("findings") or []:
        used.update(c["grid_id"] for c in finding.get("cells") or [] if c.get("grid_id") is not None)
    spans = form_row_spans(form)
    return {
        "grid_ids": [g for g in grid_order if g in used],
        "cell_fields": fields,
        "rows": {g: list(spans[g]) for g in grid_order if g in spans},
    }
