"""One-line exports whose cells wrapped at a space (branch wip-late12): pieces joined only where the
print's shape says which pieces make one cell."""

from __future__ import annotations

from extractor.grid import Cell
from extractor.ingest import ingest_text
from extractor.rules.goals import read_goals
from extractor.segment import row_stream
from extractor.segment.export_fund_pieces import join_fund_pieces
from extractor.segment.export_label_rows import join_label_row_content
from extractor.segment.export_late import restore_late_funds, restore_late_rows
from extractor.segment.export_title import join_title_piece
from extractor.segment.export_twins import join_twin_pieces
from extractor.segment.types import Row


def _cells(line: str) -> list[Cell]:
    return [Cell(t, 0, k) for k, t in enumerate(line.split())]


def _line(cells: list[Cell]) -> str:
    return " ".join(c.clean for c in cells)


def _texts(text: str) -> list[list[str]]:
    return [[c.clean for c in r.cells] for r in row_stream(ingest_text(text))]


_TARGET_HEAD = "二级指标 三级指标 指标性质 指标值 权重"


def test_plain_names_wrapped_after_their_level_words_take_whole_rows() -> None:
    line = (f"一级指标 产出指标 数量指标 建设面积 质量指标 验收合格率 成本指标 项目 成本控制 {_TARGET_HEAD} "
            "效果指标 经济效益 指标 节约运 行成本 >= 4099亩 25 >= 90% 20 <= 45万元 15 >= 18万元 10 "
            "带动农户增收 >= 126万元 30")
    assert _line(restore_late_rows(_cells(line))) == (
        f"一级指标 {_TARGET_HEAD} 产出指标 数量指标 建设面积 >= 4099亩 25 质量指标 验收合格率 >= 90% 20 "
        "成本指标 项目 成本控制 <= 45万元 15 效果指标 经济效益 指标 节约运 行成本 >= 18万元 10 "
        "带动农户增收 >= 126万元 30")


def test_a_name_tail_before_the_first_value_is_joined_when_the_counts_say_so() -> None:
    line = (f"一级指标 产出指标 质量指标 补助发放准确率 >= 效果指标 经济 效益指标 带动农户增收 >= 节约运行 成本 >= "
            f"{_TARGET_HEAD} 96% 65 294万元 10 41万元 10")
    assert _line(restore_late_rows(_cells(line))) == (
        f"一级指标 {_TARGET_HEAD} 产出指标 质量指标 补助发放准确率 >= 96% 65 效果指标 经济 效益指标 带动农户增收 >= "
        "294万元 10 节约运行 成本 >= 41万元 10")


def test_level_words_are_never_read_as_a_rows_values() -> None:
    line = ("一级指标 产出指标 时效指标 完成时限 成本指标 人均补助标准 二级指标 三级指标 年度指标值 实际完成值 "
            "效果指标 社会 效益指标 受益群众人数 分值 得分 <= 9个月 8个月 50 50")
    assert "9个月" not in _line(restore_late_rows(_cells(line))).split(" 效果指标")[0]


def test_funds_label_pieces_are_joined_in_the_funds_part_only() -> None:
    line = ("项目名称 就业补助资金 中央主管部门 人社部 资金情况（元） 年度资金 总额 100 其中：基 本支出 60 项目支出 40 "
            "绩效指标 一级指标 中央财政 资金到位率")
    assert [c.clean for c in join_fund_pieces(_cells(line))] == [
        "项目名称", "就业补助资金", "中央主管部门", "人社部", "资金情况（元）", "年度资金 总额", "100",
        "其中：基 本支出", "60", "项目支出", "40", "绩效指标", "一级指标", "中央财政", "资金到位率"]


def test_a_total_label_before_the_funds_header_heads_the_first_row() -> None:
    line = ("年度资金总额 年初预算数 全年预算数 全年执行数 执行率 100 100 90 90% 60 60 50 40 40 40 "
            "其中：基本支出 项目支出")
    assert _line(restore_late_funds(_cells(line))) == (
        "年初预算数 全年预算数 全年执行数 执行率 年度资金总额 100 100 90 90% "
        "其中：基本支出 60 60 50 项目支出 40 40 40")


def test_a_total_label_before_the_header_with_figures_that_do_not_divide_is_left() -> None:
    line = "年度资金总额 年初预算数 全年预算数 全年执行数 执行率 100 100 90 90% 60 60 50 40 40 其中：基本支出 项目支出"
    assert _line(restore_late_funds(_cells(line))) == line


