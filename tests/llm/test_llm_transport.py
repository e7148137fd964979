"""Transport faults with an injected transport (respx): 500, 429 + Retry-After, timeout.

The successful answer served after the faults is a *recorded* one — the first response of a
cassette recorded from the real server — so no provider answer is invented here.  Sleeps are
captured instead of slept, which is how the tests see the back-off and the Retry-After wait.
"""

from __future__ import annotations


import httpx
import pytest
import respx
import yaml

from extractor.ingest import ingest_path
from extractor.llm import BudgetExceeded, LLMSettings, TransportFailed, extract_chunks
from extractor.llm.client import answer_text
from extractor.llm.plan import plan_calls
from extractor.llm.render import GridView
from extractor.llm.responses import SelfEvalOverview
from extractor.layouts import segment

from llm_support import CASSETTES, RECORDED_BASE_URL, RECORDED_MODE, RECORDED_MODEL, REPO, SAMPLE

# the end-to-end cassette: its recorded overview answer for the sample's first form is replayed
RECORDED = CASSETTES / "test_llm_recorded" / "test_llm_reads_a_form_end_to_end.yaml"
URL = RECORDED_BASE_URL + "/chat/completions"


def recorded_answer() -> dict:
    """The first recorded overview answer of the sample's first form (its funds grounded; values
    it names wrongly are dropped, as on a last attempt)."""
    from openai.types.chat import ChatCompletion

    chunk = segment(ingest_path(SAMPLE))[0]
    cells = {ref: c.text for ref, c in GridView.of(chunk).cells.items()}
    data = yaml.safe_load(RECORDED.read_text(encoding="utf-8"))
    for item in data["interactions"]:
        body = item["response"]["body"]["parsed"]
        try:
            text = answer_text(ChatCompletion.model_validate(body))
            answer = SelfEvalOverview.model_validate_json(_json_part(text), context={"cells": cells, "lenient": True})
        except ValueError:
            continue
        if answer.funds:
            return body
    raise AssertionError(f"{RECORDED} holds no accepted overview answer")


def _json_part(text: str) -> str:
    return text[text.find("{"): text.rfind("}") + 1]


class Sleeps(list):
    async def __call__(self, seconds: float) -> None:
        self.append(seconds)


def settings(**changes: object) -> LLMSettings:
    base = LLMSettings(base_url=RECORDED_BASE_URL, model=RECORDED_MODEL, mode=RECORDED_MODE, api_key="sk-test", max_attempts=4,
                       max_retry_wait_s=30.0, max_reasks=0, max_concurrency=1, cache_dir=None)
    return base.with_(**changes)


def overview_only():
    doc = ingest_path(SAMPLE)
    chunk = segment(doc)[0]
    return doc, chunk, [c for c in plan_calls(chunk, 8) if c.part == "overview"]


def run(s: LLMSettings, sleeps: Sleeps):
    """Read the sample's first form's overview through the injected transport."""
    import asyncio

    from extractor.llm.cache import AnswerCache
    from extractor.llm.client import ModelClient, UsageMeter
    from extractor.llm.extract import Session, read_form

    doc, chunk, calls = overview_only()

    async def go():
        client = ModelClient(s, sleep=sleeps)
        session = Session(client, s, UsageMeter(s.token_budget), AnswerCache(None), asyncio.Semaphore(1))
        try:
            form = await read_form(session, chunk, calls)
        finally:
            await client.aclose()
        return form, session.meter

    return asyncio.run(go())


