"""What every rule module shares while checking one form: its profile, paths and findings.

Field paths follow the convention the eval harness matches on: ``funds[<role>].<field>``,
``indicators[<i>].<field>``, ``items[<i>].<field>``, ``groups[<i>].stated_weight``,
``tasks[<i>].<field>``, ``totals.score`` / ``totals.weight``.  A funds role that occurs more
than once in a form (the Fushun line items) is numbered from its second occurrence on, as the
eval harness keys rows (eval/match.py ``funds_keys``): ``line_item``, ``line_item#2``, …
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from schemas.common import Finding, Value

from extractor.validate.messages import build
from extractor.validate.reading import is_placeholder, is_sub_row, norm_name, text

if TYPE_CHECKING:
    from extractor.validate.profiles import Profile

__all__ = ["FormContext", "funds_paths", "is_placeholder", "is_sub_row", "norm_name", "text"]

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
