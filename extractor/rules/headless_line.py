"""A table's tail printed on one line: indicator rows with no header, run together.

A page's text layer copied from the end of a self-evaluation prints its last indicator rows, the
合计 row and the closing rows on one line: text cells glued to each other, a space only where a
figure meets its neighbour (``产出指标数量指标足额保障率=100% 20 调整次数≤8次 20 … 合计100 评价结论…``).
Ingest cuts the line at its spaces.  Here the pieces are re-rowed into indicator rows only where
the row is certain: its 一级/二级 words (ending in 指标) peeled off the front, the name up to an
operator, the operator-led target (and an actual glued after it in the same unit), then the bare
figures up to the next text.  A row whose target has no operator (name and target cannot be cut
apart) or whose pieces break that pattern is not printed, its level words carried to the next
row; a row whose figure count differs from the 合计 row's keeps its name and measures only.  The
rebuilt rows go to ``headless_header``, which names the columns as for any excerpt without a
header; nothing is read unless it names them with certainty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from extractor.grid import Cell
from extractor.rules.headless_cuts import (
    QUALITATIVE,
    doubled_tail,
    is_run,
    qualitative_at,
    target_actual,
    weight_score,
)
from extractor.rules.headless_indicators import headless_header
from extractor.rules.indicators import IndicatorHeader
from extractor.segment.types import Row
from extractor.vocab import TOTAL_ROW_RE
from extractor.vocab.figure_runs import by_completion, indicator_rule, split_run

_PREFIX = "绩效指标"  # a column above the 一级 words that some templates print (湖北, 衔接资金)
_PREFIX_YEAR = "年度"  # 重庆 prints that column as 年度绩效指标: its 年度 is no reason of the row before
_POINTS = r"(?:[（(]\d{1,3}(?:\.\d{1,2})?分[）)])?"  # the group's points stated after its word: 效益指标（30分）
_L1 = r"(?:产出|效益|效果|满意度|成本)指标"
_L2 = (r"(?:数量|质量|时效|成本|经济成本|社会成本|生态环境成本|经济效益|社会效益|生态效益|可持续影响|"
       r"服务对象满意度|满意度)指标")
_LEVEL1 = re.compile(_L1 + _POINTS)
_LEVEL2 = re.compile(_L2 + _POINTS)
_ANY_LEVEL = re.compile(rf"{_PREFIX}|{_L1}|{_L2}")
# rows only a self-evaluation closes with: printed after the total, they type a form without actuals
CLOSING_RE = re.compile(r"评价结论|存在问题|改进措施|自评结论")
_OPERATOR = re.compile(r"[≥≤=＝><＞＜≧≦═]")
_MEASURE = re.compile(r"(?P<op>[≥≤=＝><＞＜≧≦═]{1,2})(?P<num>\d+(?:\.\d+)?)(?P<unit>[^\d\s]{0,4})(?P<rest>.*)$")
_ACTUAL = re.compile(r"^(?P<num>\d+(?:\.\d+)?)(?P<unit>[^\d\s]{0,4})$")
_BARE = re.compile(r"^\d{1,3}(?:\.\d{1,2})?$")  # a weight or a score: no unit, no sign
# a score printed against the next row's first text or the row's reason (``15社会稳定程度…``)
_LEAD = re.compile(r"^\d{1,3}(?:\.\d{1,2})?(?=[^\d.%])")
_WEIGHT_THEN = re.compile(r"^\d{1,3}(?:\.\d{1,2})?(?=[≥≤=＝><＞＜≧≦═])")  # a weight, then an operator-led target
_NAME_WEIGHT = re.compile(r"(?<=[\u4e00-\u9fff）)])\d{1,3}(?:\.\d{1,2})?$")  # a 分值 glued after a name
_RUN_LEAD = re.compile(r"^\d[\d.]*\d(?=[^\d.%])")  # figures printed against each other, then text
_BEFORE_YEAR = re.compile(r"^\d{1,3}(?:\.\d{1,2})?(?=(?:19|20)\d{2}年)")  # a figure, then a title's year
_UNIT_THEN = re.compile(r"^(?P<unit>[^\d\s]{1,4}?)(?P<rest>\d.*)?$")  # a unit column's cell, its actual glued
_PAIR = re.compile(r"^(?P<t>\d+(?:\.\d+)?(?P<u>[^\d\s.]{1,4}))\d+(?:\.\d+)?(?P=u)(?:\d[\d.]*)?$")
# a target table's target glued to its weight where the unit ends the target (``100%5``)
_MEASURE_WEIGHT = re.compile(r"^(?P<t>\d+(?:\.\d+)?(?P<u>[^\d\s.]{1,4}))\d{1,3}(?:\.\d{1,2})?$")
# a unit column's cell printed alone (``≤90 % 5``); a longer word may be the next row's text
_UNIT_WORD = re.compile(r"^(?:%|‰|万元|元|人次|人|个|项|次|件|亩|处|公里|年|个月|天|户|座|所|家|名|台|套|元/人)$")
_ACTUAL_FIGURES = re.compile(r"^\d+(?:\.\d+)?(?P<unit>[^\d\s.]{1,4})\d[\d.]*$")
_DIGIT = re.compile(r"\d")
_NUMBERED = re.compile(r"^★?指标\d{1,2}[：:]")  # a numbered name (``指标1：…``)
_TRAILING = re.compile(r"(?<=[^\d.])\d[\d.]*$")  # figures glued after a qualitative actual
_OPERATORS = re.compile(r"^[≥≤=＝><＞＜≧≦═]{1,2}$")
_SLOT = re.compile(r"指标\d")
_PREFIX_PART = re.compile(r"^[绩效指]{1,3}$")  # a spaced 绩效指标 column's letters, ingest may join some
_FIXED = 7  # level1, level2, name, nature, target, unit, actual; then the figures, then the reason
_FUSED_TARGET = re.compile(r"^[≥≤=＝><＞＜≧≦═]{1,2}\d{3,}$")  # a unitless target with figures run on
# a deadline printed as a target (``7月前``, ``2022年12月底前``), at the end of its row's text
_DEADLINE = re.compile(r"(?:(?:19|20)\d{2}年)?\d{1,2}月(?:底|末|份|中旬|上旬|下旬)?(?:之前|以前|前)$")
_DEADLINE_DONE = re.compile(r"(?P<t>(?:(?:19|20)\d{2}年)?\d{1,2}月(?:底|末|份|中旬|上旬|下旬)?(?:之前|以前|前))"
                            r"(?P<a>(?:(?:19|20)\d{2}年)?\d{1,2}月(?:\d{1,2}日)?)$")
# a figure after a unit word, then Han text: a row's last figure glued to the next row's name
_WEIGHT_THEN_ROW = re.compile(r"(?<=[^\d\s.≥≤=＝><＞＜≧≦═])\d{1,3}(?:\.\d{1,2})?(?=[\u4e00-\u9fff])")
_SENTENCE = re.compile(r"[。，；！？,;]")
_MIN_ROWS = 2
_MIN_PRINTED = 3  # cells a table row prints (``headless_indicators._tabular``)
_MAX_TOTAL = 100


@dataclass
class _Piece:
    """A stretch of one ingested cell: its text and its offset in that cell."""

    cell: Cell
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.cell.text[self.start:self.end]

    def sub(self, start: int, end: int | None = None) -> _Piece:
        return _Piece(self.cell, self.start + start, self.end if end is None else self.start + end)


@dataclass
class _Line:
    """One indicator row being read; ``broken`` once its pieces leave the certain pattern."""

    level1: _Piece | None = None
    level2: _Piece | None = None
    name: _Piece | None = None
    nature: _Piece | None = None  # an operator or 定性 printed in a column of its own
    target: _Piece | None = None
    unit_cell: _Piece | None = None  # a unit printed in a column of its own
    actual: _Piece | None = None
    unit: str = ""
    figures: list[_Piece] = field(default_factory=list)
    reason: _Piece | None = None
    broken: bool = False
    pending: bool = False  # an operator (or a bare target) printed apart: its measure follows
    awaiting: bool = False  # a name printed alone: its weight and its measures may follow
    weight_first: bool = False  # the row prints its 分值 before its target
    glued: bool = False  # its 分值 printed against the name: a shorter 分值 must be ruled out by its 得分


def closes_evaluation(rows: list[Row]) -> bool:
    """Whether a self-evaluation's closing rows (评价结论, 存在问题 …) are printed among ``rows``."""
    return any(CLOSING_RE.search(t) for r in rows for t in r.nonblank)


