"""Pasted-text shapes become grids whose cells point back at their characters."""

from __future__ import annotations

import pytest

from extractor.errors import InputError
from extractor.grid import Grid, Paragraph
from extractor.ingest.text_decode import decode_text
from extractor.ingest.text_grid import parse_text


def grids(text: str) -> list[Grid]:
    return [b for b in parse_text(text) if isinstance(b, Grid)]


def test_cell_lines_rows_and_continuations() -> None:
    text = "\t标题\n\n\t项目名称\n\t某项目\n\n\t\n\t年度资金总额\n\t10\u3000\n多行\n\n"
    (g,) = grids(text)
    assert g.kind == "cell-lines"
    assert g.texts() == [["标题"], ["项目名称", "某项目"], ["", "年度资金总额", "10\n多行"]]
    cell = g.rows[1][1]
    assert text[cell.char_start:cell.char_end] == "某项目"


def test_tsv_rows_keep_empty_positions() -> None:
    text = "单位：万元\n\n绩效指标\t一级指标\t二级指标\n\t产出指标\t数量指标\n"
    blocks = parse_text(text)
    assert isinstance(blocks[0], Paragraph) and blocks[0].text == "单位：万元"
    (g,) = grids(text)
    assert g.kind == "tsv"
    assert g.texts()[1] == ["", "产出指标", "数量指标"]
    c = g.rows[1][2]
    assert text[c.char_start:c.char_end] == "数量指标"


def test_pipe_rows_and_one_cell_per_line_pipes() -> None:
    rows = "| 一级指标 | 二级指标 | 三级指标 |\n| 产出指标 | 数量指标 | 人数 |\n"
    (g,) = grids(rows)
    assert g.texts() == [["一级指标", "二级指标", "三级指标"], ["产出指标", "数量指标", "人数"]]
    stream = "项目名称 |\n临时救助 |\n||\n|\n年度资金总额: |\n30 |\n||\n"
    (g2,) = grids(stream)
    assert g2.texts() == [["项目名称", "临时救助"], ["", "年度资金总额:", "30"]]


def test_spaced_rows_from_web_pages() -> None:
    text = "项目支出绩效自评表\n    年度资金总额: 880 880 880 10 10\n    其中:本年财政拨款 880 880 880 - -\n"
    (g,) = grids(text)
    assert g.texts()[0] == ["年度资金总额:", "880", "880", "880", "10", "10"]


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "utf-16-le"]
)
def test_decode_detects_encodings(encoding: str) -> None:
    text = "项目支出绩效自评表\t年度资金总额\t10"
    data = text.encode(encoding)
    decoded, used = decode_text(data, "x.txt")
    assert decoded.lstrip("\ufeff") == text
    assert used


def test_decode_refuses_binary_junk() -> None:
    with pytest.raises(InputError, match="not text"):
        decode_text(bytes(range(256)) * 20, "junk.bin")


def test_long_space_runs_are_cell_borders_and_spaced_labels_one_cell() -> None:
    from extractor.ingest.text_grid import spaced_cells

    assert [c for c, _ in spaced_cells("  项 目 名 称   法律援助经费")] == ["项目名称", "法律援助经费"]
    assert [c for c, _ in spaced_cells("年度资金总额" + " " * 40 + "632.87   552.78  ≥ 90%")] == [
        "年度资金总额", "632.87", "552.78", "≥ 90%"]
    assert [c for c, _ in spaced_cells("产出指标 数量指标 养护里程 120 125")] == [
        "产出指标", "数量指标", "养护里程", "120", "125"]


def test_a_long_two_cell_row_stays_in_its_spaced_table() -> None:
    from extractor.grid import Grid

    text = ("  项目名称   法律援助经费   主管部门   某县司法局\n"
            "  按期完成年度建设任务，提升服务保障能力，资金使用规范。" + " " * 30
            + "单位运转正常，预算执行规范，项目按计划完成。\n"
            "  产出指标   数量指标   办理案件数   ≥120件   125件   10   10\n")
    grids = [b for b in parse_text(text) if isinstance(b, Grid)]
    assert len(grids) == 1 and len(grids[0].filled()) == 3
    assert grids[0].filled()[1][1].text == "单位运转正常，预算执行规范，项目按计划完成。"


