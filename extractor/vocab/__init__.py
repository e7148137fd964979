"""The one vocabulary home: every word the readers, the validator and the LLM path match on.

- ``key``: ``squash``, the matching key (whitespace, full-width, traditional script folded);
- ``columns``: header synonyms of the funds and indicator tables, funds row roles, 一级/二级 words.

Import the names from here (``from extractor.vocab import INDICATOR_COLUMNS``); the modules keep
each list next to the ones it is used with.
"""

from __future__ import annotations

from extractor.vocab.columns import (
    FUND_ROLES,
    FUNDS_COLUMNS,
    INDICATOR_COLUMNS,
    LEVEL1_OF_LEVEL2,
    LEVEL1_RE,
    LEVEL1_WORDS,
    LEVEL2_RE,
    MONEY_FIELDS,
    SUBTOTAL_RE,
    TOTAL_ROW_RE,
    fund_role,
    is_any_level,
    is_level,
    is_level_word,
    match_column,
    split_subtotal,
)
from extractor.vocab.key import squash

__all__ = [
    "FUNDS_COLUMNS",
    "FUND_ROLES",
    "INDICATOR_COLUMNS",
    "LEVEL1_OF_LEVEL2",
    "LEVEL1_RE",
    "LEVEL1_WORDS",
    "LEVEL2_RE",
    "MONEY_FIELDS",
    "SUBTOTAL_RE",
    "TOTAL_ROW_RE",
    "fund_role",
    "is_any_level",
    "is_level",
    "is_level_word",
    "match_column",
    "split_subtotal",
    "squash",
]
