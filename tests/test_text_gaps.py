"""Web pages pasted one cell per line with blank lines between cells (``ingest/text_gaps.py``):
a cell its author broke over two adjacent lines is one cell again."""

from __future__ import annotations

from extractor.grid import Paragraph
from extractor.ingest.text_grid import parse_text

# fictional: a project form's cells, one per line, a blank line after each; two cells broken
CELLS = ["项目支出绩效自评表", "项目名称", "某乡村道路养护项目", "主管部门", "某县交通运输局", "项目资金\n(万元)",
         "年初预算数", "全年预算数", "全年执行数", "年度资金总额：", "12.5", "12.5", "12", "年度总体目标",
         "完成道路养护任务，\n保障群众出行安全。", "一级指标", "二级指标", "三级指标", "产出指标", "数量指标",
         "养护里程", "≥20公里", "21公里"]


def _texts(text: str) -> list[str]:
    return [b.text for b in parse_text(text) if isinstance(b, Paragraph)]


def test_adjacent_lines_of_a_gap_separated_paste_are_one_cell() -> None:
    text = "\n\n".join(CELLS) + "\n"
    texts = _texts(text)
    assert "项目资金(万元)" in texts and "完成道路养护任务，保障群众出行安全。" in texts
    assert len(texts) == len(CELLS)
    block = next(b for b in parse_text(text) if isinstance(b, Paragraph) and b.text == "项目资金(万元)")
    assert text[block.char_start:block.char_end] == "项目资金\n(万元)"  # the span is the print's


def test_space_only_lines_are_gaps_and_indents_are_dropped() -> None:
    text = "".join(f"    {c}\n\n     \n\n" if k % 3 == 0 else f"    {c}\n\n" for k, c in enumerate(CELLS))
    texts = _texts(text)
    assert "项目资金(万元)" in texts and len(texts) == len(CELLS)


def test_a_title_line_is_never_joined_to_the_cell_under_it() -> None:
    text = CELLS[0] + "\n" + "\n\n".join(CELLS[1:]) + "\n"
    assert _texts(text)[:2] == ["项目支出绩效自评表", "项目名称"]


def test_lines_without_gaps_stay_apart() -> None:
    texts = _texts("\n".join(c.replace("\n", "") for c in CELLS) + "\n")
    assert texts[:3] == ["项目支出绩效自评表", "项目名称", "某乡村道路养护项目"]


def test_a_header_row_run_together_is_cut_into_its_words() -> None:
    from extractor.grid import Cell
    from extractor.segment.joined_header import split_joined_headers

    line = Cell("绩效指标一级指标二级指标三级指标年度数值实际完成值分值得分", 0, 0, char_start=10, char_end=39)
    label = Cell("主管部门某县交通运输局实施单位某县公路站", 1, 0, char_start=40, char_end=60)
    header = Cell("一级指标二级指标", 2, 0, char_start=61, char_end=69)  # two words: not surely a header row
    out = split_joined_headers([line, label, header])
    assert [c.clean for c in out] == ["绩效指标", "一级指标", "二级指标", "三级指标", "年度数值", "实际完成值",
                                      "分值", "得分", "主管部门", "某县交通运输局", "实施单位", "某县公路站",
                                      "一级指标二级指标"]
    assert (out[1].char_start, out[1].char_end) == (14, 18)
    assert [c.clean for c in split_joined_headers([Cell("项目名称某项目", 0, 0)])] == ["项目名称某项目"]


def test_a_gap_separated_paste_with_a_run_together_header_is_read_as_cell_lines() -> None:
    """One run-together header line must not send a one-cell-per-line page to the fused reader."""
    from extractor.pipeline import extract_text

    cells = [*CELLS[:15], "一级指标二级指标三级指标年度指标值实际完成值分值得分", "产出指标", "数量指标", "养护里程",
             "≥20公里", "21公里", "20", "20", "总分", "100", "95"]
    [form] = extract_text("\n\n".join(cells) + "\n", "page.txt").forms
    assert form.layout is not None and form.layout.name != "fused"
    assert [(i.name.value, i.weight.value) for i in form.indicators] == [("养护里程", 20)]


def test_a_long_line_of_header_words_is_cut_without_recursion() -> None:
    """A hostile cell of 1,200 header words run together is cut in one backward pass (the
    recursive cut it replaces overflowed Python's stack at about 1,000 words)."""
    from extractor.segment.joined_header import _words

    assert _words("指标名称分值得分" * 400) == ["指标名称", "分值", "得分"] * 400
    assert _words("一级指标二级指标三级指标年度指标值") == ["一级指标", "二级指标", "三级指标", "年度指标值"]
    assert _words("项目名称某局") is None
