"""Decimal arithmetic with the tolerances a printed form deserves.

Printed figures are rounded by hand, by spreadsheets and by vendor systems, each its own way:
a rate may be rounded half-up, truncated or off by one in the last place, and a score may be
printed to one or two decimals.  These helpers decide when a printed number *is* the derived
one as far as rounding goes, so that every rule module applies the same notion of "equal".
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Context, Decimal, InvalidOperation
from enum import Enum
from typing import Any

CENT = Decimal("0.01")  # the ±0.01 tolerance on scores (DOMAIN: 2.15 vs 2.16 occurs)
HUNDRED = Decimal(100)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


MAX_MAGNITUDE = 15  # digits before the point; nothing a form prints is larger


def num(value: Any) -> Decimal | None:
    """The finite Decimal inside a ``Value`` (or a bare number), else None — never raises.

    Absurd magnitudes (an OCR run of digits) count as missing: no printed form holds them and
    Decimal quantisation would overflow on them.
    """
    raw = getattr(value, "value", value)
    if raw.__class__ is Decimal:  # the common case, kept fast: forms hold hundreds of these
        dec = raw
    elif raw is None or isinstance(raw, bool):
        return None
    elif isinstance(raw, (Decimal, int, float, str)):
        try:
            dec = Decimal(str(raw))
        except (InvalidOperation, ValueError):
            return None
    else:
        return None
    if not dec.is_finite():
        return None
    if dec:
        magnitude = dec.adjusted()
        if magnitude > MAX_MAGNITUDE or magnitude < -12:
            return None
    return dec


def decimals(value: Any) -> int:
    """How many decimals the figure was printed with.

    The raw cell text wins over the Decimal's exponent because a normalising extractor turns
    ``97.80%`` into ``97.8`` and the trailing zero is what says "two decimals, truncated".
    """
    dec = num(value)
    if dec is None:
        return 0
    places = max(0, -int(dec.as_tuple().exponent))
    raw = getattr(value, "raw", None)
    if isinstance(raw, str):
        for token in _NUMBER.findall(raw.replace(",", "")):
            try:
                if Decimal(token) == dec:
                    places = max(places, len(token.split(".")[1]) if "." in token else 0)
            except InvalidOperation:  # pragma: no cover - the regex only yields numbers
                continue
    return places


_WIDE = Context(prec=60)  # a quotient of two printed amounts can be large; never overflow
_QUANTA = [Decimal(1).scaleb(-places) for places in range(13)]


def quantum(places: int) -> Decimal:
    return _QUANTA[places] if 0 <= places < len(_QUANTA) else Decimal(1).scaleb(-places)


def round_half_up(value: Decimal, places: int) -> Decimal:
    return value.quantize(quantum(places), rounding=ROUND_HALF_UP, context=_WIDE)


def truncate(value: Decimal, places: int) -> Decimal:
    return value.quantize(quantum(places), rounding=ROUND_DOWN, context=_WIDE)


class RoundingMatch(Enum):
    """How a printed rate relates to the exact one."""

    EXACT = "exact"  # the exact value rounded half-up at the printed precision
    TRUNCATED = "truncated"  # cut off instead of rounded (97.81% printed 97.80%)
    SLIP = "slip"  # one unit off in the second decimal (86.18% printed 86.19%)
    NONE = "none"


def match_rounding(printed: Decimal, exact: Decimal, places: int) -> RoundingMatch:
    """Classify a printed percentage against the exact quotient at its printed precision."""
    if printed == round_half_up(exact, places):
        return RoundingMatch.EXACT
    if printed == truncate(exact, places):
        return RoundingMatch.TRUNCATED
    if places >= 2 and abs(printed - round_half_up(exact, places)) <= quantum(places):
        return RoundingMatch.SLIP
    return RoundingMatch.NONE


def score_matches(printed: Decimal, derived: Decimal) -> bool:
    """A printed score is the derived one within ±0.01, or rounded half-up to one decimal.

    Integer rounding is deliberately not accepted: 9 for a derived 9.78 is the kind of
    slip an auditor wants to see (sample 40).
    """
    return abs(printed - derived) <= CENT or printed == round_half_up(derived, 1)


def sum_matches(printed: Decimal, derived: Decimal) -> bool:
    """A printed total is the sum of its printed parts within ±0.01 or to one decimal."""
    return score_matches(printed, derived)


def money_tolerance(values: list[Decimal]) -> Decimal:
    """Largest honest gap between a printed total and the sum of its printed parts.

    Every printed amount may carry half a unit of rounding in its last place, the total's
    included; amounts printed as integers count as cents (66 万元 is exact to the cent).
    """
    return sum(
        (quantum(max(2, -int(v.as_tuple().exponent))) / 2 for v in values), Decimal(0)
    )


def fmt(value: Decimal | None, places: int = 4, percent: bool = False) -> str:
    """A derived Decimal as a reader writes it: at most ``places`` decimals, no trailing zeros."""
    if value is None:
        return "—"
    if -int(value.as_tuple().exponent) > places:
        value = round_half_up(value, places)
    text = f"{value.normalize():f}"
    return f"{text}%" if percent else text


def fmt_printed(value: Decimal | None, percent: bool = False) -> str:
    """A printed Decimal exactly as read (keeps ``97.80``)."""
    if value is None:
        return "—"
    return f"{value:f}%" if percent else f"{value:f}"
