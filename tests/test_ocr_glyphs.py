"""Scan confusions told apart by the ink or repaired from the form (issue 17), on drawn input.

``≧``/``≦`` read as ``≥``/``≤`` and ``⩾`` read as ``>`` (the bar under the chevron decides), the
``/`` filler read as ``1`` (its lean decides), a glyph printed close to a rule (kept, not taken
for a rule fragment), ``═N`` read as ``-N`` in a target column, and bracket widths.  The same
causes on a real generated page: ``test_synth_scan.py``.
"""

from __future__ import annotations

import cv2
import numpy as np

from extractor.grid import Cell, Grid
from extractor.ingest.ocr.confusions import GUESS_CONFIDENCE, fix_grid
from extractor.ingest.ocr.engine import BBox, TextBox
from extractor.ingest.ocr.glyphs import UNSURE_CONFIDENCE, restore_double_bars, restore_equals
from extractor.ingest.ocr.ink import recover, slash_by_shape


def _box(text: str, x0: float, y0: float, x1: float, y1: float, conf: float = 0.99) -> TextBox:
    return TextBox(text, (x0, y0, x1, y1), conf)


def _grid(rows: list[list[str]]) -> Grid:
    return Grid(
        "p1t1", "ocr", [[Cell(t, r, c, confidence=0.99) for c, t in enumerate(row)] for r, row in enumerate(rows)]
    )


def _operator(binary: np.ndarray, x: int, y: int, bars: str) -> None:
    """Draw a 17 × 20 px ``>`` with its bar(s) at (x, y), as the scans print it at 200 dpi."""
    cv2.line(binary, (x, y), (x + 16, y + 6), 255, 2)
    cv2.line(binary, (x + 16, y + 6), (x, y + 12), 255, 2)
    if bars == "flat-double":  # ≧: two bars, blurred into one flat block
        cv2.rectangle(binary, (x, y + 15), (x + 16, y + 19), 255, -1)
    elif bars == "tilted":  # ≥ drawn ⩾: one bar, parallel to the lower arm, thickened by the blur
        cv2.line(binary, (x + 1, y + 18), (x + 15, y + 13), 255, 4)
    elif bars == "flat-single":  # ≥ in a font with a straight bar
        cv2.line(binary, (x, y + 18), (x + 16, y + 18), 255, 1)
    else:  # half-way: neither clearly one bar nor two
        cv2.rectangle(binary, (x, y + 17), (x + 16, y + 19), 255, -1)


def test_double_barred_operators_are_told_from_single_by_their_ink() -> None:
    binary = np.zeros((60, 600), np.uint8)
    cells = {
        kind: (k * 120.0, 0.0, k * 120.0 + 110, 40.0)
        for k, kind in enumerate(("flat-double", "tilted", "flat-single", "unclear"))
    }
    for kind, cell in cells.items():
        _operator(binary, int(cell[0]) + 10, 10, kind)

    def read(kind: str, text: str) -> TextBox:
        x = cells[kind][0]
        return restore_double_bars(binary, _box(text, x + 2, 2, x + 100, 38), cells[kind], 30)

    assert read("flat-double", "≥95%").text == "≧95%" and read("flat-double", "≤").text == "≦"
    assert read("flat-double", "≥95%").confidence == 0.99
    assert read("tilted", "≥95%").text == "≥95%" and read("flat-single", "≥").text == "≥"
    unclear = read("unclear", "≥95%")
    assert unclear.text == "≥95%" and unclear.confidence == UNSURE_CONFIDENCE
    assert read("flat-double", "95%").text == "95%"  # no operator read: nothing to restore


def test_a_slash_read_as_one_is_told_apart_by_its_lean() -> None:
    binary = np.zeros((60, 400), np.uint8)
    cell_a, cell_b = (0.0, 0.0, 190.0, 55.0), (200.0, 0.0, 390.0, 55.0)
    cv2.line(binary, (22, 40), (28, 15), 255, 2)  # the "/" filler of an empty cell: 0.18 of its height
    cv2.line(binary, (225, 15), (225, 40), 255, 3)  # a real "1": upright stem …
    cv2.line(binary, (225, 15), (219, 20), 255, 2)  # … with its flag to the top left
    assert slash_by_shape(binary, _box("1", 10, 8, 45, 48), cell_a, 30)
    assert not slash_by_shape(binary, _box("1", 210, 8, 245, 48), cell_b, 30)


