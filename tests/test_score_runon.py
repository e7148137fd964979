"""Score sheets run together (PDF text, document-sharing mirrors) with the points in the labels:
the score_runon layout cuts the stream at ``名称(N分)`` labels and reads the glued scores."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from extractor.ingest import ingest_path
from extractor.layouts import REGISTRY, segment
from extractor.pipeline import extract_path
from schemas import DeptScoreSheet

FIXTURES = Path(__file__).parent / "fixtures" / "score_sheets"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def test_run_on_sheet_is_claimed_and_read() -> None:
    path = FIXTURES / "dept_run_on.txt"
    (chunk,) = segment(ingest_path(path))
    assert REGISTRY.choose(chunk).layout.name == "score_runon"
    (form,) = extract_path(path).forms
    assert isinstance(form, DeptScoreSheet)
    assert form.header.title.value == "2021年度部门整体支出绩效评价指标评分表" and form.header.year.value == 2021
    assert form.header.unit_name.value == "示例县文化馆"
    got = [(i.level1.value, i.level2.value, i.name.value, i.weight.value, i.score.value) for i in form.items]
    assert got == [
        ("投入", "目标设定", "绩效目标合理性", Decimal(2), Decimal(2)),
        ("投入", "目标设定", "绩效指标明确性", Decimal(3), Decimal(2)),
        ("投入", "预算配置", "在职人员控制率", Decimal(5), Decimal(5)),  # the mirror's '2、' marker is dropped
        ("投入", "预算配置", "公用经费控制率", Decimal(10), Decimal(9)),
    ]  # “三公经费”变动率 breaks off with the excerpt: not read
    first = form.items[0]
    assert first.description.value == "部门绩效目标是否依据充分，用以反映目标与职责的相符性。"
    assert first.criteria.value == "符合法律法规计1分；符合三定方案计1分。"
    assert first.score.source and first.score.source[0].char_start is not None
    assert [(g.level, g.name, g.stated_weight.value) for g in form.groups] == [
        (1, "投入", Decimal(20)), (2, "目标设定", Decimal(5)), (2, "预算配置", Decimal(15))]
    assert [f.code for f in form.findings] == ["LAYOUT_SCORE_RUN_ON"]


def test_planted_score_over_weight_in_a_run_on_sheet() -> None:
    text = (FIXTURES / "dept_run_on.txt").read_text(encoding="utf-8").replace("扣1分。9", "扣1分。8.5")
    from extractor.pipeline import extract_text

    (form,) = extract_text(text).forms
    assert form.items[3].score.value == Decimal("8.5")
    text = text.replace("与预算匹配计1分。2", "与预算匹配计1分。2.5")
    text = text.replace("计1分；符合三定方案计1分。2", "计1分；符合三定方案计1分。2.5")
    (form,) = extract_text(text).forms
    assert form.items[0].score.value == Decimal("2.5")
    assert ("SCORE_SHEET_ITEM_OVER_WEIGHT", "items[0].score") in [(f.code, f.fields[0] if f.fields else None)
                                                                   for f in form.findings]


def test_a_sheet_with_a_weight_column_is_not_claimed() -> None:
    (chunk, *_) = segment(ingest_path(next(SEEDS.glob("002_*.txt"))))
    assert REGISTRY.choose(chunk).layout.name == "score_sheet"
