"""Hostile input against this stop's reader code (review6): every check runs in bounded work.

No test is timed: each counts the work done or runs the function on an input that the earlier
code could not finish (a quadratic regex on a 200 KB line runs for minutes), so it fails by
hanging there, never by a clock.
"""

from __future__ import annotations

import random
import re

from extractor.ingest.text_grid import _is_cell_pipe, parse_text

# the regex ``_is_cell_pipe`` replaced: the same answer, read with backtracking
_OLD_CELL_PIPE = re.compile(r"^([^|]*[^|\s][^|]*?)\s*(\|[|\s]*)$")


def test_cell_pipe_answers_as_the_regex_it_replaced() -> None:
    rng = random.Random(6)
    alphabet = ["|", " ", "\u3000", "\t", "项", "a", "1"]
    for _ in range(5_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 9)))
        assert _is_cell_pipe(text) == bool(_OLD_CELL_PIPE.match(text)), repr(text)


def test_a_pipe_paste_with_a_200kb_line_is_read() -> None:
    """A pipe table with one long line that ends in text, not pipes (``项…项 | x``, ``xxx…``)."""
    for long_line in ("x" * 200_000, "项" * 200_000 + " | x"):
        text = "a | b | c |\n" * 10 + long_line + "\n" + "d | e |\n" * 10
        assert parse_text(text)


def test_a_long_run_of_adjacent_lines_is_joined_in_linear_work() -> None:
    """``join_broken_cells`` re-reads the joined text at every join: a run of 2,000 adjacent lines
    once made 2,000 ever longer texts (14 M characters for a 14 K run); now a joined cell holds
    at most ``_MAX_PIECES`` lines, so the work stays within a fixed multiple of the text."""
    from extractor.ingest.text_gaps import _MAX_PIECES, join_broken_cells
    from extractor.ingest.text_grid import _Line, _looks_spaced_row, split_lines

    text = "\n".join(f"连续行内容{i}" for i in range(2_000)) + "\n"
    made: list[int] = []

    def make(piece: str, start: int) -> _Line:
        made.append(len(piece))
        return _Line(piece, start)

    out = join_broken_cells(split_lines(text), text, make, _looks_spaced_row)
    assert sum(made) <= _MAX_PIECES * len(text)
    assert len(out) == -(-2_000 // _MAX_PIECES)  # every line kept, in cells of at most _MAX_PIECES lines


def test_a_short_broken_cell_is_still_joined() -> None:
    from extractor.ingest.text_gaps import join_broken_cells
    from extractor.ingest.text_grid import _Line, _looks_spaced_row, split_lines

    text = "项目资金\n(万元)\n\n10\n"
    out = join_broken_cells(split_lines(text), text, _Line, _looks_spaced_row)
    assert [ln.text for ln in out] == ["项目资金\n(万元)", "", "10"]
