"""CLI rough edges: format from -o, choices, --version, --compact, validate's input, safe names."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from extractor.cli import app, printable
from tests.conftest import EXAMPLES, REPO, seed

SAMPLE = EXAMPLES / "sample_report.txt"
runner = CliRunner()


@pytest.mark.parametrize(("name", "check"), [
    ("out.xlsx", lambda p: load_workbook(p).sheetnames[-1] == "fields"),
    ("out.csv", lambda p: p.read_bytes().startswith(b"\xef\xbb\xbfsource,")),
    ("out.json", lambda p: json.loads(p.read_text(encoding="utf-8"))["documents"]),
    ("out.txt", lambda p: json.loads(p.read_text(encoding="utf-8"))["documents"]),  # unknown extension: json
])
def test_format_follows_the_out_extension(tmp_path: Path, name: str, check: object) -> None:
    out = tmp_path / name
    result = runner.invoke(app, ["extract", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert check(out)  # type: ignore[operator]


def test_format_clashing_with_the_extension_is_an_error(tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    result = runner.invoke(app, ["extract", str(SAMPLE), "-f", "csv", "-o", str(out)])
    assert result.exit_code == 2 and "contradicts" in result.stderr and not out.exists()
    assert runner.invoke(app, ["extract", str(SAMPLE), "-f", "json", "-o", str(tmp_path / "x.txt")]).exit_code == 0


@pytest.mark.parametrize("args", [["--format", "pdf"], ["--backend", "gpt"]])
def test_format_and_backend_are_choices(args: list[str]) -> None:
    result = runner.invoke(app, ["extract", str(SAMPLE), *args])
    assert result.exit_code == 2 and "is not one of" in result.output


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("jixiao ") and len(result.stdout.split()) >= 2


def test_compact_json_has_values_without_provenance() -> None:
    full = runner.invoke(app, ["extract", str(SAMPLE)]).stdout
    compact = runner.invoke(app, ["extract", str(SAMPLE), "--compact"]).stdout
    data = json.loads(compact)
    form = data["documents"][0]["forms"][0]
    assert form["header"]["project_name"] == "示例县农村饮水安全巡检项目"
    assert next(r for r in form["funds"] if r["role"] == "total")["executed"] == "45"
    assert '"source":[' not in compact and '"raw"' not in compact and '"cells"' not in compact and '"confidence"' not in compact
    assert "INDICATOR_FULL_SCORE_MISSED_TARGET" in [f["code"] for f in form["findings"]]
    assert len(compact) * 5 < len(full)
    assert runner.invoke(app, ["extract", str(SAMPLE), "--compact", "-f", "csv"]).exit_code == 2


@pytest.mark.parametrize(("content", "says"), [
    ("{}", "not a jixiao extraction"),
    ("[1, 2]", "not a jixiao extraction"),
    ("not json", "not JSON"),
    ('{"documents": "x"}', "'documents' is not a list"),
    ('{"documents": [{"source": "a", "forms": [{"form_type": "nope"}]}]}', "form 0"),
])
def test_validate_malformed_input_is_one_line_exit_2(tmp_path: Path, content: str, says: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "extractor.cli", "validate", str(bad)],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert says in result.stderr and result.stdout == ""


def test_validate_refuses_a_workbook_it_did_not_write(tmp_path: Path) -> None:
    from openpyxl import Workbook

    other = tmp_path / "other.xlsx"
    Workbook().save(other)
    result = runner.invoke(app, ["validate", str(other)])
    assert result.exit_code == 2 and "has no 'fields'" in result.stderr


def test_validate_accepts_a_corrected_workbook(tmp_path: Path) -> None:
    book_path = tmp_path / "report.xlsx"
    assert runner.invoke(app, ["extract", str(SAMPLE), "-o", str(book_path)]).exit_code == 0
    wb = load_workbook(book_path)
    long = wb["fields"]
    row = next(r for r in long.iter_rows(min_row=2) if r[1].value == 0 and r[4].value == "indicators[4].score")
    row[5].value = 17.33  # the operator corrects the score to 20 × 2.6/3
    wb.properties.lastModifiedBy = "王会计"
    wb.save(book_path)
    result = runner.invoke(app, ["validate", str(book_path)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)["documents"][0]
    codes = {f["code"] for f in doc["forms"][0]["findings"]}
    assert "INDICATOR_FULL_SCORE_MISSED_TARGET" not in codes and "TOTAL_SCORE_MISMATCH" in codes
    [correction] = doc["corrections"]
    assert correction["field"] == "indicators[4].score" and correction["previous"] == "20"
    assert correction["value"] == "17.33" and correction["author"] == "王会计"
    again = tmp_path / "again.xlsx"
    assert runner.invoke(app, ["validate", str(book_path), "-o", str(again)]).exit_code == 0
    log = list(load_workbook(again)["更正记录"].iter_rows(min_row=2, values_only=True))
    assert [r[2:6] for r in log] == [("indicators[4].score", "20", "17.33", "王会计")]
    bad = load_workbook(book_path)
    next(r for r in bad["fields"].iter_rows(min_row=2) if r[4].value == "indicators[4].weight")[5].value = "很多"
    bad.save(book_path)
    refused = runner.invoke(app, ["validate", str(book_path)])
    assert refused.exit_code == 2 and "does not fit indicators[4].weight" in refused.stderr


def test_control_characters_in_file_names_never_reach_the_terminal(tmp_path: Path) -> None:
    evil = tmp_path / "a\x1b]0;pwned\x07b\x1b[2J[red]:smile:.txt"
    evil.write_text("没有表格的说明文字。\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "extractor.cli", "extract", str(evil), str(SAMPLE)],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "a\\x1b]0;pwned\\x07b\\x1b[2J[red]:smile:.txt: no performance form" in result.stderr  # no markup, no emoji
    assert printable("名称\u202e.txt") == "名称\\u202e.txt"  # a right-to-left override is shown, not obeyed
    assert printable("项目　自评 :smile:.txt") == "项目　自评 :smile:.txt"  # spaces stay spaces


def test_eval_tables_are_readable_when_piped() -> None:
    seed("000")  # the seed gold scores documents in ../shared
    result = subprocess.run([sys.executable, "-m", "extractor.cli", "eval", "eval/gold/seeds", "--workers", "1"],
                            capture_output=True, text=True, cwd=REPO)  # stdout is a pipe, as in `| less`
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("jixiao eval — 5 document(s)") and lines[0].rstrip().endswith("s")  # not wrapped
    assert any("│ fields " in ln and "│ tp " in ln for ln in lines)  # a row on one line, its label not cut
    assert "…" not in result.stdout.split("By form type")[0]
    assert max(len(ln) for ln in lines) > 80
