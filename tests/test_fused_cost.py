"""A target form's cost composition run together (``fused/cost.py``), its gold (``messify/cost_block``)
and the validator's closing 合计 (eval/gold/README.md: cost items are line items, 合计 a total)."""

from __future__ import annotations

import random
from decimal import Decimal

from extractor.layouts.fused.cost import read_cost
from extractor.layouts.fused.text import clean_text
from extractor.pipeline import extract_text
from tests.synth.corpus import make_document
from tests.synth.messify.base import sheet_of

HEAD = ("主管部门审核意见单位公章:年月 日2022年项目支出绩效目标表项目名称社区安保服务项目主管部门某区民政局"
        "实施单位某街道办事处项目类别其他项目性质经常性项目立项依据某某文件")
TAIL = ("绩效目标保障社区安全运行,提升居民满意度。绩效指标保障绩效目标实现措施一级指标二级指标绩效标准"
        "当年预期实现值产出指标数量指标服务社区数量≥12个质量指标安保覆盖率≥92%效益指标社会效益指标"
        "治安案件下降率≥10%满意度指标居民满意度≥90%\n")
PRIORS = ("项目预算成本构成金额测算(公式)依据2020年实际执行数2021年实际执行数保安服务费191依据招标文件191191"
          "物业管理费300按10人×2万元测算280.5290保洁费323按合同金额191.48313.55合计814662.98794.55")


def _funds(text: str) -> list[tuple[str, str | None, Decimal | None]]:
    form = extract_text(text).forms[0]
    return [(row.role, row.label.value, row.budget.value) for row in form.funds]


def test_glued_items_with_prior_years_are_cut_by_the_total_and_the_prior_sums() -> None:
    assert _funds(HEAD + PRIORS + TAIL) == [
        ("line_item", "保安服务费", Decimal("191")), ("line_item", "物业管理费", Decimal("300")),
        ("line_item", "保洁费", Decimal("323")), ("total", "合计", Decimal("814"))]


def test_the_title_after_the_sign_off_and_the_standard_column_read() -> None:
    form = extract_text(HEAD + PRIORS + TAIL).forms[0]
    assert form.header.title.value == "2022年项目支出绩效目标表"
    assert [ind.name.value for ind in form.indicators] == ["服务社区数量", "安保覆盖率", "治安案件下降率", "居民满意度"]


def test_items_that_do_not_add_up_are_flagged_not_read() -> None:
    text = HEAD + PRIORS.replace("合计814", "合计815") + TAIL
    form = extract_text(text).forms[0]
    assert form.funds == []
    assert "LAYOUT_COST_AMBIGUOUS" in [f.code for f in form.findings]


def test_without_prior_years_a_label_after_a_basis_needs_both_word_ends() -> None:
    block = ("项目预算成本构成成本构成金额测算(公式)依据设备购置费20按采购计划测算租赁费12.5按合同金额文化活动经费7.5"
             "参照上年做法合计40")
    assert _funds(HEAD + block + TAIL) == [
        ("line_item", "设备购置费", Decimal("20")), ("line_item", "租赁费", Decimal("12.5")),
        ("line_item", None, Decimal("7.5")), ("total", "合计", Decimal("40"))]


def test_two_choices_of_amounts_read_nothing() -> None:
    # 10 + 5 + 5 = 20 or 10 + 10 = 20: the basis figure 10 may be the second amount
    block = "项目预算成本构成成本构成金额测算(公式)依据培训费10按10人测算差旅费5按合同金额材料费5按合同金额合计20"
    t = clean_text(block + "绩效目标")
    assert read_cost(t, (0, len(block))).unread is not None


def test_a_page_marker_in_an_amount_leaves_that_amount_only() -> None:
    block = "项目预算成本构成成本构成金额测算(公式)依据培训费10按采购计划测算差旅费5\n2、按合同金额合计15"
    ct = clean_text("1、" + block + "绩效目标")
    got = read_cost(ct, (0, ct.text.index("绩效目标")))
    assert got.unread is None and got.total is not None
    assert [item.amount is None for item in got.items] == [False, True]


def test_the_validator_sums_cost_items_to_their_own_total() -> None:
    funds = "资金情况(万元)年度资金总额:814其中:财政拨款814"
    text = HEAD.replace("项目类别其他项目性质经常性项目立项依据某某文件", funds) + PRIORS + TAIL
    form = extract_text(text).forms[0]
    assert [row.role for row in form.funds] == ["total", "fiscal", "line_item", "line_item", "line_item", "total"]
    assert "FUNDS_TOTAL_MISMATCH" not in [f.code for f in form.findings]  # 814 = 814, 191 + 300 + 323 = 814


def test_cost_block_gold_lists_items_and_names_the_misprint() -> None:
    from tests.synth.messify.cost_block import certain_cost_total, cost_block

    seen_mismatch = seen_priors = 0
    for seed in range(40):
        sheet = sheet_of(make_document(5, seed % 4, family="national_project_target"))
        cost_block(sheet, random.Random(seed))
        for part, form in sheet.tables_of("project_target"):
            rows = part.rows or []
            head = next((r for r, row in enumerate(rows) if row[0] == "项目预算成本构成"), None)
            if head is None:
                continue
            end = next(r for r in range(head, len(rows)) if rows[r][1] == "合计")
            items = [e for e in form["funds"] if e["role"] == "line_item"]
            assert 2 <= len(items) <= 6 and [e["label"] for e in items] == [row[1] for row in rows[head + 1:end]]
            adds_up = sum(Decimal(e["budget"]) for e in items) == Decimal(form["funds"][-1]["budget"])
            n = sum(1 for e in form["funds"] if e["role"] == "total")
            path = "funds[total].budget" if n == 1 else f"funds[total#{n}].budget"
            named = any(f["code"] == "FUNDS_TOTAL_MISMATCH" and f["field"] == path and f["form"] == part.form
                        for f in sheet.findings)
            assert adds_up != named
            seen_mismatch += not adds_up
            cols = [c for c in range(2, len(rows[end])) if rows[end][c].strip()]
            if len(cols) > 1:
                seen_priors += 1
                assert certain_cost_total(form, rows[end], cols) == adds_up
    assert seen_mismatch and seen_priors


def test_a_rate_whose_sign_was_read_as_2_is_flagged_not_read() -> None:
    form = extract_text((HEAD + PRIORS + TAIL).replace("≥92%", "292%")).forms[0]
    assert [ind.target.value is None for ind in form.indicators] == [False, True, False, False]
    assert "LAYOUT_CELL_GARBLED" in [f.code for f in form.findings]
    form = extract_text((HEAD + PRIORS + TAIL).replace("≥92%", "25%")).forms[0]
    assert form.indicators[1].target.value is not None  # 25%: a two-digit rate is read


def test_ge_slips_print_2_for_the_sign_and_keep_the_gold() -> None:
    from tests.synth.messify.ge_slips import ge_slips

    rows = [["安保覆盖率", "≥92%", "10"]] * 30
    rows = [list(r) for r in rows]
    ge_slips(rows, random.Random(3))
    printed = {row[1] for row in rows}
    assert printed == {"≥92%", "292%"}
