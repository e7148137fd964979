"""Two indicator rows an xlsx export interleaved by their vertically merged cells.

Rows under one merged level cell can export column by column: both names, then both targets,
then both actuals (``数量指标 指标1：某某档案 指标2：发放资料 ＝ ≥ 12000人 10种 11800人 12种 3 3 3 2``).
Read as one row, the second name lands in a value column and every later cell one column off.
The pairing is certain only where the row says so itself: two names side by side after nothing
but level words, then exactly twice the cells the header prints after its name column, each
upper/lower pair of one kind (two signs, two figures, two texts) or a figure beside a short
verdict (``≥92%`` / ``效益显著``: one row's measure, the other's qualitative cell).  Such a row is split in two,
cell by cell in turn; any other row stays as it is (a wrapped name, ``某某件 数（件）``, has one
row's cells after it, not two rows').
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractor.grid import Cell
from extractor.segment.types import Row
from extractor.values import squash
from extractor.vocab import is_any_level, is_header_word

_NAME_COLUMNS = frozenset({"三级指标", "指标名称", "指标内容", "具体指标"})
_NUMBERED = re.compile(r"^★?指标\d+[：:]")
_HAN = re.compile(r"[\u3400-\u9fff]")
_REASON = re.compile(r"(原因|备注|说明|措施)")
_SIGN_WORDS = frozenset({"定性", "定量"})  # a 指标性质 cell: the sign column's word for a qualitative row


def _kind(text: str) -> str:
    """A cell's kind for pairing: a figure (a digit and at most a unit's Han characters), a sign
    (short, no digit, no Han character) or a text."""
    if any(ch.isdigit() for ch in text) and not _NUMBERED.match(text) and len(_HAN.findall(text)) <= 4:
        return "figure"
    if len(text) <= 2 and not _HAN.search(text) or squash(text) in _SIGN_WORDS:
        return "sign"
    return "text"


def _is_name(text: str) -> bool:
    key = squash(text)
    return (_kind(text) == "text" and len(key) >= 4 and not is_header_word(key)
            and not is_any_level(text))


def _values_after_name(header: list[str]) -> int | None:
    """How many cells the header prints after its name column; None without one."""
    at = [k for k, key in enumerate(header) if key in _NAME_COLUMNS]
    if not at:
        return None
    # a last reason column rows leave empty prints nothing: the rows then print one cell fewer
    return len(header) - at[-1] - 1 - (_REASON.search(header[-1]) is not None)


_VERDICT = re.compile(r"^[\u4e00-\u9fff]{2,8}$")


def _verdict_pair(upper: str, lower: str) -> bool:
    """A figure beside a short verdict (``≥92%`` / ``效益显著``): one row's measure and the other's
    qualitative cell of the same column, as certain as a pair of one kind (no level word, no name:
    a name would leave the row a cell over)."""
    kinds = {_kind(upper), _kind(lower)}
    text = lower if _kind(lower) == "text" else upper
    return kinds == {"figure", "text"} and _VERDICT.match(text) is not None and not is_any_level(text)


def _wrapped_name(cells: list[Cell], at: int, width: int) -> list[Cell] | None:
    """``cells`` with one of three texts at ``at`` joined to its neighbour where the row prints
    three texts before twice the header's cells (``带动 农户增收 节约运行成本 ≧ ≧ …``: one name
    wrapped at a space), when exactly one join leaves two names (a piece under four characters
    is no name of its own); else None."""
    if len(cells) - at - 3 != 2 * width:
        return None
    texts = [c.clean for c in cells[at:at + 3]]
    fits = [j for j in (0, 1) if _is_name(texts[j] + texts[j + 1]) and _is_name(texts[2 - 2 * j])]
    if len(fits) != 1 or any(_kind(t) != "text" for t in texts):
        return None
    j = at + fits[0]
    first, last = cells[j], cells[j + 1]
    whole = replace(first, text=f"{first.clean} {last.clean}", char_end=last.char_end, ruby=first.ruby + last.ruby)
    return [*cells[:j], whole, *cells[j + 2:]]


def _split(row: Row, width: int) -> list[Row] | None:
    """The row as the two rows it interleaves, or None where that is not certain."""
    cells = [c for c in row.cells if c.clean]
    at = next((k for k, c in enumerate(cells) if not is_any_level(c.clean)), None)
    wrapped = _wrapped_name(cells, at, width) if at is not None else None
    if wrapped is not None:
        cells = wrapped
    texts = [c.clean for c in cells]
    if at is None or len(texts) - at - 2 != 2 * width or not (_is_name(texts[at]) and _is_name(texts[at + 1])):
        return None
    rest = cells[at + 2:]
    pairs = list(zip(rest[0::2], rest[1::2], strict=True))
    # a wrapped name joined: every pair of one kind (a verdict beside a figure could be a name's piece)
    if any(_kind(a.clean) != _kind(b.clean) and (wrapped is not None or not _verdict_pair(a.clean, b.clean))
           for a, b in pairs):
        return None
    # two figures in the upper row, or a sign pair first (定性 / ≧) and two figures between both rows
    signed = _kind(pairs[0][0].clean) == "sign" if pairs else False
    figures = sum(_kind(c.clean) == "figure" for pair in pairs for c in (pair if signed else pair[:1]))
    if figures < 2:
        return None
    upper = cells[:at + 1] + [a for a, _ in pairs]
    lower = [cells[at + 1]] + [b for _, b in pairs]
    return [Row(upper, row.grid_id, row.page), Row(lower, row.grid_id, row.page)]


def split_interleaved(rows: list[Row]) -> list[Row]:
    """``rows`` with each certainly interleaved indicator row (see the module) split in two, in
    print order; the header is the last row opening with ``一级指标`` above it."""
    out: list[Row] = []
    width: int | None = None
    for row in rows:
        keys = [squash(c.clean) for c in row.cells if c.clean]
        if keys and keys[0] == "一级指标":
            width = _values_after_name(keys)
            out.append(row)
            continue
        parts = _split(row, width) if width else None
        out.extend(parts or [row])
    return out
