"""A Sichuan 项目支出绩效目标申报表 on a web page, its rows as space-separated lines
(``messify/sichuan_page.py``): funds parts with their amount one space after the label, 预算单位,
wrapped goal and 一级 labels, the page footer after the form."""

from __future__ import annotations

import random

import jixiao
from extractor.grid import Cell
from extractor.ingest.text_grid import label_and_figure
from extractor.segment.label_wrap import join_wrapped_labels
from extractor.segment.types import Row
from extractor.vocab import is_level_word
from extractor.vocab.page import is_page_furniture
from tests.synth.corpus import make_document
from tests.synth.messify import messify
from tests.synth.messify.base import sheet_of
from tests.synth.messify.sichuan_page import declaration

_PAGE = "\n".join([
    "首页 > 信息公开 > 财政预决算 > 部门预算", "", "某区卫生健康局某某补助经费绩效目标",
    "发布时间:2023-03-11 来源:某区卫生健康局", "", "项目支出绩效目标申报表", "(2023年度)",
    "项目名称 某某公共卫生服务补助经费", "预算单位 某区卫生健康局", "项目资金(万元) 年度资金总额 金额(万元)",
    "   (一)财政拨款小计 8.40", "       1、一般公共预算 6.30", "       2、政府性基金 2.10",
    "       3、国有资本经营预算 0.00", "   (二)自有资金小计 0.00", "       1、事业收入 0.00",
    "       2、经营性收入 0.00", "   (三)其他收入 0.00", "总体", "目标", "年度目标",
    " 为辖区常住居民提供某某公共卫生服务，完成年度服务任务，提高居民健康水平，群众满意度稳步提升。",
    "绩效指标 一级指标 二级指标 三级指标 指标值(包含数字及文字描述)", "项目完成", "指标",
    " 数量指标 建立健康档案人数 63人", " 资金拨付时间 12月底到位", " 质量指标 建档合格率 ≥95%",
    "项目效益", "指标 社会效益指标 居民健康水平 逐步提高", "满意度指标 满意度指标 受益群众满意度 ≥90%",
    "【打印本页】 【关闭窗口】", "上一篇：某区2023年部门预算公开",
]) + "\n"


def test_label_and_figure_cuts_only_a_worded_label_before_a_figure() -> None:
    assert [t for t, _ in label_and_figure("   (一)财政拨款小计 8.40") or []] == ["(一)财政拨款小计", "8.40"]
    assert [t for t, _ in label_and_figure("  1、一般公共预算 6.30") or []] == ["1、一般公共预算", "6.30"]
    assert [t for t, _ in label_and_figure("资金拨付 12月底到位") or []] == ["资金拨付", "12月底到位"]
    assert [t for t, _ in label_and_figure("发放人数 >=1641人") or []] == ["发放人数", ">=1641人"]
    for line in ("服务机制 长期", "12月 8.40", "(2023 年度)", "项目名称", "某某 8.40 9.00", "某某  8.40"):
        assert label_and_figure(line) is None, line


def _row(*texts: str) -> Row:
    return Row([Cell(t, 0, k) for k, t in enumerate(texts)], "t1")


def test_wrapped_labels_join_the_next_rows_first_cell() -> None:
    rows = join_wrapped_labels([_row("项目完成"), _row("指标", "数量指标", "某某人数", "63人"), _row("项目效益"),
                                _row("指标"), _row("总体"), _row("目标 年度目标"), _row("产出指标"), _row("数量指标")])
    assert [r.nonblank for r in rows] == [["项目完成指标", "数量指标", "某某人数", "63人"], ["项目效益指标"],
                                          ["总体目标 年度目标"], ["产出指标"], ["数量指标"]]
    assert is_level_word("项目完成指标") and not is_level_word("项目效益")  # a rubric's 项目效益 stays none
    assert [r.nonblank for r in join_wrapped_labels([_row("维修"), _row("指标1", "x")])] == [["维修"], ["指标1", "x"]]


def test_sichuan_page_reads_funds_unit_goal_and_levels() -> None:
    assert is_page_furniture("【打印本页】 【关闭窗口】")
    (form,) = jixiao.extract_text(_PAGE).forms
    assert form.schema_name == "project_target"
    assert form.header.unit_name.value == "某区卫生健康局"
    assert form.header.project_name.value == "某某公共卫生服务补助经费"
    funds = [(f.role, f.label.value, str(f.budget.value) if f.budget.value is not None else None) for f in form.funds]
    assert funds[:4] == [("total", "年度资金总额", None), ("fiscal", "(一)财政拨款小计", "8.40"),
                         ("line_item", "1、一般公共预算", "6.30"), ("line_item", "2、政府性基金", "2.10")]
    assert ("unit_funds", "(二)自有资金小计", "0.00") in funds and funds[-1] == ("other", "(三)其他收入", "0.00")
    assert form.overall_goal.value is not None and form.overall_goal.value.startswith("为辖区常住居民")
    rows = [(i.level1.value, i.level2.value, i.name.value) for i in form.indicators]
    assert rows[:3] == [("项目完成指标", "数量指标", "建立健康档案人数"), ("项目完成指标", "数量指标", "资金拨付时间"),
                        ("项目完成指标", "质量指标", "建档合格率")]
    assert ("项目效益指标", "社会效益指标", "居民健康水平") in rows
    assert rows[-1] == ("满意度指标", "满意度指标", "受益群众满意度")
    assert form.indicators[1].target.value is not None and form.indicators[1].target.value.text == "12月底到位"
    assert not any("打印" in (i.name.value or "") or "上一篇" in (i.name.value or "") for i in form.indicators)


def test_sichuan_template_follows_its_print_in_the_gold() -> None:
    for index in range(10, 40):
        doc = make_document(18, index, family="national_project_target")
        sheet = sheet_of(doc)
        lines = declaration(sheet, random.Random(index))
        if lines is None:
            continue
        text = "\n".join(lines)
        for form in sheet.forms:
            assert "weight" not in str(form.get("indicators")) and "totals" not in form and "groups" not in form
            assert form["header"]["title"] in text and form["header"].get("unit_name", "") in text
            for fund in form["funds"]:
                assert fund["label"] in text
                if "budget" in fund:
                    assert f"{fund['label']} {fund['budget']}" in text or fund["role"] == "total"
            for row in form["indicators"]:
                assert row["name"] in text and row["target"]["text"] in text
        return
    raise AssertionError("no document drew the template")


def test_web_lines_prints_the_template_for_some_target_pages() -> None:
    docs = [make_document(18, i, family="chongqing_project_target") for i in range(10, 30)]
    assert any("项目支出绩效目标申报表" in messify(d, "web_lines", 18).text for d in docs)
