"""Tab-separated rows whose cells wrapped onto extra lines, put back together.

A table copied out of a narrow web page or a PDF keeps its TABs but breaks long cells
(``经济效益`` / ``指标``) and sometimes a whole header row between two cells.  Each piece then
reads as a row of its own, or as narrative that ends the table, and every later cell lands one
column off.  Within one table (lines between blank lines) rows print the same number of TABs,
so lines short of that count that add up to it are one row: joined inside a cell (the line
break becomes part of the cell, as in a one-cell-per-line paste) or between two cells.  A
short line without TAB between two table lines is a wrapped piece of a neighbour.  When most
rows wrapped, the full count is printed by only a few lines; the table is then recognised by
its lines adding up to whole rows.  Character offsets are kept: the joint replaces the line
break in place.
"""

from __future__ import annotations

import re
from collections import Counter

from extractor.vocab import FUNDS_COLUMNS, INDICATOR_COLUMNS, TITLE_RE, is_level_word, match_column

Line = tuple[str, int]  # (text without its line break, offset of its first character)

_FRAGMENT = 12  # a wrapped piece is a few words, not a sentence
_SENTENCE = set("。；;，,：:")
_BRACKETED = re.compile(r"[（(][^（()）]*[）)]")


def _tabs(text: str) -> int:
    return text.count("\t")


def _width(block: list[Line]) -> int | None:
    """The TAB count complete rows of a table print: the most common count among its TAB
    lines, when it is also the largest (wrapped pieces only ever print fewer).  A table where
    most rows wrapped prints its full count on few lines: then the largest count printed at
    least twice is taken when the block's lines add up to whole rows of it (``_rows``)."""
    counts = Counter(_tabs(t) for t, _ in block if "\t" in t)
    if not counts:
        return None
    width, n = counts.most_common(1)[0]
    ok = n >= 3 and n >= 0.3 * sum(counts.values()) and sum(c for w, c in counts.items() if w > width) <= 1
    if ok:
        return width
    widest = [w for w in sorted(counts, reverse=True) if counts[w] >= 2][:1]
    if not widest or sum(c for w, c in counts.items() if w > widest[0]) > 1 or widest[0] < 2:
        return None
    groups = _rows(block, widest[0])
    tab_lines = sum(counts.values())
    whole = [g for g in groups if sum(_tabs(block[k][0]) for k in g) == widest[0]]
    covered = sum(1 for g in whole for k in g if "\t" in block[k][0])
    return widest[0] if len(whole) >= 3 and covered >= 0.7 * tab_lines else None


def _join(a: Line, b: Line, sep: str) -> Line:
    """``a`` and ``b`` as one line, the line break between them replaced by ``sep`` (padded to
    the break's length so later offsets stay right)."""
    gap = b[1] - a[1] - len(a[0])
    return (a[0] + (sep + " " * (gap - 1) if sep == "\t" else "\n" * gap) + b[0], a[1])


def _fragment(text: str) -> bool:
    """A short piece of a wrapped cell; a form's title, or a line wholly in brackets under it
    (``（2020年度）``), is no piece of its first row."""
    body = text.strip()
    return (bool(body) and "\t" not in text and len(body) <= _FRAGMENT and not (set(body) & _SENTENCE)
            and not TITLE_RE.search(body) and not _BRACKETED.fullmatch(body))


def _heading(text: str) -> bool:
    """A whole column heading of a funds or indicator table (三级指标, 指标性质, 全年执行数)."""
    body = "".join(text.split())
    return bool(body) and (match_column(body, INDICATOR_COLUMNS) is not None
                           or match_column(body, FUNDS_COLUMNS) is not None or is_level_word(body))


def _border(lines: list[Line]) -> int | None:
    """Where a row broken between two cells lost its TAB: the line break with a whole column
    heading or an empty cell on both sides (三级 / 指标 / 指标 / 性质 breaks after the first
    指标).  TAB counts alone cannot tell a break between two cells from a cell that wrapped;
    headings can."""
    best: tuple[int, int] | None = None
    for k in range(1, len(lines)):
        left = "".join(t for t, _ in lines[:k]).split("\t")[-1]
        right = "".join(t for t, _ in lines[k:]).split("\t")[0]
        # an empty cell beside the break cannot have wrapped (a wrap leaves text on both lines)
        score = sum(not side.strip() or _heading(side) for side in (left, right))
        if score == 2 and (best is None or max(len(left), len(right)) < best[1]):
            best = (k, max(len(left), len(right)))
    return best[0] if best else None


def _completes(cell: str, piece: str, before: bool = False) -> bool:
    """``piece`` makes ``cell`` a heading it was not without it (执 行 + 率)."""
    return not _heading(cell) and _heading(piece + cell if before else cell + piece)


