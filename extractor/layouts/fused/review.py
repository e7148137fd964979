"""A rubric table with a review column, run together (``项目权重评价内容分值自评分复核分评价标准及依据``).

Each row prints the 一级 word with its points (``项目决策10分``, first row of a group only), the item
evaluated, its 分值, the 自评分, a 复核分 (often blank) and the 评价标准 sentence, which holds figures
and numbered items of its own (``有年度计划计2分,没有不得分。`` / ``1、制度健全1分;2、执行有效1分。``).
A row therefore starts after a sentence end (or the group's points) and its figures are the first
run of digits followed by the criterion (a Han character, or a numbered item ``1、``).  The run holds
分值, 自评分 and maybe 复核分 fused: each split is tried, a score never above its weight, and a
group's weights must add up to its printed points; a row whose split is not certain keeps its name
and 一级 word only (certain or flagged).  The criterion sentences are not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

Span = tuple[int, int]


def _spaced(*words: str) -> str:
    return r"\s*".join(re.escape(ch) for ch in "".join(words))


HEADER = re.compile(_spaced("项目权重评价内容分值") + r"\s*" + _spaced("自评分") + r"\s*(?:"
                    + _spaced("复核分") + r")?\s*" + _spaced("评价标准") + r"(?:\s*" + _spaced("及依据") + ")?")
_TOTAL = re.compile(r"自评(?:总分|得分)\s*[:：]?\s*(\d+(?:\.\d+)?)")
_TOTAL_BEFORE = 40  # the total line prints right above the header
_LEVEL1 = re.compile(r"(项目决策|项目管理|项目过程|项目产出|项目效益|产出指标|效益指标|满意度指标)"
                     r"\s*(\d+(?:\.\d+)?)\s*分")
# a row: an optional page marker, the name, the figure run, then the criterion (Han, or ``1、``)
_DIGITS = re.compile(r"\d[\d.]*")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_NUMBER = re.compile(r"0|0\.\d+|[1-9]\d*(?:\.\d+)?")
_NAME = re.compile(r"(?:\d{1,2}、)?\s*([^\s。；;，,、]{2,30})\s*")
_MAX_ROWS = 40  # rows in one group beyond which the split search is not tried


@dataclass(slots=True)
class ReviewRow:
    level1: str
    name: Span
    run: Span = (0, 0)  # the figures' run (分值, 自评分 and any 复核分)
    weight: tuple[Span, Decimal] | None = None
    score: tuple[Span, Decimal] | None = None


@dataclass(slots=True)
class ReviewTable:
    start: int  # where the form's other parts end (the total line, or the header)
    total: tuple[Span, Decimal] | None = None
    groups: list[tuple[str, Span, Decimal]] = field(default_factory=list)  # 一级 word, its points' span, points
    rows: list[ReviewRow] = field(default_factory=list)
    unsure: list[Span] = field(default_factory=list)  # figure runs left unread


def _total(t: str, head: re.Match[str]) -> re.Match[str] | None:
    """The self-evaluation's total line printed right above the header (``自评总分:98``)."""
    total = None
    for m in _TOTAL.finditer(t, max(0, head.start() - _TOTAL_BEFORE), head.start()):
        total = m
    return total


def review_start(t: str, head: re.Match[str]) -> int:
    """Where the form's other parts end: the total line above the header, or the header."""
    total = _total(t, head)
    return head.start() if total is None else total.start()


def find_review(t: str) -> ReviewTable | None:
    """The review-column rubric of ``t``, or None where its header is not printed."""
    head = HEADER.search(t)
    if head is None:
        return None
    table = ReviewTable(start=review_start(t, head))
    if (total := _total(t, head)) is not None:
        table.total = ((total.start(1), total.end(1)), Decimal(total.group(1)))
    marks = [m for m in _LEVEL1.finditer(t, head.end()) if m.start() == head.end() or t[m.start() - 1] in "。；;"]
    pending: list[tuple[Decimal, list[_Pending]]] = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(t)
        points = Decimal(m.group(2))
        table.groups.append((m.group(1), (m.start(2), m.end(2)), points))
        pending.append((points, _group_rows(t, m.group(1), m.end(), end, "复核分" in head.group(0))))
    # the 复核分 column is blank in the whole table unless some row's figures need a third one
    filled = any(not p.two and p.three for _, rows in pending for p in rows)
    for points, rows in pending:
        options = [p.three if filled else p.two for p in rows]
        if all(options):
            chosen = _certain(options, points)
        else:  # a row left unread: the points no longer check the others, each must read one way
            chosen = [next(iter(set(o))) if len(set(o)) == 1 else None for o in options]
        for p, pick in zip(rows, chosen, strict=True):
            if pick is None:
                table.unsure.append(p.run)
            else:
                w, s, cut = pick
                p.row.weight = ((p.run[0], p.run[0] + cut), w)
                p.row.score = ((p.run[0] + cut, p.run[0] + cut + len(_plain(s))), s)
            table.rows.append(p.row)
    return table


