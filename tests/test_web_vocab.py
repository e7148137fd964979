"""Words of the web templates (``web_lines``): level words ending in 值, a 年度数值 column, and the
page's own navigation and footer lines."""

from __future__ import annotations

from extractor.vocab import INDICATOR_COLUMNS, LEVEL1_OF_LEVEL2, is_level_word
from extractor.vocab.columns import match_column
from extractor.vocab.page import is_page_furniture


def test_level_words_ending_in_value_are_level_words() -> None:
    for word in ("产出值", "效益值", "满意度值", "数量值", "经济效益值", "服务对象满意度值"):
        assert is_level_word(word)
    assert next(level1 for pattern, level1 in LEVEL1_OF_LEVEL2 if pattern.search("质量值")) == "产出指标"
    assert not is_level_word("产出数量值达标率")


def test_annual_value_column_holds_the_target() -> None:
    assert match_column("年度数值", INDICATOR_COLUMNS) == "target"


def test_page_furniture() -> None:
    for line in ("首页 > 政务公开 > 财政信息", "索引号：11520/2023-88", "发布机构：某县财政局", "上一篇：无",
                 "下一篇：某县关于开展预算执行检查的通知", "【字体：大 中 小】", "logo"):
        assert is_page_furniture(line)
    for cell in ("项目名称", "年度资金总额", "来源于财政拨款的资金", "指标1：logo设计"):
        assert not is_page_furniture(cell)
