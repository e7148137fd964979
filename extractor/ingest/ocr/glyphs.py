"""Tells ``≧ ≦`` from ``≥ ≤`` (and ``═`` from a minus) by the ink, where the recogniser cannot.

PP-OCR's dictionary holds ``≧`` and ``≦``, but on a scan it reads the double-barred glyphs as
``≥`` / ``≤``: the two bars under the chevron blur into one thick bar.  The printed text must
stay as printed (the operator itself is normalised by the readers either way), so the glyph is
measured: the operator is the leftmost ink of the box, and under its chevron lies the bar block
— the rows, up from the glyph's lowest ink, where one run of ink spans most of its width.  Two
bars, blurred together or not, lie flat and cover about a fifth of the glyph's height or more;
one bar is thinner, or tilted where the font draws ``≥`` as ``⩾``.

The measure decides only when it is clear; between the bounds the reading is kept and its
confidence capped below the review threshold, so a person looks at it.
"""

from __future__ import annotations

import cv2
import numpy as np

from extractor.ingest.ocr.engine import BBox, TextBox

# Seed 29: ``≧ ≦`` 0.21–0.30 thick, slant ≤ 0.05; ``≥ ≤`` drawn ⩾ ⩽, slant ±0.22–0.28.
SINGLE_BAR = 0.14  # bar block at most this thick: one bar
DOUBLE_BAR = 0.2  # at least this thick, and flat: two bars
SLANTED = 0.15  # one end of the bar this much lower than the other: a tilted single bar (⩾ ⩽)
FLAT = 0.1
BAR_SPAN = 0.6  # a bar row: one run of ink over this share of the glyph's width
UNSURE_CONFIDENCE = 0.6  # below the review threshold: the glyph could not be told

EQUALS_WIDTH = 0.55  # line heights: a bar at least this wide is no minus (−: ~0.46, -: ~0.3)
EQUALS_THICK = 0.11  # and at least this thick (a minus stroke: ~0.05–0.08)
MINUS_READINGS = frozenset("-－–")

DOUBLE = {"≥": "≧", "≤": "≦"}
BARLESS = {">": "≥", "<": "≤"}


def restore_operator(binary: np.ndarray, box: TextBox, cell: BBox, unit: float) -> TextBox:
    """The operator opening a box as printed: double bars, a bar the recogniser missed, ``═``."""
    return restore_equals(binary, restore_double_bars(binary, box, cell, unit), cell, unit)


def restore_equals(binary: np.ndarray, box: TextBox, cell: BBox, unit: float) -> TextBox:
    """``═100`` read as ``-100``: the double bar blurs into one bar, read as a minus.

    A minus or hyphen is a short thin stroke (a third to half a line wide); the blurred ``═`` is a
    bar over half a line wide and twice a stroke thick (seed 29: 0.61–0.63 × 0.13–0.16 of the
    line).  Only such a bar before a digit is taken for ``═``, and the guess is flagged.
    """
    text = box.text.lstrip()
    if text[:1] not in MINUS_READINGS or not text[1:2].isdigit():
        return box
    glyph = operator_glyph(binary, box.bbox, cell, unit)
    if glyph is None:
        return box
    width, height = (glyph[2] - glyph[0]) / unit, (glyph[3] - glyph[1]) / unit
    if width >= EQUALS_WIDTH and EQUALS_THICK <= height <= 0.3:
        return TextBox("═" + text[1:], box.bbox, min(box.confidence, UNSURE_CONFIDENCE))
    return box


