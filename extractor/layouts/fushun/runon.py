"""Read a Fushun 部门整体支出绩效自评表 whose table text ran together (no cell or row breaks).

The sections keep their own labels in order (收支情况, 年度主要任务, 年度绩效目标, 分解目标评价,
总评价得分), so the text is cut at them.  In the 分解目标评价 table each row carries its 三级 slot
label ``指标N`` followed by the content, the target, the actual, 完成程度 and the 分值/得分 figures;
a row opens with what the previous row's figures leave before the next slot label: its 扣分
reason (a sentence), then its 一级 word (the template's) and its 二级 name.  Only what is certain
is read: a qualitative row's target is read where target and actual are the same words printed
twice, figures fused together only where exactly one cut keeps 得分 ≤ 分值 ≤ 100, and no figure
touching a cut page marker.  What was left is one ``LAYOUT_FUSHUN_RUN_ON`` finding's count.
"""

from __future__ import annotations

import re
from decimal import Decimal

from extractor.layouts.fushun.runfunds import read_funds
from extractor.layouts.fushun.runtext import RunText, run_text
from extractor.segment.types import FormChunk
from extractor.values import parse_measure
from extractor.vocab.columns import LEVEL1_WORDS
from extractor.vocab.figure_runs import indicator_rule, split_run
from extractor.vocab.key import simplified
from schemas.common import Finding, Goals, Indicator, Totals, Value
from schemas.dept_self_eval import AnnualTask, DeptSelfEval, GoalPair

_SECTIONS = re.compile(r"收支情况|年度主要任务|年度绩效目标|分解目标评价|总评价得分")
_TITLE = re.compile(r"^.{2,60}?自评表")
_YEAR = re.compile(r"(20\d{2})年")
_UNIT = re.compile(r"部门[(（]单位[)）]名称(.{2,40}?)财政供养人员(?:数量)?(\d+)?")
_MONEY = re.compile(r"收支情况[(（](万元|元)[)）]")
_SLOT = re.compile(r"指标\d+(?![:：\d])")  # the 三级 column's pre-printed slot label
_INDICATOR_HEADER_END = re.compile(r"原因说明|未完成原因|偏差原因")
_ROW_END = re.compile(r"(部分完成|未完成|完成)(\d[\d.]*)")
_OPERATOR = r"(?:>=|<=|[≥≤=＝><≧≦═])"
_QUANT = re.compile(rf"^(.+?)({_OPERATOR}\d+(?:\.\d+)?([^\d.]+))(\d+(?:\.\d+)?([^\d.]+))$")
_FIGURE = re.compile(r"(?:0|[1-9]\d*)(?:\.\d{1,2})?")
_GOAL = re.compile(r"目标\d+[:：]")
_TASK_NAME = re.compile(r"(.{2,12}?[一二三四五六七八九十]+)(?=[^一二三四五六七八九十])")
_TASK_FIGURES = re.compile(r"[—\-\d]")
_HUNDRED = Decimal(100)


def is_run_on_fushun(chunk: FormChunk) -> bool:
    """One row of run-together cells holding the template's own sections (主要任务, 分解目标评价)."""
    if len(chunk.rows) != 1:
        return False
    text = "".join(cell.text for cell in chunk.rows[0].cells)
    text = simplified(text)  # a mirror's print in traditional characters
    return "年度主要任务" in text and "分解目标评价" in text


