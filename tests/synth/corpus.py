"""Documents from a seed: family, style, 1–3 forms, a narrative, maybe one planted error.

``make_document(seed, index)`` is a pure function of its arguments (every random choice comes
from ``random.Random(f"{seed}:{index}")``), so a corpus is reproduced exactly from its seed and
size, and document *i* is the same whatever else is generated.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from extractor.errors import ConfigError
from tests.synth import arith, families_chongqing, families_dept, families_project, families_sheet, pools
from tests.synth.common import Context
from tests.synth.model import Document, Form
from tests.synth.style import Style
from tests.synth.wording import Wording

Builder = Callable[[random.Random, Style, Context], Form]

FAMILIES: dict[str, Builder] = {
    "national": families_project.national,
    "xianjie": families_project.xianjie,
    "sichuan": families_project.sichuan,
    "hubei": families_project.hubei,
    "fushun": families_dept.fushun,
    "dept_national": families_dept.dept_national,
    "dept_national_nobudget": families_dept.dept_national_nobudget,
    "chongqing_dept_target": families_dept.chongqing_dept_target,
    "hubei_dept_target": families_dept.hubei_dept_target,
    "chongqing_project_target": families_dept.chongqing_project_target,
    "national_project_target": families_dept.national_project_target,
    "dept_score_sheet": families_sheet.dept_score_sheet,
    "project_score_sheet": families_sheet.project_score_sheet,
    "chongqing_dept": families_chongqing.chongqing_dept,
}
EXTRA_FAMILIES = frozenset({"chongqing_dept"})  # asked for by name only: the rotation stays as it was
SINGLE_FORM = frozenset({"chongqing_dept", "fushun", "dept_national", "dept_national_nobudget", "chongqing_dept_target",
                         "hubei_dept_target", "dept_score_sheet"})  # one per department and year
PLANT_RATE = 0.4


def available_families() -> list[str]:
    """Families whose form type the schemas know (``project_score_sheet`` arrives with its issue)."""
    from schemas import FORM_TYPES

    return [name for name in FAMILIES if schema_of(name) in FORM_TYPES and name not in EXTRA_FAMILIES]


SCHEMAS = {
    "national": "project_self_eval", "xianjie": "project_self_eval", "sichuan": "project_self_eval",
    "hubei": "project_self_eval", "fushun": "dept_self_eval", "dept_national": "dept_self_eval",
    "dept_national_nobudget": "dept_self_eval", "chongqing_dept_target": "dept_target",
    "hubei_dept_target": "dept_target", "chongqing_project_target": "project_target",
    "national_project_target": "project_target", "dept_score_sheet": "dept_score_sheet",
    "project_score_sheet": "project_score_sheet", "chongqing_dept": "dept_self_eval",
}  # fmt: skip


def schema_of(family: str) -> str:
    """The form type (gold ``schema_name``) a family's forms have."""
    return SCHEMAS[family]


def make_document(seed: int, index: int, family: str | None = None, families: list[str] | None = None,
                  plant: bool | None = None, wording: bool = False) -> Document:
    """Document ``index`` of the corpus of ``seed``; ``family`` forces one, else drawn from ``families``.

    ``wording`` draws the document's header words, unit placement and number formats (``wording.py``);
    without it every form prints its template's words, as the messifier's shape families (and their
    gates) were measured on.
    """
    rng = random.Random(f"{seed}:{index}")
    choices = families or available_families()
    family = family or choices[index % len(choices)]
    if family not in FAMILIES:
        raise ConfigError(f"unknown family {family!r}", hint=f"use one of {', '.join(FAMILIES)}")
    style = Style.draw(rng)
    style.tsv_merge = random.Random(f"{seed}:{index}:tsv").choice(("blank", "repeat", "drop"))
    style.op_word = random.Random(f"{seed}:{index}:op").choice(("指标性质", "运算符号", "计算符号"))
    if wording:
        style.wording = Wording.draw(random.Random(f"{seed}:{index}:words"))
        if style.wording.none_word:
            style.filler = "无"
    count = 1 if family in SINGLE_FORM else rng.choice((1, 1, 2, 3))
    planted: list[str] = []
    drawn = rng.random() < PLANT_RATE if plant is None else plant
    victim = rng.randrange(count) if drawn else -1
    forms: list[Form] = []

    def hook(form: Form) -> None:
        """Plant the error in the chosen form after its content is drawn, before it is laid out."""
        kinds = arith.applicable(form) if len(forms) == victim else []
        if kinds:
            planted.append(rng.choice(kinds))
            arith.plant(form, planted[0], rng)

    ctx = Context(year=rng.randint(2019, 2024), place=rng.choice(pools.PLACES),
                  department=rng.choice(pools.DEPARTMENTS), hook=hook)
    for _ in range(count):
        forms.append(FAMILIES[family](rng, style, ctx))
    subject = forms[0].header.get("project_name") or forms[0].header.get("unit_name") or "本单位整体支出"
    narrative = rng.choice(pools.NARRATIVES).format(year=ctx.year, subject=subject)
    return Document(name=f"synth-{seed}-{index:04d}-{family}", family=family, narrative=narrative, forms=forms,
                    style=style, planted=planted[0] if planted else None)


def corpus(seed: int, size: int, families: list[str] | None = None, wording: bool = False) -> list[Document]:
    """``size`` documents, families in turn so every family is covered evenly."""
    return [make_document(seed, i, families=families, wording=wording) for i in range(size)]
