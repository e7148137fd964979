"""Readers of a department target declaration's PDF text layer (dev 17; messify/dept_page.py)."""

from __future__ import annotations

from extractor.ingest.page_marks import drop_page_marks, is_page_mark
from extractor.ingest.split_amounts import join_split_amounts
from extractor.pipeline import extract_text
from extractor.rules.funds_scale import drop_off_scale
from schemas.common import FundsRow, Value


def _cells(text: str) -> list[tuple[str, int]]:
    return [(t, k) for k, t in enumerate(text.split())]


def test_split_amount_joined_only_before_a_share() -> None:
    assert [t for t, _ in join_split_amounts(_cells("合计 968.191 8 100%"))] == ["合计", "968.1918", "100%"]
    assert [t for t, _ in join_split_amounts(_cells("合计 968.191 8 其他资金"))] == ["合计", "968.191", "8", "其他资金"]
    assert [t for t, _ in join_split_amounts(_cells("满意度 95.5 5 100%"))] == ["满意度", "95.5", "5", "100%"]


def test_page_marks() -> None:
    assert is_page_mark("— 2 —") and not is_page_mark("— 良好")
    cells = _cells(" ".join(["x"] * 30) + " — 1 — y")
    assert [t for t, _ in drop_page_marks(cells)][-2:] == ["x", "y"]


def test_off_scale_part_left_empty_where_both_totals_agree() -> None:
    def row(role: str, amount: str) -> FundsRow:
        return FundsRow(role=role, budget=Value(value=amount))  # type: ignore[arg-type]

    funds = [row("total", "968.1918"), row("basic", "7242318"), row("project", "243.96"), row("total", "968.1918")]
    assert drop_off_scale(funds) and funds[1].budget.value is None and funds[2].budget.value is not None
    one_total = [row("total", "968.1918"), row("basic", "7242318")]
    assert not drop_off_scale(one_total) and one_total[1].budget.value is not None


def test_chongqing_funds_run_together_read_by_arithmetic() -> None:
    text = ("部门（单位）整体支出绩效目标申报表 总体资金情况 预算支出总额 基本支出 项目支出 "
            "合计 财政拨款 单位资金 合计 财政拨款 单位资金 "
            "327.99 172.21 172.21 155.78 155.78 整体绩效目标 围绕年度重点工作，加强资金管理，提高财政资金使用效益。 "
            "年度绩效指标 一级指标 二级指标 三级指标 指标值 权重 产出指标 数量指标 重点工作完成数 12项 60 "
            "效益指标 社会效益指标 社会稳定程度 良好 30 满意度指标 服务对象满意度指标 服务对象满意度 90% 10")
    form = extract_text(text).forms[0]
    got = {(f.role, str(f.budget.value)) for f in form.funds}  # type: ignore[union-attr]
    assert got == {("total", "327.99"), ("basic", "172.21"), ("project", "155.78")}


def test_labels_first_then_values() -> None:
    text = ("部门整体支出绩效目标申报表\n部门 名称 填报人 广水市人民政府办公室 南春锋\n"
            "收入构成 金额 占比 支出构成 金额 占比\n"
            "财政拨款 100.00 100% 基本支出 60.00 60%\n合计 100.00 100% 合计 100.00 100%\n"
            "年度绩效指标 一级指标 二级指标 三级指标 指标值 分值\n产出指标 数量指标 重点工作完成数 12项 100\n")
    assert extract_text(text).forms[0].header.unit_name.value == "广水市人民政府办公室"