def headless_line(rows: list[Row]) -> tuple[list[Row], IndicatorHeader, bool] | None:
    """The one-line tail among ``rows`` re-rowed and read by ``headless_header``; None unless a
    grid row holds one and its columns are certain."""
    for k, row in enumerate(rows):
        rebuilt = _rebuild(row)
        if rebuilt is not None:
            return headless_header([*rows[:k], *rebuilt])
    start = next((k for k, r in enumerate(rows) if not r.is_paragraph and r.grid_id is not None), None)
    if start is None:
        return None
    end = start
    while end < len(rows) and not rows[end].is_paragraph and rows[end].grid_id == rows[start].grid_id:
        end += 1
    if end - start < 2:
        return None
    # the segmenter re-rowed the line (a header's cut tail before it read as a stream's header): joined again
    cells = [c for r in rows[start:end] for c in r.cells if c.text]
    if any(c.char_start is None for c in cells):
        return None
    cells.sort(key=lambda c: c.char_start or 0)
    rebuilt = _rebuild(Row(cells, rows[start].grid_id, rows[start].page))
    return headless_header([*rows[:start], *rebuilt]) if rebuilt is not None else None


def _rebuild(row: Row) -> list[Row] | None:
    """The indicator rows and the total row a one-line tail prints; None when ``row`` is not one."""
    if row.is_paragraph or len(row.cells) < 4:
        return None
    if not all(c.ruby == 0 and c.text == c.clean and c.char_start is not None for c in row.cells if c.text):
        return None  # a span per piece needs the printed text itself
    if sum(len(_ANY_LEVEL.findall(c.text)) for c in row.cells) < 1:
        return None
    _, total = _read(row, evaluation=False)
    evaluation = total is not None and len(total) == 2  # 分值 and 得分: a self-evaluation's rows
    lines, total = _read(row, evaluation=evaluation) if evaluation else _read(row, evaluation=False)
    kept = [ln for ln in lines if not ln.broken and not ln.pending and not ln.awaiting]
    if len(kept) < _MIN_ROWS:
        return None
    if total is None:  # a target table prints no total: its rows' one figure is the weight
        for ln in kept:
            if not ln.figures and ln.actual is None and ln.target is not None and _FUSED_TARGET.match(ln.target.text):
                ln.target = None  # ``≥8810``: the weight printed against a unitless target, the cut not printed
        printed = any(TOTAL_ROW_RE.match(p.text) or CLOSING_RE.search(p.text) for p in _pieces(row))
        if printed or any(ln.actual is not None or len(ln.figures) != 1 and ln.target is not None
                          or ln.figures and not _BARE.match(ln.figures[0].text) for ln in kept):
            return None  # a total or an evaluation's rows printed and not read, or figures that may be fused
        return _rows(kept, [], row)
    return _rows(kept, total, row)


