"""Indicator figures fused into one run (``901010010``) read by the form's scoring rule, where it holds.

``pairs.certain_fields`` reads a row's figures printed against each other only where one cut obeys
the column rules every form follows (得分 ≤ 分值 ≤ the block's points).  A run holding the target,
the actual, the weight and the score together (Chongqing department lists print 指标值 | 指标权重 |
全年完成值 | 指标得分) is rarely settled by those alone, but forms score by completion (得分 = 分值 ×
min(1, 完成比例), ``vocab.figure_runs.by_completion``), and that rule leaves one cut of most runs.
It is the form's rule, not every form's: a row of the same form read without it (its figures
printed apart, or its cut certain anyway) that contradicts it — a missed target with full marks,
a band score — shows the form scores some other way, and every figure read by the rule is then
withdrawn and reported as fused again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from extractor.layouts.fused.pairs import Figure, certain_fields, indicator_check, recut
from extractor.layouts.fused.text import CleanText
from extractor.vocab.figure_runs import by_completion, figure_value, indicator_rule
from schemas.common import Indicator, Value

_SCORED = frozenset({"target", "actual", "weight", "score"})


@dataclass(slots=True)
class CompletionScoring:
    """The figures one form's rows owe to its scoring rule, and whether a row contradicted it."""

    added: list[tuple[Indicator, str, tuple[int, int]]] = field(default_factory=list)
    contradicted: bool = False

    def certain(self, ct: CleanText, figures: list[Figure], max_weight: Decimal, unit: str | None,
                measured: bool, reverse: bool) -> tuple[set[str], set[str], list[Figure]]:
        """The row's certain fields, those of them only the scoring rule makes certain, and the
        figures (cut again by ``pairs.recut`` where the rule leaves one cut other than the row
        cutter's); ``measured``: the row's target and actual are figures (not texts, dates or
        garble); ``reverse``: the row prints a ≤ operator, so it may be a 反向 indicator."""
        plain = certain_fields(ct, figures, indicator_check(max_weight))
        kinds = {f: (kind, ct.text[a:b]) for f, kind, a, b in figures}
        if not measured:
            return plain, set(), figures
        if plain >= _SCORED:
            values = {f: figure_value(text, kind) for f, (kind, text) in kinds.items() if f in _SCORED}
            if all(v is not None for v in values.values()) and not by_completion(
                    {f: v for f, v in values.items() if v is not None}):
                self.contradicted = True
        if not kinds.keys() >= _SCORED:
            return plain, set(), figures
        # a 反向 reading (a completed figure under its target with full marks) needs the row to say
        # so: a ≤ printed, or a rate (受害率, 成灾率), not an area or a count whose dots OCR lost
        rule = indicator_rule(max_weight, scored=True, percent=unit == "%", reverse=reverse or unit == "%")
        scored = certain_fields(ct, figures, rule) - plain
        if (plain | scored) >= _SCORED:
            return plain | scored, scored, figures
        moved = recut(ct, figures, rule)
        if moved is None or {fig[0] for fig in moved if fig not in figures} & plain:
            return plain | scored, scored, figures  # a figure certain without the rule stays where it was
        again = certain_fields(ct, moved, rule)
        return again, again - plain, moved

    def record(self, ind: Indicator, fld: str, span: tuple[int, int]) -> None:
        self.added.append((ind, fld, span))

    def settle(self, fused: list[tuple[int, int]]) -> None:
        """Withdraw the figures read by the rule when a row of the form contradicted it."""
        if not self.contradicted:
            return
        for ind, fld, span in self.added:
            setattr(ind, fld, Value())
            fused.append(span)
        self.added.clear()
