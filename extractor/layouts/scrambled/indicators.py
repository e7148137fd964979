"""Indicator tables whose cells a PDF text layer emitted column by column, not row by row.

In such a stream the 三级 names, the 二级 words and the value groups (``=100% | 100% | 10 | 10``:
target, actual, 分值, 得分) each still come in row order, but the three lists are interleaved
arbitrarily.  They are paired by position only when the three counts agree; 一级 is filled from the
二级 word's family (数量/质量/时效/成本 → 产出 …) when that 一级 word is printed.  Every value keeps
its cell reference, carries a lowered confidence, and the pairing is reported as a finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.rules.align import Reading, choose
from extractor.rules.cells import joined_value, measure_value, number_value, text_value
from extractor.rules.header_fragments import is_header_fragment
from extractor.rules.levels_stream import STREAM_CONFIDENCE, Token
from extractor.values import is_numeric, is_placeholder, normalize_operator, parse_decimal, parse_measure, squash
from extractor.vocab import LEVEL1_OF_LEVEL2, LEVEL1_RE, LEVEL2_RE, TOTAL_ROW_RE
from schemas.common import Finding, Indicator, Totals, Value

SCRAMBLED_CONFIDENCE = STREAM_CONFIDENCE
_PAGE_MARK = re.compile(r"^-?\d+-$|^第\d+页$")
# how each 一级 of ``LEVEL1_OF_LEVEL2`` may be printed (效果指标 on some templates); 成本指标 is
# not filled here: its 二级 words (经济成本 …) are printed under it, not under 产出指标
_PRINTED_AS = {"产出指标": ("产出",), "效益指标": ("效益", "效果"), "满意度指标": ("满意度",)}


def _bare(text: str) -> bool:
    return parse_decimal(text) is not None


def _level_kind(text: str) -> str | None:
    """'l1', 'l2' or 'both' (满意度指标 and 成本指标 head either level, depending on the template)."""
    key = squash(text)
    l1, l2 = bool(LEVEL1_RE.fullmatch(key)), bool(LEVEL2_RE.fullmatch(key))
    if l1 and l2:
        return "both"
    return "l1" if l1 else "l2" if l2 else None


def _valueish(text: str) -> bool:
    key = squash(text)
    if _level_kind(text) or is_header_fragment(text):
        return False
    return is_numeric(key) or normalize_operator(key) is not None or len(key) <= 4


@dataclass(slots=True)
class _Parts:
    groups: list[list[Token]]
    totals: list[Token]
    names: list[list[Token]]
    levels: list[tuple[Token, str]]


def _split(tokens: list[Token]) -> _Parts:
    body = [t for t in tokens if not is_header_fragment(t[1].clean) and not _PAGE_MARK.match(squash(t[1].clean))]
    parts = _Parts([], [], [], [])
    i = 0
    while i < len(body):
        texts = [c.clean for _, c in body[i:i + 4]]
        if len(texts) == 4 and _bare(texts[2]) and _bare(texts[3]) and _valueish(texts[0]) and _valueish(texts[1]):
            parts.groups.append(body[i:i + 4])
            i += 4
            continue
        if parts.groups and not parts.totals and len(texts) >= 2 and _bare(texts[0]) and _bare(texts[1]):
            parts.totals = body[i:i + 2]
            i += 2
            continue
        row, cell = body[i]
        kind = _level_kind(cell.clean)
        if kind is not None:
            parts.levels.append(((row, cell), kind))
        elif is_placeholder(cell.clean) or is_numeric(cell.clean):
            pass
        elif len(squash(cell.clean)) <= 2 and parts.names:
            parts.names[-1].append((row, cell))  # a name wrapped by the PDF (… 完成 / 率)
        else:
            parts.names.append([(row, cell)])
        i += 1
    return parts


def _family(l2: str, level1: list[Token]) -> Token | None:
    """The printed 一级 word that the 二级 word ``l2`` (a ``LEVEL2_RE`` word) sits under."""
    key = squash(l2)
    parent = next((p for pattern, p in LEVEL1_OF_LEVEL2 if pattern.match(key)), None)
    heads = _PRINTED_AS.get(parent or "")
    return next((t for t in level1 if squash(t[1].clean).startswith(heads)), None) if heads else None


def read_scrambled_indicators(tokens: list[Token]) -> tuple[list[Indicator], Totals, Finding]:
    """Indicators of a column-scrambled region (一级指标 … 总分); none when the counts disagree."""
    parts = _split(tokens)
    n = len(parts.groups)
    # a word that is both 一级 and 二级 (满意度) read as either: the counts must agree
    readings: list[Reading[tuple[list[Token], list[Token]]]] = []
    for both_as in ("l1", "l2"):
        level1 = [t for t, k in parts.levels if k == "l1" or k == "both" and both_as == "l1"]
        level2 = [t for t, k in parts.levels if k == "l2" or k == "both" and both_as == "l2"]
        if n and len(level2) == n == len(parts.names):
            readings.append(Reading((level1, level2), 0.0))
    choice = choose(readings, reader="scrambled_indicators")  # the first agreeing reading
    if choice is None:
        return [], Totals(), _finding(False, n, len(parts.names))
    level1, level2 = choice.best.placed
    rows = zip(parts.groups, parts.names, level2, strict=False)
    out = [_indicator(g, name, l2, _family(l2[1].clean, level1)) for g, name, l2 in rows]
    totals = Totals()
    if parts.totals:
        (wr, wc), (sr, sc) = parts.totals
        totals.weight = number_value(wr, wc, confidence=SCRAMBLED_CONFIDENCE)
        totals.score = number_value(sr, sc, confidence=SCRAMBLED_CONFIDENCE)
    used = [t for g in parts.groups for t in g] + [t for nm in parts.names for t in nm] + level1 + level2 + parts.totals
    return out, totals, _finding(True, n, len(parts.names), used)


def _indicator(group: list[Token], name: list[Token], l2: Token, l1: Token | None) -> Indicator:
    (tr, tc), (ar, ac), (wr, wc), (sr, sc) = group
    conf = SCRAMBLED_CONFIDENCE
    return Indicator(
        level1=text_value(l1[0], l1[1], confidence=conf) if l1 else Value[str](),
        level2=text_value(l2[0], l2[1], confidence=conf),
        name=joined_value(name, confidence=conf),
        target=measure_value(tr, tc, parse_measure(tc.clean), confidence=conf),
        actual=measure_value(ar, ac, parse_measure(ac.clean), confidence=conf),
        weight=number_value(wr, wc, confidence=conf),
        score=number_value(sr, sc, confidence=conf),
    )


def is_total_label(text: str) -> bool:
    return bool(TOTAL_ROW_RE.match(squash(text)))


def _finding(paired: bool, groups: int, names: int, used: list[Token] | None = None) -> Finding:
    if paired:
        zh = f"指标表单元格顺序被打乱，已按出现顺序配对 {groups} 组名称与数值"
        en = f"indicator cells were emitted out of row order; {groups} names and value groups paired by order"
    else:
        zh = f"指标表单元格顺序被打乱，名称（{names}）与数值组（{groups}）数量不符，未提取指标"
        en = f"indicator cells were emitted out of row order; {names} names vs {groups} value groups, none extracted"
    return Finding(
        code="LAYOUT_INDICATORS_SCRAMBLED",
        severity="warning",
        message_zh=zh,
        message_en=en,
        cells=[c.ref(r.grid_id or "text") for r, c in used or []],
        rule="indicators.scrambled_stream",
    )
