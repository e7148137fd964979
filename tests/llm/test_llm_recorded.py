"""The LLM path end to end, replayed from cassettes recorded against a real model.

Recorded with scripts/record_llm.sh: llama-cpp-python's OpenAI-compatible server running
Qwen2.5-Coder-1.5B-Instruct (Q4_K_M GGUF), temperature 0, in the instructor mode named by
``RECORDED_MODE``.  Each test replays its own cassette (record mode ``none``: no request reaches
a network); a request that differs from its recording in any byte of its body fails, and so
does a recorded interaction the test did not use.  What the model answered is asserted here,
not only stored in the cassette.
"""

from __future__ import annotations

import asyncio
from decimal import Decimal
from pathlib import Path

import pytest

from extractor.ingest import ingest_path, ingest_text
from extractor.llm import LLMSettings
from extractor.llm.cache import AnswerCache
from extractor.llm.client import ModelClient, UsageMeter
from extractor.llm.extract import Session, read_form
from extractor.llm.plan import plan_calls
from extractor.llm.prompts import SYSTEM, load_prompt
from extractor.pipeline import extract_document
from extractor.segment import segment

from llm_support import FIXTURES, SAMPLE

MERGED = FIXTURES / "merged_funds.txt"


def first_form_of_sample() -> str:
    """The sample report's project self-evaluation alone (the file holds two forms)."""
    text = SAMPLE.read_text(encoding="utf-8")
    return text[: text.index("示例县水务局2024年项目绩效目标表")].rstrip("\t\n") + "\n"


def _codes(form) -> set[str]:
    return {f.code for f in form.findings}


def _overview_only(settings: LLMSettings, path_or_text, runs: int = 1):
    """Read only the overview call of the first form, ``runs`` times in fresh sessions."""
    doc = ingest_text(path_or_text, "sample-form-1.txt") if isinstance(path_or_text, str) else ingest_path(path_or_text)
    chunk = segment(doc)[0]
    calls = [c for c in plan_calls(chunk, settings.rows_per_call) if c.part == "overview"]

    async def go():
        client = ModelClient(settings)
        session = Session(client, settings, UsageMeter(settings.token_budget), AnswerCache(settings.cache_dir),
                          asyncio.Semaphore(1))
        try:
            return await read_form(session, chunk, calls), session.meter
        finally:
            await client.aclose()

    return [asyncio.run(go()) for _ in range(runs)]


@pytest.mark.vcr
def test_llm_reads_a_form_end_to_end(recorded_settings: LLMSettings) -> None:
    """ingest → grid with cell refs → prompt → model → grounded answer → schema → validator.

    Recorded facts: the overview was answered at once — header and funds grounded, and both
    goals quoted with a misnamed cell (the 预期目标 text with its label's row r7c1, the
    实际完成情况 text with r8c1), each moved to the one cell of its column or row that prints it.
    The indicator window (rows 10–16, 一级/二级 filled down) was first answered with every
    reference one row off and the totals from a row not shown; the first re-ask came back with
    the same slip, the second with the rows right but half the values one row off.  The answer
    keeping the most grounded values stands: all six rows with their levels, the two totals
    dropped and reported.
    """
    result = extract_document(ingest_text(first_form_of_sample(), "sample-form-1.txt"), backend="llm",
                              llm_settings=recorded_settings)
    assert result.backend == "llm" and [f.schema_name for f in result.forms] == ["project_self_eval"]
    form = result.forms[0]
    header = form.header
    assert (header.project_name.value, header.department.value, header.unit_name.value) == (
        "示例县农村饮水安全巡检项目", "示例县水务局", "示例县农村供水服务中心")
    assert header.project_name.backend == "llm" and header.title.backend == "rules"  # title/year: by pattern
    total, fiscal = form.funds
    assert (total.role, total.initial_budget.value, total.budget.value, total.executed.value, total.weight.value,
            total.rate.value, total.score.value) == ("total", Decimal("40"), Decimal("50"), Decimal("45"), Decimal("10"),
                                                     Decimal("90"), Decimal("9"))
    assert (fiscal.role, fiscal.budget.value, fiscal.executed.value) == ("fiscal", Decimal("50"), Decimal("45"))
    src = total.executed.source[0]
    assert (src.grid_id, src.row, src.col) == ("t1", 4, 4) and total.executed.backend == "llm"  # its printed cell
    goals = form.goals
    assert goals.expected.value == "完成全县农村集中供水工程巡检，水质抽检合格率不低于95%。"
    assert goals.actual.value == "完成巡检120处，水质抽检合格率97%。"
    assert [(g.source[0].row, g.source[0].col) for g in (goals.expected, goals.actual)] == [(9, 1), (9, 2)]
    names = [i.name.value for i in form.indicators]
    assert names == ["巡检供水工程数量", "水质抽检合格率", "巡检完成时间", "单处巡检成本", "受益农村人口", "群众满意度"]
    first = form.indicators[0]
    assert (first.level1.value, first.level2.value, first.target.value.text, first.actual.value.text,
            first.weight.value, first.score.value) == ("产出指标", "数量指标", "≥120处", "120处", Decimal("20"), Decimal("20"))
    assert first.name.source[0].row == 11 and first.name.backend == "llm"  # grid row 11 = form row 10 (title is row 0)
    assert [i.level2.value for i in form.indicators] == ["数量指标", "质量指标", "时效指标", "成本指标", "社会效益指标",
                                                        "服务对象满意度指标"]
    assert form.totals.weight.value is None and form.totals.score.value is None
    dropped = [f.message_en for f in form.findings if f.code == "EXTRACT_LLM_UNGROUNDED"]
    assert len(dropped) == 1 and "total_weight: r17c1" in dropped[0] and "total_score: r17c2" in dropped[0]
    # the validator ran on the model's record: the sample's own error (full marks for a missed target)
    assert [f.code for f in form.findings if f.severity == "error"] == ["INDICATOR_FULL_SCORE_MISSED_TARGET"]
    tags = {load_prompt(SYSTEM).tag, load_prompt("project_self_eval").tag}
    provenance = [f for f in form.findings if f.code == "EXTRACT_LLM_PROVENANCE"]
    assert provenance and all(t in provenance[0].message_en for t in tags)
    # every attempt is paid for: 1 overview attempt + 3 for the window
    assert (result.usage.calls, result.usage.prompt_tokens, result.usage.completion_tokens) == (4, 6492, 1956)


