"""Read 年度总体目标 (预期目标 / 实际完成情况) and target forms' overall goal."""

from __future__ import annotations

import re
from dataclasses import replace

from extractor.grid import Cell
from extractor.rules.cells import repeats_above, text_value, traced
from extractor.rules.goal_items import item_halves
from extractor.segment.types import Row
from extractor.values import is_placeholder, squash
from schemas.common import Goals, Value

_EXPECTED = re.compile(r"^(预期目标|年初设定目标|年度目标|绩效目标|总体目标)$")
_ACTUAL = re.compile(r"(实际完成情况|完成情况综述|全年完成情况|目标完成情况|实际完成目标|实际完成)$")
# 本年度绩效目标: a 项目支出 declaration's year goal, printed after its 实施期绩效目标 (the term's)
# 总体目标 年度目标: a Sichuan declaration's two labels printed on one line of a spaced page
_OVERALL = re.compile(r"^(整体绩效目标|总体目标(?:年度目标)?|年度目标|年度总体目标|项目年度目标|"
                      r"(本)?年度绩效目标|绩效目标)$")


def _content(row: Row, above: Row | None = None) -> list[Cell]:
    """Printed cells of the row, without merge copies and labels repeated from the row above."""
    return [c for k, c in enumerate(row.cells)
            if c.clean and not is_placeholder(c.clean) and not repeats_above(row, above, k)]


def read_goals(rows: list[Row]) -> Goals:
    """The header row names 预期目标 and 实际完成情况; the texts are in the next printed row."""
    goals = Goals()
    for i, row in enumerate(rows):
        texts = [squash(t) for t in row.texts]
        exp_col = next((k for k, t in enumerate(texts) if _EXPECTED.match(t)), None)
        act_col = next((k for k, t in enumerate(texts) if _ACTUAL.search(t) and (exp_col is None or k > exp_col)), None)
        if exp_col is not None and act_col is None:
            # the 实际完成情况 label on a line of its own: whole, or (a one-line export) wrapped in
            # pieces, the texts after a caption reprinted
            split = _split_header(rows, i) or _late_actual_header(rows, i)
            if split is not None:
                return split
        if exp_col is None or act_col is None or act_col <= exp_col:
            continue
        for j in range(i + 1, min(i + 3, len(rows))):
            nxt = rows[j]
            cells = [c for c in _content(nxt, rows[j - 1]) if len(c.clean) > 1]
            if (halves := item_halves(nxt, cells)) is not None:
                goals.expected, goals.actual = halves
                return goals
            if len(cells) >= 2:
                expected, actual = _under_headers(cells, row.cells[exp_col].col, row.cells[act_col].col)
                goals.expected = text_value(nxt, expected)
                goals.actual = text_value(nxt, actual)
                return goals
            if len(cells) == 1:
                pair = _spaced_pair(nxt, cells[0])
                if pair is not None:
                    goals.expected, goals.actual = pair
                    return goals
                goals.expected = text_value(nxt, cells[0])
                return goals
        return goals
    return _single_goal(rows, goals)


def _split_header(rows: list[Row], i: int) -> Goals | None:
    """A header whose 实际完成情况 label the page printed on a line of its own, after 预期目标's
    row (``年度总体目标 | 年初设定目标`` / ``年度总体目标完成情况综述``): the row after it holds the
    expected goal and the actual one, two cells or two runs of numbered items, nothing else."""
    if i + 2 >= len(rows):
        return None
    label = [c for c in _content(rows[i + 1]) if len(c.clean) > 1]
    if len(label) != 1 or not _ACTUAL.search(squash(label[0].clean)):
        return None
    nxt = rows[i + 2]
    cells = [c for c in _content(nxt) if len(c.clean) > 1]
    if (halves := item_halves(nxt, cells)) is not None:
        return Goals(expected=halves[0], actual=halves[1])
    if len(cells) == 2:
        return Goals(expected=text_value(nxt, cells[0]), actual=text_value(nxt, cells[1]))
    return None


_HEAD_MAX = 14  # characters of a goal header cell (年度总体目标完成情况综述 is 12)
_SENTENCE = re.compile(r"[，。；！？,;]")


def _late_actual_header(rows: list[Row], i: int) -> Goals | None:
    """A one-line export whose 实际完成情况 heading the re-rowing cut onto a row of its own
    (``年度总体目标 | 年初设定目标`` / ``年度总体目标完成情况综述`` / the two texts): the heading row holds
    header words only, the row after it exactly the two texts, the expected one first as the
    headings are; None where the rows are not so."""
    if i + 2 >= len(rows):
        return None
    heads = [squash(c.clean) for c in _content(rows[i + 1])]
    if not heads or not any(_ACTUAL.search(h) for h in heads) \
            or any(len(h) > _HEAD_MAX or _SENTENCE.search(h) for h in heads):
        return None
    cells = _content(rows[i + 2])
    texts = [c for c in cells if len(squash(c.clean)) > _HEAD_MAX]
    # a merged caption the export printed again before the texts (年度总体目标) aside
    if len(texts) != 2 or any(c not in texts and not _SINGLE.match(squash(c.clean)) for c in cells):
        return None
    return Goals(expected=text_value(rows[i + 2], texts[0]), actual=text_value(rows[i + 2], texts[1]))


