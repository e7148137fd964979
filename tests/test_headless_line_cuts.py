"""One-line tails (shape ``truncated_runon``): cuts the print makes certain, and the rows left
unread where it does not (examples invented)."""

from __future__ import annotations

from decimal import Decimal

import jixiao

# a target table: weights glued after a unit, a unit column printed alone, a deadline target, a
# 定性 target with its weight glued, and a unitless target run into its weight (only the name read)
TARGET = ("产出指标数量指标维修设施数量=18处5养护道路里程>=342公里 35 时效指标项目完成时间7月前 5 "
          "成本指标人均补助标准≤90 % 10 "
          "满意度指标服务对象满意度指标受益对象满意度（%）≥8810 效益指标社会效益指标服务保障能力定性明显提升25\n")
# a self-evaluation: an actual in its unit with the 分值 glued, an actual glued to the 分值 with no unit,
# a 分值 of three figures that is no 分值 (955), a deadline and the date it was met run together
EVALUATION = ("产出指标数量指标补助发放准确率≧100% 100%50 50 质量指标资金拨付及时率（%）≥99 9915 15 "
              "成本指标公用经费控制率（%）≦95 955 5 时效指标项目完成时间2019年11月底前9月28日 10 10 总分 100 100\n")


def _indicators(text: str) -> list[jixiao.Indicator]:
    result = jixiao.extract_text(text)
    assert len(result.forms) == 1
    return result.forms[0].indicators


def test_target_table_cuts() -> None:
    rows = [(i.name.value, i.target.value.text if i.target.value else None, i.weight.value)
            for i in _indicators(TARGET)]
    assert rows == [  # the table prints a nature column (定性): each operator is that column's
        ("维修设施数量", "18处", Decimal(5)),
        ("养护道路里程", "342公里", Decimal(35)),  # the weight glued to the next row's name: cut after the unit
        ("项目完成时间", "7月前", Decimal(5)),
        ("人均补助标准", "90", Decimal(10)),
        ("受益对象满意度（%）", None, None),  # 88 | 10 or 8 | 810: not printed
        ("服务保障能力", "明显提升", Decimal(25)),
    ]


def test_evaluation_cuts() -> None:
    rows = [(i.name.value, i.actual.value.text if i.actual.value else None, i.weight.value, i.score.value)
            for i in _indicators(EVALUATION)]
    assert rows[0] == ("补助发放准确率", "100%", Decimal(50), Decimal(50))
    assert rows[1] == ("资金拨付及时率（%）", "99", Decimal(15), Decimal(15))
    assert rows[2][0] == "公用经费控制率（%）" and rows[2][2] != Decimal(955)  # 95 | 5 | 5, or left unread
    deadline = _indicators(EVALUATION)[3]
    assert deadline.name.value == "项目完成时间" and deadline.target.value is not None
    assert deadline.target.value.text == "2019年11月底前"
    assert deadline.actual.value is not None and deadline.actual.value.text == "9月28日"


def test_paragraph_tail_read() -> None:
    """A tail with few spaces reaches segmentation as one paragraph: cut at its spaces, read."""
    text = ("绩效指标产出指标数量指标建设面积≧545亩555亩 6060绩效指标效益指标经济效益指标带动农户增收≧237万元224万元"
            " 2018.9受天气影响工期延后，已督促加快实施。总分100 78.9\n")
    rows = [(i.name.value, i.weight.value, i.score.value) for i in _indicators(text)]
    assert rows == [("建设面积", Decimal(60), Decimal(60)), ("带动农户增收", Decimal(20), Decimal("18.9"))]


def test_one_line_tail_read_whole() -> None:
    """A one-line tail whose first row prints no level word: read from its first row (segmentation's
    re-rowing of the line left that row out)."""
    text = ("发放补助人数≥ 6104人6662人 10 10 质量指标工程质量定性达到验收标准达到验收标准 10 10 "
            "补助发放准确率≥99 %100% 10 10 合计 30 30 评价结论项目总体完成较好。\n")
    names = [i.name.value for i in _indicators(text)]
    assert names == ["发放补助人数", "工程质量", "补助发放准确率"]
