"""A score sheet exported onto one line of space-separated cells, cut back into its rows.

The general re-rowing (``restream``) starts rows at label words and at a name after two figures;
a score sheet defeats both: its merged 一级 label with stated points (``部门管理（45分）``) follows
the last row's score, a sheet without a 分值 column prints one figure per row, and its item names
begin like form labels (``绩效指标明确性``).  The sheet's own header says what each row prints, in
order — ``[序号] labels [分值] 评分标准 [自评得分] [扣分原因]`` — so the rows are cut by that order:

- the labels end at the 分值 figure, or (points in the labels) at the last label stating points
  before the first sentence;
- the 评分标准 runs to the score figure, or, on a blank template, to the text ending its sentence
  (its wrapped parts are joined back into one cell);
- a 扣分原因 is printed only where the score is below the weight.

The cut is kept only when the sheet's figures agree with its 合计 row (weights and scores add up);
otherwise the caller re-rows the line as before.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from extractor.grid import Cell, joined_cell
from extractor.segment.export_header import rejoin_late_header
from extractor.segment.restream import restream
from extractor.segment.types import Row
from extractor.values import is_numeric, squash
from extractor.vocab import TOTAL_ROW_RE
from extractor.vocab.rubric import LEVEL1_NAMES, LEVEL2_NAMES

_SHEET_ROW = 20  # cells a score sheet's first row may print before a late header
_LEVELS = ("一级指标", "二级指标", "三级指标")
_WEIGHT = frozenset({"分值", "权重", "标准分值", "指标分值"})
_CRITERIA = frozenset({"评分标准", "评分细则", "计分标准", "评分要点"})
_SCORE = frozenset({"自评得分", "得分", "自评分", "评价得分", "自评打分"})
_NOTE = frozenset({"扣分原因", "扣分说明", "扣分理由", "备注"})
_POINTS = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]$")
_SENTENCE = re.compile(r"[，。；;,：:、]")
_SENTENCE_END = ("。", ".")


def _figure(cell: Cell) -> Decimal | None:
    if not is_numeric(cell.clean):
        return None
    try:
        return Decimal(cell.clean.replace(",", ""))
    except InvalidOperation:
        return None


class _Header:
    """The sheet's header: where it starts and ends in the line and which columns it names."""

    def __init__(self, cells: list[Cell], start: int) -> None:
        self.start = start
        self.serial = squash(cells[start].clean) == "序号"
        k = start + self.serial
        words: list[str] = []
        while k < len(cells) and (key := squash(cells[k].clean)) in (
                *_LEVELS, *_WEIGHT, *_CRITERIA, *_SCORE, *_NOTE):
            words.append(key)
            k += 1
        self.end = k
        self.words = words
        self.weight = any(w in _WEIGHT for w in words)
        self.note = any(w in _NOTE for w in words)

    def valid(self) -> bool:
        """The three levels, then 分值 (optional), 评分标准, 自评得分 and 扣分原因 (optional), in that
        order, each once."""
        kinds = [_kind(w) for w in self.words]
        return kinds[:3] == ["level"] * 3 and kinds[3:] in (
            ["weight", "criteria", "score", "note"], ["weight", "criteria", "score"],
            ["criteria", "score", "note"], ["criteria", "score"])


def _kind(word: str) -> str:
    if word in _LEVELS:
        return "level"
    if word in _WEIGHT:
        return "weight"
    if word in _CRITERIA:
        return "criteria"
    return "score" if word in _SCORE else "note"


_WORDS = sorted((*_LEVELS, *_WEIGHT, *_CRITERIA, *_SCORE, *_NOTE, "序号"), key=len, reverse=True)


def header_words(text: str) -> list[str] | None:
    """A header printed letter-spaced (``一 级 指 标 二 级 指 标 …``), which ingest joins into one
    cell: the header words it is made of, when it is made of nothing else."""
    key, words, at = squash(text), [], 0
    while at < len(key):  # read in place: cutting the key at every word copies a long cell over and over
        word = next((w for w in _WORDS if key.startswith(w, at)), None)
        if word is None:
            return None
        words.append(word)
        at += len(word)
    return words if len(words) >= 3 else None


def _unjoined(cells: list[Cell]) -> list[Cell]:
    """The cells with a letter-spaced header cell cut back into its words (each keeps the joined
    cell's place and span)."""
    out: list[Cell] = []
    for cell in cells:
        words = header_words(cell.clean)
        out += [Cell(w, cell.row, cell.col, char_start=cell.char_start, char_end=cell.char_end, page=cell.page)
                for w in words] if words else [cell]
    return out


_POINTS_CELL = re.compile(r"^[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]$")