def _under_headers(cells: list[Cell], exp_col: int, act_col: int) -> tuple[Cell, Cell]:
    """The texts under 预期目标 and under 实际完成情况 by column, where both columns hold one: a
    merged goal exported once per column it spans (TSV) prints the expected text again where the
    second cell is looked for.  Otherwise the first two texts, in order."""
    expected = next((c for c in cells if exp_col <= c.col < act_col), None)
    actual = next((c for c in cells if c.col >= act_col), None)
    return (expected, actual) if expected is not None and actual is not None else (cells[0], cells[1])


_SINGLE = re.compile(r"^(年度目标|项目年度目标|年度总体目标|总体目标|年初设定目标)$")


def _single_goal(rows: list[Row], goals: Goals) -> Goals:
    """Forms that print only the goal (Sichuan ``年度目标 | text``): it is the expected goal."""
    for row in rows:
        cells = _content(row)
        if len(cells) >= 2 and _SINGLE.match(squash(cells[0].clean)) and len(cells[1].clean) > 8:
            goals.expected = text_value(row, cells[1])
            break
    return goals


def read_overall_goal(rows: list[Row]) -> Value[str]:
    """Target forms: ``整体绩效目标 | text`` on one row, or ``总体目标 | 年度目标`` then the text below."""
    for i, row in enumerate(rows):
        cells = _content(row)
        captioned = _captioned_goal(rows, i)
        if captioned is not None:
            return captioned
        spaced = _spaced_goal(row, cells)
        if spaced is not None:
            return spaced
        if not cells or not _OVERALL.match(squash(cells[0].clean)):
            continue
        paired = _term_goal(row, cells[1:])
        if paired is not None:
            return paired
        rest = [c for c in cells[1:] if not _OVERALL.match(squash(c.clean))]
        if rest and len(rest[0].clean) > 8:
            return text_value(row, rest[0])
        for nxt in rows[i + 1:i + 3]:
            body = [c for c in _content(nxt) if len(c.clean) > 8]
            if body:
                return text_value(nxt, body[0])
    return Value[str]()


def _spaced_goal(row: Row, cells: list[Cell]) -> Value[str] | None:
    """``整体绩效目标 text`` printed as one line (a PDF text layer's row, dept_page): the text after
    the label and its space, or None."""
    if len(cells) != 1:
        return None
    m = re.match(r"^(\S{4,10})[ \u3000\xa0]+(\S.{8,})$", cells[0].clean)
    if m is None or not _OVERALL.match(squash(m.group(1))):
        return None
    return traced(row, [cells[0]], m.group(2).strip())


# a 项目库 declaration's goal block (samples 61, 63): a 项目绩效目标 caption, then either a
# 绩效目标总体描述 label and the text, or the 项目总目标 | 年度总体目标 sub-headers over their texts
_CAPTION = re.compile(r"^项目绩效目标$")
_DESCRIBED = re.compile(r"^(绩效目标)?总体描述$")
_WHOLE_TERM = re.compile(r"^(项目总目标|中长期目标|中期目标|长期目标|实施期目标)$")
_ANNUAL = re.compile(r"^(年度总体目标|年度目标|年度绩效目标)$")


def _captioned_goal(rows: list[Row], i: int) -> Value[str] | None:
    """The year's goal of a goal block under a 项目绩效目标 caption at row ``i``, else None."""
    cells = _content(rows[i])
    if len(cells) < 2 or not _CAPTION.match(squash(cells[0].clean)):
        return None
    heads = [squash(c.clean) for c in cells[1:]]
    if _DESCRIBED.match(heads[0]) and len(cells) > 2 and len(cells[2].clean) > 8:
        return text_value(rows[i], cells[2])
    if len(heads) == 2 and _WHOLE_TERM.match(heads[0]) and _ANNUAL.match(heads[1]) and i + 1 < len(rows):
        below = _content(rows[i + 1])
        if len(below) == 2 and len(below[1].clean) > 8:
            return text_value(rows[i + 1], below[1])
    return None


_TERM = re.compile(r"^(中期目标|长期目标|年度目标|实施期目标)$")


def _term_goal(row: Row, cells: list[Cell]) -> Value[str] | None:
    """``总体目标 | 中期目标 | 年度目标 | text | text`` (the sub-headers, then their texts in the
    same order, on one re-rowed line): the text under 年度目标."""
    heads = 0
    while heads < len(cells) and _TERM.match(squash(cells[heads].clean)):
        heads += 1
    names = [squash(c.clean) for c in cells[:heads]]
    texts = cells[heads:]
    if heads < 2 or "年度目标" not in names or len(texts) < heads:
        return None
    return text_value(row, texts[names.index("年度目标")])


_ENUMERATED = re.compile(r"^([0-9一二三四五六七八九十]+[.、．)）]|[（(])")


def _spaced_pair(row: Row, cell: Cell) -> tuple[Value[str], Value[str]] | None:
    """Both goal texts on one line of copied text (``预期… 实际…``), split at its only gap.

    Only a line with exactly one gap whose second part does not start a numbered point is split;
    the split is a layout guess, so it is kept at lower confidence."""
    parts = [m for m in re.finditer(r"\S+", cell.clean)]
    if len(parts) != 2 or cell.char_start is None or _ENUMERATED.match(parts[1].group(0)):
        return None
    if len(parts[0].group(0)) < 4 or len(parts[1].group(0)) < 2:
        return None
    offset = cell.char_start + len(cell.text) - len(cell.text.lstrip())
    first, second = (
        replace(cell, text=p.group(0), char_start=offset + p.start(), char_end=offset + p.end()) for p in parts
    )
    return text_value(row, first, confidence=0.6), text_value(row, second, confidence=0.6)

