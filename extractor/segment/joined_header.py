"""A header row a web page printed as one line: its words run together with nothing between them.

A table pasted one cell per line sometimes prints a whole row as one line (the row's cells had
no line break between them on the page): ``绩效指标一级指标二级指标三级指标年度数值实际完成值分值得分``.
Read as one cell it hides the whole indicator header, so no row under it is read.  Such a line is
cut back into its cells only when the vocabulary covers all of it: every piece a whole header
word (``vocab.HEADER_WORDS``), at least three of them, no digit anywhere.  A label and its value
run together (``主管部门某某局``) are no header words and stay as printed.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractor.grid import Cell
from extractor.vocab import is_header_word
from extractor.vocab.forms import HEADER_LABEL_RE

_MIN_WORDS = 3
_MAX_WORD = 20  # the longest header word tried (年度部门（单位）整体收支情况（元） is 17)
_DIGIT = re.compile(r"\d")
_MIN_TEXT = 3 * 2


def _words(text: str) -> list[str] | None:
    """``text`` cut into header words, fewest pieces first; None when no cut covers it all.  The
    cut is found from the end backwards (no recursion: a hostile line of header words may be long)."""
    n = len(text)
    count: list[int | None] = [None] * n + [0]  # fewest words covering text[i:]
    step = [0] * (n + 1)  # where the first of those words ends
    for i in range(n - 1, -1, -1):
        for j in range(min(n, i + _MAX_WORD), i + 1, -1):
            rest, best = count[j], count[i]
            if rest is not None and (best is None or rest + 1 < best) and is_header_word(text[i:j]):
                count[i], step[i] = rest + 1, j
    if count[0] is None:
        return None
    words, i = [], 0
    while i < n:
        words.append(text[i:step[i]])
        i = step[i]
    return words


def _label_pairs(text: str) -> list[str] | None:
    """``主管部门某局实施单位某站`` → label, value, label, value: a line that opens with a header
    label and names another after a value; None for any other text."""
    found = list(HEADER_LABEL_RE.finditer(text))
    if len(found) < 2 or found[0].start() != 0:
        return None
    pieces: list[str] = []
    for k, m in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(text)
        value = text[m.end():end]
        if not value:
            return None  # two labels side by side (a header row): not label–value pairs
        pieces += [m.group(0), value]
    return pieces


def split_joined_headers(cells: list[Cell]) -> list[Cell]:
    """``cells`` with every run-together header line cut into one cell per header word, and every
    run-together row of header labels into its labels and values."""
    out: list[Cell] = []
    for cell in cells:
        text = re.sub(r"\s", "", cell.clean)  # a spaced-out label (名 称) is one word
        words = None
        if len(text) >= _MIN_TEXT and not _DIGIT.search(text):
            words = _words(text)
            if words is not None and len(words) < _MIN_WORDS:
                words = None
            words = words or _label_pairs(text)
        if words is None:
            out.append(cell)
            continue
        at = cell.char_start  # spans follow the words' lengths (a space inside shifts them by one)
        for word in words:
            start = at
            end = None if at is None else min(at + len(word), cell.char_end or at + len(word))
            out.append(replace(cell, text=word, char_start=start, char_end=end))
            at = end
    return out
