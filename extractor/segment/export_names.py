"""Indicator names a Word export printed in fixed-width fragments, made one cell again.

A Word table's text layer prints each line of a narrow cell as its own token, so a name arrives as
two to four pieces (``办理群众诉求件 数（件）``) and the row's later cells stand one to three tokens
further on.  Which pieces make the name is certain only where the row says so: the header names
one text column after the levels (三级指标) and every other column before the note holds a figure
(target, actual, weight, score); a row that prints that many figure cells after its texts has
its texts as levels (known words) and the name, so the texts after the levels are the name's
pieces.  A row with a text target (``显著提升``) prints fewer figure cells and is left: a text
target and a name's last piece cannot be told apart.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractor.grid import Cell
from extractor.segment.types import Row
from extractor.values import is_placeholder, squash
from extractor.vocab import (
    INDICATOR_COLUMNS,
    LEVEL1_RE,
    LEVEL2_RE,
    OPERATOR_PREFIXES,
    is_header_word,
    is_level,
    match_column,
)

_FIGURES = frozenset({"target", "actual", "weight", "score"})
_TEXTS = frozenset({"level1", "level2", "name"})
_TAIL = frozenset({"deviation_reason", "unit"})
_SIGN_WORDS = frozenset({"定性", "定量"})
_SENTENCE = re.compile(r"[，。；;,]")
_NAME_MAX = 40
_NUMBERED = re.compile(r"^★?指标\d+[：:]")  # two numbered names are two rows, never one name's pieces
_TAIL_MAX = 3


def _figure(text: str) -> bool:
    """A cell that holds a target, actual, weight or score: a short text with a digit or a blank
    mark (``≥1571``, ``93``, ``11月前``, ``—``)."""
    return is_placeholder(text) or bool(re.search(r"\d", text)) and len(text) <= 15 and not _SENTENCE.search(text)


def _columns(row: Row) -> list[str | None] | None:
    """The indicator header's columns, when the row is one that names the three levels and
    otherwise only figure columns and a trailing note."""
    keys = [squash(c.clean) for c in row.cells]
    if "一级指标" not in keys and "三级指标" not in keys:
        return None
    cols = [match_column(k, INDICATOR_COLUMNS) if is_header_word(k) else None for k in keys]
    at = keys.index("一级指标") if "一级指标" in keys else keys.index("三级指标")
    cols = cols[at:]
    named = [c for c in cols if c is not None]
    if "name" not in named or not set(named) <= _TEXTS | _FIGURES | _TAIL | {"nature"} or len(set(named)) != len(named):
        return None
    last = max((j for j, c in enumerate(cols) if c in _FIGURES), default=-1)
    if None in cols[:last]:
        return None  # a column no header word names (指标描述) before the figures: a text column
    return cols if len(_FIGURES & set(named)) >= 2 + ("nature" not in named) else None


def is_sign_cell(text: str) -> bool:
    """A 指标性质 / 运算符号 cell: a comparison sign or 定性, printed any way the operator table
    knows (``≥``, ``>=``, ``≧``, ``═``, ``不低于``): the whole cell is the sign."""
    key = squash(text)
    return key in _SIGN_WORDS or any((m := p.match(key)) is not None and m.end() == len(key)
                                     for p, _ in OPERATOR_PREFIXES)


def _bare_tail(text: str) -> bool:
    """A short bare level word (``成本``, ``满意度``; no ``指标``) that can end a name."""
    key = squash(text)
    return len(key) <= _TAIL_MAX and not key.endswith("指标")


def _level(text: str) -> bool:
    return is_level(LEVEL1_RE, text) or is_level(LEVEL2_RE, text)


def _joined(cells: list[Cell]) -> Cell:
    first, last = cells[0], cells[-1]
    return replace(first, text="".join(c.clean for c in cells), char_end=last.char_end)


def _mend(row: Row, figures: int, signed: bool) -> Row:
    """``signed``: the header's column after the name holds a sign (``≥``, ``定性``), so the texts
    before the row's first sign are its levels and name, whatever follows."""
    cells = row.cells
    levels = 0  # the level words first: one stating its points (``产出指标（50分）``) holds a digit
    while levels < len(cells) and _level(cells[levels].clean):
        levels += 1
    lead = levels
    while lead < len(cells) and not (is_sign_cell(cells[lead].clean) if signed else _figure(cells[lead].clean)):
        lead += 1
    if signed:
        figures = 1 if lead < len(cells) else len(cells) + 1  # the sign itself: no count to check
    last = cells[levels - 1].clean if levels else ""
    moved = bool(levels and lead - levels == 1 and cells[levels].clean[:1] in "（(" and not re.search(r"\d", last)
                 and not squash(last).endswith("指标"))
    levels -= moved  # ``服务对象满意度 （%）``: a name that reads like a level word, its unit alone no name
    pieces = cells[levels:lead]
    after = sum(_figure(c.clean) or signed for c in cells[lead:lead + figures])
    # a name's last piece may read like a bare level word before its sign (节约运行 | 成本 | ≥)
    tail = len(pieces) - 1 if signed and pieces and _bare_tail(pieces[-1].clean) else len(pieces)
    if (len(pieces) < 2 or after < figures or sum(_NUMBERED.match(squash(c.clean)) is not None for c in pieces) > 1
            or any(_level(c.clean) or _SENTENCE.search(c.clean) for c in pieces[moved:tail])
            or any(_SENTENCE.search(c.clean) for c in pieces[tail:])
            or sum(len(c.clean) for c in pieces) > _NAME_MAX):
        return row
    return Row([*cells[:levels], _joined(pieces), *cells[lead:]], row.grid_id, row.page)


