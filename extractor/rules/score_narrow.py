"""Score-sheet rows that lost their empty cells (a web page copied with space runs or pipes
between cells): their cells no longer stand under the header's columns, so the text cells are
placed by the header's order of text columns and by type, never by position.

``立项程序规范性 | 5 | 制度健全…扣2分。 | 4 | 个别支出进度滞后`` under ``一级 | 二级 | 三级 | 分值 |
评分标准 | 自评得分 | 扣分原因`` has lost its two merged label cells: its first sentence is the
评分标准 (the only text column before the score), not an explanation; a blank template's row
``绩效指标明确性（10分） | 完成率达到100%得满分…`` is a label and its rule, not two labels.
"""

from __future__ import annotations

import re

from extractor.grid import Cell
from extractor.values import squash

TEXT_KINDS = ("description", "criteria", "note")
_SENTENCE = re.compile(r"[，。；;,：:]")


def text_slots(columns: dict[int, str]) -> tuple[list[str], list[str]] | None:
    """The header's text columns before and after its score column, in print order; None when
    the header names no text column (the readers then go by place around the score)."""
    ordered = sorted(columns.items())
    if not any(kind in TEXT_KINDS for _, kind in ordered):
        return None
    score_col = next((col for col, kind in ordered if kind == "score"), None)
    before = [kind for col, kind in ordered if kind in TEXT_KINDS and (score_col is None or col < score_col)]
    after = [kind for col, kind in ordered if kind in TEXT_KINDS and score_col is not None and col > score_col]
    return before, after


def place_texts(before: list[Cell], after: list[Cell], columns: dict[int, str]) -> list[tuple[str, Cell]] | None:
    """Text cells before and after the score, each under the header's next text column on its
    side; None when the header names none or one side prints more texts than it has columns."""
    slots = text_slots(columns)
    if slots is None or len(before) > len(slots[0]) or len(after) > len(slots[1]):
        return None
    return list(zip(slots[0], before, strict=False)) + list(zip(slots[1], after, strict=False))


def is_sentence(text: str) -> bool:
    """A rule or a note rather than a label: it has clause punctuation or runs long."""
    return bool(_SENTENCE.search(text)) or len(squash(text)) > 20


def shifted(cells: list[Cell], columns: dict[int, str]) -> bool:
    """The row's cells do not stand under the header's columns: it prints fewer cells than the
    header names, or a sentence under a label column (a pipe row whose empty cells were dropped
    and padded at its end, ``| 绩效指标明确性（5分） | 完成率达到100%得满分… | 5 ||||``)."""
    return len(cells) < len(columns) or any(
        columns.get(c.col) in ("level", "frag") and is_sentence(c.clean) for c in cells if c.clean)


def narrow_unscored(cells: list[Cell], columns: dict[int, str]) -> tuple[list[Cell], list[tuple[str, Cell]]] | None:
    """A blank template's row printed with fewer cells than the header has columns: its leading
    labels, then its sentences under the header's text columns in order.  None when the row is
    as wide as the header (positions hold) or its cells do not read as labels then sentences."""
    printed = [c for c in cells if c.clean]
    if not printed or not shifted(cells, columns):
        return None
    n_labels = next((k for k, c in enumerate(printed) if is_sentence(c.clean)), len(printed))
    labels, texts = printed[:n_labels], printed[n_labels:]
    if not labels or not all(is_sentence(c.clean) for c in texts):
        return None
    placed = place_texts(texts, [], columns)
    if placed is None:
        return None
    return labels, placed


def narrow_labels(head: list[Cell], cells: list[Cell], columns: dict[int, str],
                  ) -> tuple[list[Cell], list[tuple[str, Cell]]] | None:
    """The cells before a narrow row's first figure: its labels, then the sentences the header
    prints before its score column (``绩效指标明确性（5分） | 符合要求得满分… | 5`` under ``… 三级指标 |
    评分标准 | 自评得分``).  None when the row is as wide as the header or prints no sentence there."""
    if not shifted(cells, columns) or not any(is_sentence(c.clean) for c in head if c.clean):
        return None
    return narrow_unscored(head, columns)
