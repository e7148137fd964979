"""A table exported from a spreadsheet or PDF and flattened onto one line of space-separated cells.

Ingest cuts such a line at every space, also inside a cell; the cells whose bracket is left open
(``执行率(全年`` / ``执行数/全年`` / ``预算数)``) are made whole before the line is re-rowed
(``restream``), and the merged cells the export printed late are put back in the funds block.
The line is re-rowed as a one-line stream, not as cell lines: a wrapped text cell prints its wrap
as a space, so a token may be a fragment and the column re-cut (``row_cut``) would place
fragments as whole cells (tried: the held-out scrambled family fell 0.203 → 0.173, its
precision with it).
"""

from __future__ import annotations

import re

from extractor.grid import Cell, joined_cell
from extractor.segment.export_sheet import header_words
from extractor.segment.export_wrap import join_header_pieces, join_verdict_tails
from extractor.segment.types import Row
from extractor.values import is_numeric, is_placeholder, squash
from extractor.vocab import FUNDS_COLUMNS, fund_role, match_column

_OPEN = "(（"
_HEAD_LABELS = frozenset({"名称", "项目", "资金来源", "项目名称"})
_ENUM = re.compile(r"^(?:\d{1,2}[.．、]|[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）])$")
_CLOSE = ")）"


_HAN = re.compile(r"^[\u3400-\u9fff]+$")


def _gap_ok(a: Cell, b: Cell) -> bool:
    """``b`` printed one space after ``a``.  Ingest joins a spaced-out label (``名 称`` → ``名称``)
    and ends its span at the joined length, so after it the next cell starts one character later.
    Only a two-character heading counts (spaced to fill its column's width, as a header prints it):
    a longer spaced label is a vertical merged cell of a PDF text layer (dev 39: ``绩 效 指 标``),
    whose line is not an export and reads worse re-rowed as one (dev scrambled 0.951 → 0.917)."""
    assert a.char_end is not None and b.char_start is not None
    gap = b.char_start - a.char_end
    if gap == 1:
        return True
    # a joined label's span ends its own length short: a two-character heading, or a header row
    # printed letter-spaced (``一 级 指 标 二 级 指 标 …``, made of header words only)
    spaced = len(a.clean) == 2 or header_words(a.clean) is not None
    return spaced and _HAN.match(a.clean) is not None and gap == len(a.clean)


def _single_spaced(cells: list[Cell]) -> bool:
    """Cells of one printed line, each one space after the last."""
    if len({c.row for c in cells}) != 1 or any(c.char_start is None or c.char_end is None for c in cells):
        return False
    return all(_gap_ok(a, b) for a, b in zip(cells, cells[1:], strict=False))


def _depth(text: str) -> int:
    return sum(ch in _OPEN for ch in text) - sum(ch in _CLOSE for ch in text)


def one_line_export(row: Row) -> Row | None:
    """The row's cells made whole (a bracket opened in one cell closes in a later one, within
    four cells), when the row is one printed line of single-space-separated cells; else None."""
    cells = [c for c in row.cells if c.clean]
    if len(cells) < 2 or not _single_spaced(cells):
        return None
    out: list[Cell] = []
    k = 0
    while k < len(cells):
        end = k
        if _depth(cells[k].clean) > 0:
            depth = _depth(cells[k].clean)
            j = k + 1
            while j < len(cells) and j <= k + 4 and depth > 0:
                depth += _depth(cells[j].clean)
                j += 1
            if depth == 0:
                end = j - 1
        if end == k and k + 1 < len(cells) and _ENUM.match(cells[k].clean) and not _is_figure(cells[k + 1]):
            end = k + 1  # ``1. 财政拨款收入``: a numbered label cut at the space after its number
        while end == k and k + 1 < len(cells) and _sentence_cut(cells[k].clean, cells[k + 1].clean):
            cells[k] = joined_cell(cells[k:k + 2])  # a sentence wrapped in its cell: joined back
            del cells[k + 1]
        cell = joined_cell(cells[k:end + 1]) if end > k else cells[k]
        if out and _POINTS_ALONE.match(cell.clean) and not _is_figure(out[-1]) and not _depth(out[-1].clean):
            out[-1] = joined_cell([out[-1], cell])  # ``预算执行情况 (20 分)``: a label's stated points
        else:
            out.append(cell)
        k = end + 1
    return Row(join_verdict_tails(join_header_pieces(out)), row.grid_id, row.page)


