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
from collections.abc import Callable
from decimal import Decimal

from extractor.layouts.fused.text import CleanText

_FIGURE = re.compile(r"(?:0|[1-9]\d*)(?:\.\d{1,2})?")
_MAX_WEIGHT = Decimal(100)
_DIGITISH = frozenset("0123456789.")
_MONEY = ("initial_budget", "budget", "executed")
MAX_CUTS = 20000  # pieces tried to cut one run (the run-together shape needs under 2,000)
# what no longer piece of a run can shed: a third decimal, a second point, a leading zero
_DEAD_END = re.compile(r"\d\.\d{3}|\d\.\d*\.|(?<![\d,.])0\d")


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


_AMOUNT = re.compile(r"(?:0|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*)(?:\.\d{1,2})?")
_MEASURE = re.compile(r"(?P<op>\D*?)(?P<fig>\d[\d,.]*)(?P<rest>\D*)")
Checker = Callable[[dict[str, Decimal]], bool]


def _piece(text: str, kind: str) -> Decimal | None:
    """The figure ``text`` prints as a cell of ``kind`` (``num``, ``pct``, ``measure``), or None
    when no such cell prints it: a leading zero, three decimals, a rate without its ``%``."""
    if kind == "measure":
        m = _MEASURE.fullmatch(text)
        if m is None or not _AMOUNT.fullmatch(m.group("fig")):
            return None
        return Decimal(m.group("fig").replace(",", ""))
    body = text[:-1] if kind == "pct" and text.endswith("%") else text
    if (kind == "pct") != text.endswith("%") or not _AMOUNT.fullmatch(body):
        return None
    return Decimal(body.replace(",", ""))


def unique_cut(text: str, cuts: list[int], cells: list[tuple[str, str]], check: Checker) -> bool:
    """Whether ``cuts`` (inner boundaries of ``text``, one fewer than ``cells``) is the only way
    to cut ``text`` into ``cells`` ((field, kind) pairs) that prints valid cells and passes
    ``check`` (the row's arithmetic).  A boundary between two digits may lie anywhere in their
    run of digits; a boundary beside any other character is printed and stays.  ``check`` is
    also asked about the first cells of a cut, so it must fail on part of a row only where every
    whole row holding that part fails it (each rule here is a bound or a relation between the
    fields it is given, and holds when one is missing)."""
    choices: list[list[int]] = []
    for cut in cuts:
        if 0 < cut < len(text) and text[cut - 1] in _DIGITISH and text[cut] in _DIGITISH:
            lo = cut
            while lo > 1 and text[lo - 2] in _DIGITISH:
                lo -= 1
            hi = cut
            while hi < len(text) - 1 and text[hi + 1] in _DIGITISH:
                hi += 1
            choices.append(list(range(lo, hi + 1)))
        else:
            choices.append([cut])
    if len(cells) != len(cuts) + 1:
        return False
    return _cuttings(text, choices, cells, check) == [tuple(cuts)]


def _cuttings(text: str, choices: list[list[int]], cells: list[tuple[str, str]],
              check: Checker) -> list[tuple[int, ...]] | None:
    """The cuts of ``text`` (one boundary from each of ``choices``, in order) whose every piece
    prints a valid cell and whose values pass ``check``; None when there is more than one or
    more than ``MAX_CUTS`` pieces had to be tried.  Pieces are tried left to right and a cut
    stops at its first invalid piece, so a run of digits costs the ways to print valid cells
    rather than every combination of boundaries (six fused figures once took minutes)."""
    found: list[tuple[int, ...]] = []
    tried = 0

    def walk(k: int, start: int, chosen: tuple[int, ...], values: dict[str, Decimal]) -> bool:
        """Cuts from cell ``k`` on; False once the answer is known to be None."""
        nonlocal tried
        fld, kind = cells[k]
        last = k == len(choices)
        for end in [len(text)] if last else [c for c in choices[k] if start < c < len(text)]:
            tried += 1
            if tried > MAX_CUTS:
                return False  # too many ways to cut the run to tell: left unread rather than guessed
            v = _piece(text[start:end], kind)
            if v is None:
                if _DEAD_END.search(text[start:end]):
                    break  # longer pieces keep the fault: no valid cell starts here
                continue
            read = {**values, fld: v}
            if not check(read):
                continue  # the rules fail on the cells read so far: on every longer cut too
            if not last:
                if not walk(k + 1, end, (*chosen, end), read):
                    return False
            else:
                found.append(chosen)
                if len(found) > 1:
                    return False
        return True

    return found if walk(0, 0, (), {}) else None


def indicator_check(max_weight: Decimal) -> Checker:
    """An indicator row's rules: 得分 ≤ 分值 ≤ the block's points."""
    def check(v: dict[str, Decimal]) -> bool:
        w, s = v.get("weight"), v.get("score")
        return (w is None or w <= max_weight) and (w is None or s is None or s <= w)
    return check


def funds_rules(total: dict[str, Decimal]) -> Checker:
    """A funds row's rules, a part row's amounts within the ``total`` row's (those read)."""
    def check(v: dict[str, Decimal]) -> bool:
        return funds_check(v) and all(v[f] <= total[f] for f in v if f in total and f in _MONEY)
    return check


def funds_check(v: dict[str, Decimal]) -> bool:
    """A funds row's rules: 执行率 = 执行数 / 预算数, 得分 = 分值 × 执行率 (to the printed rounding),
    分值 ≤ 100, 得分 ≤ 分值, nothing spent from a zero budget, amounts of one row within ten times
    each other."""
    budget, executed, rate = v.get("budget"), v.get("executed"), v.get("rate")
    weight, score = v.get("weight"), v.get("score")
    if weight is not None and weight > _MAX_WEIGHT:
        return False
    if weight is not None and score is not None and score > weight:
        return False
    if budget == 0 and executed:
        return False  # spent from a budget of nothing: 执行率 would be infinite
    if budget and executed is not None and rate is not None and abs(executed / budget * 100 - rate) > Decimal("0.6"):
        return False
    if (weight is not None and rate is not None and score is not None
            and abs(weight * min(rate, Decimal(100)) / 100 - score) > Decimal("0.06")):
        return False
    amounts = [v[f] for f in ("initial_budget", "budget", "executed") if v.get(f)]
    return not amounts or max(amounts) <= 10 * min(amounts)


Figure = tuple[str, str, int, int]  # (field, kind, start, end) in ``CleanText.text``


def certain_fields(ct: CleanText, figures: list[Figure], check: Checker) -> set[str]:
    """The fields of one row whose figures have certain edges: figures printed against each other
    form a run, and a run is certain when nothing outside it touches its digits, no page marker
    was cut out between its figures, and ``unique_cut`` finds its cut the only one the row's
    rules allow."""
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
    fixed = {f: v for f, kind, a, b in alone if (v := _piece(t[a:b], kind)) is not None}

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
        if len(run) == 1 or unique_cut(t[start:end], [c - start for c in inner], cells, with_fixed):
            out.update(f[0] for f in run)
    return out
