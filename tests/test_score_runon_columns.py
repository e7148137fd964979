"""Score sheets run together with their header's columns (序号 … 分值 评分标准 自评得分 扣分原因):
``score_runon.columns`` reads each row in that order; what the stream does not settle is flagged."""

from __future__ import annotations

from decimal import Decimal

from extractor.ingest import ingest_text
from extractor.layouts import REGISTRY, segment
from extractor.layouts.score_runon.text import marker_spans
from extractor.pipeline import extract_text

_LEAD = "为加强财政资金管理，现将本单位整体支出2023年度绩效目标及完成情况公开如下。"
_SERIAL = (
    "法律援助经费绩效评价指标体系及评分表序 号一 级 指 标二 级 指 标三 级 指 标分 值评 分 标 准自 评 得 分扣 分 原 因"
    "1项目决策项目立项立项依据充分性5以100%为标准，每低于1个百分点扣0.5分。3.5制度执行存在薄弱环节"
    "2立项程序规范性5完成率达到100%得满分，未达到按比例计分。4.5部分指标未量化"
    "3绩效目标绩效目标合理性5以100%为标准，每低于1个百分点扣0.5分。54绩效指标明确性1、10资料齐全得满分。10"
    "5项目过程资金管理资金到位率75完成率达到100%得满分，未达到按比例计分。72、合计10092"
)


def _items(form: object) -> list[tuple[object, ...]]:
    return [(i.level1.value, i.level2.value, i.name.value, i.weight.value, i.score.value, i.note.value)
            for i in form.items]  # type: ignore[attr-defined]


def test_a_serial_sheet_is_read_in_its_header_order() -> None:
    (chunk,) = segment(ingest_text(_LEAD + _SERIAL))
    assert REGISTRY.choose(chunk).layout.name == "score_runon"
    (form,) = extract_text(_LEAD + _SERIAL).forms
    assert form.header.title.value == "法律援助经费绩效评价指标体系及评分表"
    assert _items(form) == [
        ("项目决策", "项目立项", "立项依据充分性", Decimal(5), Decimal("3.5"), "制度执行存在薄弱环节"),
        ("项目决策", "项目立项", "立项程序规范性", Decimal(5), Decimal("4.5"), "部分指标未量化"),
        # ``54`` and ``105``: the score ran into the next 序号; ``1、10``: the weight touches a page marker
        ("项目决策", "绩效目标", "绩效目标合理性", Decimal(5), None, None),
        ("项目决策", "绩效目标", "绩效指标明确性", None, None, None),
        ("项目过程", "资金管理", "资金到位率", Decimal(75), None, None),  # ``72、``: the score touches a marker
    ]
    codes = [f.code for f in form.findings]
    assert "LAYOUT_SCORE_RUN_ON" in codes and "LAYOUT_FIGURES_FUSED" in codes
    assert (form.totals.weight.value, form.totals.score.value) == (Decimal(100), Decimal(92))


def test_labels_glued_to_a_note_are_cut_at_the_rubric_names() -> None:
    text = (_LEAD + "义务教育公用经费绩效评价指标体系及评分表一级指标二级指标三级指标分值评分标准自评得分扣分原因"
            "项目决策（20分）项目立项立项依据充分性10以100%为标准，每低于1个百分点扣0.5分。9部分资料不完整"
            "绩效目标绩效目标合理性10符合要求得满分，每发现一处问题扣1分，扣完为止。10"
            "项目过程资金管理资金到位率40完成率达到100%得满分。39个别支出进度滞后资金使用合规性40符合要求得满分。40"
            "合计10098")
    (form,) = extract_text(text).forms
    assert _items(form) == [
        ("项目决策", "项目立项", "立项依据充分性", Decimal(10), Decimal(9), "部分资料不完整"),
        ("项目决策", "绩效目标", "绩效目标合理性", Decimal(10), Decimal(10), None),
        ("项目过程", "资金管理", "资金到位率", Decimal(40), Decimal(39), None),
    ]  # 资金使用 is a 二级 name too: after a shortfall, note and name cannot be told apart
    assert [(g.name, g.stated_weight.value) for g in form.groups] == [("项目决策", Decimal(20))]
    assert (form.totals.weight.value, form.totals.score.value) == (Decimal(100), Decimal(98))
    codes = [f.code for f in form.findings]
    assert "LAYOUT_SCORE_ITEM_UNREAD" in codes
    # the unread row's weight and score are unknown: the totals are not checked against the rows read
    assert "TOTAL_WEIGHT_MISMATCH" not in codes and "SCORE_SHEET_TOTAL_MISMATCH" not in codes


