"""Put back the rows of an indicator table pasted one cell per line with each row's cells permuted.

A PDF text layer or an Excel export emits a row's cells out of order — its short cells before its
tall ones (``≧46万元 | 49万元 | 5 | 5 | 指标1：节约运行成本``) or the row rotated (``5 | 4.39 | 个别群众…
| 指标2：带动农户增收 | ≧231万元 | 203万元``) — but a row's cells still come together.  The restreamed
rows (``restream``) cut such a table where a cell looks like a row's start, which a rotated row
defeats.  Here the table's body is cut again by dynamic programming, as ``rules/score_order``
cuts a score sheet: the header gives the column order and what each column can hold (a level
word, a name, a measure, a figure, a sentence); every row must be the header's order, a rotation
of it or its short cells first, hold exactly one name, and may leave its leading level columns
blank (merged 一级/二级 printed once).  The cut needing the fewest reorders and blanks wins.

Only tables whose header this model covers and whose body holds level words are re-cut, and only
when enough rows needed a reorder (a table pasted in order keeps its restreamed rows); a body the
model cannot cut, or a cut with a rival reading that places cells differently, stays as it was.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from itertools import combinations

from extractor.classify import is_title
from extractor.grid import Cell
from extractor.values import is_numeric, is_placeholder, normalize_operator, squash
from extractor.vocab import (
    INDICATOR_COLUMNS,
    LEVEL1_RE,
    LEVEL2_RE,
    TOTAL_ROW_RE,
    is_any_level,
    is_header_word,
    is_level,
    is_level_word,
    match_column,
)

_TALL = 8  # cells over 8 characters print on two lines, after their row's short cells
_SENTENCE = re.compile(r"[，。；;,]")
_REORDER = 1.0  # a row printed out of its header's order
_REPEATED_NAME = 1.5  # a text printed more than once read as a name (names are unique)
_SCRAMBLED_SHARE = 0.2  # a scrambled export reorders about half its rows; an in-order paste none
_TIE = 1e-9
_INF = float("inf")

Fit = Callable[[str], "float | None"]  # the cost of a (squashed) text in a column, None: it cannot be there


def _figure(key: str) -> bool:
    return is_numeric(key) or normalize_operator(key) is not None or bool(re.match(r"^[≥≤=<>≧≦＞＜\d.]", key))


def _when(ok: bool, cost: float = 0.0) -> float | None:
    return cost if ok else None


def _level1(key: str) -> float | None:
    return _when(is_level(LEVEL1_RE, key))


def _level2(key: str) -> float | None:
    return _when(is_level(LEVEL2_RE, key))


def _name(key: str) -> float | None:
    """A name; one that reads like a 二级 word (服务对象满意度) is less likely, a 一级 word or a
    level word ending in 指标 never."""
    if _figure(key) or _SENTENCE.search(key) or is_header_word(key):
        return None
    if is_level_word(key) and (is_level(LEVEL1_RE, key) or key.endswith("指标")):
        return None
    return 1.0 if is_any_level(key) else 0.0


def _measure(key: str) -> float | None:
    """A target or an actual value: a figure, a measure, or a short qualitative text."""
    if _figure(key):
        return 0.0
    return _when(len(key) <= 12 and not _SENTENCE.search(key) and not is_any_level(key) and not _NUMBERED.match(key))


def _actual(key: str) -> float | None:
    """An actual value; one stating an operator or a deadline (≥95%, 2020年9月底前) reads as the
    target beside it."""
    fit = _measure(key)
    if fit is not None and (normalize_operator(key) is not None or key.endswith("前")):
        return fit + _TARGET_LIKE
    return fit


_TARGET_LIKE = 0.3


def _nature(key: str) -> float | None:
    return _when(normalize_operator(key) is not None and len(key) <= 2 or key in ("定性", "定量", "正向", "反向"))


def _unit(key: str) -> float | None:
    return _when(len(key) <= 6 and not re.search(r"\d", key) and not is_any_level(key) and not _SENTENCE.search(key))


def _number(key: str) -> float | None:
    return _when(is_numeric(key))


def _reason(key: str) -> float | None:
    """A deviation note: a sentence; a short text there is unlikely (the next row's name)."""
    if is_numeric(key) or is_any_level(key) or _NUMBERED.match(key):
        return None
    return 0.0 if _SENTENCE.search(key) or len(key) > 15 else 0.8


def _text(key: str) -> float | None:
    return _when(not is_numeric(key))


_NUMBERED = re.compile(r"^指标\d+[：:]")  # 指标2：人均补助标准, a name

# column kind → (what may fill it at what cost, the cost of leaving it blank)
_COLUMNS: dict[str, tuple[Fit, float]] = {
    "level1": (_level1, 0.0),
    "level2": (_level2, 0.0),
    "name": (_name, _INF),
    "nature": (_nature, 0.3),
    "target": (_measure, 0.6),
    "unit": (_unit, 0.2),
    "actual": (_actual, 0.6),
    "completion": (_measure, 0.3),
    "weight": (_number, 0.6),
    "score": (_number, 0.6),
    "deviation_reason": (_reason, 0.0),
    "description": (_text, 0.3),
    "direction": (_text, 0.3),
}


def _fit(keys: list[str], columns: list[str], repeated: set[str]) -> tuple[float, list[int]] | None:
    """The cheapest left-to-right placement of a row's cells (in header order) on the columns:
    (cost, column per cell), or None.  Level columns left blank must lead (a merged label)."""
    n, m = len(keys), len(columns)
    # best[i][c]: cost of placing keys[:i] on columns[:c]
    best = [[_INF] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, bool] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for c in range(m):
        kind = columns[c]
        fits, blank = _COLUMNS[kind]
        for i in range(n + 1):
            cost = best[i][c]
            if cost == _INF:
                continue
            skip = blank
            if kind == "level2" and i > 0:
                skip = 1.0  # a 一级 printed and its 二级 blank: not a merge
            if cost + skip < best[i][c + 1]:
                best[i][c + 1], back[i][c + 1] = cost + skip, (i, c, False)
            fit = fits(keys[i]) if i < n else None
            if fit is not None:
                take = cost + fit + (_REPEATED_NAME if kind == "name" and keys[i] in repeated else 0.0)
                if take < best[i + 1][c + 1]:
                    best[i + 1][c + 1], back[i + 1][c + 1] = take, (i, c, True)
    if best[n][m] == _INF:
        return None
    cols: list[int] = []
    i, c = n, m
    while c > 0:
        step = back[i][c]
        assert step is not None
        if step[2]:
            cols.insert(0, step[1])
        i, c = step[0], step[1]
    return best[n][m], cols


def _printed_length(cell: Cell) -> int:
    """The cell's length as printed (a spaced header word, 年 度 指 标 值, is tall), which the
    joined text no longer shows."""
    if cell.char_start is not None and cell.char_end is not None:
        return max(cell.char_end - cell.char_start, len(cell.clean))
    return len(cell.clean)


def _orders(seg: list[Cell]) -> list[tuple[float, list[Cell]]]:
    """The header-order rows ``seg`` may have been printed from: itself, each rotation, and each
    interleaving of its short and tall cells when it prints the short ones first."""
    out: list[tuple[float, list[Cell]]] = [(0.0, seg)]
    out += [(_REORDER, seg[k:] + seg[:k]) for k in range(1, len(seg))]
    lengths = [_printed_length(c) for c in seg]
    n_short = next((k for k, n in enumerate(lengths) if n > _TALL), len(seg))
    if 0 < n_short < len(seg) and all(n > _TALL for n in lengths[n_short:]):
        out += _interleavings(seg, n_short)
    return out


def _interleavings(seg: list[Cell], n_short: int) -> list[tuple[float, list[Cell]]]:
    """Every order whose short cells first, then its tall ones, print as ``seg``."""
    short, tall = seg[:n_short], seg[n_short:]
    out: list[tuple[float, list[Cell]]] = []
    for places in combinations(range(len(seg)), len(tall)):
        merged: list[Cell] = []
        si = ti = 0
        for p in range(len(seg)):
            if p in places:
                merged.append(tall[ti])
                ti += 1
            else:
                merged.append(short[si])
                si += 1
        if merged != seg:
            out.append((_REORDER, merged))
    return out


_SPACED_TALL = 5  # a header word of five characters printed spaced out (年 度 指 标 值) is tall


def _header_orders(header: list[Cell]) -> list[tuple[float, list[Cell]]]:
    """A header's possible orders: as a row's, and with any trailing run of words that were tall
    when printed spaced out (the joined text no longer says so) as its tall cells."""
    out = _orders(header)
    k = len(header)
    while k > 1 and len(squash(header[k - 1].clean)) >= _SPACED_TALL:
        k -= 1
        out += _interleavings(header, k)
    return out


def _read_row(seg: list[Cell], columns: list[str], repeated: set[str]
              ) -> tuple[float, list[Cell], bool] | None:
    """The cheapest header-order reading of one printed row: (cost, cells in header order,
    whether another reading as cheap orders the cells differently)."""
    found: list[tuple[float, list[Cell], list[int]]] = []
    for cost, order in _orders(seg):
        fit = _fit([squash(c.clean) for c in order], columns, repeated)
        if fit is not None:
            found.append((cost + fit[0], order, fit[1]))
    if not found:
        return None
    low = min(f[0] for f in found)
    best = [f for f in found if f[0] - low < _TIE]
    first = _content(best[0][1], best[0][2])
    doubtful = any(_content(f[1], f[2]) != first for f in best[1:])
    return low, best[0][1], doubtful


def _content(cells: list[Cell], cols: list[int]) -> list[tuple[int, str]]:
    return [(col, squash(c.clean)) for col, c in zip(cols, cells, strict=True)]


def _cut(body: list[Cell], columns: list[str]) -> tuple[list[list[Cell]], int, bool, float] | None:
    """Rows of ``body`` in header order (fewest reorders and blanks), how many were reordered,
    whether any choice was tied, and the cost."""
    n = len(body)
    keys = Counter(squash(c.clean) for c in body)
    repeated = {k for k, v in keys.items() if v > 1}
    best: list[float] = [0.0] + [_INF] * n
    back: list[tuple[int, list[Cell], bool]] = [(0, [], False)] * (n + 1)
    tied = [False] * (n + 1)
    width = len(columns)
    for j in range(1, n + 1):
        for i in range(max(0, j - width), j):
            if best[i] == _INF:
                continue
            read = _read_row(body[i:j], columns, repeated)
            if read is None:
                continue
            total = best[i] + read[0]
            if total < best[j] - _TIE:
                best[j], back[j], tied[j] = total, (i, read[1], read[2]), tied[i] or read[2]
            elif abs(total - best[j]) < _TIE:
                tied[j] = True
    if best[n] == _INF:
        return None
    rows: list[list[Cell]] = []
    at = n
    while at > 0:
        prev, row, _ = back[at]
        rows.insert(0, row)
        at = prev
    moved = sum(1 for k, row in enumerate(rows) if row != body[sum(len(r) for r in rows[:k]):][:len(row)])
    return rows, moved, tied[n], best[n]


def _header_kinds(cells: list[Cell]) -> list[str] | None:
    """The indicator header's column kinds, or None when a column is outside this model or the
    order is none a header prints (levels, then the name; a target before its actual, a weight
    before its score)."""
    kinds: list[str] = []
    for cell in cells:
        key = squash(cell.clean)
        kind = match_column(key, INDICATOR_COLUMNS) if _column_word(cell) else None
        if kind is None or kind not in _COLUMNS:
            return None
        kinds.append(kind)
    if not kinds or kinds[0] != "level1" or "name" not in kinds or len(set(kinds)) != len(kinds):
        return None
    name = kinds.index("name")
    if kinds[1:name] not in ([], ["level2"]):
        return None
    for first, then in (("target", "actual"), ("weight", "score"), ("actual", "completion")):
        if first in kinds and then in kinds and kinds.index(first) > kinds.index(then):
            return None
    if "deviation_reason" in kinds and kinds[-1] != "deviation_reason":
        return None  # the note closes the row
    return kinds


_BLOCK_LABEL = re.compile(r"^(年度)?绩效指标$")  # the merged label beside the table, printed on each row or once


def _header_cells(row: list[Cell]) -> list[Cell]:
    """The header row's column words, the block's label aside."""
    return [c for c in row if not _BLOCK_LABEL.match(squash(c.clean))]


# what follows a table that prints no total row: a title, the next form's unit line or header label
_AFTER_TABLE = re.compile(
    r"^(单位[：:]|项目名称|主管部门|实施单位|资金情况|年度资金总额|总体目标|其他需要说明|评价结论|存在问题|附件)")


def _ends_table(row: list[Cell]) -> bool:
    key = squash(row[0].clean) if row else ""
    return not row or bool(TOTAL_ROW_RE.match(key) or _AFTER_TABLE.match(key) or is_title(row[0].clean))


def restore_indicator_rows(rows: list[list[Cell]], order: dict[int, int]) -> list[list[Cell]]:
    """``rows`` (restreamed cell lines) with each scrambled indicator table's header and body
    cut again; ``order``: each cell's (``id``) place in print order."""
    out = [list(r) for r in rows]
    h = 0
    while h < len(out):
        above = _rotated_header_words(out, h)
        header = above + _header_cells(out[h])
        if not any(_header_kinds(o) for _, o in _header_orders(header)):
            h += 1
            continue
        end = next((k for k in range(h + 1, len(out))
                    if _ends_table(out[k]) or squash(out[k][0].clean).startswith("一级")), len(out))
        body = sorted((c for r in out[h + 1:end] for c in r if not _BLOCK_LABEL.match(squash(c.clean))),
                      key=lambda c: order.get(id(c), 0))
        total = out[end] if end < len(out) and out[end] and TOTAL_ROW_RE.match(squash(out[end][0].clean)) else None
        rebuilt = _rebuild(header, body, total)
        if rebuilt is not None:
            new_header, new_rows, residue = rebuilt
            out[h] = [c for c in out[h] if c not in header] + new_header
            for row in out[max(0, h - 2):h]:
                row[:] = [c for c in row if not any(c is w for w in above)]
            out[h + 1:end] = new_rows
            end = h + 1 + len(new_rows)
            if residue and total is not None:
                total[1:1] = residue
        h = end + 1
    return out


def _column_word(cell: Cell) -> bool:
    key = squash(cell.clean)
    return (is_header_word(key) or len(key) <= 4) and match_column(key, INDICATOR_COLUMNS) is not None


def _rotated_header_words(rows: list[list[Cell]], h: int) -> list[Cell]:
    """Column words a rotated header printed before its first (一级指标): they end the row above
    it, or the one above the block's label (绩效指标) standing alone."""
    k = h - 1
    if k >= 0 and len(rows[k]) == 1 and _BLOCK_LABEL.match(squash(rows[k][0].clean)):
        k -= 1
    if k < 0:
        return []
    tail: list[Cell] = []
    while len(tail) < len(rows[k]) - 1 and len(tail) < 3 and _column_word(rows[k][-1 - len(tail)]):
        tail.insert(0, rows[k][-1 - len(tail)])
    return tail


_MAX_RESIDUE = 2  # a rotated total row prints its weight and score before its label


def _rebuild(header: list[Cell], body: list[Cell], total: list[Cell] | None
             ) -> tuple[list[Cell], list[list[Cell]], list[Cell]] | None:
    """(the header in column order, the body's rows, figures that belong to the total row), or
    None when the table needs no rebuilding or the model cannot say how."""
    if len(body) < 4 or not any(is_any_level(c.clean) for c in body):
        return None
    if any(is_placeholder(squash(c.clean)) for c in body):
        return None
    # a rotated total row prints its figures before its label: they end the body
    room = _MAX_RESIDUE - sum(is_numeric(c.clean) for c in total) if total is not None else 0
    options: list[tuple[float, int, tuple[list[Cell], list[list[Cell]], int]]] = []
    for k in range(room + 1):
        if k and not is_numeric(body[-k].clean):
            break
        found = _best_cut(header, body[:len(body) - k])
        if found is not None:
            options.append((found[3], k, found[:3]))
    if not options:
        return None
    cost, k, best = min(options, key=lambda o: o[0])
    if any(o[0] - cost < _TIE and o[1] != k for o in options):
        return None  # the figures read as well in the body as in the total row
    residue = body[len(body) - k:]
    new_header, rows, moved = best
    if moved < max(2, _SCRAMBLED_SHARE * len(rows)):
        return None
    return new_header, rows, residue


def _best_cut(header: list[Cell], body: list[Cell]) -> tuple[list[Cell], list[list[Cell]], int, float] | None:
    """The header order and body cut that cost least together; None when none fits or two
    header orders fit as well with different rows."""
    results: list[tuple[float, list[Cell], list[list[Cell]], int]] = []
    tried: set[tuple[str, ...]] = set()
    for cost, cells in _header_orders(header):
        kinds = _header_kinds(cells)
        if kinds is None or tuple(kinds) in tried:
            continue
        tried.add(tuple(kinds))
        cut = _cut(body, kinds)
        if cut is None or cut[2]:
            continue
        rows, moved, _, total = cut
        results.append((cost + total, cells, rows, moved + (cost > 0)))
    if not results:
        return None
    results.sort(key=lambda r: r[0])
    best = results[0]
    if any(r[0] - best[0] < _TIE and r[2] != best[2] for r in results[1:]):
        return None
    return best[1], best[2], best[3], best[0]
