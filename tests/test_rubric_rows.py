"""The rubric reprint of project self-evaluations (tests/synth/messify/rubric_rows.py): its gold
says what the rubric prints, criteria rows with no target, an empty template with no figure."""

from __future__ import annotations

import random

from tests.synth.corpus import corpus
from tests.synth.messify.base import sheet_of, tsv_text
from tests.synth.messify.rubric_rows import FRAMEWORK, rubric_rows

_CRITERIA = {name for _, blocks in FRAMEWORK for _, items in blocks for name, _ in items}


def _reprints(seed: int) -> list[tuple[dict, str]]:  # type: ignore[type-arg]
    out = []
    for doc in corpus(seed, 48):
        if doc.family not in ("national", "hubei", "xianjie"):
            continue
        sheet = sheet_of(doc)
        rubric_rows(sheet, random.Random(f"{seed}:{doc.name}"))
        text = tsv_text(sheet.parts)
        out += [(form, text) for form in sheet.forms
                if any(i["name"] in _CRITERIA for i in form.get("indicators") or [])]
    return out


def test_criteria_rows_print_what_their_gold_says() -> None:
    reprints = _reprints(18)
    assert len(reprints) >= 4
    for form, text in reprints:
        if any(i["name"] in _CRITERIA and "weight" in i and "actual" not in i for i in form["indicators"]):
            continue  # a review-column reprint (rubric_review: name, 分值, 自评分, criterion): test_fused_review
        assert "二级指标\t三级指标\t" in text and "指标值(A)\t全年实际值(B)\t得分" in text
        for ind in form["indicators"]:
            if ind["name"] not in _CRITERIA:
                continue
            assert "target" not in ind  # a criterion's target prints a dash: an empty cell
            assert ind["level1"] in ("项目决策", "项目管理", "项目过程")
            if "weight" in ind:  # the row printed: name, 分值, a dash, the criterion met, 得分
                printed = f"\t{ind['name']}\t{ind['weight']}\t"
                assert any(printed in row and row.split("\t")[-2] == ind["score"]
                           and f"\t{ind['actual']['text']}\t" in row for row in text.splitlines())
        names = {g["name"] for g in form.get("groups") or []}
        assert not names or "项目决策" in names


def test_an_empty_template_keeps_names_and_levels_only() -> None:
    empties = [form for seed in (18, 41, 7) for form, _ in _reprints(seed)
               if not any("weight" in i for i in form["indicators"])]
    assert empties
    for form in empties:
        assert all(set(i) <= {"level1", "level2", "name", "core"} for i in form["indicators"])
        assert "totals" not in form and "groups" not in form
        assert all(set(f) <= {"role", "label"} for f in form.get("funds") or [])