def _read(row: Row, *, evaluation: bool) -> tuple[list[_Line], list[_Piece] | None]:
    """The rows in print order and the total row's figures (None when none is printed whole).
    ``evaluation``: the total prints 分值 and 得分, so every row prints an actual."""
    lines: list[_Line] = []
    total: list[_Piece] | None = None
    for piece in _pieces(row):
        text = piece.text
        if total is not None:
            if _BARE.match(text):
                total.append(piece)
                continue
            if not total and (cut := _total_run(piece)) is not None:
                total += cut
                continue
            if (lead := _LEAD.match(text) or _BEFORE_YEAR.match(text)) is not None:
                # ``97.93评价结论…``, ``98.23项目支出绩效自评表…``, ``97.172023年度…``: the last figure, then
                # the closing rows or the next form's title
                total.append(piece.sub(0, lead.end()))
            break  # the closing rows (评价结论 …)
        current = lines[-1] if lines else None
        if (m := TOTAL_ROW_RE.match(text)) is not None:
            total = []
            if m.end() < len(text):
                rest = piece.sub(m.end())
                if _BARE.match(rest.text):
                    total.append(rest)
                elif (cut := _total_run(rest)) is not None:
                    total += cut
                else:
                    return lines, None
            continue
        if current is not None and current.pending and not current.broken:
            _after_operator(current, piece, evaluation=evaluation)
            continue
        if current is not None and current.awaiting and not current.broken and _ANY_LEVEL.search(text) is not None:
            current.broken = True  # level words: the next row opens; the text alone was no name (``得 分偏差…``)
        elif current is not None and current.awaiting and not current.broken:
            _weight_first(current, piece)
            continue
        if _BARE.match(text) or is_run(text):
            if current is not None:
                current.figures.append(piece)
            continue
        if current is not None and not current.broken and (
                (current.figures or current.actual is not None
                 or not evaluation and current.target is not None) and (lead := _LEAD.match(text))
                or current.target is not None and (lead := _scored_run(text, evaluation=evaluation, current=current))):
            after = text[lead.end():]
            if _ANY_LEVEL.match(after) or _starts_row(after) or _SENTENCE.search(after) or _PREFIX_PART.match(after):
                current.figures.append(piece.sub(0, lead.end()))  # a score printed against what follows
                piece = piece.sub(lead.end())
                text = piece.text
        if _PREFIX_PART.match(text):
            continue  # a spaced 绩效指标 column (``绩 效 指 标产出指标…``): its letters one by one
        fused_before = current is not None and not current.figures and current.target is not None \
            and _FUSED_TARGET.match(current.target.text) is not None and _ANY_LEVEL.match(text) is not None
        if current is not None and not current.broken and not fused_before and (
                not current.figures or current.weight_first and len(current.figures) == 1):
            if current.target is not None and current.actual is None and (a := _ACTUAL.match(text)) \
                    and a["unit"] == current.unit:
                current.actual = piece
            elif current.target is not None and current.actual is None and current.unit \
                    and (af := _ACTUAL_FIGURES.match(text)) is not None and af["unit"] == current.unit:
                _actual_then(current, piece)  # ``≧100% 100%50 50``: the actual, its unit ending it, the 分值 glued
            elif current.target is not None and current.actual is None and not current.unit \
                    and current.unit_cell is None and _OPERATOR.match(current.target.text) \
                    and (u := _UNIT_THEN.match(text)) is not None and (u["rest"] or _UNIT_WORD.match(text)):
                # ``≥29 万元29万元``: the unit column, the actual glued; ``≤90 % 5``: the unit column alone
                _after_operator(current, piece, evaluation=evaluation)
            else:
                current.broken = True  # text between a row's measures and its figures: not the pattern
            continue
        at = _ANY_LEVEL.search(text)
        if at is None and (current is None or _starts_row(text) or _next_name(current, text, evaluation=evaluation)):
            at_start = 0
        elif at is not None:
            at_start = at.start()
        else:
            if current is not None and not evaluation and not _SENTENCE.search(text):
                lines.append(_Line(broken=True))  # a target table's row not cut (``工程质量达到验收标准 25``)
            elif current is not None and current.reason is None:
                end = text.rfind("。") + 1
                if evaluation and 0 < end < len(text) and not _SENTENCE.search(text, end):
                    # a reason's sentence, then text that may be the next row's name (``…加快支付进度。节约运行
                    #成本``): the sentence is the reason, the rest a row not read
                    current.reason = piece.sub(0, end)
                    lines.append(_Line(broken=True, level1=current.level1, level2=current.level2))
                else:
                    current.reason = piece  # the text after a row's figures: its reason column
            continue
        if at_start > 0 and current is not None and not _PREFIX.endswith(text[:at_start]) \
                and not (text[:at_start] == _PREFIX_YEAR and text.startswith(_PREFIX, at_start)):
            current.reason = piece.sub(0, at_start)
        line = _start(piece.sub(at_start), current, evaluation=evaluation)
        if evaluation and line.target is not None and line.actual is None and line.nature is not None \
                and line.nature.text == QUALITATIVE:
            line.broken = True  # an evaluation's qualitative target and actual not told apart
        lines.append(line)
    return lines, total if total else None


