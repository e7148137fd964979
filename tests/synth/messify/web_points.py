"""A web page's 一级 cell whose stated points print in a paragraph of their own (sample 45).

A page built from Word pastes the 一级 cell ``产出指标（50分）`` as two paragraphs inside the cell,
so copying the table gives ``产出指标`` / blank / ``(50)`` — and the page's font sometimes loses the
opening bracket (``30分)``) or the 分.  Nothing leaves the gold: the group keeps its word and points.
"""

from __future__ import annotations

import random

from extractor.vocab import LEVEL1_RE, split_subtotal, squash

_FORMS = ("({p})", "（{p}分）", "{p}分)", "({p}分", "({p}分)")


def split_points(text: str, rng: random.Random) -> list[str] | None:
    """``text`` as its word and its points printed apart, when it is a 一级 word stating points."""
    word, points = split_subtotal(text)
    if points is None or not LEVEL1_RE.fullmatch(squash(word)):
        return None
    return [word.strip(), rng.choice(_FORMS).format(p=points)]
