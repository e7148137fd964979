"""One vocabulary: readers and validator agree on what a blank cell is and on what 无 means."""

from __future__ import annotations

import pytest

from extractor.validate.context import is_placeholder as says_nothing_to_validator
from extractor.values import is_placeholder as blank_to_readers
from extractor.values import normalize_operator, parse_measure
from extractor.vocab import BLANK_MARKS, FORM_TYPES, NONE_WORDS
from schemas import FORM_TYPES as SCHEMA_TYPES
from schemas import Value


@pytest.mark.parametrize("mark", sorted(BLANK_MARKS | {"－", " — ", "\u3000/\u3000", "——"}))
def test_a_blank_mark_is_empty_for_readers_and_validator(mark: str) -> None:
    assert blank_to_readers(mark)
    assert says_nothing_to_validator(Value[str](value=mark))
    assert parse_measure(mark) is None


@pytest.mark.parametrize("word", sorted(NONE_WORDS))
def test_none_is_a_printed_value_that_gives_no_reason(word: str) -> None:
    assert not blank_to_readers(word)  # the reader keeps 无 as printed; the gold labels it
    assert says_nothing_to_validator(Value[str](value=word))  # … and the validator sees no reason in it
    assert not says_nothing_to_validator(Value[str](value="资金拨付滞后"))


def test_operators_fold_from_one_table() -> None:
    assert [normalize_operator(s) for s in ("≧", ">=", "不低于", "≤", "不超过", "＝", "约")] == [
        "≥", "≥", "≥", "≤", "≤", "=", "≈"]
    measure = parse_measure("95%以上")
    assert measure is not None and (measure.operator, str(measure.value), measure.unit) == ("≥", "95", "%")


def test_form_types_have_one_source() -> None:
    assert tuple(SCHEMA_TYPES) == FORM_TYPES


def test_direction_column_is_not_the_operator_column() -> None:
    from extractor.vocab import INDICATOR_COLUMNS, match_column

    assert match_column("指标方向", INDICATOR_COLUMNS) == "direction"
    assert match_column("指标方向性", INDICATOR_COLUMNS) == "direction"
    assert match_column("计算符号", INDICATOR_COLUMNS) == "nature"
    assert match_column("指標性質", INDICATOR_COLUMNS) == "nature"  # traditional script
    assert match_column("三級指標(sān jí zhǐ biāo)", INDICATOR_COLUMNS) == "name"  # inline pinyin


def test_a_label_ending_in_total_wording_is_the_total() -> None:
    from extractor.vocab import fund_role

    assert fund_role("年度财政资金总额") == "total"  # Hubei 20-point form: the total, worth 20
    assert fund_role("年度财政 资金总额：") == "total"
    assert fund_role("其中：财政拨款") == "fiscal"
    assert fund_role("其中：财政资金合计") == "fiscal"
    assert fund_role("中央和省级资金") == "central_provincial"


def test_a_bare_reason_column_is_the_deviation_reason() -> None:
    from extractor.vocab import INDICATOR_COLUMNS, match_column

    assert match_column("原因", INDICATOR_COLUMNS) == "deviation_reason"  # Sichuan: … 权重 | 得分 | 原因
    assert match_column("原 因", INDICATOR_COLUMNS) == "deviation_reason"


def test_a_term_label_names_no_source_and_hierarchy_parts_are_line_items() -> None:
    from extractor.vocab import fund_role, is_subtotal_head, tree_role
    assert fund_role("项目支出实施期") is None and fund_role("项目支出") == "project"
    assert is_subtotal_head("（一）财政拨款小计") and is_subtotal_head("二、自有资金小计")
    assert not is_subtotal_head("财政拨款小计") and not is_subtotal_head("（一）财政拨款")
    assert tree_role("1、一般公共预算", True) == "line_item" and tree_role("1、一般公共预算", False) == "fiscal"
    assert tree_role("2.经营性收入", True) == "line_item" and tree_role("2.经营性收入", False) is None
