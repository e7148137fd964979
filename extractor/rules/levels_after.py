"""An indicator table whose merged 一级/二级 cells a Word/PDF text layer printed AFTER its rows.

Seen (Hubei-style self-evaluations): the rows print their simple cells (name, target, actual,
分值, 得分) and no level word; one line after them holds every merged cell at once, in an order
set by the cells' middles, not by the rows: ``二级指标 数量指标 年度 绩效 目标 (80 分) 产出指标
(60 分) 时效指标 效益指标 (40 分) 总分 质量指标``.  Position cannot place such words, so they are
placed only where the template makes it certain, and never by the block's order:

* 一级 groups by the points printed on the 一级 words: taken in the template's order (产出, 成本,
  效益, 满意度), the rows' 分值 must add up to each word's points exactly, one group after another;
  without points only where the block prints one 二级 word per row.
* 二级 words within a 一级 group (by their family: 数量/质量/时效/成本 under 产出 …) in the
  template's order: one word names every row of its group, as many words as rows one each.

The block leaves the rows; any level it cannot place stays empty, with ``LAYOUT_LEVELS_AFTER_ROWS``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from extractor.grid import Cell
from extractor.rules.cells import number_value, traced
from extractor.rules.levels_scores import groups_by_scores
from extractor.segment.types import Row
from extractor.values import parse_decimal, squash
from extractor.vocab import LEVEL1_OF_LEVEL2, LEVEL1_RE, LEVEL2_RE, TOTAL_ROW_RE
from schemas.common import Finding, Indicator, IndicatorGroup, Value

CONFIDENCE = 0.6
_POINTS = re.compile(r"\s*[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")
# words a block also prints: the header's own words and the lead column's (年度 / 绩效 / 目标)
_EXTRA = re.compile(r"^(一级指标|二级指标|三级指标|绩效指标|年度绩效指标|年度绩效目标|年度|绩效|目标|指标|总分|合计)+$")
# header words printed a character at a time (绩 效 指 标), joined back before the block is split
_HEADER_PHRASES = ("年度绩效目标", "年度绩效指标", "一级指标", "二级指标", "三级指标", "绩效指标")
_SPACED = re.compile("|".join(r"\s*".join(w) for w in _HEADER_PHRASES))
# the template's order of 一级 words (by their head) and of the 二级 words under each
_LEVEL1_ORDER = ("产出", "成本", "效益", "效果", "满意度")
_LEVEL2_ORDER = ("数量", "质量", "时效", "成本", "经济效益", "社会效益", "生态效益", "可持续", "服务对象", "满意度",
                 "经济成本", "社会成本", "生态环境成本")
_HEAD_OF = {"产出指标": "产出", "效益指标": "效益", "满意度指标": "满意度", "成本指标": "成本"}


@dataclass(slots=True)
class _Word:
    text: str
    points: Decimal | None
    row: Row
    cell: Cell


@dataclass(slots=True)
class LevelBlock:
    """The block's lines (row indexes) and its level words, each 一级 or 二级."""

    rows: list[int]
    late: int | None = None  # the line of figures the rows lost to the table's end (their 得分)
    level1: list[_Word] = field(default_factory=list)
    level2: list[_Word] = field(default_factory=list)


def _tokens(row: Row) -> list[tuple[str, Cell]]:
    """The row's words, a bracket split over words or cells (``(50`` ``分)``) glued back."""
    return _cell_tokens(row.cells)


def _cell_tokens(cells: list[Cell]) -> list[tuple[str, Cell]]:
    out: list[tuple[str, Cell]] = []
    open_at: int | None = None
    for cell in cells:
        for token in _SPACED.sub(lambda m: f" {squash(m.group(0))} ", cell.clean).split():
            if open_at is not None:
                out[open_at] = (out[open_at][0] + token, out[open_at][1])
            else:
                out.append((token, cell))
            last = out[-1][0]
            open_at = len(out) - 1 if last.rfind("(") > last.rfind(")") or last.rfind("（") > last.rfind("）") else None
    return out