_POINTS_ALONE = re.compile(r"^[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]$")


_CLAUSE = re.compile(r"[，、；：,;:]")
_ENDS = "。！？!?；;"


def _sentence_cut(first: str, second: str) -> bool:
    """``first`` and ``second`` are one sentence cut where its cell wrapped: the first is a clause
    of prose (clause punctuation, no sentence end), the second finishes the sentence (ends with a
    full stop) and is no figure.  Two cells that each end their own sentence stay apart."""
    return (bool(_CLAUSE.search(first)) and not first.endswith(tuple(_ENDS)) and second.endswith("。")
            and not _is_figure_text(second) and len(first) + len(second) > 12)


def _is_figure_text(text: str) -> bool:
    return is_numeric(text) or is_placeholder(text)


def _is_figure(cell: Cell) -> bool:
    return is_numeric(cell.clean) or is_placeholder(cell.clean)


def _funds_header(row: Row) -> set[str]:
    """The funds fields a header row names (empty unless it names a budget or executed column)."""
    names = {n for c in row.cells if c.clean and (n := match_column(c.clean, FUNDS_COLUMNS))}
    return names if len(names) >= 2 and names & {"budget", "executed", "initial_budget"} else set()


def _labelled(row: Row) -> bool:
    """A funds row: a fund label, then its figures."""
    return len(row.cells) > 1 and fund_role(row.cells[0].clean) is not None and _is_figure(row.cells[1])


def mend_funds_block(rows: list[Row]) -> list[Row]:
    """Merged cells an export prints after the cells they span, put back where the table has them:

    - a row's label cut at its space (``其中:当年财政`` / ``拨款`` before the figures) is one label
      when only the two together name a fund source;
    - a label whose bracket went to the next row (``其他资金`` / ``(包括以前年度结转资 金) 1591.22 …``)
      heads that row;
    - a header word missing from the funds header and printed alone after the funds rows
      (``得分``) ends the header, when the rows print one figure more than the header has columns;
    - a total label printed after the rows (``年度资金总额``) heads the one row of figures right
      under the header that no label opens.
    Anything else is left as restreamed."""
    out = [Row(list(r.cells), r.grid_id, r.page) for r in rows]
    for h, head in enumerate(out):
        names = _funds_header(head)
        if names:
            prev = out[h - 1].cells if h else []
            if len(prev) > 1 and squash(prev[-1].clean) in _HEAD_LABELS:  # 名 称, 名稱: the key
                head.cells.insert(0, prev.pop())  # the label column's header ended the line above
            _join_split_labels(out, h)
            _join_cut_labels(out, h)
            _mend_block(out, h, names)
            break
    return [r for r in out if r.cells]


_TAIL_MAX = 4  # characters of a label's wrapped tail (``资金``, ``拨款``)


def _cut_label(cells: list[Cell]) -> bool:
    """The row opens with a label cut at its space (``其中:当年财政`` / ``拨款``, ``一、基本`` / ``支出``,
    ``财政专户管理`` / ``资金``): two texts then a figure, the two together naming a fund source, the
    second naming none alone and the first either none or the same one (a short tail, no figure:
    no row prints a word like ``资金`` as a label of its own)."""
    if not (len(cells) > 2 and not _is_figure(cells[0]) and not _is_figure(cells[1]) and _is_figure(cells[2])):
        return False
    first, second = fund_role(cells[0].clean), fund_role(cells[1].clean)
    whole = fund_role(cells[0].clean + cells[1].clean)
    if whole is None or second is not None:
        return False
    tail = cells[1].clean
    return first is None or first == whole and len(tail) <= _TAIL_MAX and not re.search(r"\d", tail)


_PIECE_MAX = 12  # characters of a label's first piece left on a row of its own
_SHORT_TAIL = 3  # characters of a label's tail that cannot name a source of its own (``总额``)


def _split_label(first: Row, nxt: Row) -> bool:
    """``first`` is the head of the label that opens ``nxt`` (``年度财`` / ``政资金总额 5874200 …``,
    ``其中：中央和`` / ``省级资金 700077.84 …``): a Word fragment or a label cut at its space that the
    re-rowing left on a row of its own.  One short text, the next row a text then a figure (or a
    second piece then a figure), the two together naming a fund source and neither piece naming
    another one (the head may, before a short tail): ``市县级资金`` alone, its figures dropped,
    never joins the ``其他资金`` row after it."""
    if len(first.cells) != 1 or len(nxt.cells) < 2:
        return False
    head, label = first.cells[0].clean, nxt.cells[0].clean
    if len(head) > _PIECE_MAX or re.search(r"\d", head) or _is_figure(nxt.cells[0]):
        return False
    if not (_is_figure(nxt.cells[1]) or len(nxt.cells) > 2 and _is_figure(nxt.cells[2])):
        return False
    whole = fund_role(head + label)
    if whole is None or _head_role(label) not in (None, whole):
        return False
    # the head may name a source of its own only where the rest is a short tail (``年度财政资金`` / ``总额``)
    return fund_role(head) in (None, whole) or len(squash(label)) <= _SHORT_TAIL