def _pieces(row: Row) -> list[_Piece]:
    """The row's printed stretches, one per ingested cell, a reason's last sentence cut from
    the next row or the total glued after it (``…将改进工作方式。群众满意度≥89%…``, ``…实施。总分``),
    a score cut from the total label after it (``10总分``)."""
    out: list[_Piece] = []
    for cell in row.cells:
        if not cell.text:
            continue
        piece = _Piece(cell, 0, len(cell.text))
        end = cell.text.rfind("。") + 1
        after = cell.text[end:]
        lead = _LEAD.match(cell.text) or _RUN_LEAD.match(cell.text)
        level = _ANY_LEVEL.search(cell.text, 1)
        if level is not None and cell.text[level.start() - 1].isdigit() and not _PREFIX_PART.match(cell.text[0]):
            # a row's last figure glued to the next row's level words (``…348元/人5效益指标…``)
            out += [piece.sub(0, level.start()), piece.sub(level.start())]
            continue
        glued = _WEIGHT_THEN_ROW.search(cell.text)
        if 0 < end < len(cell.text) and (TOTAL_ROW_RE.match(after) or _ANY_LEVEL.match(after) or _starts_row(after)):
            out += [piece.sub(0, end), piece.sub(end)]
        elif glued is not None and _OPERATOR.search(cell.text, 0, glued.start()) \
                and _starts_row(cell.text[glued.end():]) and not _ANY_LEVEL.search(cell.text, glued.end()):
            # a measure's unit, a figure, then the next row's name and target (``=18处5养护道路里程>=342公里``)
            out += [piece.sub(0, glued.end()), piece.sub(glued.end())]
        elif lead is not None and TOTAL_ROW_RE.match(cell.text[lead.end():]):
            out += [piece.sub(0, lead.end()), piece.sub(lead.end())]  # a score, then the total (``10总分``)
        else:
            out.append(piece)
    return out


def _total_run(piece: _Piece) -> list[_Piece] | None:
    """The total row's 分值 and 得分 printed against each other, cut where only one cut obeys
    得分 ≤ 分值 ≤ 100 (``10096.21``); None otherwise."""
    if not is_run(piece.text) or (cut := weight_score(piece.text)) is None:
        return None
    return [piece.sub(0, len(cut[0])), piece.sub(len(cut[0]))]


