"""Read a run-together score sheet by the column order its header prints.

A sheet copied out of its table with no cell borders (a web page's text, a mirror) keeps its
columns' order: ``序号 一级指标 二级指标 三级指标 分值 评分标准 自评得分 扣分原因`` (some columns left
out), then each row in that order: ``2项目决策（30分）项目立项立项程序规范性5以100%为标准，…扣0.5分。
4.5部分资料不完整3…``.  What makes the stream readable is the type of each column:

- the labels hold no figure, so the item's 分值 is the first figure after them (or its points,
  ``立项依据充分性（5分）``, where no 分值 column is printed), and the 评分标准 runs from there to the
  full stop its 自评得分 follows;
- the merged 一级/二级 labels are glued to the item's name and to the last row's 扣分原因; they are
  cut by the rubric frameworks' names (``extractor.vocab.rubric``), and a note is only looked
  for where the last row's score fell short of its weight;
- a 序号 counts up, which cuts a note from the next row's labels.

What the stream does not settle is left unread and flagged: a figure run into another figure or a
page marker (``LAYOUT_FIGURES_FUSED``), a row whose note and name cannot be told apart — no rubric
name to cut at, no note the sheet printed before (``LAYOUT_SCORE_ITEM_UNREAD``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import permutations

from extractor.layouts.score_runon.text import RunText
from extractor.vocab.rubric import LEVEL1_NAMES, LEVEL2_NAMES
from schemas.common import Finding, Totals, Value
from schemas.dept_score_sheet import ScoreGroup, ScoreItem

# the 一级 heading as printed or OCR'd column by column out of order (``一标级指``, the scan's tall merged
# cell read with its column, ``garble_levels``), told by the 二级指标 after it
_SCRAMBLED = sorted({"".join(p) for p in permutations("一级指标")} - {"一级指标"})
LEVEL1_HEADING = "(?:一级指标|指标类型|" + "|".join(_SCRAMBLED) + ")(?=二级指标)"
_HEADER_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), c) for p, c in (
    (r"序号", "seq"), (LEVEL1_HEADING, "level1"), (r"二级指标", "level2"), (r"三级指标", "name"),
    (r"指标分值|标准分值|分值|权重", "weight"), (r"评分标准|评分细则|计分标准|评分要点", "criteria"),
    (r"自评得分|自评分|评价得分|得分", "score"), (r"扣分原因|扣分说明|扣分理由|备注", "note"),
))
_HEADER_START = re.compile(r"(?:序号)?" + LEVEL1_HEADING)
_FIGURE = re.compile(r"\d+(?:\.\d+)?")
_POINTS = re.compile(r"[（(](\d+(?:\.\d+)?)分[）)]")
_TOTAL = re.compile(r"合计|总分")
_LONE_MARKER = re.compile(r"(\d{1,2})、")
_SHEET_END = re.compile(r"评分表|打分表|得分表|评价指标体系")
_LEVEL1 = sorted(LEVEL1_NAMES, key=len, reverse=True)
_LEVEL2 = sorted(LEVEL2_NAMES, key=len, reverse=True)
_NAME_AFTER_LEVEL2 = 4  # a 二级 word cut off a name with nothing before it leaves a name this long
_NOTE_BREAKS = "。，；;,"
_MIN_ITEMS = 3


@dataclass(slots=True)
class Header:
    columns: list[str]
    start: int
    end: int
    scrambled: bool = False  # the 一级 heading OCR'd out of order: its cells are too


def find_header(rt: RunText, start: int = 0) -> Header | None:
    """The first run of header words from ``start``; None without the three levels and 评分标准."""
    m = _HEADER_START.search(rt.text, start)
    if m is None:
        return None
    pos, columns = m.start(), []
    while True:
        for pattern, column in _HEADER_WORDS:
            hit = pattern.match(rt.text, pos)
            if hit is not None and column not in columns:
                columns.append(column)
                pos = hit.end()
                break
        else:
            break
    if not {"level1", "level2", "name", "criteria"} <= set(columns):
        return None
    lead = m.start() + (2 if rt.text.startswith("序号", m.start()) else 0)
    scrambled = not rt.text.startswith(("一级指标", "指标类型"), lead)
    return Header(columns, m.start(), pos, scrambled)


@dataclass(slots=True)
class Sheet:
    """What the rows gave: items, stated group points, the 合计 row, and what was left unread."""

    items: list[ScoreItem] = field(default_factory=list)
    groups: list[ScoreGroup] = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)
    fused: int = 0  # figures left unread: run into another figure or a page marker
    unread: int = 0  # rows whose name could not be cut from the labels around it
    joined: int = 0  # items whose name and 评分标准 were printed in one cell: the rows ran together
    scrambled: bool = False  # read under a 一级 heading OCR'd out of order

    def runs_together(self) -> bool:
        """At least three rows, and most items read print their name and 评分标准 in one cell (a
        table, or a paste of one cell per line, prints them apart); under a scrambled 一级 heading
        (its cells scrambled too, maybe with their points) only where every row was cut and
        its weights add up to the 合计 row's (or fall short of it by the weights left unread): else
        the cuts are not certain."""
        runs = len(self.items) + self.unread >= _MIN_ITEMS and self.joined * 2 > len(self.items)
        return runs and (not self.scrambled or self._weights_add_up())

    def _weights_add_up(self) -> bool:
        weights = [i.weight.value for i in self.items]
        total = self.totals.weight.value
        if self.unread or total is None:
            return False
        read = sum(w for w in weights if w is not None)
        return read == total if None not in weights else read < total  # a weight touching a page marker

    def findings(self) -> list[Finding]:
        out: list[Finding] = []
        if self.fused:
            out.append(Finding(code="LAYOUT_FIGURES_FUSED", severity="warning",
                               message_zh=f"评分表文字连排，{self.fused}个数字与相邻数字或页码相连，无法确定，未读取",
                               message_en=f"{self.fused} figure(s) of the run-together score sheet touch another "
                                          "figure or a page marker; their boundary is not certain: not read",
                               rule="layouts.score_runon.columns"))
        if self.unread:
            out.append(Finding(code="LAYOUT_SCORE_ITEM_UNREAD", severity="warning",
                               message_zh=f"评分表文字连排，{self.unread}个指标的名称与上一行扣分原因无法分开，未读取",
                               message_en=f"{self.unread} item(s) of the run-together score sheet could not be told "
                                          "from the previous row's 扣分原因 printed against them; they were not read",
                               rule="layouts.score_runon.columns"))
        return out


@dataclass(slots=True)
class _Levels:
    """The labels before an item's 分值: the last row's note, 一级 (with its points), 二级, name."""

    note: tuple[int, int] | None
    level1: tuple[int, int] | None
    points1: re.Match[str] | None
    level2: tuple[int, int] | None
    name: tuple[int, int]


class _Reader:
    def __init__(self, rt: RunText, header: Header) -> None:
        self.rt, self.t, self.cols = rt, rt.text, header.columns
        self.pos = header.end
        self.sheet = Sheet(scrambled=header.scrambled)
        self.seq = 1
        self.seq_read = False  # the next 序号 ran into the last score and was consumed with it
        self.level1: Value[str] = Value[str]()
        self.level2: Value[str] = Value[str]()
        self.note_may_follow = False  # the last row's score fell short of its weight, or is not known
        self.last: ScoreItem | None = None
        # notes read where a 序号 or a 一级/二级 name ended them: the same text before a name later
        # in the sheet is that note again (deductions repeat their reasons)
        self.notes: set[str] = set()

    def read(self) -> Sheet:
        while self.pos < len(self.t) and self._row():
            pass
        return self.sheet

    def _row(self) -> bool:
        """One row: [the last row's note] [序号] labels 分值 评分标准。得分; False at the sheet's end."""
        start = self.pos
        marker = _LONE_MARKER.match(self.t, start)
        if marker is not None and ("seq" not in self.cols or marker.group(1) != str(self.seq)):
            start = marker.end()  # a page marker the count did not take (a lone ``1、``) opens the row
        if "seq" in self.cols and not self.seq_read:
            fig = _FIGURE.search(self.t, start)
            if fig is None or fig.group(0) != str(self.seq):
                return self._close(start, fig.start() if fig else len(self.t))
            self._note(start, fig.start())
            start = fig.end()
            self.seq += 1
        self.seq_read = False
        stop, anchor = self._anchor(start)
        if anchor is None:
            return self._close(start, stop)
        weight, crit_start = anchor
        levels = self._levels(start, stop)
        if levels is not None and levels.note is not None:
            self._note(*levels.note)
        crit_end = self._criteria_end(crit_start)
        if crit_end is None:
            return False
        score, self.pos = self._score(crit_end, self.t[slice(*weight)])
        if levels is None:
            self.sheet.unread += 1
            self.last, self.note_may_follow = None, True
        else:
            self.last = self._item(levels, weight, crit_start, crit_end, score)
        return True

    def _anchor(self, start: int) -> tuple[int, tuple[tuple[int, int], int] | None]:
        """Where the labels stop, with the 分值's span and where the 评分标准 starts; no anchor at
        the 合计 row, the next sheet's title, a sentence or the end of the text."""
        k = start
        while k < len(self.t):
            if _TOTAL.match(self.t, k) or _SHEET_END.match(self.t, k) or self.t[k] in "。，；":
                return k, None
            points = _POINTS.match(self.t, k)
            if points is not None:
                if "weight" not in self.cols and not self._level_points(points.end()):
                    return k, (points.span(1), points.end())
                k = points.end()
                continue
            fig = _FIGURE.match(self.t, k)
            if fig is not None:
                return k, (fig.span(), fig.end())
            k += 1
        return k, None

    def _level_points(self, end: int) -> bool:
        """Points after a 一级 label, not an item's: more labels and points follow before any
        sentence or figure (``项目决策（30分）项目立项立项依据充分性（5分）``)."""
        nxt = _POINTS.search(self.t, end)
        if nxt is None:
            return False
        between = self.t[end:nxt.start()]
        return bool(between) and not any(ch.isdigit() or ch in "。，；、" for ch in between)

    def _levels(self, start: int, end: int) -> _Levels | None:
        """Cut the labels where a 一级 or 二级 name starts; where the last row may have left a
        note, the earliest such place after it, and no cut at all is a doubt (None)."""
        if not ("note" in self.cols and "seq" not in self.cols and self.note_may_follow):
            return self._levels_at(start, start, end)
        for at in range(start, end):
            levels = self._levels_at(start, at, end)
            if levels is not None and (levels.level1 or levels.level2):
                return levels
        for note in sorted(self.notes, key=len, reverse=True):  # a note this sheet printed before
            if self.t.startswith(note, start) and self._text_ok(start + len(note), end):
                return _Levels((start, start + len(note)), None, None, None, (start + len(note), end))
        return None

    def _levels_at(self, start: int, at: int, end: int) -> _Levels | None:
        note = (start, at) if at > start else None
        k = at
        l1 = next((w for w in _LEVEL1 if self.t.startswith(w, k) and k + len(w) < end), None)
        level1 = points1 = None
        if l1 is not None:
            level1 = (k, k + len(l1))
            k += len(l1)
            points1 = _POINTS.match(self.t, k)
            if points1 is not None:
                k = points1.end()
        elif (garbled := _scrambled_level1(self.t, k, end)) is not None:
            k = garbled  # a 一级 cell OCR'd out of order (决门部策): cut, not read
        fits = [w for w in _LEVEL2 if self.t.startswith(w, k)]
        # the longest 二级 name that leaves a name of four characters (产出 | 质量达标率, not 产出质量 |
        # 达标率); after a 一级 name, a shorter one will do (项目效益 | 满意度)
        l2 = next((w for w in fits if end - k - len(w) >= _NAME_AFTER_LEVEL2), None)
        if l2 is None and level1 is not None:
            l2 = next((w for w in fits if end - k - len(w) >= 2), None)
        level2 = None
        if l2 is not None:
            level2 = (k, k + len(l2))
            k += len(l2)
        if not self._text_ok(k, end) or (note is not None and not self._text_ok(*note)):
            return None
        return _Levels(note, level1, points1, level2, (k, end))

    def _text_ok(self, start: int, end: int) -> bool:
        text = self.t[start:end]
        return len(text) >= 2 and not any(ch.isdigit() or ch in _NOTE_BREAKS for ch in text)

    def _criteria_end(self, start: int) -> int | None:
        """Past the full stop that ends the 评分标准: a score, the 合计 row, the sheet's end or the
        next row's labels follow it."""
        k = start
        while True:
            stop = self.t.find("。", k)
            if stop < 0:
                return None
            k = stop + 1
            if k >= len(self.t) or self.t[k].isdigit() or self._labels_follow(k):
                return k

    def _labels_follow(self, k: int) -> bool:
        stop, anchor = self._anchor(k)
        if anchor is None:
            return stop == k or stop >= len(self.t) or self.t[stop] not in "。，；"
        return self._levels_at(k, k, stop) is not None

    def _score(self, at: int, weight: str) -> tuple[tuple[int, int] | None, int]:
        """The 自评得分 after the 评分标准, and where the row's text goes on; a score run into the
        next row's 序号 or a page marker is not read."""
        fig = _FIGURE.match(self.t, at) if "score" in self.cols else None
        if fig is None:
            return None, at
        if self.t.startswith("、", fig.end()):
            self.sheet.fused += 1  # ``。51、``: a page marker the count did not take, run into the score
            return None, fig.end() + 1
        if "seq" in self.cols and self._runs_into_seq(fig, weight):
            self.sheet.fused += 1  # ``54绩效…``: the score and the next 序号 ran together
            self.seq += 1
            self.seq_read = True
            return None, fig.end()
        if self.rt.touches_cut(*fig.span()):
            self.sheet.fused += 1
            return None, fig.end()
        return fig.span(), fig.end()

    def _runs_into_seq(self, fig: re.Match[str], weight: str) -> bool:
        """The next row's 序号 is the score's last digits: no 序号 follows before the next row's
        figures, or the whole figure is over the row's weight."""
        seq = str(self.seq)
        if not fig.group(0).endswith(seq) or len(fig.group(0)) <= len(seq):
            return False
        if re.fullmatch(r"\d+(\.\d+)?", weight) and Decimal(fig.group(0)) > Decimal(weight):
            return True
        nxt = _FIGURE.search(self.t, fig.end())
        between = self.t[fig.end():nxt.start() if nxt else len(self.t)]
        return not _TOTAL.search(between) and (nxt is None or nxt.group(0) != seq)

    def _item(self, levels: _Levels, weight: tuple[int, int], crit_start: int, crit_end: int,
              score: tuple[int, int] | None) -> ScoreItem:
        rt = self.rt
        if levels.level1 is not None:
            name1 = self.t[slice(*levels.level1)]
            self.level1 = rt.value(*levels.level1, name1)
            self.level2 = Value[str]()
            printed1 = self.level1.value or name1  # the name as printed (traditional where the source is)
            if levels.points1 is not None and all(g.name != printed1 for g in self.sheet.groups):
                pts = levels.points1
                self.sheet.groups.append(ScoreGroup(level=1, name=printed1, stated_weight=rt.value(
                    pts.start(1), pts.end(1), Decimal(pts.group(1)))))
        if levels.level2 is not None:
            self.level2 = rt.value(*levels.level2, self.t[slice(*levels.level2)])
        item = ScoreItem(level1=self.level1, level2=self.level2,
                         name=rt.value(*levels.name, self.t[slice(*levels.name)]))
        w = self._figure(weight)
        if w is not None:
            item.weight = rt.value(*weight, w)
        if rt.owners[levels.name[1] - 1][1] is rt.owners[crit_start][1]:
            self.sheet.joined += 1
        crit = self.t[crit_start:crit_end]
        if crit.strip("。"):
            item.criteria = rt.value(crit_start, crit_end, crit)
        s = self._figure(score)
        if s is not None and score is not None:
            item.score = rt.value(*score, s)
        self.note_may_follow = s is None or w is None or s < w
        self.sheet.items.append(item)
        return item

    def _figure(self, span: tuple[int, int] | None) -> Decimal | None:
        """A figure not touching a page marker, of at most two decimals and 100 points."""
        if span is None:
            return None
        text = self.t[slice(*span)]
        if self.rt.touches_cut(*span) or not re.fullmatch(r"(0|[1-9]\d*)(\.\d{1,2})?", text) or Decimal(text) > 100:
            self.sheet.fused += 1
            return None
        return Decimal(text)

    def _note(self, start: int, end: int) -> None:
        text = self.t[start:end]
        if self.last is not None and "note" in self.cols and self._text_ok(start, end):
            self.last.note = self.rt.value(start, end, text)
            self.notes.add(text)

    def _close(self, start: int, end: int) -> bool:
        """The 合计 row (with the last row's note before it) or the end of the sheet: False."""
        total = _TOTAL.search(self.t, start, end + 2)
        if total is None:
            return False
        if self.note_may_follow or "seq" in self.cols:
            self._note(start, total.start())
        self._totals(total.end())
        return False

    def _totals(self, at: int) -> None:
        fig = _FIGURE.match(self.t, at)
        if fig is None:
            return
        if self.rt.touches_cut(*fig.span()):
            self.sheet.fused += 1
            return
        text = fig.group(0)
        single = {"weight", "score"} - set(self.cols)
        if len(single) == 2:
            return
        if len(single) == 1:
            key = "score" if "weight" in single else "weight"
            setattr(self.sheet.totals, key, self.rt.value(*fig.span(), Decimal(text)))
            return
        cuts = [k for k in range(1, len(text)) if _total_pair(text[:k], text[k:])]
        if len(cuts) != 1:
            self.sheet.fused += 1
            return
        k = cuts[0]
        self.sheet.totals.weight = self.rt.value(fig.start(), fig.start() + k, Decimal(text[:k]))
        self.sheet.totals.score = self.rt.value(fig.start() + k, fig.end(), Decimal(text[k:]))


def _total_pair(weight: str, score: str) -> bool:
    """A cut of a fused 合计 row that the columns allow: two figures without a leading zero or a
    third decimal, 得分 ≤ 分值 ≤ 100."""
    for part in (weight, score):
        if not re.fullmatch(r"(0|[1-9]\d*)(\.\d{1,2})?", part):
            return False
    return Decimal(score) <= Decimal(weight) <= 100


def _scrambled_level1(t: str, k: int, end: int) -> int | None:
    """The end of a 一级 name printed with its characters out of order at ``k`` (a scan's tall
    merged cell OCR'd column by column: ``决门部策`` for 部门决策); None where none stands there."""
    return next((k + len(w) for w in _LEVEL1
                 if k + len(w) < end and t[k:k + len(w)] != w and sorted(t[k:k + len(w)]) == sorted(w)), None)


def read_columns(rt: RunText, header: Header) -> Sheet:
    return _Reader(rt, header).read()


__all__ = ["Header", "Sheet", "find_header", "read_columns"]

