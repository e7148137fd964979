"""Two score sheets in one found form: a blank template printed twice, the second untitled.

Segmentation cuts forms at titles; a second sheet whose title was lost (or never printed) runs on
into the first, and read as one form its items count twice.  A repeated header row is a new
sheet only when the rubric restarts under it (its first labels are the first sheet's first
labels): a header repeated at a page break is followed by the rows that continue the sheet.
"""

from __future__ import annotations

from extractor.rules.score_sheet import is_header_row
from extractor.segment.types import FormChunk, Row
from extractor.values import squash
from schemas.common import SCORE_SHEET_TYPES


def split(chunk: FormChunk) -> list[FormChunk] | None:
    """The chunk's sheets, each from its header row on; None when it holds one sheet."""
    if chunk.form_type not in SCORE_SHEET_TYPES:
        return None
    rows = chunk.rows
    marked = [i for i, row in enumerate(rows) if not row.is_paragraph and is_header_row(row)]
    headers = [i for i in marked if i - 1 not in marked]  # a two-line header is one header
    if len(headers) < 2:
        return None
    first = _opening(rows, headers[0])
    cuts = [h for h in headers[1:] if first is not None and _opening(rows, h) == first]
    if not cuts:
        return None
    bounds = [0, *cuts, len(rows)]
    parts = []
    for k, (start, end) in enumerate(zip(bounds, bounds[1:], strict=False)):
        title, title_row = (chunk.title, chunk.title_row) if k == 0 else ("", None)
        parts.append(FormChunk(0, chunk.form_type, chunk.type_confidence, title, title_row, rows[start:end],
                               list(chunk.context) if k == 0 else []))
    return parts


def _opening(rows: list[Row], header: int) -> str | None:
    """The first labels printed under a header row (past a second header row)."""
    for row in rows[header + 1: header + 4]:
        if row.is_paragraph or is_header_row(row):
            continue
        texts = [squash(t) for t in row.texts if t.strip()]
        if texts and not any(w in "".join(texts) for w in ("一级指标", "二级指标")):
            return "|".join(texts[:2])
    return None
