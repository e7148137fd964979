"""Read forms with the model: plan the calls, run them concurrently, assemble the records.

Calls of a document run concurrently (asyncio, at most ``max_concurrency`` in flight) and share
the document's ``UsageMeter``.  Each call sees only its form's rows, asks for one part, is
answered from the content-hash cache when the same request was answered before, and is
validated (schema, grounding, arithmetic misreads) inside instructor's re-ask loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from extractor.llm.cache import AnswerCache
from extractor.llm.client import AnswerFailed, ModelClient, UsageMeter
from extractor.llm.convert import Reader, RowsBuilder, apply_overview, new_form
from extractor.llm.misread import (
    empty_level_hints,
    level_word_hints,
    misread_hints,
    read_rows,
    unread_row_indices,
    unread_rows,
)
from extractor.llm.plan import Call, plan_calls
from extractor.llm.prompts import SYSTEM, load_prompt, user_message
from extractor.llm.render import GridView
from extractor.llm.responses import Answer, answer_model
from extractor.llm.settings import LLMSettings
from extractor.segment import FormChunk
from extractor.validate.context import funds_paths
from schemas import FORM_TYPES, FormRecord
from schemas.common import SCORE_SHEET_TYPES, Finding


@dataclass(slots=True)
class Session:
    """What the calls of one document share: client, settings, meter, cache, concurrency bound."""

    client: ModelClient
    settings: LLMSettings
    meter: UsageMeter
    cache: AnswerCache
    semaphore: asyncio.Semaphore
    prompts_used: set[str] = field(default_factory=set)
    # requests on their way, by cache key: forms read concurrently can ask the same thing (two
    # project forms printing the same five rows); the second waits for the first's answer, so a
    # request is made once however the calls interleave — and a recording replays as it was made
    in_flight: dict[str, asyncio.Future[None]] = field(default_factory=dict)


def messages_for(chunk: FormChunk, view: GridView, call: Call) -> list[dict[str, str]]:
    """The chat of one call: the shared system prompt, then the part's instructions and grid."""
    system = load_prompt(SYSTEM)
    prompt = load_prompt(chunk.form_type if chunk.form_type in FORM_TYPES else "project_self_eval")
    section = prompt.section(call.part)
    return [
        {"role": "system", "content": system.text.strip()},
        {"role": "user", "content": user_message(section, view.render(call.shown_rows))},
    ]


def prompt_tags(chunk: FormChunk) -> list[str]:
    name = chunk.form_type if chunk.form_type in FORM_TYPES else "project_self_eval"
    return [load_prompt(SYSTEM).tag, load_prompt(name).tag]


async def read_form(session: Session, chunk: FormChunk, calls: Iterable[Call] | None = None) -> FormRecord:
    """The chunk read by the model (all its calls, or only ``calls``), with provenance findings."""
    view = GridView.of(chunk)
    chosen = list(calls) if calls is not None else plan_calls(chunk, session.settings.rows_per_call)
    answered = await _with_follow_ups(session, chunk, view, await _ask_all(session, chunk, view, chosen))
    form = new_form(chunk)
    reader = Reader(view)
    builder = RowsBuilder(form, reader)
    findings: list[Finding] = []
    for call, outcome in answered:
        if isinstance(outcome, AnswerFailed):
            findings.append(_failed(call, outcome))
            continue
        if isinstance(outcome, BaseException):
            raise outcome
        result, dropped = outcome
        if dropped:
            findings.append(_dropped(call, dropped))
        if call.part == "overview":
            apply_overview(form, result, reader)
        else:
            builder.add(result)
    tags = prompt_tags(chunk)
    session.prompts_used.update(tags)
    findings.append(provenance(session.settings, tags))
    form.findings = [*form.findings, *findings]
    return form


Outcome = tuple[Answer, list[str]] | BaseException


async def _ask_all(session: Session, chunk: FormChunk, view: GridView, calls: list[Call]) -> list[tuple[Call, Outcome]]:
    """Every call's outcome (a failure is an outcome, reported per call), in the calls' order."""
    results = await asyncio.gather(*(_answer(session, chunk, view, c) for c in calls), return_exceptions=True)
    return list(zip(calls, results, strict=True))


async def _with_follow_ups(
    session: Session, chunk: FormChunk, view: GridView, answered: list[tuple[Call, Outcome]]
) -> list[tuple[Call, Outcome]]:
    """``answered`` with one follow-up call per rows window whose answer left printed rows unread.

    Each follow-up's outcome sits next to its window's, before it when it reads rows above the
    first row that answer read (the usual case: the model started reading late), so that the
    indicators keep the form's order and 一级/二级 carry down as printed."""
    asks = [call.follow_up_for(left) for call, outcome in answered
            if call.part == "rows" and not call.follow_up and isinstance(outcome, tuple)
            and (left := unread_row_indices(outcome[0], view, call.body_rows))]
    if not asks:
        return answered
    extra = {call.index: (call, outcome) for call, outcome in await _ask_all(session, chunk, view, asks)}
    ordered: list[tuple[Call, Outcome]] = []
    for call, outcome in answered:
        follow = extra.get(call.index) if call.part == "rows" else None
        if follow is None or not isinstance(outcome, tuple):
            ordered.append((call, outcome))
            continue
        first_read = min(read_rows(outcome[0]), default=None)
        before = first_read is None or follow[0].body_rows[0] < first_read
        ordered.extend([follow, (call, outcome)] if before else [(call, outcome), follow])
    return ordered


