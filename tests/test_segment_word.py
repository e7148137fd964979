"""Word documents: structure that pasted text does not have must not cost forms or titles."""

from __future__ import annotations

import io

import pytest

from extractor.ingest import ingest_bytes
from extractor.layouts import extract_form, segment

_BODY = [
    ["项目名称", "农村公路养护资金", "", ""],
    ["主管部门", "交通局", "实施单位", "养护站"],
    ["一级指标", "二级指标", "三级指标", "年度指标值"],
    ["产出指标", "数量指标", "养护里程", "≥20公里"],
]


def _word(titles: list[str], *, merged: bool, lines: tuple[list[str], ...] = ()) -> bytes:
    """One table per form, its title in the first row: one merged cell, or typed into each cell;
    ``lines[i]`` are paragraphs printed just above form i's table."""
    from docx import Document

    document = Document()
    for i, title in enumerate(titles):
        for line in lines[i] if i < len(lines) else []:
            document.add_paragraph(line)
        table = document.add_table(rows=1 + len(_BODY), cols=4)
        if merged:
            first = table.cell(0, 0).merge(table.cell(0, 3))
            first.text = title
        else:
            for k in range(4):
                table.cell(0, k).text = title
        for r, values in enumerate(_BODY, start=1):
            for k, text in enumerate(values):
                table.cell(r, k).text = text
        document.add_paragraph("")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("merged", [True, False])
def test_title_in_first_table_row_starts_a_form(merged: bool) -> None:
    titles = ["2024年度项目支出绩效自评表", "白河县2024年项目支出绩效自评表"]
    doc = ingest_bytes(_word(titles, merged=merged), "two.docx", filename="two.docx")
    chunks = segment(doc)
    assert [c.title for c in chunks] == titles
    assert [c.form_type for c in chunks] == ["project_self_eval"] * 2
    assert [c.grid_ids for c in chunks] == [["t1"], ["t2"]]


def test_header_lines_above_a_title_in_the_table_belong_to_that_form() -> None:
    titles = ["部门整体支出绩效目标申报表", "项目支出绩效自评表"]
    lines = (["预算年度：2024", "单位：元"], ["预算年度：2023", "单位：万元"])
    doc = ingest_bytes(_word(titles, merged=True, lines=lines), "two.docx", filename="two.docx")
    first, second = (extract_form(c).header for c in segment(doc))
    assert (first.year.value, first.money_unit.value) == (2024, "元")
    assert (second.year.value, second.money_unit.value) == (2023, "万元")
