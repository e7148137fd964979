"""Marks inside a cell that the text detector skipped: a lone ``—``, a wrapped last character.

The detector drops small isolated marks: the placeholder dash in an empty 分值 cell, or ``亩`` when
``≥1200亩`` wraps and leaves one character on the second line.  Left alone, the first turns into
a blank cell and the second into ``≥1200`` — a wrong value nobody is told about.  So every cell
is checked for ink that no text box covers:

- a single thin horizontal stroke is the placeholder dash, by its shape — also when the
  recogniser read it as ``1`` or ``一``; a single stroke leaning right is the ``/`` filler, also
  when read as ``1``;
- anything else is read again from its crop (recognition only); what that yields is kept with
  its confidence capped at :data:`REREAD_CONFIDENCE`, below the review threshold: a second read
  of a mark the detector rejected is shown to a person, never silently trusted;
- ink that cannot be read leaves the cell marked doubtful, so a blank is flagged, not trusted.
"""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

from extractor.ingest.ocr.engine import BBox, TextBox

REREAD_MIN_CONFIDENCE = 0.5  # a second read below this is noise (RapidOCR's own text_score)
REREAD_CONFIDENCE = 0.7  # a dash read as "1" scored 0.86: second reads are always reviewed
DASH_CONFIDENCE = 0.9  # the placeholder recognised by shape: one thin horizontal stroke
RULE_FRAGMENT = 0.25  # line heights: a mark at the edge this thin is what is left of a rule
# line heights: smaller marks are speckle.  A lone "=" blurs into one 11 × 9 px mark on a 35 px
# line (0.31): at a third of a line it was dropped and the cell read blank.
MIN_MARK = 0.25

Reread = Callable[[BBox], tuple[str, float]]


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """Dark pixels, robust to uneven lighting (local mean threshold) and speckle (median)."""
    binary = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 18)
    return cv2.medianBlur(binary, 3)


def stray_marks(binary: np.ndarray, cell: BBox, unit: float, boxes: list[TextBox]) -> list[BBox]:
    """Marks in the cell that no text box covers, grouped into printed lines (top to bottom).

    Only marks at least :data:`MIN_MARK` of a text line long or tall count (speckle is smaller), and
    thin marks touching the inspected area's edge are rule fragments.  A thick one is a glyph
    printed close to a rule: in rows no taller than a text line, a lone ``≧`` in a 指标性质
    cell reaches within the margin of the cell's bottom rule, and dropping it lost the operator.
    """
    x0, y0, x1, y1 = cell
    m = max(4.0, 0.15 * unit)  # clear of the rules (±2 px after levelling, 2–4 px thick), not of the text
    a, b, c, d = int(y0 + m), int(y1 - m), int(x0 + m), int(x1 - m)
    if b - a < 4 or d - c < 4:
        return []
    patch = binary[a:b, c:d]
    n, _labels, stats, _ = cv2.connectedComponentsWithStats(patch, connectivity=8)
    marks: list[BBox] = []
    for k in range(1, n):
        x, y, w, h, _area = stats[k]
        touching = x == 0 or y == 0 or x + w >= patch.shape[1] or y + h >= patch.shape[0]
        if max(w, h) < MIN_MARK * unit or (touching and min(w, h) <= RULE_FRAGMENT * unit):
            continue
        mark = (float(c + x), float(a + y), float(c + x + w), float(a + y + h))
        if not any(_covered(mark, box.bbox) for box in boxes):
            marks.append(mark)
    return _lines(marks)


def _covered(mark: BBox, box: BBox) -> bool:
    ix = min(mark[2], box[2] + 3) - max(mark[0], box[0] - 3)
    iy = min(mark[3], box[3] + 3) - max(mark[1], box[1] - 3)
    area = (mark[2] - mark[0]) * (mark[3] - mark[1])
    return ix > 0 and iy > 0 and ix * iy >= 0.3 * area


def _lines(marks: list[BBox]) -> list[BBox]:
    """Union boxes of marks that overlap vertically: one per printed line."""
    lines: list[list[float]] = []
    for mk in sorted(marks, key=lambda b: b[1]):
        if lines and mk[1] < lines[-1][3]:
            ln = lines[-1]
            ln[0], ln[1], ln[2], ln[3] = min(ln[0], mk[0]), min(ln[1], mk[1]), max(ln[2], mk[2]), max(ln[3], mk[3])
        else:
            lines.append(list(mk))
    return [(ln[0], ln[1], ln[2], ln[3]) for ln in lines]


def is_dash(mark: BBox, unit: float) -> bool:
    w, h = mark[2] - mark[0], mark[3] - mark[1]
    return h <= 0.2 * unit and 0.4 * unit <= w <= 2.5 * unit and w >= 4 * h


