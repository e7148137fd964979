"""Find the sections of run-together forms: title, labels, funds, goals, indicator table, totals.

The text is read once, front to back, in the order the templates print their sections; at each
step only the words that may come next are looked for, so a word inside a value (``得分`` in a
name) is not taken for a header unless the form is at that point.  Spans index the matching text
(``CleanText.text``); values are split later by ``numbers`` and ``rows``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import extractor.layouts.fused.lexicon as lx
from extractor.layouts.fused.decl_funds import CELL as FUNDS_CELL
from extractor.layouts.fused.decl_funds import read_cell
from extractor.layouts.fused.header_rows import name_row_end, two_row_header
from extractor.layouts.fused.review import HEADER as REVIEW_HEADER
from extractor.layouts.fused.review import review_start
from extractor.layouts.fused.stock import stock_before_title
from extractor.vocab.forms import TITLE_RE

Span = tuple[int, int]

_TITLE_PREFIX = re.compile(
    r"(?:部门\(单位\)|项目支出|部门整体|单位整体|整体支出|部门预算|部门|单位|整体|支出|项目|财政|专项资金|县级)$"
)
# an indicator header opens at its 一级 word; where that cell was OCR'd out of order (sample 20) at its
# scrambled characters or, garbled beyond that, at 二级指标三级指标
_IND_START = re.compile(r"一级指标|指标类型|评价指标(?=评价内容|二级指标|三级指标|指标名称)|指标名称|"
                        + lx.LEVEL1_HEADER_SCRAMBLED + r"|二级指标(?=三级指标)")
# a transfer payment page's title wrapped before its year (``某某补助资金绩效目标自评`` / ``(2021年度)``):
# no form word ends it, the bracketed year on the next line does, and the title is both lines
_CUT_TITLE = re.compile(r"绩效目标自评(?=\(20\d{2}年度?\))")
_TITLE = re.compile(f"{TITLE_RE.pattern}|{_CUT_TITLE.pattern}")  # what ends a form's rows
_NAME_LABEL = re.compile(r"(?:转移支付\(项目\)|项目)名称")
_LEAD_MAX = 40
_BARE_YEAR = re.compile(r"20\d{2}年度?[\u4e00-\u9fff]{0,10}$")
# 绩效标准, 当年预期实现值; 级标类型: a 一级指标 / 指标类型 heading OCR'd out of order (标指级一)
_HEADER_INITIALS = frozenset("一二三指计度调年全实完得分权是偏未执预绩当级标类型")


@dataclass(slots=True)
class FundLine:
    role_label: Span | None  # None: a value row printed without its label
    values: Span


@dataclass(slots=True)
class Piece:
    """A stretch of the indicator region: a 一级/二级 word, an empty template slot or row text."""

    kind: str  # "level1" | "level2" | "slot" | "body"
    span: Span


@dataclass(slots=True)
class FusedForm:
    start: int
    end: int = 0
    title: Span | None = None
    year: Span | None = None
    labels: list[tuple[str, Span]] = field(default_factory=list)  # (Header field, value span)
    money_unit: Span | None = None
    funds_columns: list[str] = field(default_factory=list)
    fund_lines: list[FundLine] = field(default_factory=list)
    goal_columns: list[str] = field(default_factory=list)
    goal_text: Span | None = None
    ind_columns: list[str] = field(default_factory=list)
    pieces: list[Piece] = field(default_factory=list)
    totals: Span | None = None
    totals_label: Span | None = None
    cost: Span | None = None  # a target form's cost composition (``fused.cost`` reads it)
    funds_cell: int | None = None  # a declaration's labelled funds cell starts here (``decl_funds``)


def find_titles(t: str) -> list[Span]:
    """Titles that open a form: a title word followed by its (year) line and a header label."""
    out: list[Span] = []
    for m in _TITLE.finditer(t):
        end = m.end()
        y = lx.YEAR.match(t, end)
        nxt = y.end() if y else end
        cut = _CUT_TITLE.match(t, m.start()) is not None
        if cut:
            end = nxt  # the year is the title's second line
        if not any(p.match(t, nxt) for p, _ in lx.LABELS) and not lx.FUNDS_SECTION.match(t, nxt) \
                and not _opens_indicators(t, nxt):
            continue
        start = m.start()
        if cut and (named := _named_lead(t, start, nxt)):
            out.append((start - named, end))
            continue
        while True:
            pm = _TITLE_PREFIX.search(t[max(0, start - 6):start])
            if not pm:
                break
            start -= len(pm.group(0))
        reach = max(0, start - lx.TITLE_LEAD_REACH)
        lead = (lx.TITLE_LEAD.search(t, reach, start) or lx.TITLE_AFTER_YEAR.search(t, reach, start)
                or lx.TITLE_LEAD_AFTER_FIGURE.search(t, reach, start))
        if lead is None and (year := _BARE_YEAR.search(t, max(0, start - 16), start)) is not None:
            start = year.start()  # ``总分10097.172023年度项目…``: the year at least is the title's
        if lead is not None and lead.re.groups >= 2 and lead.group(2):
            out.append((stock_before_title(t, lead.start(1), lead.start(2)), end))  # the last row's stock text
            continue
        out.append((lead.start(1) if lead else start, end))
    return [s for k, s in enumerate(out) if not _before_own_title(t, s, out[k + 1:])]


def _named_lead(t: str, start: int, after: int) -> int:
    """How many characters before a wrapped transfer title (``…≧9155某某经费绩效目标自评(2020年度)``)
    are its project's name: the longest stretch that the 名称 label right after the title repeats
    (``转移支付(项目)名称某某经费``); 0 where none does."""
    label = _NAME_LABEL.match(t, after)
    if label is None:
        return 0
    value = label.end()
    for size in range(min(_LEAD_MAX, start, len(t) - value), 1, -1):
        if t[start - size:start] == t[value:value + size]:
            return size
    return 0


def _before_own_title(t: str, title: Span, later: list[Span]) -> bool:
    """``title`` is followed by a sign-off line and the form's own title follows within reach: it
    is the file's name a download site repeats above the form, not a title."""
    end = title[1]
    y = lx.YEAR.match(t, end)
    at = y.end() if y else end
    return bool(lx.SIGN_OFF.match(t, at)) and any(s[0] - at <= lx.SIGN_OFF_REACH for s in later)


