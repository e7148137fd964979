"""A verdict cell of a one-line export wrapped at its last word (``达成预期`` / ``指标``), joined back."""

from __future__ import annotations

from extractor.grid import Cell
from extractor.segment.export_wrap import join_verdict_tails


def _texts(*cells: str) -> list[str]:
    return [c.clean for c in join_verdict_tails([Cell(t, 0, k) for k, t in enumerate(cells)])]


def test_a_lone_zhibiao_after_a_short_text_is_its_tail() -> None:
    assert _texts("指标1：项目完成时间", "10", "2019年10月底前", "达成预期", "指标", "10") == [
        "指标1：项目完成时间", "10", "2019年10月底前", "达成预期 指标", "10"]


def test_level_words_figures_and_header_words_keep_their_zhibiao() -> None:
    for before in ("服务对象满意度", "效益", "95%", "三级"):
        assert _texts(before, "指标") == [before, "指标"]


def test_a_tail_cut_one_character_earlier() -> None:
    assert _texts("良好", "完成年", "度指标", "15") == ["良好", "完成年 度指标", "15"]
    assert _texts("服务对象满意", "度指标") == ["服务对象满意", "度指标"]  # a level word's wrap
