"""Score sheets pasted one cell per line with each row's cells permuted (the ``scrambled`` shape):
``rules/score_order.py`` cuts the stream into rows and puts each row back in its header's order."""

from __future__ import annotations

from decimal import Decimal

from extractor.ingest import ingest_text
from extractor.layouts import segment
from extractor.pipeline import extract_text
from extractor.rules.score_order import restore_score_rows
from schemas import DeptScoreSheet, ProjectScoreSheet

# fictional; the header rotated (自评得分 … first), rows in order, rotated, or short cells first
ROWS = [
    ["自评得分", "一级指标", "二级指标", "三级指标", "分值", "评分标准"],
    ["项目决策", "项目立项", "立项依据充分性", "10", "完成率达到100%得满分，未达到按比例计分。", "10"],
    ["完成率达到100%得满分，未达到按比例计分。", "5", "立项程序规范性", "5"],  # rotated
    ["绩效目标", "绩效目标合理性", "5", "4", "资料齐全、程序规范得满分，否则酌情扣分。"],  # short first
    ["绩效指标明确性", "5", "资料齐全、程序规范得满分，否则酌情扣分。", "5"],
    ["项目过程", "资金管理", "资金到位率", "10", "以100%为标准，每低于1个百分点扣0.5分。", "9"],
    ["5", "预算执行率", "5", "制度健全且有效执行得满分；制度不健全扣2分。"],  # rotated
    ["资金使用合规性", "5", "5", "符合要求得满分，每发现一处问题扣1分，扣完为止。"],  # short first
    ["合计", "45", "43"],
]
TEXT = "某县农村公路养护资金绩效评价评分表\n" + "\n".join(c for row in ROWS for c in row) + "\n"


def _items(text: str) -> list[tuple[str, str, str, Decimal | None, Decimal | None]]:
    [form] = extract_text(text, "sheet.txt").forms
    assert isinstance(form, (ProjectScoreSheet, DeptScoreSheet))
    return [(i.level1.value or "", i.level2.value or "", i.name.value or "", i.weight.value, i.score.value)
            for i in form.items]


def test_permuted_rows_are_put_back_in_header_order() -> None:
    assert _items(TEXT) == [
        ("项目决策", "项目立项", "立项依据充分性", Decimal(10), Decimal(10)),
        ("项目决策", "项目立项", "立项程序规范性", Decimal(5), Decimal(5)),
        ("项目决策", "绩效目标", "绩效目标合理性", Decimal(5), Decimal(4)),
        ("项目决策", "绩效目标", "绩效指标明确性", Decimal(5), Decimal(5)),
        ("项目过程", "资金管理", "资金到位率", Decimal(10), Decimal(9)),
        ("项目过程", "资金管理", "预算执行率", Decimal(5), Decimal(5)),
        ("项目过程", "资金管理", "资金使用合规性", Decimal(5), Decimal(5)),
    ]


def test_rules_follow_their_rows() -> None:
    [form] = extract_text(TEXT, "sheet.txt").forms
    assert isinstance(form, ProjectScoreSheet)
    by_name = {i.name.value: i.criteria.value for i in form.items}
    assert by_name["预算执行率"] == "制度健全且有效执行得满分；制度不健全扣2分。"
    assert by_name["资金使用合规性"] == "符合要求得满分，每发现一处问题扣1分，扣完为止。"
    assert form.totals.score.value == Decimal(43)


IN_ORDER = [["一级指标", "二级指标", "三级指标", "分值", "评分标准", "自评得分"],
            ["项目决策", "项目立项", "立项依据充分性", "10", "完成率达到100%得满分，未达到按比例计分。", "10"],
            ["立项程序规范性", "5", "完成率达到100%得满分，未达到按比例计分。", "5"],
            ["绩效目标", "绩效目标合理性", "5", "资料齐全、程序规范得满分，否则酌情扣分。", "4"],
            ["绩效指标明确性", "5", "资料齐全、程序规范得满分，否则酌情扣分。", "5"],
            ["合计", "25", "24"]]
IN_ORDER_NAMES = ["立项依据充分性", "立项程序规范性", "绩效目标合理性", "绩效指标明确性"]


def test_in_order_stream_between_pipes_is_left_to_the_stream_reader() -> None:
    """Cells closed by a lone ``|`` (dev 44) keep their empty cells: the stream reader reads them."""
    lines = [f"{c}\n|" for row in IN_ORDER for c in row]
    text = "某县农村公路养护资金绩效评价评分表\n" + "\n".join(lines) + "\n"
    segmented = [r for c in segment(ingest_text(text, "sheet.txt")) for r in c.rows]
    assert restore_score_rows(segmented) is None  # nothing to reorder: the stream reader reads it
    assert [n for _, _, n, _, _ in _items(text)] == IN_ORDER_NAMES


def test_in_order_plain_lines_are_cut_in_header_order() -> None:
    """Plain cell lines (a web page pasted as text) print nothing for an empty cell, so even in
    order the stream is cut by the header: the rows come back as printed."""
    for gap in ("\n", "\n\n"):
        text = "某县农村公路养护资金绩效评价评分表\n" + gap.join(c for row in IN_ORDER for c in row) + "\n"
        segmented = [r for c in segment(ingest_text(text, "sheet.txt")) for r in c.rows]
        restored = restore_score_rows(segmented)
        assert restored is not None and not restored.ambiguous
        assert [n for _, _, n, _, _ in _items(text)] == IN_ORDER_NAMES