def _head_role(text: str) -> str | None:
    """The source a label's words before its bracket name (``资金(包括以前年度结转资金)`` names none:
    the bracket only says what the whole label, ``其他资金``, includes)."""
    return fund_role(re.split(r"[(（]", text, maxsplit=1)[0])


def _join_split_labels(rows: list[Row], h: int) -> None:
    """Each label under the funds header whose head the re-rowing left on a row of its own gets
    it back; the block ends at the first row that neither prints a figure nor heads such a label."""
    for k in range(h + 1, len(rows) - 1):
        row = rows[k]
        if _split_label(row, rows[k + 1]):
            rows[k + 1].cells = [joined_cell([row.cells[0], rows[k + 1].cells[0]])] + rows[k + 1].cells[1:]
            row.cells = []
        elif row.cells and not any(_is_figure(c) for c in row.cells):
            return


def _join_cut_labels(rows: list[Row], h: int) -> None:
    """Each row of figures under the funds header whose label was cut at its space gets it whole,
    also past rows the block's reading stops at (a 小计 row no fund role names); the block ends at
    the first row without a figure."""
    for row in rows[h + 1:]:
        if not row.cells:
            continue  # a label's head joined to the row after it
        if not any(_is_figure(c) for c in row.cells):
            return
        if _cut_label(row.cells):
            row.cells = [joined_cell(row.cells[:2])] + row.cells[2:]


def _late_total_pieces(rows: list[Row], k: int) -> bool:
    """Rows ``k`` and ``k + 1`` are a late total label printed in two pieces (``年度`` /
    ``财政资金总额``, ``年度财政`` / ``资金总额``): one short text each, the first naming no
    source, the two together the total."""
    if k + 1 >= len(rows) or len(rows[k].cells) != 1 or len(rows[k + 1].cells) != 1:
        return False
    head, tail = rows[k].cells[0].clean, rows[k + 1].cells[0].clean
    return (len(head) <= _PIECE_MAX and fund_role(head) is None and not _is_figure(rows[k + 1].cells[0])
            and fund_role(head + tail) == "total")


def _mend_block(rows: list[Row], h: int, names: set[str]) -> None:
    end = h + 1
    bare: Row | None = None  # the figures right under the header that no label opens
    widths: list[int] = []
    while end < len(rows):
        row = rows[end]
        cells = row.cells
        nxt = rows[end + 1] if end + 1 < len(rows) else None
        if (len(cells) == 1 and fund_role(cells[0].clean) is not None and nxt is not None and len(nxt.cells) > 1
                and nxt.cells[0].clean[:1] in _OPEN and _is_figure(nxt.cells[1])):
            nxt.cells = [joined_cell([cells[0], nxt.cells[0]])] + nxt.cells[1:]
            row.cells = []
        elif end == h + 1 and row.cells and all(_is_figure(c) for c in row.cells):
            bare = row
            widths.append(len(row.cells))
        elif _labelled(row):
            widths.append(len(row.cells) - 1)
        elif row.cells:
            break
        end += 1
    while end < len(rows) and rows[end].cells:
        cells = rows[end].cells
        name = match_column(cells[0].clean, FUNDS_COLUMNS) if len(cells) == 1 else None
        if name and name not in names and widths and max(widths) == len(names) + 1:
            rows[h].cells.append(cells[0])
            names.add(name)
            rows[end].cells = []
            end += 1
            continue
        if bare is not None and _late_total_pieces(rows, end):
            cells = rows[end].cells = [joined_cell([cells[0], rows[end + 1].cells[0]])]
            rows[end + 1].cells = []
        if bare is not None and fund_role(cells[0].clean) == "total" and (len(cells) == 1 or not _is_figure(cells[1])):
            bare.cells.insert(0, cells[0])
            rows[end].cells = cells[1:]
            bare = None
        break