def restore_double_bars(binary: np.ndarray, box: TextBox, cell: BBox, unit: float) -> TextBox:
    """The box with the operator printed: ``≥``/``≤`` read for ``≧``/``≦``, ``>``/``<`` for ``≥``/``≤``.

    A ``>`` whose bar was missed (the tilted bar of ``⩾``) has a bar block like ``≥``; a real
    ``>`` has none: its lower arm ends in a short run.  Unclear glyphs keep their reading with
    the confidence capped below the review threshold.
    """
    text = box.text.lstrip()
    first = text[:1]
    if first not in DOUBLE and (first not in BARLESS or text[1:2] == "="):
        return box
    double = double_barred(binary, box.bbox, cell, unit)
    if first in BARLESS:
        if double is False and not _has_bar(binary, box.bbox, cell, unit):
            return box
        first = BARLESS[first]
        if double is None:
            return TextBox(first + text[1:], box.bbox, min(box.confidence, UNSURE_CONFIDENCE))
    if double is None:
        return TextBox(box.text, box.bbox, min(box.confidence, UNSURE_CONFIDENCE))
    return TextBox((DOUBLE[first] if double else first) + text[1:], box.bbox, box.confidence)


def _has_bar(binary: np.ndarray, box: BBox, cell: BBox, unit: float) -> bool:
    glyph = operator_glyph(binary, box, cell, unit)
    return glyph is not None and bar_shape(binary, glyph)[0] > SINGLE_BAR


def double_barred(binary: np.ndarray, box: BBox, cell: BBox, unit: float) -> bool | None:
    """Whether the operator opening the box has two bars (True), one (False), or unclear (None)."""
    glyph = operator_glyph(binary, box, cell, unit)
    if glyph is None:
        return None
    thick, slant = bar_shape(binary, glyph)
    if abs(slant) >= SLANTED or thick <= SINGLE_BAR:
        return False
    if thick >= DOUBLE_BAR and abs(slant) <= FLAT:
        return True
    return None


def operator_glyph(binary: np.ndarray, box: BBox, cell: BBox, unit: float) -> BBox | None:
    """The ink of the first character of a box: its leftmost connected marks that overlap.

    The box is looked at inside the cell's rules only: the detector's box often reaches them.
    """
    m = max(4.0, 0.15 * unit)
    x0, y0 = int(max(box[0], cell[0] + m)), int(max(box[1], cell[1] + m))
    x1, y1 = int(min(box[2], cell[2] - m)), int(min(box[3], cell[3] - m))
    x1 = min(x1, x0 + int(1.2 * unit))  # the first character only: a glyph is at most ~1 line height wide
    patch = binary[max(0, y0) : max(0, y1), max(0, x0) : max(0, x1)]
    if patch.size == 0:
        return None
    n, _labels, stats, _ = cv2.connectedComponentsWithStats(patch, connectivity=8)
    marks = sorted((int(x), int(y), int(x + w), int(y + h)) for x, y, w, h, _a in stats[1:n] if max(w, h) >= unit / 6)
    if not marks:
        return None
    gx0, gy0, gx1, gy1 = marks[0]
    for mx0, my0, mx1, my1 in marks[1:]:
        if mx0 > gx1:  # the next character
            break
        gx0, gy0, gx1, gy1 = min(gx0, mx0), min(gy0, my0), max(gx1, mx1), max(gy1, my1)
    return (float(x0 + gx0), float(y0 + gy0), float(x0 + gx1), float(y0 + gy1))


def bar_shape(binary: np.ndarray, glyph: BBox) -> tuple[float, float]:
    """(thickness, slant) of the bar block under the chevron, as shares of the glyph's height.

    Slant: how much lower the ink reaches in the left quarter than in the right quarter.
    """
    x0, y0, x1, y1 = (int(v) for v in glyph)
    patch = binary[y0:y1, x0:x1] > 0
    height, width = patch.shape
    if height < 6 or width < 4:
        return 0.0, 0.0
    thick = 0
    for row in patch[::-1][: height // 2]:
        if _longest_run(row) >= BAR_SPAN * width:
            thick += 1
        elif thick:
            break
    quarter = max(1, width // 4)
    return thick / height, (_lowest(patch[:, :quarter]) - _lowest(patch[:, -quarter:])) / height


def _lowest(part: np.ndarray) -> int:
    rows = np.flatnonzero(part.any(axis=1))
    return int(rows[-1]) if rows.size else 0


def _longest_run(row: np.ndarray) -> int:
    best = run = 0
    for ink in row:
        run = run + 1 if ink else 0
        best = max(best, run)
    return best
