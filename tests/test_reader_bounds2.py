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
