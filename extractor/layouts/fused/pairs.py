"""Which figures of run-together text may be printed: those whose edges the text makes certain.

A figure whose digits touch another figure's (``9510``: 95 | 10 or 951 | 0?) has no certain
boundary, nor one followed by a break in the source and more digits (a page marker cut out of
``152、15``); such figures are left unread and reported rather than guessed.  One pair is an
exception: a row's 分值 and 得分 fused with each other and nothing else (``1515``, ``2018.5``, total
``10098.12``), when exactly one cut obeys the column rules — no leading zero, at most two
decimals, 得分 ≤ 分值 ≤ 100.  ``1515`` is then 15 | 15 (1 | 515 scores over the weight, 151 | 5
weighs over 100); ``1213.5`` has no such cut and stays unread.
"""

from __future__ import annotations

import re
from decimal import Decimal

from extractor.layouts.fused.text import CleanText
from extractor.vocab.figure_runs import (
    Rule,
    cuttings,
    figure_value,
    funds_check,
    funds_rule,
    indicator_rule,
    spent,
)

__all__ = ["Checker", "Figure", "certain_fields", "certain_pair", "funds_check", "funds_rules", "indicator_check",
           "pair_splits", "recut", "unique_cut"]

_FIGURE = re.compile(r"(?:0|[1-9]\d*)(?:\.\d{1,2})?")
_MAX_WEIGHT = Decimal(100)
_DIGITISH = frozenset("0123456789.")


def pair_splits(digits: str) -> list[tuple[str, str]]:
    """Every cut of ``digits`` into 分值 | 得分 the column rules allow."""
    out: list[tuple[str, str]] = []
    for k in range(1, len(digits)):
        a, b = digits[:k], digits[k:]
        if _FIGURE.fullmatch(a) and _FIGURE.fullmatch(b) and Decimal(b) <= Decimal(a) <= _MAX_WEIGHT:
            out.append((a, b))
    return out


def meets(ct: CleanText, i: int) -> bool:
    """Whether ``text[i - 1]`` and ``text[i]`` are digits of figures printed against each other:
    adjacent in the source, or parted by a page marker (``2、`` cut out: its digit or the
    figure's?).  Whitespace between them, one character or a line break and indentation, is a
    cell border."""
    t = ct.text
    if not (0 < i < len(t) and t[i] in _DIGITISH and t[i - 1] in _DIGITISH):
        return False
    return ct.offsets[i] == ct.offsets[i - 1] + 1 or i in ct.markers


def _against_marker(ct: CleanText, i: int, left: bool) -> bool:
    """A page marker cut out right at ``i`` and printed against the figure's edge (``5`` + ``8、``
    or ``2、`` + ``150``): the count says which digits are the marker's, but a reader of the page
    cannot be sure, so the figure is not certain either (the messifier's gold drops it too)."""
    span = ct.markers.get(i)
    if span is None:
        return False
    if left:
        return i < len(ct.offsets) and ct.text[i] in _DIGITISH and span[1] == ct.offsets[i]
    return i > 0 and ct.text[i - 1] in _DIGITISH and span[0] == ct.offsets[i - 1] + 1


def touches_left(ct: CleanText, start: int) -> bool:
    """The figure at ``start`` continues a run of digits (or a page marker) printed before it."""
    return meets(ct, start) or _against_marker(ct, start, left=True)


def touches_right(ct: CleanText, end: int) -> bool:
    """The figure ending at ``end`` runs into more digits (or a page marker) after it."""
    return meets(ct, end) or _against_marker(ct, end, left=False)


def certain_pair(ct: CleanText, weight: tuple[int, int], score: tuple[int, int]) -> bool:
    """分值 at ``weight`` and 得分 at ``score`` (spans of ``ct.text``), printed against each other:
    fused with nothing else and split in the one way the column rules allow."""
    if weight[1] != score[0] or touches_left(ct, weight[0]) or touches_right(ct, score[1]):
        return False
    if ct.offsets[weight[1]] != ct.offsets[weight[1] - 1] + 1:
        return False  # a break between them: the weight's end is not certain
    w, s = ct.text[weight[0]:weight[1]], ct.text[score[0]:score[1]]
    return pair_splits(w + s) == [(w, s)]


Checker = Rule


def unique_cut(text: str, cuts: list[int], cells: list[tuple[str, str]], check: Checker,
               prefer: Checker | None = None) -> bool:
    """Whether ``cuts`` (inner boundaries of ``text``, one fewer than ``cells``) is the only way
    to cut ``text`` into ``cells`` ((field, kind) pairs) that prints valid cells and passes
    ``check`` (the row's arithmetic).  A boundary between two digits may lie anywhere in their
    run of digits; a boundary beside any other character is printed and stays.  ``check`` is
    also asked about the first cells of a cut, so it must fail on part of a row only where every
    whole row holding that part fails it (each rule here is a bound or a relation between the
    fields it is given, and holds when one is missing)."""
    choices = [_movable(text, cut) for cut in cuts]
    if len(cells) != len(cuts) + 1:
        return False
    return cuttings(text, choices, cells, check, prefer) == [tuple(cuts)]


