"""Indicator names a Word export printed in fixed-width fragments, made one cell again."""

from __future__ import annotations

from extractor.grid import Cell
from extractor.segment.export_names import join_name_pieces
from extractor.segment.types import Row


def _rows(*lines: str) -> list[Row]:
    return [Row([Cell(t, 0, k) for k, t in enumerate(line.split("|"))], "t1") for line in lines]


def _texts(rows: list[Row]) -> list[list[str]]:
    return [[c.clean for c in r.cells] for r in rows]


_HEADER = "一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分|偏差原因"


def test_a_name_in_pieces_before_all_its_figures_is_joined() -> None:
    rows = join_name_pieces(_rows(_HEADER, "产出指标|数量指标|办理群众诉求件|数（件）|≥1571|1571|20|20",
                                  "满意度指标|服务对象满意度指标", "群众满意|度调查|≥90%|91%|10|10"))
    assert _texts(rows)[1] == ["产出指标", "数量指标", "办理群众诉求件数（件）", "≥1571", "1571", "20", "20"]
    assert _texts(rows)[3] == ["群众满意度调查", "≥90%", "91%", "10", "10"]


def test_a_text_target_is_no_piece_of_the_name() -> None:
    lines = (_HEADER, "效益指标|社会效益指标|履职效能|显著提升|显著提升|15|15")
    assert _texts(join_name_pieces(_rows(*lines))) == _texts(_rows(*lines))


def test_a_header_with_another_text_column_leaves_its_rows() -> None:
    lines = ("一级指标|二级指标|三级指标|指标描述|年度指标值|实际完成值|分值|得分",
             "产出指标|数量指标|培训|人次|≥200|210|10|10")
    assert _texts(join_name_pieces(_rows(*lines))) == _texts(_rows(*lines))


def test_under_a_sign_column_the_texts_before_the_sign_make_the_name() -> None:
    rows = join_name_pieces(_rows("一级指标|二级指标|三级指标|运算符号|指标值|度量单位|权重",
                                  "产出指标|时效指标|工作任务完|成时间|定性|6月前|5", "重点工作完|成率|≥|95|%|20"))
    assert _texts(rows)[1:] == [["产出指标", "时效指标", "工作任务完成时间", "定性", "6月前", "5"],
                                ["重点工作完成率", "≥", "95", "%", "20"]]


def test_a_level_word_stating_its_points_is_no_figure_before_the_name() -> None:
    # ``产出指标（50分）`` holds a digit; the name's pieces after the levels still join
    rows = join_name_pieces(_rows(_HEADER, "产出指标（50分）|数量指标|重点工作完成数|（项）|≥8|9|10|10"))
    assert _texts(rows)[1] == ["产出指标（50分）", "数量指标", "重点工作完成数（项）", "≥8", "9", "10", "10"]


def test_a_name_like_a_level_word_keeps_its_unit_piece() -> None:
    rows = join_name_pieces(_rows(_HEADER, "满意度指标|服务对象满意度指标", "服务对象满意度|（%）|≥86|86|10|10"))
    assert _texts(rows)[2] == ["服务对象满意度（%）", "≥86", "86", "10", "10"]


def test_a_sign_printed_in_ascii_or_another_form_ends_the_name() -> None:
    """A 指标性质 column printing ``>=`` / ``≧`` / ``═`` is a sign column like ``≥``: the texts before it
    are the levels and the name's pieces."""
    header = "一级指标|二级指标|三级指标|指标性质|指标值|度量单位|实际完成值|权重|得分|原因"
    rows = join_name_pieces(_rows(header, "效益指标|可持续影响指标|设施正常使用年|限（年）|>=|8|年|9|15|15",
                                  "群众满意度|（%）|≧|85|%|91|5|5", "服务保障能力|提升|═|1|项|1|5|5"))
    assert _texts(rows)[1][:4] == ["效益指标", "可持续影响指标", "设施正常使用年限（年）", ">="]
    assert _texts(rows)[2][:2] == ["群众满意度（%）", "≧"]
    assert _texts(rows)[3][:2] == ["服务保障能力提升", "═"]


def test_a_name_ending_in_a_bare_level_word_before_its_sign_is_joined() -> None:
    rows = join_name_pieces(_rows("一级指标|二级指标|三级指标|运算符号|指标值|权重",
                                  "效益指标|经济效益指标|节约运行|成本|≥|10万元|30"))
    assert _texts(rows)[1] == ["效益指标", "经济效益指标", "节约运行成本", "≥", "10万元", "30"]


def test_a_text_target_in_pieces_between_the_sign_and_the_weight_is_joined() -> None:
    header = "一级指标|二级指标|三级指标|运算符号|指标值|权重"
    rows = join_name_pieces(_rows(header, "产出指标|质量指标|工程质量|定性|达到|验收标准|5"))
    assert _texts(rows)[1] == ["产出指标", "质量指标", "工程质量", "定性", "达到验收标准", "5"]
    # with an actual column, a text target's last piece and a text actual cannot be told apart
    lines = ("一级指标|二级指标|三级指标|运算符号|指标值|实际完成值|分值|得分",
             "产出指标|质量指标|工程质量|定性|达到|验收标准|达到|10|10")
    assert _texts(join_name_pieces(_rows(*lines))) == _texts(_rows(*lines))


def test_two_numbered_names_are_never_one_name() -> None:
    lines = ("一级指标|二级指标|三级指标|计算符号|指标值|权重",
             "效果指标|生态效益指标|指标1：生态环境|指标2：森林覆盖率|定性|持续改善|5")
    assert _texts(join_name_pieces(_rows(*lines))) == _texts(_rows(*lines))
