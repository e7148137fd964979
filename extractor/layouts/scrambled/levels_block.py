"""A column-scrambled stream whose merged 一级/二级 cells come as one block after its rows.

Seen (Hubei-style templates, ``三级指标 | 年初目标值(A) | 实际完成值(B) | 得分``, some with 分值): each row
prints its figures and then its tall name cell (``≥96% 96% 15 补助发放准确率``, a name wrapped into
``受益 对象满意度``), and the level words, with the points of each 一级 (``产出指标 (60 分)``), follow
the last row.  A row is its value group and the name run up to the next group; the reading is kept
only when every group is certain (target and actual each with a figure or an operator, or the same
text twice: a name ending ``（%）`` before ``≧47 40.3`` is no target) and
every run is a name of one or two pieces with no figure in it.  The block's words are placed by
``rules/levels_after`` (printed points and template order), else left empty with its finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.layouts.scrambled.indicators import SCRAMBLED_CONFIDENCE, Token, is_header_fragment
from extractor.rules.cells import joined_value, measure_value, number_value
from extractor.rules.levels_after import block_of_cells, place_levels
from extractor.values import is_numeric, normalize_operator, parse_measure, squash
from schemas.common import Finding, Indicator, IndicatorGroup, Value

_REASON_ENDS = ("。", "；", ";")
_FIGURE = re.compile(r"\d+(\.\d+)?")  # a bare 分值 / 得分 (not 71万元, which parses as a number too)
_MAX_VALUE = 16  # a target or actual longer than this is a name or a reason, not a value cell
_SERIAL = re.compile(r"^指标\d+[：:]")  # 指标1：养护道路里程 (the name's serial is no figure of a value)


@dataclass(slots=True)
class BlockRows:
    indicators: list[Indicator]
    groups: list[IndicatorGroup]
    finding: Finding
    weighted: bool


def _certain(text: str) -> bool:
    return any(ch.isdigit() for ch in text) or normalize_operator(text) is not None


def _group_at(body: list[Token], i: int, width: int) -> bool:
    """Whether ``width`` cells from ``i`` are one row's values (target, actual[, 分值], 得分)."""
    texts = [squash(c.clean) for _, c in body[i:i + width]]
    if len(texts) < width or not all(_FIGURE.fullmatch(t) for t in texts[2:]):
        return False
    target, actual = texts[0], texts[1]
    if target.endswith(_REASON_ENDS) or actual.endswith(_REASON_ENDS):
        return False
    if target == actual and not is_numeric(target):
        return True  # 持续改善 持续改善 4
    return _certain(target) and _certain(actual) and len(target) <= _MAX_VALUE and len(actual) <= _MAX_VALUE


def _weighted(tokens: list[Token]) -> bool:
    words = "".join(squash(c.clean) for _, c in tokens if is_header_fragment(c.clean))
    return "分值" in words or "权重" in words


def read_block_rows(tokens: list[Token]) -> BlockRows | None:
    """Indicators of a figures-first stream with its level block after the rows; None when the
    region is not one (no block, a name before the first figures, a row that is not certain)."""
    start = next((k for k in range(len(tokens)) if block_of_cells(tokens[k:]) is not None), None)
    if start is None:
        return None
    block = block_of_cells(tokens[start:])
    assert block is not None
    body = [t for t in tokens[:start] if not is_header_fragment(t[1].clean)]
    first_value = next((k for k, t in enumerate(tokens) if not is_header_fragment(t[1].clean)), 0)
    weighted = _weighted(tokens[:first_value])
    width = 4 if weighted else 3
    if not body or not _group_at(body, 0, width):
        return None  # names before the figures: not this print
    rows: list[tuple[list[Token], list[Token]]] = []
    i = 0
    while i < len(body):
        if _group_at(body, i, width):
            rows.append((body[i:i + width], []))
            i += width
            continue
        rows[-1][1].append(body[i])
        i += 1
    names = [_name_of(run) for _, run in rows]
    if not all(_name_run(name) for name in names):
        return None
    indicators = [_indicator(group, name) for (group, _), name in zip(rows, names, strict=True)]
    groups, finding = place_levels(block, indicators)
    return BlockRows(indicators, groups, finding, weighted)


def _reason(tok: Token) -> bool:
    return squash(tok[1].clean).endswith(_REASON_ENDS)


def _name_of(run: list[Token]) -> list[Token]:
    """The name in a row's run: what follows the reason sentence (the reason column, printed before
    the tall name cell, wraps too: ``部分资金 尚未拨付到位，…。 节约运行成本``)."""
    last = max((k for k, t in enumerate(run) if _reason(t)), default=-1)
    return run[last + 1:]


def _name_run(name: list[Token]) -> bool:
    """One or two pieces of a name, none with a figure."""
    pieces = [_SERIAL.sub("", squash(t[1].clean)) for t in name]
    return 1 <= len(pieces) <= 2 and not any(_certain(p) for p in pieces)


def _indicator(group: list[Token], name: list[Token]) -> Indicator:
    conf = SCRAMBLED_CONFIDENCE
    (tr, tc), (ar, ac) = group[0], group[1]
    (sr, sc) = group[-1]
    ind = Indicator(
        name=joined_value(name, confidence=conf),
        target=measure_value(tr, tc, parse_measure(tc.clean), confidence=conf),
        actual=measure_value(ar, ac, parse_measure(ac.clean), confidence=conf),
        score=number_value(sr, sc, confidence=conf),
    )
    if len(group) == 4:
        wr, wc = group[2]
        ind.weight = number_value(wr, wc, confidence=conf)
    ind.level1, ind.level2 = Value[str](), Value[str]()
    return ind
