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
