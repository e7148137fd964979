"""偏差原因分析 in one free-text row under a Hubei table: read, and it answers for missed targets."""

from __future__ import annotations

from typing import Any

from extractor.grid import Cell
from extractor.rules.deviation_note import read_deviation_note
from extractor.segment.types import Row
from extractor.validate import validate_form
from extractor.validate.plain import record_from_plain


def _rows(*lines: list[str]) -> list[Row]:
    return [Row([Cell(t, r, c) for c, t in enumerate(texts)], "g1") for r, texts in enumerate(lines)]


NOTE = "养护道路里程：部分资金尚未拨付到位，下一步将加快支付进度。"


def test_the_note_row_is_read_once_whatever_its_merge_copies() -> None:
    rows = _rows(["产出指标", "数量指标", "养护道路里程", "≥379公里", "319公里", "10", "8.42"],
                 ["总分", "", "", "", "", "100", "98.42"],
                 ["偏 差 原 因 分 析", NOTE, NOTE, NOTE, NOTE, NOTE, NOTE])
    note = read_deviation_note(rows, 0)
    assert note.value == NOTE and note.source[0].col == 1
    assert read_deviation_note(rows[:2], 0).value is None


def _codes(note: str | None) -> set[str]:
    form: dict[str, Any] = {"schema_name": "project_self_eval", "indicators": [
        {"level1": "产出指标", "level2": "数量指标", "name": "养护道路里程",
         "target": {"operator": "≥", "value": "379", "unit": "公里", "text": "≥379公里"},
         "actual": {"value": "319", "unit": "公里", "text": "319公里"}, "weight": "10", "score": "8.42"}]}
    if note:
        form["deviation_note"] = note
    return {f.code for f in validate_form(record_from_plain(form))}


def test_a_missed_target_is_explained_by_the_tables_note() -> None:
    assert "INDICATOR_MISSED_NO_REASON" in _codes(None)
    assert "INDICATOR_MISSED_NO_REASON" not in _codes(NOTE)
