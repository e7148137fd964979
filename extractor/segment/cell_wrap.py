"""Join header and 一级/二级 words that wrapped onto a cell line of their own.

A narrow web table copied one cell per line (sample 45) prints a long header cell over two or
three lines (``年初`` / ``预算数``, ``偏差原因`` / ``分析及`` / ``改进措施``) and so do the level
words in the indicator column (``经济效`` / ``益指标``).  Without row breaks nothing says where a
cell ends, so each fragment would be read as a cell of its own and shift every row after it.
Fragments are joined only when the vocabulary says so: two or three consecutive lines, none
holding a digit, whose joined text is a whole header cell (``vocab.HEADER_WORDS``) or a level
word whose two lines are not both level words.  Names, values and sentences never join.

A web page's 一级 cell may also print its stated points in a paragraph of its own (sample 45:
``产出指标`` / ``(50)``, ``效益指标`` / ``30分)`` with the bracket lost): a line holding only a
bracketed or 分-marked figure right after a bare 一级 word is that word's subtotal, joined as
``产出指标（50分）`` so the level reader sees the points it states.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractor.grid import Cell
from extractor.vocab import LEVEL1_RE, is_header_word, is_level_word, squash

_MAX_LINES = 3
_DIGIT = re.compile(r"\d")
# a 一级 cell's points printed apart: (50), （50分）, 30分), (30分 — a bracket or 分 marks them
_POINTS = re.compile(r"^(?=.*[(（)）分])[(（]?(\d{1,3}(?:\.\d+)?)分?[)）]?$")
# what closes a bracket the points left open: ``(40`` / ``分)`` is one cell printed in two pieces
_CLOSING = re.compile(r"分?[)）]")


def _points_apart(word: str, points: str, after: str) -> tuple[str, int] | None:
    """The figure of ``points`` when it is the stated subtotal of the bare 一级 word ``word``, and
    how many cells it takes: two, or three when the cell ``after`` closes what ``points`` opened
    (``(40`` / ``分)``: one cell printed in two pieces)."""
    m = _POINTS.match(points)
    if m is None or not LEVEL1_RE.fullmatch(word):
        return None
    opened = points[0] in "(（" and points[-1] not in ")）分"
    return m.group(1), 3 if opened and _CLOSING.fullmatch(after) else 2


def _whole(parts: list[str]) -> bool:
    """Whether ``parts`` (squashed lines) are one header or level word wrapped."""
    if any(not p or _DIGIT.search(p) for p in parts):
        return False
    joined = "".join(parts)
    if is_header_word(joined):
        return True
    # 经济效 | 益指标, 数量 | 指标, 生态 | 效益指标 — but never two level words side by side
    # (产出指标 | 数量指标)
    return len(parts) == 2 and is_level_word(joined) and not (is_level_word(parts[0]) and is_level_word(parts[1]))


def join_wrapped(cells: list[Cell]) -> list[Cell]:
    """``cells`` with wrapped header and level words joined back into one cell each; blank
    cells (blank lines between cell lines, which the restreaming skips too) are dropped."""
    printed = [c for c in cells if c.clean]
    keys = [squash(c.clean) for c in printed]
    out: list[Cell] = []
    i = 0
    while i < len(printed):
        n = next((n for n in range(_MAX_LINES, 1, -1) if i + n <= len(printed) and _whole(keys[i:i + n])), 1)
        cell = printed[i]
        after = keys[i + 2] if i + 2 < len(keys) else ""
        if n == 1 and i + 1 < len(printed) and (apart := _points_apart(keys[i], keys[i + 1], after)) is not None:
            points, taken = apart
            last = printed[i + taken - 1]
            out.append(replace(cell, text=f"{cell.clean}（{points}分）",
                               char_end=last.char_end if last.char_end is not None else cell.char_end))
            i += taken
            continue
        if n > 1:
            last = printed[i + n - 1]
            cell = replace(cell, text="".join(c.clean for c in printed[i:i + n]),
                           char_end=last.char_end if last.char_end is not None else cell.char_end,
                           ruby=sum(c.ruby for c in printed[i:i + n]))
        out.append(cell)
        i += n
    return out


_FRAGMENT = 4  # 年度, 实际: the upper half of a header cell printed over two header rows


def join_header_halves(cells: list[Cell]) -> list[Cell]:
    """A header printed over two rows, one cell per line: the upper row holds whole words and
    the upper halves of the split ones (``一级指标 | … | 年度 | 实际 | 分值 | 得分``), the lower row
    only the lower halves (``指标值 | 完成值``).  Within a run of header cells, the k-th half that
    names nothing joins the k-th of the trailing halves when the two make a header word; any
    pair that does not leaves the run as printed."""
    out = list(cells)
    keys = [squash(c.clean) for c in out]
    i = 0
    while i < len(out):
        if not is_header_word(keys[i]):
            i += 1
            continue
        j = i
        while j < len(out) and (is_header_word(keys[j]) or _is_half(keys[j])):
            j += 1
        halves = [k for k in range(i, j) if not is_header_word(keys[k])]
        lower = list(range(j - len(halves), j))
        if halves and halves[-1] < lower[0] and all(
                is_header_word(keys[a] + keys[b]) for a, b in zip(halves, lower, strict=True)):
            for a, b in zip(halves, lower, strict=True):
                out[a] = replace(out[a], text=out[a].clean + out[b].clean)
                keys[a] = keys[a] + keys[b]
            del out[lower[0]:j]
            del keys[lower[0]:j]
            j = lower[0]
        i = j
    return out


def _is_half(key: str) -> bool:
    return 0 < len(key) <= _FRAGMENT and not _DIGIT.search(key) and not is_level_word(key)
