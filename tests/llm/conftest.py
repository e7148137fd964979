"""Cassette configuration of the LLM tests (pytest-recording / vcrpy).

- One cassette per test at ``cassettes/<test_module>/<test_name>.yaml``.
- Record mode ``none`` unless ``--record-mode=rewrite`` is given (scripts/record_llm.sh does).
- Requests match on method, scheme, host, port, path, query *and body*: a changed prompt, grid
  rendering or schema no longer matches its recording and the test fails until re-recorded.
- Authorization / api-key headers are never written.
- Bodies are stored as readable UTF-8 YAML (JSON bodies parsed), without any Unicode
  normalisation: NFKC would fold the forms' full-width （）：， into ASCII and change the text.
- A recorded interaction the test did not use fails the test, and none may be played twice.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from extractor.llm.settings import LLMSettings
from llm_support import CASSETTES, RECORDED_BASE_URL, RECORDED_MODE, RECORDED_MODEL


class Utf8YamlSerializer:
    """vcrpy serializer: readable UTF-8 YAML, JSON bodies stored parsed, no normalisation."""

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


def pytest_recording_configure(config: pytest.Config, vcr: Any) -> None:
    vcr.register_serializer("yaml", Utf8YamlSerializer)  # replaces the default: same .yaml files, readable


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    return str(CASSETTES / Path(str(request.node.fspath)).stem)


@pytest.fixture
def vcr_config() -> dict[str, Any]:
    return {
        "match_on": ["method", "scheme", "host", "port", "path", "query", "body"],
        "filter_headers": ["authorization", "api-key", "x-api-key", "cookie", "set-cookie"],
        "serializer": "yaml",
        "allow_playback_repeats": False,
        "decode_compressed_response": True,
    }


@pytest.fixture(autouse=True)
def _all_interactions_played(request: pytest.FixtureRequest, vcr: Any, record_mode: str) -> Any:
    """Replaying a cassette must use every interaction it recorded (a dropped call is a change)."""
    yield
    if vcr is None or record_mode != "none" or "vcr" not in request.keywords:
        return
    assert vcr.play_count == len(vcr.data), (
        f"cassette {vcr._path}: {len(vcr.data) - vcr.play_count} recorded interaction(s) were not used"
    )


@pytest.fixture
def recorded_settings(tmp_path: Path) -> LLMSettings:
    """Settings of the recording: the local llama.cpp server, TOOLS mode, no answer cache."""
    return LLMSettings(
        base_url=RECORDED_BASE_URL,
        model=RECORDED_MODEL,
        api_key="sk-test-not-a-secret",
        mode=RECORDED_MODE,
        timeout_s=900.0,
        max_concurrency=1,
        max_reasks=2,
        cache_dir=None,
    )
