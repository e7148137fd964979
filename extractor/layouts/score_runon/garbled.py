"""A score sheet's 一级 column OCR'd out of order, run together (``项目决策`` printed ``决项策目``).

A scan's merged 一级 cells are tall and narrow: OCR reads them column by column and prints their
characters in another order, the header's 一级指标 cell with them (``指级一标``, ``类指标型``), the
points too (``目（策分5）项决3`` for 项目决策（35分）).  Run together, such a cell cannot be cut by
the rubric's names, and its figures read as the item's 分值.  A cell is taken for a 一级 name only
where its characters are exactly that name's (and one （N分）'s), in another order, and no other
name's fit: then the name is certain, though its points are not (the digits' order is lost).
"""

from __future__ import annotations

from collections import Counter

from extractor.vocab.rubric import LEVEL1_NAMES

_LEVEL1_HEADS = (("一级指标", "level1"), ("指标类型", "level1"))
_POINT_MARKS = (Counter("（分）"), Counter("(分)"))
_MAX_DIGITS = 3


def _anagram(text: str, word: str) -> bool:
    return text != word and Counter(text) == Counter(word)


def garbled_header(text: str, at: int) -> bool:
    """Whether the four characters before ``at`` (where 二级指标 starts) are the 一级 column's
    header word out of order."""
    return at >= 4 and any(_anagram(text[at - 4:at], word) for word, _ in _LEVEL1_HEADS)


def garbled_level1(text: str, start: int) -> tuple[int, str] | None:
    """(end, name) of a 一级 name printed out of order at ``start``, with its points or without;
    None unless exactly one name fits."""
    fits: set[tuple[int, str]] = set()
    for name in LEVEL1_NAMES:
        n = len(name)
        if text.startswith(name, start):
            return None  # printed in order: the reader's own cut
        best = None
        if _anagram(text[start:start + n], name):
            best = start + n
        for digits in range(1, _MAX_DIGITS + 1):
            window = text[start:start + n + 3 + digits]
            if len(window) != n + 3 + digits:
                break
            rest = Counter(window)
            rest.subtract(Counter(name))
            if any(v < 0 for v in rest.values()):
                continue
            figures = Counter({c: v for c, v in rest.items() if c.isdigit() and v})
            marks = Counter({c: v for c, v in rest.items() if not c.isdigit() and v})
            if sum(figures.values()) == digits and marks in _POINT_MARKS and not text.startswith(name, start):
                best = start + len(window)
        if best is not None:
            fits.add((best, name))
    return fits.pop() if len(fits) == 1 else None


def printed_name(text: str, raw: str, start: int, end: int, name: str) -> str:
    """``name`` in the characters printed for it (traditional where the source is): each of its
    matching characters taken from where the out-of-order cell ``text[start:end]`` holds it."""
    if not raw:
        return name
    used: set[int] = set()
    out: list[str] = []
    for ch in name:
        j = next(j for j in range(start, end) if text[j] == ch and j not in used)  # an anagram: always there
        used.add(j)
        out.append(raw[j])
    return "".join(out)
