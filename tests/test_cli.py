"""The ``jixiao`` command as an operator uses it: formats, batches, bad files, stdin."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from extractor.cli import app

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "sample_report.txt"
runner = CliRunner()


def test_extract_sample_json_has_documented_shape() -> None:
    result = runner.invoke(app, ["extract", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (doc,) = data["documents"]
    assert doc["source"].endswith("sample_report.txt")
    types = [f["form_type"] for f in doc["forms"]]
    assert types == ["project_self_eval", "project_target"]
    first = doc["forms"][0]
    assert first["title"] == "示例县2024年项目支出绩效自评表"
    assert first["header"]["project_name"]["value"] == "示例县农村饮水安全巡检项目"
    total = next(r for r in first["funds"] if r["role"] == "total")
    assert total["executed"]["value"] == "45" and total["executed"]["source"][0]["row"] is not None
    codes = {f["code"] for f in first["findings"]}
    assert "INDICATOR_FULL_SCORE_MISSED_TARGET" in codes  # the sample's deliberate error


def test_stdin_paste_is_read() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    result = runner.invoke(app, ["extract", "-"], input=text)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents"][0]["source"] == "<stdin>"


def test_csv_and_xlsx_outputs(tmp_path: Path) -> None:
    csv_out = tmp_path / "out.csv"
    assert runner.invoke(app, ["extract", str(SAMPLE), "--format", "csv", "--out", str(csv_out)]).exit_code == 0
    lines = csv_out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("source,form_index,form_type")
    assert any("funds[total].executed" in ln and ",45," in ln for ln in lines)
    xlsx_out = tmp_path / "out.xlsx"
    assert runner.invoke(app, ["extract", str(SAMPLE), "-f", "xlsx", "-o", str(xlsx_out)]).exit_code == 0
    wb = load_workbook(xlsx_out)
    assert wb.sheetnames[-1] == "fields"  # the machine-readable long sheet stays last
    assert wb["问题清单"].max_row >= 2


def test_batch_reports_bad_file_and_keeps_going(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "prose.txt").write_text("这是一段说明文字，没有任何表格。\n", encoding="utf-8")
    out = tmp_path / "result.json"
    result = subprocess.run(
        [sys.executable, "-m", "extractor.cli", "extract", str(tmp_path), "--out", str(out)],
        capture_output=True, text=True, cwd=REPO,
    )
    assert result.returncode == 1
    assert "empty.txt: the file is empty" in result.stderr
    assert "prose.txt: no performance form was found" in result.stderr
    assert "Traceback" not in result.stderr
    docs = json.loads(out.read_text(encoding="utf-8"))["documents"]
    assert [Path(d["source"]).name for d in docs] == ["empty.txt", "good.txt", "prose.txt"]
    failed = {Path(d["source"]).name: d["error"] for d in docs if d.get("error")}
    assert set(failed) == {"empty.txt", "prose.txt"} and "the file is empty" in failed["empty.txt"]
    assert "good.txt: 2 forms, 1 error, 1 warning" in result.stderr  # one summary line per document


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02binary" * 50])
def test_unreadable_single_file_one_line_and_nonzero(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    out = tmp_path / "never.json"
    result = runner.invoke(app, ["extract", str(bad), "--out", str(out)])
    assert result.exit_code == 1
    assert not out.exists()  # nothing written half-way
    assert len(result.stderr.strip().splitlines()) == 1


def test_validate_recomputes_after_correction(tmp_path: Path) -> None:
    extracted = tmp_path / "x.json"
    assert runner.invoke(app, ["extract", str(SAMPLE), "-o", str(extracted)]).exit_code == 0
    data = json.loads(extracted.read_text(encoding="utf-8"))
    form = data["documents"][0]["forms"][0]
    row = next(i for i in form["indicators"] if i["name"]["value"] == "受益农村人口")
    row["score"]["value"] = "17.33"  # the operator corrects the score to 20 × 2.6/3
    extracted.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(extracted)])
    assert result.exit_code == 0, result.output
    fresh = json.loads(result.stdout)["documents"][0]["forms"][0]
    codes = {f["code"] for f in fresh["findings"]}
    assert "INDICATOR_FULL_SCORE_MISSED_TARGET" not in codes
    assert "TOTAL_SCORE_MISMATCH" in codes  # 总分 99 no longer adds up
