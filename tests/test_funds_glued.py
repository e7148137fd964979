"""Hunan's funds sources glued to their amounts under the total row (rules/funds_glued.py, sample 45)."""

from __future__ import annotations

from decimal import Decimal

from extractor.grid import Cell
from extractor.rules.funds_glued import read_glued_sources
from extractor.segment.types import Row


def _rows(*lines: list[str]) -> list[Row]:
    return [Row([Cell(t, r, c) for c, t in enumerate(texts)], "g1") for r, texts in enumerate(lines)]


def test_two_classifications_read_income_side_first() -> None:
    rows = _rows(["按收入性质分:", "按支出性质分:", "其中: 一般公共预算:1873.66万元", "其中:基本支出:1768.16万元"],
                 ["政府性基金拨款:"], ["项目支出:2985.5万元"], ["其他资金:2880万元"], ["年度总体目标", "预期目标"])
    out = read_glued_sources(rows, 0)
    assert [(r.role, r.label.value, r.budget.value) for r in out] == [
        ("fiscal", "其中: 一般公共预算:", Decimal("1873.66")), ("line_item", "政府性基金拨款:", None),
        ("other", "其他资金:", Decimal("2880")), ("basic", "其中:基本支出:", Decimal("1768.16")),
        ("project", "项目支出:", Decimal("2985.5"))]


def test_no_classification_caption_reads_nothing() -> None:
    assert read_glued_sources(_rows(["项目支出:2985.5万元"]), 0) == []
    assert read_glued_sources(_rows(["按收入性质分:", "说明文字"]), 0) == []


def test_captions_on_a_row_of_their_own() -> None:
    rows = _rows(["按收入性质分：", "按支出性质分："], ["其中： 一般公共预算：64.97"], ["其中：基本支出：136"])
    assert [r.role for r in read_glued_sources(rows, 0)] == ["fiscal", "basic"]
