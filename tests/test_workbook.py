"""The operators' workbook read back with openpyxl: sheets, merges, types, fills, comments, links."""

from __future__ import annotations

import copy
import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from extractor.ingest import ingest_path
from extractor.output import render
from extractor.output.rows import parse_number
from extractor.pipeline import extract_document
from extractor.service.layout import document_layout
from tests.conftest import EXAMPLES, seed

SAMPLE = EXAMPLES / "sample_report.txt"
MISSED = "INDICATOR_FULL_SCORE_MISSED_TARGET"


def extracted(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    doc = ingest_path(path)
    return extract_document(doc).to_output(), document_layout(doc)


def workbook(output: dict[str, Any], layouts: list[Any] | None) -> Workbook:
    return load_workbook(io.BytesIO(render(output, "xlsx", layouts=layouts)))


@pytest.fixture(scope="module")
def sample() -> tuple[dict[str, Any], dict[str, Any]]:
    return extracted(SAMPLE)


@pytest.fixture(scope="module")
def book(sample: tuple[dict[str, Any], dict[str, Any]]) -> Workbook:
    doc, layout = sample
    return workbook({"documents": [doc]}, [layout])


def find(ws: Any, text: str) -> Any:
    return next(c for row in ws.iter_rows() for c in row if c.value == text)


def test_sheets_one_per_form_then_lists_and_the_long_sheet_last(book: Workbook) -> None:
    assert book.sheetnames == ["1 项目支出绩效自评表", "2 项目绩效目标表", "问题清单", "更正记录", "_jixiao", "fields"]
    assert book["_jixiao"].sheet_state == "hidden"
    assert [c.value for c in book["fields"][1]][:6] == ["source", "form_index", "form_type", "title", "field", "value"]


def test_form_sheet_is_laid_out_like_the_table(book: Workbook) -> None:
    ws = book["1 项目支出绩效自评表"]
    assert ws["A1"].value == "示例县2024年项目支出绩效自评表"
    merged = [str(r) for r in ws.merged_cells.ranges]
    assert len(merged) >= 5  # pasted short rows run to the right edge as printed
    assert find(ws, "巡检供水工程数量").data_type == "s"
    label = find(ws, "年度资金总额")
    assert ws.column_dimensions[label.column_letter].width >= 12  # a CJK label fits its column
    assert ws.freeze_panes is not None and ws.freeze_panes != "A1"


def test_numbers_are_numbers_with_their_printed_decimals(book: Workbook) -> None:
    ws = book["1 项目支出绩效自评表"]
    total_row = find(ws, "年度资金总额").row
    values = [c.value for c in ws[total_row]]
    assert 45 in values and 40 in values  # amounts as numbers: a SUM works
    rate = next(c for c in ws[total_row] if c.number_format.endswith("%"))
    assert rate.value == pytest.approx(0.9) and rate.number_format == "0%"
    long = book["fields"]
    executed = next(r for r in long.iter_rows(min_row=2, values_only=True) if r[4] == "funds[total].executed")
    assert executed[5] == 45 and isinstance(executed[5], int)


@pytest.mark.parametrize(("text", "expected"), [
    ("17.50", (17.5, "0.00")), ("1,234.5", (1234.5, "#,##0.0")), ("95.5%", (0.955, "0.0%")), ("-3", (-3, "0")),
    ("2024", (2024, "0")), ("007", None), ("12个月", None), ("1.2.3", None), ("1234567890123456", None),
])
def test_printed_numbers_and_their_formats(text: str, expected: tuple[float, str] | None) -> None:
    parsed = parse_number(text)
    if expected is None:
        assert parsed is None
    else:
        assert parsed is not None and parsed[0] == pytest.approx(expected[0]) and parsed[1] == expected[1]


def test_findings_fill_their_cells_with_a_comment_and_are_listed_with_links(book: Workbook) -> None:
    ws = book["1 项目支出绩效自评表"]
    score = find(ws, "受益农村人口").row
    flagged = [c for c in ws[score] if c.comment is not None]
    assert flagged and all(MISSED in c.comment.text or "INDICATOR_MISSED_NO_REASON" in c.comment.text for c in flagged)
    assert {c.fill.fgColor.rgb for c in flagged} <= {"00FFC7CE", "FFFFC7CE"}  # errors red
    issues = book["问题清单"]
    header = [c.value for c in issues[1]]
    assert header[:6] == ["序号", "文档", "表", "严重程度", "代码", "说明"]
    rows = list(issues.iter_rows(min_row=2))
    missed = next(r for r in rows if r[4].value == MISSED)
    assert missed[3].value == "错误" and "受益农村人口" in missed[5].value
    link = missed[7].hyperlink
    assert link is not None and link.location is not None
    sheet, coord = link.location.split("!")
    target = book[sheet.strip("'")][coord]
    assert target.comment is not None and MISSED in target.comment.text


def test_two_forms_sharing_one_grid_each_draw_only_their_rows() -> None:
    doc, layout = extracted(seed("000"))
    book = workbook({"documents": [doc]}, [layout])
    first, second = book.worksheets[0], book.worksheets[1]
    titles = [f["title"] for f in doc["forms"]]
    texts_first = {c.value for row in first.iter_rows(min_row=4) for c in row}
    texts_second = {c.value for row in second.iter_rows(min_row=4) for c in row}
    assert titles[1] not in texts_first and titles[0] not in texts_second


def test_no_export_creates_a_formula() -> None:
    doc, layout = extracted(seed("000"))  # a target printed as =12个月
    hostile = copy.deepcopy(doc)
    form = hostile["forms"][0]
    form["header"]["project_name"]["value"] = '=HYPERLINK("http://evil.example","点我")'
    form["indicators"][0]["name"]["value"] = "+1+1"
    form["findings"][0]["message_zh"] = "@SUM(A1:A2)"
    book = workbook({"documents": [hostile]}, [layout])
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert "=12个月" in texts and '=HYPERLINK("http://evil.example","点我")' in texts and "+1+1" in texts
    csv_text = render({"documents": [hostile]}, "csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "'+1+1" in csv_text and "'=12个月" in csv_text
    assert ",=" not in csv_text and ',"=' not in csv_text


def test_csv_keeps_negative_numbers_numbers() -> None:
    from extractor.output.safe import csv_field

    assert csv_field(-5) == -5 and csv_field("-5") == "'-5" and csv_field("\t=1") == "'\t=1" and csv_field("正常") == "正常"


def test_corrections_in_the_output_are_recorded_and_shown(sample: tuple[dict[str, Any], dict[str, Any]]) -> None:
    from extractor.service.corrections import apply_corrections

    doc, layout = sample

    class Item:
        form_index, field, value = 0, "indicators[4].score", "17.33"

    corrected = apply_corrections(doc, [Item()])
    corrected["corrections"] = [{"form_index": 0, "field": "indicators[4].score", "value": "17.33",
                                 "previous": {"value": "20", "raw": "20"}, "author": "王会计",
                                 "note": "核对原件", "created_at": "2026-12-01T09:30:00Z"}]
    book = workbook({"documents": [corrected]}, [layout])
    log = list(book["更正记录"].iter_rows(min_row=2, values_only=True))
    assert log == [(doc["source"], 1, "indicators[4].score", "20", "17.33", "王会计", "2026-12-01T09:30:00Z", "核对原件")]
    ws = book["1 项目支出绩效自评表"]
    cell = next(c for c in ws[find(ws, "受益农村人口").row] if c.value == pytest.approx(17.33))
    assert cell.comment is not None and "20 → 17.33" in cell.comment.text and "王会计" in cell.comment.text


def test_layout_family_is_shown_when_the_extraction_names_it(sample: tuple[dict[str, Any], dict[str, Any]]) -> None:
    doc = copy.deepcopy(sample[0])
    doc["forms"][0]["layout"] = {"name": "cell-lines-national", "score": 0.93}
    book = workbook({"documents": [doc]}, None)
    assert "版式：cell-lines-national（匹配度 0.93）" in book.worksheets[0]["A2"].value
    row = next(r for r in book["fields"].iter_rows(min_row=2, values_only=True) if r[1] == 0)
    assert row[10:12] == ("cell-lines-national", 0.93)
    assert "cell-lines-national,0.93" in render({"documents": [doc]}, "csv").decode("utf-8-sig")


def test_without_grids_values_sit_at_their_cells_and_failed_documents_are_listed(
    sample: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    failed = {"source": "broken.docx", "forms": [], "error": "broken.docx: the docx file is corrupt"}
    book = workbook({"documents": [sample[0], failed]}, None)
    ws = book.worksheets[0]
    assert find(ws, "巡检供水工程数量").row >= 4
    issues = [r for r in book["问题清单"].iter_rows(min_row=2, values_only=True)]
    assert any(r[1] == "broken.docx" and r[3] == "失败" and r[4] == "DOCUMENT_FAILED" for r in issues)
    assert any(r[4] == "error" and r[0] == "broken.docx" for r in book["fields"].iter_rows(values_only=True))


def test_control_characters_in_text_do_not_break_the_workbook(sample: tuple[dict[str, Any], dict[str, Any]]) -> None:
    doc = copy.deepcopy(sample[0])
    doc["source"] = "evil\x1b[31m.txt"
    doc["forms"][0]["header"]["project_name"]["value"] = "项目\x00\x07名称"
    book = workbook({"documents": [doc]}, None)
    assert any("项目\ufffd\ufffd名称" == r[5] for r in book["fields"].iter_rows(values_only=True))


def test_an_untouched_workbook_reads_back_without_corrections_even_with_control_characters(
    sample: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    from extractor.output.workbook_read import read_workbook

    doc = copy.deepcopy(sample[0])
    doc["source"] = "evil\x1b[31m.txt"
    doc["forms"][0]["header"]["project_name"]["value"] = "项目\x07名称"
    output, layouts = read_workbook(render({"documents": [doc]}, "xlsx", layouts=[sample[1]]), "book.xlsx")
    assert "corrections" not in output["documents"][0]
    assert output["documents"][0]["source"] == "evil\x1b[31m.txt"  # the extraction itself is kept exact
    assert layouts[0] is not None and layouts[0]["grids"]