def _points_joined(cells: list[Cell]) -> list[Cell]:
    """A label's stated points printed apart from it (a Word cell wrapped at the space:
    ``部门决策 （20 分）``) joined back onto the label: a sheet's label columns never hold the
    points alone, and left apart they read as a label column more and the cut gives up."""
    out: list[Cell] = []
    for cell in cells:
        if out and _POINTS_CELL.match(cell.clean) and _figure(out[-1]) is None \
                and not _POINTS.search(out[-1].clean) and squash(out[-1].clean) not in _WORDS:
            out[-1] = joined_cell([out[-1], cell])
        else:
            out.append(cell)
    return out


def _header_at(cells: list[Cell]) -> _Header | None:
    for k, cell in enumerate(cells):
        key = squash(cell.clean)
        if key == "一级指标" or key == "序号" and k + 1 < len(cells) and squash(cells[k + 1].clean) == "一级指标":
            header = _Header(cells, k)
            return header if header.valid() else None
    return None


_LEVEL2 = frozenset(LEVEL2_NAMES)
_LEVEL1 = frozenset(LEVEL1_NAMES)


def _level_key(cell: Cell) -> str:
    return _POINTS.sub("", squash(cell.clean))


def _level1(cell: Cell) -> bool:
    """A 一级 label: it states its points or is a rubric's 一级 name (never a wrapped note's piece)."""
    return _POINTS.search(squash(cell.clean)) is not None or _level_key(cell) in _LEVEL1


def _rejoin_label(labels: list[Cell], *, pieces: bool = False) -> list[Cell]:
    """A label wrapped in its cell (a Word table's fixed-width fragments: ``目标设定 绩效目 标合理性``)
    made whole again where the rubric's 二级 names say which two pieces are one: a row printing its
    three levels and one piece more joins its last two when its second is a 二级 name, its middle two
    when they make one; a row printing 二级 and a 三级 in two pieces (its first a 二级 name, no
    一级's) joins the pieces; with ``pieces`` (the row above printed no note whose wrap these could
    be), a row printing two texts neither of which is a level name joins them: its levels were
    merged and printed once, so both are pieces of its 三级.  Any other row keeps its pieces (and
    the sheet is re-rowed as before)."""
    keys = [_level_key(c) for c in labels]
    if len(labels) == len(_LEVELS) + 1:
        whole_second = keys[1] in _LEVEL2
        joined_second = keys[1] + keys[2] in _LEVEL2
        if whole_second != joined_second:
            cut = 2 if whole_second else 1
            return [*labels[:cut], joined_cell(labels[cut:cut + 2]), *labels[cut + 2:]]
    if (len(labels) == len(_LEVELS) and keys[0] in _LEVEL2 and keys[0] not in _LEVEL1
            and not _POINTS.search(squash(labels[0].clean)) and keys[1] not in _LEVEL2):
        return [labels[0], joined_cell(labels[1:])]
    if (pieces and len(labels) == 2 and not any(k in _LEVEL2 or k in _LEVEL1 for k in keys)
            and not any(_POINTS.search(squash(c.clean)) for c in labels)):
        return [joined_cell(labels)]  # 立项程序规 | 范性 under merged levels: no level name, one 三级 in pieces
    return labels


def _tail_before_total(cells: list[Cell], k: int) -> int:
    """Where the 合计 row starts when only text cells (no figure, no stated points) print between
    ``k`` and it, else ``k``: those cells can only be the last row's wrapped 扣分原因."""
    j = k
    while j < len(cells) and _figure(cells[j]) is None and not _POINTS.search(cells[j].clean) \
            and not TOTAL_ROW_RE.match(squash(cells[j].clean)):
        j += 1
    return j if j < len(cells) and TOTAL_ROW_RE.match(squash(cells[j].clean)) else k


