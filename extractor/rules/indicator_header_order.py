"""Indicator headers whose words were scrambled by PDF text extraction.

一级指标 is the leftmost column of every indicator table.  When a header row prints other header
words before it (``分值 | 得分 | 偏差原因… | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位``,
with ``年度指标值 | 实际完成值`` on the line above), the extraction wrapped the header, so its columns
are put back in the national template order and the words of the header-only line above join in.
The reorder is reported, and the data rows are still aligned by cell type by the table reader.
"""

from __future__ import annotations

from extractor.rules.indicators import IndicatorHeader
from extractor.segment.types import Row
from extractor.vocab import INDICATOR_COLUMNS, match_column
from schemas.common import Finding

# national template order; the Yunnan split target prints 指标性质 | 指标值 | 度量单位 in its place
TEMPLATE_ORDER = ("level1", "level2", "name", "nature", "target", "unit", "actual", "completion",
                  "weight", "score", "deviation_reason")


def _fields(row: Row) -> list[str] | None:
    """The header fields of a row that prints only header words (one label cell allowed)."""
    words = [t for t in row.texts if t.strip()]
    fields = [match_column(t, INDICATOR_COLUMNS) for t in words]
    named = [f for f in fields if f]
    return named if named and len(named) >= len(words) - 1 else None


def reorder_scrambled_header(rows: list[Row], header: IndicatorHeader) -> tuple[IndicatorHeader, Finding | None]:
    """The header with columns in template order when 一级 is not its first column; else unchanged."""
    cols = header.columns
    l1 = next((pos for pos, f in cols.items() if f == "level1"), None)
    if l1 is None or not any(pos < l1 for pos in cols) or header.first_row != header.last_row:
        return header, None
    present = set(cols.values())
    first = header.first_row
    if first > 0 and not rows[first - 1].is_paragraph:
        above = _fields(rows[first - 1])
        if above is not None:
            present |= set(above)
            first -= 1
    ordered = [f for f in TEMPLATE_ORDER if f in present]
    columns = dict(enumerate(ordered))
    finding = Finding(
        code="LAYOUT_HEADER_REORDERED",
        severity="info",
        message_zh="指标表表头顺序被文本提取打乱（一级指标不在首列），已按标准模板顺序重排",
        message_en="indicator header words were out of order (一级指标 not first); columns put in template order",
        rule="indicators.header_order",
    )
    return IndicatorHeader(first, header.last_row, columns), finding
