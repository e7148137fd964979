"""Maximum-weight one-to-one assignment (Hungarian / Kuhn–Munkres), pure Python.

Gold rows and extracted rows (and gold forms and extracted forms) are paired by similarity.
A first-match or greedy pairing can steal the best partner of a later row — two rows both named
``受益群体满意度`` under different 二级 headings is enough — and then both rows score as wrong.
An optimal assignment cannot.  scipy is not a dependency, and the tables are small (tens of rows),
so the O(n²·m) shortest-augmenting-path form of the algorithm is fast enough.
"""

from __future__ import annotations

from collections.abc import Sequence

_INF = float("inf")


def max_weight_assignment(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Pairs ``(row, col)`` maximising the summed weight; each row and column used at most once.

    Weights must be non-negative; a pair of weight 0 means "may not be paired" and is never
    returned, so the result is a maximum-weight *matching* (rows may stay unpaired), which is what
    scoring needs: an unpaired gold row is missed, an unpaired extracted row is spurious.
    """
    n_rows = len(weights)
    n_cols = len(weights[0]) if n_rows else 0
    if n_rows == 0 or n_cols == 0:
        return []
    transposed = n_rows > n_cols
    if transposed:
        matrix = [[weights[i][j] for i in range(n_rows)] for j in range(n_cols)]
    else:
        matrix = [list(row) for row in weights]
    pairs = _hungarian(matrix)
    if transposed:
        pairs = [(col, row) for row, col in pairs]
    return sorted((r, c) for r, c in pairs if weights[r][c] > 0)


def _hungarian(weights: list[list[float]]) -> list[tuple[int, int]]:
    """Every row of an n×m matrix (n ≤ m) assigned to a distinct column, maximising the sum.

    Classic potentials formulation on costs ``-weight``; indices are 1-based internally with
    column 0 as the virtual start of each augmenting path.
    """
    n, m = len(weights), len(weights[0])
    u = [0.0] * (n + 1)  # row potentials
    v = [0.0] * (m + 1)  # column potentials
    owner = [0] * (m + 1)  # owner[j]: row assigned to column j (0 = free)
    way = [0] * (m + 1)
    for row in range(1, n + 1):
        owner[0] = row
        col0 = 0
        min_slack = [_INF] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[col0] = True
            row0 = owner[col0]
            delta = _INF
            col1 = 0
            for col in range(1, m + 1):
                if used[col]:
                    continue
                slack = -weights[row0 - 1][col - 1] - u[row0] - v[col]
                if slack < min_slack[col]:
                    min_slack[col] = slack
                    way[col] = col0
                if min_slack[col] < delta:
                    delta = min_slack[col]
                    col1 = col
            for col in range(m + 1):
                if used[col]:
                    u[owner[col]] += delta
                    v[col] -= delta
                else:
                    min_slack[col] -= delta
            col0 = col1
            if owner[col0] == 0:
                break
        while col0:  # flip the augmenting path
            prev = way[col0]
            owner[col0] = owner[prev]
            col0 = prev
    return [(owner[col] - 1, col - 1) for col in range(1, m + 1) if owner[col]]
