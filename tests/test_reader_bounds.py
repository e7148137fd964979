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


class _Counted(str):
    """A key that counts the characters its slices copy."""

    copied = 0

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        piece = str.__getitem__(self, index)
        _Counted.copied += len(piece)
        return _Counted(piece)


def test_a_letter_spaced_header_cell_is_read_in_place(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """``header_words`` once cut the key at every word: a 20,000-word cell copied 400 M characters
    (a hostile 2 MB cell: minutes); it now reads the key in place."""
    from extractor.segment import export_sheet

    monkeypatch.setattr(export_sheet, "squash", lambda text: _Counted(text.replace(" ", "")))
    _Counted.copied = 0
    text = "序号" * 2_000
    assert export_sheet.header_words(text) == ["序号"] * 2_000
    assert _Counted.copied <= len(text)
    assert export_sheet.header_words("序 号 一 级 指 标 二级指标") == ["序号", "一级指标", "二级指标"]
    assert export_sheet.header_words("序号一级指标x") is None


class _CountedCells(list):  # type: ignore[type-arg]
    """A row's cells that count how often their length is asked (once per column scanned)."""

    asked = 0

    def __len__(self) -> int:
        _CountedCells.asked += 1
        return list.__len__(self)


def test_headless_columns_are_read_in_one_pass_over_the_cells() -> None:
    """One hostile row of 2,000 cells over 2,000 short rows: naming the columns once scanned every
    row for every column (4 M steps); it now reads each row a few times."""
    from extractor.grid import Cell
    from extractor.rules.headless_indicators import headless_header
    from extractor.segment.types import Row

    def row(texts: list[str]) -> Row:
        return Row(_CountedCells(Cell(t, 0, k) for k, t in enumerate(texts)), "g")

    rows = [row(["产出指标", "数量指标", *(f"x{k}" for k in range(2_000))])]
    rows += [row(["产出指标", f"名称{i}", "10"]) for i in range(2_000)]
    rows.append(row(["合计", "", "100"]))
    _CountedCells.asked = 0
    headless_header(rows)
    assert _CountedCells.asked <= 20 * len(rows)


def test_headless_columns_still_name_a_plain_excerpt() -> None:
    from extractor.grid import Cell
    from extractor.rules.headless_indicators import headless_header
    from extractor.segment.types import Row

    rows = [Row([Cell(t, i, k) for k, t in enumerate(texts)], "g") for i, texts in enumerate([
        ["产出指标", "数量指标", "培训人数", "≥100人", "120人", "50", "50"],
        ["效益指标", "社会效益指标", "覆盖率", "≥90%", "95%", "50", "45"],
        ["合计", "", "", "", "", "100", "95"]])]
    found = headless_header(rows)
    assert found is not None
    assert found[1].columns == {0: "level1", 1: "level2", 2: "name", 3: "target", 4: "actual", 5: "weight", 6: "score"}
