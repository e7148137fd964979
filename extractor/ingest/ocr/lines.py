"""Finds ruled tables on a levelled page and their cells, with row and column spans.

Chosen over table-structure models because, on these forms, the rules are the ground truth:
every 一级/二级 merge and every 分值/得分 split is drawn.  Measured alternatives (see the issue):
SLANet-plus got the header wrong on a degraded scan, img2table lost a row; both ship models or
heuristics we cannot tune, while the rules survive blur, noise and JPEG.

Method: binarise, keep long horizontal and vertical runs (morphological opening), group them
into connected tables, cluster their positions into row and column boundaries, then decide for
every base cell edge whether a rule is drawn there.  Base cells not separated by a rule are one
merged cell; its bounding block gives ``rowspan``/``colspan``.  Text strokes never survive the
opening with kernels longer than a character, and a placeholder dash (``——``) inside a cell is not
connected to the table's rules, so it cannot create a false row.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

import cv2
import numpy as np

BBox = tuple[float, float, float, float]
EDGE_COVERAGE = 0.5  # share of an edge that must be ruled for it to separate two cells


@dataclass(slots=True)
class CellRect:
    """A cell of a detected table in grid units (top-left anchor, spans) and page pixels."""

    row: int
    col: int
    rowspan: int
    colspan: int
    bbox: BBox


@dataclass(slots=True)
class TableLayout:
    """Row/column boundaries of one ruled table and its (possibly merged) cells."""

    xs: list[float]
    ys: list[float]
    cells: list[CellRect]
    owner: list[list[int]] = field(default_factory=list)  # base (row, col) → index into cells

    @property
    def bbox(self) -> BBox:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def contains(self, x: float, y: float, margin: float = 0.0) -> bool:
        x0, y0, x1, y1 = self.bbox
        return x0 - margin <= x <= x1 + margin and y0 - margin <= y <= y1 + margin

    def base_at(self, x: float, y: float) -> tuple[int, int]:
        """The base (unmerged) row and column under a point, clamped to the table."""
        r = min(max(bisect_right(self.ys, y) - 1, 0), self.n_rows - 1)
        c = min(max(bisect_right(self.xs, x) - 1, 0), self.n_cols - 1)
        return r, c

    def cell_at(self, x: float, y: float) -> int:
        r, c = self.base_at(x, y)
        return self.owner[r][c]


def line_masks(gray: np.ndarray, unit: float) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical rule masks; ``unit`` is the typical text-line height in pixels."""
    binary = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 12)
    bridge = max(3, int(unit / 4))
    h_len = max(20, int(1.5 * unit))
    v_len = max(15, int(0.9 * unit))
    horiz = cv2.morphologyEx(binary, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (bridge, 1)))
    horiz = cv2.morphologyEx(horiz, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (h_len, 1)))
    vert = cv2.morphologyEx(binary, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, bridge)))
    vert = cv2.morphologyEx(vert, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, v_len)))
    return horiz, vert


