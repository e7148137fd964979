"""A deviation note after an indicator row's scores, on a one-line export: that row's last cell,
whole or in the pieces its cell wrapped into, never a row (and an indicator) of its own."""

from __future__ import annotations

import jixiao
from extractor.ingest import ingest_text
from extractor.segment import row_stream

_HEAD = ("2021年度项目支出绩效自评表 项目名称 某某补助资金 主管部门 某某局 实施单位 某某站 "
         "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 ")


def _rows(text: str) -> list[list[str]]:
    return [[c.clean for c in r.cells] for r in row_stream(ingest_text(text))]


def test_a_note_in_pieces_after_the_scores_stays_on_its_row() -> None:
    text = _HEAD + ("产出指标 数量指标 建设面积 ≥545亩 555亩 60 60 效益指标 经济效益指标 带动农户增收 ≥237万元 "
                    "224万元 20 18.9 受天气影响 工期延后，已督促 加快实施。 群众满意度 ≥88% 73.1% 10 8.31 "
                    "部分资金尚未拨付到位，下一步将加快支付进度。 总分 100 94.76\n")
    rows = _rows(text)
    assert ["效益指标", "经济效益指标", "带动农户增收", "≥237万元", "224万元", "20", "18.9",
            "受天气影响 工期延后，已督促 加快实施。"] in rows
    assert ["群众满意度", "≥88%", "73.1%", "10", "8.31", "部分资金尚未拨付到位，下一步将加快支付进度。"] in rows
    names = [i.name.value for i in jixiao.extract_text(text).forms[0].indicators]
    assert names == ["建设面积", "带动农户增收", "群众满意度"]


def test_a_name_after_the_scores_still_opens_a_row() -> None:
    # no sentence: the text after the scores is the next indicator's name
    text = _HEAD + "产出指标 数量指标 建设面积 ≥545亩 555亩 60 60 培训人数 ≥100人 120人 30 30 总分 90 90\n"
    assert ["培训人数", "≥100人", "120人", "30", "30"] in _rows(text)


def test_a_label_after_the_funds_figures_is_no_note() -> None:
    # before the indicator header a sentence after figures is a goal, not a note
    text = ("2021年度项目支出绩效自评表 项目名称 某某补助资金 年初预算数 全年预算数 全年执行数 年度资金总额 10 10 9 "
            "年度总体目标 按期完成任务， 提升服务能力。 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
            "产出指标 数量指标 建设面积 ≥545亩 555亩 60 60 总分 60 60\n")
    assert not any("提升服务能力。" in cell and "年度总体目标" in cell for row in _rows(text) for cell in row)


def test_a_funds_label_cut_before_its_tail_is_one_label() -> None:
    # ``财政专户管理`` names the source alone; its wrapped tail ``资金`` names none and is no row's label
    text = ("2023年度部门预算项目支出绩效自评表 项目名称 某某建设 主管部门 某某局 实施单位 某某馆 项目资金（万元） "
            "年初预算 调整后预算数 预算执行数 预算执行率 权重 得分 年度资金总额 759.25 795.90 715.54 77.27% 10 8.99 "
            "其中：财政拨款 458.82 480.97 432.41 - - - 财政专户管理 资金 300.43 314.93 283.13 - - - "
            "年度总体目标 预期目标 实际完成目标 按期完成任务，提升服务能力。 单位运转正常，基本达到预期目标。 "
            "一级指标 二级指标 三级指标 指标性质 指标值 度量单位 实际完成值 权重 得分 原因 "
            "产出指标 数量指标 建设面积 ≥ 545 亩 555亩 90 90 合计 100 98.99\n")
    rows = _rows(text)
    assert ["财政专户管理 资金", "300.43", "314.93", "283.13", "-", "-", "-"] in rows
    assert ["年度总体目标", "预期目标", "实际完成目标"] in rows
