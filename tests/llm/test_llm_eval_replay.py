"""`jixiao eval --backend llm --replay`: an LLM eval answered from cassettes/eval, fully offline.

The cassettes were recorded by ``scripts/record_llm.sh --eval`` against the local model server
named in ``cassettes/eval/llm/seeds/recorded.toml``.  Replaying them must reproduce the recorded run
without a network, and a change to what the model is sent must fail loudly, naming the fix.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from eval import replay
from eval.goldfile import GOLD_DIR, load_gold
from eval.harness import run_eval
from extractor.errors import ConfigError
from extractor.llm import render


def _recorded(backend: str) -> list[Path]:
    return sorted((replay.CASSETTE_ROOT / backend / "seeds").glob("*.yaml"))


RECORDED = _recorded("llm")
needs_recording = pytest.mark.skipif(not RECORDED, reason="no LLM eval cassettes recorded")


def _golds(paths: list[Path]) -> list:
    return [load_gold(GOLD_DIR / "seeds" / f"{p.stem}.json") for p in paths]


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network access in a replayed eval")

    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.mark.parametrize("backend", ["llm", "auto"])
def test_replayed_eval_scores_every_recorded_document_offline(no_network: None, backend: str) -> None:
    recorded = _recorded(backend)
    if not recorded:
        pytest.skip(f"no {backend} eval cassettes recorded")
    run = run_eval(_golds(recorded), backend=backend, cassettes="replay")
    assert [o.status for o in run.outcomes] == ["scored"] * len(recorded), [o.reason for o in run.outcomes]
    total = run.total()
    assert total.fields.tp > 0 and total.fields.f1 > 0.5  # the recorded model's reading, scored like any backend


@pytest.mark.parametrize("backend", ["llm", "auto"])
def test_a_changed_rendering_fails_the_replay_and_says_to_re_record(
    no_network: None, monkeypatch: pytest.MonkeyPatch, backend: str
) -> None:
    asking = [p for p in _recorded(backend) if "interactions: []" not in p.read_text(encoding="utf-8")]
    if not asking:
        pytest.skip(f"no {backend} eval cassette that holds a request")
    original = render.shown
    monkeypatch.setattr(render, "shown", lambda text: original(text) + "·")
    run = run_eval(_golds(asking[:1]), backend=backend, cassettes="replay")
    outcome = run.outcomes[0]
    assert outcome.status == "error" and "re-record" in outcome.reason


def test_replay_needs_an_llm_backend_and_a_recording(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--replay applies to the llm"):
        run_eval(_golds([Path("000_613c8e2685e6b215.yaml")]), backend="rules", cassettes="replay")
    with pytest.raises(replay.ReplayError, match="recorded.toml is missing"):
        replay.replay_settings(tmp_path)


def test_recording_needs_a_configured_endpoint() -> None:
    with pytest.raises(ConfigError, match="--record needs an LLM endpoint"):
        replay.recording_settings(env={})


def test_the_recording_notes_settings_but_never_the_key(tmp_path: Path) -> None:
    settings = replay.recording_settings(env={"JIXIAO_LLM_BASE_URL": "http://127.0.0.1:9/v1", "JIXIAO_LLM_MODEL": "m",
                                              "JIXIAO_LLM_API_KEY": "sk-secret"})
    path = replay.write_recording(tmp_path, settings, "a test server")
    assert "sk-secret" not in path.read_text(encoding="utf-8")
    again = replay.replay_settings(tmp_path)
    assert (again.base_url, again.model, again.rows_per_call) == (settings.base_url, "m", settings.rows_per_call)
    assert again.cache_dir is None and again.max_attempts == 1


def test_recording_only_the_missing_requests_needs_the_recorded_settings(tmp_path: Path) -> None:
    """``--record-missing`` keeps a set's interactions: they must answer requests made the same way."""
    env = {"JIXIAO_LLM_BASE_URL": "http://127.0.0.1:9/v1", "JIXIAO_LLM_MODEL": "m"}
    replay.write_recording(tmp_path, replay.recording_settings(env=env), "a test server")
    assert replay.extending_settings(tmp_path, env=env).model == "m"
    with pytest.raises(replay.ReplayError, match="rows_per_call"):
        replay.extending_settings(tmp_path, env={**env, "JIXIAO_LLM_ROWS_PER_CALL": "4"})
    assert replay.recorded_served_by(tmp_path) == "a test server"


def test_recording_the_missing_drops_what_no_request_asks_for_and_replay_fails_on_it(tmp_path: Path) -> None:
    path = tmp_path / "doc.yaml"
    stale = {"request": {"method": "POST", "uri": "http://127.0.0.1:9/v1/chat/completions", "body": "{}",
                         "headers": {}},
             "response": {"status": {"code": 200, "message": "OK"}, "headers": {}, "body": {"string": "{}"}}}
    path.write_text(replay.Utf8YamlSerializer.serialize({"interactions": [stale], "version": 1}), encoding="utf-8")
    with pytest.raises(replay.ReplayError, match="1 recorded request"), replay.cassette(path, mode="replay"):
        pass
    with replay.cassette(path, mode="extend"):
        pass
    assert "interactions: []" in path.read_text(encoding="utf-8")