def _starts_row(text: str) -> bool:
    """Whether a text after a row's figures opens the next row (no level word printed): a name
    and an operator-led target, or a qualitative row cut with certainty; a sentence is a reason."""
    if _SENTENCE.search(text):
        return False
    return bool(_OPERATOR.search(text)) or doubled_tail(text) is not None or qualitative_at(text) is not None


def _scored_run(text: str, *, evaluation: bool, current: _Line) -> re.Match[str] | None:
    """分值 and 得分 printed against each other and against the text after them (``2018.9受天气影响…``),
    when the row has printed neither and the run's cut is certain (``weight_score``)."""
    if not evaluation or current.figures or (run := _RUN_LEAD.match(text)) is None:
        return None
    return run if weight_score(run.group()) is not None else None


def _next_name(current: _Line, text: str, *, evaluation: bool) -> bool:
    """Whether a text printed after a weight-first row's figures is the next row's name alone
    (``项目成本控制 5≦130万元130万元 5 人均补助标准 5≦…``): the row is whole and scored full marks
    (no deviation to explain, so no reason column's text), the text a plain name."""
    if not evaluation or not current.weight_first or current.broken or current.actual is None \
            or len(current.figures) != 2 or current.figures[0].text != current.figures[1].text:
        return False
    return _plain_name(text) and not _SENTENCE.search(text) and not _DIGIT.search(_NUMBERED.sub("", text))


def _start(piece: _Piece, before: _Line | None, *, evaluation: bool) -> _Line:
    """A row from its first text: level words, the name, the operator-led target (and actual).
    A broken row before it hands on the level words it printed.  ``evaluation``: every row
    prints an actual, so a qualitative one may be cut before its target printed twice."""
    line = _Line()
    if before is not None and (before.broken or before.pending or before.awaiting):
        line.level1, line.level2 = before.level1, before.level2
    pos, text = 0, piece.text
    if text.startswith(_PREFIX):
        pos = len(_PREFIX)
    if (m := _LEVEL1.match(text, pos)) is not None and (not m.group().startswith("成本")
                                                       or _LEVEL2.match(text, m.end()) is not None):
        # 成本指标 is a 一级 word only above 经济成本指标 …; alone it is 二级 under 产出指标
        line.level1, line.level2, pos = piece.sub(m.start(), m.end()), None, m.end()
    if (m := _LEVEL2.match(text, pos)) is not None:
        line.level2, pos = piece.sub(m.start(), m.end()), m.end()
    op = _OPERATOR.search(text, pos)
    if op is None or _ANY_LEVEL.search(text, pos) or _SENTENCE.search(text, pos, op.start()):
        _qualitative(line, piece, pos, evaluation=evaluation)
        return line
    if op.start() == pos:
        line.broken = True
        return line
    line.name = piece.sub(pos, op.start())
    if not _plain_name(line.name.text):
        line.broken = True
        return line
    if before is not None and before.weight_first and (w := _NAME_WEIGHT.search(line.name.text)) is not None:
        # a weight-first table (衔接资金): the figures before the operator are the 分值 (``带动农户增收5>=212万元``)
        line.figures.append(line.name.sub(w.start()))
        line.name, line.weight_first, line.glued = line.name.sub(0, w.start()), True, True
    if _OPERATORS.match(text[op.start():]):  # the operator in a column of its own: its measure follows
        line.nature, line.pending = piece.sub(op.start()), True
        return line
    _measure(line, piece, op.start(), evaluation=evaluation)
    return line


def _measure(line: _Line, piece: _Piece, at: int, *, evaluation: bool = True) -> None:
    """The operator-led target from ``at`` on, and the actual glued after it in its unit; in a
    target table (no 分值 and 得分 total: no actuals), a bare figure glued after the target's unit
    is its weight (``=18处5``)."""
    m = _MEASURE.match(piece.text, at)
    if m is None:
        line.broken = True
        return
    line.unit = m["unit"]
    line.target = piece.sub(at, m.start("rest"))
    if m["rest"] and not evaluation and m["unit"] and _BARE.match(m["rest"]):
        line.figures.append(piece.sub(m.start("rest")))
    elif m["rest"]:
        _actual_then(line, piece.sub(m.start("rest")))


def _weight_first(line: _Line, piece: _Piece) -> None:
    """A row printing its 分值 between its name and its target (衔接资金 forms: ``建设面积 10
    ≧2810亩3011亩 10``): the weight, then the operator-led target or a qualitative target and
    actual printed alike; anything else breaks the row."""
    text = piece.text
    if not line.figures:
        if _BARE.match(text):
            line.figures.append(piece)
        elif (glued := _WEIGHT_THEN.match(text)) is not None:  # ``5<=142万元142万元``: the weight, the target
            line.figures.append(piece.sub(0, glued.end()))
            line.awaiting = False
            _measure(line, piece, glued.end())
        else:
            line.broken = True
        return
    line.awaiting = False
    if _OPERATOR.match(text):
        _measure(line, piece, 0)
        return
    if (done := _DEADLINE_DONE.fullmatch(text)) is not None:  # ``2020年9月底前6月``: the deadline, the date met
        line.target, line.actual = piece.sub(0, done.end("t")), piece.sub(done.start("a"))
        return
    half = len(text) // 2
    if len(text) % 2 or not text or text[:half] != text[half:] or _SENTENCE.search(text) or _DIGIT.search(text):
        line.broken = True
        return
    line.target, line.actual = piece.sub(0, half), piece.sub(half)


