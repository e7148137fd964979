"""What every rule module shares while checking one form: its profile, paths and findings.

Field paths follow the convention the eval harness matches on: ``funds[<role>].<field>``,
``indicators[<i>].<field>``, ``items[<i>].<field>``, ``groups[<i>].stated_weight``,
``tasks[<i>].<field>``, ``totals.score`` / ``totals.weight``.  A funds role that occurs more
than once in a form (the Fushun line items) is numbered from its second occurrence on, as the
eval harness keys rows (eval/match.py ``funds_keys``): ``line_item``, ``line_item#2``, …
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterable

from schemas.common import Finding, Value

from extractor.validate.messages import build
from extractor.vocab.placeholders import says_nothing

if TYPE_CHECKING:
    from extractor.validate.profiles import Profile

_SPACES = re.compile(r"[\s\u3000]+")
_STATED = re.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]")


def text(value: Any) -> str:
    """The stripped string inside a ``Value[str]`` (or a bare string), '' otherwise."""
    raw = getattr(value, "value", value)
    return _SPACES.sub("", raw) if isinstance(raw, str) else ""


def is_placeholder(value: Any) -> bool:
    """The value says nothing: a blank mark, or 无/空 (a deviation reason of "无" is no reason).
    The words are ``extractor.vocab.placeholders``', shared with the readers."""
    return says_nothing(text(value))


def norm_name(name: str) -> str:
    """A header name without its stated weight or spacing: 产出指标（50分） → 产出指标."""
    return _STATED.sub("", _SPACES.sub("", name or ""))


def is_sub_row(indicator: Any) -> bool:
    """A "其中…" row details its parent and carries no weight of its own (衔接资金 template)."""
    return text(getattr(indicator, "name", None)).lstrip("★").startswith("其中")


def funds_paths(rows: Iterable[Any]) -> list[str]:
    """``funds[<role>]`` for each row; ``funds[<role>#n]`` for the n-th row of a repeated role."""
    seen: dict[str, int] = {}
    out = []
    for row in rows:
        n = seen[row.role] = seen.get(row.role, 0) + 1
        out.append(f"funds[{row.role}]" if n == 1 else f"funds[{row.role}#{n}]")
    return out


class FormContext:
    """Collects the findings of one form under one profile."""

    def __init__(self, form: Any, profile: Profile) -> None:
        self.form = form
        self.profile = profile
        self.findings: list[Finding] = []
        self.funds_paths = funds_paths(getattr(form, "funds", []) or [])

    @property
    def schema(self) -> str:
        return str(getattr(self.form, "schema_name", ""))

    def emit(
        self,
        code: str,
        *,
        path: str,
        label: str | None = None,
        printed: str | None = None,
        derived: str | None = None,
        fields: Iterable[str] = (),
        values: Iterable[Value[Any] | None] = (),
        detail_en: str = "",
        detail_zh: str = "",
    ) -> None:
        """Record a finding about ``path`` (always the first field) and the values involved."""
        extra = [f for f in fields if f != path]
        cells = [ref for value in values if value is not None for ref in value.source]
        self.findings.append(
            build(
                code,
                path=path,
                label=label,
                printed=printed,
                derived=derived,
                fields=[path, *dict.fromkeys(extra)],
                cells=cells,
                profile=self.profile.name,
                detail_en=detail_en,
                detail_zh=detail_zh,
            )
        )