_STUBS = ("年度", "实际", "全年", "年初")  # a column heading's first line when it wraps (年度 / 指标值)
_TAILS = ("指标值", "完成值", "目标值", "实际值", "执行数", "预算数")


def _two_line_header(t: str, pos: int, words: list[tuple[re.Pattern[str], str]], seen: list[str]
                     ) -> tuple[list[str], int] | None:
    """A header printed over two lines, run together: the first line's cells with the wrapped
    headings' first halves (``年度实际分值得分偏差原因…``), then the second halves in the same order
    (``指标值完成值``).  Each half joined to its tail must be a whole header word; the columns are
    the first line's order."""
    stubs: list[str] = []
    p = pos
    while len(stubs) < 3 and (stub := next((s for s in _STUBS if t.startswith(s, p)), None)) is not None:
        stubs.append(stub)
        p += len(stub)
    if not stubs:
        return None
    rest: list[str] = []
    while _completion(t, p, stubs[0], words) is None and (hit := lx.match_at(words, t, p, [*seen, *rest])):
        rest.append(hit[1])
        p = hit[0]
    p = _repeated_words(t, p, words, [*seen, *rest], stubs[0])
    fields: list[str] = []
    for stub in stubs:
        done = _completion(t, p, stub, words)
        if done is None:
            return None
        fields.append(done[0])
        p = done[1]
    return [*fields, *rest], _repeated_words(t, p, words, [*seen, *rest])


def _repeated_words(t: str, p: int, words: list[tuple[re.Pattern[str], str]], known: list[str],
                    stub: str | None = None) -> int:
    """Past the second header line's copies of merged headings (``绩效指标指标类型二级指标…``, a
    table whose merged cells repeat on every line): words already read, up to ``stub``'s tail."""
    while p < len(t) and (stub is None or _completion(t, p, stub, words) is None):
        section = lx.INDICATOR_SECTION.match(t, p)
        if section is not None and section.end() > p and not lx.LEVEL1.match(t, section.end()):
            p = section.end()
            continue
        hit = lx.match_at(words, t, p, known)
        if hit is None or hit[1] not in known:
            break
        p = hit[0]
    return p


