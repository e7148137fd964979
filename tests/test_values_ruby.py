"""Inline pinyin a mirror prints after characters is dropped from values, never a unit or a note."""

from __future__ import annotations

from extractor.values import drop_ruby, squash


def test_syllables_after_characters_are_dropped() -> None:
    assert drop_ruby("中等職業(yè)學(xué)校") == "中等職業學校"
    assert drop_ruby("項目名稱(xiàng mù míng chēng)") == "項目名稱"
    assert drop_ruby("目標（biāo）1:中等") == "目標1:中等"


def test_brackets_that_are_no_pinyin_stay() -> None:
    for text in ("重量(kg)", "全年预算数(A)", "产出指标(50分)", "收入(万元)", "(de)", "abc(biāo)"):
        assert drop_ruby(text) == text
    assert squash(drop_ruby("學(xué)校")) == squash("学校")


def test_a_measure_reads_past_the_pinyin() -> None:
    from extractor.values import parse_measure

    m = parse_measure("≥338萬(wàn)元")
    assert m is not None and str(m.value) == "338" and m.text == "≥338萬元"


def test_a_stated_subtotal_reads_past_the_pinyin() -> None:
    from extractor.vocab import split_subtotal

    assert split_subtotal("部門管(guǎn)理（45分(fēn)）") == ("部門管理", "45")
    assert split_subtotal("績效目標合理性（5分(fēn)）") == ("績效目標合理性", "5")


def test_a_label_copied_with_pinyin_is_still_a_copy() -> None:
    from extractor.rules.cells import same_text

    assert same_text("績 效(xiào) 指 標(biāo)", "績 效 指 標")
    assert not same_text("績效指標", "產出指標")
