"""Cuts inside one printed stretch of a one-line tail that only one reading allows.

``headless_line`` re-rows a table's tail printed on one line; some of its stretches hold two
cells with nothing between them.  Each cut here is made only when it is the one cut the print
and the column rules allow, else the stretch stays whole and its row (or its figures) unread:

- a qualitative row of a self-evaluation prints its target and its actual the same
  (``履职效能显著提升显著提升``): the text ends in one stretch printed twice, the name before it;
- a nature column's ``定性`` printed once between the name and the target (``社会稳定程度定性良好``);
- figures printed against each other (``1010``, ``10096.21``): cut by ``vocab.figure_runs`` into
  分值 | 得分 (0 < 得分 ≤ 分值 ≤ 100), a unitless target and its actual within ten times each other.
"""

from __future__ import annotations

import re
from decimal import Decimal

from extractor.vocab.figure_runs import by_completion, indicator_rule, split_run

QUALITATIVE = "定性"
_DIGIT = re.compile(r"\d")
_MIN_TWICE = 2  # a stretch printed twice: at least two characters (``好好`` is a word, not two cells)
_RUN = re.compile(r"^\d[\d.]*\d$")  # figures printed against each other: digits and points only


def doubled_tail(text: str) -> int | None:
    """Where the stretch printed twice at the end of ``text`` begins (the name's end), when
    exactly one length prints so, leaves a name before it and holds no digit; else None."""
    found = [k for k in range(_MIN_TWICE, (len(text) - 1) // 2 + 1)
             if text[-2 * k:-k] == text[-k:]]
    if len(found) != 1:
        return None
    k = found[0]
    if _DIGIT.search(text[-k:]):
        return None  # a figure printed twice may be two figures' digits
    return len(text) - 2 * k


def qualitative_at(text: str) -> int | None:
    """Where a nature column's ``定性`` stands in ``text`` when printed once, after a name and
    before a target; else None."""
    at = text.find(QUALITATIVE)
    if at <= 0 or text.find(QUALITATIVE, at + 1) >= 0 or at + len(QUALITATIVE) == len(text):
        return None
    return at


def is_run(text: str) -> bool:
    """Whether ``text`` may be figures printed against each other (digits and points only)."""
    return _RUN.match(text) is not None


def weight_score(run: str) -> list[str] | None:
    """A run cut into 分值 | 得分 when one cut obeys 得分 ≤ 分值 ≤ 100; else None."""
    allowed = indicator_rule()

    def rule(v: dict[str, Decimal]) -> bool:  # a 得分 of 0 is what ``30`` cut 3 | 0 looks like
        return allowed(v) and v.get("score", 1) > 0
    return split_run(run, [("weight", "num"), ("score", "num")], rule)


def target_actual(run: str) -> list[str] | None:
    """A unitless run cut into target | actual when one cut keeps them within ten times each
    other (``9393``: 93 | 93); else None."""
    def rule(v: dict[str, Decimal]) -> bool:
        return all(v.get(f, 1) > 0 for f in ("target", "actual")) and by_completion(v)
    return split_run(run, [("target", "measure"), ("actual", "measure")], rule)