async def _answer(session: Session, chunk: FormChunk, view: GridView, call: Call) -> tuple[Answer, list[str]]:
    """The call's validated answer and the ungrounded picks its last attempt had to drop."""
    model = answer_model(chunk.form_type or "project_self_eval", call.part, total=call.shows_total)
    messages = messages_for(chunk, view, call)
    cells = {ref: c.text for ref, c in view.cells.items()}
    # header rows: shown, not read; total rows: read for the totals only, never as a table row
    context: dict[str, object] = {"cells": cells, "rows": set(call.body_rows), "total_rows": set(call.total_rows),
                                  "labels": view.cell_labels()}
    key = AnswerCache.key(session.settings, model, messages)
    pending = session.in_flight.get(key)
    if pending is not None:
        await asyncio.wait([pending])  # its failure is its caller's to report; then ask anew
    cached = session.cache.get(key, model, context)
    if cached is not None:
        return cached, []
    problems = _answer_problems(chunk, view, call)
    context["problems"] = problems  # weighed when the client picks the best of several answers
    context["arithmetic"] = _while_reasks_left(session.settings, problems, context)
    done = session.in_flight[key] = asyncio.get_running_loop().create_future()
    try:
        async with session.semaphore:
            answer = await session.client.ask(model, messages, context=context, meter=session.meter)
        session.cache.put(key, answer)
    finally:
        session.in_flight.pop(key, None)
        done.set_result(None)
    dropped = context.get("dropped")  # the client's list of picks it dropped (extractor.llm.client)
    return answer, list(dropped) if isinstance(dropped, list) else []


def _answer_problems(chunk: FormChunk, view: GridView, call: Call) -> Callable[[Answer], list[str]]:
    """What the validator still finds in a grounded answer of ``call``: rows it skipped, levels it
    left empty or took for names, and cells its arithmetic shows to be misread."""

    def build(answer: Answer) -> tuple[FormRecord, dict[str, str]]:
        model = FORM_TYPES[chunk.form_type or "project_self_eval"]
        form = model()
        reader = Reader(view)
        paths: dict[str, str] = {}
        if call.part == "overview":
            apply_overview(form, answer, reader)
            lines = [
                i for i, line in enumerate(getattr(answer, "funds", [])) if reader.text(line.label).value is not None
            ]
            for path, i in zip(funds_paths(getattr(form, "funds", [])), lines, strict=False):
                for name in ("initial_budget", "budget", "executed", "weight", "rate", "score"):
                    paths[f"{path}.{name}"] = f"funds[{i}].{name}"
        else:
            builder = RowsBuilder(form, reader)
            builder.add(answer)
            kind = "items" if chunk.form_type in SCORE_SHEET_TYPES else "indicators"
            for k, j in enumerate(builder.origins):
                for name in ("target", "actual", "weight", "score"):
                    paths[f"{kind}[{k}].{name}"] = f"rows[{j}].{name}"
        return form, paths

    def problems(answer: Answer) -> list[str]:
        hints = [*unread_rows(answer, view, call.body_rows), *level_word_hints(answer, view),
                 *empty_level_hints(answer, view)] if call.part == "rows" else []
        return hints or misread_hints(answer, build, view)

    return problems


def _while_reasks_left(
    settings: LLMSettings, problems: Callable[[Answer], list[str]], context: dict[str, object]
) -> Callable[[Answer], list[str]]:
    """``problems`` as the re-ask check: active while a re-ask is left (the last answer stands)."""

    def check(answer: Answer) -> list[str]:
        counter = context.get("attempt")  # the client's one-element attempt counter
        attempt = counter[0] if isinstance(counter, list) else 0
        if attempt > settings.max_reasks or context.get("lenient"):
            return []  # the last word: nothing is re-asked any more
        return problems(answer)

    return check


def provenance(settings: LLMSettings, tags: list[str]) -> Finding:
    return Finding(
        code="EXTRACT_LLM_PROVENANCE",
        severity="info",
        message_zh=f"由模型 {settings.model}（{settings.mode}）按提示词 {', '.join(tags)} 抽取",
        message_en=f"read by {settings.model} ({settings.mode}) with prompts {', '.join(tags)}",
        rule="llm.prompt",
    )


def _failed(call: Call, exc: AnswerFailed) -> Finding:
    what = call.label
    return Finding(
        code="EXTRACT_LLM_FAILED",
        severity="warning",
        message_zh=f"模型未能给出有效回答（{what}）：{exc.message}",
        message_en=f"the model gave no valid answer for the {what}: {exc.message}",
        rule="llm.answer",
    )


def _dropped(call: Call, dropped: list[str]) -> Finding:
    what = call.label
    fields = "; ".join(dropped)
    return Finding(
        code="EXTRACT_LLM_UNGROUNDED",
        severity="warning",
        message_zh=f"模型回答中有 {len(dropped)} 个值在所引单元格中找不到，重问后仍未更正，已舍弃（{what}）：{fields}",
        message_en=f"{len(dropped)} value(s) of the model's answer for the {what} were not printed in the cells "
                   f"they named and stayed wrong after the re-asks; they were dropped: {fields}",
        rule="llm.grounding",
    )
