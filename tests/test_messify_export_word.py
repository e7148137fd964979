"""The Word export print: fixed-width fragments and titles whose year is cut off."""

from __future__ import annotations

from tests.synth.messify.base import Part, Sheet
from tests.synth.messify.export_word import fragment_cells, split_title_years

_TITLE = "部门（单位）整体支出绩效目标申报表"


def test_long_text_cells_print_in_pieces_of_the_width_and_figures_titles_stay_whole() -> None:
    rows = fragment_cells([["支持服务贸易服务外包企业数量", "≥120家", _TITLE], ["项目名称和内容说明"]], 6, {_TITLE})
    assert rows == [["支持服务贸易 服务外包企业 数量", "≥120家", _TITLE], ["项目名称和内容说明"]]


def test_a_cell_prints_at_most_four_pieces() -> None:
    text = "一二三四五六七八九十一二三四五六七八九十一二三"
    cell = fragment_cells([[text, "x"]], 5, set())[0][0]
    assert cell.split(" ") == ["一二三四五", "六七八九十", "一二三四五", "六七八九十一二三"]


def test_a_title_opening_with_its_year_prints_a_space_after_the_year() -> None:
    title = "2020年度某某资金项目自评表"
    sheet = Sheet([Part(prose=[title, "单位：万元"])], [{"header": {"title": title}}], [])
    split_title_years(sheet)
    assert sheet.parts[0].prose == ["2020 年度某某资金项目自评表", "单位：万元"]
