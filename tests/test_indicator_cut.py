"""An excerpt that ends inside an indicator row (sample 58; the messifier's ``truncated`` shape
prints the first lost row in part in half its documents): the row is dropped and reported."""

from __future__ import annotations

from extractor.pipeline import extract_text

HEAD = "项目支出绩效自评表\n项目名称\t瓶改管工程\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
ROWS = ("产出指标\t数量指标\t改造小区数\t12个\t12个\t10\t10\n"
        "\t\t改造户数\t1785套\t1806套\t5\t5\n"
        "\t质量指标\t改造任务完成率\t100%\t100%\t5\t5\n")


def test_a_row_cut_inside_a_cell_is_dropped_and_reported() -> None:
    form = extract_text(HEAD + ROWS + "\t\t工程竣工验收合格率\t1\n").forms[0]
    assert [i.name.value for i in form.indicators] == ["改造小区数", "改造户数", "改造任务完成率"]
    assert [f.code for f in form.findings if f.code == "EXTRACT_ROW_CUT"] == ["EXTRACT_ROW_CUT"]


def test_a_whole_last_row_with_one_blank_cell_is_kept() -> None:
    form = extract_text(HEAD + ROWS + "\t\t工程竣工验收合格率\t100%\t\t5\t5\n").forms[0]
    assert form.indicators[-1].name.value == "工程竣工验收合格率"
    assert not any(f.code == "EXTRACT_ROW_CUT" for f in form.findings)


def test_a_one_row_excerpt_cut_short_is_dropped_by_the_header() -> None:
    form = extract_text(HEAD + "产出指标\t质量指标\t完成设备购买并支付资金\t10\n").forms[0]
    assert form.indicators == []
    assert [f.code for f in form.findings if f.code == "EXTRACT_ROW_CUT"] == ["EXTRACT_ROW_CUT"]


def test_a_short_table_whose_rows_all_leave_a_column_blank_keeps_its_last_row() -> None:
    head = "项目绩效目标表\n项目名称\t助学金\n一级指标\t二级指标\t三级指标\t指标值\t实际完成值\n"
    form = extract_text(head + "产出指标\t数量指标\t受助学生数\t100%\t\n\t\t免学费学生数\t100%\t\n").forms[0]
    assert [i.name.value for i in form.indicators] == ["受助学生数", "免学费学生数"]


def test_a_last_row_whose_print_stops_short_is_dropped() -> None:
    form = extract_text(HEAD + ROWS + "\t\t工程竣工验收情况\t合格\t合格\t5\n").forms[0]
    assert [i.name.value for i in form.indicators] == ["改造小区数", "改造户数", "改造任务完成率"]
    assert [f.code for f in form.findings if f.code == "EXTRACT_ROW_CUT"] == ["EXTRACT_ROW_CUT"]
