"""Project forms that arrive as one text line whose cells a PDF layer emitted out of row order.

Such a form is a re-rowed stream (every cell comes from the same source line) in which the
indicator table does not start with an 一级 word after its header, or the funds header is followed
by numbers with no row label.  Its sections are read from the cell stream itself: header values
printed before their labels, goal texts after their column header, funds and indicators by the
scrambled readers.  Whatever cannot be confirmed is left empty and reported.
"""

from __future__ import annotations

import re
from collections import Counter

from extractor.classify import is_title
from extractor.layouts.scrambled.funds import read_scrambled_funds, rule_weight
from extractor.layouts.scrambled.indicators import (
    SCRAMBLED_CONFIDENCE,
    Token,
    is_header_fragment,
    is_total_label,
    read_scrambled_indicators,
)
from extractor.rules.cells import joined_value, number_value, text_value
from extractor.rules.funds import find_funds_header
from extractor.rules.header_fragments import HEAD
from extractor.rules.headless_numbered import headless_numbered
from extractor.rules.levels_stream import read_block_rows, stream_tokens
from extractor.segment.restream import YEAR_FRAGMENT
from extractor.segment.types import Row
from extractor.values import is_numeric, is_placeholder, normalize_operator, parse_decimal, parse_measure, squash
from extractor.vocab import FUNDS_COLUMNS, LEVEL1_RE, LEVEL2_RE, MONEY_FIELDS, fund_role, is_level, match_column
from schemas import ProjectSelfEval
from schemas.common import Finding, Goals, Header, Totals, Value

_MIN_ROWS = 8
_SIDE_CELLS = 8  # a unit and date line: 单位名称:… 填报日期:2021 年 4 月 22 日
_LABEL = re.compile(r"^(项目名称|主管部门|实施单位|项目资金|单位名称|预期目标|实际完成情况|年度总体目标)")
_MONEY_UNIT = re.compile(r"^[（(](万?元)[)）]$")
HEADER_LABELS = (("project_name", re.compile(r"^项目名称$")), ("unit_name", re.compile(r"^(实施单位|单位名称)$")))


def _tokens(rows: list[Row]) -> list[Token]:
    return stream_tokens(rows)


def _index(tokens: list[Token], pattern: re.Pattern[str], start: int = 0) -> int | None:
    return next((k for k in range(start, len(tokens)) if pattern.match(squash(tokens[k][1].clean))), None)


def is_scrambled_stream(rows: list[Row]) -> bool:
    table = [r for r in rows if not r.is_paragraph]
    if len(table) < _MIN_ROWS or not _one_line(table):
        return False
    tokens = _tokens(rows)
    head = _index(tokens, HEAD)
    if head is None:
        return False
    if headless_numbered(rows) is not None:
        return False  # an export whose header words print in pieces among numbered rows in order
    first = next((c.clean for _, c in tokens[head + 1:] if not is_header_fragment(c.clean)), "")
    if is_level(LEVEL1_RE, first):
        return False  # rows in order: 产出指标(50分) | 数量指标 | …
    if is_level(LEVEL2_RE, first) or is_numeric(first) or normalize_operator(squash(first)) is not None \
            or _bound(first):
        return True
    # a first row whose values are texts (达到验收标准 达到 验收标准 30 工程质量): the rows read whole
    end = next((k for k in range(head, len(tokens)) if is_total_label(tokens[k][1].clean)), len(tokens))
    return read_block_rows(tokens[head:end]) is not None


def _bound(text: str) -> bool:
    """A figure with its bound printed after it (``98%以上``): a target, as ``≥98%`` is."""
    measure = parse_measure(text)
    return measure is not None and measure.value is not None and measure.operator in ("≥", "≤", ">", "<")


