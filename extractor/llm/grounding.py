"""The grounding check: a value the model returns must be printed in the cell it names.

The model answers ``"r12c4=≥48"``: a cell reference and the text it read there.  A reference
that is not a cell of the rows shown, or text that the cell does not print, is rejected and the
model is re-asked with the reason.  Comparison folds what copying legitimately changes
(whitespace, full-width digits, ≧ for ≥, 12 for 12.00) and nothing else.  A quote ending in
``…`` abbreviates a long cell and must match its start.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from extractor.values import parse_decimal, parse_percent, squash

# ``r12c4=12``; the model may echo a cell's column label (``r12c4 分值=12``) or use a colon
PICK_RE = re.compile(r"^\s*(r\d+c\d+)(?:[\s:：]+[^=＝]{0,16}?)?\s*[=＝:：]\s*(.*?)\s*$", re.S)
CELL_REF = re.compile(r"^r(\d+)c(\d+)$")
ABBREVIATED = ("…", "...", "……")  # how a quote marks a long cell's start
NUMBER_TOKEN = re.compile(r"-?\d+(?:\.\d+)?%?")
_FOLD = str.maketrans({"≧": "≥", "≦": "≤", "═": "=", "＝": "=", "＞": ">", "＜": "<", "，": ",", "。": ".",
                       "：": ":", "；": ";", "（": "(", "）": ")", "“": '"', "”": '"', "％": "%", "¦": "|"})


@dataclass(frozen=True, slots=True)
class Pick:
    """A grounded answer: the cell reference, the text quoted and whether it was abbreviated."""

    ref: str
    quote: str
    abbreviated: bool


class GroundingError(ValueError):
    """One answer value that is not backed by the cell it names."""


def fold(text: str) -> str:
    return squash(text).translate(_FOLD)


def parse_pick(raw: str) -> tuple[str, str]:
    m = PICK_RE.match(raw)
    if m is None:
        raise GroundingError(
            f"{raw!r} is not written as rNcM=text (the cell reference, '=', the text copied from that cell)"
        )
    return m.group(1), m.group(2)


def ground(raw: str, cells: Mapping[str, str], allowed_rows: set[int] | None = None) -> Pick:
    """The pick ``raw`` checked against ``cells`` (reference → printed text); raises GroundingError."""
    ref, quote = parse_pick(raw)
    text = cells.get(ref)
    if text is None or (allowed_rows is not None and cell_of(ref)[0] not in allowed_rows):
        raise GroundingError(
            f"{ref} is not a non-empty cell of the rows shown; give the reference of the cell that prints the value"
        )
    core, abbreviated = unabbreviated(quote)
    if not core:
        raise GroundingError(f"{ref}: the text after '=' is empty; copy the cell's text (or leave the field out)")
    if _contains(text, core, prefix=abbreviated):
        return Pick(ref, core, abbreviated)
    column = ref[ref.index("c"):]
    below = [r for r, t in cells.items() if r != ref and r.endswith(column) and _contains(t, core, prefix=abbreviated)
             and (allowed_rows is None or int(r[1:r.index("c")]) in allowed_rows)]
    # a value quoted with its label's row (goal text under 预期目标): name the row that prints it
    where = f"; that text is in {below[0]}" if len(below) == 1 else ""
    raise GroundingError(f"{ref} prints {_short(text)!r}, not {_short(quote)!r}{where}")


def relocate(raw: str, cells: Mapping[str, str], allowed_rows: set[int] | None = None) -> str | None:
    """``raw`` pointed at the one cell that prints its text, when the cell it names does not.

    A small model copies a text right and misnames its cell: the goal under 预期目标 quoted with
    the label's row, a name given the 二级 column's number.  When the quoted text is printed in
    exactly one cell of the same column (else: of the same row) among the rows shown, that cell
    is the one meant; the value stays the model's reading, only its reference moves.  Numbers
    are never moved: a 10 or a 100% is printed in many cells, and which one was meant is the
    very thing the answer must say."""
    try:
        ref, quote = parse_pick(raw)
    except GroundingError:
        return None
    core, abbreviated = unabbreviated(quote)
    if len(fold(core)) < 2 or number_of(core) is not None:
        return None
    here = cell_of(ref)
    shown = {r: t for r, t in cells.items() if r != ref and (allowed_rows is None or cell_of(r)[0] in allowed_rows)}
    for axis in (1, 0):  # the same column first, then the same row
        found = [r for r, t in shown.items() if cell_of(r)[axis] == here[axis]
                 and _same_text(t, core, prefix=abbreviated)]
        if len(found) == 1:
            return f"{found[0]}={quote}"
        if found:
            return None
    return None


def _same_text(cell: str, quote: str, *, prefix: bool) -> bool:
    """The cell prints the quote as its whole text (or, for an abbreviated quote, as its start)."""
    c, q = fold(cell), fold(quote)
    return c == q or (prefix and len(q) >= 4 and c.startswith(q[:-1]))


def cell_of(ref: str) -> tuple[int, int]:
    """(row, column) of a cell reference ``r12c4``; a ``ValueError`` for anything else."""
    m = CELL_REF.match(ref.strip())
    if m is None:
        raise ValueError(f"{ref!r} is not a cell reference rNcM")
    return int(m.group(1)), int(m.group(2))


def _contains(cell: str, quote: str, *, prefix: bool) -> bool:
    c, q = fold(cell), fold(quote)
    if q in c:
        return True
    if prefix and c.startswith(q[: max(4, len(q) - 1)]):
        return True
    number = number_of(quote)
    return number is not None and prints_number(c, number)


def unabbreviated(quote: str) -> tuple[str, bool]:
    """The quote without a trailing ``…`` and whether it had one (then it quotes a long cell's start)."""
    stripped = quote.rstrip()
    if stripped.endswith(ABBREVIATED):
        return stripped.rstrip("….").strip(), True
    return quote, False


def prints_number(text: str, number: Decimal) -> bool:
    """``text`` prints ``number`` among its figures (``=12``, ``12个``, ``1,200``)."""
    return any(number_of(tok) == number for tok in NUMBER_TOKEN.findall(text.replace(",", "")))


def number_of(text: str) -> Decimal | None:
    t = text.strip()
    return parse_percent(t) if t.endswith(("%", "％")) else parse_decimal(t)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


_REF_ROW = re.compile(r"^(\s*)r(\d+)(c\d+)")
SHIFTS = (1, -1, 2, -2)


def shifted(raw: str, offset: int) -> str:
    """``raw`` with its row number moved by ``offset`` (``r9c3=x`` +1 → ``r10c3=x``)."""
    return _REF_ROW.sub(lambda m: f"{m.group(1)}r{int(m.group(2)) + offset}{m.group(3)}", raw, count=1)


def row_shift(raws: list[str], cells: Mapping[str, str], allowed_rows: set[int] | None = None) -> int:
    """The offset by which an answer's row numbers are *all* off, or 0.

    A small model often numbers the rows of a window by counting from the first row it sees
    (the re-attached header) rather than by the printed ``rN``: every value is right, every
    reference one row off.  When moving all references by one offset grounds clearly more
    picks (and at least 80% of them) than leaving them, that offset is the slip; each moved pick
    is still checked against the cell it then names."""
    if not raws:
        return 0

    def grounded(offset: int) -> int:
        count = 0
        for raw in raws:
            try:
                ground(shifted(raw, offset), cells, allowed_rows)
            except GroundingError:
                continue
            count += 1
        return count

    base = grounded(0)
    if base == len(raws):
        return 0
    best, offset = max((grounded(o), o) for o in SHIFTS)
    return offset if best > base and best >= 0.8 * len(raws) else 0
