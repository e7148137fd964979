"""The one room that talks to the model: OpenAI client, transport retries, instructor, usage.

Two retry loops with two jobs.  tenacity retries the *transport* (timeouts, connection errors,
429 honouring Retry-After, 5xx) with exponential back-off and jitter, bounded in attempts and in
total time; the OpenAI client's own retries are off so that there is only one policy.  instructor
re-asks the *model* (invalid JSON, schema errors, ungrounded values, misread cells) up to
``max_reasks`` times.  Every completion received, re-asks included, is counted by the
``UsageMeter`` of its document, which also enforces the document's token budget.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import instructor
import openai
from instructor.core import InstructorRetryException
from pydantic import ValidationError
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt, stop_after_delay
from tenacity.wait import wait_random_exponential

from extractor.errors import LLMError
from extractor.llm.settings import LLMSettings
from extractor.result import Usage

Sleep = Callable[[float], Awaitable[None]]

# instructor logs every failed attempt at ERROR; ours raise one error that says it all
logging.getLogger("instructor").setLevel(logging.CRITICAL)


class BudgetExceeded(LLMError):
    """The document spent its token budget; carries the usage so far."""

    def __init__(self, message: str, *, usage: Usage, source: str | None = None) -> None:
        self.usage = usage
        super().__init__(message, source=source, hint="raise JIXIAO_LLM_TOKEN_BUDGET or split the document")


class TransportFailed(LLMError):
    """The endpoint kept failing after bounded retries."""

    def __init__(self, message: str, *, attempts: int, hint: str | None = None) -> None:
        self.attempts = attempts
        super().__init__(message, hint=hint)


class AnswerFailed(LLMError):
    """The model gave no valid, grounded answer within its re-asks."""

    def __init__(self, message: str, *, attempts: int) -> None:
        self.attempts = attempts
        super().__init__(message, hint="try another model or instructor mode (JIXIAO_LLM_MODE)")


@dataclass(slots=True)
class UsageMeter:
    """Calls and tokens of one document, every attempt included; enforces the token budget."""

    budget: int
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def spent(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def record(self, response: Any) -> None:
        self.calls += 1
        usage = getattr(response, "usage", None)
        if usage is not None:
            self.prompt_tokens += int(getattr(usage, "prompt_tokens", 0) or 0)
            self.completion_tokens += int(getattr(usage, "completion_tokens", 0) or 0)

    def check(self) -> None:
        if self.spent >= self.budget:
            raise BudgetExceeded(
                f"token budget exhausted: {self.spent} of {self.budget} tokens spent in {self.calls} calls",
                usage=self.usage(),
            )

    def usage(self, settings: LLMSettings | None = None) -> Usage:
        cost = None
        if settings is not None and settings.price is not None:
            cost = settings.price.cost(self.prompt_tokens, self.completion_tokens)
        return Usage(calls=self.calls, prompt_tokens=self.prompt_tokens, completion_tokens=self.completion_tokens,
                     cost=cost)


def is_transient(exc: BaseException) -> bool:
    """Worth retrying: the request may succeed unchanged (timeouts, dropped connections, 429, 5xx)."""
    if isinstance(exc, (openai.APIConnectionError, openai.RateLimitError)):  # APITimeoutError included
        return True
    return isinstance(exc, openai.APIStatusError) and exc.status_code >= 500


def retry_after(exc: BaseException) -> float | None:
    """Seconds the server asked us to wait (Retry-After / retry-after-ms), when it said."""
    response = getattr(exc, "response", None)
    if response is None:
        return None
    headers = response.headers
    if (ms := headers.get("retry-after-ms")) is not None:
        try:
            return float(ms) / 1000.0
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value)
        return max(0.0, parsed.timestamp() - time.time()) if parsed is not None else None


class _Wait:
    """Exponential back-off with jitter, or the server's Retry-After, capped at ``ceiling``."""

    def __init__(self, ceiling: float, base: float) -> None:
        self.ceiling = ceiling
        self.jitter = wait_random_exponential(multiplier=base, max=ceiling)

    def __call__(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome is not None else None
        asked = retry_after(exc) if exc is not None else None
        if asked is not None:
            return min(asked, self.ceiling)
        return self.jitter(state)


class ModelClient:
    """Structured calls to one endpoint: ``await client.ask(model, messages, context, meter)``."""

    def __init__(
        self,
        settings: LLMSettings,
        *,
        http_client: httpx.AsyncClient | None = None,
        sleep: Sleep = asyncio.sleep,
        backoff_base: float = 1.0,
    ) -> None:
        self.settings = settings
        self._openai = openai.AsyncOpenAI(
            base_url=settings.base_url,
            api_key=settings.api_key or "none",
            timeout=settings.timeout_s,
            max_retries=0,
            http_client=http_client,
        )
        self._sleep = sleep
        self._backoff_base = backoff_base
        self._structured = instructor.patch(create=self._create, mode=instructor.Mode[settings.mode])
        self._meter: UsageMeter | None = None

    async def _create(self, *args: Any, meter: UsageMeter, **kwargs: Any) -> Any:
        """One chat completion with bounded transport retries; charged to ``meter``."""
        s = self.settings
        retrying = AsyncRetrying(
            retry=retry_if_exception(is_transient),
            stop=stop_after_attempt(s.max_attempts) | stop_after_delay(s.max_total_s),
            wait=_Wait(s.max_retry_wait_s, self._backoff_base),
            sleep=self._sleep,
            reraise=True,
        )
        attempts = 0
        try:
            async for attempt in retrying:
                with attempt:
                    attempts += 1
                    meter.check()
                    response = await self._openai.chat.completions.create(*args, **kwargs)
                    meter.record(response)
                    return response
        except openai.APIError as exc:
            if not is_transient(exc):
                raise TransportFailed(f"the model endpoint refused the request ({_describe(exc)})", attempts=attempts,
                                      hint="check JIXIAO_LLM_MODEL, JIXIAO_LLM_MODE and the API key") from exc
            raise TransportFailed(f"the model endpoint failed {attempts} time(s) ({_describe(exc)})", attempts=attempts,
                                  hint="check JIXIAO_LLM_BASE_URL or retry later") from exc
        raise AssertionError("unreachable: tenacity either returns or raises")  # pragma: no cover

    async def ask(self, response_model: type[Any], messages: list[dict[str, str]], *, context: dict[str, Any],
                  meter: UsageMeter) -> Any:
        """The validated answer; raises BudgetExceeded, TransportFailed or AnswerFailed.

        instructor parses and validates each answer (schema, grounding, misread check through the
        validation ``context``).  The re-ask is the original request plus one user turn listing
        the errors of the last answer, one per line, with the cell that fits where one is known —
        rather than instructor's per-mode tool-role message, which every OpenAI-compatible server
        renders differently: the small model recorded here answered the tool-role re-ask with its
        JSON stuffed into a string, and with its own previous answer in view it repeated it
        verbatim at temperature 0.
        """
        s = self.settings
        attempt = context.setdefault("attempt", [0])
        chat = list(messages)
        tried: list[Any] = []  # the completions of the attempts that failed validation, in order
        for number in range(1, s.max_reasks + 2):
            attempt[0] = number
            context["lenient"] = number > s.max_reasks  # last attempt: keep the grounded picks
            context["dropped"] = []
            try:
                answer = await self._structured(
                    response_model=response_model,
                    messages=chat,
                    model=s.model,
                    temperature=s.temperature,
                    max_tokens=s.max_completion_tokens,
                    max_retries=0,
                    context=context,
                    meter=meter,
                )
            except InstructorRetryException as exc:
                cause = exc.__cause__
                while cause is not None and not isinstance(cause, LLMError):
                    cause = cause.__cause__
                if isinstance(cause, LLMError):
                    # keeps its own cause (a replay names the request the cassette lacks)
                    raise cause from cause.__cause__
                failed = exc.failed_attempts[-1] if exc.failed_attempts else None
                if failed is not None:
                    tried.append(failed.completion)
                retry = [*messages, {"role": "user", "content": reask_text(failed.exception)}] if failed else chat
                if failed is None or number > s.max_reasks or retry == chat:
                    # out of re-asks, or a re-ask would repeat itself (at temperature 0 the same
                    # answer would follow): the best answer given stands, its ungrounded picks dropped
                    best = best_answer(response_model, tried, context)
                    if best is not None:
                        return best
                    why = problems(failed.exception) if failed is not None else [_first_line(str(exc))]
                    raise AnswerFailed(f"no valid answer after {number} attempt(s): {_first_line('; '.join(why), 400)}",
                                       attempts=number) from None
                chat = retry
                continue
            if not tried:
                return answer
            # the last attempt passed leniently: a re-ask can leave a small model worse off than
            # its first answer (it shifts whole rows to the cells the re-ask named), so every
            # answer given is weighed (best_answer)
            best = best_answer(response_model, tried, context, incumbent=(answer, list(context["dropped"])))
            return best if best is not None else answer
        raise AssertionError("unreachable")  # pragma: no cover

    async def aclose(self) -> None:
        await self._openai.close()


def salvage(response_model: type[Any], completion: Any, context: dict[str, Any]) -> Any | None:
    """The answer of ``completion`` validated leniently (ungrounded picks dropped into the
    context's ``dropped``, the grounded rest kept), or ``None`` when it is not the answer's JSON."""
    text = answer_text(completion)
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        return None
    context["lenient"], context["dropped"] = True, []
    try:
        return response_model.model_validate_json(text[start:end + 1], context=context)
    except ValidationError:
        return None


def best_answer(response_model: type[Any], completions: list[Any], context: dict[str, Any],
                incumbent: tuple[Any, list[str]] | None = None) -> Any | None:
    """Of the answers given (the failed ``completions`` salvaged, then ``incumbent``), the one
    that keeps the most grounded values less the misreads the validator still finds in it (the
    context's ``problems``), the latest on a tie; its drops go to ``context``."""
    context["lenient"] = True  # the selection is the last word: no check may ask for more
    candidates: list[tuple[Any, list[str]]] = []
    for completion in completions:
        trial = {**context}
        answer = salvage(response_model, completion, trial)
        if answer is not None:
            candidates.append((answer, trial["dropped"]))
    if incumbent is not None:
        candidates.append(incumbent)
    if not candidates:
        return None
    weigh = context.get("problems")

    def worth(candidate: tuple[Any, list[str]]) -> int:
        answer = candidate[0]
        return len(list(answer.picks())) - (len(weigh(answer)) if weigh is not None else 0)

    best, dropped = max(reversed(candidates), key=worth)
    context["dropped"] = dropped
    return best


def answer_text(completion: Any) -> str:
    """What the model answered, as text: the tool call's arguments or the message content."""
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError):
        return ""
    calls = getattr(message, "tool_calls", None) or []
    if calls:
        return calls[0].function.arguments or ""
    return message.content or ""


def problems(exc: BaseException) -> list[str]:
    """Each validation problem of an answer, without pydantic's dump of the whole input."""
    errors = exc.errors() if isinstance(exc, ValidationError) else None
    if not errors:
        return [_first_line(str(exc))]
    lines: list[str] = []
    for err in errors:
        where = ".".join(str(p) for p in err.get("loc", ()))
        msg = str(err.get("msg", "")).removeprefix("Value error, ")
        lines.extend(part.strip() for part in (msg.splitlines() if not where else [f"{where}: {msg}"]))
    return lines


def reask_text(exc: BaseException) -> str:
    """The re-ask: each validation problem on its own line."""
    lines = [f"- {line}" for line in problems(exc)]
    return ("A previous answer to this request had errors:\n" + "\n".join(lines)
            + "\nAnswer again, complete, with these fields corrected.")


def _describe(exc: BaseException) -> str:
    status = getattr(exc, "status_code", None)
    name = type(exc).__name__
    return f"HTTP {status}, {name}" if status else name


def _first_line(text: str, limit: int = 300) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[:limit] + "…"