def read_run_on(chunk: FormChunk, form: DeptSelfEval) -> list[Finding]:
    """Fill ``form`` from the run text; returns the layout findings."""
    rt = run_text(chunk)
    left = [0]
    _read_header(rt, form, left)
    marks = {m.group(0): m.start() for m in reversed(list(_SECTIONS.finditer(rt.text)))}
    funds_at = marks.get("收支情况")
    task_at, goal_at, ind_at = marks.get("年度主要任务"), marks.get("年度绩效目标"), marks.get("分解目标评价")
    end = marks.get("总评价得分", len(rt.text))
    if funds_at is not None and task_at is not None:
        form.funds, unread = read_funds(rt, funds_at, task_at)
        left[0] += unread
    if task_at is not None and goal_at is not None:
        form.tasks = _read_tasks(rt, task_at, goal_at, left)
    if goal_at is not None and ind_at is not None:
        form.goal_list = _read_goals(rt, goal_at, ind_at, left)
    form.goals = Goals()
    form.groups = []
    if ind_at is not None:
        form.indicators = _read_indicators(rt, ind_at, end, left)
    form.totals = read_total(rt, end)
    findings = [Finding(code="LAYOUT_FUSHUN_RUN_ON", severity="info" if not left[0] else "warning",
                        message_zh=f"抚顺版式整体自评表文字连排，按栏目词语切分；{left[0]} 处无法确定的值未读取",
                        message_en=f"the Fushun form's text ran together; it was cut at its section and column "
                                   f"words, and {left[0]} values that could not be cut with certainty were left unread",
                        rule="layouts.fushun.runon")]
    return findings


def _read_header(rt: RunText, form: DeptSelfEval, left: list[int]) -> None:
    text = rt.text
    title = _TITLE.match(text)
    if title is not None and form.header.title.value is None:
        form.header.title = rt.value(0, title.end(), title.group(0))
    if title is not None and form.header.year.value is None:
        year = _YEAR.search(title.group(0))
        if year is not None:
            form.header.year = rt.value(year.start(1), year.end(1), int(year.group(1)))
    unit = _UNIT.search(text)
    if unit is not None:
        if form.header.unit_name.value is None:
            form.header.unit_name = rt.value(unit.start(1), unit.end(1), unit.group(1))
        staff = unit.group(2)
        form_year = form.header.year.value
        if staff and (rt.touches_cut(unit.start(2), unit.end(2)) or form_year is not None and len(staff) > 4
                      and staff.endswith(str(form_year))):
            left[0] += 1  # a page marker, or the next label's year (2019年度部门…) run into the count
        elif staff:
            form.staff_count = rt.value(unit.start(2), unit.end(2), int(staff))
    money = _MONEY.search(text)
    if money is not None and form.header.money_unit.value is None:
        form.header.money_unit = rt.value(money.start(1), money.end(1), money.group(1), as_printed=False)


def _read_tasks(rt: RunText, start: int, end: int, left: list[int]) -> list[AnnualTask]:
    """年度主要任务 rows: name (up to its ordinal), project (up to its figures); the fused money
    figures are not read."""
    text = rt.text
    head = re.compile(r"执行率\(B/A\)|执行率").search(text, start, end)
    if head is None:
        return []
    tasks: list[AnnualTask] = []
    k = head.end()
    while k < end:
        m = _TASK_NAME.match(text, k, end)
        fig = _TASK_FIGURES.search(text, k, end)
        if m is None or fig is None or text.startswith(("合计", "小计", "总计"), k):
            break
        name_end = m.end()
        if fig.start() <= name_end:
            break
        tail = re.compile(r"[—\-\d.%]+").match(text, fig.start(), end)
        assert tail is not None
        tasks.append(AnnualTask(name=rt.value(k, name_end, text[k:name_end]),
                                project=rt.value(name_end, fig.start(), text[name_end:fig.start()])))
        left[0] += 1  # the row's money figures ran together
        k = tail.end()
    return tasks


def _read_goals(rt: RunText, start: int, end: int, left: list[int]) -> list[GoalPair]:
    """年度绩效目标: each 目标N opens a target sentence; the next sentence is its outcome."""
    text = rt.text
    anchors = [m.start() for m in _GOAL.finditer(text, start, end)]
    pairs: list[GoalPair] = []
    for a, b in zip(anchors, [*anchors[1:], end], strict=True):
        sentences = [m.span() for m in re.finditer(r"[^。]+。", text[a:b])]
        if len(sentences) != 2 or sentences[1][1] != b - a:
            left[0] += 1
            continue
        (s0, e0), (s1, e1) = sentences
        pairs.append(GoalPair(target=rt.value(a + s0, a + e0, text[a + s0:a + e0]),
                              outcome=rt.value(a + s1, a + e1, text[a + s1:a + e1])))
    return pairs