def _completion(t: str, p: int, stub: str, words: list[tuple[re.Pattern[str], str]]) -> tuple[str, int] | None:
    """The column a wrapped heading's second half at ``p`` completes ``stub`` into, and its end."""
    for tail in _TAILS:
        if t.startswith(tail, p) and (whole := lx.match_at(words, stub + tail, 0)) is not None \
                and whole[0] == len(stub) + len(tail):
            return whole[1], p + len(tail)
    return None


def _opens_indicators(t: str, pos: int) -> bool:
    """An indicator header straight after a title (a 绩效评价指标表 that prints no header labels,
    sample 15): three column words or more in a row, a name and a target or actual column among
    them (a score sheet's 一级指标 | 二级指标 | 三级指标 | 分值 | 评分标准 has neither)."""
    section = lx.INDICATOR_SECTION.match(t, pos)
    cols, _ = header_run(t, section.end() if section else pos, lx.INDICATOR_HEADER, False)
    return len(cols) >= 3 and "name" in cols and ("target" in cols or "actual" in cols)


def _next(t: str, pos: int, end: int, kinds: dict[str, re.Pattern[str]]) -> tuple[str, int, int] | None:
    for p in range(pos, end):
        for kind, pattern in kinds.items():
            m = pattern.match(t, p)
            if m and m.end() > p:
                return kind, p, m.end()
    return None


def _label_pattern() -> re.Pattern[str]:
    return re.compile("|".join(p.pattern for p, _ in lx.LABELS))


_ANY_LABEL = _label_pattern()


def _label_field(t: str, start: int) -> tuple[str | None, int]:
    for pattern, name in lx.LABELS:
        m = pattern.match(t, start)
        if m:
            return name, m.end()
    return None, start


def header_run(t: str, pos: int, words: list[tuple[re.Pattern[str], str]], scramble: bool) -> tuple[list[str], int]:
    """Consecutive column headers from ``pos``; a scrambled cell between two headers is one column
    when its characters are those of a known header."""
    cols: list[str] = []
    while pos < len(t):
        hit = lx.match_at(words, t, pos, cols)
        if hit is not None:
            cols.append(hit[1])
            pos = hit[0]
            continue
        if not scramble or not cols:
            break
        wrapped = _two_line_header(t, pos, words, cols)
        if wrapped is not None:
            cols.extend(wrapped[0])
            pos = wrapped[1]
            continue
        for k in range(3, 9):
            name = lx.scrambled(t[pos:pos + k], lx.SCRAMBLE_WORDS)
            if name and lx.match_at(words, t, pos + k) is not None:
                cols.append(name)
                pos += k
                break
        else:
            break
    return cols, pos


def scan(t: str) -> list[FusedForm]:
    """Every form of a run-together text, in order."""
    titles = find_titles(t)
    if not titles:
        return []
    forms: list[FusedForm] = []
    pos = titles[0][0]
    title: Span | None = titles[0]
    while pos < len(t):
        form = FusedForm(start=above_title(t, pos)[0] if title is not None else pos, title=title)
        pos = _read_form_or_review(t, pos, form, titles)
        form.end = pos
        forms.append(form)
        nxt = _next_form_start(t, pos, titles)
        if nxt is None:
            break
        start = above_title(t, nxt[0])[0] if nxt[1] is not None else nxt[0]
        if start < pos:
            _clip(form, start)
        pos, title = nxt
    if forms:
        forms[-1].end = len(t)
    return forms


def above_title(t: str, start: int) -> tuple[int, Span | None, Span | None]:
    """Where a form whose title starts at ``start`` begins: before the year in brackets or the unit
    line printed just above its title; with that year's and unit's spans."""
    m = lx.TITLE_ABOVE.search(t, max(0, start - lx.TITLE_ABOVE_REACH), start)
    if m is None or m.end() != start or m.start() == start:
        return start, None, None
    year = m.span("year") if m.group("year") else None
    unit = m.span("unit") if m.group("unit") else None
    return m.start(), year, unit