def _seen(text: str, cells: set[str]) -> bool:
    return "".join(text.split()) in cells


def _edge_cost(block: list[Line], i: int, j: int, tabs: list[int], cells: set[str]) -> float:
    """What a group of lines ``i:j`` that adds up to a whole row pays for a fragment at its
    edge: a fragment between two rows is the tail of the one above or the head of the one
    below.  A wrap leaves text on both lines, so a line that ends (or starts) with a TAB cannot
    continue into (or out of) the fragment; otherwise the side where it makes a heading wins
    (执 行 / 率), then the row below (leading labels wrap more often than trailing cells)."""
    extra = 0.0
    if tabs[j - 1] == 0 and j - 1 > i:
        above = block[j - 2][0]
        if above.rstrip(" ").endswith("\t"):
            return float("inf")
        tail = above.split("\t")[-1]
        extra += 0.0 if _completes(tail, block[j - 1][0]) or _seen(tail + block[j - 1][0], cells) else _TAIL
    if tabs[i] == 0 and j - 1 > i:
        below = block[i + 1][0]
        if below.lstrip(" ").startswith("\t") or i == 0:  # nothing above: a line before the table
            return float("inf")
        head = below.split("\t")[0]
        extra += 0.0 if _completes(head, block[i][0], before=True) or _seen(block[i][0] + head, cells) else _LEAD
    return extra


_TAIL, _LEAD = 0.01, 0.005  # tie-breaks between whole rows: a fragment goes below, not above
_BROKEN = 0.05  # a row one TAB short (broken between two cells) is less certain than a whole one
_ALONE = 1.5  # a TAB line short of the width that no row took
_MAX_PIECES = 12  # a row wraps onto a few lines, never a page


def _rows(block: list[Line], width: int) -> list[list[int]]:
    """The block's lines grouped into rows, by dynamic programming over the whole table: the
    cheapest grouping where every group of several lines prints exactly ``width`` TABs (cells
    wrapped: the breaks fall inside cells), or one fewer with a heading or an empty cell on both
    sides of one break (a header row broken between two cells).  Lines without TAB join a group
    only as short fragments.  A lone line may stay a row of its own (prose, a ragged row), but a
    TAB line short of the width left alone costs more than a row, so a piece is not left over
    where a grouping takes every piece: deciding line by line, a header broken once and wrapped
    twice (三级 / 指标 / 指标 / 性质) took the next row's first cell."""
    n = len(block)
    tabs = [_tabs(t) for t, _ in block]
    frag = [_fragment(t) for t, _ in block]
    cells = {"".join(c.split()) for t, _ in block for c in t.split("\t")}
    inf = float("inf")
    cost = [0.0] + [inf] * n
    back = [0] * (n + 1)
    for j in range(1, n + 1):
        # a TAB line short of the width left alone is a piece no row took: it costs more than
        # a whole row, so pieces go to the grouping that leaves none (prose and whole rows: 1)
        alone = _ALONE if 0 < tabs[j - 1] < width else 1.0
        cost[j], back[j] = cost[j - 1] + alone, j - 1
        total = tabs[j - 1]
        for i in range(j - 2, max(-1, j - 1 - _MAX_PIECES), -1):
            total += tabs[i]
            if total > width:
                break
            pieces = range(i, j)
            if any(tabs[k] == 0 and not frag[k] for k in pieces):
                continue
            if total == width:
                extra = _edge_cost(block, i, j, tabs, cells)
            elif total == width - 1 and _border(block[i:j]) is not None:
                extra = _BROKEN
            else:
                continue
            if cost[i] + 1 + extra < cost[j]:
                cost[j], back[j] = cost[i] + 1 + extra, i
    groups: list[list[int]] = []
    j = n
    while j > 0:
        groups.append(list(range(back[j], j)))
        j = back[j]
    return groups[::-1]


def _rejoin_block(block: list[Line]) -> list[Line]:
    """One table's lines with its broken rows joined (see the module's docstring)."""
    width = _width(block)
    if width is None:
        return block
    out: list[Line] = []
    for group in _rows(block, width):
        lines = [block[k] for k in group]
        border = _border(lines) if sum(_tabs(t) for t, _ in lines) == width - 1 else None
        row = lines[0]
        for k, line in enumerate(lines[1:], start=1):
            row = _join(row, line, "\t" if k == border else "\n")
        out.append(row)
    return out


def rejoin_wrapped(lines: list[Line]) -> list[Line]:
    """Lines with wrapped table rows joined; blank lines separate tables and stay."""
    out: list[Line] = []
    block: list[Line] = []
    for line in lines:
        if line[0].strip(" \r\n"):
            block.append(line)
            continue
        out += _rejoin_block(block) + [line]
        block = []
    return out + _rejoin_block(block)
