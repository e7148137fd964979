"""Split a score sheet's 分值 and 得分 printed as one figure (``1313`` = 13 | 13).

Exports and PDF text sometimes drop the boundary between an item's weight and its score.  The
figure is split only where arithmetic leaves a single reading: the weight is the label's stated
points (``相关性（5分）``) when it states them; otherwise every split whose weight is a plausible
item weight (no more than the smallest stated subtotal above the item, and under 100) and whose
score does not exceed its weight is a candidate, and exactly one candidate must remain.  A
figure that is itself a plausible weight is a weight (an unscored item), never split.  Anything
else is left unread and flagged: a guessed score is worse than a missing one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from extractor.rules.align import Reading, choose

_NUMBER = re.compile(r"^(0|[1-9]\d*)(\.\d+)?$")
_HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class FusedReading:
    """What a lone figure in a scored row is: its weight, its score (None: not printed), or
    ``ambiguous`` when the figure cannot be read with certainty."""

    weight: Decimal | None
    score: Decimal | None
    ambiguous: bool = False
    split: bool = False


def _number(text: str) -> Decimal | None:
    if not _NUMBER.match(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def splits(text: str, ceiling: Decimal) -> list[tuple[Decimal, Decimal]]:
    """Every weight | score reading of ``text`` with 0 < weight ≤ ceiling and score ≤ weight."""
    out: list[tuple[Decimal, Decimal]] = []
    for k in range(1, len(text)):
        weight, score = _number(text[:k]), _number(text[k:])
        if weight is None or score is None or weight <= 0 or weight > ceiling or score > weight:
            continue
        out.append((weight, score))
    return out


def read_fused(text: str, stated: Decimal | None, ceiling: Decimal | None) -> FusedReading:
    """The lone figure ``text`` of a row whose sheet prints both 分值 and 得分 columns.

    ``stated`` is the item's own points printed in its label, ``ceiling`` the smallest stated
    subtotal of the groups above it (None when none is stated).  Each admissible split is a
    reading for the column aligner, all equally good: any rival leaves the figure unread.
    """
    value = _number(text)
    limit = min(ceiling, _HUNDRED) if ceiling is not None else _HUNDRED
    if stated is not None:
        if value == stated:
            return FusedReading(stated, None)
        return _one_split([(w, s) for w, s in splits(text, stated) if w == stated])
    if value is not None and (value <= ceiling if ceiling is not None else value < _HUNDRED):
        return FusedReading(value, None)
    return _one_split([(w, s) for w, s in splits(text, limit) if w < _HUNDRED])


def _one_split(found: list[tuple[Decimal, Decimal]]) -> FusedReading:
    choice = choose((Reading(pair, 0.0) for pair in found), reader="score_fused")
    if choice is None or choice.doubtful:
        return FusedReading(None, None, ambiguous=True)
    weight, score = choice.best.placed
    return FusedReading(weight, score, split=True)
