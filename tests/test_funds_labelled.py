"""Target forms' ``label | amount`` funds blocks (extractor/rules/funds_labelled.py) in the
shapes the dev samples print them (43, 60, 62, 63, 65, 69), and the family the messifier's
``funds`` shape makes of them (``_target_funds``: words, pairs, label_line, in_label)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from eval.goldfile import load_gold
from eval.harness import run_eval
from extractor.grid import Cell
from extractor.rules.funds_labelled import read_labelled_amounts
from extractor.segment.types import Row
from tests.synth.corpus import corpus
from tests.synth.messify import messify, write_shapes


def _rows(*lines: list[str]) -> list[Row]:
    return [Row([Cell(t, r, c) for c, t in enumerate(texts)], "g1") for r, texts in enumerate(lines)]


def _read(*lines: list[str]) -> list[tuple[str, str | None, Decimal | None]]:
    rows = _rows(*lines)
    return [(f.role, f.label.value, f.budget.value) for f in read_labelled_amounts(rows, len(rows))]


def test_pairs_on_one_row_after_a_caption() -> None:  # sample 60
    assert _read(["项目名称", "安全隐患维修"],
                 ["预算规模及资金用途", "预算数", "20.00", "其中:财政 资金", "20.00", "其他资金", ""],
                 ["用于维修审判楼玻璃幕墙等"], ["绩效目标", "消除安全隐患。"]) == [
        ("total", "预算数", Decimal("20.00")), ("fiscal", "其中:财政 资金", Decimal("20.00")),
        ("other", "其他资金", None)]


def test_two_columns_of_pairs_read_row_by_row() -> None:  # sample 63
    assert _read(["资金情况 (万元)", "项目资金总额:", "1500", "年度资金申请总额", "1500"],
                 ["其中:财政资金", "1500", "其中:当年财政拨款", "1500"], ["上年结转资金"], ["其他资金", "其他资金"],
                 ["项目绩效目标", "项目总目标"]) == [  # the two 其他资金 read as one merged label
        ("total", "项目资金总额:", Decimal("1500")), ("total", "年度资金申请总额", Decimal("1500")),
        ("fiscal", "其中:财政资金", Decimal("1500")), ("fiscal", "其中:当年财政拨款", Decimal("1500")),
        ("carry_over", "上年结转资金", None), ("other", "其他资金", None)]


def test_a_merged_label_printed_in_every_column_is_one_label() -> None:  # TSV 'repeat' merges
    assert _read(["资金情况（万元）", "年度资金总额：", "年度资金总额：", "年度资金总额：", "50.15"],
                 ["", "其中：财政拨款", "其中：财政拨款", "其中：财政拨款", "50.15"], ["", "其他资金", "其他资金", ""],
                 ["总体目标", "完成。"]) == [
        ("total", "年度资金总额：", Decimal("50.15")), ("fiscal", "其中：财政拨款", Decimal("50.15")),
        ("other", "其他资金", None)]


def test_labels_in_the_captions_column_and_budget_kinds() -> None:  # sample 69
    assert _read(["项目资金 (万元)", "合计", "250"], ["一般公共预算拨款", "小计", "250"], ["市本级", "250"],
                 ["中央及自治区补助"], ["政府性基金预算拨款"], ["其他资金"], ["项目实施内容", "按协议拨付。"]) == [
        ("total", "合计", Decimal("250")), ("fiscal", "一般公共预算拨款", Decimal("250")),
        ("county", "市本级", Decimal("250")), ("central_provincial", "中央及自治区补助", None),
        ("line_item", "政府性基金预算拨款", None), ("other", "其他资金", None)]


def test_amount_on_the_line_under_its_label() -> None:  # sample 43
    assert _read(["资金金额", "年度资金总额"], ["其中:中央补助"], ["50.29", "", ""], ["地方资金"], ["年度总体目标"],
                 ["1.为困难残疾人适配辅具。"]) == [
        ("total", "年度资金总额", None), ("central_provincial", "其中:中央补助", Decimal("50.29")),
        ("county", "地方资金", None)]


def test_amount_inside_the_label_and_figures_in_a_description() -> None:  # sample 65
    described = "中央衔接推进乡村振兴补助资金(少数民族发展任务)50"
    assert _read(["资金情况 (万元)"], ["年度资金总额:50万", described], ["其中:财政拨款", described], ["其他资金"],
                 ["总体目标", "建成。"]) == [
        ("total", "年度资金总额:", Decimal("50")), ("fiscal", "其中:财政拨款", None), ("other", "其他资金", None)]


def test_no_block_without_a_caption() -> None:
    assert _read(["项目名称", "某项目"], ["其中:财政拨款", "20"], ["总体目标", "完成。"]) == []


TARGETS = ["national_project_target", "chongqing_project_target"]


def test_messifier_prints_every_target_variant_and_keeps_the_amounts() -> None:
    seen: set[str] = set()
    for doc in corpus(18, 12, TARGETS):
        clean = messify(doc, "clean")
        for seed in range(3):
            messy = messify(doc, "funds", seed)
            text = messy.text
            marks = (("pairs", r"\t其中："), ("in_label", r"总额：\d"), ("words", r"一般公共预算拨款"))
            seen |= {name for name, mark in marks if re.search(mark, text)}
            for a, b in zip(messy.forms, clean.forms, strict=True):
                if any(f["label"].endswith("小计") for f in a["funds"]):  # funds_tree: the model's figures regrouped
                    seen.add("tree")
                    _check_tree(a["funds"], b["funds"], text)
                    continue
                amounts = sorted(str(f.get("budget")) for f in a["funds"] if f.get("budget"))
                assert amounts == sorted(str(f.get("budget")) for f in b["funds"] if f.get("budget"))
    assert seen == {"pairs", "in_label", "words", "tree"}


def _check_tree(tree: list[dict[str, str]], model: list[dict[str, str]], text: str) -> None:
    """The hierarchy prints every gold label and amount; the total is the model's, the subtotals
    the model's fiscal and other amounts, each subtotal the sum of its parts."""
    amount = {f["role"]: Decimal(f.get("budget") or 0) for f in model}
    assert [f["role"] for f in tree] == ["total", "fiscal", *["line_item"] * 3, "unit_funds", *["line_item"] * 2,
                                         "other"]
    assert Decimal(tree[0]["budget"]) == amount["total"]
    got = [Decimal(f.get("budget") or 0) for f in tree]
    assert got[1] == amount["fiscal"] == sum(got[2:5]) and got[5] == amount["other"] == sum(got[6:8])
    assert all(f["label"] in text and (not f.get("budget") or f["budget"] in text) for f in tree)


