"""Turns an uploaded scan (PNG, JPG, multi-page TIFF, image-only PDF) into page images.

Every page comes out as an upright-by-EXIF BGR ``uint8`` array at a working resolution: phone
photos (12 MP and more) are scaled down so the long side is at most :data:`MAX_SIDE` pixels,
because OCR time grows with the area while A4 text at ~200 dpi is already ~25 px tall; tiny
images are scaled up to :data:`MIN_SIDE`.  The scale is kept so cell boxes can be reported in the
pixels of the page as uploaded (for PDFs: the page rendered at :data:`PDF_DPI`).
"""

from __future__ import annotations

import io
from collections.abc import Collection, Iterator
from dataclasses import dataclass

import numpy as np

from extractor.errors import InputError, corrupt
from extractor.ingest.limits import DEFAULT_LIMITS, Limits, check, over_limit

PDF_DPI = 200  # A4 → 1654 × 2339 px; 9 pt text ≈ 25 px tall, comfortably inside PP-OCR's range
MAX_SIDE = 2400
MIN_SIDE = 1000
# A performance form is a few pages; a 300-page scan is a mistake or an attack.  Pixels are
# checked from the header (or the page size for PDFs) before anything is decoded: Pillow's own
# MAX_IMAGE_PIXELS only warns below twice its value.  Both are Limits (max_scan_pages, max_pixels).
MAX_PAGES = DEFAULT_LIMITS.max_scan_pages
MAX_PIXELS = DEFAULT_LIMITS.max_pixels

ImageKind = str  # "png" | "jpg" | "tiff" | "pdf"


@dataclass(slots=True)
class PageImage:
    """One page ready for OCR, and how its pixels relate to the page as uploaded."""

    number: int  # 1-based
    image: np.ndarray  # BGR uint8, working resolution
    scale: float  # working pixels per uploaded pixel
    width: int  # uploaded (or rendered) page size in pixels
    height: int
    dpi: float | None


def load_pages(
    data: bytes, kind: ImageKind, source: str, pages: Collection[int] | None = None, *, limits: Limits = DEFAULT_LIMITS
) -> Iterator[PageImage]:
    """Yield the pages of a scan (only the 1-based ``pages`` when given).

    Raises ``InputError`` for unreadable input, ``LimitError`` for too many pages or pixels.
    """
    if kind == "pdf":
        yield from _pdf_pages(data, source, pages, limits)
    elif kind in ("png", "jpg", "jpeg", "tiff", "tif"):
        yield from _image_pages(data, kind, source, pages, limits)
    else:
        raise InputError(f"not a scan type ({kind})", source=source, hint="send a PNG, JPG, TIFF or scanned PDF")


def _image_pages(
    data: bytes, kind: str, source: str, pages: Collection[int] | None, limits: Limits
) -> Iterator[PageImage]:
    from PIL import Image, ImageOps, UnidentifiedImageError

    from extractor.ingest.precheck import check_pixels

    Image.MAX_IMAGE_PIXELS = None  # the hard cap below replaces Pillow's warning
    try:
        img = Image.open(io.BytesIO(data))
        n_frames = getattr(img, "n_frames", 1)
    except (UnidentifiedImageError, OSError) as exc:
        raise corrupt(source, kind.upper(), str(exc)) from exc
    if n_frames > limits.max_scan_pages:
        raise _too_many_pages(source, n_frames, limits)
    for i in range(n_frames):
        if pages is not None and i + 1 not in pages:
            continue
        try:
            img.seek(i)
            width, height = img.size  # from the header: nothing is decoded yet
            check_pixels(width * height, source, limits, f"page {i + 1} is {width:,} × {height:,} pixels")
            frame = ImageOps.exif_transpose(img)  # phone photos store "rotate 90°" as a tag
            dpi = frame.info.get("dpi", (None, None))[0]
            rgb = np.asarray(frame.convert("RGB"))
        except (OSError, ValueError) as exc:
            raise corrupt(source, kind.upper(), str(exc)) from exc
        yield _page(i + 1, rgb[:, :, ::-1], float(dpi) if dpi else None)


def _pdf_pages(data: bytes, source: str, pages: Collection[int] | None, limits: Limits) -> Iterator[PageImage]:
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise corrupt(source, "PDF", str(exc)) from exc
    try:
        if len(doc) > limits.max_scan_pages:
            raise _too_many_pages(source, len(doc), limits)
        scale = PDF_DPI / 72
        for i in range(len(doc)):
            if pages is not None and i + 1 not in pages:
                continue
            page = doc[i]
            w, h = page.get_size()
            pixels = round(w * scale) * round(h * scale)
            check(limits, "max_pixels", pixels, source, f"page {i + 1} renders to {pixels:,} pixels at {PDF_DPI} dpi",
                  fix="send the page as an image")
            pil = page.render(scale=scale).to_pil().convert("RGB")
            page.close()
            yield _page(i + 1, np.asarray(pil)[:, :, ::-1], float(PDF_DPI))
    finally:
        doc.close()


def _page(number: int, bgr: np.ndarray, dpi: float | None) -> PageImage:
    import cv2

    h, w = bgr.shape[:2]
    long_side = max(h, w)
    scale = 1.0
    if long_side > MAX_SIDE:
        scale = MAX_SIDE / long_side
    elif long_side < MIN_SIDE:
        scale = MIN_SIDE / long_side
    if scale != 1.0:
        interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
        bgr = cv2.resize(bgr, (round(w * scale), round(h * scale)), interpolation=interp)
    return PageImage(number, np.ascontiguousarray(bgr), scale, w, h, dpi)


def _too_many_pages(source: str, n: int, limits: Limits) -> InputError:
    return over_limit("max_scan_pages", n, limits.max_scan_pages, source, f"the scan has {n:,} pages",
                      fix="send the pages that hold the performance forms")
