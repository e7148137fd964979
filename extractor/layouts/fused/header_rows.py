"""An indicator header printed over two rows, run together (``…三级指标年度实际分值得分…指标值完成值``).

Templates head some columns in two rows: a heading half over its word (``年度`` over ``指标值``,
``实际`` over ``完成值``), or one heading over several columns (``年度指标值`` over ``指标性质``
``指标值`` ``度量单位``).  Run together, the first row's words come first and the second row's
after them, so the first header run stops at a half or holds a heading where the columns are
three.  The second row settles it: its words complete the halves in order, or, where it names
a column of the first row again, they are that heading's columns.  A second row that repeats the
merged cells (``一级指标二级指标三级指标指标性质…``) is itself the whole header.
"""

from __future__ import annotations

import re

import extractor.layouts.fused.lexicon as lx

# the first halves of two-row headings (年度 / 指标值, 实际 / 完成值): no column on their own
_HALF = re.compile(r"全年实际|年度|实际|全年|年初")

# ``一级指标名称`` … wrapped: the level headings' last words on a row of their own (``名称名称名称``,
# maybe OCR'd out of order); a run of nothing but 名 and 称 is no indicator's text
_NAME_ROW = re.compile(r"[名称]{4,}")

Token = tuple[str, int, int]  # (field, or "" for a heading half; start; end)


def _tokens(t: str, pos: int, halves: bool) -> tuple[list[Token], int]:
    out: list[Token] = []
    while pos < len(t):
        hit = lx.match_at(lx.INDICATOR_HEADER, t, pos, [f for f, _, _ in out])
        if hit is not None:
            out.append((hit[1], pos, hit[0]))
            pos = hit[0]
            continue
        half = _HALF.match(t, pos) if halves else None
        if half is None:
            break
        out.append(("", pos, half.end()))
        pos = half.end()
    return out, pos


def _whole(word: str) -> str | None:
    """The column a heading half and its second-row word make together (年度 + 指标值 → target)."""
    hit = lx.match_at(lx.INDICATOR_HEADER, word, 0)
    return hit[1] if hit is not None and hit[0] == len(word) else None


def two_row_header(t: str, pos: int, cols: list[str]) -> tuple[list[str], int] | None:
    """The columns of a header whose first run of words (``cols``, read from the header's start)
    ended at ``pos``, with what follows it read as the second row; None when nothing says the
    header has two rows."""
    more, p = _tokens(t, pos, halves=True)
    sep = lx.INDICATOR_SECTION.match(t, p)  # a lead caption (绩效指标) printed again before the second row
    if sep is not None:
        again, q = _tokens(t, sep.end(), halves=False)
        if again:
            more, p = [*more, *again], q
    tokens = [*[(c, -1, -1) for c in cols], *more]
    fields = [f for f, _, _ in tokens]
    halves = [k for k, f in enumerate(fields) if not f]
    if halves:
        tails = list(range(len(tokens) - len(halves), len(tokens)))
        if tails[0] <= halves[-1]:
            return None
        out = list(fields)
        for k, j in zip(halves, tails, strict=True):
            whole = _whole(t[tokens[k][1]:tokens[k][2]] + t[tokens[j][1]:tokens[j][2]])
            if whole is None:
                return None
            out[k] = whole
        return out[:tails[0]], p
    if fields.count("name") == 2:  # the merged cells printed again: the second row is the whole header
        return fields[fields.index("name", fields.index("name") + 1) - fields.index("name"):], p
    if "deviation" not in fields[:-1] or len(fields) == len(set(fields)):
        return None
    cut = fields.index("deviation") + 1  # the free-text column closes the first row
    row1, row2 = fields[:cut], fields[cut:]
    shared = next((k for k, f in enumerate(row1) if f in row2 and f not in ("level1", "level2", "name")), None)
    if shared is None:
        return None
    return [*row1[:shared], *row2, *row1[shared + 1:]], p


def name_row_end(t: str, pos: int) -> int:
    """Where the header's wrapped 名称 row (``名称名称名称``) that follows it at ``pos`` ends; ``pos``
    when there is none."""
    m = _NAME_ROW.match(t, pos)
    return m.end() if m is not None else pos
