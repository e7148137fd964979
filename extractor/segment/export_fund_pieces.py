"""Funds labels of a one-line export that wrapped inside their narrow label column, joined back.

An xlsx export prints a cell's wrap as one space and ingest cuts the line there, so a funds
label arrives in two pieces (``年度财 政资金总额``, ``年度资金 总额``, ``其中：基 本支出``, ``中央和省级
资金``).  Left apart, the late-label reader (``export_late.restore_late_funds``) finds no total
label among the header cells and the funds rows count one label too many, so no amount is read.
Two neighbouring pieces are one label only where that is certain: together they name a source,
and the first names none (``其中：基``, ``年度财``), or the second is a short tail naming none
(``中央和省级 资金``; a longer one may open the next caption: ``项目支出 总体资金 情况``), or a total
tail (``年度资金 总额``; never ``合计``, a label of its own: ``其他资金 合计`` are two).  A joined
label is joined no further.  Only the
cells from the funds block's caption (or two cells before its first amount column) up to the
goals or indicator part are looked at: an indicator name or a header value holding a source
word (``就业补助资金 中央主管部门``) is no funds label.
"""

from __future__ import annotations

import re

from extractor.grid import Cell, joined_cell
from extractor.values import is_numeric, is_placeholder, squash
from extractor.vocab import FUNDS_COLUMNS, fund_role, is_header_word, match_column

_PIECE = re.compile(r"^[^\d]{1,12}$")  # a piece: a short text without a figure
_BRACKETED = re.compile(r"^[（(].*[)）]$")  # a unit or a note (``（元）``): a cell of its own
_AMOUNTS = frozenset({"initial_budget", "budget", "executed"})
_SHORT_TAIL = 3
_CAPTION_WORD = re.compile(r"资金情况|项目资金|预算执行情况|资金来源")
_TOTAL_TAIL = re.compile(r"^[\u4e00-\u9fff]{0,2}总额[：:]?$")  # 总额, 金总额: not 合计, a label of its own
_CAPTION = re.compile(r"^(资金情况|项目资金|预算执行情况|资金来源|年度预算安排)")  # a funds block's caption
_PART_END = re.compile(r"^(一级指标|绩效指标|年度总体目标|总体目标|年度绩效目标|年度主要任务)")


def _piece(text: str) -> bool:
    key = squash(text)
    return bool(_PIECE.match(key)) and not _BRACKETED.match(key) and not is_numeric(text) and not is_placeholder(text) \
        and not is_header_word(key) and match_column(text, FUNDS_COLUMNS) is None


def _one_label(a: str, b: str) -> bool:
    joined = fund_role(squash(a) + squash(b))
    if joined is None or not (_piece(a) and _piece(b)):
        return False
    first, second = fund_role(a), fund_role(b)
    # a total tail (``总额``, ``金总额``) is no row label of its own: the label before it wrapped
    if joined == "total" and _TOTAL_TAIL.match(squash(b)):
        return True
    if first is None:
        return True  # a head naming no source (``其中：基``, ``年度财``)
    # a whole label and a short tail naming none (``中央和省级 资金``), not the next caption's head
    return second is None and len(squash(b)) <= _SHORT_TAIL


def join_fund_pieces(cells: list[Cell]) -> list[Cell]:
    """``cells`` with each funds label wrapped in two pieces made one cell (see the module)."""
    caption = next((k for k, c in enumerate(cells) if _CAPTION.match(squash(c.clean))), len(cells))
    amounts = next((k for k, c in enumerate(cells) if match_column(c.clean, FUNDS_COLUMNS) in _AMOUNTS), len(cells))
    # the total label may print just before the header's cells, in two pieces
    start = min(caption, max(0, amounts - 2) if amounts < len(cells) else len(cells))
    if start >= len(cells):
        return cells
    end = next((k for k in range(start, len(cells)) if _PART_END.match(squash(cells[k].clean))), len(cells))
    out: list[Cell] = list(cells[:start])
    joined_at: Cell | None = None  # a joined label is joined no further: pieces come in twos
    for k in range(start, end):
        cell = cells[k]
        nxt = squash(cells[k + 1].clean) if k + 1 < len(cells) else ""
        opens_caption = bool(_CAPTION_WORD.search(squash(cell.clean) + nxt))  # ``总体资 金情况``
        if out and out[-1] is not joined_at and not opens_caption and _one_label(out[-1].clean, cell.clean):
            # among the header's cells one word (the scrambled stream's lead label, ``年度财政资金总额``),
            # before a row's figures with the wrap's space (``export_line``'s cut label)
            header = k + 1 < len(cells) and match_column(cells[k + 1].clean, FUNDS_COLUMNS) is not None
            out[-1] = joined_at = joined_cell([out[-1], cell], "" if header else " ")
        else:
            out.append(cell)
    return out + cells[end:]
