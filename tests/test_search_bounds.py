"""Every search over a layout's readings is bounded: an adversarial input is left unread (None,
empty or reported), never searched without end.  All inputs are synthetic."""

from __future__ import annotations

from decimal import Decimal

from extractor.layouts.fused.numbers import MAX_PLACEMENTS, best_split
from extractor.layouts.fused.rows import MAX_BODY, cut_rows
from extractor.grid import Cell
from extractor.ingest import ingest_text
from extractor.pipeline import extract_text
from extractor.layouts.scrambled.funds import MAX_POOL, _solve
from extractor.layouts.scrambled.stream import read_scrambled_form
from extractor.layouts import segment
from extractor.segment.types import Row
from schemas import ProjectSelfEval

from fixtures.streams import SCRAMBLED_STREAM

TEMPLATE9 = ["unit", "nature", "target", "adjusted", "actual", "coef", "weight", "score", "core"]


def _any(placement: dict) -> float:  # type: ignore[type-arg]
    return 0.1 * len(placement)


def test_a_run_with_too_many_placements_is_left_unread() -> None:
    columns = [f"c{k}" for k in range(30)]  # five numbers on 30 columns: C(30, 5) = 142,506 placements
    assert MAX_PLACEMENTS < 142_506
    assert best_split("1a2b3c4d5", columns, _any) is None


def test_a_long_run_of_digits_is_left_unread() -> None:
    columns = ["initial_budget", "budget", "executed", "weight", "rate", "score", "x1", "x2", "x3"]
    assert best_split("1234567891" * 4, columns, _any) is None
    assert best_split("1234567891" * 20, columns, _any) is None


def test_indicator_text_needing_too_many_steps_is_not_cut() -> None:
    assert cut_rows("好" * 80, TEMPLATE9) is None  # every stretch of 好 reads as a repeated target


def test_indicator_text_longer_than_the_bound_is_not_cut() -> None:
    row = "道路硬化长度10≥5公里≥5公里10"
    body = row * (MAX_BODY // len(row) + 1)
    assert cut_rows(body, ["weight", "target", "actual", "score"]) is None
    rows = cut_rows(row * 2, ["weight", "target", "actual", "score"])
    assert rows is not None and len(rows[0]) == 2


_FORM = (
    "项目支出绩效自评表(2023年度)项目名称示例道路工程主管部门示例局实施单位示例中心"
    "项目资金(万元)年初预算数全年预算数全年执行分值执行率得分年度资金总额50505010100%10"
    "其中:当年财政拨款505050100%其他资金年度总体目标预期目标实际完成情况完成道路硬化。已完成"
    "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施"
    "产出指标(90分)数量指标道路硬化长度≥5公里≥5公里4545质量指标验收合格率100%100%4545"
    "总分100100"
)


def test_unreadable_fused_rows_are_reported_not_guessed() -> None:
    text = _FORM.replace("验收合格率100%100%4545", "验收合格率" + "好" * MAX_BODY + "100%100%4545")
    form = extract_text(text).forms[0]
    names = [i.name.value for i in form.indicators]  # type: ignore[attr-defined]
    assert names == ["道路硬化长度"]
    assert any(f.code == "LAYOUT_ROWS_UNREAD" for f in form.findings)


def _tok(text: str, k: int) -> tuple[Row, Cell]:
    return Row([Cell(text, 0, k)], "g1"), Cell(text, 0, k, char_start=k * 10, char_end=k * 10 + len(text))


def test_total_row_arithmetic_is_not_searched_over_a_large_pool() -> None:
    # 10 100 80 8 80% confirm one reading; a pool of stray numbers beyond the bound is not searched
    solvable = [_tok(t, k) for k, t in enumerate(["100", "80", "10", "8", "80%"])]
    assert _solve(solvable) is not None
    strays = [_tok(str(1000 + k), 10 + k) for k in range(MAX_POOL)]
    assert _solve(solvable + strays) is None




def test_scrambled_stream_with_its_funds_header_in_a_paragraph() -> None:
    rows = segment(ingest_text(SCRAMBLED_STREAM))[0].rows
    paragraph = Row([Cell("全年预算数", 0, 0), Cell("全年执行数", 0, 1)], None)  # found before the stream's header
    form = ProjectSelfEval()
    findings = read_scrambled_form([paragraph, *rows], form)
    assert form.funds == []
    assert [i.name.value for i in form.indicators] == ["培训人次", "完成时间"]
    assert findings and form.totals.score.value == Decimal("98")