def _words(row: Row, cells: list[Cell] | None = None) -> list[_Word]:
    """The row's words (of ``cells`` only, where given), each with the points printed after it
    (``产出指标 (60 分)``)."""
    out: list[_Word] = []
    for token, cell in _cell_tokens(row.cells if cells is None else cells):
        m = _POINTS.search(token)
        word = token[: m.start()] + token[m.end():] if m else token
        points = Decimal(m.group(1)) if m else None
        if not word and points is not None and out:
            out[-1].points = points  # the points of the word before
            continue
        out.append(_Word(word, points, row, cell))
    return out


def _kind(word: str) -> str | None:
    key = squash(word)
    l1, l2 = bool(LEVEL1_RE.fullmatch(key)), bool(LEVEL2_RE.fullmatch(key))
    return "both" if l1 and l2 else "l1" if l1 else "l2" if l2 else None


def _parent(word: str) -> str | None:
    key = squash(word)
    return next((p for pattern, p in LEVEL1_OF_LEVEL2 if pattern.match(key)), None)


def _is_level_cell(cell: Cell) -> bool:
    """A cell printing a whole level word (数量指标, 产出指标（50分）), not a wrapped name's 成本."""
    key = squash(_POINTS.sub("", cell.clean))
    return _kind(key) is not None and (key.endswith("指标") or key != squash(cell.clean))


def _figures(row: Row) -> bool:
    texts = row.nonblank
    return bool(texts) and all(parse_decimal(t) is not None for t in texts)


def _block_words(row: Row, cells: list[Cell] | None = None) -> list[tuple[_Word, str | None]] | None:
    """The row's words with their level kind when every word is a level or header word."""
    words = _words(row, cells)
    kinds = [_kind(w.text) for w in words]
    if not words or any(kd is None and not _EXTRA.match(squash(w.text)) for w, kd in zip(words, kinds, strict=True)):
        return None
    return list(zip(words, kinds, strict=True))


def find_level_block(rows: list[Row], first_body: int) -> LevelBlock | None:
    """The line (or lines) after an indicator table's rows that hold its level words, where no row
    prints one."""
    for k in range(first_body, len(rows)):
        row = rows[k]
        if row.is_paragraph:
            return None
        if not row.nonblank or TOTAL_ROW_RE.match(squash(row.nonblank[0])) and len(row.nonblank) <= 3:
            continue
        found = _block_words(row)
        if found is None:
            if any(_is_level_cell(c) for c in row.cells):
                return None  # the rows print their own level words
            continue
        end = k + 1
        while end < len(rows) and not rows[end].is_paragraph and (more := _block_words(rows[end])) is not None:
            found += more  # a block the text layer broke over lines
            end += 1
        if sum(kd is not None for _, kd in found) < 2 or k < first_body + 2 or _levels_below(rows, end):
            return None
        block = LevelBlock(list(range(k, end)))
        late = [j for j in (k - 1, end) if first_body < j < len(rows) and _figures(rows[j])
                and not TOTAL_ROW_RE.match(squash(rows[j].nonblank[0]))]
        block.late = late[0] if late else None
        _sort_words(block, found)
        return block
    return None


def block_of_cells(tokens: list[tuple[Row, Cell]]) -> LevelBlock | None:
    """The level block of a one-line stream: ``tokens``, the stream's cells after its rows, when
    every one prints a level or header word and two at least a level word."""
    if not tokens:
        return None
    found = _block_words(tokens[0][0], [c for _, c in tokens])
    if found is None or sum(kd is not None for _, kd in found) < 2:
        return None
    block = LevelBlock([])
    _sort_words(block, found)
    return block