def _one_line(table: list[Row]) -> bool:
    """Whether the cells come from one source line, but for a few the form took in from lines beside
    it (a year line ``（2020年度）``, the next form's ``单位名称:… 填报日期:…`` before its title): short
    lines, all of them a fifth of the stream's cells at most."""
    cells = Counter((r.grid_id, c.row) for r in table for c in r.cells)
    if not cells:
        return False
    (main, most), = cells.most_common(1)
    side = [n for line, n in cells.items() if line != main]
    return all(n <= _SIDE_CELLS for n in side) and sum(side) * 5 <= most


def read_scrambled_form(rows: list[Row], form: ProjectSelfEval) -> list[Finding]:
    """Fill ``form`` (header already read) from the cell stream; returns layout findings."""
    tokens = _tokens(rows)
    findings: list[Finding] = []
    _header_before_labels(tokens, form.header)
    head = _index(tokens, HEAD) or len(tokens)
    goals_at = _index(tokens, re.compile(r"^实际完成情况"))
    form.goals = _goals(tokens, goals_at)
    funds_header = find_funds_header(rows, len(rows))
    # the header's first cell in the stream; none when the header was a paragraph row
    start = None if funds_header is None else next(
        (k for k, (r, _) in enumerate(tokens) if r is rows[funds_header.row_index]), None)
    if funds_header is not None and start is not None:
        heads = _goal_heads(tokens)  # the goal headers close the funds (a goal text naming 财政资金 is no row)
        end = min(k for k in (goals_at, heads, head) if k is not None)
        money = [f for _, f in funds_header.fields if f in MONEY_FIELDS]
        columns = [f for _, f in funds_header.fields]
        lead = _lead_label(tokens, start)
        rule = rule_weight(tokens[start:start + len(funds_header.fields) + 2])
        body = [t for t in tokens[start + len(funds_header.fields):end] if rule_weight([t]) is None]
        form.funds, funds_finding = read_scrambled_funds(lead[-1:] + body, money, columns, rule)
        total = next((r for r in form.funds if r.role == "total"), None)
        if len(lead) > 1 and total is not None:
            total.label = joined_value(lead, confidence=SCRAMBLED_CONFIDENCE)
        if funds_finding is not None:
            findings.append(funds_finding)
    total_at = next((k for k in range(head, len(tokens)) if is_total_label(tokens[k][1].clean)), len(tokens))
    after = read_block_rows(tokens[head:total_at])
    if after is not None:
        form.indicators, form.groups = after.indicators, after.groups
        form.totals = _totals_after(tokens[total_at + 1:], after.weighted)
        findings.append(after.finding)
        return findings
    form.indicators, form.totals, ind_finding = read_scrambled_indicators(tokens[head:total_at])
    findings.append(ind_finding)
    return findings


def _lead_label(tokens: list[Token], start: int) -> list[Token]:
    """The total row's label printed just before the funds header's words (``预算执行情况（万元）（20分）
    年度财政 资金总额 预算数(A) …``), in one or two pieces; empty when there is none."""
    if start < 1 or fund_role(tokens[start - 1][1].clean) != "total":
        return []
    if start >= 2:
        piece, last = squash(tokens[start - 2][1].clean), squash(tokens[start - 1][1].clean)
        if len(piece) <= 6 and not is_numeric(piece) and fund_role(piece + last) == "total":
            return tokens[start - 2:start]
    return tokens[start - 1:start]


def _totals_after(tokens: list[Token], weighted: bool) -> Totals:
    """The total row's figures printed after 总分: 分值 and 得分, or 得分 alone where no 分值 column."""
    width = 2 if weighted else 1
    figures = [t for t in tokens[:width] if parse_decimal(t[1].clean) is not None]
    totals = Totals()
    if len(figures) == width:
        (sr, sc) = figures[-1]
        totals.score = number_value(sr, sc, confidence=SCRAMBLED_CONFIDENCE)
        if weighted:
            (wr, wc) = figures[0]
            totals.weight = number_value(wr, wc, confidence=SCRAMBLED_CONFIDENCE)
    return totals


