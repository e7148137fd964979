"""Figures no form can hold raise findings of their own instead of passing as missing."""

from __future__ import annotations

from typing import Any

from extractor.validate import CATALOGUE, revalidate_output, validate_form
from extractor.validate.plain import record_from_plain
from tests.test_validate_rules import _sheet, codes, project, row, total_row

NEW_CODES = ("VALUE_NEGATIVE", "VALUE_OUT_OF_RANGE", "BUDGET_SCORE_OVER_WEIGHT")


def test_new_codes_are_catalogued() -> None:
    for code in NEW_CODES:
        assert CATALOGUE[code].severity == "error"


def test_negative_score_weight_and_amount() -> None:
    plain = project([total_row(budget="-100", executed="50", weight="10", rate="50", score="5")],
                    [row("≥10人", "10人", "10", "-5")])
    found = codes(plain)
    assert ("VALUE_NEGATIVE", "indicators[0].score") in found
    assert ("VALUE_NEGATIVE", "funds[total].budget") in found
    negative_weight = project(indicators=[row("≥10人", "10人", "-10", "0")])
    assert ("VALUE_NEGATIVE", "indicators[0].weight") in codes(negative_weight)
    clean = project([total_row(budget="100", executed="50", weight="10", rate="50", score="5")],
                    [row("≥10人", "10人", "10", "10")])
    assert not {c for c in codes(clean) if c[0] in NEW_CODES}


def test_a_deduction_item_may_print_its_score_negative() -> None:
    items = [("投入", "目标制定", "60", "58"), ("产出", "目标实现", "40", "40"),
             ("扣分项", "配合评价", "10", "-2")]
    assert not {c for c in codes(_sheet(items, "96")) if c[0] == "VALUE_NEGATIVE"}
    items[0] = ("投入", "目标制定", "60", "-58")
    assert ("VALUE_NEGATIVE", "items[0].score") in codes(_sheet(items, None))


def test_a_number_beyond_any_form_is_out_of_range() -> None:
    plain = project(indicators=[row("≥10人", "10人", "10", "1E+999999999")])
    finding = next(f for f in validate_form(record_from_plain(plain)) if f.code == "VALUE_OUT_OF_RANGE")
    assert finding.fields[0] == "indicators[0].score"
    assert finding.printed == "1E+999999999" and len(finding.message_en) < 400
    assert ("VALUE_OUT_OF_RANGE", "totals.score") in codes(project(totals={"score": "12345678901234567890"}))
    assert ("VALUE_OUT_OF_RANGE", "funds[total].executed") in codes(project([total_row(executed="1E-999999999")]))


def test_a_budget_score_over_its_weight_without_a_rate() -> None:
    assert ("BUDGET_SCORE_OVER_WEIGHT", "funds[total].score") in codes(
        project([total_row(weight="10", score="15")]))
    # with a rate the score is re-derived: one inconsistency, one finding
    with_rate = codes(project([total_row(weight="10", rate="100", score="15")]))
    assert ("BUDGET_SCORE_MISMATCH", "funds[total].score") in with_rate
    assert not any(c[0] == "BUDGET_SCORE_OVER_WEIGHT" for c in with_rate)
    assert not any(c[0] == "BUDGET_SCORE_OVER_WEIGHT" for c in codes(project([total_row(weight="10", score="10")])))


def test_revalidation_of_edited_json_flags_them() -> None:
    form: dict[str, Any] = {"form_type": "project_self_eval", "schema_name": "project_self_eval",
                            "indicators": [{"name": {"value": "指标"}, "weight": {"value": "10"},
                                            "score": {"value": "-5"}}]}
    out = revalidate_output({"documents": [{"source": "edited.json", "forms": [form]}]})
    found = {f["code"] for f in out["documents"][0]["forms"][0]["findings"]}
    assert "VALUE_NEGATIVE" in found
