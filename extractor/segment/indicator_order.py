"""Put back the rows of an indicator table pasted one cell per line with each row's cells permuted.

A PDF text layer or an Excel export emits a row's cells out of order — its short cells before its
tall ones (``≧46万元 | 49万元 | 5 | 5 | 指标1：节约运行成本``) or the row rotated (``5 | 4.39 | 个别群众…
| 指标2：带动农户增收 | ≧231万元 | 203万元``) — but a row's cells still come together.  The restreamed
rows (``restream``) cut such a table where a cell looks like a row's start, which a rotated row
defeats.  Here the table's body is cut again (``row_cut``), as ``rules/score_order`` cuts a
score sheet: the header gives the column order and what each column can hold (a level
word, a name, a measure, a figure, a sentence); every row must be the header's order, a rotation
of it or its short cells first, hold exactly one name, and may leave its leading level columns
blank (merged 一级/二级 printed once).  The cut needing the fewest reorders and blanks wins.

Only tables whose header this model covers and whose body holds level words are re-cut, and only
when a row needed a reorder (a table pasted in order keeps its restreamed rows: their cut reads
in-order pastes, dev sample 45, as they were); a body the model cannot cut, or a cut with a rival
reading that places cells differently, stays as it was.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractor.classify import is_title
from extractor.grid import Cell
from extractor.segment.row_cut import TIE, Column, best_header_cut, header_orders, orders
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

_SENTENCE = re.compile(r"[，。；;,]")


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

# column kind → what may fill it, at what cost, and what leaving it blank costs
_COLUMNS: dict[str, Column] = {
    "level1": Column(_level1, leading=True),
    "level2": Column(_level2, leading=True),
    "name": Column(_name, required=True, unique=True),
    "nature": Column(_nature, 0.3),
    "target": Column(_measure, 0.6),
    "unit": Column(_unit, 0.2),
    "actual": Column(_actual, 0.6),
    "completion": Column(_measure, 0.3),
    "weight": Column(_number, 0.6),
    "score": Column(_number, 0.6),
    "deviation_reason": Column(_reason),
    "description": Column(_text, 0.3),
    "direction": Column(_text, 0.3),
}


_SUB_WORDS = frozenset({"nature", "target", "unit"})  # 指标性质 | 指标值 | 度量单位 under one 年度指标值


def _header_variants(header: list[Cell]) -> list[tuple[float, list[Cell]]]:
    """The header's possible orders, and for a header over two rows (Sichuan: 年度指标值 over
    指标性质 | 指标值 | 度量单位, the lower row printed after the upper) the upper row's orders
    with the lower row's words, in their possible orders, in place of the word over them."""
    out = header_orders(header)
    for t in _lower_rows(header):
        lower, upper = header[-t:], header[:-t]
        for cost_up, up in header_orders(upper):
            up_kinds = [match_column(squash(c.clean), INDICATOR_COLUMNS) for c in up]
            if "target" not in up_kinds:
                continue
            at = up_kinds.index("target")
            out += [(cost_up + cost_low, [*up[:at], *low, *up[at + 1:]]) for cost_low, low in orders(lower)]
    return out


def _lower_rows(header: list[Cell]) -> list[int]:
    """How many of the header's last words may be a lower header row (指标性质 | 指标值 | 度量单位
    printed after the upper row whose 年度指标值 stands over them)."""
    kinds = [match_column(squash(c.clean), INDICATOR_COLUMNS) if _column_word(c) else None for c in header]
    return [t for t in range(2, 4) if len(header) - t >= 3 and all(k in _SUB_WORDS for k in kinds[-t:])
            and "target" in kinds[:-t]]


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


def restore_indicator_rows(rows: list[list[Cell]], order: dict[int, int], *, in_order: bool = False
                           ) -> list[list[Cell]]:
    """``rows`` (restreamed cell lines) with each scrambled indicator table's header and body
    cut again; ``order``: each cell's (``id``) place in print order; ``in_order``: cut a table
    printed in order too (plain lines, where no empty cell printed a mark)."""
    out = [list(r) for r in rows]
    h = 0
    while h < len(out):
        first = _header_cells(out[h])[:1]
        if not first or not squash(first[0].clean).startswith("一级"):
            h += 1  # the restreaming opens a header row at 一级指标 (words before it: ``above``)
            continue
        above = _rotated_header_words(out, h)
        hend = _header_end(out, h)
        printed = [c for r in out[h:hend] for c in _header_cells(r)]
        header = above + (_two_rows(printed) or printed)
        if not any(_header_kinds(o) for _, o in _header_variants(header)):
            h += 1
            continue
        end = next((k for k in range(hend, len(out))
                    if _ends_table(out[k]) or squash(out[k][0].clean).startswith("一级")), len(out))
        body = sorted((c for r in out[hend:end] for c in r if not _BLOCK_LABEL.match(squash(c.clean))),
                      key=lambda c: order.get(id(c), 0))
        total = out[end] if end < len(out) and out[end] and TOTAL_ROW_RE.match(squash(out[end][0].clean)) else None
        # a lower header row printed after the upper one is a header the restreaming left in one row
        recut = in_order or header != above + printed or bool(_lower_rows(header))
        rebuilt = _rebuild(header, body, total, joined=recut)
        if rebuilt is not None:
            new_header, new_rows, residue = rebuilt
            out[h] = [c for c in out[h] if c not in printed and c not in header] + new_header
            for row in out[max(0, h - _MAX_ROTATED):h]:
                row[:] = [c for c in row if not any(c is w for w in above)]
            out[h + 1:end] = new_rows  # the header's other rows are in the new header
            end = h + 1 + len(new_rows)
            if residue and total is not None:
                total[1:1] = residue
        h = end + 1
    return [r for r in out if r]  # a row that held only a rotated header's words is gone


