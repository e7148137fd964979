"""The LLM extraction path: any OpenAI-compatible endpoint, instructor, grounded cell picks.

Entry points for the pipeline:

- ``load_settings()`` — the endpoint configuration, or ``None`` when none is configured;
- ``extract_chunks(doc, chunks, backend="llm" | "auto", settings=...)`` — one record per chunk
  and the document's ``Usage`` (calls and tokens of every attempt).

``llm`` reads every form with the model; ``auto`` runs the deterministic extractor first and
asks the model only for unrecognised forms and for values below the confidence threshold.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from extractor.errors import ConfigError, LLMError
from extractor.grid import IngestedDocument
from extractor.llm.cache import AnswerCache
from extractor.llm.client import AnswerFailed, BudgetExceeded, ModelClient, TransportFailed, UsageMeter
from extractor.llm.extract import Session, read_form
from extractor.llm.merge import calls_needed, guarded_merge, unrecognised
from extractor.llm.plan import plan_calls
from extractor.llm.settings import LLMSettings, Price, load_settings
from extractor.result import Usage
from extractor.layouts import choose, extract_form
from extractor.segment import FormChunk
from schemas import FormRecord
from schemas.common import Finding

__all__ = [
    "AnswerFailed",
    "BudgetExceeded",
    "LLMSettings",
    "Price",
    "TransportFailed",
    "Usage",
    "extract_chunks",
    "extract_chunks_async",
    "load_settings",
]


def extract_chunks(
    doc: IngestedDocument, chunks: list[FormChunk], *, backend: str, settings: LLMSettings, **client_options: Any
) -> tuple[list[FormRecord], Usage]:
    """Records of ``chunks`` (unvalidated: the pipeline validates) and the document's usage.

    Runs its own event loop; called from inside a running loop (an async server) it runs in a
    worker thread so the caller's loop is not re-entered.
    """
    coro = extract_chunks_async(doc, chunks, backend=backend, settings=settings, **client_options)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["result"] = asyncio.run(coro)
        except BaseException as exc:  # re-raised in the caller's thread
            box["error"] = exc

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    if "error" in box:
        raise box["error"]
    return box["result"]


async def extract_chunks_async(
    doc: IngestedDocument, chunks: list[FormChunk], *, backend: str, settings: LLMSettings, **client_options: Any
) -> tuple[list[FormRecord], Usage]:
    if backend not in ("llm", "auto"):
        raise ConfigError(f"extract_chunks serves the llm and auto backends, not {backend!r}")
    client = ModelClient(settings, **client_options)
    session = Session(client, settings, UsageMeter(settings.token_budget), AnswerCache(settings.cache_dir),
                      asyncio.Semaphore(settings.max_concurrency))
    try:
        if backend == "llm":
            forms = await _read_all(session, chunks, doc.source)
        else:
            forms = await asyncio.gather(*(_auto(session, chunk) for chunk in chunks))
    finally:
        await client.aclose()
    return list(forms), session.meter.usage(settings)


async def _read_all(session: Session, chunks: list[FormChunk], source: str) -> list[FormRecord]:
    try:
        forms = list(await asyncio.gather(*(read_form(session, chunk) for chunk in chunks)))
        for chunk, form in zip(chunks, forms):
            form.layout = choose(chunk).tag  # the model read it, but the layout is the chunk's
        return forms
    except LLMError as exc:
        exc.source = exc.source or source
        if isinstance(exc, BudgetExceeded):
            exc.usage = session.meter.usage(session.settings)
        raise


async def _auto(session: Session, chunk: FormChunk) -> FormRecord:
    """Rules first; the model for what the rules could not read with confidence."""
    rules_form = extract_form(chunk)
    whole = unrecognised(chunk, rules_form)
    calls = calls_needed(chunk, rules_form, plan_calls(chunk, session.settings.rows_per_call), session.settings.confidence_threshold)
    if not calls:
        return rules_form
    try:
        llm_form = await read_form(session, chunk, calls)
    except (BudgetExceeded, TransportFailed) as exc:
        rules_form.findings = [*rules_form.findings, _fallback(exc)]
        return rules_form
    return guarded_merge(rules_form, llm_form, threshold=session.settings.confidence_threshold, prefer_llm=whole)


def _fallback(exc: LLMError) -> Finding:
    return Finding(
        code="EXTRACT_LLM_UNAVAILABLE",
        severity="warning",
        message_zh=f"模型不可用，保留规则抽取结果：{exc.message}",
        message_en=f"the model was not available, the rules' reading stands: {exc.message}",
        rule="llm.auto",
    )
