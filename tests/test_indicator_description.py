"""Indicator tables beside their usual columns (samples 60, 61): a 绩效指标描述 / 指标描述 column (the
messifier's ``columns`` shape) is a column of
its own: rows that dropped their merged 一级 cell are placed around it, not pulled leftwards
(``成本指标 | 项目成本 | 项目成本 | 20万元`` is a 二级 under 产出指标, not a 一级)."""

from __future__ import annotations

from extractor.grid import Cell
from extractor.rules.indicators import find_indicator_header, read_indicators
from extractor.segment.types import Row


def _rows(*lines: list[str]) -> list[Row]:
    return [Row([Cell(t, r, c) for c, t in enumerate(texts)], "g1") for r, texts in enumerate(lines)]


def test_a_description_column_keeps_shifted_rows_in_place() -> None:
    rows = _rows(["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"],
                 ["产出指标", "数量指标", "维修面积", "维修面积", "≥400平方米"],
                 ["质量指标", "验收合格率", "验收合格率", "≥98%"],
                 ["成本指标", "项目成本", "项目成本", "20万元"],
                 ["效益指标", "可持续影响指标", "消除安全隐患", "消除安全隐患", "持续影响"])
    header = find_indicator_header(rows)
    assert header is not None and "description" in header.columns.values()
    indicators, _, _, _ = read_indicators(rows, header)
    got = [(i.level1.value, i.level2.value, i.name.value, i.target.value.text if i.target.value else None)
           for i in indicators]
    assert got == [("产出指标", "数量指标", "维修面积", "≥400平方米"), ("产出指标", "质量指标", "验收合格率", "≥98%"),
                   ("产出指标", "成本指标", "项目成本", "20万元"),
                   ("效益指标", "可持续影响指标", "消除安全隐患", "持续影响")]


def test_two_level_table_under_indicator_type_and_a_choice_row_after_it() -> None:
    """指标类型 | 指标名称 | 指标值 | 指标描述 (sample 61): the names are 二级 words; a row that lost
    its merged 一级 cell is shifted right, not read with its 二级 word as a 一级; a 优秀□ 良好□
    choice row under the table ends it."""
    rows = _rows(["指标类型", "指标名称", "指标值", "指标描述"],
                 ["产出指标", "数量指标", "375万平方米", "完成全市375万平方米的绿地养护"],
                 ["时效指标", "全年", "全年"],
                 ["效益指标", "社会效益指标", "是", "满足市民生存环境的需求"],
                 ["可持续性发展影响指标", "是", "保障绿化养护的稳定正常运行"],
                 ["满意度指标", "服务对象或受益者满意度指标", "≥95%", "满意率应在95%以上"],
                 ["最近年度绩效评价情况", "优秀□ 良好□ 合格□ 不合格□未评价□", "附上一年度评价报告"])
    header = find_indicator_header(rows)
    assert header is not None
    indicators, _, _, _ = read_indicators(rows, header)
    got = [(i.level1.value, i.level2.value, i.name.value, i.target.value.text if i.target.value else None)
           for i in indicators]
    assert got == [("产出指标", "数量指标", None, "375万平方米"), ("产出指标", "时效指标", None, "全年"),
                   ("效益指标", "社会效益指标", None, "是"), ("效益指标", "可持续性发展影响指标", None, "是"),
                   ("满意度指标", "服务对象或受益者满意度指标", None, "≥95%")]


def test_a_box_ticked_inside_an_indicator_row_does_not_end_the_table() -> None:
    """是否核心指标 | 是☑否□ is one cell of an indicator row that prints its figures beside it; only a
    choice field's own row (no figures outside its boxes) ends the table."""
    rows = _rows(["一级指标", "二级指标", "三级指标", "指标值", "是否核心指标"],
                 ["产出指标", "数量指标", "维修面积", "≥400平方米", "是☑否□"],
                 ["产出指标", "质量指标", "验收合格率", "≥98%", "是□否☑"],
                 ["最近年度绩效评价情况", "优秀□ 良好□ 合格□ 不合格□", "附上一年度评价报告"],
                 ["产出指标", "时效指标", "完成时间", "12月底"])
    header = find_indicator_header(rows)
    assert header is not None
    indicators, _, _, _ = read_indicators(rows, header)
    assert [i.name.value for i in indicators] == ["维修面积", "验收合格率"]
