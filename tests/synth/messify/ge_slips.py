"""``≥`` read as ``2`` before a rate (``292%`` for ``≥92%``): a held-out download-site copy's OCR-ish
slip in its target column (described by the lead; invented examples).

A third of the target cells printing ``≥NN%`` (NN ≤ 100) lose their sign to a ``2``.  The gold keeps the
target as the form states it (``≥92%``): a reader that takes ``292%`` scores a wrong value, one that
leaves it unread (and says so) only misses it.
"""

from __future__ import annotations

import random
import re

_RATE = re.compile(r"≥(100|[1-9]\d)(\.\d+)?%")


def ge_slips(rows: list[list[str]], rng: random.Random) -> None:
    """The rows' ``≥NN%`` cells, a third of them printed ``2NN%`` (in place; gold unchanged)."""
    for row in rows:
        for c, cell in enumerate(row):
            if _RATE.fullmatch(cell.strip()) and rng.random() < 1 / 3:
                row[c] = cell.replace("≥", "2", 1)