def _clip(form: FusedForm, end: int) -> None:
    """End ``form`` at ``end``: the next title's lead (``单位:万元2023年特定目标类``) was read as
    the tail of its last row before the form word showed the title."""
    form.end = end
    form.pieces = [Piece(p.kind, (p.span[0], min(p.span[1], end))) for p in form.pieces if p.span[0] < end]
    if form.totals is not None and form.totals[1] > end:
        form.totals = (form.totals[0], max(form.totals[0], end))


def _read_form_or_review(t: str, pos: int, form: FusedForm, titles: list[Span]) -> int:
    """``_read_form``, except that a rubric with a review column (``review``: no indicator section
    this scan knows) ends the form's other parts and runs to the next form."""
    head = REVIEW_HEADER.search(t, pos)
    after = form.title[1] if form.title is not None else pos
    if head is None or any(after <= s[0] < head.start() for s in titles):
        return _read_form(t, pos, form)  # no review table, or another form's
    nxt = _next_form_start(t, head.end(), titles)
    _read_form(t[:review_start(t, head)], pos, form)
    return nxt[0] if nxt is not None else len(t)


def _next_form_start(t: str, pos: int, titles: list[Span]) -> tuple[int, Span | None] | None:
    """The next title (its lead may start before ``pos``, where the last form's reading stopped at
    the form word) or, for an untitled form, the next 项目名称."""
    m = re.compile(r"项目名称").search(t, pos)
    title = next((s for s in titles if s[1] > pos), None)
    if title is not None and (m is None or title[0] <= m.start()):
        return title[0], title
    return (m.start(), None) if m else None


def _read_form(t: str, pos: int, form: FusedForm) -> int:
    if form.title is not None:
        pos = form.title[1]
        y = lx.YEAR.match(t, pos)
        if y:
            form.year = y.span(1)
            pos = y.end()
        elif (inner := lx.TITLE_YEAR.search(t, form.title[0], form.title[1])) is not None:
            form.year = inner.span(1)
    pos = _read_header(t, pos, form)
    pos = _read_funds(t, pos, form)
    pos = _skip_cost_block(t, pos, form)
    pos = _read_goals(t, pos, form)
    return _read_indicators(t, pos, form)


def _stops() -> dict[str, re.Pattern[str]]:
    return {
        "funds": lx.FUNDS_SECTION, "goals": lx.GOALS_SECTION, "goal_col": lx.GOAL_EXPECTED,
        "ind": lx.INDICATOR_SECTION, "ind_head": _IND_START, "total": lx.TOTAL_LABEL, "label": _ANY_LABEL,
        "cost": lx.COST_BLOCK,
    }


def _read_header(t: str, pos: int, form: FusedForm) -> int:
    """Label → value pairs until the funds, goals or indicator section opens."""
    kinds = {**_stops(), "cell": FUNDS_CELL}
    current: tuple[str | None, int] | None = None  # (field, value start)
    while pos < len(t):
        hit = _next(t, pos, len(t), kinds)
        run_at = _first_funds_run(t, pos, hit[1] if hit else len(t))
        if run_at is not None and (hit is None or run_at <= hit[1]):
            _close_label(form, current, run_at)
            return run_at
        if hit is None:
            return len(t)
        kind, start, end = hit
        if kind == "label" and current is not None and current[0] == "project_name":
            start = _name_keeps_xiangmu(t, start)
        _close_label(form, current, start)
        current = None
        if kind == "label":
            name, end = _label_field(t, start)
            current = (name, end)
        elif kind == "total":
            form.totals_label = (start, end)
            stop = _next(t, end, len(t), kinds)
            until = stop[1] if stop else len(t)
            run = _first_funds_run(t, end, until)  # 自评总分(分)97.93年初预算数…: Chongqing department forms
            form.totals = (end, until if run is None else run)
            end = form.totals[1]
        elif kind == "cell":  # a declaration's funds in one labelled cell: past its amounts
            form.funds_cell = end
            cell = read_cell(t, end)
            end = cell.end if cell is not None else end
        elif kind == "funds":
            unit = lx.MONEY_UNIT.search(t, start, end)
            if unit:
                form.money_unit = unit.span(1)
            if lx.FUND_ROW.match(t, end):
                return _read_fund_labels(t, end, form)
        else:
            return start
        pos = end
    return pos


