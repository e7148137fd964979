"""A table's tail printed on one line: an excerpt cut at the top and run together (shape
``truncated_runon``).

Real excerpts copied from a page's text layer open on a self-evaluation's last indicator rows
(no title, no header labels, no indicator header) and print them, the 合计 row and the closing
rows (评价结论, 存在问题 …) on one line: text cells glued to each other, a space on some
boundaries that touch a figure (``足额保障率=100% 20 调整次数≤8次 20 … 合计100 评价结论…``).
The cut is ``truncated_top``'s (``top_cut.cut_top``: its gold reduced to what the excerpt
prints); the print then joins every cell of every part onto one line.  Where two figures meet
with no space between them both cells leave the gold, unless the row's column rules allow
exactly one cut of the run (``fused_pairs.certain_run``, as for ``run_together``).
"""

from __future__ import annotations

import random
import re

from tests.synth.messify.base import Sheet, drop_damaged
from tests.synth.messify.document_shapes import truncated
from tests.synth.messify.fused_pairs import certain_run, certain_total
from tests.synth.messify.top_cut import cut_top

_ENDS_NUMERIC = re.compile(r"[\d.]$")
_STARTS_NUMERIC = re.compile(r"^[\d.]")
_FIGURE = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?%?$")
# per document: the share of the boundaries touching a bare figure that print a space
_SPACED_SHARES = (1.0, 1.0, 0.8, 0.5)


def truncated_runon(sheet: Sheet, rng: random.Random) -> str:
    """The shape: the top cut off and the rest on one line; a document with no form to cut so
    is cut at the bottom (``truncated``, printed as TSV)."""
    if cut_top(sheet, rng) is None:
        return truncated(sheet, rng)
    spaced = rng.choice(_SPACED_SHARES)
    pieces: list[str] = []
    for part in sheet.parts:
        pieces += [line.strip() for line in part.prose if line.strip()]
        if part.rows is None:
            continue
        assert part.form is not None
        flat = [(r, c, text.strip()) for r, row in enumerate(part.rows) for c, text in enumerate(row) if text.strip()]
        touches: list[int] = []  # flat index i: cell i printed against cell i + 1, both figures
        for i, (_, _, text) in enumerate(flat):
            pieces.append(text)
            if i + 1 == len(flat):
                continue
            after = flat[i + 1][2]
            if (_FIGURE.match(text) or _FIGURE.match(after)) and rng.random() < spaced:
                pieces.append(" ")
            elif _ENDS_NUMERIC.search(text) and _STARTS_NUMERIC.search(after):
                touches.append(i)
        _drop_fused(sheet, part.form, part.rows, flat, touches)
    return "".join(_glued(pieces)) + "\n"


def _glued(pieces: list[str]) -> list[str]:
    """The pieces with no two spaces in a row (a space already printed before a prose line)."""
    out: list[str] = []
    for p in pieces:
        if p == " " and (not out or out[-1] == " "):
            continue
        out.append(p)
    return out


def _drop_fused(sheet: Sheet, form: int, rows: list[list[str]], flat: list[tuple[int, int, str]],
                touches: list[int]) -> None:
    """Both cells of every figure run printed with no space leave the gold, unless the run lies in
    one row and its cut is certain."""
    runs: list[list[int]] = []
    for i in touches:
        if runs and runs[-1][-1] == i:
            runs[-1].append(i + 1)
        else:
            runs.append([i, i + 1])
    damaged: dict[int, set[int]] = {}
    for run in runs:
        for i in run:
            damaged.setdefault(flat[i][0], set()).add(flat[i][1])
    for run in runs:
        r = flat[run[0]][0]
        total = certain_total(sheet.forms[form], rows, damaged)
        if all(flat[i][0] == r for i in run) and certain_run(sheet.forms[form], rows[r], [flat[i][1] for i in run],
                                                              total, damaged.get(r, set())):
            damaged[r] -= {flat[i][1] for i in run}
    drop_damaged(sheet, form, rows, damaged)
