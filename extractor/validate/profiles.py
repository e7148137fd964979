"""Rule profiles: how a form splits its 100 points between budget execution and indicators.

The arithmetic is the same everywhere; what differs is the split the form is supposed to
follow.  The national template gives budget execution 10 and indicators 90; Hubei (and 隆阳)
gives 20 + 80; Sichuan target declarations weight their indicators to 90 and leave the other 10
to the execution rate of the later self-evaluation.  The profile is read off the form itself
unless the caller names one.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from extractor.errors import ValidationConfigError
from extractor.validate.arith import num
from extractor.validate.reading import is_sub_row
from schemas.common import SCORE_SHEET_TYPES

TARGET_FORMS = frozenset({"dept_target", "project_target"})


@dataclass(frozen=True, slots=True)
class Profile:
    """A scoring split: ``total`` is what budget weight + Σ indicator weights must reach."""

    name: str
    total: Decimal
    budget_weight: Decimal | None  # the usual 执行率 weight; None where the form has none
    description: str


NATIONAL = Profile("national", Decimal(100), Decimal(10), "budget 10 + indicators 90 = 100")
HUBEI = Profile("hubei", Decimal(100), Decimal(20), "budget 20 + indicators 80 = 100")
TARGET90 = Profile(
    "target90", Decimal(90), None, "target form: indicators 90, 10 kept for execution"
)
SCORE_SHEET = Profile("score_sheet", Decimal(100), None, "score sheet items = 100")

PROFILES: dict[str, Profile] = {p.name: p for p in (NATIONAL, HUBEI, TARGET90, SCORE_SHEET)}


def get_profile(name: str) -> Profile:
    try:
        return PROFILES[name]
    except KeyError:
        raise ValidationConfigError(
            f"unknown rule profile {name!r}",
            hint=f"use one of: {', '.join(sorted(PROFILES))}",
        ) from None


def choose_profile(form: Any, name: str | None = None) -> Profile:
    """The named profile, or the one the form's own figures point to.

    A funds weight of 20 means Hubei; a target form whose indicators *all* carry weights that
    add to 90 follows the 90 profile.  A target form that reaches 90 only because a row has no
    weight is not given the 90 profile: the missing weight is the inconsistency to report.
    """
    if name:
        return get_profile(name)
    if getattr(form, "schema_name", None) in SCORE_SHEET_TYPES:
        return SCORE_SHEET
    for row in getattr(form, "funds", []) or []:
        if num(row.weight) == Decimal(20):
            return HUBEI
    if getattr(form, "schema_name", None) in TARGET_FORMS:
        weights = [num(ind.weight) for ind in getattr(form, "indicators", []) or []
                   if not is_sub_row(ind)]
        if weights and all(w is not None for w in weights) and sum(w for w in weights if w is not None) == Decimal(90):
            return TARGET90
    return NATIONAL
