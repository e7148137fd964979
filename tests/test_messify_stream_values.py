"""The Hubei template's value cells as filled forms print them (tests/synth/messify/stream_values.py)."""

from __future__ import annotations

import random
from typing import Any

from tests.synth.messify.base import Part, Sheet
from tests.synth.messify.stream_values import VERDICTS, stream_values

HEADER = ["一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"]


def _sheet(header: list[str]) -> tuple[Sheet, dict[str, Any]]:
    rows = [header, ["产出指标", "质量指标", "合格率", "≥98%", "99%", "20"],
            ["效益指标", "社会效益指标", "服务能力", "逐年提升", "逐年提升", "10"]]
    form = {"schema_name": "project_self_eval", "indicators": [
        {"name": "合格率", "target": {"operator": "≥", "value": "98", "unit": "%", "text": "≥98%"},
         "actual": {"value": "99", "unit": "%", "text": "99%"}, "score": "20"},
        {"name": "服务能力", "target": {"operator": "qualitative", "text": "逐年提升"},
         "actual": {"operator": "qualitative", "text": "逐年提升"}, "score": "10"}]}
    return Sheet([Part(rows=rows, form=0)], [form], []), form


def test_printed_values_and_gold_change_together() -> None:
    seen_bound = seen_verdict = False
    for seed in range(40):
        sheet, form = _sheet(HEADER)
        stream_values(sheet, random.Random(seed))
        rows = sheet.parts[0].rows
        assert rows is not None
        ge, verdict = form["indicators"]
        assert rows[1][3] == ge["target"]["text"] and rows[2][4] == verdict["actual"]["text"]
        assert ge["target"]["operator"] == "≥" and ge["target"]["value"] == "98"
        if rows[1][3] == "98%以上":
            seen_bound = True
        if rows[2][4] != "逐年提升":
            seen_verdict = True
            assert rows[2][4] in VERDICTS and verdict["actual"] == {"operator": "qualitative", "text": rows[2][4]}
    assert seen_bound and seen_verdict


def test_other_templates_are_left_alone() -> None:
    sheet, form = _sheet(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分"])
    for seed in range(10):
        stream_values(sheet, random.Random(seed))
    assert sheet.parts[0].rows is not None and sheet.parts[0].rows[1][3] == "≥98%"
    assert form["indicators"][1]["actual"]["text"] == "逐年提升"


def test_scattered_funds_drop_their_columns_from_print_and_gold_alike() -> None:
    from tests.synth.messify.stream_funds import _scatter

    rows = [["预算执行情况（万元）（20分）", "", "年初预算数", "预算数(A)", "执行数(B)", "分值", "执行率(B/A)", "得分"],
            ["", "年度财政资金总额", "80", "100", "90", "20", "90%", "18"],
            ["年度总体目标", "预期目标"]]
    funds = [{"role": "total", "label": "年度财政资金总额", "initial_budget": "80", "budget": "100",
              "executed": "90", "weight": "20", "rate": "90", "score": "18"}]
    assert _scatter(rows, funds, random.Random(3))
    assert [t for t in rows[1] if t] == ["100", "90", "90%", "18"]
    assert "".join(rows[0]).replace(" ", "").startswith("预算执行情况（万元）（20分）年度财政资金总额预算数(A)")
    assert set(funds[0]) == {"role", "label", "budget", "executed", "rate", "score"}
