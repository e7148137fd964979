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

    Recorded facts: the overview's first answer named the label row (r7c1) for the goal text;
    the grounding check rejected it, the re-ask named r8c1 and the second answer was accepted.
    The 1.5B model never gave a grounded answer for either window of indicator rows within two
    re-asks (it answers from the header row and reads 二级 headings as names): those windows
    are reported as EXTRACT_LLM_FAILED findings instead of being guessed.
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
    assert form.goals.expected.value == "完成全县农村集中供水工程巡检，水质抽检合格率不低于95%。"  # r8c1, after the re-ask
    assert form.goals.expected.source[0].row == 9
    assert form.indicators == []
    failed = [f for f in form.findings if f.code == "EXTRACT_LLM_FAILED"]
    assert len(failed) == 2 and "indicator rows 10–13" in failed[0].message_en and "indicator rows 14–16" in failed[1].message_en
    # the validator ran on the model's record; the prompts that produced it are on record
    assert not [f for f in form.findings if f.severity == "error"]
    tags = {load_prompt(SYSTEM).tag, load_prompt("project_self_eval").tag}
    provenance = [f for f in form.findings if f.code == "EXTRACT_LLM_PROVENANCE"]
    assert provenance and all(t in provenance[0].message_en for t in tags)
    # every attempt is paid for: 2 overview attempts + 3 per failed window
    assert (result.usage.calls, result.usage.prompt_tokens, result.usage.completion_tokens) == (8, 12766, 2078)


@pytest.mark.vcr
def test_ungrounded_or_misread_answer_is_reasked(recorded_settings: LLMSettings) -> None:
    """A merged amount pasted twice (40 40 40 30 30 10 75% 7.5).  Recorded facts: the model read
    执行率 from r3c6 (30); the misread check re-asked naming r3c8 (75%); the second answer
    wrote 75% against r3c6 (ungrounded) and the third still did: after two re-asks the overview
    is reported as failed and nothing is guessed."""
    [(form, meter)] = _overview_only(recorded_settings, MERGED)
    assert form.funds == [] and form.header.project_name.value is None
    failed = [f for f in form.findings if f.code == "EXTRACT_LLM_FAILED"]
    assert len(failed) == 1 and "r3c6 prints '30', not '75%'" in failed[0].message_en
    assert meter.calls == 3 and (meter.prompt_tokens, meter.completion_tokens) == (5084, 680)


@pytest.mark.vcr
def test_auto_asks_only_for_the_weak_part_and_keeps_the_rules_when_the_model_fails(
        recorded_settings: LLMSettings, tmp_path: Path) -> None:
    """The rules read the merged-amount funds row with low confidence (0.6): auto asks the model
    for the overview only — no indicator call is made — and, the model failing, the rules'
    values stand with their provenance.  A failed answer is never cached."""
    s = recorded_settings.with_(cache_dir=tmp_path / "answers")
    result = extract_document(ingest_path(MERGED), backend="auto", llm_settings=s)
    form = result.forms[0]
    total = form.funds[0]
    assert (total.executed.value, total.executed.backend, total.executed.confidence) == (Decimal("30"), "rules", 0.6)
    assert all(i.name.backend == "rules" for i in form.indicators) and len(form.indicators) == 3
    assert {"EXTRACT_LLM_FAILED", "EXTRACT_LLM_PROVENANCE", "LAYOUT_FUNDS_AMBIGUOUS"} <= _codes(form)
    assert result.usage.calls == 3
    assert not list((tmp_path / "answers").rglob("*.json"))


@pytest.mark.vcr
def test_the_cache_never_pays_twice_for_an_unchanged_form(recorded_settings: LLMSettings, tmp_path: Path) -> None:
    """The second reading of an unchanged form is answered from the cache: no request is sent
    (the cassette holds the first reading only, and a replayed request may not repeat)."""
    s = recorded_settings.with_(cache_dir=tmp_path / "answers")
    (first, meter1), (second, meter2) = _overview_only(s, first_form_of_sample(), runs=2)
    assert meter1.calls == 2 and meter2.calls == 0 and meter2.prompt_tokens == 0
    assert first.funds == second.funds and second.funds[0].executed.value == Decimal("45")
    assert len(list((tmp_path / "answers").rglob("*.json"))) == 1