def _name_keeps_xiangmu(t: str, start: int) -> int:
    """Where the label after a project name starts.  ``…项目主管部门`` reads two ways (a name
    ending in 项目 before 主管部门, or a name before 项目主管部门), so the name keeps 项目 as it did
    before 项目主管部门 was a label; only ``…项目项目主管部门`` gives the label its 项目 for sure."""
    if (start >= 2 and t.startswith("项目", start) and not t.startswith("项目", start - 2)
            and _ANY_LABEL.match(t, start + 2)):
        return start + 2
    return start


def _first_funds_run(t: str, pos: int, end: int) -> int | None:
    """Where two funds column headers follow each other (the funds header row), before ``end``."""
    for p in range(pos, end):
        cols, _ = header_run(t, p, lx.FUNDS_HEADER, False)
        if len(cols) >= 2:
            return p
    return None


def _close_label(form: FusedForm, current: tuple[str | None, int] | None, end: int) -> None:
    if current is not None and current[0] is not None and end > current[1]:
        form.labels.append((current[0], (current[1], end)))


def _read_funds(t: str, pos: int, form: FusedForm) -> int:
    cols, after = header_run(t, pos, lx.FUNDS_HEADER, False)
    if len(cols) < 2:
        return pos
    form.funds_columns = cols
    kinds = {"row": lx.FUND_ROW, "goals": lx.GOALS_SECTION, "goal_col": lx.GOAL_EXPECTED,
             "ind": lx.INDICATOR_SECTION, "ind_head": _IND_START, "cost": lx.COST_BLOCK}
    pos = after
    label: Span | None = None
    while pos <= len(t):
        hit = _next(t, pos, len(t), kinds)
        stop = hit[1] if hit else len(t)
        values = _without_section(t, pos, stop)
        if label is not None or values[1] > values[0]:
            form.fund_lines.append(FundLine(label, values))
        if hit is None or hit[0] != "row":
            return stop
        label = (hit[1], hit[2])
        pos = hit[2]
    return pos


def _without_section(t: str, start: int, end: int) -> Span:
    """A funds row's values without the section caption a merged cell repeats on every row
    (``资金情况(万元)`` before each label, so also after the previous row's figures)."""
    head = lx.FUNDS_SECTION.match(t, start)
    if head is not None and head.end() <= end:
        start = head.end()
    for m in lx.FUNDS_SECTION.finditer(t, start, end):
        if m.end() == end:
            return start, m.start()
    return start, end


def _read_fund_labels(t: str, pos: int, form: FusedForm) -> int:
    """A target form's funds: ``年度资金总额:34.66其中:财政拨款34.66其他资金`` — each row's label
    followed by its one amount (the budget), up to the goals or the indicator table."""
    form.funds_columns = ["budget"]
    kinds = {"row": lx.FUND_ROW, "section": lx.FUNDS_SECTION, "goals": lx.GOALS_SECTION,
             "ind": lx.INDICATOR_SECTION, "ind_head": _IND_START, "cost": lx.COST_BLOCK}
    while pos < len(t):
        label = lx.FUND_ROW.match(t, pos)
        if label is None:
            return pos
        hit = _next(t, label.end(), len(t), kinds)
        stop = hit[1] if hit else len(t)
        form.fund_lines.append(FundLine(label.span(), (label.end(), stop)))
        pos = stop
        section = lx.FUNDS_SECTION.match(t, pos)  # 资金情况(万元) repeated before each row
        if section:
            pos = section.end()
    return pos


