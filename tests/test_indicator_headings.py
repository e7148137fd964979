"""一级 headings printed as lines of their own (copied web pages) are put back on the rows."""

from __future__ import annotations

from decimal import Decimal

from extractor.pipeline import extract_text

_FORM = (
    "项目支出绩效自评表\n"
    "    项目名称 测试项目\n"
    "    二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施\n"
    "    (60分)\n"
    "    数量指标 指标1:完成数量 2 2 30 30\n"
    "    时效指标 指标1:按期完成 30 30\n"
    "    满意度指标\n"
    "    (40分)\n"
    "    服务对象\n"
    "    满意度指标\n"
    "    指标1:服务对象满意度评价 40 40\n"
    "    总分 100 100\n"
)


def test_bare_subtotal_heading_is_named_from_level2_words() -> None:
    (form,) = extract_text(_FORM).forms
    assert form.header.project_name.value == "测试项目"
    rows = [(i.level1.value, i.level2.value, i.name.value) for i in form.indicators]
    assert rows == [
        ("产出指标", "数量指标", "指标1:完成数量"),
        ("产出指标", "时效指标", "指标1:按期完成"),
        ("满意度指标", "服务对象满意度指标", "指标1:服务对象满意度评价"),
    ]
    assert form.indicators[0].level1.confidence < 1.0  # named by inference, not printed
    assert form.indicators[0].level1.raw == "(60分)"
    assert form.indicators[2].weight.value == Decimal("40")
    assert [(g.name, g.stated_weight.value) for g in form.groups if g.level == 1] == [
        ("产出指标", Decimal("60")), ("满意度指标", Decimal("40"))]


_PAIRED = (
    "项目支出绩效自评表\n"
    "项目名称 | 测试项目 |\n"
    "二级指标 | 三级指标 | 分值 | 年度指标值 | 全年实际值 | 得分 |\n"
    "产 出 指 标 (60分) |\n"
    "数量指标 | 完成数量 | 60 | 2个 | 2个 | 60 |\n"
    "效 益 指 标 (40分) | 经济效益 指标 |\n"
    "带动增收 | 30 | 10万元 | 10万元 | 30 |\n"
    "社会效益 指标 |\n"
    "受益人口数量 | 10 | 90人 | 90人 | 10 |\n"
    "总分 | 100 | | | 100 |\n"
)


def test_heading_line_with_its_first_level2_word() -> None:
    """效 益 指 标 (30分) | 经济效益 指标 (sample 32; the messifier's ``headings`` shape)."""
    (form,) = extract_text(_PAIRED).forms
    rows = [(i.level1.value, i.level2.value, i.name.value) for i in form.indicators]
    assert rows == [("产出指标", "数量指标", "完成数量"), ("效益指标", "经济效益 指标", "带动增收"),
                    ("效益指标", "社会效益 指标", "受益人口数量")]  # as printed
