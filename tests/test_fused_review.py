"""The review-column rubric run together (``extractor/layouts/fused/review.py``): names and 一级
words read, figures only where the group's printed points make their cut certain."""

from __future__ import annotations

from decimal import Decimal

from extractor.layouts.fused.review import find_review

HEAD = "自评总分:97项目权重评价内容分值自评分复核分评价标准及依据"


def _rows(t: str) -> list[tuple[str, str, Decimal | None, Decimal | None]]:
    table = find_review(t)
    assert table is not None
    return [(r.level1, t[r.name[0]:r.name[1]],
             r.weight[1] if r.weight else None, r.score[1] if r.score else None) for r in table.rows]


def test_rows_read_with_their_group_points() -> None:
    t = (HEAD + "项目决策2分决策依据22有年度计划计2分,没有不得分。"
         "项目管理13分财务制度33制度健全计3分。资金使用1010使用合规计10分。")
    table = find_review(t)
    assert table is not None and table.total is not None and table.total[1] == 97
    assert t[:table.start] == ""  # the form's other parts end at the total line
    assert [(g[0], g[2]) for g in table.groups] == [("项目决策", 2), ("项目管理", 13)]
    assert _rows(t) == [("项目决策", "决策依据", 2, 2), ("项目管理", "财务制度", 3, 3),
                        ("项目管理", "资金使用", 10, 10)]


def test_a_split_the_points_do_not_settle_is_left_unread() -> None:
    # 1510 may be 15 | 10 or 151 | 0 … the points (25) allow 15 | 10 only with the next row 10 | 10
    ok = HEAD + "项目产出25分甲指标1510完成得分。乙指标1010完成得分。"
    assert _rows(ok) == [("项目产出", "甲指标", 15, 10), ("项目产出", "乙指标", 10, 10)]
    # points that no reading adds up to: every row keeps its name only
    bad = HEAD + "项目产出99分甲指标1510完成得分。乙指标1010完成得分。"
    assert _rows(bad) == [("项目产出", "甲指标", None, None), ("项目产出", "乙指标", None, None)]


def test_figures_against_a_numbered_criterion_are_not_read() -> None:
    # ``331、单位…``: is the run 3|3 before ``1、`` or 3|31? not read, the name kept
    t = HEAD + "项目管理6分财务制度331、单位制度1分;2、项目制度2分。资金使用33合规计3分。"
    assert _rows(t) == [("项目管理", "财务制度", None, None), ("项目管理", "资金使用", 3, 3)]


def test_no_header_no_table() -> None:
    assert find_review("项目决策2分决策依据22有年度计划计2分。") is None
