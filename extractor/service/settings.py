"""The service's settings: built once from flags and environment, then passed explicitly.

Nothing else in ``extractor.service`` reads ``os.environ``; the CLI and the tests build a
``ServiceSettings`` and hand it to :func:`extractor.service.app.create_app`.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from extractor.errors import ConfigError

DEFAULT_MAX_BYTES = 50_000_000  # decimal MB, as the error messages print them
DEFAULT_WORKERS = 2
# A job found in ``processing`` at start-up was interrupted (kill -9, power loss).  After this
# many interrupted attempts it is marked failed instead of re-queued, so one document that
# crashes the process cannot crash every restart.
DEFAULT_MAX_ATTEMPTS = 3
# Per-document limits of the job child (extractor/service/sandbox.py).  The seeds take under
# 0.1 s and 300 MB; a 50-page scan about a minute and 800 MB; anything far beyond is a file
# that would hold a worker (and the machine's memory) hostage.
DEFAULT_JOB_TIMEOUT_S = 120.0
# With a model in the loop a form takes minutes (docs/llm.md: ~150 s per form on a 2-core
# llama.cpp), so the llm and auto backends get an hour per document unless told otherwise.
DEFAULT_LLM_JOB_TIMEOUT_S = 3600.0
DEFAULT_JOB_MEMORY_MB = 1536


@dataclass(frozen=True, slots=True)
class ServiceSettings:
    """Where the service keeps its data and how it admits and processes documents."""

    data_dir: Path
    token: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    workers: int = DEFAULT_WORKERS
    backend: str = "rules"
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    poll_interval_s: float = 0.5  # how often an idle worker looks at the queue without a wake-up
    job_timeout_s: float = DEFAULT_JOB_TIMEOUT_S  # wall clock per document, then the job is killed
    job_memory_mb: int = DEFAULT_JOB_MEMORY_MB  # resident memory per document, then the job is killed

    def __post_init__(self) -> None:
        if self.workers < 0:
            raise ConfigError(f"workers must be 0 or more, not {self.workers}")
        if self.max_bytes <= 0:
            raise ConfigError(f"the upload limit must be positive, not {self.max_bytes}", hint="set JIXIAO_MAX_BYTES")
        if self.max_attempts < 1:
            raise ConfigError(f"max_attempts must be at least 1, not {self.max_attempts}")
        if not self.job_timeout_s > 0:
            raise ConfigError(
                f"the job timeout must be positive, not {self.job_timeout_s}", hint="set JIXIAO_JOB_TIMEOUT_S"
            )
        if self.job_memory_mb < 64:
            raise ConfigError(
                f"the job memory limit must be at least 64 MB, not {self.job_memory_mb}",
                hint="set JIXIAO_JOB_MEMORY_MB",
            )
        if self.token is not None and not self.token.strip():
            raise ConfigError("the API token is empty", hint="set JIXIAO_API_TOKEN to a long random string or unset it")

    def with_overrides(self, **changes: object) -> ServiceSettings:
        return replace(self, **changes)  # type: ignore[arg-type]


def default_data_dir(env: Mapping[str, str]) -> Path:
    """``$XDG_DATA_HOME/jixiao`` or ``~/.local/share/jixiao``: survives reboots, per user."""
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "jixiao"


def settings_from_env(
    env: Mapping[str, str] | None = None,
    *,
    data_dir: Path | None = None,
    token: str | None = None,
    workers: int | None = None,
    max_bytes: int | None = None,
) -> ServiceSettings:
    """Settings from explicit values first, then ``JIXIAO_*`` variables, then defaults."""
    env = os.environ if env is None else env
    backend = env.get("JIXIAO_BACKEND", "rules")
    default_timeout = DEFAULT_JOB_TIMEOUT_S if backend == "rules" else DEFAULT_LLM_JOB_TIMEOUT_S
    return ServiceSettings(
        data_dir=(data_dir or Path(env.get("JIXIAO_DATA_DIR") or default_data_dir(env))).expanduser(),
        token=token if token is not None else (env.get("JIXIAO_API_TOKEN") or None),
        workers=workers if workers is not None else _int(env, "JIXIAO_WORKERS", DEFAULT_WORKERS),
        max_bytes=max_bytes if max_bytes is not None else _int(env, "JIXIAO_MAX_BYTES", DEFAULT_MAX_BYTES),
        backend=backend,
        job_timeout_s=_float(env, "JIXIAO_JOB_TIMEOUT_S", default_timeout),
        job_memory_mb=_int(env, "JIXIAO_JOB_MEMORY_MB", DEFAULT_JOB_MEMORY_MB),
    )


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw.replace("_", ""))
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number", hint=f"unset {name} or give a number") from None


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a number", hint=f"unset {name} or give a number of seconds") from None


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host.strip().lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, settings: ServiceSettings) -> None:
    """Refuses to expose the API beyond this machine without a token."""
    if not is_loopback(host) and not settings.token:
        raise ConfigError(
            f"binding to {host} makes the API reachable from other machines, and no API token is set",
            hint="set JIXIAO_API_TOKEN (or --token) to a long random string, or bind to 127.0.0.1",
        )
