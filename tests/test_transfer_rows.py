"""A central transfer payment's self-evaluation page printed one row per line (``transfer_rows``,
``tests/synth/messify/transfer_page.py``): its title wrapped before the year, funds of three columns
glued to their label, rows ending in their points under a header that names a target and an actual."""

from __future__ import annotations

import re
from decimal import Decimal

from extractor.layouts.fused.points_tail import points_run
from extractor.pipeline import extract_text
from extractor.vocab.figure_runs import cuttings, funds_rule, spent
from tests.synth.corpus import available_families, make_document
from tests.synth.messify import messify

SEED = 18
DOCS = [make_document(SEED, i) for i in range(len(available_families()))]
TEXTS = [messify(doc, "transfer_rows", seed) for doc in DOCS for seed in range(3)]

# fictional: a county's road-maintenance transfer payment, one row per line
PAGE = """   农村公路养护补助资金绩效目标自评
(2021年度)
转移支付(项目)名称农村公路养护补助资金
中央主管部门财政部
地方主管部门某县交通运输局资金使用单位某县交通运输局
项目资金
(万元)

全年预算数(A)全年执行数(B)预算执行率(B/A)
年度资金总额:25002500100%
 其中:中央补助25002500100%
地方资金

总体目标完成情况总体目标全年实际完成情况
完成农村公路养护任务。已完成农村公路养护任务。

绩效指标一级
指标
二级指标三级指标指标值全年实际完成值未完成原因和改进措施



产出指标数量指标养护农村公路里程120公里1515


质量指标路面技术状况持续改善1010

时效指标完成及时率≥95%1010

效益指标经济效益
指标
对沿线经济的带动作用1010
社会效益指标受益群众人数≥20001010
满意度指标服务对象满意度指标群众满意度≥90%1515
"""


def _transfer_forms() -> list[dict]:  # type: ignore[type-arg]
    return [f for m in TEXTS for f in m.forms if str(f.get("header", {}).get("title", "")).endswith("年度)")
            or str(f.get("header", {}).get("title", "")).endswith("年度）")]


def test_the_shape_prints_the_wrapped_title_and_three_funds_columns() -> None:
    forms = _transfer_forms()
    assert forms, "no transfer page drawn"
    for m in TEXTS:
        for form in m.forms:
            title = str(form.get("header", {}).get("title", ""))
            if not re.search(r"绩效目标自评[(（]\d{4}年度[)）]$", title):
                continue
            name, year = re.match(r"(.*自评)([(（].*)", title).groups()  # type: ignore[union-attr]
            assert re.search(re.escape(name) + r"\n+" + re.escape(year), m.text.replace(" ", ""))  # year below
            assert "年初预算数" not in m.text.replace(" ", "")
            assert all(k not in row for row in form.get("funds") or [] for k in ("initial_budget", "weight"))


def test_gold_keeps_names_levels_and_certain_targets_never_points() -> None:
    for form in _transfer_forms():
        assert "totals" not in form
        for ind in form.get("indicators") or []:
            assert set(ind) <= {"level1", "level2", "name", "target"}
            target = ind.get("target")
            if isinstance(target, dict) and isinstance(target.get("text"), str):
                assert not target["text"][-1].isdigit()  # a target ending in a digit runs into the points


def test_whole_amounts_spent_in_full_are_drawn_and_kept() -> None:
    whole = [row for form in _transfer_forms() for row in form.get("funds") or [] if row.get("rate") == "100"
             and "." not in str(row.get("budget"))]
    assert whole and all(row["budget"] == row["executed"] for row in whole)


def test_a_rate_above_zero_is_preferred_to_its_zero_twin() -> None:
    cells = [("budget", "num"), ("executed", "num"), ("rate", "pct")]
    run = "25002500100%"
    choices = [list(range(1, len(run))), list(range(1, len(run)))]
    assert cuttings(run, choices, cells, funds_rule()) is None or len(cuttings(run, choices, cells, funds_rule())) > 1
    assert cuttings(run, choices, cells, funds_rule(), spent) == [(4, 8)]
    assert cuttings("1000000%", [list(range(1, 8))] * 2, cells, funds_rule(), spent) == [(5, 6)]  # nothing spent
    assert spent({"rate": Decimal(0)}) is False and spent({}) is True


def test_points_run_tells_a_weight_and_score_pair() -> None:
    assert points_run("1515") and points_run("55") and points_run("10095")
    assert not points_run("1520")  # 1 | 520 and 15 | 20 both score over the weight
    assert not points_run("15%") and not points_run("05")


def test_the_page_is_read_with_its_title_funds_names_and_no_points_as_actuals() -> None:
    [form] = extract_text(PAGE, "page.txt").forms
    assert form.layout is not None and form.layout.name == "fused"
    assert form.header.title.value == "农村公路养护补助资金绩效目标自评(2021年度)"
    assert form.header.year.value == 2021
    total = form.funds[0]
    assert (total.budget.value, total.executed.value, total.rate.value) == (2500, 2500, 100)
    rows = {i.name.value: i for i in form.indicators}
    assert set(rows) >= {"养护农村公路里程", "路面技术状况", "完成及时率", "群众满意度"}
    assert rows["养护农村公路里程"].level2.value == "数量指标" and rows["养护农村公路里程"].level1.value == "产出指标"
    assert rows["养护农村公路里程"].target.value is not None and rows["养护农村公路里程"].target.value.text == "120公里"
    assert rows["路面技术状况"].target.value is not None and rows["路面技术状况"].target.value.text == "持续改善"
    assert all(i.actual.value is None and i.weight.value is None for i in form.indicators)
    assert rows["受益群众人数"].target.value is None  # ≥2000 runs into 1010: its end is not printed
    assert "LAYOUT_ROW_AMBIGUOUS" in [f.code for f in form.findings]


def test_a_header_with_points_columns_still_reads_its_actuals() -> None:
    page = PAGE.replace("二级指标三级指标指标值全年实际完成值未完成原因和改进措施",
                        "二级指标三级指标指标值全年实际完成值分值得分未完成原因和改进措施").replace(
        "养护农村公路里程120公里1515", "养护农村公路里程120公里120公里1515")
    [form] = extract_text(page, "page.txt").forms
    row = next(i for i in form.indicators if i.name.value == "养护农村公路里程")
    assert row.actual.value is not None and row.actual.value.text == "120公里"
    assert row.weight.value == 15
