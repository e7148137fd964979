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
from llm_support import FIXTURES, SAMPLE

from extractor.ingest import ingest_path, ingest_text
from extractor.layouts import segment
from extractor.llm import LLMSettings
from extractor.llm.cache import AnswerCache
from extractor.llm.client import ModelClient, UsageMeter
from extractor.llm.extract import Session, read_form
from extractor.llm.plan import plan_calls
from extractor.llm.prompts import SYSTEM, load_prompt
from extractor.pipeline import extract_document

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
    """ingest → labelled grid → prompt → model → located, grounded answer → schema → validator.

    Recorded facts: the overview was answered at once, every text found in its row.  The
    indicator window (rows 10–16, 一级/二级 filled down, every cell labelled) was read right —
    all six rows, their levels, figures and the 总分 row's totals — except that the model, whose
    worked example has a 完成率 column, gave every row a completion of 100% the form does not
    print.  Re-asked with the six texts not found, it answered the same; a re-ask that would repeat
    itself is not sent, and the six values are dropped and reported.
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
            total.rate.value, total.score.value) == (
        "total", Decimal("40"), Decimal("50"), Decimal("45"), Decimal("10"), Decimal("90"), Decimal("9")
    )
    assert (fiscal.role, fiscal.budget.value, fiscal.executed.value) == ("fiscal", Decimal("50"), Decimal("45"))
    src = total.executed.source[0]
    assert (src.grid_id, src.row, src.col) == ("t1", 4, 4) and total.executed.backend == "llm"  # its printed cell
    goals = form.goals
    assert goals.expected.value == "完成全县农村集中供水工程巡检，水质抽检合格率不低于95%。"
    # copied with a "." for "。": folded, the cell's text kept
    assert goals.actual.value == "完成巡检120处，水质抽检合格率97%。"
    assert [(g.source[0].row, g.source[0].col) for g in (goals.expected, goals.actual)] == [(9, 1), (9, 2)]
    names = [i.name.value for i in form.indicators]
    assert names == ["巡检供水工程数量", "水质抽检合格率", "巡检完成时间", "单处巡检成本", "受益农村人口", "群众满意度"]
    first = form.indicators[0]
    assert (first.level1.value, first.level2.value, first.target.value.text, first.actual.value.text,
            first.weight.value, first.score.value) == (
        "产出指标", "数量指标", "≥120处", "120处", Decimal("20"), Decimal("20")
    )
    assert first.name.source[0].row == 11 and first.name.backend == "llm"  # grid row 11 = form row 10 (title is row 0)
    assert [i.level2.value for i in form.indicators] == ["数量指标", "质量指标", "时效指标", "成本指标", "社会效益指标",
                                                        "服务对象满意度指标"]
    assert all(i.completion.value is None for i in form.indicators)
    assert (form.totals.weight.value, form.totals.score.value) == (Decimal("100"), Decimal("99"))
    dropped = [f.message_en for f in form.findings if f.code == "EXTRACT_LLM_UNGROUNDED"]
    assert len(dropped) == 1 and dropped[0].count(".completion: '100%' is not printed in row") == 6
    # the validator ran on the model's record: the sample's own error (full marks for a missed target)
    assert [f.code for f in form.findings if f.severity == "error"] == ["INDICATOR_FULL_SCORE_MISSED_TARGET"]
    tags = {load_prompt(SYSTEM).tag, load_prompt("project_self_eval").tag}
    provenance = [f for f in form.findings if f.code == "EXTRACT_LLM_PROVENANCE"]
    assert provenance and all(t in provenance[0].message_en for t in tags)
    # every attempt is paid for: 1 overview attempt + 2 for the window
    assert (result.usage.calls, result.usage.prompt_tokens, result.usage.completion_tokens) == (3, 5297, 892)


@pytest.mark.vcr
def test_a_row_printing_merged_amounts_twice_is_read_at_once(recorded_settings: LLMSettings) -> None:
    """A merged amount pasted twice (40 40 40 30 30 10 75% 7.5 under six headers).  Recorded
    facts: the model read 年初预算数 40, 全年预算数 40, 全年执行数 30, 分值 10, 执行率 75%, 得分 7.5 —
    the form's own arithmetic (30 / 40 = 75%) — in one answer; no re-ask was needed.  The copied
    texts are located under the headers that name them where a labelled cell prints them (the
    40 of 年初预算数, the 30 of 全年执行数), else in the leftmost cell of the row left."""
    [(form, meter)] = _overview_only(recorded_settings, MERGED)
    assert form.header.project_name.value == "示例区社区图书室运行项目"
    total = form.funds[0]
    assert (total.initial_budget.value, total.budget.value, total.executed.value, total.weight.value,
            total.rate.value, total.score.value) == (
        Decimal("40"), Decimal("40"), Decimal("30"), Decimal("10"), Decimal("75"), Decimal("7.5"))
    assert [(v.source[0].row, v.source[0].col) for v in (total.initial_budget, total.executed, total.score)] == [
        (4, 4), (4, 6), (4, 9)]
    assert not [f for f in form.findings if f.code == "EXTRACT_LLM_UNGROUNDED"]
    assert form.goals.expected.value == "保障12个社区图书室全年开放。"
    assert meter.calls == 1 and (meter.prompt_tokens, meter.completion_tokens) == (1632, 150)


@pytest.mark.vcr
def test_auto_asks_only_for_the_weak_part_and_takes_the_model_reading_that_holds(
        recorded_settings: LLMSettings, tmp_path: Path) -> None:
    """The rules read the merged-amount funds row with low confidence (0.6): auto asks the model
    for the overview only — no indicator call is made.  The model's reading (above) keeps the
    row's arithmetic, so it replaces the rules' weak values, each with its cell; the indicators
    stay the rules'.  (A reading that would break the arithmetic is refused: test_llm_units.)"""
    s = recorded_settings.with_(cache_dir=tmp_path / "answers")
    result = extract_document(ingest_path(MERGED), backend="auto", llm_settings=s)
    form = result.forms[0]
    total = form.funds[0]
    assert (total.executed.value, total.executed.backend, total.executed.confidence) == (Decimal("30"), "llm", 0.85)
    assert (total.budget.value, total.rate.value) == (Decimal("40"), Decimal("75"))
    assert all(i.name.backend == "rules" for i in form.indicators) and len(form.indicators) == 3
    assert "EXTRACT_LLM_REJECTED" not in _codes(form) and "EXTRACT_LLM_PROVENANCE" in _codes(form)
    assert not [f for f in form.findings if f.severity == "error"]
    assert result.usage.calls == 1


