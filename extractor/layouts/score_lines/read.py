"""Read a score sheet from its PDF text layer: label lines, each row's figures opening the next.

The rows are cut at their figures: the labels and texts up to a run of figures are one row,
the figures its 分值 得分 (or its score alone where the points sit in the labels).  The levels
are not printed, but the stated points say them: a label is a 一级 heading while no 一级 is
open or the open one is full, a 二级 heading while the open 二级 is full, else (points printed
in the item's own label) the item; items fill both.  A merged 二级 label printed before its
points comes out glued to its first item's name (``科学决策必要性``); it is cut at a 二级 name
of the rubric frameworks, and where none fits the two stay together, flagged.  A row printing
one figure where the sheet prints two (an optional row, a cut figure) is not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from extractor.grid import Cell
from extractor.layouts.score_lines.tokens import Token, points_first, tokenize
from extractor.layouts.score_lines.vocab import split_level2
from extractor.rules.cells import traced_span
from extractor.segment.types import FormChunk, Row
from schemas.common import Finding, Totals, Value
from schemas.dept_score_sheet import ScoreGroup, ScoreItem

_TOTAL = re.compile(r"^(合\s*计|总\s*分|总\s*计|得分合计)$")


@dataclass(slots=True)
class Stream:
    """The chunk's printed cells joined (a space between cells, a line break between rows),
    with the cell under every character."""

    text: str
    owners: list[tuple[Row, Cell]]

    def value(self, start: int, end: int, value: object, confidence: float) -> Value[Any]:
        return traced_span(self.owners, start, end, value, confidence=confidence)


def stream_of(chunk: FormChunk) -> Stream:
    chars: list[str] = []
    owners: list[tuple[Row, Cell]] = []
    for row in chunk.rows:
        cells = [c for c in row.cells if c.clean and not c.continuation]
        for k, cell in enumerate(cells):
            text = cell.clean + ("\n" if k + 1 == len(cells) else " ")
            chars.extend(text)
            owners.extend([(row, cell)] * len(text))
    return Stream("".join(chars), owners)


@dataclass(slots=True)
class _Label:
    name: Token
    points: Token


@dataclass(slots=True)
class _Open:
    name: str
    cap: Decimal
    filled: Decimal = Decimal(0)

    def full(self) -> bool:
        return self.filled >= self.cap


@dataclass(slots=True)
class Sheet:
    items: list[ScoreItem] = field(default_factory=list)
    groups: list[ScoreGroup] = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)
    findings: list[Finding] = field(default_factory=list)


def read_lines(stream: Stream, confidence: float = 0.9) -> Sheet:
    tokens = tokenize(stream.text)
    before = points_first(tokens, stream.text)
    rows = _rows(tokens, before)
    labels = sum(t.kind == "points" for t in tokens)
    if sum(bool(figs) for _, _, figs in rows) * 4 < labels:
        # a blank template: its labels state every weight and no row prints a score; a figure
        # among them is a page number, never an item's score
        rows = [(labs, texts, []) for labs, texts, _ in rows]
    # the sheet prints a 分值 column when most rows print two figures (a page number between
    # two rows adds a figure to one of them)
    two = sum(len(figs) >= 2 for _, _, figs in rows) > sum(len(figs) == 1 for _, _, figs in rows)
    return _Reader(stream, before, two, confidence).read(rows)


Row_ = tuple[list[_Label], list[Token], list[Token]]


def _rows(tokens: list[Token], before: bool) -> list[Row_]:
    """(labels, bare texts, figures) per printed row, from the first label on."""
    first = next((k for k, t in enumerate(tokens) if t.kind == "points"), None)
    if first is None:
        return []
    if not before and first > 0 and tokens[first - 1].kind == "text":
        first -= 1
    rows: list[Row_] = []
    labels: list[_Label] = []
    texts: list[Token] = []
    figures: list[Token] = []
    k = first
    while k < len(tokens):
        tok = tokens[k]
        if tok.kind == "figure":
            figures.append(tok)
            k += 1
            continue
        if figures:
            rows.append((labels, texts, figures))
            labels, texts, figures = [], [], []
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if tok.kind == "points" and before and nxt is not None and nxt.kind == "text":
            labels.append(_Label(nxt, tok))
            k += 2
            continue
        if tok.kind == "text" and not before and nxt is not None and nxt.kind == "points" and nxt.start == tok.end:
            labels.append(_Label(tok, nxt))
            k += 2
            continue
        if tok.kind == "text":
            texts.append(tok)
        k += 1
    if labels or texts or figures:
        rows.append((labels, texts, figures))
    return rows


class _Reader:
    def __init__(self, stream: Stream, before: bool, two: bool, confidence: float) -> None:
        self.s, self.before, self.two, self.conf = stream, before, two, confidence
        self.sheet = Sheet()
        self.l1: _Open | None = None
        self.l2: _Open | None = None
        self.ctx: dict[str, Value[str]] = {}
        self.joined = 0
        self.unread: list[str] = []

    def read(self, rows: list[Row_]) -> Sheet:
        for labels, texts, figures in rows:
            if texts and _TOTAL.match(texts[0].text) and not labels:
                if len(texts) == 1:  # else the report's prose runs on after a 总分 with no value
                    self._total(figures)
                break
            self._row(labels, texts, figures)
        if self.joined:
            self.sheet.findings.append(Finding(
                code="LAYOUT_SCORE_LABEL_JOINED", severity="warning",
                message_zh=f"{self.joined} 处二级指标名称与其首个三级指标名称连排，无法分开，已按原文保留",
                message_en=f"{self.joined} 二级 label(s) ran into their first item's name and match no known "
                           "二级 name; both keep the joined text (confidence 0.5)",
                rule="layouts.score_lines"))
        if self.unread:
            names = "、".join(self.unread)
            self.sheet.findings.append(Finding(
                code="LAYOUT_SCORE_ROW_UNREAD", severity="warning",
                message_zh=f"{len(self.unread)} 行只印一个数字（分值或得分无法分辨），未读取：{names}",
                message_en=f"{len(self.unread)} row(s) print one figure where the sheet prints 分值 and 得分; "
                           f"which it is cannot be told, so they were not read: {names}",
                rule="layouts.score_lines"))
        return self.sheet

    def _row(self, labels: list[_Label], texts: list[Token], figures: list[Token]) -> None:
        item_label: _Label | None = None
        item_conf = self.conf
        for n, label in enumerate(labels):
            level = self._level()
            if level == 3 and not self.two:
                # the item's own label states its points (its weight); a blank template prints
                # its items one after the other with no figure between them
                if n + 1 < len(labels) or texts:
                    self._item(label.name, label.points, None, self.conf)
                else:
                    item_label = label  # the row's figure, if any, is its score
                continue
            level = min(level, 2)
            glued = self.before and n + 1 == len(labels) and not texts and self.two and level == 2
            name_tok = label.name
            rest: tuple[int, int] | None = None
            name, conf = name_tok.text, self.conf
            if glued:
                cut = split_level2(name_tok.text)
                if cut is None:
                    conf = item_conf = 0.5
                    self.joined += 1
                    rest = (name_tok.start, name_tok.end)
                else:
                    name = name_tok.text[:cut]
                    rest = (name_tok.start + cut, name_tok.end)
            self._group(level, name, name_tok.start, name_tok.start + len(name), label, conf)
            if rest is not None:
                texts = [Token("text", rest[0], rest[1], self.s.text[rest[0]:rest[1]])]
        if item_label is not None:
            weight = item_label.points
            score = figures[0] if figures else None
            self._item(item_label.name, weight, score, self.conf)
        elif texts and self.two and len(figures) >= 2:
            self._item(texts[-1], figures[0], figures[1], item_conf)
        elif texts and self.two and len(figures) == 1:
            self.unread.append(texts[-1].text)  # 分值 or 得分: which one it printed cannot be told

    def _level(self) -> int:
        if self.l1 is None or self.l1.full():
            return 1
        if self.l2 is None or self.l2.full():
            return 2
        return 3

    def _group(self, level: int, name: str, start: int, end: int, label: _Label, conf: float) -> None:
        points = label.points.number or Decimal(0)
        value = self.s.value(start, end, re.sub(r"\s", "", name) if level == 1 else name.strip(), conf)
        if level == 1:
            self.l1, self.l2 = _Open(value.value or "", points), None
            self.ctx = {"level1": value}
        else:
            self.l2 = _Open(value.value or "", points)
            self.ctx["level2"] = value
        self.sheet.groups.append(ScoreGroup(level=1 if level == 1 else 2, name=value.value or "",
                                            stated_weight=self._number(label.points, conf)))

    def _item(self, name: Token, weight: Token, score: Token | None, conf: float) -> None:
        w = weight.number or Decimal(0)
        for group in (self.l1, self.l2):
            if group is not None:
                group.filled += w
        item = ScoreItem(level1=self.ctx.get("level1", Value[str]()), level2=self.ctx.get("level2", Value[str]()),
                         name=self.s.value(name.start, name.end, name.text.strip(), conf),
                         weight=self._number(weight, conf))
        if score is not None:
            item.score = self._number(score, conf)
        self.sheet.items.append(item)

    def _total(self, figures: list[Token]) -> None:
        if self.two and len(figures) >= 2:
            self.sheet.totals.weight = self._number(figures[0], self.conf)
            self.sheet.totals.score = self._number(figures[1], self.conf)
        elif not self.two and len(figures) == 1:
            self.sheet.totals.score = self._number(figures[0], self.conf)

    def _number(self, tok: Token, conf: float) -> Value[Any]:
        return self.s.value(tok.start, tok.end, tok.number, conf)
