"""One-line exports whose header prints only in pieces among the rows: numbered rows read by
their own shape, everything uncertain left out and flagged."""

from __future__ import annotations

import random

from extractor.grid import Cell
from extractor.rules.headless_numbered import headless_numbered, scattered
from extractor.rules.indicators import read_indicators
from extractor.segment.types import Row
from tests.synth.messify.export_scatter import scatter_header


def _rows(line: str) -> list[Row]:
    return [Row([Cell(t, 0, k) for k, t in enumerate(line.split())], "g0")]


_SCATTERED = ("一级 指标 产出指标 数量指标 二级指标 三级指标 指标1:接种人数 年度 实际 ≥4000人 4500人 3 3 指标值 完成值 "
              "指标2:宣传材料 分值 得分 ≥10种 12种 1 1 指标3:讲座 场次 ≥10次 12次 2 2 "
              "质量指标 指标1:合格率 ≥98% 99% 5 4.5 差距较小 时效指标 指标1:完成时间 12月底前 11月 2 2 "
              "效益指标 社会效益指标 指标1:群众知晓度 明显提高 明显提高 5 5 总分 100 97")


def _read(line: str) -> list[tuple[str | None, ...]]:
    out = headless_numbered(_rows(line))
    assert out is not None
    rows, header, finding = out
    assert finding.code == "LAYOUT_HEADERLESS_TABLE"
    indicators, _, totals, _ = read_indicators(rows, header)
    if "总分" in line:
        assert (str(totals.weight.value), str(totals.score.value)) == ("100", "97")
    return [(i.level1.value, i.level2.value, i.name.value, i.target.value.text if i.target.value else None,
             i.actual.value.text if i.actual.value else None, str(i.weight.value), str(i.score.value))
            for i in indicators]


def test_certain_rows_are_read_by_their_shape_and_header_pieces_left_out() -> None:
    assert _read(_SCATTERED) == [
        ("产出指标", "数量指标", "指标1:接种人数", "≥4000人", "4500人", "3", "3"),
        ("产出指标", "数量指标", "指标2:宣传材料", "≥10种", "12种", "1", "1"),
        ("产出指标", "质量指标", "指标1:合格率", "≥98%", "99%", "5", "4.5"),
        ("效益指标", "社会效益指标", "指标1:群众知晓度", "明显提高", "明显提高", "5", "5"),
    ]  # a wrapped name (讲座 场次) and a date target (12月底前 11月) are not certain: left out


def test_the_finding_counts_the_rows_left_out() -> None:
    out = headless_numbered(_rows(_SCATTERED))
    assert out is not None and "2 left out" in out[2].message_en


def test_a_value_is_never_a_name_and_a_score_above_its_weight_is_no_row() -> None:
    line = ("一级 指标 产出指标 数量指标 指标1:接种人数 年度 ≥4000人 4500人 3 5 指标值 "
            "指标2:宣传材料 ≥10种 12种 1 1 指标3:培训 ≥5次 6次 2 2")
    names = [r[2] for r in _read(line)]
    assert names == ["指标2:宣传材料", "指标3:培训"]


def test_a_header_printed_whole_before_the_rows_is_left_to_the_table_reader() -> None:
    line = ("一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
            "产出指标 数量指标 指标1:接种人数 ≥4000人 4500人 3 3 指标2:宣传材料 ≥10种 12种 1 1 "
            "二级指标 三级指标 指标3:培训 ≥5次 6次 2 2")
    assert not scattered(_rows(line))
    assert headless_numbered(_rows(line)) is None


def test_weights_beyond_the_total_read_nothing() -> None:
    line = ("一级 指标 产出指标 数量指标 指标1:接种人数 年度 ≥4000人 4500人 60 60 指标值 "
            "指标2:宣传材料 ≥10种 12种 50 50 总分 100 100")
    assert headless_numbered(_rows(line)) is None


def test_the_print_scatters_the_header_and_keeps_every_cell() -> None:
    head = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    rows = [head,
            ["产出指标", "数量指标", "指标1:接种人数", "≥4000人", "4500人", "3", "3"],
            ["指标2:宣传材料", "≥10种", "12种", "1", "1"],
            ["质量指标", "指标1:合格率", "≥98%", "99%", "5", "5"],
            ["指标2:及时率", "≥95%", "96%", "5", "5"]]
    for seed in range(20):
        out = scatter_header([list(r) for r in rows], random.Random(seed))
        assert "".join(t for r in out for t in r) != "".join(t for r in rows for t in r)
        assert sorted("".join(t for r in out for t in r)) == sorted("".join(t for r in rows for t in r))
        assert not any(r == head for r in out)  # no header row to rebuild


def test_the_print_leaves_other_templates_alone() -> None:
    rows = [["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分"],
            ["产出指标", "数量指标", "指标1:接种人数", "3", "≥4000人", "4500人", "3"],
            ["指标2:宣传材料", "1", "≥10种", "12种", "1"],
            ["指标3:合格率", "5", "≥98%", "99%", "5"], ["指标4:及时率", "5", "≥95%", "96%", "5"]]
    assert scatter_header(rows, random.Random(1)) is rows


def test_block_labels_per_row_and_a_note_after_the_total_are_no_scattered_header() -> None:
    line = ("绩效指标 质量指标 指标1:合格率 ≥98% 99% 5 5 绩效指标 时效指标 指标1:及时率 ≥95% 96% 5 5 "
            "总分 100 100 偏差原因分析 无")
    assert not scattered(_rows(line))
