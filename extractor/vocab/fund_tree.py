"""Funds blocks printed as a hierarchy of sources (项目库 declarations): numbered subtotals, each
followed by its numbered parts::

    年度资金总额 | 6.30
    （一）财政拨款小计 | 6.30
      1、一般公共预算 | 6.30
      2、政府性基金 | 0.00
    （二）自有资金小计 | 0.00
      1、事业收入 | 0.00
    （三）其他收入 | 0.00

A subtotal names its source (财政拨款 fiscal, 自有资金 unit funds); a part under it is a line item
of that subtotal whatever source its own words name (``1、一般公共预算`` is not a second fiscal
row), and a part's words need not name any source at all (``1、事业收入``).
"""

from __future__ import annotations

import re

from extractor.vocab.columns import fund_role
from extractor.vocab.key import squash
from schemas.common import FundRole

_HEADING = re.compile(r"^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.．])")
_PART = re.compile(r"^\d{1,2}[、.．](?!\d)\D")


def is_subtotal_head(label: str) -> bool:
    """``（一）财政拨款小计``: a numbered heading that names a source and ends in 小计."""
    key = squash(label)
    return bool(_HEADING.match(key)) and key.endswith("小计") and fund_role(key) is not None


def is_numbered_part(label: str) -> bool:
    """``1、事业收入``: an arabic-numbered label (a part of the subtotal above it)."""
    return bool(_PART.match(squash(label)))


def tree_role(label: str, under_subtotal: bool) -> FundRole | None:
    """The role of a label in a printed hierarchy: a numbered part under a numbered subtotal is a
    line item; any other label has the role its words name."""
    if under_subtotal and is_numbered_part(label):
        return "line_item"
    return fund_role(label)
