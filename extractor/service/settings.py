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
from urllib.parse import urlsplit, urlunsplit

from extractor.errors import ConfigError
from extractor.ingest.limits import DEFAULT_LIMITS, Limits, limits_from_env
from extractor.ingest.sniff import DEFAULT_MAX_BYTES

DEFAULT_WORKERS = 2
# A job found in ``processing`` at start-up was interrupted (kill -9, power loss).  After this
# many interrupted attempts it is marked failed instead of re-queued, so one document that
# crashes the process cannot crash every restart.
DEFAULT_MAX_ATTEMPTS = 3
# A shared secret shorter than this is guessable by anyone who can reach the port; 16 random
# characters (about 95 bits from a password generator) is the floor, not the advice.
MIN_TOKEN_LENGTH = 16
MIN_TOKEN_DISTINCT = 6  # "aaaaaaaaaaaaaaaa" is long and still no secret
# A claimed job is held this long unless its worker renews the claim (every third of it); a
# worker that died without a word frees its job this long after its last renewal.
DEFAULT_LEASE_S = 60.0
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
    # Host names the API answers to besides the loopback names and the bound host; "*" turns
    # the Host check off (behind a proxy that checks it).  See extractor.service.guard.
    allowed_hosts: tuple[str, ...] = ()
    bind_host: str = "127.0.0.1"
    # Web origins (scheme://host[:port]) whose pages may call the API: CORS and the Origin check.
    cors_origins: tuple[str, ...] = ()
    max_bytes: int = DEFAULT_MAX_BYTES
    workers: int = DEFAULT_WORKERS
    backend: str = "rules"
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    poll_interval_s: float = 0.5  # how often an idle worker looks at the queue without a wake-up
    # sqlite:///path/to/file.sqlite3 or postgresql://user@host/db; None: SQLite in data_dir
    database_url: str | None = None
    lease_s: float = DEFAULT_LEASE_S
    job_timeout_s: float = DEFAULT_JOB_TIMEOUT_S  # wall clock per document, then the job is killed
    job_memory_mb: int = DEFAULT_JOB_MEMORY_MB  # resident memory per document, then the job is killed
    # the ingest cost limits (JIXIAO_MAX_*, extractor/ingest/limits.py) every job reads under
    limits: Limits = DEFAULT_LIMITS

    def __post_init__(self) -> None:
        if self.workers < 0:
            raise ConfigError(f"workers must be 0 or more, not {self.workers}")
        if self.max_bytes <= 0:
            raise ConfigError(f"the upload limit must be positive, not {self.max_bytes}", hint="set JIXIAO_MAX_BYTES")
        if self.max_attempts < 1:
            raise ConfigError(f"max_attempts must be at least 1, not {self.max_attempts}")
        if self.lease_s <= 0:
            raise ConfigError(f"the job lease must be positive, not {self.lease_s} s", hint="set JIXIAO_LEASE_S")
        if self.database_url is not None:
            database_kind(self.database_url)
        if self.token is not None:
            # a token with surrounding spaces could never be presented (HTTP trims header values)
            object.__setattr__(self, "token", self.token.strip())
            check_token_strength(self.token)
        object.__setattr__(self, "allowed_hosts", tuple(normal_host(h) for h in self.allowed_hosts if h.strip()))
        object.__setattr__(self, "cors_origins", tuple(normal_origin(o) for o in self.cors_origins if o.strip()))
        if not self.job_timeout_s > 0:
            raise ConfigError(
                f"the job timeout must be positive, not {self.job_timeout_s}", hint="set JIXIAO_JOB_TIMEOUT_S"
            )
        if self.job_memory_mb < 64:
            raise ConfigError(
                f"the job memory limit must be at least 64 MB, not {self.job_memory_mb}",
                hint="set JIXIAO_JOB_MEMORY_MB",
            )

    def with_overrides(self, **changes: object) -> ServiceSettings:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def database(self) -> str:
        """The database as shown in logs: a SQLite path or a PostgreSQL URL without password."""
        if self.database_url is None:
            return str(self.data_dir / "jixiao.sqlite3")
        return redact(self.database_url)


def database_kind(url: str) -> str:
    """``sqlite`` or ``postgresql`` for a database URL; ``ConfigError`` for anything else."""
    scheme = urlsplit(url).scheme.lower()
    if scheme == "sqlite" and url.startswith("sqlite:///") and len(url) > len("sqlite:///"):
        return "sqlite"
    if scheme in ("postgresql", "postgres"):
        return "postgresql"
    raise ConfigError(
        f"the database URL {redact(url)!r} is neither sqlite:///<file> nor postgresql://…",
        hint="set JIXIAO_DATABASE_URL (or --database-url) to e.g. postgresql://jixiao@dbhost/jixiao",
    )


