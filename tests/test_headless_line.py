"""A table's tail printed on one line (shape ``truncated_runon``): the rows re-rowed only where
each is certain, read without a header, the missing header flagged and never guessed."""

from __future__ import annotations

from decimal import Decimal

import jixiao
from tests.synth.corpus import available_families, make_document
from tests.synth.messify import messify

# invented: the last rows of a self-evaluation, its total and its closing rows on one line
TAIL = ("产出指标数量指标检测批次≥40批次 15 复查次数≤3次 15 时效指标按期完成率=100% 20 "
        "效益指标社会效益指标抽检合格率(合格批次/抽检批次)≥95% 30 合计80 评价结论按期完成。存在问题无改进措施无")
# the same with a qualitative row whose name and target cannot be cut apart, and actuals glued in their unit
MIXED = ("产出指标数量指标检测批次≥40批次42批次 15 15 质量指标检测规范符合要求基本符合 10 10 "
         "时效指标按期完成率=100%100% 20 18 进度偏慢，将加快。效益指标社会效益指标群众知晓率≥90%91% 30 30 "
         "总分 75 73 评价结论基本完成。")


def _form(text: str) -> jixiao.FormRecord:
    result = jixiao.extract_text(text)
    assert len(result.forms) == 1
    return result.forms[0]


def test_tail_line_read_where_certain() -> None:
    form = _form(TAIL)
    assert form.schema_name == "project_self_eval"  # no actuals, but closed by 评价结论
    rows = [(i.level1.value, i.level2.value, i.name.value, i.target.value.text if i.target.value else None,
             i.weight.value) for i in form.indicators]
    assert rows == [
        ("产出指标", "数量指标", "检测批次", "≥40批次", Decimal("15")),
        ("产出指标", "数量指标", "复查次数", "≤3次", Decimal("15")),
        ("产出指标", "时效指标", "按期完成率", "=100%", Decimal("20")),
        ("效益指标", "社会效益指标", "抽检合格率(合格批次/抽检批次)", "≥95%", Decimal("30")),
    ]
    assert form.totals.weight.value == Decimal("80")
    assert "LAYOUT_HEADERLESS_TABLE" in {f.code for f in form.findings}
    assert form.header.title.value is None  # never a guessed header


def test_uncertain_row_left_out_its_level_words_carried() -> None:
    form = _form(MIXED)
    names = [i.name.value for i in form.indicators]
    assert names == ["检测批次", "按期完成率", "群众知晓率"]  # 检测规范符合要求基本符合: name and target not cut
    second = form.indicators[1]
    assert second.level1.value == "产出指标" and second.level2.value == "时效指标"
    assert second.actual.value is not None and second.actual.value.text == "100%"
    assert second.weight.value == Decimal("20") and second.score.value == Decimal("18")
    assert second.deviation_reason.value == "进度偏慢，将加快。"
    assert form.indicators[2].level1.value == "效益指标"


def test_total_fused_with_a_figure_reads_nothing() -> None:
    form = _form(TAIL.replace("合计80", "合计8095"))
    assert form.indicators == []


def test_truncated_runon_is_one_line_and_keeps_printed_values() -> None:
    for family in available_families()[:6]:
        doc = make_document(family, 5, 0)
        messy = messify(doc, "truncated_runon", 3)
        body = messy.text.strip()
        assert "\n" not in body or family.endswith("score_sheet")
        for form in messy.forms:
            for row in form.get("indicators") or []:
                assert row["name"] in messy.text


# invented: the tail above runs straight on into a run-together form with its title and header
NEXT_FORM = ("2023年度项目支出绩效自评表项目名称道路养护项目主管部门某县交通局实施单位某县公路站"
             "一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施"
             "产出指标数量指标养护里程≥100公里100公里 50 50 满意度指标服务对象满意度指标群众满意度≥90%95% 50 50 "
             "总分 100 100")


def test_tail_before_a_run_together_form_read_as_its_own_form() -> None:
    result = jixiao.extract_text(TAIL.split(" 合计80")[0] + " 合计80 " + NEXT_FORM)
    assert [f.layout.name if f.layout else None for f in result.forms] == ["table", "fused"]
    tail, form = result.forms
    assert [i.name.value for i in tail.indicators][:2] == ["检测批次", "复查次数"]
    assert tail.header.title.value is None and "LAYOUT_HEADERLESS_TABLE" in {f.code for f in tail.findings}
    assert form.header.title.value == "2023年度项目支出绩效自评表"
    assert "养护里程" in [i.name.value for i in form.indicators]