def test_pipe_line_numbers_are_dropped_but_a_numbered_list_is_kept() -> None:
    numbered = "\n".join(f"| {n} | {a} | {b} |" for n, (a, b) in enumerate(
        [("一级指标", "分值"), ("产出指标", "50"), ("效益指标", "30"), ("满意度指标", "20")], 1))
    grid = next(b for b in parse_text(numbered) if isinstance(b, Grid))
    assert [[c.text for c in row] for row in grid.rows][0] == ["一级指标", "分值"]
    assert [c.col for c in grid.rows[1]] == [0, 1]
    listed = "| 序号 | 项目名称 | 金额 |\n" + "\n".join(f"| {n} | 项目{n} | {n}0 |" for n in range(1, 5))
    grid = next(b for b in parse_text(listed) if isinstance(b, Grid))
    assert [c.text for c in grid.rows[1]] == ["1", "项目1", "10"]


def test_a_pipe_cell_broken_over_two_lines_stays_one_cell() -> None:
    text = ("| 一级指标 | 三级指标 | 评分标准 | 得分 |\n"
            "| 产出指标 | 完成率 | 完成率达到100%得满\n"
            "分，未达到按比例计分。 | 10 |\n"
            "| 效益指标 | 满意度 | 满意度达到90%得满分。 | 8 |\n")
    grid = next(b for b in parse_text(text) if isinstance(b, Grid))
    rows = [[c.text for c in row] for row in grid.rows]
    assert len(rows) == 3
    assert rows[1][2].replace("\n", "") == "完成率达到100%得满分，未达到按比例计分。" and rows[1][3] == "10"


def test_wrapped_tsv_cells_and_rows_are_joined_back() -> None:
    rows = ["一级指标\t二级指标\t三级指标\t指标值\t得分",
            "产出指标\t数量指标\t培训人数\t≥100人\t10",
            "效益指标\t经济效益\n指标\t增收金额\t≥5万元\t10",  # a cell wrapped
            "效益指标\t社会效益指标\t受益人数\t≥500人\t10",
            "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t10"]
    text = "项目支出绩效自评表\n" + "\n".join(rows) + "\n"
    grid = next(b for b in parse_text(text) if isinstance(b, Grid))
    cells = [[c.text.replace("\n", "") for c in row] for row in grid.rows]
    assert cells[2] == ["效益指标", "经济效益指标", "增收金额", "≥5万元", "10"]
    wrapped = grid.rows[2][1]
    assert text[wrapped.char_start:wrapped.char_end].replace("\n", "") == "经济效益指标"
    broken = text.replace("三级指标\t指标值", "三级指标\n指标值")  # a header row broken between two cells
    grid = next(b for b in parse_text(broken) if isinstance(b, Grid))
    assert [c.text for c in grid.rows[0]] == ["一级指标", "二级指标", "三级指标", "指标值", "得分"]


