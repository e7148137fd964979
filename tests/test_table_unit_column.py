"""A 计量单位 column holds for the target and the actual printed bare beside it (Chongqing
department forms, tests/synth families_chongqing; dev 42 and sample 18's gold read it so)."""

from __future__ import annotations

from extractor.pipeline import extract_text


def test_a_unit_column_gives_the_bare_actual_its_unit() -> None:
    text = "\n".join([
        "某县林业局2023年度部门整体绩效自评表",
        "\t".join(["指标名称", "计量单位", "指标性质", "指标值", "指标权重（分）", "全年完成值", "指标得分（分）",
                   "说明"]),
        "\t".join(["森林火灾受害率", "%", "≤", "0.9", "10", "0.5", "10", ""]),
        "\t".join(["营造林面积", "亩", "≥", "1200", "10", "1300", "10", ""]),
        "\t".join(["制度建设", "", "定性", "健全完善", "10", "健全完善", "10", ""]),
    ])
    (form,) = extract_text(text).forms
    units = [(i.name.value, i.target.value.unit if i.target.value else None,
              i.actual.value.unit if i.actual.value else None) for i in form.indicators]
    assert units == [("森林火灾受害率", "%", "%"), ("营造林面积", "亩", "亩"), ("制度建设", None, None)]


def test_execution_rate_weight_and_score_columns_are_not_the_rate() -> None:
    """执行率 | 执行率权重 | 执行率得分 (Chongqing department funds): the first word that matches a
    funds column decides, and only the first of the three is the rate."""
    from extractor.vocab.columns import FUNDS_COLUMNS

    def first(label: str) -> str:
        return next(fld for pattern, fld in FUNDS_COLUMNS if pattern.search(label))

    words = ("执行率", "执行率权重", "执行率得分", "预算执行率")
    assert [first(w) for w in words] == ["rate", "weight", "score", "rate"]