def _skip_cost_block(t: str, pos: int, form: FusedForm) -> int:
    """Past a target form's cost composition (``项目预算成本构成成本构成金额测算(公式)依据…合计…``),
    noted on ``form`` for ``fused.cost``: its amounts, items and 合计 are no goal or indicator; it
    ends where the goal or the indicator table opens."""
    if lx.COST_BLOCK.match(t, pos) is None:
        return pos
    stop = _next(t, pos + 1, len(t), {"goals": lx.GOALS_SECTION, "goal_col": lx.GOAL_EXPECTED,
                                       "ind": lx.INDICATOR_SECTION, "ind_head": _IND_START})
    if stop is None:
        return pos
    form.cost = (pos, stop[1])
    return stop[1]


def _read_goals(t: str, pos: int, form: FusedForm) -> int:
    m = lx.GOALS_SECTION.match(t, pos)
    if m and not lx.GOAL_ACTUAL.match(t, pos):
        pos = m.end()
    words = [(lx.GOAL_EXPECTED, "expected"), (lx.GOAL_ACTUAL, "actual"), (lx.GOAL_OTHER, "other")]
    while True:
        hit = lx.match_at(words, t, pos)
        if hit is None:
            break
        form.goal_columns.append(hit[1])
        pos = hit[0]
    if not form.goal_columns and m is not None and m.group(0) in lx.TARGET_GOAL_WORDS:
        form.goal_columns = ["overall"]  # one goal text: a target form's 总体目标 / 整体绩效目标
    two_terms = form.goal_columns == ["overall"] and lx.TWO_TERM_GOALS.match(t, pos) is not None
    if not form.goal_columns:
        return pos
    stop = _next(t, pos, len(t), {"ind": lx.INDICATOR_SECTION, "ind_head": _IND_START})
    end = stop[1] if stop else len(t)
    if two_terms:  # 长期目标 | 年度目标 run together: where the long-term text ends is not printed
        form.goal_columns = []
        return end
    again = lx.GOALS_SECTION.match(t, pos, end)  # the merged caption printed again on the texts' row
    form.goal_text = (again.end() if again and m and again.group(0) == m.group(0) else pos, end)
    return end


def _read_indicators(t: str, pos: int, form: FusedForm) -> int:
    long_term = lx.LONG_TERM_TABLE.match(t, max(0, pos - 2)) or lx.LONG_TERM_TABLE.match(t, pos)
    if long_term and (year := lx.YEAR_TABLE.search(t, long_term.end())) is not None:
        pos = year.start()
    m = lx.INDICATOR_SECTION.match(t, pos)
    if m:
        pos = m.end()
    cols, after = header_run(t, pos, lx.INDICATOR_HEADER, True)
    if "name" not in cols:
        return pos
    if (two := two_row_header(t, after, cols)) is not None:
        cols, after = two
    after = name_row_end(t, after)
    form.ind_columns = cols
    kinds: dict[str, re.Pattern[str]] = {"total": lx.TOTAL_LABEL, "note": lx.NOTE, "next": re.compile(r"项目名称"),
                                         "title": _TITLE, "slot": lx.EMPTY_SLOT, "sep": lx.INDICATOR_SECTION}
    if "level1" in cols:
        kinds["level1"] = lx.LEVEL1
    if "level2" in cols:
        kinds["level2"] = lx.LEVEL2
    pos = after
    while pos < len(t):
        hit = _next(t, pos, len(t), kinds)
        stop = hit[1] if hit else len(t)
        garbled = _garbled_rubric_level(t, pos, stop) if "level1" in cols else None
        if garbled is not None:
            hit, stop = ("garbled1", *garbled), garbled[0]
        if stop > pos:
            form.pieces.append(Piece("body", (pos, stop)))
        if hit is None:
            return len(t)
        kind, start, end = hit
        if kind == "level1" and _reads_as_level2(t, start, end, kinds):
            kind = "level2"
        if kind in ("level1", "garbled1") and "level2" in cols:
            _rubric_group(kinds, kind == "garbled1" or bool(lx.RUBRIC_LEVEL1.fullmatch(t, start, end)))
        if kind in ("level1", "level2", "slot", "rubric2", "garbled1"):
            word_end = end
            note = lx.LEVEL_NOTE.search(t, start, end) or lx.LEVEL_NOTE.match(t, end)
            if kind in ("level1", "level2") and note is not None:
                word_end, end = min(note.start(), end), max(note.end(), end)  # the note is not read
            form.pieces.append(Piece("level2" if kind == "rubric2" else kind, (start, word_end)))
        elif kind == "total":
            form.totals_label = (start, end)
            nxt = _next(t, end, len(t), {"note": lx.NOTE, "next": re.compile(r"项目名称"), "title": _TITLE})
            form.totals = (end, nxt[1] if nxt else len(t))
            return form.totals[1]
        elif kind != "sep":
            return start
        pos = end
    return pos


