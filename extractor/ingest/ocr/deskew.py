"""Straightens a scanned page before OCR and table detection.

Ruling-line detection works with horizontal and vertical morphological kernels, and text boxes
are assigned to cells by axis-aligned rectangles, so both need the page square to the axes:
a 2° tilt moves a line 58 px across an A4 table width at 200 dpi, two rows' worth.

The angle is found by projection profiles (the classic document-skew method): rotate a small
binarised copy through candidate angles and keep the one whose row sums are the most peaked.
Table rules and text lines both make sharp peaks when level, so this needs no text or table
detection first.  Scans are tilted by at most a few degrees; :data:`MAX_ANGLE` bounds the search
so a page with no structure is never turned far.
"""

from __future__ import annotations

import cv2
import numpy as np

MAX_ANGLE = 5.0  # degrees searched either way (the forms arrive within ±3°)
COARSE_STEP = 0.25
FINE_STEP = 0.05
MIN_ANGLE = 0.1  # below this the rotation would only blur the page (level pages measure ±0.05)
WORK_WIDTH = 900  # width of the copy the search runs on


def estimate_skew(gray: np.ndarray) -> float:
    """The rotation (degrees, OpenCV's counter-clockwise convention) that levels the page."""
    h, w = gray.shape[:2]
    f = min(1.0, WORK_WIDTH / w)
    small = cv2.resize(gray, (max(1, round(w * f)), max(1, round(h * f))), interpolation=cv2.INTER_AREA)
    binary = cv2.adaptiveThreshold(small, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 15, 10)
    if binary.sum() < 50:
        return 0.0
    best = _best(binary, np.arange(-MAX_ANGLE, MAX_ANGLE + 1e-9, COARSE_STEP))
    return round(_best(binary, np.arange(best - COARSE_STEP, best + COARSE_STEP + 1e-9, FINE_STEP)), 2)


def _best(binary: np.ndarray, angles: np.ndarray) -> float:
    scores = [_score(binary, float(a)) for a in angles]
    return float(angles[int(np.argmax(scores))])


def _score(binary: np.ndarray, angle: float) -> float:
    """Peakedness of the row profile: sum of squared differences between adjacent rows."""
    h, w = binary.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), float(angle), 1.0)
    rotated = cv2.warpAffine(binary, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    rows = rotated.sum(axis=1, dtype=np.int64)
    diff = np.diff(rows)
    return float(np.dot(diff, diff))


def rotation_matrix(shape: tuple[int, ...], angle: float) -> np.ndarray:
    h, w = shape[:2]
    return cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)


def deskew(image: np.ndarray) -> tuple[np.ndarray, float]:
    """The page rotated level (same size, white fill) and the angle that was undone."""
    gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    angle = estimate_skew(gray)
    if abs(angle) < MIN_ANGLE:
        return image, 0.0
    h, w = image.shape[:2]
    fill = 255 if image.ndim == 2 else (255, 255, 255)
    level = cv2.warpAffine(image, rotation_matrix(image.shape, angle), (w, h), flags=cv2.INTER_LINEAR, borderValue=fill)
    return level, angle


def unrotate_bbox(
    bbox: tuple[float, float, float, float], shape: tuple[int, ...], angle: float
) -> tuple[float, float, float, float]:
    """Map a box on the levelled page back to the page as it was scanned (enclosing box)."""
    if angle == 0.0:
        return bbox
    inverse = cv2.invertAffineTransform(rotation_matrix(shape, angle))
    x0, y0, x1, y1 = bbox
    pts = np.array([[x0, y0, 1], [x1, y0, 1], [x1, y1, 1], [x0, y1, 1]], dtype=np.float64)
    mapped = pts @ inverse.T
    return (
        float(mapped[:, 0].min()),
        float(mapped[:, 1].min()),
        float(mapped[:, 0].max()),
        float(mapped[:, 1].max()),
    )
