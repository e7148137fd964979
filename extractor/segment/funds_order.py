"""Put back the rows of a funds table pasted one cell per line with each row's cells permuted.

The funds block (年度资金总额 / 其中：财政拨款 / 其他资金 … under 年初预算数 | 全年预算数 | 全年执行数 |
分值 | 执行率 | 得分) printed cell by cell loses its row breaks, and a row printed short cells
first or rotated (``17.65 | 年度财政资金总额 | 78.06 …``, a tall label after its figures) defeats the
restreamed cut.  As for indicator tables (``indicator_order``), the header gives the columns —
the row's label, then figures of known kinds (an amount, a rate, points) — and the body is cut
again by ``row_cut``: each row one label and its figures in the header's order, a rotation of it
or its short cells first.  The block's caption (项目资金（万元）, printed once or on every row) is
no cell of a row.  The body ends at the next block's words (预期目标, 年度总体目标, 绩效指标 …).

Only headers of known funds columns, each once, are re-cut, and only when a row needed a
reorder; a body the model cannot cut, or one with a tied reading, stays as restreamed.
"""

from __future__ import annotations

import re

from extractor.classify import is_title
from extractor.grid import Cell
from extractor.segment.row_cut import Column, best_header_cut, header_orders
from extractor.values import is_numeric, squash
from extractor.vocab import FUNDS_COLUMNS, is_header_word, match_column, says_nothing

_CAPTION = re.compile(r"^(项目资金|资金情况|资金投入情况|预算执行情况|年度预算安排|预算安排)")
# words of the block after the funds: its end
_NEXT_BLOCK = re.compile(r"^(预期目标|实际完成|年初设定目标|全年完成情况|年度总体目标|总体目标|年度绩效目标|绩效目标|"
                         r"绩效指标|一级指标|其他需要说明|评价结论)")
_SENTENCE = re.compile(r"[，。；;,]")


def _when(ok: bool, cost: float = 0.0) -> float | None:
    return cost if ok else None


def _label(key: str) -> float | None:
    return _when(not is_numeric(key) and not says_nothing(key) and not _SENTENCE.search(key)
                 and not _column_word(key) and len(key) <= 30)


def _column_word(key: str) -> bool:
    return is_header_word(key) and not is_numeric(key) and match_column(key, FUNDS_COLUMNS) is not None


def _amount(key: str) -> float | None:
    return _when(is_numeric(key) and not key.endswith("%") or says_nothing(key))


def _rate(key: str) -> float | None:
    return _when(is_numeric(key) or says_nothing(key))


def _points(key: str) -> float | None:
    return _when(is_numeric(key) and not key.endswith("%") or says_nothing(key))


_KINDS: dict[str, Column] = {
    "initial_budget": Column(_amount, 0.6), "budget": Column(_amount, 0.6), "executed": Column(_amount, 0.6),
    "weight": Column(_points, 0.3), "rate": Column(_rate, 0.3), "score": Column(_points, 0.3),
}
_LABEL = Column(_label, required=True, unique=True)
_BEFORE = (("initial_budget", "budget"), ("budget", "executed"), ("executed", "rate"), ("weight", "score"),
           ("rate", "score"), ("initial_budget", "executed"))


def _kinds(cells: list[Cell]) -> list[str] | None:
    """The funds header's column kinds, or None when a word is unknown, doubled, or out of the
    order every funds header keeps (amounts before the rate, points before the score)."""
    kinds: list[str] = []
    for cell in cells:
        key = squash(cell.clean)
        kind = match_column(key, FUNDS_COLUMNS) if _column_word(key) else None
        if kind is None or kind in kinds:
            return None
        kinds.append(kind)
    if not {"budget", "executed"} <= set(kinds):
        return None
    if any(a in kinds and b in kinds and kinds.index(a) > kinds.index(b) for a, b in _BEFORE):
        return None
    return kinds


def _words_row(row: list[Cell]) -> bool:
    """A row of funds column words (and the block's caption)."""
    words = [c for c in row if not _is_caption(c)]
    return bool(words) and all(_column_word(squash(c.clean)) for c in words)


def _is_caption(cell: Cell) -> bool:
    return bool(_CAPTION.match(squash(cell.clean)))


def restore_funds_rows(rows: list[list[Cell]], order: dict[int, int]) -> list[list[Cell]]:
    """``rows`` (restreamed cell lines) with each scrambled funds table's header and body cut
    again; ``order``: each cell's (``id``) place in print order."""
    out = [list(r) for r in rows]
    h = 0
    while h < len(out):
        if not _words_row(out[h]):
            h += 1
            continue
        end = h + 1
        while end < len(out) and _words_row(out[end]):
            end += 1  # a header cut into two rows by the restreaming
        header = [c for r in out[h:end] for c in r if not _is_caption(c)]
        if len(header) < 3 or not any(_kinds(o) for _, o in header_orders(header)):
            h = end
            continue
        caption = [c for r in out[h:end] for c in r if _is_caption(c)][:1]
        out[h:end] = [caption + header]
        cells = sorted((c for r in out[h + 1:] for c in r), key=lambda c: order.get(id(c), 0))
        stop = next((k for k, c in enumerate(cells) if _NEXT_BLOCK.match(squash(c.clean)) or is_title(c.clean)),
                    len(cells))
        body = [c for c in cells[:stop] if not _is_caption(c)]
        found = _rebuild(header, body)
        if found is None:
            h += 1
            continue
        new_header, new_rows = found
        taken = {id(c) for c in cells[:stop]}  # the caption's copies among them are dropped
        if not caption and not (h > 0 and all(_is_caption(c) for c in out[h - 1])):
            caption = [c for c in cells[:stop] if _is_caption(c)][:1]  # a rotated row printed it first
        rest = [kept for r in out[h + 1:] if (kept := [c for c in r if id(c) not in taken])]
        out[h:] = [caption + new_header, *new_rows, *rest]
        h += 1 + len(new_rows)
    return out


def _rebuild(header: list[Cell], body: list[Cell]) -> tuple[list[Cell], list[list[Cell]]] | None:
    """(the header in column order, the body's rows), or None (also when no row needed a reorder)."""
    if len(body) < 2:
        return None
    best = best_header_cut(header_orders(header), _kinds, lambda kinds: [_LABEL, *(_KINDS[k] for k in kinds)], body)
    if best is None or best[3] == 0:
        return None
    return best[1], best[2]
