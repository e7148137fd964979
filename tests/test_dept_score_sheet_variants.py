"""Department score sheets in every variant seen in the wild: blank templates whose points sit
only in the labels, a 得分 column with no 分值 column, a 序号 column and 扣分原因 notes, 分值 and
得分 fused into one figure (split only when the arithmetic is certain, else flagged)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from extractor.pipeline import extract_text
from extractor.rules.score_fused import read_fused
from schemas import DeptScoreSheet

FIXTURES = Path(__file__).parent / "fixtures" / "score_sheets"


def _sheet(name: str, replace: tuple[str, str] | None = None) -> DeptScoreSheet:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    if replace is not None:
        assert replace[0] in text
        text = text.replace(*replace)
    (form,) = extract_text(text).forms
    assert isinstance(form, DeptScoreSheet)
    return form


def _weights(form: DeptScoreSheet) -> list[Decimal | None]:
    return [i.weight.value for i in form.items]


def test_blank_template_is_a_form_with_weights_from_its_labels_and_no_scores() -> None:
    form = _sheet("dept_blank_template.txt")
    assert [i.name.value for i in form.items][:2] == ["绩效目标合理性", "绩效指标明确性"]
    assert _weights(form) == [Decimal(w) for w in (5, 5, 6, 4, 10, 8, 12, 30, 20)]
    assert all(i.score.value is None for i in form.items)
    first = form.items[0]
    assert first.description.value == "目标是否符合部门职责" and first.criteria.value == "符合得5分，否则酌情扣分"
    assert first.weight.source and first.weight.raw == "绩效目标合理性（5分）"  # traced to the label
    assert [(g.level, g.name, g.stated_weight.value) for g in form.groups][:2] == [
        (1, "部门决策", Decimal(20)), (2, "目标设定", Decimal(10))]
    assert form.findings == []


def test_a_blank_template_whose_labels_disagree_is_flagged() -> None:
    form = _sheet("dept_blank_template.txt", ("预算分配合理性（4分）", "预算分配合理性（6分）"))
    assert "GROUP_SUBTOTAL_MISMATCH" in [f.code for f in form.findings]


def test_score_column_only_takes_the_weight_from_the_label() -> None:
    form = _sheet("dept_label_points_scored.txt")
    assert [(i.name.value, i.weight.value, i.score.value) for i in form.items][:3] == [
        ("相关性", Decimal(5), Decimal(5)), ("明确性", Decimal(5), Decimal(5)), ("合理性", Decimal(5), Decimal(4))]
    assert form.totals.score.value == Decimal(88) and form.findings == []


def test_serial_numbers_are_not_weights_and_deduction_reasons_are_notes() -> None:
    form = _sheet("dept_serial_deductions.txt")
    assert _weights(form) == [Decimal(w) for w in (5, 5, 10, 10, 10, 10, 10, 20, 20)]
    second = form.items[1]
    assert (second.name.value, second.score.value, second.note.value) == (
        "三公经费变动率", Decimal(4), "三公经费较上年增加"
    )
    assert second.criteria.value == "≤0计5分" and second.description.value is None
    assert (form.totals.weight.value, form.totals.score.value) == (Decimal(100), Decimal("94.5"))
    assert form.findings == []


def test_planted_score_over_weight_in_a_serial_sheet() -> None:
    form = _sheet("dept_serial_deductions.txt",
                  ("重点支出安排率\t10\t≥90%计10分\t10", "重点支出安排率\t10\t≥90%计10分\t12"))
    assert "SCORE_SHEET_ITEM_OVER_WEIGHT" in [f.code for f in form.findings]


def test_fused_weight_and_score_are_split_when_certain() -> None:
    form = _sheet("dept_fused.txt")
    assert [(i.weight.value, i.score.value) for i in form.items] == [
        (Decimal(5), Decimal(5)), (Decimal(5), Decimal(4)), (Decimal(10), Decimal(10)), (Decimal(13), Decimal(13)),
        (Decimal(13), Decimal("12.5")), (Decimal(14), None), (Decimal(20), Decimal(20)), (Decimal(20), Decimal(19))]
    assert form.items[3].weight.confidence < 1.0  # a split figure is not as sure as a printed one
    assert form.totals.weight.value == Decimal(100)
    assert form.findings == []


def test_fused_figure_that_cannot_be_split_is_flagged_not_guessed() -> None:
    form = _sheet("dept_fused.txt", ("绩效指标明确性\t54", "绩效指标明确性\t510"))
    item = form.items[1]
    assert item.weight.value is None and item.score.value is None
    assert "LAYOUT_SCORE_FUSED" in [f.code for f in form.findings]


def test_fused_reading_rules() -> None:
    assert read_fused("1313", None, None) == read_fused("1313", None, Decimal(26))
    assert (read_fused("1313", None, None).weight, read_fused("1313", None, None).score) == (Decimal(13), Decimal(13))
    assert read_fused("55", None, None).score is None  # a plausible weight is a weight, never split
    assert read_fused("55", None, Decimal(10)).score == Decimal(5)  # its group holds only 10
    assert read_fused("54", Decimal(5), None).score == Decimal(4)  # the label states 5
    assert read_fused("510", Decimal(5), None).ambiguous
    assert read_fused("1000", None, None).ambiguous


def test_csv_export_with_quoted_fields_is_read_like_the_table() -> None:
    from extractor.pipeline import extract_path

    (form,) = extract_path(FIXTURES / "dept_sheet.csv").forms
    assert isinstance(form, DeptScoreSheet)
    assert _weights(form) == [Decimal(w) for w in (5, 5, 10, 10, 10, 10, 10, 20, 20)]
    assert form.items[2].criteria.value == "按比例计分，\n完成率×10"  # comma and line break inside quotes
    assert (form.totals.weight.value, form.totals.score.value) == (Decimal(100), Decimal("94.5"))
    assert form.findings == []


def test_csv_fields_keep_their_spans() -> None:
    from extractor.ingest.text_csv import csv_rows, looks_like_csv

    text = 'a,"b,""c""",d\r\n"x\ny",,z\n'
    rows = csv_rows(text)
    assert [[f[0] for f in r] for r in rows] == [["a", 'b,"c"', "d"], ["x\ny", "", "z"]]
    body, start, end = rows[1][0]
    assert text[start:end] == body
    assert not looks_like_csv("他说,今天,很好。\n明天,也好,吗\n")  # prose with commas is not a table


