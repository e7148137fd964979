"""A Word table exported onto one line: cells printed in fixed-width fragments (a real print the
dev half does not show).

A Word table's text layer prints each line of a narrow cell as its own space-separated token, so
a long cell arrives as two to four fragments of its column's width (``支持服务贸易、服务外 包企业数量``,
``获得目的国 (地区)受 众欢迎``) and every later cell of the row stands one to three tokens further
on.  The title loses the join between its year and the rest (``2020 年度某某资金项目自评表``).

Nothing leaves the gold: texts compare without whitespace, every figure prints whole (a cell
with a digit is not cut: a figure's digits stay in one token).
"""

from __future__ import annotations

import random
import re

from tests.synth.messify.base import Rows, Sheet

_MAX_PIECES = 4
_YEAR_LEAD = re.compile(r"^(20\d{2})(年)")


def fragment_cells(rows: Rows, width: int, titles: set[str]) -> Rows:
    """Each text cell longer than ``width`` characters, without a digit or a space, printed as
    pieces of ``width`` characters (at most four; the last holds the rest).  A title, and a row's
    only cell, span the table's width and do not wrap."""
    out: Rows = []
    for row in rows:
        cells = []
        for text in row:
            if len(text) <= width or re.search(r"[\d\s]", text) or text in titles or len(row) == 1:
                cells.append(text)
                continue
            pieces = [text[k:k + width] for k in range(0, width * (_MAX_PIECES - 1), width)]
            pieces = [p for p in pieces if p]
            rest = text[width * (_MAX_PIECES - 1):]
            if rest:
                pieces.append(rest)
            cells.append(" ".join(pieces))
        out.append(cells)
    return out


def titles(sheet: Sheet) -> set[str]:
    """The forms' titles as the gold holds them."""
    return {t for f in sheet.forms if isinstance(t := f.get("header", {}).get("title"), str)}


def split_title_years(sheet: Sheet) -> None:
    """Each title line that opens with its year (``2020年度…表``) printed with a space after the
    year; the gold title (compared without whitespace) holds."""
    named = titles(sheet)
    for part in sheet.parts:
        if part.rows is None:
            part.prose = [_YEAR_LEAD.sub(r"\1 \2", line, count=1) if line.strip() in named else line
                          for line in part.prose]
            continue
        for row in part.rows:
            row[:] = [_YEAR_LEAD.sub(r"\1 \2", t, count=1) if t.strip() in named else t for t in row]


def word_width(rng: random.Random) -> int:
    """The narrow columns' width in characters for one document."""
    return rng.randint(5, 9)
