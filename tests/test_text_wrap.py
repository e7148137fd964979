"""Wrapped TSV rows joined back (extractor/ingest/text_wrap.py); the ``wrapped`` family's level
is held in tests/test_shape_families.py (issue 18)."""

from __future__ import annotations

import time

from extractor.grid import Grid
from extractor.ingest.text_grid import parse_text
from extractor.ingest.text_wrap import rejoin_wrapped


def _rows(text: str) -> list[list[str]]:
    grid = next(b for b in parse_text(text) if isinstance(b, Grid))
    return [[c.text.replace("\n", "") for c in row] for row in grid.rows]


BODY = ["产出指标\t数量指标\t培训人数\t≥\t100人\t10",
        "产出指标\t质量指标\t合格率\t≥\t95%\t10",
        "效益指标\t社会效益指标\t受益人数\t≥\t500人\t10",
        "满意度指标\t服务对象满意度指标\t群众满意度\t≥\t90%\t10"]


def test_rows_wrapped_almost_everywhere_are_still_one_table() -> None:
    # only two lines print the full five TABs: the count is found from the pieces adding up
    wrapped = ["产出\n指标\t数量指标\t培训\n人数\t≥\t100人\t10",
               "产出指标\t质量\n指标\t合格率\t≥\t95%\t10",
               "效益指标\t社会效\n益指标\t受益人数\t≥\t500人\t10",
               BODY[3], BODY[0]]
    header = "一级指标\t二级指标\t三级指标\t指标性质\t指标值\t分值"
    rows = _rows("项目支出绩效目标表\n" + header + "\n" + "\n".join(wrapped) + "\n")
    assert rows[1:] == [row.split("\t") for row in BODY[:3] + BODY[3:] + BODY[:1]]


def test_the_lines_above_a_table_are_not_its_first_row() -> None:
    text = "部门整体支出绩效自评表\n（2021年度）\n" + "\n".join(BODY) + "\n"
    blocks = parse_text(text)
    assert [b.text for b in blocks if not isinstance(b, Grid)][:2] == ["部门整体支出绩效自评表", "（2021年度）"]
    assert _rows(text)[0] == BODY[0].split("\t")


def test_a_header_broken_between_cells_and_inside_a_cell_in_one_row() -> None:
    # 绩效指标 | 一级指标 broke between two headings, 未完成原因及拟采取的 / 改进措施 inside one:
    # both breaks join pieces that are headings by their wording, only the counts and the
    # labels either side tell which one lost its cell border
    header = "绩效指标\n一级指标\t二级指标\t三级指标\t指标值\t分值\t未完成原因及拟采取的\n改进措施"
    body = ["绩效指标\t产出指标\t数量指标\t培训人数\t≥100人\t10\t无",
            "绩效指标\t产出指标\t质量指标\t合格率\t≥95%\t10\t无",
            "绩效指标\t效益指标\t社会效益指标\t受益人数\t≥500人\t10\t无"]
    rows = _rows("项目支出绩效自评表\n" + header + "\n" + "\n".join(body) + "\n")
    assert rows[0] == ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "分值", "未完成原因及拟采取的改进措施"]
    assert rows[1:] == [row.split("\t") for row in body]
    inside_first = "一级指标\t二\n级指标\t三级指标\n指标性质\t指标值\t得分"  # wrapped first, broken after
    rows = _rows(inside_first + "\n" + "\n".join(BODY) + "\n")
    assert rows[0] == ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "得分"]


def test_a_fragment_between_rows_heads_the_next_row_or_ends_the_last() -> None:
    # 效益 / 指标 | 社会效益指标 …: the piece between two complete rows starts the next row's
    # first cell (效益指标 reads as a label), not the end of the reason above it
    rows = ["一级指标\t二级指标\t三级指标\t指标值\t分值\t偏差原因",
            "产出指标\t数量指标\t培训人数\t≥100人\t10\t个别学员未到场",
            "效益",
            "指标\t社会效益指标\t受益人数\t≥500人\t10\t无",
            "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t10\t无"]
    got = _rows("项目支出绩效自评表\n" + "\n".join(rows) + "\n")
    assert got[1][-1] == "个别学员未到场"
    assert got[2] == ["效益指标", "社会效益指标", "受益人数", "≥500人", "10", "无"]
    # 部分资料 / 不完整 above 项目产出 | …: the piece ends the sentence above, it heads no label
    sheet = ["一级指标\t二级指标\t三级指标\t分值\t得分\t扣分原因",
             "项目过程\t资金管理\t资金到位率\t5\t4\t部分资料",
             "不完整",
             "项目产出\t产出数量\t实际完成率\t10\t10\t无",
             "项目效益\t项目效益\t实施效益\t10\t10\t无"]
    got = _rows("项目支出绩效评价打分表\n" + "\n".join(sheet) + "\n")
    assert got[1][-1] == "部分资料不完整"
    assert got[2][0] == "项目产出" and len(got) == 4


def test_a_label_printed_again_on_two_lines_is_still_a_copy_of_the_one_above() -> None:
    # the second header row of 年度 / 指标值 repeats 绩效指标, wrapped: it copies the label above,
    # it is no label of its own (the header reader takes the row as the header's continuation)
    from extractor.rules.cells import own_texts
    from extractor.segment.types import Row

    text = ("绩效指标\t一级指标\t三级指标\t年度\t实际\t分值\n"
            "绩效\n指标\t一级指标\t三级\n指标\t指标值\t完成值\t分值\n"
            "绩效指标\t产出指标\t培训人数\t≥100人\t120人\t10\n"
            "绩效指标\t效益指标\t受益人数\t≥500人\t600人\t10\n")
    grid = next(b for b in parse_text(text) if isinstance(b, Grid))
    upper, lower = (Row(row, grid.id) for row in grid.rows[:2])
    assert own_texts(lower, upper) == ["", "", "", "指标值", "完成值", ""]