@pytest.mark.vcr
def test_the_cache_never_pays_twice_for_an_unchanged_form(recorded_settings: LLMSettings, tmp_path: Path) -> None:
    """The second reading of an unchanged form is answered from the cache: no request is sent
    (the cassette holds the first reading only, and a replayed request may not repeat)."""
    s = recorded_settings.with_(cache_dir=tmp_path / "answers")
    (first, meter1), (second, meter2) = _overview_only(s, first_form_of_sample(), runs=2)
    assert meter1.calls == 1 and meter2.calls == 0 and meter2.prompt_tokens == 0
    assert first.funds == second.funds and second.funds[0].executed.value == Decimal("45")
    assert len(list((tmp_path / "answers").rglob("*.json"))) == 1


SCORE_SHEET = FIXTURES / "project_score_sheet.txt"


@pytest.mark.vcr
def test_llm_reads_a_generated_project_score_sheet(recorded_settings: LLMSettings) -> None:
    """A generated 项目支出绩效评价指标体系及评分表 (tests/synth, family project_score_sheet, seed 17
    document 2, TSV with merged cells dropped; its 合计 88 planted 6 below the items' 94) read
    through the LLM path: the project_score_sheet answer schema and prompt, rows in windows of 8.

    Recorded facts (8 calls: 3 windows and their re-asks): every weight and score is read from its
    printed cell, and every level and name but two; 评分标准 is read into criteria, and copied
    once more into description, where it is not printed: dropped each time.  The model took the
    合计 row for an item (weight 100, score 88 in row 18) and answered a total score of 98: both
    are dropped as not printed where named, so the printed total weight is kept but no total
    score is, and the planted SCORE_SHEET_TOTAL_MISMATCH is not raised (the rules raise it)."""
    result = extract_document(ingest_path(SCORE_SHEET), backend="llm", llm_settings=recorded_settings)
    assert result.backend == "llm" and [f.schema_name for f in result.forms] == ["project_score_sheet"]
    form = result.forms[0]
    assert form.header.title.value == "基本公共卫生服务项目绩效评价指标体系及评分表"
    d = Decimal
    assert [(i.weight.value, i.score.value) for i in form.items] == [
        (d(5), d(5)), (d(5), d(5)), (d(5), d(5)), (d(5), d(5)), (d(5), d("3.5")), (d(5), d(5)), (d(5), d(5)),
        (d(5), d(5)), (d(5), d(4)), (d(5), d(5)), (d(5), d("3.5")), (d(10), d(10)), (d(5), d(4)), (d(5), d(5)),
        (d(5), d(4)), (d(10), d(10)), (d(10), d(10))]
    names = [i.name.value for i in form.items]
    assert names[:3] == ["立项依据充分性", "立项程序规范性", "绩效目标合理性"] and names[-1] == "满意度"
    assert names[8] is None  # answered with its 评分标准 text: not printed in the 三级指标 cell, dropped
    assert form.items[3].level2.value is None  # answered 绩效指标明确性 (its name): dropped
    assert [(g.level, g.name, g.stated_weight.value) for g in form.groups] == [
        (1, "项目决策", d(30)), (1, "项目过程", d(25)), (1, "项目产出", d(25)), (1, "项目效益", d(20))]
    # traceable: each value the model gave names the cell it was copied from
    first = form.items[0]
    assert [(v.source[0].row, v.source[0].col, v.backend) for v in (first.name, first.weight, first.criteria,
                                                                      first.score)] == [
        (1, 2, "llm"), (1, 3, "llm"), (1, 4, "llm"), (1, 5, "llm")]
    llm_values = [v for item in form.items for v in (item.level1, item.level2, item.name, item.weight, item.score)
                  if v.value is not None and v.backend == "llm"]
    assert len(llm_values) == 83 and all(v.source for v in llm_values)
    assert (form.totals.weight.value, form.totals.weight.backend, form.totals.score.value) == (d(100), "llm", None)
    dropped = [f.message_en for f in form.findings if f.code == "EXTRACT_LLM_UNGROUNDED"]
    assert len(dropped) == 3 and "total_score: '98' is not printed" in dropped[2]
    # the validator ran on the model's record: items within their weights, subtotals and 100 hold
    assert not [f for f in form.findings if f.severity == "error"]
    provenance = [f for f in form.findings if f.code == "EXTRACT_LLM_PROVENANCE"]
    assert provenance and load_prompt("project_score_sheet").tag in provenance[0].message_en
    assert (result.usage.calls, result.usage.prompt_tokens, result.usage.completion_tokens) == (8, 14674, 3390)