def test_a_labelled_rows_content_pieces_are_joined_up_to_its_target() -> None:
    line = ("指标1 重点 工作完成率 ≥90% 92% 完成 30 30 指标1 工作任务 及时 及时 完成 10 10 "
            "指标1 服务群众 满意度 ≥93% 100% 完成 15 15 指标1 达到 验收 标准 达到验收标准 完成 5 5")
    assert _line(join_label_row_content(_cells(line))).split(" ") == [
        "指标1", "重点", "工作完成率", "≥90%", "92%", "完成", "30", "30", "指标1", "工作任务", "及时", "及时", "完成",
        "10", "10", "指标1", "服务群众", "满意度", "≥93%", "100%", "完成", "15", "15",
        "指标1", "达到", "验收", "标准", "达到验收标准", "完成", "5", "5"]
    joined = [c.clean for c in join_label_row_content(_cells(line))]
    assert "重点 工作完成率" in joined and "服务群众 满意度" in joined
    assert "验收 标准" not in " | ".join(joined)  # target and actual differ, no figure: where it ends is not known


def test_a_score_sheets_points_printed_apart_and_its_last_note_wrapped() -> None:
    text = ("某局部门整体支出绩效评价评分表 一级指标 二级指标 三级指标 评分标准 自评得分 扣分原因 "
            "决策 （30 分） 目标管理 目标合理性 （10 分） 目标明确得满分，否则扣2分。 10 "
            "决策 （30 分） 目标管理 目标细化程度 （20 分） 指标量化得满分；否则酌情扣分。 18 指标量化 不足 合计 28\n")
    rows = _texts(text)
    assert ["决策 （30 分）", "目标管理", "目标细化程度 （20 分）", "指标量化得满分；否则酌情扣分。", "18",
            "指标量化 不足"] in rows
    assert ["合计", "28"] in rows


def test_a_total_tail_joins_but_a_label_of_its_own_does_not() -> None:
    line = "资金情况 年度财政资金 总额 100 其他资金 合计 100"
    assert [c.clean for c in join_fund_pieces(_cells(line))] == [
        "资金情况", "年度财政资金 总额", "100", "其他资金", "合计", "100"]


def test_goal_texts_under_an_actual_heading_cut_onto_a_row_of_its_own() -> None:
    rows = [Row([Cell(t, r, k) for k, t in enumerate(texts)], "t1", 1) for r, texts in enumerate([
        ["年度总体目标", "年初设定目标"], ["年度总体目标完成情况综述"],
        ["保障单位正常运转，严格执行预算，及时足额拨付资金。", "完成全部工作任务，质量全部达标。"]])]
    goals = read_goals(rows)
    assert goals.expected.value == "保障单位正常运转，严格执行预算，及时足额拨付资金。"
    assert goals.actual.value == "完成全部工作任务，质量全部达标。"


def test_a_wrapped_target_before_its_whole_twin_is_one_cell() -> None:
    line = "指标2：工程质量 15 达到验收 标准 达到验收标准 15 达到 验收 合格"
    assert [c.clean for c in join_twin_pieces(_cells(line))] == [
        "指标2：工程质量", "15", "达到验收 标准", "达到验收标准", "15", "达到", "验收", "合格"]


def test_a_wrapped_title_is_joined_at_the_lines_start_only() -> None:
    joined = join_title_piece(_cells("部门预算项 目支出绩效自评表 项目名称 某项目"))
    assert [c.clean for c in joined][:2] == ["部门预算项 目支出绩效自评表", "项目名称"]
    kept = _cells("某某 某某某 部门预算项 目支出绩效自评表 项目名称")
    assert join_title_piece(kept) == kept


def test_a_two_row_funds_header_keeps_its_captions_and_labels_apart() -> None:
    line = ("总体 资金情况 预算支出 总额 基本支出 项目支出 总体资金 情况 预算支出 总额 合计 财政拨款 单位资金 "
            "总体资 金情况 132.43")
    assert [c.clean for c in join_fund_pieces(_cells(line))] == [
        "总体", "资金情况", "预算支出 总额", "基本支出", "项目支出", "总体资金", "情况", "预算支出 总额", "合计",
        "财政拨款", "单位资金", "总体资", "金情况", "132.43"]