def detect_tables(gray: np.ndarray, unit: float) -> list[TableLayout]:
    """Every ruled table on the page, top to bottom."""
    horiz, vert = line_masks(gray, unit)
    joined = cv2.dilate(cv2.bitwise_or(horiz, vert), np.ones((5, 5), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    tables: list[TableLayout] = []
    for k in range(1, n):
        x, y, w, h, _area = stats[k]
        if w < 4 * unit or h < 1.5 * unit:
            continue
        region = labels[y : y + h, x : x + w] == k
        hm = np.where(region, horiz[y : y + h, x : x + w], 0)
        vm = np.where(region, vert[y : y + h, x : x + w], 0)
        layout = _layout(hm, vm, unit)
        if layout is not None:
            tables.append(_shift(layout, x, y))
    tables.sort(key=lambda t: t.ys[0])
    return tables


def _segments(mask: np.ndarray, horizontal: bool, min_len: float) -> list[tuple[float, float, float]]:
    """(position, start, end) of each rule segment: y, x0, x1 for horizontal ones."""
    n, _labels, stats, centroids = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out: list[tuple[float, float, float]] = []
    for k in range(1, n):
        x, y, w, h, _ = stats[k]
        if horizontal and w >= min_len:
            out.append((float(centroids[k][1]), float(x), float(x + w)))
        elif not horizontal and h >= min_len:
            out.append((float(centroids[k][0]), float(y), float(y + h)))
    return out


def _cluster(segments: list[tuple[float, float, float]], tol: float) -> list[float]:
    """Positions of rules: segments within ``tol`` of each other are one rule (length-weighted)."""
    if not segments:
        return []
    segs = sorted(segments)
    groups: list[list[tuple[float, float, float]]] = [[segs[0]]]
    for s in segs[1:]:
        if s[0] - groups[-1][-1][0] <= tol:
            groups[-1].append(s)
        else:
            groups.append([s])
    out = []
    for g in groups:
        weights = np.array([e - b for _, b, e in g])
        out.append(float(np.average([p for p, _, _ in g], weights=weights)))
    return out


def _layout(hm: np.ndarray, vm: np.ndarray, unit: float) -> TableLayout | None:
    tol = max(4.0, 0.35 * unit)
    hsegs = _segments(hm, True, 1.5 * unit)
    vsegs = _segments(vm, False, 0.9 * unit)
    ys, xs = _cluster(hsegs, tol), _cluster(vsegs, tol)
    if len(ys) < 2 or len(xs) < 2:
        return None
    # Open tables (no outer left/right or top/bottom rule): the rules of the other direction
    # run past the last boundary; their ends stand in for the missing border.
    virtual: set[tuple[str, int]] = set()
    hx0, hx1 = min(s[1] for s in hsegs), max(s[2] for s in hsegs)
    vy0, vy1 = min(s[1] for s in vsegs), max(s[2] for s in vsegs)
    if xs[0] - hx0 > unit:
        xs.insert(0, hx0)
        virtual.add(("x", 0))
    if hx1 - xs[-1] > unit:
        xs.append(hx1)
        virtual.add(("x", len(xs) - 1))
    if ys[0] - vy0 > unit:
        ys.insert(0, vy0)
        virtual.add(("y", 0))
    if vy1 - ys[-1] > unit:
        ys.append(vy1)
        virtual.add(("y", len(ys) - 1))
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    band = int(max(3, tol))

    def ruled_h(i: int, j: int) -> bool:  # rule along ys[i] between xs[j] and xs[j+1]
        if ("y", i) in virtual or i in (0, n_rows):
            return True
        return _coverage(hm, ys[i], xs[j], xs[j + 1], band, axis=0) >= EDGE_COVERAGE

    def ruled_v(i: int, j: int) -> bool:  # rule along xs[j] between ys[i] and ys[i+1]
        if ("x", j) in virtual or j in (0, n_cols):
            return True
        return _coverage(vm, xs[j], ys[i], ys[i + 1], band, axis=1) >= EDGE_COVERAGE

    parent = list(range(n_rows * n_cols))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for i in range(n_rows):
        for j in range(n_cols):
            if j + 1 < n_cols and not ruled_v(i, j + 1):
                parent[find(i * n_cols + j)] = find(i * n_cols + j + 1)
            if i + 1 < n_rows and not ruled_h(i + 1, j):
                parent[find(i * n_cols + j)] = find((i + 1) * n_cols + j)
    return _cells(xs, ys, [find(k) for k in range(n_rows * n_cols)])


def _coverage(mask: np.ndarray, pos: float, start: float, end: float, band: int, axis: int) -> float:
    """Share of the span [start, end] along which a rule lies within ``band`` px of ``pos``."""
    margin = min(0.15 * (end - start), 8.0)
    a, b = int(start + margin), int(end - margin)
    p0, p1 = max(0, int(pos) - band), int(pos) + band + 1
    if b <= a:
        return 1.0
    strip = mask[p0:p1, a:b] if axis == 0 else mask[a:b, p0:p1]
    if strip.size == 0:
        return 0.0
    hit = strip.any(axis=axis)
    return float(hit.mean())


def _cells(xs: list[float], ys: list[float], roots: list[int]) -> TableLayout:
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    blocks: dict[int, list[int]] = {}
    for k, root in enumerate(roots):
        r, c = divmod(k, n_cols)
        b = blocks.setdefault(root, [r, c, r, c])
        b[0], b[1], b[2], b[3] = min(b[0], r), min(b[1], c), max(b[2], r), max(b[3], c)
    owner = [[-1] * n_cols for _ in range(n_rows)]
    cells: list[CellRect] = []
    for r0, c0, r1, c1 in sorted(blocks.values()):
        if owner[r0][c0] != -1:  # a non-rectangular merge already claimed by its neighbour
            continue
        idx = len(cells)
        cells.append(CellRect(r0, c0, r1 - r0 + 1, c1 - c0 + 1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])))
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if owner[r][c] == -1:
                    owner[r][c] = idx
    for r in range(n_rows):  # positions left unclaimed by overlapping blocks become plain cells
        for c in range(n_cols):
            if owner[r][c] == -1:
                owner[r][c] = len(cells)
                cells.append(CellRect(r, c, 1, 1, (xs[c], ys[r], xs[c + 1], ys[r + 1])))
    return TableLayout(xs, ys, cells, owner)


def _shift(t: TableLayout, dx: int, dy: int) -> TableLayout:
    xs = [x + dx for x in t.xs]
    ys = [y + dy for y in t.ys]
    cells = [
        CellRect(c.row, c.col, c.rowspan, c.colspan, (c.bbox[0] + dx, c.bbox[1] + dy, c.bbox[2] + dx, c.bbox[3] + dy))
        for c in t.cells
    ]
    return TableLayout(xs, ys, cells, t.owner)