_HALF = 4  # 年度, 实际: the upper half of a header word printed over two header rows


def _header_piece(cell: Cell) -> bool:
    key = squash(cell.clean)
    return _column_word(cell) or bool(_BLOCK_LABEL.match(key)) or (
        0 < len(key) <= _HALF and not re.search(r"\d", key) and not is_any_level(key) and not is_numeric(key))


def _header_end(rows: list[list[Cell]], h: int) -> int:
    """The header's rows: the restreaming may cut a header (or its two rows) into several."""
    end = h + 1
    while end < len(rows) and rows[end] and all(_header_piece(c) for c in rows[end]):
        end += 1
    return end


def _two_rows(cells: list[Cell]) -> list[Cell] | None:
    """A header printed over two rows that each repeat the merged words (一级指标 … 年度 | 实际 …
    then 一级指标 … 指标值 | 完成值 …): the upper row's words, its halves joined with the lower
    row's own words in the one pairing that makes header words (or, under a word over several
    columns, the upper row and the lower row's own words after it); None when the cells are one
    row or the rows split in more than one way.  Each row may be printed out of order, so the
    split is where both parts hold each word once and the lower row's own words fit the upper's."""
    keys = [squash(c.clean) for c in cells]
    found: list[list[Cell]] = []
    for split in range(1, len(cells)):
        up_keys, low_keys = keys[:split], keys[split:]
        if len(set(up_keys)) != len(up_keys) or len(set(low_keys)) != len(low_keys):
            continue
        if not set(up_keys) & set(low_keys):
            continue  # no merged word printed twice: one row
        joined = _join_rows(cells[:split], cells[split:])
        if joined is not None:
            found.append(joined)
    if len({tuple(c.clean for c in f) for f in found}) != 1:
        return None
    return found[0]


def _join_rows(upper: list[Cell], lower: list[Cell]) -> list[Cell] | None:
    upper_keys = {squash(c.clean) for c in upper}
    halves = [c for c in upper if not _column_word(c)]
    own = [c for c in lower if squash(c.clean) not in upper_keys]
    own_kinds = {match_column(squash(c.clean), INDICATOR_COLUMNS) for c in own}
    if not halves and own and own_kinds <= _SUB_WORDS:
        return upper + own  # 年度指标值 over 指标性质 | 指标值 | 度量单位: ``_header_variants`` places them
    if len(halves) != len(own) or not halves:
        return None
    fits = [p for p in ([own[k:] + own[:k] for k in range(len(own))])
            if all(is_header_word(squash(a.clean) + squash(b.clean)) for a, b in zip(halves, p, strict=True))]
    if len({tuple(id(c) for c in p) for p in fits}) != 1:
        return None
    joined = {id(a): replace(a, text=a.clean + b.clean) for a, b in zip(halves, fits[0], strict=True)}
    return [joined.get(id(c), c) for c in upper]


def _column_word(cell: Cell) -> bool:
    key = squash(cell.clean)
    return (is_header_word(key) or len(key) <= 4) and match_column(key, INDICATOR_COLUMNS) is not None


_MAX_ROTATED = 6  # header words a rotated header may print before its first


def _rotated_header_words(rows: list[list[Cell]], h: int) -> list[Cell]:
    """Column words a rotated header printed before its first (一级指标): they end the row above
    it (or the one above the block's label, 绩效指标, standing alone), or fill it and end the
    row above that."""
    k = h - 1
    if k >= 0 and len(rows[k]) == 1 and _BLOCK_LABEL.match(squash(rows[k][0].clean)):
        k -= 1
    words: list[Cell] = []
    while k >= 0 and len(words) < _MAX_ROTATED:
        row = rows[k]
        n = 0
        while n < len(row) - 1 and len(words) + n < _MAX_ROTATED and _column_word(row[-1 - n]):
            n += 1
        if n == len(row) - 1 and _column_word(row[0]) and len(words) + n < _MAX_ROTATED:
            n += 1  # the whole row: words of the header, and perhaps more on the row above
        if n == 0:
            break
        words[:0] = row[len(row) - n:]
        if n < len(row):
            break
        k -= 1
    return words


_MAX_RESIDUE = 2  # a rotated total row prints its weight and score before its label


def _rebuild(header: list[Cell], body: list[Cell], total: list[Cell] | None, *, joined: bool = False
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
    if any(o[0] - cost < TIE and o[1] != k for o in options):
        return None  # the figures read as well in the body as in the total row
    residue = body[len(body) - k:]
    new_header, rows, moved = best
    if moved == 0 and not joined:  # printed in order, one header row: the restreamed rows stand
        return None
    return new_header, rows, residue


def _best_cut(header: list[Cell], body: list[Cell]) -> tuple[list[Cell], list[list[Cell]], int, float] | None:
    """The header order and body cut that cost least together; None when none fits or two
    header orders fit as well with different rows."""
    best = best_header_cut(_header_variants(header), _header_kinds, lambda kinds: [_COLUMNS[k] for k in kinds], body)
    return None if best is None else (best[1], best[2], best[3], best[0])