def _plain(cell_text: str) -> bool:
    """Free text that can be a header value (not a label, number, title or header word)."""
    key = squash(cell_text)
    return not (
        _LABEL.match(key) or is_numeric(key) or is_placeholder(key) or is_title(cell_text)
        or YEAR_FRAGMENT.match(key) or _MONEY_UNIT.match(key) or match_column(key, FUNDS_COLUMNS)
        or fund_role(key) is not None
    )


def _header_before_labels(tokens: list[Token], header: Header) -> None:
    """Empty header fields whose value was emitted just before its label (… 结 | 算费用 | 项目名称)."""
    for field, pattern in HEADER_LABELS:
        if getattr(header, field).value is not None:
            continue
        k = _index(tokens, pattern)
        if k is None or k + 1 < len(tokens) and _plain(tokens[k + 1][1].clean):
            continue
        parts: list[Token] = []
        j = k - 1
        while j >= 0 and len(parts) < 2 and _plain(tokens[j][1].clean):
            parts.insert(0, tokens[j])
            j -= 1
        if parts:
            setattr(header, field, joined_value(parts, confidence=SCRAMBLED_CONFIDENCE))


def _goals(tokens: list[Token], actual_at: int | None) -> Goals:
    """The goal text emitted right after its column header (预期目标 / 实际完成情况)."""
    goals = Goals()
    row_after = _goal_row_after(tokens)
    if row_after is not None:
        goals.expected, goals.actual = row_after
        return goals
    if actual_at is not None and actual_at + 1 < len(tokens):
        row, cell = tokens[actual_at + 1]
        if _plain(cell.clean) and len(squash(cell.clean)) > 8:
            goals.actual = text_value(row, cell, confidence=SCRAMBLED_CONFIDENCE)
    expected_at = _index(tokens, re.compile(r"^预期目标$"))
    if expected_at is not None and expected_at + 1 < len(tokens):
        row, cell = tokens[expected_at + 1]
        if _plain(cell.clean) and len(squash(cell.clean)) > 8:
            goals.expected = text_value(row, cell, confidence=SCRAMBLED_CONFIDENCE)
    return goals


_EXPECTED_HEAD = re.compile(r"^(预期目标|年初设定目标)$")
_ACTUAL_HEAD = re.compile(r"^(实际完成情况|实际完成目标|年度总体目标完成情况综述)$")
# what may stand between the goal headers and the goal row: the row's label, a 项目类别 / 项目属性 /
# 项目类型 label and its checkbox options (``1、上级专项2、本级专项√``)
_BETWEEN = re.compile(r"^(年度总体目标|项目类别|项目属性|项目类型)$|[□☑√■]|^\d、")


def _goal_heads(tokens: list[Token]) -> int | None:
    """Where the goal row's two column headers stand side by side (预期目标 实际完成情况 …)."""
    return next((k for k in range(len(tokens) - 1) if _EXPECTED_HEAD.match(squash(tokens[k][1].clean))
                 and _ACTUAL_HEAD.match(squash(tokens[k + 1][1].clean))), None)


def _goal_row_after(tokens: list[Token]) -> tuple[Value[str], Value[str]] | None:
    """The goal row printed in order under its column headers: ``预期目标 实际完成情况 [年度总体目标]
    <expected> <actual>`` (the headers side by side — or 年初设定目标 / 实际完成目标 / 年度总体目标完成情况综述
    — then the row's two texts, its label or checkbox options between or not)."""
    heads = _goal_heads(tokens)
    if heads is None:
        return None
    k = heads + 2
    while k < len(tokens) and _BETWEEN.search(squash(tokens[k][1].clean)):
        k += 1
    texts = tokens[k:k + 2]
    if len(texts) < 2 or not all(_plain(c.clean) and len(squash(c.clean)) > 8 for _, c in texts):
        return None
    (er, ec), (ar, ac) = texts
    return (text_value(er, ec, confidence=SCRAMBLED_CONFIDENCE), text_value(ar, ac, confidence=SCRAMBLED_CONFIDENCE))