def sqlite_path(url: str) -> Path:
    """The file of a ``sqlite:///relative`` or ``sqlite:////absolute`` URL."""
    return Path(url[len("sqlite:///") :]).expanduser()


def redact(url: str) -> str:
    """The URL without its password, for logs and messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


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
    bind_host: str = "127.0.0.1",
    allowed_hosts: list[str] | None = None,
    cors_origins: list[str] | None = None,
    database_url: str | None = None,
) -> ServiceSettings:
    """Settings from explicit values first, then ``JIXIAO_*`` variables, then defaults.

    ``JIXIAO_ALLOWED_HOSTS`` and ``JIXIAO_CORS_ORIGINS`` are comma-separated lists.
    """
    env = os.environ if env is None else env
    backend = env.get("JIXIAO_BACKEND", "rules")
    default_timeout = DEFAULT_JOB_TIMEOUT_S if backend == "rules" else DEFAULT_LLM_JOB_TIMEOUT_S
    return ServiceSettings(
        data_dir=(data_dir or Path(env.get("JIXIAO_DATA_DIR") or default_data_dir(env))).expanduser(),
        token=token if token is not None else (env.get("JIXIAO_API_TOKEN") or None),
        bind_host=bind_host,
        allowed_hosts=tuple(allowed_hosts if allowed_hosts else _list(env, "JIXIAO_ALLOWED_HOSTS")),
        cors_origins=tuple(cors_origins if cors_origins else _list(env, "JIXIAO_CORS_ORIGINS")),
        workers=workers if workers is not None else _int(env, "JIXIAO_WORKERS", DEFAULT_WORKERS),
        max_bytes=max_bytes if max_bytes is not None else _int(env, "JIXIAO_MAX_BYTES", DEFAULT_MAX_BYTES),
        database_url=database_url or env.get("JIXIAO_DATABASE_URL") or None,
        lease_s=_float(env, "JIXIAO_LEASE_S", DEFAULT_LEASE_S),
        max_attempts=_int(env, "JIXIAO_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS),
        backend=backend,
        job_timeout_s=_float(env, "JIXIAO_JOB_TIMEOUT_S", default_timeout),
        job_memory_mb=_int(env, "JIXIAO_JOB_MEMORY_MB", DEFAULT_JOB_MEMORY_MB),
        limits=limits_from_env(env),
    )


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw.replace("_", ""))
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number", hint=f"unset {name} or give a number") from None


def _list(env: Mapping[str, str], name: str) -> list[str]:
    return [item.strip() for item in env.get(name, "").split(",") if item.strip()]


def check_token_strength(token: str) -> None:
    """Refuses a token anyone could guess: too short, or too few distinct characters."""
    if not token:
        raise ConfigError("the API token is empty", hint="set JIXIAO_API_TOKEN to a long random string or unset it")
    if len(token) < MIN_TOKEN_LENGTH or len(set(token)) < MIN_TOKEN_DISTINCT:
        raise ConfigError(
            f"the API token (JIXIAO_API_TOKEN / --token) is too weak: {len(token)} characters, "
            f"{len(set(token))} distinct; it needs at least {MIN_TOKEN_LENGTH} and {MIN_TOKEN_DISTINCT}",
            hint='use a random string, e.g. python -c "import secrets; print(secrets.token_urlsafe(24))"',
        )


def normal_host(host: str) -> str:
    """A host name as the Host check compares it: lower case, no trailing dot, IPv6 in brackets."""
    name = host.strip().lower().rstrip(".")
    if ":" in name and not name.startswith("["):
        try:
            ipaddress.IPv6Address(name)
        except ValueError:
            raise ConfigError(
                f"allowed host {host!r} is not a host name",
                hint="give names without a port, e.g. JIXIAO_ALLOWED_HOSTS=jixiao.example.org,10.0.0.5",
            ) from None
        return f"[{name}]"
    return name


def normal_origin(origin: str) -> str:
    """``scheme://host[:port]`` without a trailing slash, as browsers send it in ``Origin``."""
    value = origin.strip().rstrip("/").lower()
    scheme, sep, rest = value.partition("://")
    if value == "*" or not sep or scheme not in ("http", "https") or not rest or "/" in rest:
        raise ConfigError(
            f"CORS origin {origin!r} is not an origin",
            hint="give scheme://host[:port] of each page allowed to call the API, e.g. "
            "JIXIAO_CORS_ORIGINS=https://portal.example.org (a wildcard is not accepted)",
        )
    return value


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a number", hint=f"unset {name} or give seconds, e.g. 60") from None
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