def test_basic_data_table_before_the_sheet_is_context_not_a_form() -> None:
    from extractor.ingest import ingest_path
    from extractor.layouts import segment
    from extractor.pipeline import extract_path

    path = FIXTURES / "dept_basic_data.txt"
    (form,) = extract_path(path).forms
    assert isinstance(form, DeptScoreSheet)
    assert form.header.unit_name.value == "示例县文化馆"  # the basic data's 单位名称 has a place in the header
    assert len(form.items) == 9 and form.totals.score.value == Decimal("94.5")
    (chunk,) = segment(ingest_path(path))
    assert any("三公经费" in line for line in chunk.context)  # the rest is kept as context


def test_two_blank_sheets_in_one_document_are_kept_apart() -> None:
    titled = extract_text((FIXTURES / "dept_two_blank.txt").read_text(encoding="utf-8")).forms
    untitled = extract_text((FIXTURES / "dept_two_untitled.txt").read_text(encoding="utf-8")).forms
    for forms in (titled, untitled):
        assert len(forms) == 2
        for form in forms:
            assert isinstance(form, DeptScoreSheet) and len(form.items) == 9 and form.findings == []
    assert [f.header.title.value for f in titled] == [
        "示例县文化馆部门整体支出绩效评价指标体系（评分表）", "示例县图书馆部门整体支出绩效评价指标体系（评分表）"]


def test_a_header_repeated_at_a_page_break_does_not_cut_the_sheet() -> None:
    lines = (FIXTURES / "dept_blank_template.txt").read_text(encoding="utf-8").splitlines()
    header = lines[1]
    at = next(i for i, line in enumerate(lines) if line.startswith("部门管理"))
    (form,) = extract_text("\n".join([*lines[:at], header, *lines[at:]]) + "\n").forms
    assert len(form.items) == 9 and form.findings == []


def test_a_title_printed_in_every_cell_of_a_merged_row_is_one_title() -> None:
    text = (FIXTURES / "dept_serial_deductions.txt").read_text(encoding="utf-8")
    title = "部门整体支出绩效自评打分表"
    text = text.replace(title + "\n", "\t".join([title] * 8) + "\n", 1)
    (form,) = extract_text(text).forms
    assert isinstance(form, DeptScoreSheet) and form.header.title.value == title and len(form.items) == 9


def test_a_two_level_blank_template_makes_the_second_level_the_item() -> None:
    form = _sheet("dept_two_level_blank.txt")
    got = [(i.level1.value, i.level2.value, i.name.value, i.weight.value) for i in form.items]
    assert got == [("投入", None, "预算编制", Decimal(10)), ("投入", None, "目标设定", Decimal(10)),
                   ("过程", None, "预算执行", Decimal(50)), ("过程", None, "资金管理", Decimal(30))]
    assert [(g.level, g.name) for g in form.groups] == [(1, "投入"), (1, "过程")]
    assert form.findings == []