def test_target_funds_family_is_read(tmp_path: Path) -> None:
    written = write_shapes(corpus(41, 16, TARGETS), ["funds"], tmp_path, 41)
    run = run_eval([load_gold(path) for _, path in written], workers=1)
    funds = run.total().rows["funds"].row_level
    print(f"\ntarget funds (seed 41, 16 documents): funds rows F1 {funds.f1:.3f}, fields {run.total().fields.f1:.3f}")
    assert funds.f1 >= 0.99 and run.total().fields.f1 >= 0.99


def test_a_hierarchy_reads_its_numbered_parts_as_line_items() -> None:  # funds_tree, 项目库 declarations
    assert _read(["项目资金（万元）", "年度资金总额", "6.30"], ["", "（一）财政拨款小计", "6.30"],
                 ["", "  1、一般公共预算", "6.30"], ["", "  2、政府性基金", "0.00"], ["", "(二)自有资金小计", ""],
                 ["", "1.事业收入", ""], ["", "（三）其他收入", "0.00"], ["", "1、项目实施内容"],
                 ["总体目标", "完成"]) == [
        ("total", "年度资金总额", Decimal("6.30")), ("fiscal", "（一）财政拨款小计", Decimal("6.30")),
        ("line_item", "1、一般公共预算", Decimal("6.30")), ("line_item", "2、政府性基金", Decimal("0.00")),
        ("unit_funds", "(二)自有资金小计", None), ("line_item", "1.事业收入", None),
        ("other", "（三）其他收入", Decimal("0.00"))]
    # outside a hierarchy a numbered label names its own source, and one naming none ends the block
    assert _read(["资金情况", "年度资金总额", "10"], ["", "1、一般公共预算", "10"], ["", "2、事业收入", "3"]) == [
        ("total", "年度资金总额", Decimal("10")), ("fiscal", "1、一般公共预算", Decimal("10"))]