def _read_indicators(rt: RunText, start: int, end: int, left: list[int]) -> list[Indicator]:
    head = _INDICATOR_HEADER_END.search(rt.text, start, end)
    if head is None:
        return []
    return read_indicator_rows(rt, head.end(), end, left)


def read_indicator_rows(rt: RunText, start: int, end: int, left: list[int]) -> list[Indicator]:
    """The 分解目标评价 rows printed from ``start`` (after the header, or where an excerpt's first
    row begins) up to ``end``; each row's level words are what stands before its slot label."""
    text = rt.text
    slots = [m for m in _SLOT.finditer(text, start, end)]
    rows: list[Indicator] = []
    level1: Value[str] = Value[str]()
    level2: Value[str] = Value[str]()
    prefix_start = start
    for i, slot in enumerate(slots):
        row_end = slots[i + 1].start() if i + 1 < len(slots) else end
        level1, level2 = _levels(rt, prefix_start, slot.start(), level1, level2, rows, left)
        ind = Indicator(level1=level1, level2=level2)
        closing = [m for m in _ROW_END.finditer(text, slot.end(), row_end)]
        if not closing:
            left[0] += 1
            rows.append(ind)
            prefix_start = row_end
            continue
        close = closing[-1]
        ind.completion = rt.value(close.start(1), close.end(1), close.group(1), as_printed=False)
        _read_figures(rt, close.start(2), close.end(2), ind, left)
        _read_content(rt, slot.end(), close.start(), ind, left)
        rows.append(ind)
        prefix_start = close.end()
    stop = text.rfind("。", prefix_start, end)
    if rows and stop >= 0:  # the last row's reason runs up to 总评价得分
        rows[-1].deviation_reason = rt.value(prefix_start, stop + 1, text[prefix_start:stop + 1])
    return rows


def _levels(rt: RunText, start: int, end: int, level1: Value[str], level2: Value[str],
            rows: list[Indicator], left: list[int]) -> tuple[Value[str], Value[str]]:
    """The previous row's reason (up to its last full stop), then this row's 一级 word and 二级
    name; a level not printed is the merged cell above."""
    text = rt.text
    stop = text.rfind("。", start, end)
    if stop >= 0 and rows:
        rows[-1].deviation_reason = rt.value(start, stop + 1, text[start:stop + 1])
        start = stop + 1
    rest = text[start:end]
    if not rest:
        return level1, level2
    word = next((w for w in LEVEL1_WORDS if rest.startswith(w)), None)
    if word is not None:
        level1 = rt.value(start, start + len(word), word)
        start += len(word)
    elif len(rest) > 10:
        left[0] += 2  # a reason with no full stop may run into the names
        return Value[str](), Value[str]()
    if start < end:
        level2 = rt.value(start, end, text[start:end])
    return level1, level2