def test_a_greater_than_sign_that_lost_its_bar_is_restored_but_a_bare_one_is_kept() -> None:
    binary = np.zeros((60, 400), np.uint8)
    cell_a, cell_b = (0.0, 0.0, 110.0, 40.0), (120.0, 0.0, 230.0, 40.0)
    _operator(binary, 10, 10, "tilted")  # ⩾, read as ">"
    cv2.line(binary, (130, 10), (146, 16), 255, 2)  # a bare ">"
    cv2.line(binary, (146, 16), (130, 22), 255, 2)
    assert restore_double_bars(binary, _box(">95%", 2, 2, 100, 38), cell_a, 30).text == "≥95%"
    assert restore_double_bars(binary, _box(">", 122, 2, 200, 38), cell_b, 30).text == ">"
    assert restore_double_bars(binary, _box(">=5", 2, 2, 100, 38), cell_a, 30).text == ">=5"


def test_a_glyph_close_to_a_rule_is_recovered_but_a_rule_fragment_is_not() -> None:
    binary = np.zeros((60, 400), np.uint8)
    _operator(binary, 20, 13, "flat-double")  # reaches 27 px down a 33 px row: within the rule margin
    binary[30:33, 220:380] = 255  # what is left of a rule along the bottom of the second cell
    marks: list[BBox] = []

    def reread(bbox: BBox) -> tuple[str, float]:
        marks.append(bbox)
        return "≥", 0.9

    found, _ = recover(binary, (0.0, 0.0, 190.0, 36.0), 33, [], reread)
    assert [b.text for b in found] == ["≥"] and len(marks) == 1
    assert recover(binary, (200.0, 0.0, 390.0, 36.0), 33, [], reread) == ([], False)


def test_an_equals_sign_read_as_a_bar_and_mixed_brackets_are_repaired() -> None:
    grid = _grid(
        [
            ["预算执行情况（万元)", "三级指标", "年度指标值", "实际完成值"],
            ["预算执行情况（万元）", "事故数", "一0起", "0起"],
            ["预算执行情况(万元）", "变动率", "-5%", "-3%"],
            ["预算执行情况（万元）(20分)", "合格率", "≥90%", "95%"],
            ["预算执行情况（万元）（20分）", "名称:甲", "", ""],
            ["预算执行情况（万元）（20分）", "名称：乙", "", ""],
        ]
    )
    fixes = fix_grid(grid)
    texts = grid.texts()
    assert [row[0] for row in texts[:3]] == ["预算执行情况（万元）"] * 3  # two to one: the pair, then the copies
    assert [row[0] for row in texts[3:]] == ["预算执行情况（万元）（20分）"] * 3
    assert texts[4][1] == "名称:甲" and texts[5][1] == "名称：乙"  # different labels are not copies
    assert texts[1][2] == "═0起" and grid.rows[1][2].confidence == GUESS_CONFIDENCE
    assert texts[2][2:] == ["-5%", "-3%"]  # a minus is how a negative value is printed: the ink decides (glyphs)
    assert {f.rule for f in fixes} == {"bracket-pair", "bracket-width", "equals-read-as-bar"}
    outside = _grid([["项目", "增减"], ["经费", "一100"], ["其他", "30"]])
    assert fix_grid(outside) == [] and outside.texts()[1][1] == "一100"


def test_a_level_one_header_that_lost_its_leading_stroke_is_restored() -> None:
    grid = _grid([["级指标", "二级指标", "三级指标", "分值"], ["级指标", "质量", "合格率", "10"]])
    fixes = fix_grid(grid)
    assert grid.texts()[0][0] == "一级指标" and grid.rows[0][0].confidence == GUESS_CONFIDENCE
    assert grid.texts()[1][0] == "级指标"  # no 二级指标 beside it: nothing says what it is
    assert [f.rule for f in fixes] == ["yi-dropped"]


def test_a_blurred_double_bar_read_as_a_minus_is_told_from_a_minus_by_its_size() -> None:
    binary = np.zeros((60, 400), np.uint8)
    cell_a, cell_b = (0.0, 0.0, 190.0, 50.0), (200.0, 0.0, 390.0, 50.0)
    binary[22:27, 12:33] = 255  # ═ blurred into one bar: 0.63 × 0.15 of a 33 px line
    binary[20:30, 40:47] = 255  # the first digit
    binary[24:26, 212:222] = 255  # a minus: short and thin
    binary[20:30, 228:235] = 255
    equals = restore_equals(binary, _box("-100", 8, 10, 120, 40), cell_a, 33)
    assert equals.text == "═100" and equals.confidence == UNSURE_CONFIDENCE  # a guess: reviewed
    assert restore_equals(binary, _box("-100", 208, 10, 320, 40), cell_b, 33).text == "-100"
