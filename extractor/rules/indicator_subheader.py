"""An indicator header printed over two rows: the lower row's words joined to the upper cells
they sit under (``年度`` / ``指标值`` is 年度指标值; ``年度指标值`` over ``指标性质 | 指标值 | 度量单位``
spreads over three columns).

A grid keeps the lower row's place by its empty leading cells; a web page copied with space
runs or pipes drops them, so ``指标值 | 完成值`` arrives in the first columns.  Such a row is put
back where its words make the most columns: under consecutive upper cells (each completing
one: 年度 + 指标值, 实际 + 完成值) or all under one upper cell (a merged heading over its
sub-headers, unless the upper row kept that heading's further positions as empty cells), right
of the label columns (sub-headers split the value columns).  A tie leaves
the row where it was printed.
"""

from __future__ import annotations

from extractor.values import is_numeric, squash
from extractor.vocab import INDICATOR_COLUMNS, LEVEL1_RE, LEVEL2_RE, match_column


def merge_header(upper: list[str], lower: list[str]) -> tuple[list[str], dict[int, str]]:
    """The two rows' texts joined column by column, and each column's field (the joined text's,
    or the lower word's alone)."""
    seen = {t for t in upper if t}
    lower = ["" if t in seen else t for t in lower]  # upper words printed again under a shorter upper row
    upper = spread_over_subheaders(upper, lower)
    merged = [a + (lower[k] if k < len(lower) else "") for k, a in enumerate(upper)]
    merged += lower[len(upper):]
    cols: dict[int, str] = {}
    for k, text in enumerate(merged):
        below = lower[k] if k < len(lower) else ""
        name = match_column(text, INDICATOR_COLUMNS) or match_column(below, INDICATOR_COLUMNS)
        if name and name not in cols.values():
            cols[k] = name
    return merged, cols


def spread_over_subheaders(upper: list[str], lower: list[str]) -> list[str]:
    """Widen the upper header cell that a run of sub-headers sits under.

    Pasted text drops a merged cell's further positions, so ``年度指标值`` over ``指标性质 | 指标值 |
    度量单位`` arrives as one upper cell above three lower ones and every upper cell after it sits
    too far left.  When exactly one run of sub-headers accounts for the missing positions, the
    upper cell is repeated over that run (what the merge covered); otherwise the rows stay as
    printed.
    """
    missing = len(lower) - len(upper)
    if missing <= 0:
        return upper
    runs: list[tuple[int, int]] = []
    k = 0
    while k < len(lower):
        if not lower[k].strip():
            k += 1
            continue
        start = k
        while k < len(lower) and lower[k].strip():
            k += 1
        runs.append((start, k - start))
    fitting = [(start, n) for start, n in runs if n - 1 == missing and start < len(upper) and upper[start].strip()]
    if len(fitting) != 1:
        return upper
    start, n = fitting[0]
    return upper[:start] + [upper[start]] * n + upper[start + 1:]


def is_subheader_words(own: list[str], upper: list[str]) -> bool:
    """A row of a few short header words only (no figure, no level word), fewer than the upper
    row's cells: a lower header row, wherever it was printed."""
    texts = [squash(t) for t in own if t.strip()]
    return 0 < len(texts) < len([t for t in upper if t.strip()]) and all(
        len(t) <= 6 and not is_numeric(t) and not LEVEL1_RE.match(t) and not LEVEL2_RE.match(t) for t in texts)


def place_subheader(upper: list[str], own: list[str]) -> list[str] | None:
    """The lower row's words padded to the upper cells they complete best (see the module
    docstring); None when no placement maps more columns than the upper row alone or two
    placements tie."""
    words = [t for t in own if t.strip()]
    base_cols = merge_header(upper, [])[1]
    base = _score(upper, base_cols)
    labels = [k for k, f in base_cols.items() if f in ("level1", "level2", "name")]
    scored: list[tuple[int, list[str]]] = []
    for at in range(max(labels, default=-1) + 1, len(upper)):  # sub-headers split the value columns
        if not upper[at].strip():
            continue
        aligned = [""] * at + words + [""] * max(0, len(upper) - at - len(words))
        under_one = [""] * at + words + [""] * (len(upper) - at - 1)
        merge_kept = at + 1 < len(upper) and not upper[at + 1].strip()  # the merge's positions printed empty
        for lower in (aligned, under_one) if len(words) > 1 and not merge_kept else (aligned,):
            merged, cols = merge_header(upper, lower)
            if not all(k in cols and _field(t) in (None, cols[k]) for k, t in enumerate(lower) if t):
                continue  # a word naming no column, or another than its own: not where it was printed
            scored.append((_score(merged, cols), lower))
    if not scored:
        return None
    best = max(score for score, _ in scored)
    winners = [lower for score, lower in scored if score == best]
    if best <= base or len(winners) != 1:
        return None
    return winners[0]


def _field(word: str) -> str | None:
    """The column a sub-header word names alone (指标值 a target), or None (its cell decides)."""
    return match_column(word, INDICATOR_COLUMNS)


def _score(merged: list[str], cols: dict[int, str]) -> int:
    """Columns named, less header cells left naming none."""
    return len(cols) - sum(1 for k, t in enumerate(merged) if t and k not in cols)