_RUBRIC_WORDS = tuple(Counter(f"{w}()分") for w in ("项目决策", "项目管理", "项目过程", "项目产出", "项目效益"))


def _garbled_rubric_level(t: str, pos: int, stop: int) -> Span | None:
    """A rubric's 一级 cell with its points OCR'd column by column (``(项)决策分目20`` for
    项目决策(20分)): exactly that cell's characters, one to three digits among them, in another
    order.  Its level cannot be read, but it ends the row before it and opens a rubric group."""
    for p in range(pos, stop):
        if t[p] not in "项目决策管理过程产出效益()分0123456789" or (size := _scrambled_size(t, p)) is None:
            continue
        if t[p].isdigit() and (later := _scrambled_size(t, p + 1)) is not None:
            return p + 1, p + 1 + later  # the digit before is the last row's 得分 more likely than the cell's
        return p, p + size
    return None


def _scrambled_size(t: str, p: int) -> int | None:
    """The longest window at ``p`` holding a rubric 一级 cell's characters out of order."""
    for size in (10, 9, 8):
        window = t[p:p + size]
        have = Counter(ch for ch in window if not ch.isdigit())
        digits = len(window) - sum(have.values())
        if len(window) == size and 1 <= digits <= 3 and have in _RUBRIC_WORDS and lx.LEVEL1.search(window) is None:
            return size
    return None


def _rubric_group(kinds: dict[str, re.Pattern[str]], rubric: bool) -> None:
    """Inside a rubric's 项目决策 / 项目管理 group its framework 二级 words (项目目标, 财务管理) are
    level words too; elsewhere they are a name's words."""
    if rubric:
        kinds["rubric2"] = lx.RUBRIC_LEVEL2
    else:
        kinds.pop("rubric2", None)


def _reads_as_level2(t: str, start: int, end: int, kinds: dict[str, re.Pattern[str]]) -> bool:
    """成本指标 is 一级 in newer templates (followed by 经济成本指标 …) and 二级 under 产出 in older ones."""
    word = t[start:end]
    return "level2" in kinds and bool(lx.LEVEL2.fullmatch(word)) and not lx.LEVEL2.match(t, end)


def read_one(t: str) -> FusedForm:
    """The single form of ``t`` (one chunk's text: from its title, or its first label, onwards)."""
    titles = [s for s in find_titles(t) if s[0] == 0 or above_title(t, s[0])[0] == 0]
    form = FusedForm(start=0, title=titles[0] if titles else None)
    _read_form(t, 0, form)
    if form.title is not None and form.title[0] > 0:
        _, year, unit = above_title(t, form.title[0])
        if form.year is None and year is not None:
            form.year = year
        if unit is not None:
            form.labels.append(("unit_name", unit))  # after the table's own labels: those come first
    form.end = len(t)
    return form


def looks_fused(text: str) -> bool:
    """Column headers printed against each other (``一级指标二级指标三级指标``): the table lost its
    cell separators.  Tables with separators never print two header words back to back."""
    touching = 0
    words = [*lx.INDICATOR_HEADER, *lx.FUNDS_HEADER]
    pos = 0
    while pos < len(text):
        if text[pos] not in _HEADER_INITIALS:  # cheap pre-check: long documents are mostly prose
            pos += 1
            continue
        hit = lx.match_at(words, text, pos)
        if hit is None:
            pos += 1
            continue
        if lx.match_at(words, text, hit[0]) is not None:
            touching += 1
        pos = hit[0]
    return touching >= 3
