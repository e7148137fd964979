"""The 绩效标准 column some web templates print after the target (``350户 | 计划标准``).

Its header word is also a target header on templates that have no other (a 绩效标准 column
holding the figures), so it names the standard only where another column names the target; its
cells are one of a few basis words that state where the target came from, never a value.
"""

from __future__ import annotations

import re

from extractor.vocab.key import squash

STANDARD_HEADER = "绩效标准"
# the basis a target was set on: 计划标准 / 行业标准 / 历史标准 / 其他标准
_STANDARD_WORD = re.compile(r"^(计划|行业|历史|其他|国家|地方)标准$")


def is_standard_word(text: str) -> bool:
    """A 绩效标准 cell: the basis word, not a target or an actual."""
    return bool(_STANDARD_WORD.match(squash(text)))


def is_standard_header(text: str) -> bool:
    return squash(text) == STANDARD_HEADER
