"""LLM eval runs recorded into cassettes and replayed offline (``jixiao eval --backend llm --replay``).

``--record`` runs the LLM backend against the configured endpoint and writes one cassette per gold
document, ``cassettes/eval/<backend>/<gold name>.yaml``, plus ``recorded.toml`` beside them: the settings the
requests were made with (endpoint, model, instructor mode, window size …, never the API key) and
what served them.  ``--replay`` rebuilds exactly those settings, so the replayed requests are
byte-for-byte the recorded ones, and answers every request from the cassette — no network.

Requests match on method, URL *and body*: a change to a prompt, the grid rendering or an answer
schema produces a request the cassette does not hold, and the document fails with an error that
says to re-record (``scripts/record_llm.sh``); a recorded request the run no longer makes fails it
too.  vcrpy patches the HTTP client process-wide, so cassette runs go one document at a time.
"""

from __future__ import annotations

import copy
import json
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import vcr
import yaml

from extractor.errors import ConfigError, LLMError
from extractor.llm.settings import LLMSettings, load_settings

CASSETTE_ROOT = Path(__file__).resolve().parents[1] / "cassettes" / "eval"
RECORDING_FILE = "recorded.toml"
MATCH_ON = ("method", "scheme", "host", "port", "path", "query", "body")
FILTER_HEADERS = ("authorization", "api-key", "x-api-key", "cookie", "set-cookie")
# the settings that shape a request (and so must be replayed as recorded)
RECORDED_FIELDS = ("base_url", "model", "mode", "temperature", "max_completion_tokens", "rows_per_call",
                   "max_reasks", "confidence_threshold", "token_budget")
RERECORD = "re-record the LLM eval cassettes with scripts/record_llm.sh (needs the local model server)"


class ReplayError(LLMError):
    """A replayed run does not match its recording (or there is no recording to replay)."""


class Utf8YamlSerializer:
    """vcrpy serializer: readable UTF-8 YAML, JSON bodies stored parsed, no normalisation.

    NFKC or ASCII escaping would fold the forms' full-width （）：， and make cassettes unreadable
    in review; parsed JSON bodies are written back compactly, as the client sends them."""

    @staticmethod
    def serialize(cassette: dict[str, Any]) -> str:
        data = copy.deepcopy(cassette)
        for item in data.get("interactions", []):
            request, response = item["request"], item["response"]
            parsed = _parse(request.get("body"))
            if parsed is not None:
                request["body"] = None
                request["parsed_body"] = parsed
            body = response.get("body", {})
            parsed = _parse(body.get("string"))
            if parsed is not None:
                response["body"] = {"parsed": parsed}
            elif isinstance(body.get("string"), bytes):
                body["string"] = body["string"].decode("utf-8", errors="replace")
        return yaml.dump(data, allow_unicode=True, sort_keys=False, width=120)

    @staticmethod
    def deserialize(text: str) -> dict[str, Any]:
        data = yaml.safe_load(text) or {}
        for item in data.get("interactions", []):
            request, response = item["request"], item["response"]
            if "parsed_body" in request:
                request["body"] = json.dumps(request.pop("parsed_body"), ensure_ascii=False, separators=(",", ":"))
            if "parsed" in response.get("body", {}):
                response["body"] = {"string": json.dumps(response["body"].pop("parsed"), ensure_ascii=False)}
        return data


def _parse(body: Any) -> Any:
    if isinstance(body, bytes):
        try:
            body = body.decode("utf-8")
        except UnicodeDecodeError:
            return None
    if not isinstance(body, str) or not body.strip():
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


def vcr_options() -> dict[str, Any]:
    """The cassette options shared by the LLM tests and eval replays."""
    return {
        "match_on": list(MATCH_ON),
        "filter_headers": list(FILTER_HEADERS),
        "serializer": "yaml",
        "allow_playback_repeats": False,
        "decode_compressed_response": True,
    }


def cassette_path(gold_name: str, backend: str, root: Path = CASSETTE_ROOT) -> Path:
    """``cassettes/eval/llm/seeds/000_….yaml``: ``llm`` and ``auto`` make different requests."""
    return root / backend / f"{gold_name}.yaml"


def recording_settings(env: dict[str, str] | None = None) -> LLMSettings:
    """The configured endpoint, made deterministic for recording: no answer cache (every request
    reaches the server and the cassette), one request at a time."""
    settings = load_settings(env)
    if settings is None:
        raise ConfigError("--record needs an LLM endpoint and none is configured",
                          hint="set JIXIAO_LLM_BASE_URL and JIXIAO_LLM_MODEL, or run scripts/record_llm.sh")
    return settings.with_(cache_dir=None, max_concurrency=1)


def replay_settings(directory: Path) -> LLMSettings:
    """The settings a cassette set was recorded with, read from its ``recorded.toml``."""
    path = directory / RECORDING_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReplayError(
            f"no LLM eval recording in {directory} ({RECORDING_FILE} is missing)", hint=RERECORD
        ) from None
    llm = data.get("llm", {})
    missing = [name for name in RECORDED_FIELDS if name not in llm]
    if missing:
        raise ReplayError(f"{path} lacks {', '.join(missing)}", hint=RERECORD)
    # one transport attempt: a request the cassette lacks must fail at once, not back off and retry
    return LLMSettings(**{name: llm[name] for name in RECORDED_FIELDS}, cache_dir=None, max_concurrency=1,
                       max_attempts=1)