def test_a_header_broken_twice_keeps_its_cell_borders() -> None:
    body = ["产出指标\t数量指标\t培训人数\t≥\t100人\t10",
            "产出指标\t质量指标\t合格率\t≥\t95%\t10",
            "效益指标\t社会效益指标\t受益人数\t≥\t500人\t10",
            "满意度指标\t服务对象满意度指标\t群众满意度\t≥\t90%\t10"]
    header = "一级指标\t二级指标\n三级指标\t指标\n性质\t指标值\t得分"  # broken between two headings, then inside one
    grid = next(b for b in parse_text(header + "\n" + "\n".join(body) + "\n") if isinstance(b, Grid))
    assert [c.text.replace("\n", "") for c in grid.rows[0]] == [
        "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "得分"]


def test_short_tsv_rows_of_their_own_are_not_joined() -> None:
    """Rows short of the table's TABs because merges were dropped, or a section prints fewer
    columns, stay rows: no break falls after a figure or a closed sentence, and a run of rows of
    one narrower width is a section, not the rest of the row above it."""
    text = "\n".join([
        "部门名称\t某局",
        "年度预算安排\t\t年初预算数\t全年预算数\t全年执行数\t执行率",
        "年度预算安排\t年度资金总额\t100\t120\t110\t91.67%",
        "年度预算安排\t基本支出\t60\t70\t65\t92.86%",
        "合计\t\t100%",
        "年度绩效目标\t年初设定目标\t全年完成情况",
        "一级指标\t二级指标\t三级指标\t指标值\t实际值\t分值\t得分",
        "产出指标\t数量指标\t培训人数\t≥100人\t120人\t50\t50",
        "效益指标\t社会效益指标\t受益人数\t≥500人\t600人\t30\t30",
        "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t95%\t20\t20",
    ]) + "\n"
    grid = next(b for b in parse_text(text) if isinstance(b, Grid))
    firsts = [row[0].text for row in grid.rows if row]
    assert firsts[:7] == ["部门名称", *["年度预算安排"] * 3, "合计", "年度绩效目标", "一级指标"]
    assert len(grid.rows) == 10


def test_a_row_opened_by_its_own_label_is_not_the_rest_of_the_row_above() -> None:
    """项目名称 | X above 主管部门 | Y | 实施单位 | Z: two short rows, not one broken row."""
    body = ["绩效指标\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t权重",
            "\t产出指标\t数量指标\t培训人数\t≥\t100人\t60",
            "\t效果指标\t社会效益指标\t受益人数\t≥\t500人\t40"]
    head = ["项 目 名 称\t某项目", "主 管 部 门\t某局\t实 施 单 位\t某中心", "资金情况（元）\t年度资金总额：\t1000"]
    grid = next(b for b in parse_text("\n".join(head + body) + "\n") if isinstance(b, Grid))
    assert [row[0].text for row in grid.rows[:3]] == ["项 目 名 称", "主 管 部 门", "资金情况（元）"]


def test_a_row_of_sentences_under_an_empty_merged_label_is_its_own_row() -> None:
    """年度总体目标 | 预期目标 | 实际完成目标 then | 目标… | 完成… : the label merged down and left empty."""
    body = ["绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t实际值\t分值",
            "\t产出指标\t数量指标\t培训人数\t≥100人\t120人\t50",
            "\t效益指标\t社会效益指标\t受益人数\t≥500人\t600人\t50"]
    head = ["年度总体目标\t预期目标\t实际完成目标", "\t按期完成年度建设任务。\t已按期完成年度建设任务。"]
    grid = next(b for b in parse_text("\n".join(head + body) + "\n") if isinstance(b, Grid))
    assert [c.text for c in grid.rows[1]] == ["", "按期完成年度建设任务。", "已按期完成年度建设任务。"]
def test_a_pipe_row_broken_after_its_label_is_one_row() -> None:
    text = ("| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
            "年度资金总额 |\n"
            "| 32.4 | 32.4 | 31.69 | 10 | 97.80% | 9 |\n"
            "3 | 其中：财政拨款 |\n"  # a line number before the label
            "| 32.4 | 32.4 | 31.69 | 10 | 97.80% | 9 |\n"
            "| 项目实施进度计划 |\n"
            "按计划于2024年1-2月拨付办学经费，确保学校正常运转，保障教学秩序。 | |||\n"
            "| 年度绩效目标 | 根据协议支付合作办学经费 |\n")
    grid = next(b for b in parse_text(text) if isinstance(b, Grid))
    rows = [[c.text for c in row if c.text.strip()] for row in grid.rows]
    assert rows[1] == ["年度资金总额", "32.4", "32.4", "31.69", "10", "97.80%", "9"]
    assert rows[2] == ["3", "其中：财政拨款", "32.4", "32.4", "31.69", "10", "97.80%", "9"]
    assert rows[-1] == ["年度绩效目标", "根据协议支付合作办学经费"]  # a paragraph ending a row holds nothing open


def test_a_lone_pipe_after_a_whole_row_closes_its_empty_last_cell() -> None:
    text = "项目名称: | 河道保洁经费 | 项目编号: |\n|\n项目联系人: | 王建国 | 联系电话: | 0571-8861234 |\n"
    (grid,) = parse_text(text)
    assert isinstance(grid, Grid)
    assert [[c.text for c in row if c.text] for row in grid.rows] == [
        ["项目名称:", "河道保洁经费", "项目编号:"], ["项目联系人:", "王建国", "联系电话:", "0571-8861234"]]


def test_line_numbers_starting_again_for_the_next_form_are_dropped() -> None:
    forms = [("项目名称", "河道保洁经费"), ("一级指标", "分值"), ("产出指标", "50"), ("效益指标", "30")]
    one = "\n".join(f"| {n} | {a} | {b} |" for n, (a, b) in enumerate(forms, 1))
    grid = next(b for b in parse_text(one + "\n" + one) if isinstance(b, Grid))
    assert [[c.text for c in row] for row in grid.rows][4] == ["项目名称", "河道保洁经费"]
    assert all(row[0].text != "1" for row in grid.rows)


def test_a_lone_pipe_after_a_broken_row_closes_its_empty_last_cell() -> None:
    text = ("| 一级指标 | 三级指标 | 评分标准 | 得分 | 扣分原因 |\n"
            "| 产出指标 | 完成率 | 完成率达到100%得满\n"
            "分，未达到按比例计分。 | 10 |\n|\n"
            "| 效益指标 | 满意度 | 满意度达到90%得满分。 | 8 | 个别不满意 |\n")
    grid = next(b for b in parse_text(text) if isinstance(b, Grid))
    assert [[c.text for c in row if c.text][:2] for row in grid.rows] == [
        ["一级指标", "三级指标"], ["产出指标", "完成率"], ["效益指标", "满意度"]]


def test_a_value_under_its_label_without_a_leading_pipe_joins_the_label() -> None:
    text = ("项目名称 |\n河道保洁经费 | ||||\n主管部门 |\n某县水利局 | ||||\n"
            "公文时效 |\n项目支出绩效目标表 | ||||\n")
    grid = next(b for b in parse_text(text) if isinstance(b, Grid))
    rows = [[c.text for c in row if c.text] for row in grid.rows]
    assert rows[:2] == [["项目名称", "河道保洁经费"], ["主管部门", "某县水利局"]]
    assert ["项目支出绩效目标表"] in rows  # a line naming a table is a title, never a label's value


def test_one_cell_per_line_pipes_closed_by_pipe_only_lines() -> None:
    """A converter's print: each cell on its own line ending in `` |``, the merged cells' pipes
    after its text, rows closed by a lone ``|`` where no longer pipe-only line closes them."""
    cells = "填报单位:(盖章) 单位:万元 |\n|\n绩效指标 |\n一级指标 |\n二级指标 |\n|\n" \
        "产出指标 |\n数量指标 |\n培训人数 |\n≥100人 |\n120人 ||\n|\n质量指标 |\n合格率 |\n≥95% |\n98% |\n|\n"
    (g,) = grids(cells)
    assert g.texts() == [["填报单位:(盖章) 单位:万元"], ["绩效指标", "一级指标", "二级指标"],
                         ["产出指标", "数量指标", "培训人数", "≥100人", "120人", ""],
                         ["质量指标", "合格率", "≥95%", "98%"]]
    assert cells[g.rows[2][3].char_start:g.rows[2][3].char_end] == "≥100人"
    runs = cells.replace("\n|\n", "\n||||\n").replace("合格率 |\n", "合格率 |\n|\n")
    (g2,) = grids(runs)
    assert g2.texts()[3] == ["质量指标", "合格率", "", "≥95%", "98%"]  # a lone pipe is an empty cell there
    doubled = cells.replace("合格率 |\n", "合格率 |\n|\n|\n")  # ``|`` twice: empty cells, not two closers
    (g3,) = grids(doubled)
    # no row closed: one stream for segmentation to re-row
    assert len(g3.rows) == 1 and g3.texts()[0][:3] == ["填报单位:(盖章) 单位:万元", "", "绩效指标"]
