"""Verdict cells printed side by side in a one-line export (fused/borders.py): whitespace around a
short text and none inside it is a cell border, so two verdicts read as target and actual."""

from __future__ import annotations

from decimal import Decimal

from extractor.layouts.fused.borders import bordered, bordered_texts, borders_of
from extractor.layouts.fused.rows import cut_rows
from extractor.layouts.fused.text import CleanText

TEMPLATE = ["nature", "target", "actual", "weight", "score"]


def _clean(raw: str) -> CleanText:
    kept = [(i, ch) for i, ch in enumerate(raw) if not ch.isspace()]
    return CleanText("".join(ch for _, ch in kept), [i for i, _ in kept])


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
