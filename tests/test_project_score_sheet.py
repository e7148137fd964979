"""Project score sheets (项目支出绩效评价指标体系 / 打分表) are a form type of their own: typed by
title or by the rubric's 一级 headings, read by the score-sheet layout, validated like the
department sheet (item ≤ weight, subtotals, total = Σ items, weights = 100)."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

import pytest

from eval.goldfile import check_gold
from extractor.classify import classify_title, classify_vocabulary
from extractor.pipeline import extract_text
from schemas import FORM_TYPES, ProjectScoreSheet

FIXTURES = Path(__file__).parent / "fixtures" / "score_sheets"
SCORED = (FIXTURES / "project_scored.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(("title", "kind"), [
    ("某县2023年度项目支出绩效评价指标体系（评分表）", "project_score_sheet"),
    ("项目支出绩效评价打分表", "project_score_sheet"),
    ("2017年部门整体支出绩效评价得分表", "dept_score_sheet"),
    ("部门整体绩效自评打分表", "dept_score_sheet"),
    ("某区2022年项目绩效目标审批表", "project_target"),
])
def test_title_names_the_type(title: str, kind: str) -> None:
    assert classify_title(title) == kind


def test_a_title_naming_neither_department_nor_project_is_typed_by_its_rubric() -> None:
    title = "义务教育公用经费绩效评价指标体系及评分表"
    text = SCORED.replace("某县2023年度项目支出绩效评价指标体系（评分表）", title)
    (form,) = extract_text(text).forms
    assert form.schema_name == "project_score_sheet" and form.header.title.value == title


def test_untitled_rubric_is_typed_from_its_level1_headings() -> None:
    words = ["一级指标", "二级指标", "三级指标", "分值", "得分", "项目决策", "项目立项", "项目过程", "资金管理"]
    assert classify_vocabulary(words)[0] == "project_score_sheet"
    spaced = ["一 级 指 标", "分 值", "评 分 标 准", "自 评 得 分", "项目决策", "项目立项", "项目过程"]
    assert classify_vocabulary(spaced)[0] == "project_score_sheet"  # spaced-out labels count
    dept_words = ["一级指标", "指标分值", "计分标准", "自评打分", "部门决策", "预算编制"]
    assert classify_vocabulary(dept_words)[0] == "dept_score_sheet"


def test_untitled_target_form_is_not_a_self_evaluation() -> None:
    words = ["项目名称", "主管部门", "年度绩效目标", "中期目标", "一级指标", "二级指标", "三级指标", "指标值", "完成值"]
    assert classify_vocabulary(words)[0] == "project_target"
    reported = [*words, "实际完成值", "全年执行数"]
    assert classify_vocabulary(reported)[0] == "project_self_eval"


def test_scored_project_sheet_is_read_whole() -> None:
    (form,) = extract_text(SCORED).forms
    assert isinstance(form, ProjectScoreSheet) and form.layout is not None
    assert form.layout.name == "score_sheet"
    assert form.header.project_name.value == "示例乡村道路养护项目"
    assert len(form.items) == 15
    second = form.items[1]
    assert (second.level1.value, second.level2.value, second.name.value) == ("项目决策", "项目立项", "立项程序规范性")
    assert (second.weight.value, second.score.value, second.note.value) == (Decimal(5), Decimal(4), "缺少论证材料")
    assert second.description.value == "是否按规定程序申请设立" and second.criteria.value == "规范得5分"
    assert [(g.level, g.name, g.stated_weight.value) for g in form.groups][:3] == [
        (1, "项目决策", Decimal(20)), (2, "项目立项", Decimal(10)), (2, "绩效目标", Decimal(10))]
    assert (form.totals.weight.value, form.totals.score.value) == (Decimal(100), Decimal("94.5"))
    assert form.findings == []


@pytest.mark.parametrize(("old", "new", "code", "path"), [
    ("立项程序规范性\t5\t是否按规定程序申请设立\t规范得5分\t4",
     "立项程序规范性\t5\t是否按规定程序申请设立\t规范得5分\t6",
     "SCORE_SHEET_ITEM_OVER_WEIGHT", "items[1].score"),
    ("资金管理（12分）", "资金管理（14分）", "GROUP_SUBTOTAL_MISMATCH", "groups[4].stated_weight"),
    ("合计\t\t\t100\t\t\t94.5", "合计\t\t\t100\t\t\t96", "SCORE_SHEET_TOTAL_MISMATCH", "totals.score"),
    ("养护合格率\t10", "养护合格率\t12", "TOTAL_WEIGHT_MISMATCH", "totals.weight"),
])
def test_planted_errors_are_found(old: str, new: str, code: str, path: str) -> None:
    assert old in SCORED
    (form,) = extract_text(SCORED.replace(old, new)).forms
    assert (code, path) in [(f.code, f.fields[0] if f.fields else None) for f in form.findings]


def test_gold_knows_the_type(tmp_path: Path) -> None:
    assert "project_score_sheet" in FORM_TYPES
    source = FIXTURES / "project_scored.txt"
    gold = {"source": str(source), "source_sha256": hashlib.sha256(source.read_bytes()).hexdigest(), "notes": "",
            "forms": [{"schema_name": "project_score_sheet", "layout": "score_sheet", "header": {},
                       "items": [{"level1": "项目决策", "name": "立项依据充分性", "weight": "5", "score": "5"}],
                       "groups": [{"level": 1, "name": "项目决策", "stated_weight": "20"}],
                       "totals": {"weight": "100", "score": "94.5"}}],
            "expected_findings": []}
    assert check_gold(gold) == []


def test_llm_path_asks_with_the_project_rubric_words() -> None:
    from extractor.llm.prompts import load_prompt
    from extractor.llm.responses import ProjectScoreItemRowsWithTotal, ScoreItemRowsWithTotal, answer_model

    assert answer_model("project_score_sheet", "rows") is ProjectScoreItemRowsWithTotal
    assert answer_model("dept_score_sheet", "rows") is ScoreItemRowsWithTotal  # the recorded requests stay as they were
    assert "项目决策" in load_prompt("project_score_sheet").section("rows").instructions


def test_a_target_form_titled_as_an_approval_sheet_is_a_target_form() -> None:
    from extractor.pipeline import extract_path

    (form,) = extract_path(Path(__file__).parent / "fixtures" / "target_chongqing_shenpi.txt").forms
    assert form.schema_name == "project_target"
    assert form.header.title.value == "重庆市示例区2023年项目绩效目标审批表"
    assert form.header.project_name.value == "示例社区养老服务补助"
    assert [i.name.value for i in form.indicators][:2] == ["服务老年人数", "服务合格率"]
