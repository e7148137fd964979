"""Score-sheet rows that lost their empty cells (web pages copied with space runs or pipes, the
``spaced`` and ``pipes`` shapes): text cells go under the header's text columns in order and a
narrow row's labels and rules are told apart by type (``rules/score_narrow.py``)."""

from __future__ import annotations

from decimal import Decimal

from extractor.pipeline import extract_text
from schemas import DeptScoreSheet, ProjectScoreSheet

Item = tuple[str, str, str, Decimal | None, str, Decimal | None, str]


def _items(text: str) -> list[Item]:
    [form] = extract_text(text, "sheet.txt").forms
    assert isinstance(form, (ProjectScoreSheet, DeptScoreSheet))
    return [(i.level1.value or "", i.level2.value or "", i.name.value or "", i.weight.value,
             i.criteria.value or "", i.score.value, i.note.value or "") for i in form.items]


RULE_A = "完成率达到100%得满分，未达到按比例计分。"
RULE_B = "资料齐全、程序规范得满分，否则酌情扣分。"

# fictional; a 分值 column, merged label cells dropped, space runs between cells
SPACED = f"""某县农村公路养护资金绩效评价评分表
一级指标   二级指标   三级指标   分值   评分标准   自评得分   扣分原因
项目决策   项目立项   立项依据充分性   5   {RULE_A}   5
立项程序规范性   5   {RULE_B}   4   个别支出进度滞后
  绩效目标   绩效目标合理性   5   {RULE_A}   5
合计   15   14
"""


def test_spaced_rows_put_their_rule_under_the_rule_column() -> None:
    assert _items(SPACED) == [
        ("项目决策", "项目立项", "立项依据充分性", Decimal(5), RULE_A, Decimal(5), ""),
        ("项目决策", "项目立项", "立项程序规范性", Decimal(5), RULE_B, Decimal(4), "个别支出进度滞后"),
        ("项目决策", "绩效目标", "绩效目标合理性", Decimal(5), RULE_A, Decimal(5), ""),
    ]


# no 分值 column: the points are in the names; a pipe row's empty cells dropped and padded at its end
PIPES = f"""某县水利局2021年度部门整体支出绩效评价评分表
| 一级指标 | 二级指标 | 三级指标 | 评分标准 | 自评得分 | 扣分原因 |
| 部门决策 | 目标设定 | 绩效目标合理性（10分） | {RULE_A} | 10 |  |
| 绩效指标明确性（5分） | {RULE_B} | 4.5 | 部分资料不完整 |||
| 预算配置 | 在职人员控制率（5分） | {RULE_A} | 5 |||
| 合计 | 19.5 |||||
"""


def test_pipe_rows_with_names_stating_points_keep_their_levels() -> None:
    assert _items(PIPES) == [
        ("部门决策", "目标设定", "绩效目标合理性", Decimal(10), RULE_A, Decimal(10), ""),
        ("部门决策", "目标设定", "绩效指标明确性", Decimal(5), RULE_B, Decimal("4.5"), "部分资料不完整"),
        ("部门决策", "预算配置", "在职人员控制率", Decimal(5), RULE_A, Decimal(5), ""),
    ]


# a blank template (no figures), empty cells dropped
BLANK = f"""某县水利局2021年度部门整体支出绩效评价评分表
一级指标   二级指标   三级指标   评分标准   自评得分
部门决策（15分）   目标设定   绩效目标合理性（10分）   {RULE_A}
绩效指标明确性（5分）   {RULE_B}
"""


def test_blank_template_rows_tell_labels_from_rules() -> None:
    assert _items(BLANK) == [
        ("部门决策", "目标设定", "绩效目标合理性", Decimal(10), RULE_A, None, ""),
        ("部门决策", "目标设定", "绩效指标明确性", Decimal(5), RULE_B, None, ""),
    ]
