"""The ``pipe_rowends`` print (tests/synth/messify/pipe_rowends.py) and its reading."""

from __future__ import annotations

from extractor.grid import Cell, Grid
from extractor.ingest.text_grid import parse_text
from extractor.ingest.text_rowends import lone_row_ends
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


# a header part whose rows end in a lone "|", indicator rows ending in wider runs, a lone "|"
# there an empty cell (the side label's merge, a blank unit)
PRINT = """项目名称 |
补贴发放 |
|
主管部门 |
农业农村局 |
实施单位 |
农技站 |
|
绩效指标 |
一级指标 |
二级指标 |
三级指标 |
指标值 |
度量单位 |
绩效标准 |
|
|
产出指标 |
数量指标 |
发放户数 |
350 |
户 |
计划标准 |
||
|
补贴标准 |
≥200 |
|
行业标准 |
||||
|
效益指标 |
社会效益指标 |
|
|
|
|
||
"""


def test_lone_pipes_end_the_header_part_rows_only() -> None:
    texts = PRINT.splitlines()
    ends = lone_row_ends(texts)
    assert sorted(ends) == [2, 7, 15]  # not the side label's merge (16, 24, 31) nor the blank unit (28)
    (grid,) = [b for b in parse_text(PRINT) if isinstance(b, Grid)]
    assert grid.texts() == [["项目名称", "补贴发放"], ["主管部门", "农业农村局", "实施单位", "农技站"],
                            ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "度量单位", "绩效标准"],
                            ["", "产出指标", "数量指标", "发放户数", "350", "户", "计划标准"],
                            ["", "补贴标准", "≥200", "", "行业标准"],
                            ["", "效益指标", "社会效益指标", "", "", "", ""]]


def test_without_a_row_between_wider_runs_nothing_is_cut() -> None:
    assert lone_row_ends(["a |", "b |", "|", "c |", "d |", "||", "e |", "|", "f |"]) == frozenset()
    # a first stretch no wider than the rows between wider runs keeps its lone pipes as empty cells
    assert lone_row_ends(["a |", "|", "b |", "||", "c |", "|", "d |", "|||"]) == frozenset()
    assert lone_row_ends(["a |", "b |", "|", "c |", "d |", "||", "e |", "|", "f |", "|||"]) == frozenset({2})
    assert lone_row_ends(["a |", "|", "b |", "|"]) == frozenset()  # one width of row end