def _qualitative(line: _Line, piece: _Piece, pos: int, *, evaluation: bool) -> None:
    """A row with no operator: the name cut from a qualitative target at a printed ``定性`` or,
    in an evaluation, before a stretch printed twice (target and actual alike); else broken."""
    text = piece.text[pos:]
    if not text or _ANY_LEVEL.search(text) or _SENTENCE.search(text):
        line.broken = True
        return
    if (tail := _TRAILING.search(text)) is not None and tail.start() > 0 \
            and (evaluation or qualitative_at(text[:tail.start()]) is not None and _BARE.match(tail.group())):
        # the weight glued after the actual (``明显提升明显提升5``), or after a target table's 定性 target
        # (``社会稳定程度定性良好5``)
        text = text[:tail.start()]
        line.figures.append(piece.sub(pos + tail.start(), pos + tail.end()))
        line.glued = True
        piece = piece.sub(0, pos + tail.start())
    if (q := qualitative_at(text)) is not None and _plain_name(text[:q]) and not text[-1].isdigit():
        line.name = piece.sub(pos, pos + q)
        line.nature = piece.sub(pos + q, pos + q + len(QUALITATIVE))
        start = pos + q + len(QUALITATIVE)
        after = piece.text[start:]
        half = len(after) // 2
        if len(after) % 2 == 0 and after[:half] == after[half:] and not any(ch.isdigit() for ch in after):
            line.target, line.actual = piece.sub(start, start + half), piece.sub(start + half)
        else:
            line.target = piece.sub(start)  # a target table's target (an evaluation's is broken)
        return
    if evaluation and (done := _DEADLINE_DONE.search(text)) is not None and done.start() > 0 \
            and _plain_name(text[:done.start()]) and not text[done.start() - 1].isdigit():
        # a deadline and the date it was met (``项目完成时间2019年11月底前9月28日``): 前 ends the target
        line.name = piece.sub(pos, pos + done.start())
        line.target = piece.sub(pos + done.start("t"), pos + done.end("t"))
        line.actual = piece.sub(pos + done.start("a"), pos + done.end("a"))
        return
    if (dl := _DEADLINE.search(text)) is not None and dl.start() > 0 and _plain_name(text[:dl.start()]) \
            and not text[dl.start() - 1].isdigit() and not evaluation:
        # a deadline target (``项目完成时间7月前``): the name ends where its figures begin
        line.name = piece.sub(pos, pos + dl.start())
        line.target = piece.sub(pos + dl.start(), pos + len(text))
        return
    if not evaluation or (d := doubled_tail(text)) is None:
        if evaluation and _plain_name(text) and not _DIGIT.search(_NUMBERED.sub("", text)):
            line.name, line.awaiting = piece.sub(pos), True  # a name alone: its weight may come first
            line.weight_first = True
            return
        line.broken = True  # the name and a qualitative target cannot be cut apart
        return
    half = (len(text) - d) // 2
    if not _plain_name(text[:d]):
        line.broken = True
        return
    line.name = piece.sub(pos, pos + d)
    line.target, line.actual = piece.sub(pos + d, pos + d + half), piece.sub(pos + d + half)


def _plain_name(name: str) -> bool:
    """Whether ``name`` reads as one indicator's name: not opening on a figure (a cell before it
    run on), no slot label (``指标1``) after its start (a slot column printed before it)."""
    return bool(name) and not name[0].isdigit() and _SLOT.search(name, 1) is None


