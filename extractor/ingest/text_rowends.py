"""Which lone ``|`` lines end a row in a one-cell-per-line pipe print with row ends of two widths.

Some converters print each cell on a line ending in `` |`` and end the rows of a form's header
part with a lone ``|`` but the indicator rows with a wider run (``||``, ``||||``), where a lone
``|`` is an empty cell (a blank unit or reason, the side label's merge).  Read as empty cells
everywhere, the header part's lone row ends run all its rows into one; read as row ends
everywhere, the indicator rows' empty cells would cut them.  The wider runs are certain row
ends: a stretch between two of them is one row whatever lone pipes it holds, and the widest such
row is the table's width.  A stretch that no wider run opens (a table's first) and that holds
more cells than that width is several rows: there each lone ``|`` that first follows a cell
before the next cell ends a row (those after it, before that cell, are the next row's leading
empty cells).  Without a row between two wider runs to measure by, nothing is cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_PIPE_ONLY = re.compile(r"^\s*\|[\s|]*$")


def _kind(text: str) -> str:
    """``blank``, ``lone`` (a lone ``|``), ``end`` (a wider run of pipes), ``cell`` (``text |``)
    or ``other`` (no pipe: prose between tables)."""
    t = text.strip()
    if not t:
        return "blank"
    if _PIPE_ONLY.match(t):
        return "lone" if t.count("|") == 1 else "end"
    return "cell" if "|" in t else "other"


@dataclass(slots=True)
class _Stretch:
    """Cell and lone-pipe lines between row ends; ``opened``: a wider run came just before it."""

    opened: bool
    lines: list[int] = field(default_factory=list)
    closed: bool = False  # a wider run came just after it


def _stretches(kinds: list[str]) -> list[_Stretch]:
    out: list[_Stretch] = []
    current: _Stretch | None = None
    last = "blank"
    for k, kind in enumerate(kinds):
        if kind == "blank":
            continue
        if kind in ("cell", "lone"):
            if current is None:
                current = _Stretch(opened=last == "end")
                out.append(current)
            current.lines.append(k)
        elif current is not None:
            current.closed = kind == "end"
            current = None
        last = kind
    return out


def _cuts(kinds: list[str], stretch: _Stretch) -> list[int]:
    """The lone pipes that first follow a cell with a cell still to come."""
    lines = stretch.lines
    return [k for i, k in enumerate(lines)
            if kinds[k] == "lone" and i > 0 and kinds[lines[i - 1]] == "cell"
            and any(kinds[j] == "cell" for j in lines[i + 1:])]


def lone_row_ends(texts: list[str]) -> frozenset[int]:
    """Indices of the lone ``|`` lines of ``texts`` (one cell per line, some rows closed by wider
    runs of pipes) that end a row; empty when no row between two wider runs measures the width."""
    kinds = [_kind(t) for t in texts]
    if "end" not in kinds or "lone" not in kinds:
        return frozenset()
    stretches = _stretches(kinds)

    def width(s: _Stretch) -> int:  # a cell line counts its pipes (``产出指标 |||``: a merge)
        return sum(texts[k].count("|") for k in s.lines)

    rows = [width(s) for s in stretches if s.opened and s.closed]
    if not rows:
        return frozenset()
    widest = max(rows)
    return frozenset(k for s in stretches if not s.opened and width(s) > widest for k in _cuts(kinds, s))
