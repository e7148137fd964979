"""An excerpt cut under its title whose header is a 项目库 declaration's (the `untitled` shape's
declaration rows, sample 61): a dozen label rows (contacts, choices, plans) stand between
项目名称 and the indicator table, and the form still keeps its header rows."""

from __future__ import annotations

import jixiao

ROWS = ["项目名称\t河道保洁经费\t项目编号\t", "项目联系人\t王建国\t联系电话\t0571-8861234",
        "对应一级项目\t城市基础设施配套费\t项目功能科目\t其他城乡社区支出",
        "项目类型\t其他运转类：□专项运转类 □信息化维护类", "项目属性\t新增□ 延续□\t重要程度\t一般工作□",
        "项目口径\t经常性□ 阶段性□\t项目期限\t全年", "立项依据\t根据历年支出情况", "主要内容\t按标段组织日常保洁",
        "项目实施计划\t按季度组织实施", "主管部门\t市城市管理局\t实施单位\t市河道管理处",
        "单位名称\t市河道管理处", "总体目标\t完成全市河道日常保洁工作，保持水面整洁，提升群众满意度。",
        "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t保洁河道长度\t≥120公里",
        "\t质量指标\t保洁达标率\t≥95%"]  # fmt: skip


def test_a_tall_declaration_header_stays_with_its_form() -> None:
    form = jixiao.extract_text("\n".join(ROWS) + "\n").forms[0]
    assert form.header.project_name.value == "河道保洁经费"
    assert form.header.department.value == "市城市管理局"
    assert [i.name.value for i in form.indicators] == ["保洁河道长度", "保洁达标率"]


def _piped(rows: list[str]) -> str:
    """The rows as ``| a | b |`` lines (rows of different widths, as a web page prints them)."""
    return "".join("| " + " | ".join(row.split("\t")) + " |\n" for row in rows)


GOAL = "完成全市河道日常保洁工作，保持水面整洁，提升群众满意度。"


def test_a_goal_under_a_caption_with_its_description_label() -> None:
    rows = [r for r in ROWS if not r.startswith("总体目标")]
    rows.insert(11, f"项目绩效目标\t绩效目标 总体描述\t{GOAL}")
    assert jixiao.extract_text(_piped(rows)).forms[0].overall_goal.value == GOAL


def test_a_goal_under_term_subheaders_is_the_years_text() -> None:
    rows = [r for r in ROWS if not r.startswith("总体目标")]
    rows[11:11] = ["项目绩效目标\t项目总目标\t年度总体目标", f"三年内建成河道长效管护机制。\t{GOAL}"]
    assert jixiao.extract_text(_piped(rows)).forms[0].overall_goal.value == GOAL


SPENDING = ["2023年项目支出绩效目标表", "项目支出名称\t社区养老服务补助\t预算部门\t市民政局",
            "年度本级预算金额\t250万\t该项目支出上级资金\t0", "项目支出实施期\t2023.07-2024.01",
            "实施期绩效目标\t实施期内建成社区养老服务站，形成长效运营机制。",
            "本年度绩效目标\t年内建成养老服务站3个，服务老年人不少于600人次。",
            "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t建成服务站数量\t≥3个",
            "\t质量指标\t验收合格率\t100%"]  # fmt: skip


def test_a_spending_declarations_labels_amounts_and_year_goal() -> None:
    """项目支出名称 / 预算部门, this level's and the upper level's money with 万 in the cell, a
    term row that is not money, the year's goal after the term's (the `labels` shape's
    ``declaration`` parameter)."""
    form = jixiao.extract_text("\n".join(SPENDING) + "\n").forms[0]
    assert form.header.project_name.value == "社区养老服务补助"
    assert form.header.department.value == "市民政局"
    assert [(f.role, f.label.value, f.budget.value) for f in form.funds] == [
        ("county", "年度本级预算金额", 250), ("central_provincial", "该项目支出上级资金", 0)]
    assert form.overall_goal.value == "年内建成养老服务站3个，服务老年人不少于600人次。"
