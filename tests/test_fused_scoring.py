"""Indicator runs cut by the form's scoring rule (``extractor/layouts/fused/scoring.py``,
``pairs.recut``): read where one cut scores by completion, withdrawn where another row of the form
shows it scores some other way.  Texts are invented."""

from __future__ import annotations

from decimal import Decimal

from extractor.layouts.fused.pairs import recut
from extractor.layouts.fused.scoring import CompletionScoring
from extractor.layouts.fused.text import clean_text
from extractor.vocab.figure_runs import indicator_rule
from schemas.common import Indicator, Value

_HUNDRED = Decimal(100)


def test_a_run_the_row_cutter_misplaced_is_cut_again_where_the_rule_allows_one_cut() -> None:
    ct = clean_text("甲<=3373372020乙")  # <=337 | 337 | 20 | 20, read by the cutter as <=3 | 37337 | 20 | 20
    figures = [("target", "measure", 1, 4), ("actual", "measure", 4, 9), ("weight", "num", 9, 11),
               ("score", "num", 11, 13)]
    moved = recut(ct, figures, indicator_rule(_HUNDRED, scored=True, reverse=True))
    assert moved is not None
    assert [ct.text[a:b] for _, _, a, b in moved] == ["<=337", "337", "20", "20"]
    assert recut(ct, figures, indicator_rule(_HUNDRED)) is None  # 得分 ≤ 分值 alone: several cuts


def test_scoring_reads_a_chongqing_run_and_flags_what_stays_ambiguous() -> None:
    ct = clean_text("率%851210012面积万亩3610910")
    scoring = CompletionScoring()
    row = [("target", "measure", 2, 4), ("weight", "num", 4, 6), ("actual", "measure", 6, 9),
           ("score", "num", 9, 11)]
    certain, by_rule, _ = scoring.certain(ct, row, _HUNDRED, "%", True, False)
    assert certain == by_rule == {"target", "weight", "actual", "score"}
    area = [("target", "measure", 15, 17), ("weight", "num", 17, 19), ("actual", "measure", 19, 20),
            ("score", "num", 20, 22)]
    certain, _, _ = scoring.certain(ct, area, _HUNDRED, "万亩", True, False)
    assert certain == set()  # 36 | 10 | 9 | 10 reads only as a 反向 target, and an area row does not say so


def test_a_row_scored_some_other_way_withdraws_what_the_rule_read() -> None:
    scoring = CompletionScoring()
    ind = Indicator(name=Value[str](value="甲"))
    ind.weight = Value[Decimal](value=Decimal(10))
    scoring.record(ind, "weight", (0, 1))
    plain = clean_text("甲≥90 85 10 8乙")  # printed apart: a band score, 8 of 10 for 85 of 90, not 9.44
    row = [("target", "measure", 1, 4), ("actual", "measure", 4, 6), ("weight", "num", 6, 8), ("score", "num", 8, 9)]
    scoring.certain(plain, row, _HUNDRED, None, True, False)
    assert scoring.contradicted
    fused: list[tuple[int, int]] = []
    scoring.settle(fused)
    assert ind.weight.value is None and fused == [(0, 1)]
