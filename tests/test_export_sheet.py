"""A score sheet exported onto one line, cut back into rows by its header's column order."""

from __future__ import annotations

import jixiao
from extractor.grid import Grid
from extractor.ingest import ingest_text
from extractor.segment import row_stream
from extractor.segment.export_line import one_line_export
from extractor.segment.export_sheet import header_words, sheet_rows
from extractor.segment.types import Row


def _texts(text: str) -> list[list[str]]:
    return [[c.clean for c in r.cells] for r in row_stream(ingest_text(text))]


_HEAD = "某局部门整体支出绩效评价评分表 一级指标 二级指标 三级指标 分值 评分标准 自评得分 扣分原因 "
_ROWS = ("决策（30分） 目标管理 目标合理性 10 目标明确得满分，否则扣2分。 10 "
         "目标细化程度 20 指标量化得满分；否则酌情扣分。 18 指标量化不足 "
         "管理（70分） 资金管理 资金合规性 40 无违规得满分，每发现一处扣1分。 40 "
         "资产管理 资产安全性 30 账实相符得满分。 30 合计 100 98\n")


def test_a_group_label_after_a_score_opens_the_next_row() -> None:
    rows = _texts(_HEAD + _ROWS)
    assert ["一级指标", "二级指标", "三级指标", "分值", "评分标准", "自评得分", "扣分原因"] in rows
    assert ["目标细化程度", "20", "指标量化得满分；否则酌情扣分。", "18", "指标量化不足"] in rows
    assert ["管理（70分）", "资金管理", "资金合规性", "40", "无违规得满分，每发现一处扣1分。", "40"] in rows
    assert ["合计", "100", "98"] in rows


def test_a_sheet_read_from_one_line_keeps_its_levels_and_rules() -> None:
    form = jixiao.extract_text(_HEAD + _ROWS).forms[0]
    items = {i.name.value: i for i in form.items}
    assert items["资金合规性"].level1.value == "管理"
    assert items["目标细化程度"].criteria.value == "指标量化得满分；否则酌情扣分。"
    assert items["目标细化程度"].note.value == "指标量化不足"


def test_points_in_the_labels_end_the_labels_before_the_rule() -> None:
    text = ("某局部门整体绩效自评打分表 一级指标 二级指标 三级指标 评分标准 自评得分 扣分原因 决策（40分） 目标管理 "
            "目标合理性（40分） 目标明确得满分， 否则扣2分。 38 表述不清 管理（60分） 资金管理 资金合规性（30分） "
            "无违规得满分。 30 资产管理 资产安全性（30分） 账实相符得满分。 30 合计 98\n")
    rows = _texts(text)
    assert ["决策（40分）", "目标管理", "目标合理性（40分）", "目标明确得满分， 否则扣2分。", "38", "表述不清"] in rows
    assert ["管理（60分）", "资金管理", "资金合规性（30分）", "无违规得满分。", "30"] in rows
    assert ["资产管理", "资产安全性（30分）", "账实相符得满分。", "30"] in rows


def test_a_letter_spaced_header_is_cut_into_its_words() -> None:
    assert header_words("序号一级指标二级指标三级指标分值评分标准自评得分扣分原因") == [
        "序号", "一级指标", "二级指标", "三级指标", "分值", "评分标准", "自评得分", "扣分原因"]
    assert header_words("绩效指标") is None
    spaced = "一 级 指 标 二 级 指 标 三 级 指 标 分 值 评 分 标 准 自 评 得 分 扣 分 原 因 "
    text = "某项目绩效评价指标体系及评分表 " + spaced + _ROWS
    assert ["一级指标", "二级指标", "三级指标", "分值", "评分标准", "自评得分", "扣分原因"] in _texts(text)


def test_a_row_with_more_labels_than_label_columns_leaves_the_sheet_to_the_stream() -> None:
    # ``目标 合理性`` may be the name wrapped or two labels: where the cut goes is not known
    text = _HEAD + _ROWS.replace("目标管理 目标合理性", "目标管理 目标 合理性")
    grid = next(b for b in ingest_text(text).blocks if isinstance(b, Grid))
    row = one_line_export(Row(grid.filled()[0], grid.id))
    assert row is not None and sheet_rows(row) is None
    assert sheet_rows(one_line_export(Row(next(b for b in ingest_text(_HEAD + _ROWS).blocks
                                                if isinstance(b, Grid)).filled()[0], "t1")) or Row([], "t1"))


def test_a_wrapped_note_gets_the_cells_beyond_the_next_rows_label_columns() -> None:
    # ``指标量化 不足`` wrapped, and the next row prints all three labels: the fourth text is the note's
    rows = _ROWS.replace("指标量化不足 管理（70分）", "指标量化 不足 管理（70分）")
    cut = _texts(_HEAD + rows)
    assert ["目标细化程度", "20", "指标量化得满分；否则酌情扣分。", "18", "指标量化 不足"] in cut
    assert ["管理（70分）", "资金管理", "资金合规性", "40", "无违规得满分，每发现一处扣1分。", "40"] in cut


def test_a_name_in_pieces_after_a_rubric_level2_name_is_joined() -> None:
    # ``资金管理`` is a rubric 二级 name: the two pieces after it are the 三级 name wrapped
    rows = _ROWS.replace("管理（70分） 资金管理 资金合规性", "管理（70分） 资金管理 资金合 规性")
    row = ["管理（70分）", "资金管理", "资金合 规性", "40", "无违规得满分，每发现一处扣1分。", "40"]
    assert row in _texts(_HEAD + rows)


def test_a_level2_name_in_pieces_is_joined_when_only_the_pair_names_one() -> None:
    rows = _ROWS.replace("管理（70分） 资金管理 资金合规性", "管理（70分） 资金 管理 资金合规性")
    row = ["管理（70分）", "资金 管理", "资金合规性", "40", "无违规得满分，每发现一处扣1分。", "40"]
    assert row in _texts(_HEAD + rows)


def test_a_three_level_row_whose_pieces_no_name_explains_stays_unread_as_a_sheet() -> None:
    # ``目标管理`` is no rubric name and ``目标 合理性`` none either: where the wrap was is not known
    text = _HEAD + _ROWS.replace("目标管理 目标合理性", "目标管理 目标 合理性")
    rows = _texts(text)
    assert ["目标细化程度", "20", "指标量化得满分；否则酌情扣分。", "18", "指标量化不足"] not in rows


def test_a_level2_row_with_its_name_in_pieces_is_joined() -> None:
    rows = _ROWS.replace("资产管理 资产安全性 30", "资产管理 资产安 全性 30")
    assert ["资产管理", "资产安 全性", "30", "账实相符得满分。", "30"] in _texts(_HEAD + rows)


def test_a_name_in_two_pieces_under_merged_levels_is_one_name() -> None:
    rows = _texts(_HEAD + "项目决策 项目立项 立项依据充分性 10 依据充分得满分。 10 "
                  "立项程序规 范性 5 程序规范得满分。 5 资金投入 预算编制科学性 5 编制科学得满分。 5 合计 20 20\n")
    assert ["立项程序规 范性", "5", "程序规范得满分。", "5"] in rows
