"""Verdicts that open with a level word (效果明显, 质量合格, 满意度较高) are values, never headings.

``is_level`` allowed any two characters after a level word, so a qualitative cell such as
``效果明显`` (效果 is a 一级 word on some templates) or ``质量合格`` opened a new row as a heading
when a table arrived on one line (an xlsx copied as text), and the row's name became a value.
The messifier's ``level_values`` prints such verdicts in generated forms; the gold follows.
All inputs are synthetic and invented."""

from __future__ import annotations

import random

import pytest

from extractor.pipeline import extract_text
from extractor.vocab import LEVEL1_RE, LEVEL2_RE, is_level
from tests.synth.corpus import corpus
from tests.synth.messify.base import Sheet, sheet_of
from tests.synth.messify.level_values import ACTUAL_VERDICTS, TARGET_VERDICTS, level_values

VERDICTS = TARGET_VERDICTS + ACTUAL_VERDICTS


@pytest.mark.parametrize("text", ["效果明显", "质量合格", "满意度较高", "成本可控", "时效达标", "效益显著"])
def test_a_verdict_that_opens_with_a_level_word_is_no_level(text: str) -> None:
    assert not is_level(LEVEL1_RE, text) and not is_level(LEVEL2_RE, text)


@pytest.mark.parametrize(("pattern", "text"), [(LEVEL2_RE, "服务对象满意度指标等"), (LEVEL2_RE, "可持续发展能力"),
                                               (LEVEL2_RE, "时效性"), (LEVEL1_RE, "效益指标（30分）"),
                                               (LEVEL1_RE, "投入管理")])
def test_level_words_with_their_printed_suffixes_stay_levels(pattern, text: str) -> None:  # type: ignore[no-untyped-def]
    assert is_level(pattern, text)


def _with_verdicts(seed: int, size: int) -> list[Sheet]:
    """Generated forms with at least one verdict printed (documents without a qualitative row skipped)."""
    sheets = []
    for doc in corpus(seed, size, ["national", "hubei", "xianjie", "sichuan"]):
        for attempt in range(20):
            sheet = sheet_of(doc)
            level_values(sheet, random.Random(attempt))
            if any(t in VERDICTS for part in sheet.tables() for row in part.rows or [] for t in row):
                sheets.append(sheet)
                break
    return sheets


def test_level_values_gold_follows_the_print() -> None:
    for sheet in _with_verdicts(18, 8):
        printed = {t for part in sheet.tables() for row in part.rows or [] for t in row}
        for form in sheet.forms:
            for ind in form.get("indicators") or []:
                for field in ("target", "actual"):
                    text = (ind.get(field) or {}).get("text")
                    if text in VERDICTS:
                        assert text in printed


def test_one_line_tables_read_verdicts_as_values_not_as_headings() -> None:
    # each table printed on one line of single-spaced cells (an xlsx export copied as text)
    read = missed = 0
    for sheet in _with_verdicts(18, 12):
        lines: list[str] = []
        for part in sheet.parts:
            lines += part.prose
            if part.rows:
                lines.append(" ".join(t.strip() for row in part.rows for t in row if t.strip()))
        forms = extract_text("\n".join(lines) + "\n").forms
        for form, gold in zip(forms, sheet.forms, strict=False):
            for ind in form.indicators:
                assert not {ind.level1.value, ind.level2.value, ind.name.value} & set(VERDICTS)
            got = {(i.name.value, i.target.value.text if i.target.value else None,
                    i.actual.value.text if i.actual.value else None) for i in form.indicators}
            for g in gold.get("indicators") or []:
                key = (g.get("name"), (g.get("target") or {}).get("text"), (g.get("actual") or {}).get("text"))
                if set(key[1:]) & set(VERDICTS):
                    read, missed = read + (key in got), missed + (key not in got)
    assert read > missed  # 15 read / 11 missed here; 39 / 22 at 24 documents (before the fix: 7 / 126)