# fictional department sheet: a 序号 column, 一级/二级 printed on every row (long 一级 labels print
# after the short 二级 word when short cells come first), no 分值 column (the points in the name)
DEPT_ROWS = [
    ["序号", "一级指标", "二级指标", "三级指标", "评分标准", "自评得分"],
    ["1", "部门决策（20分）", "目标设定", "绩效目标合理性（5分）", "制度健全且有效执行得满分；制度不健全扣2分。", "5"],
    ["2", "目标设定", "5", "部门决策（20分）", "绩效指标明确性（5分）", "完成率达到100%得满分，未达到按比例计分。"],
    ["以100%为标准，每低于1个百分点扣0.5分。", "4", "3", "部门决策（20分）", "预算配置", "在职人员控制率（10分）"],
    ["4", "部门管理（45分）", "预算执行", "预算完成率（5分）", "资料齐全、程序规范得满分，否则酌情扣分。", "5"],
    ["5", "预算执行", "3", "部门管理（45分）", "预算调整率（5分）", "资料齐全、程序规范得满分，否则酌情扣分。"],
    ["合计", "22"],
]


def test_serial_numbers_and_repeated_levels_cut_the_rows() -> None:
    text = "某局部门整体支出绩效评价评分表\n" + "\n".join(c for row in DEPT_ROWS for c in row) + "\n"
    assert [(a, b, n, s) for a, b, n, _, s in _items(text)] == [
        ("部门决策", "目标设定", "绩效目标合理性", Decimal(5)),
        ("部门决策", "目标设定", "绩效指标明确性", Decimal(5)),
        ("部门决策", "预算配置", "在职人员控制率", Decimal(4)),
        ("部门管理", "预算执行", "预算完成率", Decimal(5)),
        ("部门管理", "预算执行", "预算调整率", Decimal(3)),
    ]


# fictional: merged 一级 printed once; the first row rotated so that its rubric heading comes last
RUBRIC_ROWS = [
    ["一级指标", "二级指标", "三级指标", "评分标准", "自评得分"],
    ["目标设定", "绩效目标合理性（5分）", "完成率达到100%得满分，未达到按比例计分。", "5", "部门决策（20分）"],
    ["绩效指标明确性（5分）", "资料齐全、程序规范得满分，否则酌情扣分。", "4"],
    ["预算配置", "在职人员控制率（10分）", "以100%为标准，每低于1个百分点扣0.5分。", "9"],
    ["5", "部门管理（45分）", "预算执行", "预算完成率（5分）", "制度健全且有效执行得满分；制度不健全扣2分。"],
    ["预算调整率（5分）", "资料齐全、程序规范得满分，否则酌情扣分。", "3"],
    ["合计", "26"],
]


def test_rubric_headings_stand_in_the_first_level_column() -> None:
    text = "某局部门整体支出绩效评价评分表\n" + "\n".join(c for row in RUBRIC_ROWS for c in row) + "\n"
    assert [(a, b, n, s) for a, b, n, _, s in _items(text)] == [
        ("部门决策", "目标设定", "绩效目标合理性", Decimal(5)),
        ("部门决策", "目标设定", "绩效指标明确性", Decimal(4)),
        ("部门决策", "预算配置", "在职人员控制率", Decimal(9)),
        ("部门管理", "预算执行", "预算完成率", Decimal(5)),
        ("部门管理", "预算执行", "预算调整率", Decimal(3)),
    ]


# fictional: 扣分原因 printed after a deducted score, the next row's cells rotated behind it
NOTE_ROWS = [
    ["一级指标", "二级指标", "三级指标", "分值", "评分标准", "自评得分", "扣分原因"],
    ["项目产出", "产出", "实际完成率", "5", "资料齐全、程序规范得满分，否则酌情扣分。", "4.5", "部分资料不完整"],
    ["5", "制度健全且有效执行得满分；制度不健全扣2分。", "5", "质量达标率"],  # rotated
    ["完成及时性", "5", "5", "以100%为标准，每低于1个百分点扣0.5分。"],  # short first
    ["项目效益", "实施效益", "社会效益", "10", "完成率达到100%得满分，未达到按比例计分。", "9", "个别支出进度滞后"],
    ["满意度", "5", "5", "符合要求得满分，每发现一处问题扣1分，扣完为止。"],
    ["合计", "30", "28.5"],
]


def test_notes_stay_with_the_deducted_row() -> None:
    text = "某项目绩效评价指标体系及评分表\n" + "\n".join(c for row in NOTE_ROWS for c in row) + "\n"
    [form] = extract_text(text, "sheet.txt").forms
    assert isinstance(form, (ProjectScoreSheet, DeptScoreSheet))
    assert [(i.level2.value, i.name.value, i.score.value, i.note.value) for i in form.items] == [
        ("产出", "实际完成率", Decimal("4.5"), "部分资料不完整"),
        ("产出", "质量达标率", Decimal(5), None),
        ("产出", "完成及时性", Decimal(5), None),
        ("实施效益", "社会效益", Decimal(9), "个别支出进度滞后"),
        ("实施效益", "满意度", Decimal(5), None),
    ]