class _Cut:
    """The item rows cut from the cells after the header, with their figures for the check."""

    def __init__(self, cells: list[Cell], header: _Header) -> None:
        self.cells = cells
        self.header = header
        self.k = header.end
        self.rows: list[list[Cell]] = []
        self.weights: list[Decimal] = []
        self.scores: list[Decimal] = []
        self.noted = False  # the last row read ends with its 扣分原因

    def item(self) -> bool:
        """One item row from ``k``; False where the print does not follow the header's order."""
        cells, start = self.cells, self.k
        row: list[Cell] = []
        k = start
        if self.header.serial:
            if k >= len(cells) or _figure(cells[k]) is None:
                return False
            row.append(cells[k])
            k += 1
        texts: list[Cell] = []
        while k < len(cells) and _figure(cells[k]) is None:
            texts.append(cells[k])
            k += 1
            if not self.header.weight and _SENTENCE.search(cells[k - 1].clean):
                break
        if self.header.weight:
            if not texts or k >= len(cells):
                return False
            weight = _figure(cells[k])
            assert weight is not None
            labels, lead, k = texts, [cells[k]], k + 1
            criteria: list[Cell] = []
        else:
            named = [j for j, c in enumerate(texts[:-1]) if _POINTS.search(c.clean)]
            if not named or not _SENTENCE.search(texts[-1].clean):
                return False
            labels, lead, criteria = texts[:named[-1] + 1], [], texts[named[-1] + 1:]
            points = _POINTS.search(labels[-1].clean)
            assert points is not None
            weight = Decimal(points.group(1))
        while k < len(cells) and _figure(cells[k]) is None and not (
                criteria and criteria[-1].clean.endswith(_SENTENCE_END)):
            criteria.append(cells[k])
            k += 1
        surplus = len(labels) - len(_LEVELS)
        if surplus > 0 and self.noted and not self.header.serial and not _level1(labels[0]):
            # the row above's 扣分原因 wrapped: cells beyond the label columns can only be its pieces
            last = self.rows[-1]
            last[-1] = joined_cell([last[-1], *labels[:surplus]])
            labels = labels[surplus:]
        labels = _rejoin_label(labels, pieces=not self.noted)
        if not criteria or any(_POINTS.search(c.clean) for c in criteria) or len(labels) > len(_LEVELS):
            return False  # more labels than label columns: one was wrapped, and where is not known
        row += labels + lead + [joined_cell(criteria) if len(criteria) > 1 else criteria[0]]
        self.weights.append(weight)
        score = _figure(cells[k]) if k < len(cells) else None
        if score is not None:
            row.append(cells[k])
            self.scores.append(score)
            k += 1
            if (self.header.note and score < weight and k < len(cells) and _figure(cells[k]) is None
                    and not TOTAL_ROW_RE.match(squash(cells[k].clean)) and not _POINTS.search(cells[k].clean)):
                note = [cells[k]]
                k += 1
                while self.header.serial and k < len(cells) and _figure(cells[k]) is None \
                        and not TOTAL_ROW_RE.match(squash(cells[k].clean)):
                    note.append(cells[k])  # a wrapped note: the next row opens with its number
                    k += 1
                tail = _tail_before_total(cells, k)
                note += cells[k:tail]  # the last row's wrapped note: nothing but the 合计 row follows it
                k = tail
                row.append(joined_cell(note) if len(note) > 1 else note[0])
                self.noted = True
            else:
                self.noted = False
        else:
            self.noted = False
        self.rows.append(row)
        self.k = k
        return True

    def total(self) -> list[Cell] | None:
        """The 合计 row and its figures, when they agree with the items' weights and scores."""
        cells, k = self.cells, self.k
        if k >= len(cells) or not TOTAL_ROW_RE.match(squash(cells[k].clean)):
            return None
        figures: list[Decimal] = []
        j = k + 1
        while j < len(cells) and len(figures) < 2 and (value := _figure(cells[j])) is not None:
            figures.append(value)
            j += 1
        # the sums themselves are the validator's to check (a printed 合计 may disagree)
        if len(figures) != self.header.weight + bool(self.scores) or self.scores and len(self.scores) != len(self.rows):
            return None
        self.k = j
        return cells[k:j]


def sheet_rows(row: Row) -> list[Row] | None:
    """The rows of a one-line export holding a score sheet: what precedes its header re-rowed as
    before, the header, its items cut by the header's order, the 合计 row, then the rest; None
    when the line holds no score-sheet header or its items do not add up to its 合计 row."""
    # a sheet's first row is longer than an indicator row: its 评分标准 (the cut below checks it)
    cells = rejoin_late_header(_points_joined(_unjoined(row.cells)), within=_SHEET_ROW, figures=1)
    header = _header_at(cells)
    if header is None:
        return None
    cut = _Cut(cells, header)
    while cut.k < len(cells) and not TOTAL_ROW_RE.match(squash(cells[cut.k].clean)):
        if not cut.item():
            return None
    total = cut.total()
    blank = not cut.scores and cut.k == len(cells) and len(cut.rows) >= 3  # a template: no 合计 row
    if total is None and not blank or not cut.rows:
        return None
    out = restream(Row(cells[:header.start], row.grid_id, row.page)) if header.start else []
    # each row's cells numbered from its first, as a row that lost its empty cells prints them
    out += [Row([replace(c, col=k) for k, c in enumerate(cs)], row.grid_id, row.page)
            for cs in [cells[header.start:header.end], *cut.rows, total or []] if cs]
    if cut.k < len(cells):
        out += restream(Row(cells[cut.k:], row.grid_id, row.page))
    return out