def _sort_words(block: LevelBlock, found: list[tuple[_Word, str | None]]) -> None:
    """The block's words as 一级 or 二级 (满意度指标 is 一级 with points or with its own 二级 words)."""
    children = {_parent(w.text) for w, kd in found if kd == "l2"}
    for w, kd in found:
        if kd == "l1" or kd == "both" and (w.points is not None or squash(w.text) in children):
            block.level1.append(w)
        elif kd is not None:
            block.level2.append(w)


def _levels_below(rows: list[Row], start: int) -> bool:
    """Whether a row below the block, up to the table's total, prints a level word of its own."""
    for row in rows[start:]:
        if row.is_paragraph or row.nonblank and TOTAL_ROW_RE.match(squash(row.nonblank[0])):
            return False
        if any(_is_level_cell(c) for c in row.cells):
            return True
    return False


def without_block(rows: list[Row], block: LevelBlock) -> list[Row]:
    """The rows with the block line and its late figures emptied (kept in place so row indexes hold)."""
    out = list(rows)
    for k in [*block.rows, block.late]:
        if k is not None:
            out[k] = Row([replace(c, text="") for c in rows[k].cells], rows[k].grid_id, rows[k].page)
    return out


def place_late_figures(rows: list[Row], block: LevelBlock, indicators: list[Indicator], weighted: bool) -> None:
    """The figures printed after the rows are, in order, the 得分 of the rows that lack their last
    figure (one figure where the table has 分值 and 得分, none where it has 得分 only); placed only
    when the counts agree."""
    if block.late is None:
        return
    row = rows[block.late]
    cells = [c for c in row.cells if c.clean]
    if weighted:
        short = [i for i in indicators if (i.weight.value is None) != (i.score.value is None)]
    else:
        short = [i for i in indicators if i.score.value is None]
    if len(short) != len(cells):
        return
    for ind, cell in zip(short, cells, strict=True):
        if weighted and ind.weight.value is None:
            ind.weight = ind.score
        ind.score = number_value(row, cell, confidence=CONFIDENCE)


def _head(word: str) -> int | None:
    key = squash(word)
    return next((k for k, h in enumerate(_LEVEL1_ORDER) if key.startswith(h)), None)


def _l2_rank(word: str) -> int:
    key = squash(word)
    return next((k for k, h in enumerate(_LEVEL2_ORDER) if key.startswith(h)), len(_LEVEL2_ORDER))


def _groups_by_points(level1: list[_Word], indicators: list[Indicator]) -> list[list[int]] | None:
    """Row indexes of each 一级 word (template order) whose points the rows' 分值 add up to."""
    weights = [i.weight.value for i in indicators]
    if any(w is None or w <= 0 for w in weights) or any(w.points is None for w in level1):
        return None
    groups: list[list[int]] = []
    k = 0
    for word in level1:
        assert word.points is not None
        total, rows = Decimal(0), []
        while k < len(weights) and total < word.points:
            weight = weights[k]
            assert weight is not None
            total += weight
            rows.append(k)
            k += 1
        if total != word.points or not rows:
            return None
        groups.append(rows)
    return groups if k == len(indicators) else None


def place_levels(block: LevelBlock, indicators: list[Indicator]) -> tuple[list[IndicatorGroup], Finding]:
    """Fill the levels the block makes certain; the block's stated 一级 points become groups."""
    groups = [IndicatorGroup(level=1, name=squash(w.text),
                             stated_weight=traced(w.row, [w.cell], w.points, confidence=CONFIDENCE))
              for w in block.level1 if w.points is not None]
    for ind in indicators:  # the rows print no level word: what a row put there is no level
        _join_name(ind)
        ind.level1, ind.level2 = Value[str](), Value[str]()
    heads = [_head(w.text) for w in block.level1]
    families = {_family(w.text) for w in block.level2}
    placed = 0
    if indicators and block.level1 and None not in heads and len(set(heads)) == len(heads) \
            and families <= set(heads):
        level1 = [w for _, w in sorted(zip(heads, block.level1, strict=True), key=lambda p: p[0] or 0)]
        by_group = _groups_by_points(level1, indicators)
        unweighted = all(i.weight.value is None for i in indicators)  # no 分值 column: points group by scores
        # points that the 分值 do not add up to: no fallback
        if by_group is None and (unweighted or any(w.points is None for w in level1)):
            by_group = _groups_by_level2(level1, block.level2, len(indicators))
        if by_group is None and unweighted:
            by_group = groups_by_scores(level1, [_family_count(w, block.level2) for w in level1], indicators)
        for word, rows in zip(level1, by_group or [], strict=False):
            for k in rows:
                indicators[k].level1 = _value(word)
            placed += _place_level2([w for w in block.level2 if _family(w.text) == _head(word.text)],
                                    [indicators[k] for k in rows])
    return groups, _finding(placed, len(indicators), block)


