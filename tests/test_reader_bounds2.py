"""Hostile input against this stop's reader code (review7): every check runs in bounded work.

No test is timed: each compares the bounded code with the answer it must keep, or runs it on an
input the earlier code could not finish (a quadratic regex on a 100 KB run of digits held
classification for minutes), so it fails by hanging there, never by a clock.
"""

from __future__ import annotations

import random
import re

from extractor.vocab.forms import STATED_POINTS_RE

# the pattern before review7: it may start inside a run of digits and re-reads the run from each
_OLD_STATED_POINTS = re.compile(r"\d+(?:\.\d+)?分?[)）]")


def test_stated_points_finds_what_the_unbounded_pattern_found() -> None:
    rng = random.Random(7)
    alphabet = ["1", "2", "0", ".", "分", ")", "）", "(", "项", " "]
    for _ in range(5_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 14)))
        assert STATED_POINTS_RE.findall(text) == _OLD_STATED_POINTS.findall(text), repr(text)


def test_stated_points_on_a_long_run_of_digits() -> None:
    """A run of 100,000 digits with no bracket after it: linear now, ~5·10⁹ steps before."""
    run = "".join(random.Random(3).choice("0123456789") for _ in range(100_000))
    assert STATED_POINTS_RE.findall(run) == []
    assert STATED_POINTS_RE.findall(run + "分)") == [run + "分)"]


class _Counted(list[int]):
    """A list of boundaries that counts every boundary handed out, by index or by iteration."""

    reads = 0

    def __getitem__(self, k):  # type: ignore[no-untyped-def]
        _Counted.reads += 1
        return super().__getitem__(k)

    def __iter__(self):  # type: ignore[no-untyped-def]
        for x in super().__iter__():
            _Counted.reads += 1
            yield x


def test_a_cut_that_stops_early_does_not_pass_over_the_whole_run() -> None:
    """``1`` then zeros: every budget ``10…0`` leaves ``0`` and a dead end (``00``) for the next cell,
    so thousands of cuts stop after two pieces; each once listed every boundary of the run
    (3,000 × 3,000 reads), now only those it tries."""
    from extractor.vocab.figure_runs import MAX_CUTS, cuttings, funds_rule

    run = "1" + "0" * 3_000 + "%"
    inner = _Counted(range(1, len(run)))
    _Counted.reads = 0
    cells = [("budget", "num"), ("executed", "num"), ("rate", "pct")]
    cuttings(run, [inner, inner], cells, funds_rule())
    assert _Counted.reads <= 4 * MAX_CUTS


def test_split_run_still_cuts_a_run_the_arithmetic_allows_once() -> None:
    from extractor.vocab.figure_runs import funds_rule, split_run

    cells = [("budget", "num"), ("executed", "num"), ("rate", "pct")]
    assert split_run("632.87552.7887.34%", cells, funds_rule()) == ["632.87", "552.78", "87.34%"]


def _old_learn_stock(names: list[str], tails: list[str], text: str, rows: int, firsts: tuple[str, ...] = ()
                     ) -> set[str]:
    """``learn_stock`` before review7, comparing every candidate with every name; returns every
    word it could pick (the longest equal-length words tie in set order)."""
    from extractor.layouts.fused import stock as st

    need = max(st._MIN_ROWS, int(rows * st._SHARE + 0.999))
    confirmed = set(tails)
    candidates = {t for t in tails if 0 < len(t) <= st._MAX_STOCK and st._HAN.fullmatch(t)}
    for n in names:
        if st._SLOT.match(n):
            continue
        candidates.update(n[:size] for size in range(1, min(st._MAX_STOCK, len(n) - 1) + 1)
                          if st._HAN.fullmatch(n[:size]) and not n.startswith("指标"))
    good: list[str] = []
    for word in candidates:
        opens = sum(1 for n in names if n.startswith(word) and len(n) > len(word)
                    and not st._NOT_AFTER.match(n, len(word)))
        printed = text.count(word)
        others = sum(1 for n in names if not n.startswith(word) and not st._SENTENCE_END.search(n))
        opening = (opens >= st._MIN_ROWS and others <= (opens // 4 if len(word) > 1 else 0)
                   and not any(f.startswith(word) for f in firsts))
        if len(word) == 1 and not (opening or word in confirmed):
            continue
        sure = word in confirmed or word * 2 in text or printed >= rows * st._SURE or opening
        if opens >= 2 and printed >= need and sure:
            good.append(word)
    longest = max((len(w) for w in good), default=0)
    return {w for w in good if len(w) == longest}


def test_learn_stock_picks_what_the_quadratic_search_picked() -> None:
    from extractor.layouts.fused.stock import learn_stock

    rng = random.Random(11)
    stock = ["达到预期", "完成", "按时", "达标"]
    heads = ["群众满意", "项目", "资金到位", "指标1：", "完成率", "达到预期目标"]
    for _ in range(400):
        names = [rng.choice(stock) * rng.randrange(0, 2) + rng.choice(heads) + rng.choice(["", "。", "1", "：x", "率"])
                 for _ in range(rng.randrange(0, 12))]
        tails = [rng.choice(stock) for _ in range(rng.randrange(0, 2))]
        firsts = tuple(rng.choice(heads) for _ in range(rng.randrange(0, 2)))
        text = "|".join(names + tails) + rng.choice(["", "达到预期达到预期"])
        rows = len(names) + rng.randrange(0, 3)
        expected = _old_learn_stock(names, tails, text, rows, firsts)
        got = learn_stock(names, tails, text, rows, firsts)
        assert (got in expected) if expected else got is None, (names, tails, firsts, rows)


def test_learn_stock_on_5000_distinct_names() -> None:
    """5,000 rows of distinct names: 50,000 candidates, each once compared with every name
    (2.5·10⁸ comparisons, 1,000 names took 16 s); now the names' prefixes are counted once."""
    from extractor.layouts.fused.stock import learn_stock

    rng = random.Random(2)
    han = [chr(0x4E00 + rng.randrange(3_000)) for _ in range(3_000)]
    names = ["".join(rng.choice(han) for _ in range(12)) for _ in range(5_000)]
    assert learn_stock(names, [], "|".join(names), 5_000) is None
    stocked = ["达到预期" + n for n in names]
    assert learn_stock(stocked, [], "|".join(stocked), 5_000) == "达到预期"