# invented: a target table's tail (no total row): one weight after each row's target
TARGET_TAIL = ("成本指标设备采购单价≤12万元 10 时效指标交付时限≤30天 20 "
               "效益指标社会效益指标惠及人数≥500人 30 满意度指标服务对象满意度指标用户满意度≥90% 10")


def test_target_tail_without_total_reads_one_weight_per_row() -> None:
    form = _form(TARGET_TAIL)
    assert form.schema_name == "project_target"
    rows = [(i.level1.value, i.level2.value, i.name.value, i.weight.value) for i in form.indicators]
    assert rows[0] == (None, "成本指标", "设备采购单价", Decimal("10"))  # 成本指标 alone: a 二级 word
    assert rows[2] == ("效益指标", "社会效益指标", "惠及人数", Decimal("30"))


def test_rows_with_actuals_and_no_total_read_nothing() -> None:
    form = _form("产出指标数量指标检测批次≥40批次42批次 15 质量指标合格率≥95%96% 15 时效指标及时率=100%100% 20")
    assert form.indicators == []  # an evaluation's single figure may be two fused: not read


# invented: qualitative rows printing their target and actual alike, figures fused, the total fused
DOUBLED = ("效益指标社会效益指标服务能力明显增强明显增强 15 15群众办事便利度逐年改善逐年改善 1010 "
           "可持续影响指标维护次数≥12次12次 10 8.33 未达预期，将加强维护。总分 3533.33 评价结论基本完成。")


def test_doubled_qualitative_rows_and_fused_figures_read() -> None:
    form = _form(DOUBLED)
    rows = [(i.name.value, i.target.value.text if i.target.value else None,
             i.actual.value.text if i.actual.value else None, i.weight.value, i.score.value) for i in form.indicators]
    assert rows == [
        ("服务能力", "明显增强", "明显增强", Decimal("15"), Decimal("15")),
        ("群众办事便利度", "逐年改善", "逐年改善", Decimal("10"), Decimal("10")),
        ("维护次数", "≥12次", "12次", Decimal("10"), Decimal("8.33")),
    ]
    assert form.totals.weight.value == Decimal("35") and form.totals.score.value == Decimal("33.33")


def test_doubled_text_in_a_target_table_is_not_cut() -> None:
    form = _form("产出指标数量指标培训人次≥300人次 10 质量指标课程质量良好良好 20 时效指标完成时间≤30天 10")
    assert "课程质量" not in [i.name.value for i in form.indicators]  # no actual: 课程质量良好 | 良好 could be


# invented: an operator, a target and a unit printed in columns of their own (a space around the figure)
SPACED = ("产出指标数量指标培训人次≥ 1151 人次1001人次 15 13.05 未完成。质量指标合格率≥ 95% 96% 10 10 "
          "时效指标项目完成时间定性按期按期 5 5 合计 30 28.05 评价结论较好。")


def test_operator_and_unit_columns_read_apart() -> None:
    form = _form(SPACED)
    first, second, third = form.indicators
    assert first.name.value == "培训人次" and first.target.value is not None
    assert first.target.value.value == Decimal("1151") and first.target.value.operator == "≥"
    assert first.actual.value is not None and first.actual.value.text == "1001人次"
    assert first.weight.value == Decimal("15") and first.score.value == Decimal("13.05")
    assert second.target.value is not None and second.target.value.text == "95%"
    assert third.nature.value == "定性" and third.target.value is not None and third.target.value.text == "按期"


def test_header_tail_run_on_before_the_rows_is_no_header() -> None:
    form = _form("得分偏差原因分析及改进措施" + DOUBLED)
    assert [i.name.value for i in form.indicators][:2] == ["服务能力", "群众办事便利度"]
    assert "LAYOUT_HEADERLESS_TABLE" in {f.code for f in form.findings}


# invented: a 衔接资金 tail printing 分值 between the name and the target
WEIGHT_FIRST = ("产出指标数量指标修缮面积 10 ≧280亩301亩 10 质量指标验收结果 15 全部合格全部合格 15 "
                "效益指标社会效益指标受益户数 20 ≧40户36户 18 总分 45 43")


def test_weight_before_target_read_in_print_order() -> None:
    form = _form(WEIGHT_FIRST)
    rows = [(i.name.value, i.target.value.text if i.target.value else None, i.weight.value, i.score.value)
            for i in form.indicators]
    assert rows == [("修缮面积", "≧280亩", Decimal("10"), Decimal("10")),
                    ("验收结果", "全部合格", Decimal("15"), Decimal("15")),
                    ("受益户数", "≧40户", Decimal("20"), Decimal("18"))]
