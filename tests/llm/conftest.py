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

from pathlib import Path
from typing import Any

import pytest
from llm_support import CASSETTES, RECORDED_BASE_URL, RECORDED_MODE, RECORDED_MODEL

from eval.replay import Utf8YamlSerializer, vcr_options
from extractor.llm.settings import LLMSettings


def pytest_recording_configure(config: pytest.Config, vcr: Any) -> None:
    vcr.register_serializer("yaml", Utf8YamlSerializer)  # replaces the default: same .yaml files, readable


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    return str(CASSETTES / Path(str(request.node.fspath)).stem)


@pytest.fixture
def vcr_config() -> dict[str, Any]:
    return vcr_options()


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
