"""The one vocabulary home: every word the readers, the validator and the LLM path match on.

- ``key``: ``squash``, the matching key (whitespace, full-width, traditional script folded);
- ``columns``: header synonyms of the funds and indicator tables, funds row roles, 一级/二级 words;
- ``placeholders``: blank marks (no value) and none words (``无``: a printed value that says nothing);
- ``operators``: how ≥ ≤ = > < ≈ are printed before or after a number;
- ``units``: measure units and the scales that convert one into another;
- ``slips``: a scan's look-alike slips in label words (folded into the key) and figures with a letter;
- ``fund_tree``: funds printed as numbered subtotals and their numbered parts;
- ``forms``: the closed set of form types, title patterns, body words and each type's header words.

Import the names from here (``from extractor.vocab import INDICATOR_COLUMNS``); the modules keep
each list next to the ones it is used with.
"""

from __future__ import annotations

from extractor.vocab.columns import (
    FUND_ROLES,
    FUNDS_COLUMNS,
    HEADER_WORDS,
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
    is_header_word,
    is_level,
    is_level_word,
    match_column,
    split_subtotal,
)
from extractor.vocab.forms import FORM_BODY_WORDS, FORM_TYPES, TITLE_RE
from extractor.vocab.fund_tree import is_numbered_part, is_subtotal_head, tree_role
from extractor.vocab.key import squash
from extractor.vocab.operators import OPERATOR_PREFIXES, OPERATOR_SUFFIXES
from extractor.vocab.placeholders import BLANK_MARKS, NONE_WORDS, is_blank, says_nothing
from extractor.vocab.slips import is_slipped_figure, unslip
from extractor.vocab.standards import is_standard_header, is_standard_word
from extractor.vocab.units import MEASURE_UNITS, UNIT_SCALES

__all__ = [
    "BLANK_MARKS",
    "FORM_BODY_WORDS",
    "FORM_TYPES",
    "MEASURE_UNITS",
    "NONE_WORDS",
    "OPERATOR_PREFIXES",
    "OPERATOR_SUFFIXES",
    "TITLE_RE",
    "UNIT_SCALES",
    "FUNDS_COLUMNS",
    "FUND_ROLES",
    "HEADER_WORDS",
    "INDICATOR_COLUMNS",
    "LEVEL1_OF_LEVEL2",
    "LEVEL1_RE",
    "LEVEL1_WORDS",
    "LEVEL2_RE",
    "MONEY_FIELDS",
    "SUBTOTAL_RE",
    "TOTAL_ROW_RE",
    "fund_role",
    "is_numbered_part",
    "is_slipped_figure",
    "is_standard_header",
    "is_standard_word",
    "is_subtotal_head",
    "tree_role",
    "is_blank",
    "is_any_level",
    "is_header_word",
    "is_level",
    "is_level_word",
    "match_column",
    "says_nothing",
    "split_subtotal",
    "squash",
    "unslip",
]
