"""The documented Python API: ``import jixiao`` and the typed results it returns."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest

import jixiao
from schemas import ProjectSelfEval, ProjectTarget
from tests.conftest import EXAMPLES

SAMPLE = EXAMPLES / "sample_report.txt"
MISSED = "INDICATOR_FULL_SCORE_MISSED_TARGET"


def test_extract_a_file_returns_typed_forms() -> None:
    result = jixiao.extract(SAMPLE)
    assert isinstance(result, jixiao.DocumentResult)
    first, second = result.forms
    assert isinstance(first, ProjectSelfEval) and isinstance(second, ProjectTarget)
    assert first.header.project_name.value == "示例县农村饮水安全巡检项目"
    assert MISSED in [f.code for f in first.findings]
    assert all(isinstance(f, jixiao.Finding) for f in first.findings)


def test_extract_text_and_bytes_read_the_same_forms() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    pasted = jixiao.extract_text(text, "粘贴")
    assert pasted.source == "粘贴" and [f.schema_name for f in pasted.forms] == ["project_self_eval", "project_target"]
    uploaded = jixiao.extract_bytes(text.encode("gb18030"), "report.txt")
    assert [f.header.title.value for f in uploaded.forms] == [f.header.title.value for f in pasted.forms]


def test_validate_a_corrected_form_typed_or_as_a_dict() -> None:
    form = jixiao.extract(SAMPLE).forms[0]
    corrected = form.model_copy(deep=True)
    corrected.indicators[4].score.value = Decimal("17.33")  # the operator: 20 × 2.6/3
    fresh = jixiao.validate(corrected)
    assert isinstance(fresh, ProjectSelfEval)
    codes = [f.code for f in fresh.findings]
    assert MISSED not in codes and "TOTAL_SCORE_MISMATCH" in codes
    as_dict = jixiao.validate(corrected.model_dump(mode="json"))
    assert [f.code for f in as_dict.findings] == codes
    whole = jixiao.validate(jixiao.extract(SAMPLE))
    assert isinstance(whole, jixiao.DocumentResult) and MISSED in [f.code for f in whole.forms[0].findings]


def test_errors_are_typed_with_a_one_line_message(tmp_path: object) -> None:
    with pytest.raises(jixiao.NoFormFoundError) as caught:
        jixiao.extract_text("这是一段没有表格的说明文字。")
    assert "no performance form" in str(caught.value) and "\n" not in str(caught.value)
    with pytest.raises(jixiao.InputError, match="not a form record"):
        jixiao.validate({"schema_name": "nope"})
    with pytest.raises(jixiao.InputError, match="cannot validate a int"):
        jixiao.validate(3)  # type: ignore[call-overload]


def test_export_gives_the_cli_formats() -> None:
    from openpyxl import load_workbook

    result = jixiao.extract(SAMPLE)
    assert jixiao.export(result, "json").startswith(b'{\n  "documents"')
    assert b'"source":[' not in jixiao.export(result, "json", compact=True)
    assert load_workbook(io.BytesIO(jixiao.export([result, result], "xlsx"))).sheetnames[-1] == "fields"
    assert jixiao.__version__


def test_every_name_the_readme_uses_exists() -> None:
    import re

    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1].split("\n## ", 1)[0]
    names = set(re.findall(r"jixiao\.([A-Za-z_]+)", section))
    assert {"extract", "extract_text", "extract_bytes", "validate", "export", "JixiaoError"} <= names
    assert not [n for n in names if not hasattr(jixiao, n)]