@respx.mock(assert_all_called=True)
def test_500_is_retried_with_backoff_then_succeeds(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.post(URL).mock(side_effect=[httpx.Response(500, json={"error": "boom"}),
                                                   httpx.Response(503, text="unavailable"),
                                                   httpx.Response(200, json=recorded_answer())])
    sleeps = Sleeps()
    form, meter = run(settings(), sleeps)
    assert route.call_count == 3 and len(sleeps) == 2
    assert all(0 <= s <= 30.0 for s in sleeps)
    assert form.funds and form.funds[0].budget.backend == "llm"
    assert meter.calls == 1 and meter.prompt_tokens > 0  # only the answered request has usage


@respx.mock(assert_all_called=True)
def test_429_honours_retry_after(respx_mock: respx.MockRouter) -> None:
    respx_mock.post(URL).mock(side_effect=[httpx.Response(429, headers={"Retry-After": "7"}, json={"error": "slow down"}),
                                           httpx.Response(200, json=recorded_answer())])
    sleeps = Sleeps()
    run(settings(), sleeps)
    assert sleeps == [7.0]


@respx.mock(assert_all_called=True)
def test_retry_after_is_capped(respx_mock: respx.MockRouter) -> None:
    respx_mock.post(URL).mock(side_effect=[httpx.Response(429, headers={"retry-after-ms": "90000"}),
                                           httpx.Response(200, json=recorded_answer())])
    sleeps = Sleeps()
    run(settings(max_retry_wait_s=5.0), sleeps)
    assert sleeps == [5.0]


@respx.mock(assert_all_called=True)
def test_timeout_is_retried(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.post(URL).mock(side_effect=[httpx.ReadTimeout("read timed out"), httpx.ConnectError("refused"),
                                                   httpx.Response(200, json=recorded_answer())])
    sleeps = Sleeps()
    form, _ = run(settings(), sleeps)
    assert route.call_count == 3 and len(sleeps) == 2 and form.funds


@respx.mock(assert_all_called=True)
def test_retries_are_bounded_in_attempts(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.post(URL).mock(return_value=httpx.Response(502, text="bad gateway"))
    sleeps = Sleeps()
    with pytest.raises(TransportFailed, match="failed 3 time") as info:
        run(settings(max_attempts=3), sleeps)
    assert route.call_count == 3 and len(sleeps) == 2 and info.value.attempts == 3


@respx.mock(assert_all_called=True)
def test_retries_are_bounded_in_total_time(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.post(URL).mock(side_effect=httpx.ReadTimeout("read timed out"))
    with pytest.raises(TransportFailed):
        run(settings(max_attempts=50, max_total_s=0.0), Sleeps())
    assert route.call_count == 1


@respx.mock(assert_all_called=True)
def test_client_errors_are_not_retried(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.post(URL).mock(return_value=httpx.Response(401, json={"error": {"message": "bad key"}}))
    with pytest.raises(TransportFailed, match="refused the request"):
        run(settings(), Sleeps())
    assert route.call_count == 1


@respx.mock(assert_all_called=True)
def test_auto_falls_back_to_rules_when_the_endpoint_is_down(respx_mock: respx.MockRouter) -> None:
    respx_mock.post(URL).mock(return_value=httpx.Response(500))
    doc = ingest_path(REPO / "tests" / "llm" / "fixtures" / "merged_funds.txt")
    forms, usage = extract_chunks(doc, segment(doc), backend="auto", settings=settings(max_attempts=2),
                                  sleep=Sleeps())
    assert usage.calls == 0
    assert any(f.code == "EXTRACT_LLM_UNAVAILABLE" for f in forms[0].findings)
    assert forms[0].funds[0].executed.backend == "rules"


@respx.mock(assert_all_called=True)
def test_budget_stops_a_runaway_document(respx_mock: respx.MockRouter) -> None:
    """A document whose calls would spend more than its budget: once the budget is spent no
    further request is sent, and the error carries what was spent (every attempt counted)."""
    answer = recorded_answer()
    per_call = answer["usage"]["prompt_tokens"] + answer["usage"]["completion_tokens"]
    route = respx_mock.post(URL).mock(return_value=httpx.Response(200, json=answer))
    doc = ingest_path(SAMPLE)
    chunks = segment(doc)
    assert sum(len(plan_calls(c, settings().rows_per_call)) for c in chunks) >= 4  # more than the budget allows
    with pytest.raises(BudgetExceeded, match="token budget exhausted") as info:
        extract_chunks(doc, chunks, backend="llm", settings=settings(token_budget=2 * per_call + 1), sleep=Sleeps())
    assert route.call_count == 3
    usage = info.value.usage
    assert usage.calls == 3 and usage.prompt_tokens + usage.completion_tokens == 3 * per_call
