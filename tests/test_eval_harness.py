"""The harness end to end with an injected extractor: gold files on disk → run → summary, diffs, CLI.

The real pipeline is never called: ``extract`` is a dictionary lookup from source file name to
hand-built records, so these tests say nothing about extraction quality, only about the harness.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

import eval.harness as harness
from eval import report
from eval.cli import eval_command
from eval.goldfile import load_gold
from eval.harness import run_eval
from eval.textnorm import digest
from extractor.errors import ExtractionError
from extractor.result import DocumentResult, Usage
from schemas import FundsRow, Header, ProjectSelfEval, SourceRef, Value

GOLD_FORM = {
    "schema_name": "project_self_eval",
    "header": {"title": "项目支出绩效自评表", "year": 2021, "project_name": "信访维稳专网费", "money_unit": "万元"},
    "funds": [{"role": "total", "budget": "10", "executed": "9.5"}],
}  # 6 leaves


def record(executed: str = "9.5") -> ProjectSelfEval:
    return ProjectSelfEval(
        header=Header(title=Value(value="项目支出绩效自评表"), year=Value(value=2021),
                      project_name=Value(value="信访维稳专网费"), money_unit=Value(value="万元")),
        funds=[FundsRow(role="total", budget=Value(value=Decimal("10")),
                        executed=Value(value=Decimal(executed), raw=f"{executed}　",
                                       source=[SourceRef(grid_id="t0", row=3, col=3)]))],
    )  # fmt: skip


def write_doc(tmp: Path, name: str, *, source_exists: bool = True, sha: str | None = None, **extra: Any) -> Path:
    source = tmp / "sources" / f"{name}.txt"
    source.parent.mkdir(parents=True, exist_ok=True)
    if source_exists:
        source.write_text(f"document {name}", encoding="utf-8")
    gold = {"source": str(source), "forms": [GOLD_FORM], **extra}
    if source_exists:
        gold["source_sha256"] = sha or hashlib.sha256(source.read_bytes()).hexdigest()
    path = tmp / "gold" / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return path


def fake_extract(by_name: dict[str, Any]):
    def extract(path: Path) -> Any:
        outcome = by_name[path.stem]
        if isinstance(outcome, Exception):
            raise outcome
        return DocumentResult(source=str(path), forms=outcome)

    return extract


@pytest.fixture()
def three_docs(tmp_path: Path) -> list[Path]:
    return [
        write_doc(tmp_path, "a_perfect"),
        write_doc(tmp_path, "b_wrong"),
        write_doc(tmp_path, "c_absent", source_exists=False),
    ]


EXTRACT = fake_extract({"a_perfect": [record()], "b_wrong": [record("9.4")]})


def test_run_scores_documents_in_parallel_and_skips_missing_sources(three_docs: list[Path], tmp_path: Path) -> None:
    seen: list[str] = []
    run = run_eval(
        [load_gold(p) for p in three_docs], extract=EXTRACT, workers=2, on_done=lambda o: seen.append(o.name)
    )
    assert [o.name for o in run.outcomes] == ["a_perfect", "b_wrong", "c_absent"]
    assert [o.status for o in run.outcomes] == ["scored", "scored", "skipped"]
    assert "source not found" in run.outcomes[2].reason and sorted(seen) == ["a_perfect", "b_wrong", "c_absent"]
    total = run.total()
    assert (total.fields.tp, total.fields.fp, total.fields.fn) == (11, 1, 1)  # 12 gold leaves, one wrong

    diffs = report.write_diffs(run, tmp_path / "run")
    assert set(diffs) == {"b_wrong", "c_absent"}  # a perfect document needs no diff
    text = diffs["b_wrong"].read_text(encoding="utf-8")
    assert "WRONG    funds[total].executed" in text
    assert (
        "expected 9.5" in text and "got      9.4  (cell text '9.4\\u3000' at t0:r3c3)" in text
    )  # invisible spaces shown

    summary = report.summary(run, diffs)
    assert {"overall", "by_form_type", "by_field", "documents", "forms", "rows"} <= summary.keys()
    assert summary["overall"]["precision"] == summary["overall"]["recall"] == round(11 / 12, 6)
    executed = summary["by_field"]["funds[total].executed"]
    assert (executed["tp"], executed["fp"], executed["fn"], executed["f1"]) == (1, 1, 1, 0.5)  # a right, b wrong
    assert summary["by_form_type"]["project_self_eval"]["tp"] == 11
    docs = {d["name"]: d for d in summary["documents"]}
    assert docs["a_perfect"]["overall"]["f1"] == 1.0 and docs["a_perfect"]["diff"] is None
    assert docs["c_absent"]["status"] == "skipped" and "overall" not in docs["c_absent"]


def test_model_calls_and_tokens_are_summed_and_given_per_form(three_docs: list[Path], tmp_path: Path) -> None:
    def extract(path: Path) -> DocumentResult:
        calls = 0 if path.stem == "a_perfect" else 3
        return DocumentResult(source=str(path), forms=[record()],
                              usage=Usage(calls=calls, prompt_tokens=1000 * calls, completion_tokens=100 * calls))

    golds = [load_gold(p) for p in three_docs[:2]] + [load_gold(write_doc(tmp_path, "d_also"))]
    summary = report.summary(run_eval(golds, extract=extract, workers=1))
    assert summary["usage"] == {"calls": 6, "prompt_tokens": 6000, "completion_tokens": 600, "forms": 3,
                                "per_form": {"calls": 2.0, "prompt_tokens": 2000.0, "completion_tokens": 200.0,
                                             "seconds": summary["usage"]["per_form"]["seconds"]}}
    docs = {d["name"]: d for d in summary["documents"]}
    assert "usage" not in docs["a_perfect"] and docs["b_wrong"]["usage"]["calls"] == 3
    assert report.summary(run_eval(golds[:1], extract=EXTRACT, workers=1))["usage"] is None  # rules: no model


def test_source_checksum_mismatch_is_a_warning(tmp_path: Path) -> None:
    gold = load_gold(write_doc(tmp_path, "a_perfect", sha="0" * 64))
    [outcome] = run_eval([gold], extract=EXTRACT, workers=1).outcomes
    assert outcome.status == "scored" and "sha256" in outcome.warnings[0]


def test_extraction_failure_counts_every_gold_leaf_as_missed(tmp_path: Path) -> None:
    gold = load_gold(write_doc(tmp_path, "broken"))
    extract = fake_extract({"broken": ExtractionError("indicator table has no name column", source="broken.txt")})
    [outcome] = run_eval([gold], extract=extract, workers=1).outcomes
    assert outcome.status == "error" and "indicator table has no name column" in outcome.reason
    assert outcome.score is not None and (outcome.score.fields.tp, outcome.score.fields.fn) == (0, 6)


def test_malformed_gold_is_reported_not_scored(tmp_path: Path) -> None:
    path = write_doc(tmp_path, "typo")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["forms"][0]["funds"][0]["excuted"] = "1"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    [outcome] = run_eval([load_gold(path)], extract=EXTRACT, workers=1).outcomes
    assert outcome.status == "invalid" and outcome.score is None
    assert any("excuted" in p for p in outcome.gold.problems)


def test_baseline_comparison_names_what_regressed() -> None:
    before = {
        "overall": {"f1": 0.9},
        "by_field": {"a": {"f1": 1.0}, "b": {"f1": 0.5}},
        "documents": [{"name": "d", "overall": {"f1": 0.9}}],
    }
    after = {
        "overall": {"f1": 0.8},
        "by_field": {"a": {"f1": 0.75}, "b": {"f1": 0.5}, "c": {"f1": 1.0}},
        "documents": [{"name": "d", "overall": {"f1": 0.8}}],
    }
    cmp = report.compare_to_baseline(after, before)
    assert cmp["overall"]["delta"] == pytest.approx(-0.1)
    assert {(c["scope"], c["name"]) for c in cmp["regressed"]} == {
        ("overall", "overall"),
        ("field", "a"),
        ("document", "d"),
    }
    assert cmp["improved"] == [] and [c["name"] for c in cmp["new"]] == ["c"]


# ── the command ──────────────────────────────────────────────────────────────────────────────


@pytest.fixture()
def cli(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setattr(harness, "make_pipeline_extract", lambda backend, llm_settings=None: EXTRACT)
    return CliRunner()


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("eval")(eval_command)
    app.command("noop")(lambda: None)  # a second command keeps "eval" a subcommand, as in jixiao
    return app


def test_cli_json_summary_and_min_f1_gate(cli: CliRunner, three_docs: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "summary.json"
    args = [
        "eval",
        str(tmp_path / "gold"),
        "--json",
        "--diff-dir",
        str(tmp_path / "run"),
        "--out",
        str(out),
        "--workers",
        "1",
    ]
    passed = cli.invoke(_app(), [*args, "--min-f1", "0.9"])
    assert passed.exit_code == 0, passed.output
    summary = json.loads(passed.stdout)
    assert summary["overall"]["f1"] == pytest.approx(11 / 12, abs=1e-6)
    assert json.loads(out.read_text(encoding="utf-8"))["overall"] == summary["overall"]
    assert (tmp_path / "run" / "summary.json").is_file() and (tmp_path / "run" / "b_wrong.diff.txt").is_file()

    failed = cli.invoke(_app(), [*args, "--min-f1", "0.95"])
    assert failed.exit_code == 1 and "gate failed" in failed.stderr


def test_cli_baseline_shows_regressions(cli: CliRunner, three_docs: list[Path], tmp_path: Path) -> None:
    baseline = tmp_path / "before.json"
    baseline.write_text(json.dumps({"overall": {"f1": 1.0}, "by_field": {"funds[total].executed": {"f1": 1.0}}}))
    result = cli.invoke(_app(), ["eval", str(tmp_path / "gold"), "--baseline", str(baseline), "--json",
                                 "--diff-dir", str(tmp_path / "run"), "--workers", "1"])  # fmt: skip
    assert result.exit_code == 0, result.output
    regressed = {c["name"] for c in json.loads(result.stdout)["baseline"]["regressed"]}
    assert {"overall", "funds[total].executed"} <= regressed

    tables = cli.invoke(_app(), ["eval", str(tmp_path / "gold"), "--baseline", str(baseline),
                                 "--diff-dir", str(tmp_path / "run2"), "--workers", "1"])  # fmt: skip
    assert tables.exit_code == 0 and "Regressed" in tables.stdout and "funds[total].executed" in tables.stdout


def test_cli_fails_the_run_when_every_document_fails_the_same_way(
    monkeypatch: pytest.MonkeyPatch, three_docs: list[Path], tmp_path: Path
) -> None:
    refusal = ExtractionError("the llm backend needs an endpoint")
    monkeypatch.setattr(harness, "make_pipeline_extract", lambda backend, llm_settings=None: fake_extract(
        {"a_perfect": refusal, "b_wrong": refusal}))  # fmt: skip
    result = CliRunner().invoke(_app(), ["eval", str(tmp_path / "gold"), "--backend", "llm",
                                         "--diff-dir", str(tmp_path / "run"), "--workers", "1"])  # fmt: skip
    assert result.exit_code == 2 and "extraction failed for every document" in result.stderr


def test_cli_without_gold_files_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(_app(), ["eval", str(tmp_path / "empty")])
    assert result.exit_code == 2 and "no gold files" in result.stderr


def test_cli_digest_prints_the_gold_object() -> None:
    text = "维持我办网上信访业务工作正常开展，网上信访工作占比逐年提高，减少群众访累，降低信访成本。"
    result = CliRunner().invoke(_app(), ["eval", "--digest", text])
    assert result.exit_code == 0 and json.loads(result.stdout) == digest(text)