Option = tuple[Decimal, Decimal, int]  # weight, score, the weight's length in the run


@dataclass(slots=True)
class _Pending:
    row: ReviewRow
    run: Span
    two: list[Option]  # splits into 分值 | 自评分
    three: list[Option]  # splits into 分值 | 自评分 | 复核分


def _group_rows(t: str, level1: str, a: int, b: int, review: bool) -> list[_Pending]:
    out: list[_Pending] = []
    pos = a
    while pos < b:
        end = t.find("。", pos, b)
        end = b if end < 0 else end + 1
        row = _row(t, pos, end)
        if row is not None and row[2]:  # the figures run into a numbered item: their cut is not certain
            out.append(_Pending(ReviewRow(level1, row[0], row[1]), row[1], [], []))
        elif row is not None:
            name, run, _ = row
            two, three = _splits(t[run[0]:run[1]], False), (_splits(t[run[0]:run[1]], True) if review else [])
            if two or three:
                out.append(_Pending(ReviewRow(level1, name, run), run, two, three))
        pos = end
    return out


def _plain(d: Decimal) -> str:
    return format(d, "f")


def _row(t: str, a: int, b: int) -> tuple[Span, Span, bool] | None:
    """(name span, figure run span, whether the run meets a numbered item) of the row printed
    from ``a`` to the sentence end ``b``."""
    for m in _DIGITS.finditer(t, a, b):
        full, after = m.group(0), t[m.end():m.end() + 1]
        if after == "、" and len(full) >= 2 and full[-1].isdigit():
            run = full[:-1]  # the criterion opens with a numbered item (``1、``)
        elif _HAN.fullmatch(after) and after != "分":  # ``计2分``: a criterion's own points
            run = full
        else:
            continue
        name = _NAME.fullmatch(t, a, m.start())
        if name is None:
            return None
        return (name.start(1), name.end(1)), (m.start(), m.start() + len(run)), after == "、"
    return None


def _splits(run: str, review: bool) -> list[Option]:
    """Every (weight, score, length of the weight) the run may print, the score never above the
    weight; ``review``: the run ends in a third figure (the 复核分), also ≤ the weight."""
    out: list[Option] = []
    for i in range(1, len(run)):
        w = _number(run[:i])
        if w is None or w == 0:
            continue
        rest = run[i:]
        for j in range(1, len(rest)) if review else [len(rest)]:
            s, r = _number(rest[:j]), (_number(rest[j:]) if review else Decimal(0))
            if s is not None and r is not None and s <= w and r <= w:
                out.append((w, s, i))
    return out


def _number(text: str) -> Decimal | None:
    if not _NUMBER.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _certain(options: list[list[Option]], points: Decimal) -> list[Option | None]:
    """Each row's split where every reading whose weights add up to ``points`` agrees on it."""
    if len(options) > _MAX_ROWS:
        return [None] * len(options)
    # forward: the weight sums reachable after each row; backward: those that can still reach points
    forward: list[set[Decimal]] = [{Decimal(0)}]
    for opts in options:
        forward.append({s + w for s in forward[-1] for w, _, _ in opts if s + w <= points})
    backward: list[set[Decimal]] = [set() for _ in range(len(options) + 1)]
    backward[-1] = {points}
    for k in range(len(options) - 1, -1, -1):
        backward[k] = {need - w for need in backward[k + 1] for w, _, _ in options[k] if need - w >= 0}
    out: list[Option | None] = []
    for k, opts in enumerate(options):
        live = {o for o in opts if any(s + o[0] in backward[k + 1] for s in forward[k])}
        out.append(live.pop() if len(live) == 1 else None)
    return out
