"""Units a form prints: measure units, and which of them convert into each other.

The readers split ``≥95%`` / ``120人次`` on ``MEASURE_UNITS``; the validator compares a target and an
actual printed in different units of one dimension (万元 vs 元, 个月 vs 年) by ``UNIT_SCALES``.
"""

from __future__ import annotations

from decimal import Decimal

# What a 度量单位 cell or a measure's unit may print.
MEASURE_UNITS = (
    "万元", "亿元", "元", "万亩", "个月", "平方米", "立方米", "平方公里", "公里", "千米", "厘米", "米", "人次", "人",
    "户", "件", "个", "次", "份", "篇", "项", "家", "天", "日", "月", "年", "亩", "台", "套", "场", "期", "所",
    "座", "处", "条", "批", "名", "辆", "吨", "株", "棵", "本", "册", "小时", "分钟", "工作日", "%", "‰",
)

# unit → (dimension, factor to the dimension's base unit); other units must match literally.
UNIT_SCALES: dict[str, tuple[str, Decimal]] = {
    "元": ("money", Decimal(1)), "千元": ("money", Decimal(1000)),
    "万元": ("money", Decimal(10000)), "亿元": ("money", Decimal(100000000)),
    "%": ("percent", Decimal(1)), "百分比": ("percent", Decimal(1)), "‰": ("percent", Decimal("0.1")),
    "个月": ("months", Decimal(1)), "月": ("months", Decimal(1)), "季度": ("months", Decimal(3)),
    "年": ("months", Decimal(12)), "天": ("days", Decimal(1)), "日": ("days", Decimal(1)),
    "周": ("days", Decimal(7)),
}
