"""Verdict cells printed side by side in a one-line export (fused/borders.py): whitespace around a
short text and none inside it is a cell border, so two verdicts read as target and actual."""

from __future__ import annotations

from decimal import Decimal

from extractor.layouts.fused.borders import bordered, bordered_texts, borders_of
from extractor.layouts.fused.chunks import FUSED_GRID, _cells, chunk_text
from extractor.layouts.fused.rows import cut_rows
from extractor.layouts.fused.text import CleanText, clean_text
from extractor.segment.types import FormChunk, Row

TEMPLATE = ["nature", "target", "actual", "weight", "score"]


def _clean(raw: str) -> CleanText:
    return clean_text(raw)


def _rows(raw: str) -> list[tuple[str, dict[str, str]]]:
    ct = _clean(raw)
    cut = cut_rows(ct.text, TEMPLATE, Decimal(100), borders=borders_of(ct, 0, len(ct.text)))
    assert cut is not None
    return [(ct.text[r.name[0]:r.name[1]], {f: ct.text[s.start:s.end] for f, s in r.slots.items()}) for r in cut[0]]


def test_two_verdicts_printed_as_cells_read_as_target_and_actual() -> None:
    rows = _rows(" 履职效能 定性 成本可控 达成预期指标 35 35 群众满意度 ≥ 90% 93% 10 10 ")
    assert rows[0] == ("履职效能", {"nature": "定性", "target": "成本可控", "actual": "达成预期指标",
                                    "weight": "35", "score": "35"})
    assert rows[1][0] == "群众满意度"


def test_a_verdict_actual_after_a_date_target() -> None:
    rows = _rows(" 项目完成时间 定性 2021年11月底前 效果明显 10 10 ")
    assert rows[0][1]["target"] == "2021年11月底前" and rows[0][1]["actual"] == "效果明显"


def test_glued_verdicts_are_not_cut_on_a_guess() -> None:
    rows = _rows(" 履职效能定性成本可控达成预期指标3535 ")
    assert all(cells.get("actual") != "达成预期指标" for _, cells in rows)


def test_borders_and_bordered_texts() -> None:
    ct = _clean(" 成本可控 质量 达 标 ")
    borders = borders_of(ct, 0, len(ct.text))
    assert borders == {0, 4, 6, 7, 8}
    assert bordered_texts(ct.text, 0, borders) == [(4, "qual")]
    assert bordered_texts(ct.text, 1, borders) == []  # not at a border
    assert bordered_texts(ct.text, 6, borders) == []  # one character: no verdict
    assert bordered(0, 4, borders) and not bordered(0, 6, borders)


def test_inline_pinyin_cut_out_is_no_border() -> None:
    """A mirror's pinyin after a character (``標(biāo)``) leaves a gap in the offsets, not whitespace:
    the glued row stays unread as a pair of verdicts."""
    ct = _clean("滅火設備配備率100%1000件達成預(yù)期指標(biāo)監控")
    borders = borders_of(ct, 0, len(ct.text))
    assert borders == {0, len(ct.text)}
    ct = _clean(" 成本可控 達成預(yù)期指標(biāo) ")
    assert borders_of(ct, 0, len(ct.text)) == {0, 4, 10}


def test_a_fused_chunk_keeps_whitespace_apart_from_pinyin() -> None:
    """The chunk's cells break at every gap, but only a printed space comes back as a border:
    the cell that ended against pinyin covers it (``Cell.ruby``)."""
    ct = _clean("年度目標(biāo)成本可控 達成")
    cells = _cells(ct, 0, len(ct.text))
    assert [c.text for c in cells] == ["年度目標", "成本可控", "達成"]
    assert [c.ruby for c in cells] == [6, 0, 0]
    chunk = FormChunk(0, None, 0.0, "", None, rows=[Row(cells, FUSED_GRID)])
    assert chunk_text(chunk).spaces == ct.spaces == frozenset({8})