def _read_content(rt: RunText, start: int, end: int, ind: Indicator, left: list[int]) -> None:
    """Name, target and actual: a quantitative row's operator opens its target, whose unit ends
    it; a qualitative row's target and actual are the same words twice."""
    text = rt.text[start:end]
    quant = _QUANT.match(text)
    if quant is not None:
        name_end = start + quant.end(1)
        ind.name = rt.value(start, name_end, quant.group(1))
        t0, t1 = start + quant.start(2), start + quant.end(2)
        a0, a1 = start + quant.start(4), start + quant.end(4)
        if rt.touches_cut(t0, a1) or quant.group(3) != quant.group(5):
            left[0] += 2
            return
        ind.target = rt.value(t0, t1, parse_measure(rt.printed[t0:t1]))
        ind.actual = rt.value(a0, a1, parse_measure(rt.printed[a0:a1]))
        return
    if re.search(_OPERATOR + r"\d", text):
        if not _read_fused_measures(rt, start, end, ind):
            left[0] += 3  # an operator with fused figures: target and actual cannot be told apart
        return
    doubled = [n for n in range(1, len(text) // 2) if text.endswith(text[-n:] * 2) and len(text) - 2 * n >= 2]
    if len(doubled) != 1:
        left[0] += 3
        return
    n = doubled[0]
    name_end = end - 2 * n
    ind.name = rt.value(start, name_end, rt.text[start:name_end])
    ind.target = rt.value(name_end, name_end + n, parse_measure(rt.printed[name_end:name_end + n]))
    ind.actual = rt.value(end - n, end, parse_measure(rt.printed[end - n:end]))


_FUSED_MEASURES = re.compile(rf"({_OPERATOR})\d[\d.]*$")
_AT_MOST = ("≤", "<=", "<", "≦")


def _read_fused_measures(rt: RunText, start: int, end: int, ind: Indicator) -> bool:
    """Target and actual printed against each other (``≥8697``), cut where the row's 分值 and 得分
    (read first) leave one cut scoring by completion (``vocab.figure_runs``); False when none."""
    text = rt.text[start:end]
    m = _FUSED_MEASURES.search(text)
    if m is not None and m.start() > 0 and not rt.touches_cut(start + m.start(), end):
        # a space printed between target and actual (``＝0 0``) is their one cut
        apart = [k for k in rt.spaces if start + m.end(1) < k < end]
        if len(apart) == 1:
            t0, a0 = start + m.start(), apart[0]
            ind.name = rt.value(start, t0, text[:m.start()])
            ind.target = rt.value(t0, a0, parse_measure(rt.printed[t0:a0]))
            ind.actual = rt.value(a0, end, parse_measure(rt.printed[a0:end]))
            return True
    weight, score = ind.weight.value, ind.score.value
    if m is None or m.start() == 0 or weight is None or score is None or rt.touches_cut(start + m.start(), end):
        return False
    rule = indicator_rule(_HUNDRED, scored=True, reverse=m.group(1) in _AT_MOST)
    pieces = split_run(text[m.start():], [("target", "measure"), ("actual", "measure")],
                       lambda v: rule({"weight": weight, "score": score, **v}))
    if pieces is None:
        return False
    t0, a0 = start + m.start(), start + m.start() + len(pieces[0])
    ind.name = rt.value(start, t0, text[:m.start()])
    ind.target = rt.value(t0, a0, parse_measure(rt.printed[t0:a0]))
    ind.actual = rt.value(a0, end, parse_measure(rt.printed[a0:end]))
    return True


def _read_figures(rt: RunText, start: int, end: int, ind: Indicator, left: list[int]) -> None:
    """分值 then 得分 run together: read only where exactly one cut keeps 得分 ≤ 分值 ≤ 100."""
    if rt.touches_cut(start, end):
        left[0] += 2
        return
    text = rt.text[start:end]
    apart = [k - start for k in rt.spaces if start < k < end]
    if len(apart) == 1 and _FIGURE.fullmatch(text[:apart[0]]) and _FIGURE.fullmatch(text[apart[0]:]) \
            and Decimal(text[apart[0]:]) <= Decimal(text[:apart[0]]) <= _HUNDRED:
        ind.weight = rt.value(start, start + apart[0], Decimal(text[:apart[0]]))  # printed apart: 分值 | 得分
        ind.score = rt.value(start + apart[0], end, Decimal(text[apart[0]:]))
        return
    cuts = []
    for k in range(1, len(text)):
        w, s = text[:k], text[k:]
        if _FIGURE.fullmatch(w) and _FIGURE.fullmatch(s) and Decimal(s) <= Decimal(w) <= _HUNDRED:
            cuts.append(k)
    if len(cuts) != 1:
        left[0] += 2
        return
    k = cuts[0]
    ind.weight = rt.value(start, start + k, Decimal(text[:k]))
    ind.score = rt.value(start + k, end, Decimal(text[k:]))


def read_total(rt: RunText, at: int) -> Totals:
    m = re.compile(r"总评价得分(\d+(?:\.\d+)?)").match(rt.text, at)
    if m is None or rt.touches_cut(m.start(1), m.end(1)):
        return Totals()
    return Totals(score=rt.value(m.start(1), m.end(1), Decimal(m.group(1))))
