"""More of a download site's copy than ``download_site`` first printed (a held-out cause, described
by the lead in general terms; the examples are invented).

Some copies print the site's facts with list dashes (a ``-`` line of its own after the file's name,
``- 资源格式: DOCX``), lose the first tip entirely so the count opens at ``2、``, and carry the
form's text over several long lines (the page's paragraphs) instead of one.  None of it is a form's
value: the gold is unchanged.  A line is only broken between two characters that are neither digits
nor a decimal point, so no figure's value moves.
"""

from __future__ import annotations

import random
import re

_FACT = re.compile(r"^(资源ID|资源大小|资源格式|下载积分)")
_TIP = re.compile(r"^(\d+)、")
_SAFE = re.compile(r"[\u4e00-\u9fff]")


def dash_facts(lines: list[str], rng: random.Random) -> list[str]:
    """A ``-`` line after the file's name (when it opens the print) and ``- `` before some facts."""
    out = list(lines)
    if out and "." in out[0] and rng.random() < 0.5:
        out.insert(1, "-")
    share = rng.choice((0.0, 0.3, 1.0))
    return [f"- {line}" if _FACT.match(line) and rng.random() < share else line for line in out]


def lose_first_tip(lines: list[str], rng: random.Random) -> list[str]:
    """In a third of the prints the first numbered tip is gone and the count opens at ``2、``."""
    tips = [k for k, line in enumerate(lines) if _TIP.match(line)]
    if len(tips) < 2 or rng.random() >= 1 / 3:
        return lines
    first = tips[0]
    numbers = [int(_TIP.match(lines[k]).group(1)) for k in tips]  # type: ignore[union-attr]
    if numbers[0] != 1:
        return lines
    return lines[:first] + lines[first + 1:]  # the others keep their numbers: 2、3、…


def break_body(body: str, rng: random.Random) -> str:
    """In half the prints the form's text over 2–5 long lines (each at least ``_PIECE`` characters: a
    page's paragraphs, not its cells), each break between two Han characters."""
    if rng.random() < 0.5 or len(body) < 2 * _PIECE:
        return body
    spots = [k for k in range(_PIECE, len(body) - _PIECE) if _SAFE.match(body[k - 1]) and _SAFE.match(body[k])]
    rng.shuffle(spots)
    want = rng.randint(1, 4)
    cuts: list[int] = []
    for k in spots:
        if len(cuts) < want and all(abs(k - c) >= _PIECE for c in cuts):
            cuts.append(k)
    cuts.sort()
    pieces = [body[a:b] for a, b in zip([0, *cuts], [*cuts, len(body)], strict=False)]
    return "\n".join(pieces)


_PIECE = 300  # shorter pieces would hold a spaced-out header (``一 级 指 标``) the reader closes up only in long lines
