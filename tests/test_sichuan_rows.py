"""Sichuan declaration pages' indicator rows as some pages print them (``messify/sichuan_rows.py``):
the block label on the first row, long punctuated names, deadlines and periods as targets, 二级
words wrapped before their rows."""

from __future__ import annotations

import random

import jixiao
from extractor.grid import Cell
from extractor.ingest.spaced_levels import level_name_target
from extractor.segment.label_wrap import join_wrapped_labels
from extractor.segment.types import Row
from tests.synth.corpus import make_document
from tests.synth.messify import sichuan_rows
from tests.synth.messify.base import sheet_of
from tests.synth.messify.sichuan_page import declaration

_PAGE = "\n".join([
    "首页 > 信息公开 > 财政预决算 > 部门预算", "", "某县民政局某某补贴绩效目标",
    "发布时间:2022-03-11 来源:某县民政局", "",
    "项目支出绩效目标申报表", "(2022年度)", "项目名称 某某困难群众补贴", "预算单位 某县民政局",
    "项目资金(万元) 年度资金总额 12.00", "   (一)财政拨款小计 12.00", "       1、一般公共预算 12.00",
    "   (二)自有资金小计 0.00", "   (三)其他收入 0.00", "总体目标 年度目标",
    " 按时足额发放某某补贴，保障困难群众基本生活。",
    "一级指标 二级指标 三级指标 指标值(包含数字及文字描述)", "绩效指标 项目完成", "指标",
    " 数量指标 对符合条件的困难群众发放某某补贴 120人", " 补贴发放标准、发放方式，按月足额 100%",
    " 时效指标 某某补贴发放时间，按季度 2022年1月-12月", "项目效益", "指标", "社会效益", "指标",
    " 某某群众基本生活保障水平 逐步提高", "满意度指标 满意度指标 受益群众满意度 ≥90%",
    "【打印本页】 【关闭窗口】",
]) + "\n"


def test_a_long_named_row_after_level_words_is_cut_into_its_cells() -> None:
    cells = level_name_target("数量指标 对符合条件的困难群众发放某某补贴 120人")
    assert [t for t, _ in cells or []] == ["数量指标", "对符合条件的困难群众发放某某补贴", "120人"]
    cells = level_name_target(" 绩效指标 项目完成指标 时效指标 某某补贴发放时间，按季度 12月底到位")
    assert [t for t, _ in cells or []] == ["绩效指标", "项目完成指标", "时效指标", "某某补贴发放时间，按季度",
                                           "12月底到位"]
    assert [t for t, _ in level_name_target("质量指标 某某工程验收情况说明 长期") or []][-1] == "长期"
    # a name and a worded target with no level word before them: where the target is a predicate
    assert [t for t, _ in level_name_target("某某群众基本生活保障水平 逐步提高") or []][-1] == "逐步提高"
    for line in ("某某群众基本生活 保障水平", "某某 某某 达标", "某某 长效管护机制",
                 "数量指标 某某 某某 120人", "数量指标  某某 120人",
                 "数量指标 某某 完成了年度全部工作任务并通过验收", "数量指标 质量指标 120人",
                 "某某 数量指标 某某 120人", "数量指标 12月 120人"):
        assert level_name_target(line) is None, line


def _row(*texts: str) -> Row:
    return Row([Cell(t, 0, k, char_start=10 * k) for k, t in enumerate(texts)], "t1")


def test_a_level2_word_wrapped_before_its_rows_joins_whole() -> None:
    rows = join_wrapped_labels([_row("社会效益"), _row("指标"), _row("某某水平", "逐步提高"),
                                _row("服务对象满意度"), _row("指标", "某某满意度", "≥90%"),
                                _row("绩效指标 项目完成"), _row("指标"), _row("数量指标", "某某人数", "63人")])
    assert [r.nonblank for r in rows] == [["社会效益指标"], ["某某水平", "逐步提高"],
                                          ["服务对象满意度指标", "某某满意度", "≥90%"], ["项目完成指标"],
                                          ["数量指标", "某某人数", "63人"]]
    # a whole word, a numbered name and a block label before no level word stay as they are
    for pair in ((_row("社会效益指标"), _row("指标")), (_row("社会效益"), _row("指标1", "x")),
                 (_row("绩效指标 某某"), _row("指标"))):
        assert [r.nonblank for r in join_wrapped_labels(list(pair))] == [r.nonblank for r in pair]


def test_the_page_reads_every_certain_row() -> None:
    (form,) = jixiao.extract_text(_PAGE).forms
    rows = [(i.level1.value, i.level2.value, i.name.value, i.target.value.text if i.target.value else None)
            for i in form.indicators]
    assert rows == [
        ("项目完成指标", "数量指标", "对符合条件的困难群众发放某某补贴", "120人"),
        ("项目完成指标", "数量指标", "补贴发放标准、发放方式，按月足额", "100%"),
        ("项目完成指标", "时效指标", "某某补贴发放时间，按季度", "2022年1月-12月"),
        ("项目效益指标", "社会效益指标", "某某群众基本生活保障水平", "逐步提高"),
        ("满意度指标", "满意度指标", "受益群众满意度", "≥90%"),
    ]


def test_the_template_prints_each_way_with_its_gold() -> None:
    seen: set[str] = set()
    for index in range(10, 80):
        doc = make_document(18, index, family="national_project_target")
        sheet = sheet_of(doc)
        lines = declaration(sheet, random.Random(index))
        if lines is None:
            continue
        text = "\n".join(lines)
        if "\n绩效指标 项目" in text:
            seen.add("block")
        for form in sheet.forms:
            for row in form["indicators"]:
                assert row["name"] in text and row["target"]["text"] in text
                if "，" in row["name"] or "、" in row["name"]:
                    seen.add("phrase")
                if "月-" in row["target"]["text"] or "月底" in row["target"]["text"]:
                    seen.add("period")
                if row["level2"].endswith("指标") and f"\n{row['level2'][:-2]}\n" in text:
                    seen.add("wrap2")
    assert seen == {"block", "phrase", "period", "wrap2"}
    style = sichuan_rows.RowStyle(block_first=True, phrase=0, period=0, wrap2="alone")
    printed = sichuan_rows.block_first(["绩效指标 一级指标 二级指标", "项目完成"], style)
    assert printed == ["一级指标 二级指标", "绩效指标 项目完成"]
    assert sichuan_rows.level2_lines("社会效益指标", style, True) == (["社会效益", "指标"], "")
    assert sichuan_rows.level2_lines("数量指标", style, True) == ([], "数量指标")
