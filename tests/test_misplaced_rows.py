"""A figure in a level column or as a name, or a form label as a name, is a misplaced row
(rules/misplaced_rows.py)."""

from __future__ import annotations

from extractor.pipeline import extract_text
from extractor.rules.misplaced_rows import is_figure_label, is_form_label, refuse_misplaced_rows
from schemas.common import Finding, Indicator, SourceRef, Value


def _v(text: str, row: int) -> Value[str]:
    return Value[str](value=text, raw=text, source=[SourceRef(grid_id="t1", row=row, col=0)])


def _ind(l1: str, l2: str, name: str, row: int) -> Indicator:
    return Indicator(level1=_v(l1, row), level2=_v(l2, row), name=_v(name, row))


def test_figures_and_words() -> None:
    for text in ("≥98%", "250万", ">=570元/人*月", "5", "≥80M", "10辆", "0.9‰"):
        assert is_figure_label(text), text
    for text in ("产出指标", "数量指标", "培训人次", "2021年完成率", "满意度≥90%的人数", "", None):
        assert not is_figure_label(text), text


def test_a_figure_level_is_emptied_and_a_figure_name_taken_out() -> None:
    rows = [_ind("产出指标", "数量指标", "培训人次", 1), _ind("产出指标", "≥98%", "合格率", 2),
            _ind("5", "数量指标", "250万", 3), _ind("效益指标", "社会效益", "就业人数", 4)]
    reader = [Finding(code="LAYOUT_ROW_AMBIGUOUS", severity="warning", message_zh="", message_en="",
                      fields=["indicators[3].target"]),
              Finding(code="LAYOUT_ROW_AMBIGUOUS", severity="warning", message_zh="", message_en="",
                      fields=["indicators[2].name"])]
    kept, findings = refuse_misplaced_rows(rows, reader)
    assert [i.name.value for i in kept] == ["培训人次", "合格率", "就业人数"]
    assert kept[1].level2.value is None and kept[1].level1.value == "产出指标"
    assert findings[0].fields == ["indicators[2].target"]  # renumbered past the row taken out
    assert findings[1].fields == ["indicators"]  # it pointed at the row taken out
    refused = [f for f in findings if f.code == "LAYOUT_FIGURE_AS_LABEL"]
    assert [f.fields for f in refused] == [["indicators[1].level2"], ["indicators"]]
    assert refused[1].cells == [SourceRef(grid_id="t1", row=3, col=0)]


def test_nothing_to_refuse_leaves_the_lists_alone() -> None:
    rows = [_ind("产出指标", "数量指标", "培训人次", 1)]
    kept, findings = refuse_misplaced_rows(rows, [])
    assert kept is rows and findings == []


def test_every_layout_gets_the_check() -> None:
    """A pipe row shifted one cell left puts its target under 二级指标: the level is refused."""
    text = ("2023年度项目支出绩效自评表\n项目名称 | 道路养护\n"
            "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分\n"
            "产出指标 | 数量指标 | 养护里程 | 120公里 | 120公里 | 50 | 50\n"
            "≥95% | 路面合格率 | ≥95% | 96% | 50 | 50\n")
    form = extract_text(text).forms[0]
    assert all(not is_figure_label(i.level2.value) and not is_figure_label(i.name.value)
               for i in form.indicators)  # type: ignore[union-attr]
    assert [f.code for f in form.findings].count("LAYOUT_FIGURE_AS_LABEL") == 1
    assert form.indicators[1].name.value == "路面合格率"  # type: ignore[union-attr]


def test_form_labels_are_no_names() -> None:
    for text in ("指标", "绩效", "產出", "年度績效目標", "项目年度目标:", "财政部门审核意见",
                 "财政资金管理科室(盖章) 年 月 日"):
        assert is_form_label(text), text
    for text in ("满意度", "服务对象满意度", "预算执行率", "目标完成率", "成本控制率", "产出数量", ""):
        assert not is_form_label(text), text
    rows = [_ind("产出指标", "数量指标", "培训人次", 1), _ind("产出指标", "数量指标", "指标", 2)]
    kept, findings = refuse_misplaced_rows(rows, [])
    assert [i.name.value for i in kept] == ["培训人次"]
    assert [(f.code, f.fields) for f in findings] == [("LAYOUT_LABEL_AS_NAME", ["indicators"])]
