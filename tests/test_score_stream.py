"""Scoring sheets whose cells arrive one per line are read by the header's column order."""

from __future__ import annotations

from decimal import Decimal

from extractor.grid import Cell, Grid
from extractor.ingest.text_grid import parse_text
from extractor.pipeline import extract_text
from extractor.rules.score_stream import read_layout, read_stream
from extractor.segment.types import Row


def _rows(*texts: str) -> list[Row]:
    return [Row([Cell(t, 0, 0, char_start=k * 10, char_end=k * 10 + len(t))], None) for k, t in enumerate(texts)]


def test_layout_from_header_order() -> None:
    layout = read_layout(["level", "level", "level", "criteria", "weight", "score", "note"])
    assert layout.before_weight == ["criteria"] and layout.after_weight == [] and layout.has_score
    layout = read_layout(["weight", "description", "criteria", "score", "note", "level", "frag"])
    assert layout.after_weight == ["description", "criteria"] and layout.levels == 1


def test_weight_before_texts_and_split_group_label() -> None:
    rows = _rows(
        "指标分值", "指标解释", "计分标准", "自评得分", "备注", "一级", "指标", "二级", "指标", "三级", "指标",
        "甲类管", "理", "20分)", "乙项(10分)", "子项一", "5", "说明一", "规则一", "4",
        "子项二", "5", "说明二", "规则二", "5",
    )
    items, groups, _ = read_stream(rows)
    assert [i.name.value for i in items] == ["子项一", "子项二"]
    first = items[0]
    assert (first.level1.value, first.level2.value) == ("甲类管理", "乙项")
    assert first.weight.value == Decimal("5") and first.score.value == Decimal("4")
    assert (first.description.value, first.criteria.value) == ("说明一", "规则一")
    assert [(g.level, g.name, g.stated_weight.value) for g in groups] == [(1, "甲类管理", Decimal("20")), (2, "乙项", Decimal("10"))]
    assert first.level1.source and first.level1.source[0].char_start is not None


def test_criteria_before_weight_from_separator_lines() -> None:
    text = "\n|\n".join([
        "一级指标", "二级指标", "三级指标", "评分标准", "分值", "自评得分", "扣分原因",
        "投 入\n(10分)", "配置\n(10分)", "控制\n比率", "达标计5分;\n否则不得分。", "5", "5", "",
        "变动率", "不超过计5分。", "5", "4", "",
    ]) + "\n|\n"
    (form,) = extract_text(text).forms
    assert form.schema_name == "dept_score_sheet"
    names = [i.name.value for i in form.items]
    assert names == ["控制比率", "变动率"]
    assert form.items[0].level1.value == "投入" and form.items[1].level2.value == "配置"
    assert form.items[0].criteria.value == "达标计5分;\n否则不得分。"
    assert form.items[1].score.value == Decimal("4")


def test_separator_lines_make_multi_line_cells() -> None:
    text = "甲\n|\n乙\n丙\n|\n|\n丁\n|\n" * 2
    (g,) = [b for b in parse_text(text) if isinstance(b, Grid)]
    assert g.texts() == [["甲", "乙\n丙", "", "丁", "甲", "乙\n丙", "", "丁"]]
    cell = g.rows[0][1]
    assert text[cell.char_start:cell.char_end] == "乙\n丙"