def join_name_pieces(rows: list[Row]) -> list[Row]:
    """Under an indicator header of levels, name and figure columns, each row printing all its
    figure cells after more than one text beyond its levels gets those texts as one name; the
    table ends at a row without figures that is not made of level words."""
    out: list[Row] = []
    figures, signed = 0, False
    scores: int | None = None
    for row in rows:
        cols = _columns(row)
        if cols is not None:
            figures = sum(c in _FIGURES for c in cols)
            named = [c for c in cols if c is not None]
            signed = named[named.index("name") + 1:named.index("name") + 2] == ["nature"]
            scores = _scores_after_target(named) if signed else None
            out.append(row)
            continue
        if figures and not any(_figure(c.clean) for c in row.cells) and not all(_level(c.clean) for c in row.cells):
            figures = 0  # a row of level words alone (merged cells printed before their first row) goes on
        mended = _mend(row, figures, signed) if figures else row
        out.append(_join_target(mended, scores) if figures and scores else mended)
    return out


def _scores_after_target(named: list[str]) -> int | None:
    """How many figure columns (权重, 分值, 得分) follow the target, when the header's columns after
    the sign are the target and those alone (no actual: a text actual and a text target's last
    piece cannot be told apart)."""
    after = named[named.index("nature") + 1:]
    rest = [c for c in after[1:] if c not in _TAIL]
    return len(rest) if after[:1] == ["target"] and rest and set(rest) <= {"weight", "score"} else None


def _join_target(row: Row, scores: int) -> Row:
    """A text target printed in pieces between the row's sign and its ``scores`` figures
    (``定性 达到 验收标准 5``) made one cell."""
    cells = row.cells
    sign = next((k for k, c in enumerate(cells) if is_sign_cell(c.clean)), None)
    if sign is None or len(cells) - sign - 1 <= scores:
        return row
    pieces, figures = cells[sign + 1:len(cells) - scores], cells[len(cells) - scores:]
    if (len(pieces) < 2 or not all(_figure(c.clean) for c in figures)
            or any(re.search(r"\d", c.clean) or _SENTENCE.search(c.clean) or is_placeholder(c.clean) for c in pieces)):
        return row
    return Row([*cells[:sign + 1], _joined(pieces), *figures], row.grid_id, row.page)
