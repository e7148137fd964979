"""The tail of a form that an excerpt begins with, before the first run-together form it holds.

A page copied from a report may open on the last rows of one form (no title, no header) and run
straight on into the next form, title and header included.  The fused layout claims such a text
by that next form's header words and used to start its first chunk there, so the tail's rows were
lost.  The tail is handed on as a chunk of its own, its printed cells as ingest cut them at their
spaces, only when ``headless_line`` reads its rows with certainty; the table reader then reads it
as an excerpt without a header (``LAYOUT_HEADERLESS_TABLE``).

A tail printed with few spaces (a space on half the boundaries that touch a figure) reaches
segmentation as one paragraph: ingest takes a line of few, long, space-separated stretches for
prose.  A document that is only that line, printing no title and no header words, is cut at its
spaces as ingest cuts a spaced row, and handed on the same way when ``headless_line`` reads it.
A document that is one line of cells (ingest cut it at its spaces) is handed on whole the same way:
segmentation re-rows such a line and may leave its first rows out.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractor.classify import classify_vocabulary
from extractor.grid import Cell, Grid, IngestedDocument, Paragraph
from extractor.rules.headless_line import headless_line
from extractor.segment.types import FormChunk, Row

_TAIL_CONFIDENCE = 0.3  # typed by its words alone; the rows decide (rules/headless_type.headless_type)
TAIL_GRID = "tail"  # the rows of a one-paragraph tail cut at its spaces
_STRETCH = re.compile(r"\S+")
# a title or the header's labels: a form printed whole (run together), not a table's tail
_WHOLE_FORM = re.compile(r"表[)）]?(?:\s|$)|自评表|目标表|申报表|打分表|评分表|一级指标|二级指标|三级指标|指标名称|"
                         r"项目名称|指标值|年度指标值|实际完成值")


def tail_chunk(doc: IngestedDocument, end: int) -> FormChunk | None:
    """The chunk of the cells printed before source offset ``end`` on the text's first grid row
    holding any, when they read as a table's headless tail; else None."""
    for grid in doc.grids:
        for cells in grid.rows:
            before = [c for c in cells if c.char_end is not None and c.char_end <= end]
            before += [replace(c, text=c.text[:end - c.char_start], char_end=end) for c in cells  # the total's
                       if c.char_start is not None and c.char_end is not None and c.char_start < end < c.char_end
                       and c.text == c.clean]  # last figure glued to the title (``97.17`` of ``97.172023年度…``)
            if not before:
                continue
            row = Row(before, grid.id, grid.page)
            if headless_line([row]) is None:
                return None
            form_type, _ = classify_vocabulary([c.clean for c in before])
            return FormChunk(0, form_type, _TAIL_CONFIDENCE, "", None, [row])
    return None


def paragraph_tail(doc: IngestedDocument) -> FormChunk | None:
    """The chunk of a document that is one paragraph (cut at its spaces) or one line of cells
    printing a table's tail, when ``headless_line`` reads its rows with certainty; else None."""
    if len(doc.blocks) == 1 and isinstance(grid := doc.blocks[0], Grid) and len(grid.rows) == 1:
        return _line_tail(list(grid.rows[0]), grid.id, grid.page)
    if len(doc.blocks) != 1 or not isinstance(para := doc.blocks[0], Paragraph) or para.char_start is None:
        return None
    if "\n" in para.text or _WHOLE_FORM.search(para.text):
        return None
    cells = [Cell(m.group(0), 0, k, char_start=para.char_start + m.start(), char_end=para.char_start + m.end(),
                  page=para.page) for k, m in enumerate(_STRETCH.finditer(para.text))]
    row = Row(cells, TAIL_GRID, para.page)
    if headless_line([row]) is None:
        return None
    form_type, _ = classify_vocabulary([c.clean for c in cells])
    return FormChunk(0, form_type, _TAIL_CONFIDENCE, "", None, [row])


def _line_tail(cells: list[Cell], grid_id: str, page: int | None) -> FormChunk | None:
    """A document that is one line of cells, as ingest cut it at its spaces: its tail's chunk, read
    whole (segmentation re-rows such a line and may leave its first rows out)."""
    if _WHOLE_FORM.search("".join(c.text for c in cells)):
        return None
    row = Row(cells, grid_id, page)
    if headless_line([row]) is None:
        return None
    form_type, _ = classify_vocabulary([c.clean for c in cells])
    return FormChunk(0, form_type, _TAIL_CONFIDENCE, "", None, [row])
