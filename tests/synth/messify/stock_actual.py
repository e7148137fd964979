"""The county special-fund tables of ``bare_levels`` with the stock text in the ACTUAL column.

A variant of the same county template prints its one stock text (达成预期指标, 已完成 …) in the
实际完成值 column of every row and leaves 未完成原因及改进措施 empty; run together each row reads
``name target stock`` (``森林防火巡查率不低于95%达成预期指标``).  A few rows print two figures
before the stock (``设备配备率100%1000件达成预期指标``): which of them is the target cannot be
told, so the gold gives such a row no target.  A row's own reason sentence stays its reason.

Gold: the actual is the stock text (qualitative, as printed), no stock reason; rows with two
figures before the stock have no target.
"""

from __future__ import annotations

import random
import re
from typing import Any

_TWO = 0.12  # of a variant table's rows: two figures printed before the stock
_FIGURE = re.compile(r"(?:[≧≥≦≤=＝═]|>=|<=)?\d")

SHARE = 0.3  # of the tables bare_levels reprints


def stock_actual_row(row: list[str], ind: dict[str, Any], cols: tuple[int, int, int], stock: str,
                     alt: random.Random) -> None:
    """One row of a variant table reprinted: ``cols`` are the target, actual and reason columns;
    the reason cell held the stock text (``bare_levels`` filled it) or the row's own sentence.
    ``alt``: the variant's own generator (``draws``)."""
    target_col, actual_col, reason_col = cols
    two_figures = alt.random() < _TWO
    if row[reason_col].strip() == stock:
        row[reason_col] = ""
        ind.pop("deviation_reason", None)
    if two_figures and _FIGURE.match(row[actual_col].strip()) and _FIGURE.match(row[target_col].strip()):
        row[actual_col] = row[actual_col].strip() + stock  # both figures printed, then the stock
        ind.pop("target", None)
    else:
        row[actual_col] = stock
    ind["actual"] = {"operator": "qualitative", "text": stock}


def draws(rng: random.Random) -> random.Random:
    """The variant's own generator, seeded from ``rng``'s state without drawing from it (so every
    other draw of ``bare_levels`` stays what it was)."""
    return random.Random(f"{rng.getstate()}:stock_actual")