@pytest.mark.vcr
def test_ungrounded_or_misread_answer_is_reasked(recorded_settings: LLMSettings) -> None:
    """A merged amount pasted twice (40 40 40 30 30 10 75% 7.5).  Recorded facts: the model read
    the row shifted (执行数 40, 分值 30) and 执行率 from r3c6 (30); the re-ask named r3c8 for the
    75% and the model wrote 75% against r3c6 on both re-asks.  Of the three answers the last
    stands (the first keeps more values, but also the three misreads the validator found):
    its ungrounded rates are dropped and reported, the grounded rest stands — for the validator
    and, under auto, the arithmetic guard to judge."""
    [(form, meter)] = _overview_only(recorded_settings, MERGED)
    assert form.header.project_name.value == "示例区社区图书室运行项目"
    total = form.funds[0]
    assert (total.budget.value, total.executed.value, total.weight.value, total.rate.value) == (
        Decimal("40"), Decimal("40"), Decimal("30"), None)
    dropped = [f for f in form.findings if f.code == "EXTRACT_LLM_UNGROUNDED"]
    assert len(dropped) == 1 and "funds[0].rate: r3c6 prints '30', not '75%'" in dropped[0].message_en
    assert form.goals.expected.value == "保障12个社区图书室全年开放。"
    assert meter.calls == 3 and (meter.prompt_tokens, meter.completion_tokens) == (4827, 679)


@pytest.mark.vcr
def test_auto_asks_only_for_the_weak_part_and_keeps_the_rules_when_the_model_fails(
        recorded_settings: LLMSettings, tmp_path: Path) -> None:
    """The rules read the merged-amount funds row with low confidence (0.6): auto asks the model
    for the overview only — no indicator call is made.  The model's shifted reading (above)
    would break the row's arithmetic (5 validation errors instead of 0), so the rules' values
    stand with their provenance and the refusal is reported."""
    s = recorded_settings.with_(cache_dir=tmp_path / "answers")
    result = extract_document(ingest_path(MERGED), backend="auto", llm_settings=s)
    form = result.forms[0]
    total = form.funds[0]
    assert (total.executed.value, total.executed.backend, total.executed.confidence) == (Decimal("30"), "rules", 0.6)
    assert all(i.name.backend == "rules" for i in form.indicators) and len(form.indicators) == 3
    assert {"EXTRACT_LLM_REJECTED", "EXTRACT_LLM_UNGROUNDED", "EXTRACT_LLM_PROVENANCE", "LAYOUT_FUNDS_AMBIGUOUS"} <= _codes(form)
    assert result.usage.calls == 3


@pytest.mark.vcr
def test_the_cache_never_pays_twice_for_an_unchanged_form(recorded_settings: LLMSettings, tmp_path: Path) -> None:
    """The second reading of an unchanged form is answered from the cache: no request is sent
    (the cassette holds the first reading only, and a replayed request may not repeat)."""
    s = recorded_settings.with_(cache_dir=tmp_path / "answers")
    (first, meter1), (second, meter2) = _overview_only(s, first_form_of_sample(), runs=2)
    assert meter1.calls == 1 and meter2.calls == 0 and meter2.prompt_tokens == 0
    assert first.funds == second.funds and second.funds[0].executed.value == Decimal("45")
    assert len(list((tmp_path / "answers").rglob("*.json"))) == 1
