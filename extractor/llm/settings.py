"""LLM endpoint settings, built in one place from the environment and an optional TOML file.

No other module reads ``os.environ``: the settings object is passed explicitly, so a test (or the
HTTP service) can run two configurations side by side.  ``load_settings`` returns ``None`` when no
endpoint is configured — the caller then stays on the deterministic extractor.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from extractor.errors import ConfigError

# instructor modes a user may select; some servers reject one or the other (llama.cpp's server
# answers JSON_SCHEMA with HTTP 500, OpenAI's strict tools need every property required).
MODES = ("TOOLS", "TOOLS_STRICT", "JSON_SCHEMA", "MD_JSON")


@dataclass(frozen=True, slots=True)
class Price:
    """Price per million tokens, in whatever currency the user states (for ``Usage.cost``)."""

    prompt: float
    completion: float

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        return round((prompt_tokens * self.prompt + completion_tokens * self.completion) / 1e6, 6)


@dataclass(frozen=True, slots=True)
class LLMSettings:
    """Everything the LLM path needs to reach a model and to stay within bounds."""

    base_url: str
    model: str
    api_key: str = field(default="none", repr=False)  # local servers accept anything; never logged
    mode: str = "TOOLS"
    timeout_s: float = 180.0  # one HTTP request
    max_attempts: int = 4  # transport attempts per request (timeouts, 429, 5xx, connection)
    max_retry_wait_s: float = 60.0  # ceiling on one back-off sleep (Retry-After included)
    max_total_s: float = 900.0  # transport retries of one request stop after this
    max_reasks: int = 2  # instructor re-asks after invalid / ungrounded / misread answers
    max_concurrency: int = 2  # requests in flight at once
    token_budget: int = 60000  # prompt + completion tokens per document, all attempts
    max_completion_tokens: int = 2048  # per request
    temperature: float = 0.0
    rows_per_call: int = 8  # indicator rows per request: with 一级/二级 filled down a 1.5B model keeps 8 rows aligned
    confidence_threshold: float = 0.75  # auto: rules values below this are re-read by the LLM
    cache_dir: Path | None = None  # content-hash cache of answers; None disables it
    price: Price | None = None

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ConfigError(f"unknown instructor mode {self.mode!r}", hint=f"use one of {', '.join(MODES)}")
        for name in ("max_attempts", "max_concurrency", "token_budget", "max_completion_tokens", "rows_per_call"):
            if getattr(self, name) < 1:
                raise ConfigError(f"LLM setting {name} must be at least 1", hint=f"check JIXIAO_LLM_{name.upper()}")
        if self.max_reasks < 0:
            raise ConfigError("LLM setting max_reasks must be 0 or more", hint="check JIXIAO_LLM_MAX_REASKS")
        if not 0.0 <= self.confidence_threshold <= 1.0:
            raise ConfigError("confidence threshold must lie in [0, 1]", hint="check JIXIAO_LLM_CONFIDENCE_THRESHOLD")

    def with_(self, **changes: Any) -> LLMSettings:
        return replace(self, **changes)

    def describe(self) -> str:
        """One line for logs and outputs; the API key is never part of it."""
        return f"{self.model} @ {self.base_url} ({self.mode})"


_OFF = ("off", "none", "no", "0")
DEFAULT_CACHE_DIR = Path("~/.cache/jixiao/llm-answers")

# environment variable → (settings field, parser)
_ENV: dict[str, tuple[str, Any]] = {
    "JIXIAO_LLM_BASE_URL": ("base_url", str),
    "JIXIAO_LLM_MODEL": ("model", str),
    "JIXIAO_LLM_API_KEY": ("api_key", str),
    "JIXIAO_LLM_MODE": ("mode", lambda s: s.strip().upper()),
    "JIXIAO_LLM_TIMEOUT": ("timeout_s", float),
    "JIXIAO_LLM_MAX_ATTEMPTS": ("max_attempts", int),
    "JIXIAO_LLM_MAX_RETRY_WAIT": ("max_retry_wait_s", float),
    "JIXIAO_LLM_MAX_TOTAL_SECONDS": ("max_total_s", float),
    "JIXIAO_LLM_MAX_REASKS": ("max_reasks", int),
    "JIXIAO_LLM_MAX_CONCURRENCY": ("max_concurrency", int),
    "JIXIAO_LLM_TOKEN_BUDGET": ("token_budget", int),
    "JIXIAO_LLM_MAX_COMPLETION_TOKENS": ("max_completion_tokens", int),
    "JIXIAO_LLM_ROWS_PER_CALL": ("rows_per_call", int),
    "JIXIAO_LLM_CONFIDENCE_THRESHOLD": ("confidence_threshold", float),
    "JIXIAO_LLM_CACHE_DIR": ("cache_dir", lambda s: None if s.lower() in _OFF else Path(s).expanduser()),
}
_FILE_KEYS = {name for name, _ in _ENV.values()} | {"price_prompt", "price_completion", "temperature"}


def load_settings(env: Mapping[str, str] | None = None, config_file: str | Path | None = None) -> LLMSettings | None:
    """Settings from ``[llm]`` of a TOML file (``JIXIAO_LLM_CONFIG``) overridden by the environment.

    Returns ``None`` when neither names a base URL: no endpoint means the deterministic extractor.
    A base URL without a model is a configuration error, not a silent fallback.
    """
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    path = config_file or env.get("JIXIAO_LLM_CONFIG")
    if path:
        values.update(_read_file(Path(path)))
    for var, (name, parse) in _ENV.items():
        raw = env.get(var)
        if raw is None or raw == "":
            continue
        try:
            values[name] = parse(raw)
        except ValueError as exc:
            raise ConfigError(f"{var}={raw!r} is not a valid {name}", hint=str(exc)) from None
    if "api_key" not in values and env.get("OPENAI_API_KEY"):
        values["api_key"] = env["OPENAI_API_KEY"]
    for var, key in (("JIXIAO_LLM_PRICE_PROMPT", "price_prompt"), ("JIXIAO_LLM_PRICE_COMPLETION", "price_completion")):
        if env.get(var):
            values[key] = float(env[var])
    if not values.get("base_url"):
        return None
    if not values.get("model"):
        raise ConfigError(
            "an LLM endpoint is configured but no model", hint="set JIXIAO_LLM_MODEL (e.g. gpt-4o-mini, qwen-plus)"
        )
    price_prompt, price_completion = values.pop("price_prompt", None), values.pop("price_completion", None)
    if price_prompt is not None or price_completion is not None:
        values["price"] = Price(float(price_prompt or 0.0), float(price_completion or 0.0))
    values.setdefault("cache_dir", DEFAULT_CACHE_DIR.expanduser())
    known = {f.name for f in fields(LLMSettings)}
    return LLMSettings(**{k: v for k, v in values.items() if k in known})


def _read_file(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(
            f"cannot read the LLM config file {path} ({exc.strerror})", hint="check JIXIAO_LLM_CONFIG"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"the LLM config file {path} is not valid TOML ({exc})") from None
    section = data.get("llm", data)
    unknown = set(section) - _FILE_KEYS
    if unknown:
        raise ConfigError(
            f"unknown keys in {path} [llm]: {', '.join(sorted(unknown))}",
            hint=f"known keys: {', '.join(sorted(_FILE_KEYS))}",
        )
    out = dict(section)
    if "cache_dir" in out:
        raw = str(out["cache_dir"])
        out["cache_dir"] = None if raw.lower() in _OFF else Path(raw).expanduser()
    return out


__all__ = ["MODES", "LLMSettings", "Price", "load_settings"]
