"""A Fushun excerpt that begins inside its 分解目标评价 rows (tab-separated): found and read by its slots."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.errors import NoFormFoundError
from extractor.pipeline import extract_text

# invented: the header's cut line, a row under a 一级 cell above the cut, a 部分完成 row with its reason
_ROWS = (
    "得分\t原因说明\n"
    "\t重点工作履行情况\t指标1\t风险排查次数\t≥10次\t9次\t部分完成\t20\t18\t人员不足，下一步补齐。\n"
    "管理效率\t财务管理\t指标1\t应缴财政款上缴率\t＝100%\t100%\t完成\t30\t30\t\n"
    "\t预算编制管理\t指标1\t预算编制\t按时编制\t按时编制\t完成\t50\t50\t\n"
    "总评价得分\t\t\t\t\t\t\t\t98\t\n"
)


def test_fushun_rows_without_header() -> None:
    result = extract_text(_ROWS)
    assert len(result.forms) == 1
    form = result.forms[0]
    assert form.layout is not None and form.layout.name == "fushun_headless"
    assert form.schema_name == "dept_self_eval"
    first, second, third = form.indicators
    assert first.level1.value is None and first.level2.value == "重点工作履行情况"  # 一级 lies above the cut
    assert first.name.value == "风险排查次数" and first.completion.value == "部分完成"
    assert (first.weight.value, first.score.value) == (Decimal(20), Decimal(18))
    assert first.deviation_reason.value == "人员不足，下一步补齐。"
    assert second.target.value is not None and second.target.value.operator == "="
    assert (third.level1.value, third.level2.value, third.name.value) == ("管理效率", "预算编制管理", "预算编制")
    assert form.totals.score.value == Decimal(98) and form.totals.weight.value is None
    assert form.header.department.value is None
    assert any(f.code == "LAYOUT_HEADERLESS_TABLE" for f in form.findings)


def test_rows_without_completion_word_start_no_form() -> None:
    """A slot label alone is no Fushun row: without the completion word and figures nothing starts."""
    text = "管理效率\t财务管理\t指标1\t应缴财政款上缴率\t＝100%\t100%\n总评价得分\t\t\t\t\t98\n"
    with pytest.raises(NoFormFoundError):
        extract_text(text)
