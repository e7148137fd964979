"""The ``pipe_rowends`` print (tests/synth/messify/pipe_rowends.py) and its reading."""

from __future__ import annotations

from extractor.grid import Cell
from extractor.rules.indicators import find_indicator_header, read_indicators
from extractor.segment.types import Row
from tests.synth.corpus import available_families, make_document
from tests.synth.messify import messify
from tests.synth.messify.base import sheet_of
from tests.synth.messify.pipe_rowends import STANDARDS

SEED = 18
DOCS = [make_document(SEED, i) for i in range(2 * len(available_families()))]


def test_cells_one_per_line_rows_closed_by_pipes() -> None:
    for doc in DOCS:
        text = messify(doc, "pipe_rowends", SEED).text
        body = [ln for ln in text.splitlines() if "|" in ln]
        assert all(ln.endswith("|") for ln in body)
        assert all(ln.count("|") == 1 or set(ln) == {"|"} for ln in body), doc.name


def test_gold_is_the_clean_gold() -> None:
    for doc in DOCS[:8]:
        assert messify(doc, "pipe_rowends", SEED).forms == sheet_of(doc).forms


def test_parameters_vary_across_documents() -> None:
    texts = [messify(doc, "pipe_rowends", SEED).text for doc in DOCS]
    assert any("绩效标准 |" in t for t in texts) and any("绩效标准 |" not in t for t in texts)
    assert any(any(f"{s} |" in t for s in STANDARDS) for t in texts)
    assert any("编制单位" in t for t in texts)
    widths = {ln.count("|") for t in texts for ln in t.splitlines() if ln and set(ln) == {"|"}}
    assert len(widths) >= 3


HEAD = ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值及单位", "绩效标准", "实际完成值", "分值", "得分",
        "偏差原因分析及改进措施"]


def _read(head: list[str], *lines: list[str]) -> list[tuple[str | None, str | None, str | None, str | None]]:
    rows = [Row([Cell(t, r, c) for c, t in enumerate(texts)], "g1") for r, texts in enumerate([head, *lines])]
    header = find_indicator_header(rows)
    assert header is not None
    return [(i.level1.value, i.name.value, i.target.raw, i.actual.raw) for i in read_indicators(rows, header)[0]]


def test_a_standard_column_beside_the_target_holds_no_value() -> None:
    # the side label's merge and the row's merged levels printed nothing: the rows open at 一级 / 三级
    assert _read(HEAD, ["产出指标", "数量指标", "发放补贴户数", "350户", "计划标准", "352户", "10", "10", ""],
                 ["补贴标准", "≥200元/户", "行业标准", "210元/户", "10", "10", ""]) == [
        ("产出指标", "发放补贴户数", "350户", "352户"), ("产出指标", "补贴标准", "≥200元/户", "210元/户")]


def test_a_standard_column_alone_is_the_target() -> None:
    head = ["一级指标", "二级指标", "三级指标", "绩效标准", "实际完成值", "分值", "得分"]
    assert _read(head, ["产出指标", "数量指标", "发放补贴户数", "350户", "352户", "10", "10"]) == [
        ("产出指标", "发放补贴户数", "350户", "352户")]