def recorded_served_by(directory: Path) -> str | None:
    """What served the recording in ``directory``, as its ``recorded.toml`` notes it."""
    try:
        data = tomllib.loads((directory / RECORDING_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    served = data.get("recording", {}).get("served_by")
    return served if isinstance(served, str) else None


def write_recording(directory: Path, settings: LLMSettings, served_by: str) -> Path:
    """``recorded.toml``: the request-shaping settings and what served them (no secrets)."""
    directory.mkdir(parents=True, exist_ok=True)
    lines = ["# written by `jixiao eval --record`; `--replay` rebuilds these settings", "[recording]",
             f"served_by = {json.dumps(served_by, ensure_ascii=False)}",
             f"date = {json.dumps(date.today().isoformat())}",
             "", "[llm]"]
    for name in RECORDED_FIELDS:
        lines.append(f"{name} = {json.dumps(getattr(settings, name), ensure_ascii=False)}")
    path = directory / RECORDING_FILE
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


Mode = str  # "replay" | "record" | "extend" (record what a cassette lacks, drop what it no longer needs)
_RECORD_MODES = {"replay": "none", "record": "all", "extend": "new_episodes"}


def extending_settings(directory: Path, env: dict[str, str] | None = None) -> LLMSettings:
    """The configured endpoint, for recording only what a cassette set lacks: its request-shaping
    settings must be the recording's, or the requests it holds would no longer be made."""
    live = recording_settings(env)
    recorded = replay_settings(directory)
    differ = [name for name in RECORDED_FIELDS if getattr(live, name) != getattr(recorded, name)]
    if differ:
        raise ReplayError(f"the configured endpoint's {', '.join(differ)} differ from {directory / RECORDING_FILE}",
                          hint="configure them as recorded, or re-record the whole set with --record")
    return live


@contextmanager
def cassette(path: Path, *, mode: Mode) -> Iterator[Any]:
    """Every HTTP request inside is answered from ``path`` (``replay``), recorded into a fresh
    ``path`` (``record``), or brought up to date (``extend``): answered from ``path`` when it
    holds the request, recorded into it when not, and the interactions no request asked for
    dropped — after a change that alters some requests, only those are paid for again."""
    if mode != "record" and not path.is_file():
        raise ReplayError(f"no cassette {path}", hint=RERECORD)
    options = vcr_options()
    repeats = options.pop("allow_playback_repeats")  # a cassette option, not the recorder's
    recorder = vcr.VCR(**options)
    recorder.register_serializer("yaml", Utf8YamlSerializer)
    if mode == "record" and path.exists():
        path.unlink()  # a re-recording starts empty: stale interactions must not linger
    with recorder.use_cassette(str(path), record_mode=_RECORD_MODES[mode], allow_playback_repeats=repeats,
                               drop_unused_requests=mode == "extend") as tape:
        yield tape
    if mode == "record" and not path.exists():  # no request made (auto trusted the rules): replay must make none
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(Utf8YamlSerializer.serialize({"interactions": [], "version": 1}), encoding="utf-8")
    if mode == "replay" and not tape.all_played:
        unused = len(tape.data) - len(tape.play_counts)
        raise ReplayError(f"{unused} recorded request(s) of {path.name} were not made: prompts, rendering or "
                          "answer schemas changed since recording", hint=RERECORD)


def replayed(
    extract: Callable[[Path], Any], gold_name: str, backend: str, *, mode: Mode, root: Path = CASSETTE_ROOT
) -> Callable[[Path], Any]:
    """``extract`` run inside the gold document's cassette; a request the cassette does not hold
    surfaces as a ReplayError naming the fix rather than as a connection failure."""

    def run(source: Path) -> Any:
        path = cassette_path(gold_name, backend, root)
        with cassette(path, mode=mode):
            try:
                result = extract(source)
            except LLMError as exc:
                if mode == "replay" and _unmatched(exc):
                    raise ReplayError(f"a request is not in {path.name}: prompts, rendering or answer schemas "
                                      "changed since recording", hint=RERECORD) from exc
                raise
        if mode == "replay" and _fell_back(result):
            # auto turns a transport failure into "the rules' reading stands"; replaying, the only
            # transport failure is a request the cassette lacks, which must not pass as a fallback
            raise ReplayError(f"a request is not in {path.name} (auto fell back to the rules)", hint=RERECORD)
        return result

    return run


def _fell_back(result: Any) -> bool:
    return any(f.code == "EXTRACT_LLM_UNAVAILABLE" for form in getattr(result, "forms", []) for f in form.findings)


def _unmatched(exc: BaseException) -> bool:
    """Whether vcrpy refused a request somewhere in the exception's causes."""
    seen: BaseException | None = exc
    while seen is not None:
        if type(seen).__name__ == "CannotOverwriteExistingCassetteException":
            return True
        seen = seen.__cause__ or seen.__context__
    return False
