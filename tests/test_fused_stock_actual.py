"""County tables whose stock text (达成预期指标, 已完成 …) fills the ACTUAL column, the reason
column empty: the messifier's variant (gold follows the print) and the fused reader on it.  All
inputs are synthetic and invented."""

from __future__ import annotations

import random
from decimal import Decimal

from extractor.layouts.fused.stock import learn_stock
from extractor.pipeline import extract_text
from tests.synth.corpus import make_document
from tests.synth.messify.bare_levels import STOCK_REASONS, bare_levels
from tests.synth.messify.base import sheet_of
from tests.synth.messify.county_fund import county_fund
from tests.test_fused_stock_reason import HEAD

IN_ACTUAL = ("产出指标产出数量巡查覆盖率不低于95%已按计划完成设备配备率100%1000件已按计划完成"
             "产出质量工程质量达到验收标准已按计划完成产出时效完成时间2022年11月底前已按计划完成"
             "效益指标社会效益案件查处率≥90%已按计划完成满意度指标满意度群众满意度≥90%已按计划完成\n")


def test_a_stock_text_in_the_actual_column_is_each_rows_actual_and_its_lone_value_the_target() -> None:
    (form,) = extract_text(HEAD + IN_ACTUAL).forms
    rows = {ind.name.value: ind for ind in form.indicators}
    assert all(ind.actual.value is not None and ind.actual.value.text == "已按计划完成" for ind in rows.values())
    assert all(ind.deviation_reason.value is None for ind in rows.values())
    assert rows["巡查覆盖率"].target.value is not None and rows["巡查覆盖率"].target.value.value == Decimal(95)
    deadline = rows["完成时间"].target.value  # a date before the stock text is the target, not the actual
    assert deadline is not None and deadline.text == "2022年11月底前"
    # two figures before the stock text: which is the target is unknowable, so neither is read, flagged
    assert rows["设备配备率"].target.value is None
    assert any(f.code == "LAYOUT_ROW_AMBIGUOUS" for f in form.findings)


def test_a_stock_reason_after_bare_figures_stays_the_reason() -> None:
    # units in the name column, each row's target and actual run together as one bare figure:
    # one value or two cannot be told, so the rows are no evidence for the stock text's column
    rows = ("产出指标产出数量发放补助人数（人）≥189196已完成开展宣传次数（次）≥2020已完成"
            "产出质量补助发放准确率（%）≥8686已完成效益指标社会效益群众办事便利度逐年提升逐年提升已完成"
            "满意度指标满意度群众满意度（%）≥9095已完成\n")
    (form,) = extract_text(HEAD + rows).forms
    assert all(ind.deviation_reason.value == "已完成" for ind in form.indicators)
    assert all(ind.actual.value is None or ind.actual.value.text != "已完成" for ind in form.indicators)


def test_a_stock_text_no_name_opens_is_learnt_where_a_stretch_ends_with_it_after_figures() -> None:
    tails = ["已按计划完成工程质量达到验收标准已按计划完成", "年已按计划完成", "已按计划完成"]
    text = "≥96%已按计划完成|不低于198万元已按计划完成…≥81%已按计划完成|≥3年已按计划完成|已按计划完成"
    assert learn_stock([], tails, text, 8) == "已按计划完成"
    assert learn_stock([], tails, text.replace("%", "人"), 8) is None  # never after a figure: not learnt


def test_bare_levels_prints_some_tables_with_the_stock_text_as_actual_and_the_gold_follows() -> None:
    seen = two = 0
    for index in range(60):
        sheet = sheet_of(make_document(7, index, family="national"))
        county_fund(sheet, random.Random(index))
        bare_levels(sheet, random.Random(index))
        for part in sheet.tables():
            assert part.rows is not None and part.form is not None
            gold = sheet.forms[part.form]["indicators"]
            stocks = {(i.get("actual") or {}).get("text") for i in gold} & set(STOCK_REASONS)
            if len(stocks) != 1 or any(i.get("deviation_reason") in STOCK_REASONS for i in gold):
                continue
            seen += 1
            (stock,) = stocks
            assert all((i.get("actual") or {}).get("text") == stock for i in gold)
            text = "".join(t for row in part.rows for t in row).replace(" ", "")
            two += sum(1 for i in gold if "target" not in i)
            assert text.count(stock) >= len(gold)
    assert seen >= 3 and two >= 1