def _join_name(ind: Indicator) -> None:
    """A name wrapped into pieces that the row read into its level columns, joined back where the
    target prints a figure: no piece before it can then be the target's, so every one is the name's."""
    lines = {(ref.grid_id, ref.row) for ref in ind.name.source}
    pieces = [v for v in (ind.level1, ind.level2) if v.value and _kind(v.value) is None and v.source
              and {(ref.grid_id, ref.row) for ref in v.source} <= lines]  # a piece carried down is another row's
    target = ind.target.value
    if not pieces or ind.name.value is None or target is None or not any(ch.isdigit() for ch in target.text):
        return
    parts = [*pieces, ind.name]
    ind.name = Value[str](value="".join(p.value or "" for p in parts), raw=" ".join(p.raw or "" for p in parts),
                          source=[ref for p in parts for ref in p.source],
                          confidence=min([CONFIDENCE, *[p.confidence for p in parts]]))


def _family_count(word: _Word, level2: list[_Word]) -> int:
    return sum(_family(w.text) == _head(word.text) for w in level2)


def _groups_by_level2(level1: list[_Word], level2: list[_Word], rows: int) -> list[list[int]] | None:
    """Row indexes of each 一级 word when the block prints one 二级 word per row (template order)."""
    if len(level2) != rows:
        return None
    groups: list[list[int]] = []
    k = 0
    for word in level1:
        n = sum(_family(w.text) == _head(word.text) for w in level2)
        groups.append(list(range(k, k + n)))
        k += n
    return groups if k == rows and all(groups) else None


def _family(word: str) -> int | None:
    parent = _parent(word)
    return _head(parent) if parent else None


def _place_level2(words: list[_Word], rows: list[Indicator]) -> int:
    """二级 words of one 一级 group placed when one names every row or they are one per row."""
    if not words:
        return 0
    words = sorted(words, key=lambda w: _l2_rank(w.text))
    if len(words) == 1:
        for ind in rows:
            ind.level2 = _value(words[0])
        return len(rows)
    if len(words) == len(rows) and len({_l2_rank(w.text) for w in words}) == len(words):
        for ind, word in zip(rows, words, strict=True):
            ind.level2 = _value(word)
        return len(rows)
    return 0


def _value(word: _Word) -> Value[str]:
    return traced(word.row, [word.cell], squash(word.text), confidence=CONFIDENCE)


def _finding(placed: int, rows: int, block: LevelBlock) -> Finding:
    words = block.level1 + block.level2
    return Finding(
        code="LAYOUT_LEVELS_AFTER_ROWS",
        severity="warning" if placed < rows else "info",
        message_zh=(f"一级/二级指标合并单元格打印在指标行之后，按模板顺序与分值确认了 {placed}/{rows} 行"
                    "的二级指标，其余留空"),
        message_en=(f"merged 一级/二级 cells were printed after the indicator rows; levels of {placed}/{rows} rows "
                    "placed by template order and points, the rest left empty"),
        cells=[w.cell.ref(w.row.grid_id or "text") for w in words],
        rule="indicators.levels_after_rows",
    )
