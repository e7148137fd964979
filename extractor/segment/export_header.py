"""An indicator header printed over two rows, exported onto one line, made one header row again.

A header over two rows whose merged cells the export repeats in both (``绩效指标 一级指标 二级指标
三级指标 年度 实际 分值 得分 …`` then ``绩效指标 一级指标 二级指标 三级指标 指标值 完成值 分值 得分 …``)
reaches the re-rowed line cut wherever the upper row prints half a word (``年度``), so the reader
met three partial headers before the lower one.  The upper row's pieces are joined again, and
where the two rows stand cell under cell (the same word, or halves that make a header word
together: ``年度`` + ``指标值``) they become one row of whole words; anything else is left as it
was re-rowed.
"""

from __future__ import annotations

from dataclasses import replace

from extractor.grid import Cell
from extractor.segment.types import Row
from extractor.values import is_numeric, squash
from extractor.vocab import HEADER_WORDS, is_header_word

_ONE_ROW = 12  # cells: a first indicator row, its labels and figures
# a header cell too plain to be a header word alone (Fushun's indicator header: ``三级指标 内容
# 年度指标值``): part of a late header's run only between header words
_INNER = frozenset({"内容"})


def rejoin_late_header(cells: list[Cell], within: int = _ONE_ROW, figures: int = 1) -> list[Cell]:
    """The indicator header's cells after ``一级指标`` exported late (merged over two header rows,
    they print after the first indicator row: ``一级指标 产出指标 数量指标 指标1：… ≥10 12 10 10
    二级指标 三级指标 … 得分 指标2：…``) put back after ``一级指标``: a run of three or more header
    words opening with ``二级指标`` after at most one row's cells (``within``), ``figures`` of them
    figures."""
    keys = [squash(c.clean) for c in cells]
    for k, key in enumerate(keys):
        if key != "一级指标" or k + 1 >= len(keys) or keys[k + 1] == "二级指标":
            continue
        start = next((j for j in range(k + 2, min(len(keys), k + 2 + within)) if keys[j] == "二级指标"), None)
        if start is None or sum(is_numeric(c.clean) for c in cells[k + 1:start]) < figures:
            return cells
        end = start
        while end < len(keys) and (is_header_word(keys[end]) or (
                keys[end] in _INNER and end + 1 < len(keys) and is_header_word(keys[end + 1]))):
            end += 1
        if end - start < 3:
            return cells
        return cells[:k + 1] + cells[start:end] + cells[k + 1:start] + cells[end:]
    return cells


_HALVES = frozenset(w[:k] for w in HEADER_WORDS for k in range(2, len(w) - 1)) | frozenset(
    w[k:] for w in HEADER_WORDS for k in range(2, len(w) - 1))


def _keys(row: Row) -> list[str]:
    return [squash(c.clean) for c in row.cells]


def _header_part(row: Row) -> bool:
    """Header words and halves of them only."""
    keys = _keys(row)
    return bool(keys) and all(is_header_word(k) or k in _HALVES or k in _INNER for k in keys)


def _whole_words(rows: list[Row]) -> bool:
    """Rows of whole header words (a plain inner cell between them aside): one header the
    re-rowing cut, not the halves of an upper row."""
    keys = [k for r in rows for k in _keys(r)]
    return (len(rows) > 1 and keys[0] == "一级指标" and len(set(keys)) == len(keys)
            and all(is_header_word(k) or k in _INNER for k in keys))


def _pair(upper: list[str], lower: list[str]) -> list[str] | None:
    """The header the two rows make, cell under cell; None where they do not stand so."""
    if len(upper) != len(lower) or upper == lower:
        return None
    words = []
    for a, b in zip(upper, lower, strict=True):
        if a == b and is_header_word(a):
            words.append(a)
        elif is_header_word(a + b):
            words.append(a + b)
        else:
            return None
    return words


def join_header_rows(rows: list[Row]) -> list[Row]:
    """Runs of header pieces joined (a run restarts where a word repeats: the lower row begins);
    an upper run and the lower run after it that stand cell under cell made one row.  Runs that
    pair with nothing stay as they were re-rowed."""
    runs: list[list[Row]] = []
    for row in rows:
        last = runs[-1] if runs else None
        if (last is not None and all(_header_part(r) for r in last) and _header_part(row)
                and not set(_keys(row)) & {k for r in last for k in _keys(r)}):
            last.append(row)
        else:
            runs.append([row])
    out: list[Row] = []
    k = 0
    while k < len(runs):
        upper = runs[k]
        lower = runs[k + 1] if k + 1 < len(runs) else None
        words = None
        if lower is not None and all(_header_part(r) for r in upper + lower):
            words = _pair([w for r in upper for w in _keys(r)], [w for r in lower for w in _keys(r)])
        if lower is not None and words is not None:
            cells = [c for r in lower for c in r.cells]
            out.append(Row([replace(c, text=w) for c, w in zip(cells, words, strict=True)], lower[0].grid_id,
                           lower[0].page))
            k += 2
        elif _whole_words(upper):
            cells = [c for r in upper for c in r.cells]  # one indicator header cut by the re-rowing
            out.append(Row(cells, upper[0].grid_id, upper[0].page))
            k += 1
        else:
            out += upper
            k += 1
    return out
