"""Notes a county template prints beside its words (a ``run_together`` parameter).

Some provinces' project self-evaluations annotate each 二级 word with what the indicator is for
(``数量指标(必填硬性指标)``, ``质量指标（必填）``) and label the department with its code
(``主管部门及代码 | 510101某县交通运输局``).  The notes and the code say nothing about the values:
the gold keeps the 二级 word without its note and the department's name without its code.
"""

from __future__ import annotations

import random

from tests.synth.messify.base import Sheet

NOTES = ("(必填硬性指标)", "（必填硬性指标）", "(必填)", "（选填）", "(核心指标)", "(约束性指标)")
_DEPARTMENT_LABELS = ("主管部门", "项目主管部门")
_PROJECT_FORMS = ("project_self_eval", "project_target")  # the county templates seen annotate project forms


def level_notes(sheet: Sheet, rng: random.Random) -> None:
    """In a third of the documents, each project form's 二级 cells annotated with one note (per document,
    70 % of the cells), and in half of those the department labelled with its code."""
    if rng.random() >= 1 / 3:
        return
    note = rng.choice(NOTES)
    coded = rng.random() < 0.5
    code = "".join(rng.choice("0123456789") for _ in range(rng.choice((6, 9, 12))))
    for part in sheet.tables():
        assert part.rows is not None and part.form is not None
        form = sheet.forms[part.form]
        if form.get("schema_name") not in _PROJECT_FORMS:
            continue
        words = {str(r["level2"]) for r in form.get("indicators") or [] if r.get("level2")}
        for row in part.rows:
            for k, text in enumerate(row):
                if text.strip() in words and rng.random() < 0.7:
                    row[k] = text.strip() + note
                elif coded and text.strip() in _DEPARTMENT_LABELS and k + 1 < len(row) and row[k + 1].strip():
                    row[k] = text.strip() + "及代码"
                    row[k + 1] = code + row[k + 1].strip()
