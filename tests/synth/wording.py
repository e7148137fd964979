"""A document's wording: the header words, unit placement and column order its province prints.

Real forms of one template differ from county to county in exactly what the rules readers key
on: 年度指标值 / 指标值 / 年度目标值, 实际完成值 / 全年实际值, 分值 / 权重, 得分 / 自评得分,
执行率 / 预算执行率(B/A×100%); the money unit in the block caption (项目资金（万元）), in a line of
its own above the table (单位：万元) or in every amount column's header (全年预算数（万元）); rates
printed ``95.2%`` or ``95.2`` under an ``执行率(%)`` header; 分值 before the target columns.  All the
words come from DOMAIN.md's "Same field, different words" (forms seen), none from what a reader
matches.  ``Wording.draw`` is called on a stream of its own so that adding it changed no other
choice of an existing corpus; the default ``Wording()`` prints as the corpus printed before.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

# column key → header words seen on filled forms ("年度|指标值" prints over two header rows)
SYNONYMS: dict[str, tuple[str, ...]] = {
    "target": ("年度|指标值", "指标值", "年度目标值", "年度目标指标值", "预期指标值", "年初指标值", "当年预期实现值"),
    "actual": ("实际|完成值", "全年实际值", "完成值", "全年完成值", "全年实际完成值", "单项指标实际完成值"),
    "weight": ("分值", "权重", "指标权重(分)", "指标分值"),
    "score": ("得分", "指标得分(分)", "自评得分"),
    "reason": ("偏差原因分析及改进措施", "未完成原因分析", "未完成原因及拟采取的改进措施",
               "偏差大或目标未完成原因分析"),
    "initial": ("年初预算数", "年初预算"),
    "budget": ("全年预算数", "调整后预算数", "全年(调整)预算数", "预算数(A)"),
    "executed": ("全年执行数", "预算执行数", "执行数(B)"),
    "rate": ("执行率", "预算执行率", "执行率(B/A)", "预算执行率(B/A×100%)", "预算执行进度"),
    "fiscal": ("其中：当年财政拨款", "其中：本年财政拨款", "其中：财政拨款", "其中：财政资金", "其中：财政补助资金"),
    "dept_label": ("主管部门", "项目主管部门", "主管单位"),
    "unit_label": ("实施单位", "项目实施单位", "实施单位（盖章）", "资金使用单位"),
    # target tables and score sheets
    "target_weight": ("权重", "分值", "指标权重", "指标分值"),
    "sheet_weight": ("分值", "权重", "标准分值"),
    "sheet_criteria": ("评分标准", "评分细则", "计分标准", "评分要点"),
    "sheet_score": ("自评得分", "得分", "自评分", "评价得分"),
    "sheet_note": ("扣分原因", "扣分说明", "扣分理由", "备注"),
    # a title's form words (the year and place around them are drawn by common.title_of)
    "project_title": ("项目支出绩效自评表", "项目绩效目标自评表", "项目支出绩效目标自评表", "财政项目支出绩效自评表",
                      "项目支出绩效自评结果表"),
    "dept_title": ("部门整体支出绩效自评表", "部门整体绩效自评表", "部门（单位）整体支出绩效自评表",
                   "单位整体支出绩效自评表"),
}
UNIT_PLACES = ("caption", "caption", "line", "header")  # 项目资金（万元） / 单位：万元 / 全年预算数（万元）
UNIT_LINES = ("单位：{u}", "金额单位：{u}", "单位：{u}")
# where a bare title's year goes: a （N年度） line (the template), the title's end, a 填报/评价年度 line
YEAR_PLACES = ("line", "line", "suffix", "label")
YEAR_LABELS = ("填报年度：{y}年", "评价年度：{y}年度", "预算年度：{y}")
# 一级 and 二级 printed in one cell (产出指标-数量指标) under one of these headers, joined by one of these
LEVELS_HEADERS = ("一级/二级指标", "一级指标-二级指标", "指标类别")
LEVELS_JOINS = ("-", "—", "－", "/")
FULLWIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


@dataclass
class Wording:
    """Which words a document prints; an empty ``words`` prints every family's own words."""

    words: dict[str, str] = field(default_factory=dict)
    unit_at: str = "caption"  # where the money unit is printed (see UNIT_PLACES)
    unit_line: str = "单位：{u}"
    rate_in_header: bool = False  # 执行率(%) over bare numbers instead of 95.2% in every cell
    weight_first: bool = False  # 分值 right after 三级指标, before the target (some counties' templates)
    thousands: bool = False  # 1,234.56 in 万元 too (the style's own switch covers 元 only)
    fullwidth: bool = False  # amounts, rates and points in full-width digits (１２３．４５), as IME-typed forms
    none_word: bool = False  # 无 in empty money and score cells instead of the style's filler
    year_at: str = "line"  # see YEAR_PLACES
    year_label: str = "填报年度：{y}年"
    carry_row: bool = False  # an empty 上年结转 row among the funds sources
    levels_joined: bool = False  # 一级 and 二级 in one column, one cell per 二级 run: 产出指标-数量指标
    levels_header: str = "一级/二级指标"
    levels_join: str = "-"
    split_merges: bool = False  # Word: a vertical merge's text in its first row over blank separate cells

    @classmethod
    def draw(cls, rng: random.Random) -> Wording:
        """A county's words: about half the documents keep the template's word for each column."""
        words = {key: rng.choice(pool) for key, pool in SYNONYMS.items() if rng.random() < 0.5}
        return cls(words=words, unit_at=rng.choice(UNIT_PLACES), unit_line=rng.choice(UNIT_LINES),
                   rate_in_header=rng.random() < 0.3, weight_first=rng.random() < 0.25,
                   thousands=rng.random() < 0.3, fullwidth=rng.random() < 0.1, none_word=rng.random() < 0.15,
                   year_at=rng.choice(YEAR_PLACES), year_label=rng.choice(YEAR_LABELS),
                   carry_row=rng.random() < 0.3, levels_joined=rng.random() < 0.15,
                   levels_header=rng.choice(LEVELS_HEADERS), levels_join=rng.choice(LEVELS_JOINS),
                   split_merges=rng.random() < 0.2)

    def digits(self, text: str) -> str:
        """A printed figure in the document's digits."""
        return text.translate(FULLWIDTH) if self.fullwidth else text

    def word(self, key: str, default: str) -> str:
        """The header this document prints for column ``key`` (the family's ``default`` unless drawn)."""
        return self.words.get(key, default)
