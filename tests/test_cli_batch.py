"""A CLI batch survives a dead worker process: that file fails, every other result is written."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import extractor.pipeline  # noqa: F401  loaded before the forks, as `jixiao extract` does
from extractor import cli
from extractor.cli_batch import Outcome, how_it_ended, run_batch, run_alone
from tests.conftest import EXAMPLES

SAMPLE = EXAMPLES / "sample_report.txt"
runner = CliRunner()


class OomKilledJob(cli._Job):
    """Reads documents as the CLI does, but a file named ``oom*`` kills its worker with SIGKILL,
    as the kernel's out-of-memory killer would."""

    def __call__(self, path: str) -> Outcome:
        if Path(path).name.startswith("oom"):
            os.kill(os.getpid(), signal.SIGKILL)
        return super().__call__(path)


class SlowOomKilledJob(OomKilledJob):
    """Each healthy document takes half a second, so the neighbour is mid-document at the kill."""

    def __call__(self, path: str) -> Outcome:
        if not Path(path).name.startswith("oom"):
            time.sleep(0.5)
        return super().__call__(path)


def batch_dir(tmp_path: Path, good: int) -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    for i in range(good):
        (tmp_path / f"good{i}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "oom.txt").write_text(text, encoding="utf-8")
    return tmp_path


def test_run_batch_reports_only_the_killed_file(tmp_path: Path) -> None:
    folder = batch_dir(tmp_path, 5)
    files = sorted(str(p) for p in folder.iterdir())
    seen: list[str] = []
    outcomes = run_batch(files, OomKilledJob("rules", False), 2, lambda o: seen.append(o.source))
    assert [o.source for o in outcomes] == files and sorted(seen) == files  # each reported once
    by_name = {Path(o.source).name: o for o in outcomes}
    assert by_name["oom.txt"].output is None
    assert "worker process reading it died (killed by SIGKILL, as the out-of-memory killer does)" in str(by_name["oom.txt"].error)
    assert all(o.output is not None and len(o.output["forms"]) == 2 for n, o in by_name.items() if n != "oom.txt")


def test_cli_batch_writes_every_other_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "in").mkdir()
    folder = batch_dir(tmp_path / "in", 3)
    monkeypatch.setattr(cli, "_Job", OomKilledJob)
    out = tmp_path / "out.json"
    result = runner.invoke(cli.app, ["extract", str(folder), "-o", str(out), "--workers", "2"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "BrokenProcessPool" not in result.output
    docs = json.loads(out.read_text(encoding="utf-8"))["documents"]
    assert [Path(d["source"]).name for d in docs] == ["good0.txt", "good1.txt", "good2.txt", "oom.txt"]
    assert [len(d["forms"]) for d in docs] == [2, 2, 2, 0]
    assert "SIGKILL" in docs[-1]["error"]
    assert "1 of 4 document(s) failed" in result.stderr


def test_run_alone_returns_the_outcome_of_a_healthy_document() -> None:
    outcome = run_alone(cli._Job("rules", True), str(SAMPLE))
    assert outcome.error is None and outcome.output is not None and outcome.layout is not None


def test_how_a_worker_ended() -> None:
    assert how_it_ended(-9) == "killed by SIGKILL, as the out-of-memory killer does"
    assert how_it_ended(-15) == "killed by SIGTERM" and how_it_ended(3) == "exit status 3"


def test_only_the_documents_in_flight_are_read_again_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor import cli_batch

    folder = batch_dir(tmp_path, 5)
    files = sorted(str(p) for p in folder.iterdir())  # good0 … good4, then oom.txt last
    files = files[:1] + files[-1:] + files[1:-1]  # the killer second, four documents still to start
    alone: list[str] = []
    real = cli_batch.run_alone
    monkeypatch.setattr(cli_batch, "run_alone", lambda job, path: alone.append(path) or real(job, path))
    outcomes = run_batch(files, SlowOomKilledJob("rules", False), 2, lambda o: None)
    assert [Path(o.source).name for o in outcomes if o.error] == ["oom.txt"]
    assert sum(o.output is not None for o in outcomes) == 5
    assert str(folder / "oom.txt") in alone and len(alone) <= 3  # the killer and its neighbour(s), not all five
