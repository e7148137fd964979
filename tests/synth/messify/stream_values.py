"""Value cells of the Hubei-style indicator table as filled forms print them (``levels_after_stream``).

Drawn per document, each a probability per row:

* a lower bound printed after its figure (``98%以上`` for ``≥98%``): the gold target keeps operator
  ≥, value and unit, its text follows the print;
* a qualitative row whose actual is another verdict than its target (``逐年提升 | 效果明显``): the
  gold actual becomes that verdict (qualitative), the score is unchanged (a verdict scored as met).

Only the Hubei template's tables (``年初目标值(A) | 实际完成值(B)``) are drawn.  No cell leaves its row;
only target and actual texts change, in the print and in the gold alike.
"""

from __future__ import annotations

import random
import re
from typing import Any

from tests.synth.messify.base import Rows, Sheet

_AT_LEAST = re.compile(r"^[≥≧](\d+(?:\.\d+)?[^\d\s]*)$")  # ≥98% → 98%以上
_TARGET = re.compile(r"^年初目标值")  # the Hubei template, where the print was seen
_ACTUAL = re.compile(r"^(实际完成值|全年实际值|实际值|完成值)")
# verdicts an actual prints for a qualitative target (none a figure, none a level word)
VERDICTS = ("效果明显", "达到预期", "基本达到", "较好", "显著提升", "明显改善", "已完成", "良好")


def _columns(rows: Rows) -> tuple[int, int, int, int] | None:
    """(header row, name, target, actual columns) of the indicator header."""
    for k, row in enumerate(rows):
        cells = [t.replace(" ", "") for t in row]
        if "三级指标" not in cells:
            continue
        target = next((j for j, t in enumerate(cells) if _TARGET.match(t)), None)
        actual = next((j for j, t in enumerate(cells) if _ACTUAL.match(t)), None)
        if target is not None and actual is not None:
            return k, cells.index("三级指标"), target, actual
    return None


def _gold_row(form: dict[str, Any], name: str) -> dict[str, Any] | None:
    found = [ind for ind in form.get("indicators") or [] if ind.get("name") and name.replace(" ", "") == ind["name"]]
    return found[0] if len(found) == 1 else None


def stream_values(sheet: Sheet, rng: random.Random) -> None:
    """Target and actual cells reprinted (in place) with the draws above, the gold following."""
    lower = rng.choice((0.0, 0.5))
    verdicts = rng.choice((0.0, 0.6))
    for part, form in sheet.tables_of("project_self_eval"):
        assert part.rows is not None
        at = _columns(part.rows)
        if at is None:
            continue
        head, c_name, c_target, c_actual = at
        for row in part.rows[head + 1:]:
            if max(c_name, c_target, c_actual) >= len(row):
                continue
            ind = _gold_row(form, row[c_name])
            if ind is None:
                continue
            target, actual = ind.get("target"), ind.get("actual")
            if not isinstance(target, dict) or not isinstance(actual, dict):
                continue
            m = _AT_LEAST.match(row[c_target].strip())
            if m and target.get("operator") == "≥" and rng.random() < lower:
                row[c_target] = target["text"] = f"{m.group(1)}以上"
            elif target.get("operator") == "qualitative" and row[c_actual].strip() == row[c_target].strip() \
                    and rng.random() < verdicts:
                verdict = rng.choice([v for v in VERDICTS if v != row[c_target].strip()])
                row[c_actual] = verdict
                actual.clear()
                actual.update({"operator": "qualitative", "text": verdict})
