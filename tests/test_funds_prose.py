"""Funds written as prose in a run-together self-evaluation (``funds_prose``): an amount is read
only where the words make its role certain; figures in brackets are never budget columns."""

from __future__ import annotations

import random
from decimal import Decimal

import jixiao
from extractor.layouts.fused.prose_funds import certain_amount, is_prose
from tests.synth.corpus import make_document
from tests.synth.messify import funds_prose as fp
from tests.synth.messify.base import sheet_of

_HEAD = ("2024年度项目支出绩效自评表项目名称乡村道路维修项目主管部门某县交通局实施单位某县公路站"
         "项目资金(万元)年初预算数全年预算数全年执行数分值执行率得分")
_GOALS = ("年度总体目标预期目标实际完成情况完成道路维修8公里完成道路维修8公里"
          "一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施"
          "产出指标数量指标维修里程≥8公里8公里 50 50 满意度指标服务对象满意度指标群众满意度≥90%95% 50 50 总分 100 100")
# invented: the total after its colon, a sentence per budget column, the sources run together
PROSE = (_HEAD + "年度资金总额:26.40万元乡村道路维修项目26.40万元(道路养护资金20万元,自筹资金6.40万元)"
         "26.40万元(道路养护资金20万元,自筹资金6.40万元)26.40万元(道路养护资金20万元,自筹资金6.40万元)"
         "其中:财政拨款道路养护资金20万元其他资金自筹资金6.40万元" + _GOALS)
# invented: no colon after the total label, so which amount is the total's is not stated
UNSURE = (_HEAD + "年度资金总额乡村道路维修项目26.40万元(道路养护资金20万元,自筹资金6.40万元)"
          "26.40万元(道路养护资金20万元,自筹资金6.40万元)" + _GOALS)


def test_prose_funds_read_only_certain_amounts() -> None:
    form = jixiao.extract_text(PROSE).forms[0]
    funds = {f.role: f for f in form.funds}
    assert funds["total"].budget.value == Decimal("26.40")
    assert funds["total"].initial_budget.value is None and funds["total"].executed.value is None
    assert funds["fiscal"].budget.value == Decimal("20")
    assert funds["other"].budget.value == Decimal("6.40")


def test_prose_funds_without_a_certain_role_are_flagged_not_read() -> None:
    form = jixiao.extract_text(UNSURE).forms[0]
    assert all(getattr(f, k).value is None for f in form.funds for k in ("initial_budget", "budget", "executed"))
    assert any(f.code == "LAYOUT_FUNDS_AMBIGUOUS" for f in form.findings)


def test_prose_funds_under_no_budget_column_are_flagged_not_read() -> None:
    # the header names 年初预算数 and 全年执行数 only: the sentence repeated per column stands for both
    text = PROSE.replace("年初预算数全年预算数全年执行数", "年初预算数全年执行数")
    form = jixiao.extract_text(text).forms[0]
    assert all(getattr(f, k).value is None for f in form.funds for k in ("initial_budget", "budget", "executed"))
    assert any(f.code == "LAYOUT_FUNDS_AMBIGUOUS" for f in form.findings)


def test_certain_amount_rules() -> None:
    assert is_prose("38.75万元某项目38.75万元(甲资金37万元)")
    assert not is_prose("38.7538.7537") and not is_prose("38.75万元38.75万元37万元") and is_prose("20万元")
    assert certain_amount("年度资金总额:", "38.75万元某项目", "total") == (0, 5)
    assert certain_amount("年度资金总额", "某项目38.75万元", "total") is None
    assert certain_amount("财政拨款", "甲资金37万元", "fiscal") == (3, 5)
    assert certain_amount("财政拨款", "甲资金37万元(乙资金1万元)", "fiscal") is None


def test_messifier_prints_prose_and_keeps_only_stated_amounts(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(fp, "SHARE", 1.0)
    printed = 0
    for k in range(12):
        sheet = sheet_of(make_document("national", k, 0))
        before = [repr(f.get("funds")) for f in sheet.forms]
        fp.funds_prose(sheet, random.Random(k))
        cells = [t for p in sheet.tables() for row in p.rows or [] for t in row]
        for form, was in zip(sheet.forms, before, strict=True):
            total = next((f for f in form.get("funds") or [] if f["role"] == "total"), None)
            if total is None or repr(form.get("funds")) == was:
                continue
            printed += 1
            assert set(total) == {"role", "label", "budget"}
            assert any(t.startswith(f"{total['label']}{total['budget']}") for t in cells)
            assert all(set(f) <= {"role", "label", "budget"} for f in form["funds"])
    assert printed >= 3
