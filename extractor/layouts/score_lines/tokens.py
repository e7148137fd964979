"""Tokens of a score sheet's PDF text layer: stated points, figures, label texts.

The text a PDF gives for a rubric with merged label cells keeps no columns: what is left to
read are the labels' stated points (``(10 分)``, ``10 分)`` with the bracket opened on the line
above or lost, ``(10 )`` without 分, ``(特性指标70 分)``), free-standing figures (分值 得分) and
label texts.  A bracketed aside without a figure (``(政策依据)``, ``(可选项)``) belongs to the
text before it.  Every token keeps its character span in the stream, for provenance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

Kind = Literal["points", "figure", "text"]

# stated points: an opening bracket (maybe a line above, maybe a qualifier inside) or at least 分
_POINTS = re.compile(r"[（(]\s*(?:[\u4e00-\u9fff]{1,6})?\s*(\d+(?:\.\d+)?)\s*分?\s*[)）]"
                     r"|(?<![\d.])(\d+(?:\.\d+)?)\s*分\s*[)）]")
_FIGURE = re.compile(r"(?<!\S)\d+(?:\.\d+)?(?!\S)")
_ASIDE = re.compile(r"[（(][^()（）\d\n]{1,20}[)）]")
_TEXT = re.compile(r"[^\s()（）]+")
_OPEN = re.compile(r"[（(](?=\s|$)")


@dataclass(frozen=True, slots=True)
class Token:
    kind: Kind
    start: int
    end: int
    text: str
    number: Decimal | None = None


def tokenize(text: str) -> list[Token]:
    """The stream's tokens in order; lone opening brackets (broken over a line end) are dropped."""
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        if text[pos].isspace():
            pos += 1
            continue
        if (m := _POINTS.match(text, pos)) is not None:
            tokens.append(Token("points", m.start(), m.end(), m.group(0), Decimal(m.group(1) or m.group(2))))
        elif (m := _FIGURE.match(text, pos)) is not None:
            tokens.append(Token("figure", m.start(), m.end(), m.group(0), Decimal(m.group(0))))
        elif (m := _ASIDE.match(text, pos)) is not None:
            last = tokens[-1] if tokens else None
            if last is not None and last.kind == "text" and "\n" not in text[last.end:m.start()]:
                tokens[-1] = Token("text", last.start, m.end(), text[last.start:m.end()])
            else:
                tokens.append(Token("text", m.start(), m.end(), m.group(0)))
        elif (m := _OPEN.match(text, pos)) is not None:
            pass
        elif (m := _TEXT.match(text, pos)) is not None:
            tokens.append(Token("text", m.start(), m.end(), m.group(0)))
        else:  # a stray bracket
            pos += 1
            continue
        pos = m.end()
    return tokens


def points_first(tokens: list[Token], text: str) -> bool:
    """Whether the labels print their points before their names (``(10 分)项目管理``).

    A row's first token says it: a row (after its figures, or a line's first) that opens with
    stated points prints them first; one that opens with a text glued to the points after it
    (``项目决策（30分）``) prints them after the names."""
    before = after = 0
    for k, tok in enumerate(tokens):
        leading = k == 0 or tokens[k - 1].kind == "figure" or "\n" in text[tokens[k - 1].end:tok.start]
        if not leading:
            continue
        if tok.kind == "points":
            before += 1
        elif tok.kind == "text" and k + 1 < len(tokens) and tokens[k + 1].kind == "points" \
                and tokens[k + 1].start == tok.end:
            after += 1
    return before > after


def row_shapes(text: str) -> tuple[int, int]:
    """(PDF rows, table rows) among the stream's lines: a PDF text layer's row opens with
    the figures of the row above (or, on a blank sheet, with a label's points) and prints none
    after its labels; a table's row prints a figure after a label (a 序号 may come first)."""
    pdf = table = 0
    for line in text.split("\n"):
        toks = tokenize(line)
        kinds = [t.kind for t in toks]
        glued = all(a.end == b.start for a, b in zip(toks, toks[1:], strict=False))
        if "figure" not in kinds and "points" in kinds and (kinds[0] == "points" or glued):
            pdf += 1  # a blank sheet's row: labels with their points, one run, no figure
            continue
        words = [k for k, kind in enumerate(kinds) if kind != "figure"]
        figures = [k for k, kind in enumerate(kinds) if kind == "figure"]
        if not words or not figures:
            continue
        if figures[-1] > words[0]:
            table += 1
        elif figures[0] == 0:
            pdf += 1
    return pdf, table
