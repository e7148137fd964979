"""Run-together rows whose 二级 words lack 指标 and whose reason column repeats one stock text
(``达成预期指标``, ``已完成``, ``无``): the messifier's parameter (gold follows the print) and the
fused reader on it.  All inputs are synthetic and invented."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from decimal import Decimal

from extractor.layouts.fused.stock import bare_level2, learn_stock
from extractor.pipeline import extract_text
from tests.synth.corpus import make_document
from tests.synth.messify.bare_levels import LEVEL2_BARE, STOCK_REASONS, bare_levels
from tests.synth.messify.base import sheet_of
from tests.synth.messify.county_fund import county_fund

HEAD = ("2022年度县级专项资金绩效目标自评表专项资金名称村道维护资金负责人及电话王明 13900001111"
        "县级主管部门南岭县交通运输局实施单位南岭县公路所项目资金(万元)全年预算数(A)全年执行数(B)"
        "执行率(B/A)年度资金总额80.5060.3074.91%年度总体目标年初设定目标全年实际完成情况完成维护任务。"
        "已完成维护任务。绩效指标一级指标二级指标三级指标年初目标值实际完成值未完成原因及改进措施")
ROWS = ("产出指标产出数量设备配备率100%98%达成预期指标监控维护率≥4个5个达成预期指标"
        "产出时效完成时间2022年11月底前2022年10月达成预期指标维修道路长度≥8公里达成预期指标达成预期指标"
        "效益指标社会效益群众出行便利度明显提升明显提升达成预期指标"
        "满意度指标满意度群众满意度≥90%93%达成预期指标\n")


def _form():  # type: ignore[no-untyped-def]
    (form,) = extract_text(HEAD + ROWS).forms
    return form


def test_stock_reason_is_cut_from_the_next_name_and_read_as_each_rows_reason() -> None:
    form = _form()
    names = [ind.name.value for ind in form.indicators]
    assert names == ["设备配备率", "监控维护率", "完成时间", "维修道路长度", "群众出行便利度", "群众满意度"]
    assert all(ind.deviation_reason.value == "达成预期指标" for ind in form.indicators)


def test_bare_level2_words_open_their_groups_first_name() -> None:
    form = _form()
    levels = [(ind.level1.value, ind.level2.value) for ind in form.indicators]
    assert levels == [("产出指标", "产出数量"), ("产出指标", "产出数量"), ("产出指标", "产出时效"),
                      ("产出指标", "产出时效"), ("效益指标", "社会效益"), ("满意度指标", "满意度")]


def test_a_lone_figure_before_the_stock_text_twice_is_the_target_and_the_stock_the_actual() -> None:
    row = _form().indicators[3]
    assert row.target.value.value == Decimal("8") and row.target.value.operator == "≥"
    assert row.actual.value.text == "达成预期指标" and row.actual.value.value is None


def test_a_lone_bare_figure_is_flagged_never_read_as_the_actual() -> None:
    text = HEAD + ROWS.replace("≥8公里达成预期指标达成预期指标", "不低于9595达成预期指标")
    (form,) = extract_text(text).forms
    row = next(ind for ind in form.indicators if ind.name.value == "维修道路长度")
    assert row.actual.value is None and row.target.value is None
    assert "LAYOUT_FIGURES_FUSED" in [f.code for f in form.findings]


def test_learn_stock_needs_confirmation_and_keeps_shared_name_prefixes() -> None:
    names = ["项目完成率", "项目验收合格率", "资金到位率", "项目成本控制"]
    assert learn_stock(names, [], "|".join(["经费执行率", *names]), 5, ("经费执行率",)) is None  # 项目: a name's word
    names = ["已完成培训人次", "已完成群众满意度", "已完成验收合格率"]
    assert learn_stock(names, ["已完成"], "|".join(names), 4, ("设施数量",)) == "已完成"
    names = ["无指标2:发放人数", "无社会效益指标1:受益人数", "无指标2:群众满意度"]
    assert learn_stock(names, [], "|".join(names), 5, ("产出数量指标1:设施数量",)) == "无"


def test_bare_level2_only_under_its_own_group_or_after_a_scrambled_level1() -> None:
    assert bare_level2("产出数量设备配备率", "产出指标") == (4, "产出数量", "产出指标")
    assert bare_level2("社会效益受益人数", "产出指标") is None  # not 产出's word
    assert bare_level2("满意度", "满意度指标") is None  # a name of its own, nothing after the word
    assert bare_level2("标产指出产出数量养护里程", None) == (8, "产出数量", "产出指标")


def test_bare_levels_reprints_county_fund_tables_and_the_gold_follows() -> None:
    seen = 0
    for index in range(30):
        doc = make_document(7, index, family="national")
        sheet = sheet_of(doc)
        county_fund(sheet, random.Random(index))
        bare_levels(sheet, random.Random(index))
        for part in sheet.tables():
            assert part.rows is not None and part.form is not None
            text = "".join(t for row in part.rows for t in row).replace(" ", "")
            gold = sheet.forms[part.form]
            stock = [s for s in STOCK_REASONS if text.count(s) >= 3]
            if not any(v in text for v in LEVEL2_BARE.values()) or not stock:
                continue
            seen += 1
            for ind in gold["indicators"]:
                assert ind["name"].replace(" ", "") in text
                assert ind.get("level2") not in LEVEL2_BARE  # every 二级 word printed bare
                if ind.get("deviation_reason") in STOCK_REASONS:
                    assert ind["deviation_reason"] in text
                actual = ind.get("actual") or {}
                assert actual.get("text", "").replace(" ", "") in text
    assert seen >= 3


def test_a_title_run_into_the_last_rows_stock_text_starts_after_it() -> None:
    second = ("青山区林业站2022年度县级专项资金绩效目标自评表专项资金名称林区防火资金负责人及电话李明 13900002222"
              "县级主管部门南岭县林业局实施单位青山区林业站项目资金(万元)全年预算数(A)全年执行数(B)执行率(B/A)"
              "年度资金总额40.0030.0075%年度总体目标年初设定目标全年实际完成情况完成防火任务。已完成防火任务。"
              "绩效指标一级指标二级指标三级指标年初目标值实际完成值未完成原因及改进措施"
              "产出指标产出数量巡护里程≥50公里52公里达成预期指标\n")
    first, other = extract_text(HEAD + ROWS.rstrip("\n") + second).forms
    assert other.header.title.value == "青山区林业站2022年度县级专项资金绩效目标自评表"
    assert first.indicators[-1].deviation_reason.value == "达成预期指标"


def test_equally_long_stock_candidates_resolve_by_print_count_then_order_whatever_the_hash_seed() -> None:
    # two confirmed candidates of the same length: the one printed more wins, and of two printed
    # equally often the choice must not follow the set's iteration order (it changes per process)
    names = ["符合要求甲", "符合要求乙", "达到标准丙", "达到标准丁"]
    tails = ["符合要求", "达到标准"]
    assert learn_stock(names, tails, "符合要求" * 3 + "达到标准" * 4, 4) == "达到标准"
    script = ("from extractor.layouts.fused.stock import learn_stock;"
              f"print(learn_stock({names!r}, {tails!r}, {'符合要求' * 4 + '达到标准' * 4!r}, 4))")
    picks = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout.strip()
             for seed in (0, 1, 2, 3)}
    assert picks == {"符合要求"}