def _after_operator(line: _Line, piece: _Piece, *, evaluation: bool = True) -> None:
    """The measure after an operator printed apart: the target (``96%``, or a bare ``1151`` whose
    unit column follows, the actual glued to it: ``人次1001人次``).  In a target table a bare
    figure glued after the unit is the weight (``≤ 100%5``, ``≥ 87 %10``)."""
    text = piece.text
    if line.target is None and not evaluation and (w := _MEASURE_WEIGHT.match(text)) is not None:
        line.target, line.unit, line.pending = piece.sub(0, w.end("t")), w["u"], False
        line.figures.append(piece.sub(w.end("t")))
        return
    if line.target is None:
        if (pair := _PAIR.match(text)) is not None:  # ``6104人6662人`` (and a figure glued: ``14万元14万元5``)
            line.target, line.unit, line.pending = piece.sub(0, pair.end("t")), pair["u"], False
            _actual_then(line, piece.sub(pair.end("t")))
            return
        if (a := _ACTUAL.match(text)) is None:
            line.broken = True
            return
        line.target, line.unit = piece, a["unit"]
        line.pending = not a["unit"]  # a bare figure: its unit column follows
        return
    line.pending = False
    if _BARE.match(text) and not line.unit:
        # a bare target (its unit in the name: ``年限（年）>= 11 12 10 10``), then its figures: which is the
        # actual or the weight is left to the figure count (``_figures``)
        line.figures.append(piece)
        return
    m = _UNIT_THEN.match(text)
    if m is None or _OPERATOR.search(m["unit"]):
        line.broken = True
        return
    line.unit_cell, line.unit = piece.sub(0, m.end("unit")), m["unit"]
    if m["rest"] and not evaluation and _BARE.match(m["rest"]):
        line.figures.append(piece.sub(m.start("rest")))
    elif m["rest"]:
        _actual_then(line, piece.sub(m.start("rest")))


def _actual_then(line: _Line, piece: _Piece) -> None:
    """The row's actual in its unit, and the figures glued after it where the unit ends it
    (``81.2%5``, ``5800人1515``); else the row is broken."""
    if (a := _ACTUAL.match(piece.text)) is not None and a["unit"] == line.unit:
        line.actual = piece
        return
    m = _ACTUAL_FIGURES.match(piece.text)
    if m is None or not line.unit or m["unit"] != line.unit:
        line.broken = True  # a target glued to something other than an actual in its unit
        return
    line.actual = piece.sub(0, m.end("unit"))
    line.figures.append(piece.sub(m.end("unit")))


def _figures(ln: _Line, n: int) -> list[_Piece] | None:
    """The row's ``n`` figures (分值, and 得分 for an evaluation), a run of two cut where certain; a
    unitless target's first figure may be its actual (``≥96 80.5 10 8.39``), or the target its actual
    printed against it (``≥9393 10 9``) unless the last figure may be 分值 and 得分 fused (``≥95 95 55``:
    the actual may be the first figure); None when not certain."""
    figs = list(ln.figures)
    if ln.target is not None and ln.actual is None and not ln.unit and n == 2:
        if len(figs) == n + 1 and all(_BARE.match(p.text) for p in figs):
            at = 1 if ln.weight_first else 0  # 分值, 指标值, 实际值, 得分 or 指标值, 实际值, 分值, 得分
            ln.actual, figs = figs[at], [f for k, f in enumerate(figs) if k != at]
        elif len(figs) == n and _BARE.match(figs[1].text) and not _weight_then_score(figs[0].text, figs[1].text) \
                and (cut := _actual_weight(ln.target.text, figs[0].text, figs[1].text)) is not None:
            # ``≥95 9510 10``: the actual printed against the 分值, cut where only one cut keeps 得分 ≤ 分值 ≤ 100
            # and the actual within ten times the target
            ln.actual, figs = figs[0].sub(0, len(cut[0])), [figs[0].sub(len(cut[0])), figs[1]]
        elif len(figs) == n and _BARE.match(figs[0].text) and not _BARE.match(figs[1].text) \
                and (run := weight_score(figs[1].text)) is not None:
            # ``>=82 98 1010``: the actual, then 分值 and 得分 printed against each other (the run cannot be
            # cut in three, its first figure is no actual)
            ln.actual, figs = figs[0], [figs[1].sub(0, len(run[0])), figs[1].sub(len(run[0]))]
        elif (len(figs) < n and not (len(figs) == 1 and not _BARE.match(figs[0].text)
                                     and weight_score(figs[0].text) is None)  # ``<=2216 220855``: the actual in the run
              or len(figs) == n and all(_BARE.match(p.text) for p in figs) and weight_score(figs[-1].text) is None) \
                and (m := _MEASURE.match(ln.target.text)) is not None and m["num"] and not m["rest"] \
                and (cut := target_actual(m["num"])) is not None:
            at = m.start("num") + len(cut[0])
            ln.target, ln.actual = ln.target.sub(0, at), ln.target.sub(at)
        else:
            return None  # the actual may be among the figures
    if n == 2 and len(figs) == 1 and (cut := weight_score(figs[0].text)) is not None:
        figs = [figs[0].sub(0, len(cut[0])), figs[0].sub(len(cut[0]))]
    if len(figs) != n or not all(_BARE.match(p.text) for p in figs):
        return None
    if n == 2 and not _weight_then_score(figs[0].text, figs[1].text):
        return None  # ``955 5``: no 分值 over 100
    if ln.glued and n == 2 and not _glued_weight_certain(figs[0].text, figs[1].text):
        return None
    return figs


