"""How a comparison is printed before or after a number: ``≥``, ``>=``, ``不低于``, ``以上`` …

Every reader that splits a measure and every check that compares one folds the printed sign to
the schema's ``Operator`` with these tables (tried in order; the first match names the sign).
"""

from __future__ import annotations

import re

OPERATOR_PREFIXES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(≥|≧|>=|＞=|不低于|不少于|大于等于|至少)"), "≥"),
    (re.compile(r"^(≤|≦|<=|＜=|不高于|不超过|不多于|小于等于|低于等于)"), "≤"),
    (re.compile(r"^(═|=|＝|等于)"), "="),
    (re.compile(r"^(>|＞|大于|高于)"), ">"),
    (re.compile(r"^(<|＜|小于|低于)"), "<"),
    (re.compile(r"^(≈|≅|约)"), "≈"),
]
OPERATOR_SUFFIXES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(以上|及以上)$"), "≥"),
    (re.compile(r"(以下|及以下|以内)$"), "≤"),
]
