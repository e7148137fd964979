"""A block's merged label that a one-line export prints again on every row, printed once.

Some templates fill a merged label cell on each row it spans (``资金情况（元） | 年度资金总额 | …``,
``绩效指标 | 产出指标 | 质量指标 | …``, Hubei's ``预算执行情况（万元）（20分）``); exported onto one
line, the copies stand between the rows, and the re-rowing cuts them off as rows of their own
(``绩效指标`` alone before each indicator row) or leaves them at the end of the row above, where
they read as a name or a figure's neighbour.  The copies after the first within a form carry
nothing the first does not (the cell-line reader drops them the same way, ``restream``), so they
are left out and the rows close up around them.
"""

from __future__ import annotations

import re

from extractor.classify import is_title
from extractor.segment.types import Row
from extractor.values import squash

# the captions a block prints in a merged cell beside all its rows (with their unit and points)
_MERGED = re.compile(r"^(项目资金|资金情况|资金投入情况|预算执行情况|年度预算安排|绩效指标$)")


def drop_repeated_labels(rows: list[Row]) -> list[Row]:
    """Rows without the copies of a merged block label after its first print in each form (a
    title starts a form); a row left empty goes.  A label with more text after it in the same
    cell (``绩效指标完成情况``) is no copy, nor one printed just before ``一级指标``: a header over
    two rows repeats its merged cells in both, and the two rows are paired by them
    (``join_header_rows``)."""
    keys = [squash(c.clean) for r in rows for c in r.cells]
    out: list[Row] = []
    seen: set[str] = set()
    at = 0
    for row in rows:
        cells = []
        for cell in row.cells:
            key, after = keys[at], keys[at + 1] if at + 1 < len(keys) else ""
            at += 1
            if is_title(cell.clean):
                seen.clear()
            if _MERGED.match(key):
                if key in seen and after != "一级指标":
                    continue
                seen.add(key)
            cells.append(cell)
        if cells:
            out.append(Row(cells, row.grid_id, row.page))
    return out
