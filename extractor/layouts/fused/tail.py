"""The tail of a form that an excerpt begins with, before the first run-together form it holds.

A page copied from a report may open on the last rows of one form (no title, no header) and run
straight on into the next form, title and header included.  The fused layout claims such a text
by that next form's header words and used to start its first chunk there, so the tail's rows were
lost.  The tail is handed on as a chunk of its own, its printed cells as ingest cut them at their
spaces, only when ``headless_line`` reads its rows with certainty; the table reader then reads it
as an excerpt without a header (``LAYOUT_HEADERLESS_TABLE``).
"""

from __future__ import annotations

from dataclasses import replace

from extractor.classify import classify_vocabulary
from extractor.grid import IngestedDocument
from extractor.rules.headless_line import headless_line
from extractor.segment.types import FormChunk, Row

_TAIL_CONFIDENCE = 0.3  # typed by its words alone; the rows decide (rules/headless_type.headless_type)


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
