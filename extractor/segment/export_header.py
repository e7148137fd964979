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
from extractor.values import is_numeric, is_placeholder, squash
from extractor.vocab import FUNDS_COLUMNS, HEADER_WORDS, INDICATOR_COLUMNS, is_header_word, match_column

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


def _trailing_words(row: Row) -> int:
    """How many of the row's last cells are header words."""
    keys = _keys(row)
    n = 0
    while n < len(keys) and is_header_word(keys[-1 - n]):
        n += 1
    return n


def join_cut_header(rows: list[Row]) -> list[Row]:
    """A header the re-rowing cut in two (``年度主要任务 工作名称 对应项目`` / ``年初预算数 全年预算数
    全年执行数 执行率``) made one row: a row ending in two or more header words, then a row of header
    words only (two or more, none of them repeated from the row above), then a row that is not
    all header words (the body)."""
    out: list[Row] = []
    k = 0
    while k < len(rows):
        row = rows[k]
        lower = rows[k + 1] if k + 1 < len(rows) else None
        body = rows[k + 2] if k + 2 < len(rows) else None
        if (lower is not None and body is not None and _trailing_words(row) >= 2
                and len(lower.cells) >= 2 and _trailing_words(lower) == len(lower.cells)
                and _trailing_words(body) < len(body.cells) and not set(_keys(row)) & set(_keys(lower))):
            out.append(Row([*row.cells, *lower.cells], row.grid_id, row.page))
            k += 2
            body_end = k
            while body_end < len(rows) and any(is_numeric(c.clean) for c in rows[body_end].cells):
                body_end += 1
            out += _join_wrapped_second(out[-1], rows[k:body_end])
            k = body_end
            continue
        out.append(row)
        k += 1
    return out


def _lead(row: Row) -> int:
    """How many text cells open the row (before its first figure or placeholder)."""
    n = 0
    while n < len(row.cells) and row.cells[n].clean and not is_numeric(row.cells[n].clean) and not is_placeholder(
            row.cells[n].clean):
        n += 1
    return n


def _numbered_like(first: str, others: list[str]) -> bool:
    """``first`` differs from another row's first cell in its last character only (``重点工作一`` /
    ``重点工作二``): the rows' first column is a numbered name, so a wrap lies after it."""
    return any(len(o) == len(first) > 2 and o[:-1] == first[:-1] and o != first for o in others)


def _text_columns(header: Row, body: list[Row]) -> int:
    """The header's text columns: header words no funds column names (``工作名称``, ``对应项目``),
    less the section label heading the header (``年度主要任务``) where the body's usual row is
    shorter than the header (the label's cell is merged down the rows and prints once)."""
    keys = [k for k in _keys(header) if is_header_word(k)]
    texts = sum(match_column(k, FUNDS_COLUMNS) is None for k in keys)
    lengths = [len(r.cells) for r in body]
    usual = max(set(lengths), key=lengths.count) if lengths else len(header.cells)
    return texts - 1 if usual < len(header.cells) and is_header_word(_keys(header)[0]) else texts


def _join_wrapped_second(header: Row, body: list[Row]) -> list[Row]:
    """Body rows under a cut header: a row with one text cell more than the header has text
    columns, its first cell a numbered name like another row's, has its second text cell wrapped
    (``重点工作一 信访 维稳专项经费``): the second and third made one.  Where the first cell gives no
    such evidence the row stays."""
    texts = _text_columns(header, body)
    firsts = [squash(r.cells[0].clean) for r in body if r.cells]
    out = []
    for row in body:
        if texts >= 2 and _lead(row) == texts + 1 and _numbered_like(squash(row.cells[0].clean), firsts):
            cells = row.cells
            joined = replace(cells[1], text=cells[1].clean + cells[2].clean, char_end=cells[2].char_end)
            row = Row([cells[0], joined, *cells[3:]], row.grid_id, row.page)
        out.append(row)
    return out


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


def _column(key: str) -> str | None:
    return match_column(key, INDICATOR_COLUMNS) if is_header_word(key) else None


def place_sub_header(rows: list[Row]) -> list[Row]:
    """An indicator header over two rows whose lower row only subdivides one upper cell
    (``年度指标值`` over ``指标性质 指标值 度量单位``): the export prints the upper row, then the lower
    row's cells, so they arrive after ``得分 原因``.  Where the row's trailing run of header words
    (two or more, no column named twice) names the column of one earlier cell and no other
    earlier cell's, the run takes that cell's place; any other header stays as it was."""
    out: list[Row] = []
    for row in rows:
        keys = _keys(row)
        n = _trailing_words(row)
        tail, head = keys[len(keys) - n:], keys[:len(keys) - n]
        cols = [_column(k) for k in tail]
        before = [_column(k) for k in head]
        if "一级指标" in head and n >= 2 and None not in cols and len(set(cols)) == n:
            shared = [j for j, c in enumerate(before) if c is not None and c in cols]
            if len(shared) == 1:
                at = shared[0]
                cells = row.cells
                row = Row([*cells[:at], *cells[len(head):], *cells[at + 1:len(head)]], row.grid_id, row.page)
        out.append(row)
    return out
