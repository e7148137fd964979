"""A row that lost a blank 年度指标值 or 实际完成值 cell (pipe prints one cell per line, web pastes):
one figure left between the name and 分值/得分 could be either value, so it is left out; with an
operator, or right after the name with nothing after it, it is the target (dev 64, 62; the
``pipes`` shape's ``pipe_cells`` parameter)."""

from __future__ import annotations

from decimal import Decimal

from extractor.grid import Cell
from extractor.rules.indicators import find_indicator_header, read_indicators
from extractor.segment.types import Row
from tests.synth.corpus import corpus
from tests.synth.messify import messify
from tests.synth.messify.level_values import ACTUAL_VERDICTS, TARGET_VERDICTS

VERDICTS = TARGET_VERDICTS + ACTUAL_VERDICTS

HEAD = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]


def _read(*lines: list[str]) -> list[tuple[str | None, str | None, str | None, Decimal | None, str | None]]:
    rows = [Row([Cell(t, r, c) for c, t in enumerate(texts)], "g1") for r, texts in enumerate([HEAD, *lines])]
    header = find_indicator_header(rows)
    assert header is not None
    return [(i.name.value, i.target.raw, i.actual.raw, i.weight.value, i.deviation_reason.value)
            for i in read_indicators(rows, header)[0]]


def test_a_lone_bare_figure_before_the_weight_is_left_out() -> None:
    assert _read(["产出指标", "数量指标", "冷库建设面积", "≥1290平方米", "1290平方米", "10", "10"],
                 ["变压器安装数量", "3", "9", "9"]) == [
        ("冷库建设面积", "≥1290平方米", "1290平方米", Decimal("10"), None),
        ("变压器安装数量", None, None, Decimal("9"), None)]


def test_an_operator_or_a_figure_ending_the_row_is_the_target() -> None:
    assert _read(["产出指标", "数量指标", "培训人数", "≥100人", "10", "8", "天气影响，工期延后。"])[0] == (
        "培训人数", "≥100人", None, Decimal("10"), "天气影响，工期延后。")
    rows = [Row([Cell(t, r, c) for c, t in enumerate(texts)], "g1") for r, texts in enumerate([
        ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "未达到指标值原因"],
        ["产出指标", "数量指标", "应受助学生数", "100%", "", ""], ["免学费学生数", "100%"]])]
    header = find_indicator_header(rows)
    assert header is not None
    assert [i.target.raw for i in read_indicators(rows, header)[0]] == ["100%", "100%"]


def test_pipe_cells_blank_some_actuals_and_drop_only_uncertain_targets() -> None:
    blanked = dropped = 0
    for doc in corpus(41, 48):
        clean = messify(doc, "clean")
        for a, b in zip(messify(doc, "pipes", 41).forms, clean.forms, strict=True):
            for x, y in zip(a.get("indicators", []), b.get("indicators", []), strict=True):
                x = _verdicts_undone(x, y)
                if x == y:
                    continue
                assert "actual" not in x and "actual" in y and {k: v for k, v in y.items() if k not in (
                    "actual", "target")} == {k: v for k, v in x.items() if k not in ("actual", "target")}
                blanked += 1
                if "target" not in x:
                    dropped += 1
                    assert "nature" not in y and y["target"]["text"][0] not in "≥≤=><≧≦═＝＞＜"
    assert blanked >= 10 and dropped <= blanked  # the generator prints few targets without an operator


def _verdicts_undone(printed: dict, clean: dict) -> dict:  # type: ignore[type-arg]
    """``printed`` with the verdicts ``level_values`` put in its qualitative cells (``效果明显``)
    given their clean text back: that parameter's change, not pipe_cells'."""
    out = dict(printed)
    for field in ("target", "actual"):
        if isinstance(out.get(field), dict) and out[field].get("text") in VERDICTS and field in clean:
            out[field] = clean[field]
    return out
