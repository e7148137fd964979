"""Split a run of fused numbers (``202010100.00%10``) into the columns it was printed under.

A run prints its values in column order with nothing between them, so every way of cutting it
into numbers is tried (no leading zeros, a ``%`` ends a rate) and each reading is placed on the
columns in order.  Readings are ranked by the arithmetic the forms follow: 执行数 / 预算数 = 执行率,
得分 = 分值 × 执行率, a 分值 no larger than the block it scores, parts no larger than their total.
The column aligner (``extractor.rules.align``) chooses among the readings; when two stay equally
good, the run is reported ambiguous instead of guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from extractor.rules.align import Reading, choose

_INT = re.compile(r"0|[1-9]\d{0,6}")  # amounts in 元 reach millions (5874200)
PERCENT_FIELDS = frozenset({"rate", "coef"})
MAX_READINGS = 5000  # cuts tried per run (the gold needs 126); beyond this the run is too long to read reliably
# placements scored per run, all cuts together (one cut of k numbers on n columns has C(n, k));
# the longest run in the gold needs 190, a run of 40 digits under 9 columns millions
MAX_PLACEMENTS = 5000
_MAX_DIGITS = 9  # digits one number can cover: seven before the point, two after


@dataclass(frozen=True, slots=True)
class Num:
    start: int
    end: int
    value: Decimal
    percent: bool


def numbers_at(run: str, pos: int) -> Iterator[Num]:
    """Every number that can start at ``pos``: ``2020`` gives 2, 20, 202, 2020; ``107.6`` gives
    1, 10, 107.6; a number followed by ``%`` is a rate and always takes the sign."""
    if pos >= len(run) or not run[pos].isdigit():
        return
    digits = re.match(r"\d+", run[pos:])
    assert digits is not None
    whole = digits.group(0)
    for k in range(1, len(whole) + 1):
        part = whole[:k]
        if not _INT.fullmatch(part):
            continue
        end = pos + k
        ends: list[int] = []
        if k == len(whole) and end < len(run) and run[end] == "." and end + 1 < len(run) and run[end + 1].isdigit():
            decimals = re.match(r"\d+", run[end + 1:])
            assert decimals is not None
            for d in range(1, min(len(decimals.group(0)), 2) + 1):
                ends.append(end + 1 + d)
        elif k < len(whole) or end >= len(run) or run[end] != ".":
            ends.append(end)
        if k == len(whole) and _SEPARATED.match(run, end):
            continue  # 3,036: the digits before a thousands separator are no figure of their own
        for e in ends:
            percent = e < len(run) and run[e] == "%"
            yield Num(pos, e + (1 if percent else 0), Decimal(run[pos:e]), percent)
    yield from _grouped_at(run, pos)


_SEPARATED = re.compile(r",\d{3}")


_GROUPED = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+")


def _grouped_at(run: str, pos: int) -> Iterator[Num]:
    """Amounts printed with thousands separators (``3,036,900.00``): each whole group count, with
    up to two decimals after the last; a separator fixes where such a figure may end."""
    for lead in range(1, 4):
        m = _GROUPED.match(run, pos)
        if m is None or not run.startswith(",", pos + lead) or not run[pos:pos + lead].isdigit():
            continue
        end = pos + lead
        while run.startswith(",", end) and run[end + 1:end + 4].isdigit() and len(run[end + 1:end + 4]) == 3:
            end += 4
            if end < len(run) and run[end] == "." and end + 1 < len(run) and run[end + 1].isdigit():
                decimals = re.match(r"\d{1,2}", run[end + 1:])
                assert decimals is not None
                ends = [end + 1 + d for d in range(1, len(decimals.group(0)) + 1)]
            elif end < len(run) and run[end] == ",":
                continue  # more groups follow: a figure never ends before its separator
            else:
                ends = [end]
            for e in ends:
                percent = e < len(run) and run[e] == "%"
                yield Num(pos, e + (1 if percent else 0), Decimal(run[pos:e].replace(",", "")), percent)


def readings(run: str, pos: int = 0, slots: int | None = None) -> Iterator[list[Num | None]]:
    """Every cut of ``run`` into at most ``slots`` numbers; ``None`` stands for skipped noise (OCR
    letters).  A cut into more numbers than there are columns could never be placed, so those
    branches are not walked: without the bound a long run has exponentially many cuts."""
    if pos >= len(run):
        yield []
        return
    if not run[pos].isdigit():
        nxt = re.search(r"\d", run[pos:])
        end = pos + nxt.start() if nxt else len(run)
        for rest in readings(run, end, slots):
            yield [None, *rest]
        return
    if slots is not None and (slots <= 0 or _digits_after(run)[pos] > slots * _MAX_DIGITS):
        return  # the numbers left could not cover the digits left
    for num in numbers_at(run, pos):
        if num.end < len(run) and run[num.end] == ".":
            continue
        for rest in readings(run, num.end, None if slots is None else slots - 1):
            yield [num, *rest]


@lru_cache(maxsize=16)
def _digits_after(run: str) -> tuple[int, ...]:
    """How many digits ``run`` holds from each position on."""
    out = [0] * (len(run) + 1)
    for pos in range(len(run) - 1, -1, -1):
        out[pos] = out[pos + 1] + run[pos].isdigit()
    return tuple(out)


Placement = dict[str, Num]


def placements(nums: list[Num], fields: list[str]) -> Iterator[Placement]:
    """The numbers on the columns, in order, rates only under rate columns."""
    rate_fields = [sum(1 for f in fields[j:] if f in PERCENT_FIELDS) for j in range(len(fields) + 1)]
    rate_nums = [sum(1 for n in nums[i:] if n.percent) for i in range(len(nums) + 1)]

    def walk(i: int, j: int, acc: Placement) -> Iterator[Placement]:
        if i == len(nums):
            yield dict(acc)
            return
        if rate_nums[i] > rate_fields[j] or len(nums) - i - rate_nums[i] > len(fields) - j - rate_fields[j]:
            return  # the numbers left outnumber the columns of their kind left
        for k in range(j, len(fields)):
            if (fields[k] in PERCENT_FIELDS) != nums[i].percent:
                continue
            before = acc.get(fields[k])  # a header may name one field twice: restore, not delete
            acc[fields[k]] = nums[i]
            yield from walk(i + 1, k + 1, acc)
            if before is None:
                del acc[fields[k]]
            else:
                acc[fields[k]] = before

    yield from walk(0, 0, {})


@dataclass(slots=True)
class Split:
    placement: Placement
    ambiguous: bool


# the arithmetic ranks readings coarsely: one this close with other values is a rival (with the
# aligner's exact-tie margin, generated run-together forms got a guessed 2 | 0 funds split)
NEAR = 0.5


def best_split(run: str, fields: list[str], score: Callable[[Placement], float]) -> Split | None:
    """The best-ranked placement of ``run`` on ``fields`` by the column aligner (each placement of
    each cut a reading, each skipped stretch of noise an edit); ambiguous when it has rivals."""
    ranked: list[Reading[Placement]] = []
    for count, reading in enumerate(readings(run, slots=len(fields))):
        if count >= MAX_READINGS:
            return None  # too many ways to cut the run: left unread rather than guessed
        nums = [n for n in reading if n is not None]
        noise = sum(1 for n in reading if n is None)
        for placed in placements(nums, fields):
            if len(ranked) >= MAX_PLACEMENTS:
                return None  # too many ways to place the run: left unread rather than guessed
            ranked.append(Reading(placed, score(placed), noise, _values(placed)))
    choice = choose(ranked, reader="fused", near=NEAR)
    if choice is None:
        return None
    return Split(choice.best.placed, choice.doubtful)


def _values(p: Placement) -> dict[str, Decimal]:
    return {f: n.value for f, n in p.items()}


def close(a: Decimal, b: Decimal, tolerance: str = "0.6") -> bool:
    return abs(a - b) <= Decimal(tolerance)
