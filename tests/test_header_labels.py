"""Header labels in other provinces' words (the `labels` shape).  A central transfer payment
(中央/上级转移支付) prints its project as 转移支付（项目）名称 or 专项名称 and its 主管部门 per level
(中央 / 地方), so no level is taken for the form's department; 深圳 forms print 项目单位."""

from __future__ import annotations

import pytest

import jixiao

TEXT = """就业补助资金绩效自评表
| 转移支付（项目）名称 | 就业补助资金 |
| 中央主管部门 | 人力资源社会保障部 |
| 地方主管部门 | 青山区人力资源和社会保障局 |
| 资金使用单位 | 青山区就业服务中心 |
| 项目资金（万元） | 全年预算数 | 全年执行数 | 执行率 |
| 年度资金总额 | 32.4 | 31.69 | 97.81% |
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
| 产出指标 | 数量指标 | 培训人数 | ≥200人 | 204人 | 10 | 10 |
"""


@pytest.mark.parametrize("label", ["转移支付（项目）名称", "转移支付(项目)名称", "专项名称"])
def test_transfer_name_is_the_project_name(label: str) -> None:
    header = jixiao.extract_text(TEXT.replace("转移支付（项目）名称", label)).forms[0].header
    assert header.project_name.value == "就业补助资金"
    assert header.unit_name.value == "青山区就业服务中心"


def test_central_department_leaves_the_department_empty() -> None:
    assert jixiao.extract_text(TEXT).forms[0].header.department.value is None
    one_level = TEXT.replace("| 中央主管部门 | 人力资源社会保障部 |\n", "")
    assert jixiao.extract_text(one_level).forms[0].header.department.value == "青山区人力资源和社会保障局"


def test_project_unit_label_names_the_unit() -> None:
    unit = "| 项目单位 | 青山区就业服务中心 | 项目单位负责人 | 张三 |"
    text = TEXT.replace("| 资金使用单位 | 青山区就业服务中心 |", unit)
    assert jixiao.extract_text(text).forms[0].header.unit_name.value == "青山区就业服务中心"


def test_a_second_label_on_the_unit_line_ends_the_unit() -> None:
    line = "单位名称:青山区就业服务中心  填报日期:2023年3月20日\n"
    text = TEXT.replace("| 资金使用单位 | 青山区就业服务中心 |\n", "")
    text = text.replace("就业补助资金绩效自评表\n", "就业补助资金绩效自评表\n" + line, 1)
    assert jixiao.extract_text(text).forms[0].header.unit_name.value == "青山区就业服务中心"


def test_a_year_inside_a_sentence_is_not_the_forms_year() -> None:
    text = TEXT.replace("就业补助资金绩效自评表\n", "").replace(
        "| 中央主管部门 |", "| 项目实施内容 | 2022年，我街道按照计划开展燃气管道改造。 |\n| 中央主管部门 |")
    assert jixiao.extract_text(text).forms[0].header.year.value is None
    assert jixiao.extract_text("2023年" + TEXT.replace("| 中央主管部门 |", "| 项目实施内容 | 2022年，开展改造。 |\n"
                                                      "| 中央主管部门 |")).forms[0].header.year.value == 2023


UNLABELLED = """项目支出绩效目标表
| {lead} | 单位:万元 | | |
| 项目名称 | 安全隐患维修 | | |
| 预算规模及资金用途 | 预算数 | 20.00 | |
| 一级指标 | 二级指标 | 三级指标 | 指标值 |
| 产出指标 | 数量指标 | 维修面积 | ≥400平方米 |
"""


@pytest.mark.parametrize("lead", ["207101某区人民法院", "某区人民法院"])
def test_unit_without_label_before_the_money_unit(lead: str) -> None:
    """A 项目库 export names the unit (after its budget code) in front of the money unit."""
    header = jixiao.extract_text(UNLABELLED.format(lead=lead)).forms[0].header
    assert header.unit_name.value == lead
    assert header.money_unit.value == "万元"


@pytest.mark.parametrize("lead", ["2023年度", "某项目绩效目标表", "填报日期:2023年", "20.00"])
def test_no_unit_from_a_year_title_label_or_figure(lead: str) -> None:
    header = jixiao.extract_text(UNLABELLED.format(lead=lead)).forms[0].header
    assert header.unit_name.value is None


SUBTITLED = """项目支出绩效目标表
(2023年)
{sub}
| 某区人民法院 | 单位:万元 | | |
| 项目名称 | 安全隐患维修 | | |
| 一级指标 | 二级指标 | 三级指标 | 指标值 |
| 产出指标 | 数量指标 | 维修面积 | ≥400平方米 |
"""


def test_numbered_subtitle_keeps_the_title_above() -> None:
    """``3.…-2023中央绩效目标表`` heads a group of projects under the form's title."""
    text = SUBTITLED.format(sub="3.法院办案业务、业务装备及审判辅助事务外包-2023中央绩效目标表")
    forms = jixiao.extract_text(text).forms
    assert len(forms) == 1
    assert forms[0].header.title.value == "项目支出绩效目标表"
    assert forms[0].header.year.value == 2023


def test_unnumbered_second_title_is_the_title() -> None:
    forms = jixiao.extract_text(SUBTITLED.format(sub="法院办案业务项目绩效目标表")).forms
    assert forms[0].header.title.value == "法院办案业务项目绩效目标表"
