"""When an extracted leaf equals its gold label, and how alike two labels are.

Equality is deliberately semantic, not textual: ``10`` 万元 equals ``100000`` 元 in a money column,
``76`` equals ``76.00``, and texts that differ only in full-/half-width forms, U+3000 or spaces
are the same label.  Which comparison applies is decided by the field name, because gold stores
every number as a string and cannot say so itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from typing import Any

from eval.flatten import FUNDS, Leaf
from eval.textnorm import normalize_text, text_matches

# Money columns (converted to 元 with each side's header.money_unit); rates, weights, scores
# and indicator values are not money even when their unit is 万元.
MONEY_FIELDS: dict[str, frozenset[str]] = {
    FUNDS: frozenset({"initial_budget", "budget", "executed"}),
    "tasks": frozenset({"initial_budget", "budget", "executed"}),
}
NUMBER_FIELDS = frozenset(
    {"weight", "score", "rate", "stated_weight", "value", "staff_count", "year", "level",
     "initial_budget", "budget", "executed"}
)  # fmt: skip
BOOL_FIELDS = frozenset({"core"})


def field_kind(list_name: str | None, field_path: str) -> str:
    """``money`` | ``number`` | ``bool`` | ``text`` for a field (last path component decides)."""
    last = field_path.rsplit(".", 1)[-1]
    if list_name and last in MONEY_FIELDS.get(list_name, frozenset()):
        return "money"
    if last in NUMBER_FIELDS:
        return "number"
    if last in BOOL_FIELDS:
        return "bool"
    return "text"


def to_decimal(value: Any) -> Decimal | None:
    """A number from gold text (``"99.9"``, ``"７６%"``, ``"1,234"``) or an extracted value."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    if not isinstance(value, str):
        return None
    text = normalize_text(value).replace(",", "")
    if text.endswith("%"):
        text = text[:-1]
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


@dataclass(frozen=True)
class Comparator:
    """Leaf equality for one (gold form, extracted form) pair: it knows both money units."""

    gold_factor: Decimal | None = None
    got_factor: Decimal | None = None

    def equal(self, list_name: str | None, field_path: str, gold: Leaf, got: Leaf) -> bool:
        kind = field_kind(list_name, field_path)
        if kind in ("money", "number"):
            expected, actual = to_decimal(gold.value), to_decimal(got.value)
            if expected is not None and actual is not None:
                if kind == "money":
                    gold_factor, got_factor = self._factors()
                    return expected * gold_factor == actual * got_factor
                return expected == actual
        if kind == "bool" and isinstance(gold.value, bool) and isinstance(got.value, bool):
            return gold.value == got.value
        return _text_equal(gold.value, got.value)

    def _factors(self) -> tuple[Decimal, Decimal]:
        """Each side's unit; a side that does not state one is read in the other side's unit."""
        gold = self.gold_factor or self.got_factor or Decimal(1)
        got = self.got_factor or self.gold_factor or Decimal(1)
        return gold, got


def _text_equal(gold: Any, got: Any) -> bool:
    if isinstance(gold, dict):
        return text_matches(gold, _as_text(got))
    return text_matches(_as_text(gold) or "", _as_text(got))


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def text_similarity(gold: Any, got: Any) -> float:
    """0…1 likeness of a gold label (plain or digest) and an extracted text.

    A digest hides the text, so only its head and length can be compared; such a near-miss is
    capped below 1 so that it never outranks an exact match.
    """
    got_text = _as_text(got)
    if gold is None or got_text is None:
        return 0.0
    if isinstance(gold, dict):
        if text_matches(gold, got_text):
            return 1.0
        norm = normalize_text(got_text)
        head = str(gold.get("head", ""))
        length = int(gold.get("len") or 0)
        same = 0
        for a, b in zip(head, norm, strict=False):
            if a != b:
                break
            same += 1
        size = min(length, len(norm)) / max(length, len(norm), 1)
        return 0.9 * (same / max(len(head), 1)) * size
    a, b = normalize_text(_as_text(gold) or ""), normalize_text(got_text)
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()
