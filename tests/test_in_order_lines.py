"""A table pasted one cell per line in its own order, where an empty cell printed nothing: the
indicator table is cut by its header like a scrambled one (``segment/indicator_order.py``), a
header whose lower row (指标性质 | 指标值 | 度量单位) follows the upper one included."""

from __future__ import annotations

from decimal import Decimal

from extractor.pipeline import extract_text

# fictional Sichuan-style form; the empty 度量单位 and 原因 cells print nothing
ROWS = [
    ["项目支出绩效自评表"], ["项目名称", "某县农村饮水安全工程"], ["主管部门", "某县水利局"],
    ["实施单位", "某县水利站"],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "权重", "得分", "原因"],
    ["指标性质", "指标值", "度量单位"],
    ["产出指标", "数量指标", "新建供水站", ">=", "3", "个", "3个", "30", "30"],
    ["时效指标", "工程完工时间", "定性", "11月底前", "11月20日", "20", "20"],
    ["效益指标", "社会效益指标", "受益人口", ">=", "5000", "人", "5200人", "30", "30"],
    ["满意度指标", "服务对象满意度指标", "群众满意度", ">=", "90", "%", "92%", "20", "20"],
    ["合计", "100", "100"],
]


def _indicators(gap: str) -> list[tuple[str | None, str | None, Decimal | None]]:
    text = gap.join(c for row in ROWS for c in row) + "\n"
    [form] = extract_text(text, "page.txt").forms
    return [(i.name.value, i.target.value.text if i.target.value else None, i.weight.value) for i in form.indicators]


def test_in_order_cell_lines_with_a_two_row_header_are_cut_by_the_header() -> None:
    for gap in ("\n", "\n\n"):
        assert _indicators(gap) == [("新建供水站", "3", Decimal(30)), ("工程完工时间", "11月底前", Decimal(20)),
                                    ("受益人口", "5000", Decimal(30)), ("群众满意度", "90", Decimal(20))]