def test_a_header_word_cut_by_the_break_is_one_cell() -> None:
    # 年初预算 | 调整后 / 预算数 broke between two cells and inside 调整后预算数: the heading
    # pattern that reads across the second break says which one lost its border; an open
    # bracket (年初目标值( / A)) or a trailing 及 keeps a cell going
    header = ("项目资金\t\t年初预算\n调整后\n预算数\t预算执行数\t权重\t得分",
              ["项目资金", "", "年初预算", "调整后预算数", "预算执行数", "权重", "得分"])
    targets = ("一级指标\t三级指标\t年初目标值(\nA)\t实际完成值(B)\t未完成原因及\n拟采取的措施",
               ["一级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "未完成原因及拟采取的措施"])
    for text, cells in (header, targets):
        body = "\n".join("\t".join(["产出指标", "培训人数", "100", "120", "10", "10", "无"][:len(cells)])
                         for _ in range(3))
        assert _rows(text + "\n" + body + "\n")[0] == cells


def test_a_label_head_alone_on_its_line_joins_the_row_label_below() -> None:
    # 收入 / 合计 | 266.76 | …: a word standing alone above a row's own label is that label's head
    rows = ["收入构成\t金额\t占比\t支出构成\t金额\t占比",
            "收入",
            "合计\t266.76\t100%\t支出合计\t266.76\t100%",
            "财政拨款\t266.76\t100%\t基本支出\t187.67\t70.5%",
            "其他资金\t0\t0%\t项目支出\t79.09\t29.5%"]
    got = _rows("部门整体支出绩效目标申报表\n" + "\n".join(rows) + "\n")
    assert got[0] == rows[0].split("\t") and got[1][0] == "收入合计" and len(got) == 4


def test_the_prose_over_a_table_is_no_piece_of_its_first_row() -> None:
    # the title row printed one TAB short of the table (a funds column more) under its year line,
    # and a title line over a row that opens with its own label: neither pair is one broken row
    body = "\n".join(["\t".join(row.split("\t") + ["无"]) for row in BODY])
    for above, first in (("（2023年度）", "项目支出绩效自评表\t\t\t\t\t"),
                         ("青山区2021年部门整体支出绩效自评表", "部门（单位）名称\t\t青山区司法局\t\t\t")):
        lines = [line for line, _ in rejoin_wrapped(_lines(f"{above}\n{first}\n{body}\n"))]
        assert lines[:2] == [above, first]


def _lines(text: str) -> list[tuple[str, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((line, pos))
        pos += len(line) + 1
    return out


def test_a_block_label_wrapped_in_the_header_is_still_copied_in_every_row() -> None:
    # 绩效 / 指标 over 绩效指标 printed again in every row: the copies are the header's own
    # text, not 一级 names, so no row is read one column off (the 满意度 row was)
    from extractor.pipeline import extract_text

    rows = ["绩效\n指标\t一级\n指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
            "绩效指标\t产出指标（60分）\t质量指标\t指标1：重点工作完成率\t≥100%\t100%\t60\t60\t",
            "绩效指标\t效益指标（30分）\t可持续影响指标\t指标1：制度建设\t健全完善\t健全完善\t30\t30\t",
            "绩效指标\t满意度指标（10分）\t服务对象满意度指标\t指标1：服务对象满意度\t≥94%\t94%\t10\t10\t",
            "总分\t\t\t\t\t\t100\t100\t"]
    (form,) = extract_text("部门整体支出绩效自评表\n" + "\n".join(rows) + "\n").forms
    read = [(i.level1.value if i.level1 else None, i.name.value if i.name else None) for i in form.indicators]
    assert read[-1] == ("满意度指标", "指标1：服务对象满意度")


def test_rows_of_a_narrower_section_are_rows_of_their_own() -> None:
    # a 基础数据表 of three TABs over a four-TAB block: 单位名称 | X and the section's first row
    # add up to the table's count, but lines of more than half of it cannot be halves of a row
    text = "\n".join(["单位名称\t示例县文化馆",
                      "财政供养人员情况\t编制数\t实际在职人数\t控制率",
                      "\t20\t18\t90%",
                      "经费控制情况\t上年决算数\t本年预算数\t本年决算数",
                      "预算执行情况\t年初预算数\t全年预算数\t全年执行数\t预算执行率",
                      "合计\t320.00\t350.00\t336.00\t96%"]) + "\n"
    lines = [line for line, _ in rejoin_wrapped(_lines(text))]
    assert lines == text.split("\n")


def test_a_long_wrapped_table_is_rejoined_in_linear_time() -> None:
    # every break used to collect the table's printed cells anew: 2,000 rows took ~8 s, 4,000 ~30 s
    header = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施"
    lines = ["项目支出绩效自评表", header]
    for i in range(4000):  # every other row wrapped inside its name
        cut = "\n" if i % 2 == 0 else ""
        row = f"产出指标\t数量指标\t指标{i}：完成培训{cut}人次第{i}批\t≥{i}人\t{i + 1}人\t10\t{i % 10}\t无"
        lines += row.split("\n")
    started = time.perf_counter()
    joined = rejoin_wrapped(_lines("\n".join(lines)))
    assert time.perf_counter() - started < 5.0
    assert len(joined) == 4002 and all(line.count("\t") == 7 for line, _ in joined[1:])
    assert "指标0：完成培训\n人次第0批" in joined[2][0]
