"""偏差原因分析 printed once under the indicator table (Hubei 20-point forms), not per indicator.

Such a form has no reason column: its missed targets are explained together in one free-text
row (``偏差原因分析 | 养护道路里程：资金未拨付到位；…``).  Read into ``deviation_note``, it tells
the validator the reasons were given, so no missed indicator is reported as unexplained.
"""

from __future__ import annotations

import re

from extractor.rules.cells import text_value
from extractor.segment.types import Row
from extractor.values import is_placeholder, squash
from schemas.common import Value

_LABEL = re.compile(
    r"^(偏差大?或?目标未完成原因分析|偏差原因分析|未完成原因分析|偏差原因|未完成原因)(及改进措施)?[:：]?$"
)


def read_deviation_note(rows: list[Row], start: int) -> Value[str]:
    """The text of the first row from ``start`` on that a deviation label opens and one text
    fills (a merged cell, or its copies); empty when the form prints no such row."""
    for row in rows[start:]:
        cells = [c for c in row.cells if c.clean and not c.continuation]
        if len(cells) < 2 or not _LABEL.match(squash(cells[0].clean)):
            continue
        texts = {c.clean for c in cells[1:]}
        if len(texts) == 1 and not is_placeholder(cells[1].clean):
            return text_value(row, cells[1])
    return Value[str]()