# Single characters a placeholder dash is read as; "1" and "l" are upright strokes, so the ink
# tells them apart from the dash (a dash read as "1" at 0.86 was the one trusted error it fixes).
DASH_READINGS = frozenset({"1", "l", "I", "|", "一", "-", "_", "ー", "－", "–", "—"})


def _inner_patch(binary: np.ndarray, box: TextBox, cell: BBox, unit: float) -> np.ndarray:
    """The ink of ``box`` inside the cell's rules (the detector's box often reaches them)."""
    m = max(4.0, 0.15 * unit)
    x0, y0 = int(max(box.bbox[0], cell[0] + m)), int(max(box.bbox[1], cell[1] + m))
    x1, y1 = int(min(box.bbox[2], cell[2] - m)), int(min(box.bbox[3], cell[3] - m))
    return binary[max(0, y0) : max(0, y1), max(0, x0) : max(0, x1)]


def dash_by_shape(binary: np.ndarray, box: TextBox, cell: BBox, unit: float) -> bool:
    """Whether the only mark in a one-character box is a thin horizontal stroke: a dash.

    The box is looked at inside the cell's rules only: the detector's box often reaches them.
    """
    patch = _inner_patch(binary, box, cell, unit)
    if patch.size == 0:
        return False
    _n, _labels, stats, _ = cv2.connectedComponentsWithStats(patch, connectivity=8)
    marks = [(float(x), float(y), float(x + w), float(y + h)) for x, y, w, h, _ in stats[1:] if max(w, h) >= unit / 4]
    return len(marks) == 1 and is_dash(marks[0], unit)


# Single characters the filler ``/`` is read as: an upright stroke, so the ink tells them apart.
SLASH_READINGS = frozenset({"1", "l", "I", "|", "/"})  # not "7": its stem leans like a slash
SLASH_LEAN = 0.12  # the top third this share of the height right of the bottom third: a slash (0.18 seen)


def slash_by_shape(binary: np.ndarray, box: TextBox, cell: BBox, unit: float) -> bool:
    """Whether the only mark in a one-character box is a stroke leaning right: the ``/`` filler.

    A ``/`` in an empty cell is read as ``1`` with confidence 0.67–0.72 — a plausible score
    or weight, a wrong number nobody is told about.  A ``1`` stands upright (its flag leans the
    top left, if anything); a ``/`` leans right (its top third sits ~0.18 of its height right of
    its bottom third on the generated scans).
    """
    patch = _inner_patch(binary, box, cell, unit)
    if patch.size == 0:
        return False
    n, labels, stats, _ = cv2.connectedComponentsWithStats(patch, connectivity=8)
    big = [k for k in range(1, n) if max(stats[k][2], stats[k][3]) >= unit / 4]
    if len(big) != 1 or stats[big[0]][3] < unit / 3:
        return False
    ys, xs = np.nonzero(labels == big[0])
    top, bottom = ys.min(), ys.max()
    third = max(1, (bottom - top) // 3)
    upper, lower = xs[ys <= top + third], xs[ys >= bottom - third]
    return bool(upper.mean() - lower.mean() >= SLASH_LEAN * (bottom - top + 1))


def _crop_box(mark: BBox, cell: BBox, unit: float) -> BBox:
    """The mark with white around it, as the recogniser expects a line, kept inside the cell's rules."""
    pad, rule = 0.25 * unit, max(2.0, 0.08 * unit)
    cy, half = (mark[1] + mark[3]) / 2, max(mark[3] - mark[1], 0.6 * unit) / 2 + pad
    return (
        max(cell[0] + rule, mark[0] - pad),
        max(cell[1] + rule, cy - half),
        min(cell[2] - rule, mark[2] + pad),
        min(cell[3] - rule, cy + half),
    )


def recover(
    binary: np.ndarray, cell: BBox, unit: float, boxes: list[TextBox], reread: Reread
) -> tuple[list[TextBox], bool]:
    """Text boxes for the cell's stray marks, and whether some ink could not be read at all."""
    found: list[TextBox] = []
    unread = False
    for mark in stray_marks(binary, cell, unit, boxes):
        if not boxes and is_dash(mark, unit):
            found.append(TextBox("—", mark, DASH_CONFIDENCE))
            continue
        if not boxes and slash_by_shape(binary, TextBox("/", mark, 1.0), cell, unit):
            found.append(TextBox("/", mark, DASH_CONFIDENCE))
            continue
        text, conf = reread(_crop_box(mark, cell, unit))
        text = text.strip()
        if text and conf >= REREAD_MIN_CONFIDENCE:
            found.append(TextBox(text, mark, min(conf, REREAD_CONFIDENCE)))
        else:
            unread = True
    return found, unread