def test_points_in_the_labels_and_a_blank_template() -> None:
    text = (_LEAD + "乡村振兴衔接资金项目绩效评价指标体系及评分表"
            "一 级 指 标二 级 指 标三 级 指 标评 分 标 准自 评 得 分"
            "项目决策（30分）项目立项立项依据充分性（5分）资料齐全、程序规范得满分，否则酌情扣分。"
            "立项程序规范性（5分）制度健全且有效执行得满分；制度不健全扣2分。"
            "绩效目标绩效目标合理性（20分）以100%为标准，每低于1个百分点扣0.5分。")
    (form,) = extract_text(text).forms
    assert _items(form) == [
        ("项目决策", "项目立项", "立项依据充分性", Decimal(5), None, None),
        ("项目决策", "项目立项", "立项程序规范性", Decimal(5), None, None),
        ("项目决策", "绩效目标", "绩效目标合理性", Decimal(20), None, None),
    ]
    assert form.items[1].criteria.value == "制度健全且有效执行得满分；制度不健全扣2分。"


def test_sheets_run_into_each_other_are_cut_apart() -> None:
    one = ("一级指标二级指标三级指标分值评分标准自评得分扣分原因项目决策项目立项立项依据充分性40符合要求得满分。40"
           "立项程序规范性10符合要求得满分。10绩效目标绩效目标合理性50符合要求得满分。50合计100100")
    text = _LEAD + "动物防疫补助经费绩效评价指标体系及评分表" + one + "农村公路养护资金绩效评价指标体系及评分表" + one
    forms = extract_text(text).forms
    assert [f.header.title.value for f in forms] == ["动物防疫补助经费绩效评价指标体系及评分表",
                                                      "农村公路养护资金绩效评价指标体系及评分表"]
    assert all(len(f.items) == 3 and f.totals.score.value == Decimal(100) for f in forms)


def test_page_markers_count_up_from_the_first_one_printed() -> None:
    text = "扣1分。51、部门管理…扣完为止。52、部门绩效"
    assert [text[a:b] for a, b in marker_spans(text)] == ["1、", "2、"]
    assert marker_spans("依据：1、文件齐全") == []  # a lone 1、 is a list item as likely as a page
    assert [text[a:b] for text in ["合计100903、动物"] for a, b in marker_spans(text)] == ["3、"]


def test_a_note_the_sheet_printed_before_is_cut_again() -> None:
    text = (_LEAD + "义务教育公用经费绩效评价指标体系及评分表一级指标二级指标三级指标分值评分标准自评得分扣分原因"
            "项目决策项目立项立项依据充分性30符合要求得满分。29部分资料不完整"
            "绩效目标绩效目标合理性30符合要求得满分。29部分资料不完整绩效指标明确性40符合要求得满分。40合计10098")
    (form,) = extract_text(text).forms
    assert [(i.name.value, i.note.value) for i in form.items] == [
        ("立项依据充分性", "部分资料不完整"), ("绩效目标合理性", "部分资料不完整"), ("绩效指标明确性", None)]
    assert "LAYOUT_SCORE_ITEM_UNREAD" not in [f.code for f in form.findings]


# invented: the 一级 column OCR'd out of order, its header word (指级一标), its cells and the 合计 cell with it
_GARBLED = (
    "法律援助经费绩效评价指标体系及评分表序 号指级一标二 级 指 标三 级 指 标分 值评 分 标 准自 评 得 分扣 分 原 因"
    "1目（策分5）项决1项目立项立项依据充分性5以100%为标准，每低于1个百分点扣0.5分。3.5制度执行存在薄弱环节"
    "2立项程序规范性5完成率达到100%得满分，未达到按比例计分。5"
    "3程项目过资金管理资金到位率5完成率达到100%得满分，未达到按比例计分。5计合1513.5"
)


def test_garbled_level1_cells_read_as_the_one_name_they_spell() -> None:
    form = extract_text(_LEAD + _GARBLED).forms[0]
    assert form.layout is not None and form.layout.name == "score_runon"
    assert [(i.level1.value, i.level2.value, i.name.value, i.weight.value) for i in form.items] == [
        ("项目决策", "项目立项", "立项依据充分性", Decimal(5)),
        ("项目决策", "项目立项", "立项程序规范性", Decimal(5)),
        ("项目过程", "资金管理", "资金到位率", Decimal(5)),
    ]
    assert not form.groups  # the points' digits came out of order: not read
    assert form.totals.weight.value == Decimal(15)
    assert any(f.code == "LAYOUT_LEVEL1_GARBLED" for f in form.findings)
