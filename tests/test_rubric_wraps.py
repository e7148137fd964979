"""A rubric's header wrapped (its 名称 words on a row of their own), a numbered note under a
criterion, and a score sheet whose 一级 column is OCR'd out of order (branch wip-rubric12).
All inputs are synthetic."""

from __future__ import annotations

from decimal import Decimal

from extractor.layouts.fused.header_rows import name_row_end
from extractor.pipeline import extract_text

_SPACED = (
    "某县2024年度计划生育服务项目绩效自评表\n"
    "一级指标 二级指标 三级指标 自评内容 完成情况\n"
    "名称 名称 名称\n"
    "项目预算管理 资金投入 预算编制科学性 测算标准 已按要求完成预算\n"
    "1.2024年度项目资金预算测算相关材料。\n"
)


def test_a_wrapped_name_row_ends_the_run_together_header() -> None:
    t = "未完成原因分析及改进措施名称名称名称项目决策（12分）"
    assert t[name_row_end(t, 12):] == "项目决策（12分）"
    assert name_row_end("称名名称名称项目", 0) == 6  # OCR'd out of order
    assert name_row_end("名称项目决策", 0) == 0  # one 名称 is no row of them


def test_a_name_row_and_a_numbered_note_are_no_indicators() -> None:
    (form,) = extract_text(_SPACED).forms
    names = [i.name.value for i in form.indicators]  # type: ignore[attr-defined]
    assert names == ["预算编制科学性"]


_GARBLED = (
    "为加强财政资金管理，现将本单位整体支出2023年度绩效自评结果公开如下。"
    "某区文化和旅游局部门整体绩效自评打分表序号一标级指二级指标三级指标分值评分标准自评得分扣分原因"
    "1决门部策目标设定绩效目标合理性5以100%为标准，每低于1个百分点扣0.5分。5"
    "2绩效指标明确性5资料齐全、程序规范得满分，否则酌情扣分。4.5部分资料不完整"
    "3预算配置在职人员控制率5完成率达到100%得满分，未达到按比例计分。4部分指标未量化"
    "4部理门管预算执行预算完成率10资料齐全、程序规范得满分，否则酌情扣分。10合计2523.5"
)


def test_a_scrambled_level1_header_opens_the_sheet_and_its_cells_read_as_the_name_they_spell() -> None:
    """决门部策 holds exactly the characters of one 一级 name (部门决策): that name, certain."""
    (form,) = extract_text(_GARBLED).forms
    items = [(i.level1.value, i.level2.value, i.name.value, i.weight.value)
             for i in form.items]  # type: ignore[attr-defined]
    assert items == [
        ("部门决策", "目标设定", "绩效目标合理性", Decimal(5)),
        ("部门决策", "目标设定", "绩效指标明确性", Decimal(5)),
        ("部门决策", "预算配置", "在职人员控制率", Decimal(5)),
        ("部门管理", "预算执行", "预算完成率", Decimal(10)),
    ]
