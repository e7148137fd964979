"""Cells printed one per line with blank lines between them: a line break inside a cell.

A table on a web page pasted as text (dev 35) prints every cell on a line of its own and a
blank line between cells; an empty cell prints as a space-only line (``&nbsp;``) or one more
blank.  A cell whose author broke it (``项目资金`` / ``(万元)``, a criterion broken after its
comma) prints its pieces on adjacent lines with no blank between.  Where blank lines separate
nearly every line of the text, two adjacent lines are therefore one cell, and they are joined
before the lines are read as paragraphs; anywhere else adjacent lines mean nothing here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from extractor.grid import Block, Grid, Paragraph

_MIN_LINES = 20  # a text this long (printed lines) before the blank lines count as structure
_ADJACENT_SHARE = 0.35  # at most this share of printed lines directly under another printed line
# a cell broken over more lines than this is prose, not a cell; the cap keeps the join linear (each
# join re-reads the joined text, so a hostile run of 200,000 adjacent lines would be quadratic)
_MAX_PIECES = 64


_TITLE_END = re.compile(r"表[)）]?\s*$")  # a title line (…自评表) is no broken cell's first piece


class Line(Protocol):
    text: str
    start: int


L = TypeVar("L", bound=Line)


def _printed(line: Line) -> bool:
    """Not a gap: neither blank nor spaces only (an empty cell's ``&nbsp;`` is no text)."""
    return bool(line.text.strip())


def gap_separated(lines: Sequence[Line]) -> bool:
    """Blank lines separate nearly every printed line from the next."""
    printed = [k for k, ln in enumerate(lines) if _printed(ln)]
    adjacent = sum(1 for k in printed if k + 1 < len(lines) and _printed(lines[k + 1]))
    return len(printed) >= _MIN_LINES and adjacent <= _ADJACENT_SHARE * len(printed)


def join_broken_cells(lines: list[L], text: str, make: Callable[[str, int], L],
                                apart: Callable[[str], bool]) -> list[L]:
    """``lines`` with every run of adjacent printed lines joined into one (its text the
    document's own characters, line breaks included, so spans still point at the print); a line
    that ``apart`` says is a row of its own (a spaced table row) is never joined."""
    out: list[L] = []
    pieces = 0  # lines in the last of ``out``
    for line in lines:
        prev = out[-1] if out else None
        if (prev is not None and pieces < _MAX_PIECES and _printed(prev) and _printed(line) and not apart(prev.text)
                and not apart(line.text) and not _TITLE_END.search(prev.text)):
            out[-1] = make(text[prev.start:line.start + len(line.text)], prev.start)
            pieces += 1
            continue
        out.append(line)
        pieces = 1
    return out


def gap_paragraphs(lines: Sequence[Line]) -> list[Block]:
    """Each printed line of a gap-separated text (joined cells included) as a paragraph: a cell
    of the page's table, or its navigation and prose; the segmenter re-rows them."""
    blocks: list[Block] = []
    for line in lines:
        stripped = line.text.strip()
        if stripped:
            lead = len(line.text) - len(line.text.lstrip())
            blocks.append(Paragraph(one_line(stripped), line.start + lead, line.start + lead + len(stripped)))
    return blocks


def one_line(text: str) -> str:
    """A joined cell's text: its pieces without the break and the indent between them."""
    return "".join(piece.strip() for piece in text.split("\n"))


def unbroken(blocks: list[Block]) -> list[Block]:
    """``blocks`` with the text of every joined cell on one line (its span still the print's)."""
    for block in blocks:
        if isinstance(block, Paragraph) and "\n" in block.text:
            block.text = one_line(block.text)
        elif isinstance(block, Grid):
            for row in block.rows:
                for cell in row:
                    if "\n" in cell.text:
                        cell.text = one_line(cell.text)
    return blocks
