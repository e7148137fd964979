"""A 基础数据表 before a form whose 单位名称 heads a column (values on the next row): the cell after
the label is another heading, so the row is context only, never the form's unit or money unit
(the ``preamble`` shape; segment/basic_data.py)."""

from __future__ import annotations

from extractor.pipeline import extract_text
from schemas import ProjectSelfEval

# fictional
TEXT = "\n".join([
    "基础数据表",
    "单位名称\t编制人数\t实有人数\t年末资产总额（万元）",
    "某县水利\t42\t39\t1265.30",
    "填表说明：本表数据为年末数。",
    "",
    "项目支出绩效自评表",
    *("\t".join(r) for r in [
        ["项目名称", "河道保洁经费", "", ""],
        ["主管部门", "某县水利局", "实施单位", "某县河道管理所"],
        ["项目资金（元）", "年初预算数", "全年预算数", "全年执行数"],
        ["年度资金总额", "120000", "120000", "110000"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "保洁河道长度", "≥20公里", "21公里", "50", "50"],
    ]),
]) + "\n"


def test_column_headings_of_basic_data_name_no_unit() -> None:
    [form] = extract_text(TEXT, "basic.txt").forms
    assert isinstance(form, ProjectSelfEval)
    assert form.header.unit_name.value == "某县河道管理所"
    assert form.header.money_unit.value == "元"
