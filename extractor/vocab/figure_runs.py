"""Split a run of figures printed against each other into the columns its header announces.

A form's figures printed with nothing between them (``901010010``: 指标值 90, 指标权重 10, 全年完成值
100, 指标得分 10; ``30003000100%``: budget, executed, rate) lose the boundaries between two digits.
Every cut of the run into one figure per column is tried — no leading zero, at most two decimals,
a rate ends in ``%`` — and the arithmetic the columns follow is asked of each: 执行率 = 执行数 /
预算数, 得分 ≤ 分值, 得分 = 分值 × 执行率, and, where a form scores its indicators by completion,
得分 = 分值 × 完成比例 (``indicator_rule(scored=True)``).  A cut is kept only when it is the one
cut the arithmetic allows; two allowed cuts, or none, leave the figures unread (the caller says so
with a ``LAYOUT_FIGURES_FUSED`` finding): a wrong split is worse than none.  One reading is set
aside where a funds row has another (``spent``): a 0 % rate.  ``25002500100%`` obeys the arithmetic
as 2500 | 2500 | 100% and as 250025001 | 0 | 0% (or 25002500 | 10 | 0%): a row that spent nothing
prints its run ending ``00%``, so every run ending in 100% has such a twin, and the 100% is what
the page says.

``split_run`` is the whole-run entry point (any reader holding a run and its columns);
``cuttings`` walks the cuts where some boundaries are printed (``extractor.layouts.fused.pairs``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal

Cell = tuple[str, str]  # (field, kind): ``num``, ``pct`` (ends in %) or ``measure`` (an operator, unit around it)
Rule = Callable[[dict[str, Decimal]], bool]

MAX_CUTS = 20000  # pieces tried to cut one run (the run-together shape needs under 2,000)
DIGITISH = frozenset("0123456789.")
_AMOUNT = re.compile(r"(?:0|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*)(?:\.\d{1,2})?")
_MEASURE = re.compile(r"(?P<op>\D*?)(?P<fig>\d[\d,.]*)(?P<rest>\D*)")
# what no longer piece of a run can shed: a third decimal, a second point, a leading zero
_DEAD_END = re.compile(r"\d\.\d{3}|\d\.\d*\.|(?<![\d,.])0\d")
_MAX_WEIGHT = Decimal(100)
_MONEY = ("initial_budget", "budget", "executed")
_CENT = Decimal("0.01")
# a printed score may slip a cent from the product it rounds (2.15 for 2.16, DOMAIN.md)
_SCORE_SLIP = Decimal("0.011")
# a completed figure and its target of one row stay within this factor of each other; a cut
# giving 2810 | 1 (or 1 | 2810) has cut the run in the wrong place
_MAX_RATIO = Decimal(10)


def figure_value(text: str, kind: str) -> Decimal | None:
    """The figure ``text`` prints as a cell of ``kind``, or None when no such cell prints it: a
    leading zero, three decimals, a rate without its ``%``."""
    if kind == "measure":
        m = _MEASURE.fullmatch(text)
        if m is None or not _AMOUNT.fullmatch(m.group("fig")):
            return None
        return Decimal(m.group("fig").replace(",", ""))
    body = text[:-1] if kind == "pct" and text.endswith("%") else text
    if (kind == "pct") != text.endswith("%") or not _AMOUNT.fullmatch(body):
        return None
    return Decimal(body.replace(",", ""))


def split_run(run: str, cells: Sequence[Cell], rule: Rule) -> list[str] | None:
    """``run`` cut into one piece per cell of ``cells`` (in print order), when exactly one cut
    prints valid cells whose values pass ``rule``; None when none or several do, or when the run
    has too many ways to be cut to tell.  Every boundary may lie anywhere in the run."""
    if not cells or len(run) < len(cells):
        return None
    inner = list(range(1, len(run)))
    found = cuttings(run, [inner] * (len(cells) - 1), list(cells), rule)
    if found is None or len(found) != 1:
        return None
    bounds = [0, *found[0], len(run)]
    return [run[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def spent(v: dict[str, Decimal]) -> bool:
    """A funds cut whose rate is above 0 %, preferred over cuts reading 0 % (see the module)."""
    rate = v.get("rate")
    return rate is None or rate > 0


_MAX_FOUND = 4  # cuts kept while a preferred one is looked for


def cuttings(text: str, choices: list[list[int]], cells: list[Cell], rule: Rule,
             prefer: Rule | None = None) -> list[tuple[int, ...]] | None:
    """The cuts of ``text`` (one ascending boundary from each of ``choices``, in order) whose every piece
    prints a valid cell and whose values pass ``rule``; None when there is more than one or
    more than ``MAX_CUTS`` pieces had to be tried.  Pieces are tried left to right and a cut
    stops at its first invalid piece, so a run of digits costs the ways to print valid cells
    rather than every combination of boundaries.  ``rule`` is also asked about the first cells
    of a cut, so it must fail on part of a row only where every whole row holding that part
    fails it (each rule here holds when a field it relates is missing).  ``prefer``: where some
    cuts pass it, only those count (``spent``)."""
    found: list[tuple[tuple[int, ...], bool]] = []
    tried = 0

    def walk(k: int, start: int, chosen: tuple[int, ...], values: dict[str, Decimal]) -> bool:
        """Cuts from cell ``k`` on; False once the answer is known to be None."""
        nonlocal tried
        fld, kind = cells[k]
        last = k == len(choices)
        for end in [len(text)] if last else _after(choices[k], start, len(text)):
            tried += 1
            if tried > MAX_CUTS:
                return False  # too many ways to cut the run to tell: left unread rather than guessed
            v = figure_value(text[start:end], kind)
            if v is None:
                if _DEAD_END.search(text[start:end]):
                    break  # longer pieces keep the fault: no valid cell starts here
                continue
            read = {**values, fld: v}
            if not rule(read):
                continue  # the rules fail on the cells read so far: on every longer cut too
            if not last:
                if not walk(k + 1, end, (*chosen, end), read):
                    return False
            else:
                found.append((chosen, prefer is None or prefer(read)))
                if sum(1 for _, p in found if p) > 1 or len(found) > _MAX_FOUND:
                    return False
        return True

    if not walk(0, 0, (), {}):
        return None
    best = [c for c, p in found if p]
    return best or [c for c, _ in found]


def _after(choice: list[int], start: int, stop: int) -> Iterator[int]:
    """The boundaries of ``choice`` (ascending) strictly between ``start`` and ``stop``, found by
    bisection and yielded one at a time: a cut stopping at its first pieces then costs those
    pieces, not a pass over every boundary of the run (``1`` and 50,000 zeros, 6,000 such cuts,
    took 30 s when each built the whole list)."""
    for k in range(bisect_right(choice, start), len(choice)):
        if choice[k] >= stop:
            return
        yield choice[k]


def indicator_rule(max_weight: Decimal = _MAX_WEIGHT, *, scored: bool = False, percent: bool = False,
                   reverse: bool = False) -> Rule:
    """An indicator row's rules: 得分 ≤ 分值 ≤ the block's points; with ``scored`` (the form
    scores by completion, as the national rule and the Chongqing lists do), also a printed
    target carries points, the target and its actual are within ten times each other, and 得分 =
    分值 × min(1, 完成值 / 指标值) for a 正向 indicator, or min(1, 指标值 / 完成值) for a 反向 one where
    ``reverse`` says the row may be one.  ``percent``: the row's unit is ``%``, so its target and
    actual are at most 100 (a completion share, not 9010 %)."""
    def rule(v: dict[str, Decimal]) -> bool:
        w, s = v.get("weight"), v.get("score")
        if (w is not None and w > max_weight) or (w is not None and s is not None and s > w):
            return False
        if v.get("method", _MAX_WEIGHT) > _MAX_WEIGHT:
            return False  # a 得分计算方法 figure is a completion in per cent (``method_options``)
        if scored and percent and any(v.get(f, 0) > _MAX_WEIGHT for f in ("target", "actual")):
            return False
        return not scored or by_completion(v, reverse=reverse)
    return rule


def by_completion(v: dict[str, Decimal], *, reverse: bool = True) -> bool:
    """A row scored by completion (see ``indicator_rule``); holds while a field it needs is missing.
    ``reverse``: the row may be a 反向 indicator (its operator is ≤, or the caller cannot tell); a
    zero actual reads only so."""
    t, a, w, s = (v.get(f) for f in ("target", "actual", "weight", "score"))
    if t is not None and w is not None and w == 0:
        return False  # a printed target with no points: a run cut one digit short (9 | 0 | 101001 | 0)
    if t is not None and a is not None and t > 0 and a > 0 and max(t, a) > _MAX_RATIO * min(t, a):
        return False
    if t is None or a is None or w is None or s is None:
        return True
    # nothing completed of a 正向 target, scored nothing, is what a run cut before a 0 | 1 | 0 looks
    # like far more often than a form's row: a zero actual reads only as a 反向 target met in full
    shares = {min(Decimal(1), a / t) if t else Decimal(1)} if a else set()
    if reverse:
        shares.add(min(Decimal(1), t / a) if a else Decimal(1))
    return any(abs((w * share).quantize(_CENT, ROUND_HALF_UP) - s) <= _SCORE_SLIP for share in shares)


def funds_rule(total: dict[str, Decimal] | None = None) -> Rule:
    """A funds row's rules (``funds_check``), a part row's amounts within the ``total`` row's."""
    within = total or {}

    def rule(v: dict[str, Decimal]) -> bool:
        return funds_check(v) and all(v[f] <= within[f] for f in v if f in within and f in _MONEY)
    return rule


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
            and abs(weight * min(rate, _MAX_WEIGHT) / 100 - score) > Decimal("0.06")):
        return False
    amounts = [v[f] for f in _MONEY if v.get(f)]
    return not amounts or max(amounts) <= 10 * min(amounts)