def indicator_check(max_weight: Decimal) -> Checker:
    """An indicator row's rules: 得分 ≤ 分值 ≤ the block's points."""
    return indicator_rule(max_weight)


def funds_rules(total: dict[str, Decimal]) -> Checker:
    """A funds row's rules, a part row's amounts within the ``total`` row's (those read)."""
    return funds_rule(total)


Figure = tuple[str, str, int, int]  # (field, kind, start, end) in ``CleanText.text``


def certain_fields(ct: CleanText, figures: list[Figure], check: Checker, funds: bool = False) -> set[str]:
    """The fields of one row whose figures have certain edges: figures printed against each other
    form a run, and a run is certain when nothing outside it touches its digits, no page marker
    was cut out between its figures, and ``unique_cut`` finds its cut the only one the row's
    rules allow (``funds``: a cut reading a 0 % rate counts only where no other does,
    ``figure_runs.spent``)."""
    t = ct.text
    runs: list[list[Figure]] = []
    for fig in sorted(figures, key=lambda f: f[2]):
        prev = runs[-1][-1] if runs else None
        if prev is not None and prev[3] == fig[2] and meets(ct, fig[2]):
            runs[-1].append(fig)
        else:
            runs.append([fig])
    alone = [run[0] for run in runs if len(run) == 1 and not touches_left(ct, run[0][2])
             and not touches_right(ct, run[0][3])]
    fixed = {f: v for f, kind, a, b in alone if (v := figure_value(t[a:b], kind)) is not None}

    def with_fixed(values: dict[str, Decimal]) -> bool:
        return check({**fixed, **values})  # a figure printed alone (a score after a rate's %) counts too

    out: set[str] = set()
    for run in runs:
        start, end = run[0][2], run[-1][3]
        if touches_left(ct, start) or touches_right(ct, end):
            continue
        inner = [f[2] for f in run[1:]]
        if any(ct.offsets[c] != ct.offsets[c - 1] + 1 for c in inner):
            continue  # a page marker or a break between two figures
        cells = [(f[0], f[1]) for f in run]
        if len(run) == 1 or unique_cut(t[start:end], [c - start for c in inner], cells, with_fixed,
                                       spent if funds else None):
            out.update(f[0] for f in run)
    return out


def recut(ct: CleanText, figures: list[Figure], check: Checker) -> list[Figure] | None:
    """The row's figures cut again where one run of them has one cut the rules allow but the row
    cutter put its boundaries elsewhere (``<=4 | 49449 | 25 | 25`` for ``<=449 | 449 | 25 | 25``):
    the figures at that cut, or None when no run moves.  The run must be certain in every other
    way ``certain_fields`` asks (nothing touches its ends, no page marker inside it); figures
    printed alone count for the rules."""
    t = ct.text
    figs = sorted(figures, key=lambda f: f[2])
    runs: list[list[Figure]] = []
    for fig in figs:
        if runs and runs[-1][-1][3] == fig[2] and meets(ct, fig[2]):
            runs[-1].append(fig)
        else:
            runs.append([fig])
    fixed = {f: v for run in runs if len(run) == 1 for f, kind, a, b in run
             if not touches_left(ct, a) and not touches_right(ct, b) and (v := figure_value(t[a:b], kind)) is not None}
    out: list[Figure] = []
    moved = False
    for run in runs:
        start, end = run[0][2], run[-1][3]
        inner = [f[2] for f in run[1:]]
        if (len(run) == 1 or touches_left(ct, start) or touches_right(ct, end)
                or any(ct.offsets[c] != ct.offsets[c - 1] + 1 for c in inner)):
            out.extend(run)
            continue
        text = t[start:end]
        choices = [_movable(text, c - start) for c in inner]
        cells = [(f[0], f[1]) for f in run]
        found = cuttings(text, choices, cells, lambda v: check({**fixed, **v}))
        if found is None or len(found) != 1 or list(found[0]) == [c - start for c in inner]:
            out.extend(run)
            continue
        bounds = [0, *found[0], len(text)]
        out.extend((f[0], f[1], start + a, start + b) for f, a, b in zip(run, bounds, bounds[1:], strict=False))
        moved = True
    return out if moved else None


def _movable(text: str, cut: int) -> list[int]:
    """Where a printed boundary may lie: anywhere in its run of digits when it parts two digits."""
    if not (0 < cut < len(text) and text[cut - 1] in _DIGITISH and text[cut] in _DIGITISH):
        return [cut]
    lo = cut
    while lo > 1 and text[lo - 2] in _DIGITISH:
        lo -= 1
    hi = cut
    while hi < len(text) - 1 and text[hi + 1] in _DIGITISH:
        hi += 1
    return list(range(lo, hi + 1))