def _weight_then_score(weight: str, score: str) -> bool:
    """Whether two printed figures can be a row's 分值 and 得分: no 分值 over 100 (a 得分 over its
    分值 is read as printed, for the validator to flag)."""
    return bool(_BARE.match(weight) and _BARE.match(score)) and Decimal(weight) <= _MAX_TOTAL


def _actual_weight(target: str, run: str, score: str) -> list[str] | None:
    """A unitless actual and the 分值 printed against each other, cut where one cut keeps 0 < 得分 ≤
    分值 ≤ 100 and the actual within ten times the target; None otherwise."""
    m = _MEASURE.match(target)
    if m is None or not m["num"] or m["unit"] or m["rest"] or not is_run(run):
        return None
    allowed = indicator_rule()
    values = {"target": Decimal(m["num"]), "score": Decimal(score)}

    def rule(v: dict[str, Decimal]) -> bool:
        w = {**values, **v}
        return allowed(w) and w.get("weight", Decimal(1)) > 0 and by_completion(
            {"target": w["target"], **({"actual": w["actual"]} if "actual" in w else {})})
    return split_run(run, [("actual", "measure"), ("weight", "num")], rule)


def _glued_weight_certain(weight: str, score: str) -> bool:
    """Whether a 分值 printed against the text before it is certain: no shorter tail of its
    digits is a 分值 its 得分 allows (``15`` with 得分 15: not 5; ``25`` with 得分 3: 5 is possible)."""
    for k in range(1, len(weight)):
        tail = weight[k:]
        if tail[0] in "0." or not _BARE.match(tail):
            continue
        if Decimal(score) <= Decimal(tail):
            return False
    return True


def _copy(ln: _Line) -> _Line:
    """``ln`` with its own figure list (``_figures`` may move a figure to the actual)."""
    return replace(ln, figures=list(ln.figures))


def _rows(lines: list[_Line], total: list[_Piece], row: Row) -> list[Row] | None:
    """The rows as a table: 一级, 二级, name, nature, target, unit, actual, the figures, reason
    (columns nothing prints left out), then the total row with its figures under the rows'
    figure columns (none for a target table's rows, ``total`` empty: one figure each)."""
    if total and Decimal(total[0].text) > _MAX_TOTAL:
        return None  # a weight total fused with the next figure
    n = len(total) or 1
    if total and not any(_figures(_copy(ln), n) is not None for ln in lines):
        return None  # no row prints the total's figures: the total was not read whole
    grid: list[list[_Piece | None]] = []
    natured = any(ln.nature is not None for ln in lines)
    for ln in lines:
        if natured and ln.nature is None and ln.target is not None \
                and (op := re.match(r"[≥≤=＝><＞＜≧≦═]{1,2}", ln.target.text)) is not None:
            # the table prints its operators in a column of their own: one glued to its target is that column's
            ln.nature, ln.target = ln.target.sub(0, op.end()), ln.target.sub(op.end())
        figs = _figures(ln, n)
        figures: list[_Piece | None] = list(figs) if figs is not None else [None] * n
        if figs is None and ln.level1 is None and ln.level2 is None \
                and sum(p is not None for p in (ln.name, ln.nature, ln.target, ln.unit_cell, ln.actual)) < _MIN_PRINTED:
            continue  # a name and a target alone would read as the line above the table (``headless_header``)
        grid.append([ln.level1, ln.level2, ln.name, ln.nature, ln.target, ln.unit_cell, ln.actual,
                     *figures, ln.reason])
    width = _FIXED + n + 1
    keep = [j for j in range(width) if any(g[j] is not None for g in grid) or _FIXED <= j < _FIXED + n]
    out: list[Row] = []
    for r, g in enumerate(grid):
        out.append(Row([_cell(g[j], r, c) for c, j in enumerate(keep)], row.grid_id, row.page))
    label = next((p for p in _pieces(row) if TOTAL_ROW_RE.match(p.text)), None)
    if label is None:
        return out
    figures_at = {j: total[j - _FIXED] for j in range(_FIXED, _FIXED + n)}
    total_cells = [_cell(label.sub(0, TOTAL_ROW_RE.match(label.text).end()), len(grid), 0)]  # type: ignore[union-attr]
    total_cells += [_cell(figures_at.get(j), len(grid), c) for c, j in enumerate(keep) if c > 0]
    out.append(Row(total_cells, row.grid_id, row.page))
    return out


def _cell(piece: _Piece | None, r: int, c: int) -> Cell:
    if piece is None:
        return Cell("", r, c)
    src = piece.cell
    assert src.char_start is not None
    return Cell(piece.text, src.row, src.col, char_start=src.char_start + piece.start,
                char_end=src.char_start + piece.end, page=src.page)
