"""The page image of a scanned or PDF report, so the page can show where a cell was read.

OCR and PDF cells carry ``page`` and ``bbox`` (uploaded pixels for images, PDF points for PDFs,
origin top-left).  The browser cannot draw a TIFF or a PDF page, so this route renders the stored
upload's page as a PNG no larger than :data:`MAX_SIDE` pixels and says in ``X-Jixiao-Scale`` how
many image pixels one bbox unit is: the page scales the box by it, whatever the source was.
"""

from __future__ import annotations

import io

from fastapi import APIRouter, Depends, Path, Request, Response
from PIL import Image, ImageSequence

from extractor.service.auth import require_token
from extractor.service.problems import ProblemError
from extractor.service.store import Report, Store

router = APIRouter(prefix="/api")
MAX_SIDE = 1800  # pixels: sharp enough to read a cell, small enough to send quickly
MAX_PIXELS = 100_000_000  # a picture larger than this is not decoded again for a preview
_IMAGES = ("png", "jpg", "jpeg", "tif", "tiff", "image/")
_PDF = ("pdf",)


@router.get(
    "/reports/{report_id}/pages/{page}.png",
    dependencies=[Depends(require_token)],
    summary="One page of a scanned or PDF report as a PNG (X-Jixiao-Scale: image pixels per cell-box unit)",
    response_class=Response,
    responses={
        200: {"content": {"image/png": {"schema": {"type": "string", "format": "binary"}}}},
        404: {"content": {"application/problem+json": {}}},
    },
)
def page_image(request: Request, report_id: str, page: int = Path(ge=1, le=10_000)) -> Response:
    store: Store = request.app.state.store
    report = store.get(report_id)
    if report is None:
        raise ProblemError(404, "not-found", f"there is no report {report_id}", hint="GET /api/reports lists them")
    image, scale = _render(report, store.read_blob(report), page)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    headers = {"X-Jixiao-Scale": f"{scale:.6f}", "Cache-Control": "private, max-age=3600"}
    return Response(out.getvalue(), media_type="image/png", headers=headers)


def _render(report: Report, data: bytes, page: int) -> tuple[Image.Image, float]:
    """The page as an RGB picture and its pixels per bbox unit."""
    kind = (report.media_type or "").lower()
    if any(k in kind for k in _PDF):
        return _pdf_page(report, data, page)
    if any(k in kind for k in _IMAGES):
        return _image_page(report, data, page)
    raise ProblemError(
        404, "no-page-image", f"report {report.id} is {report.media_type}, which has no page images",
        hint="page images exist for scans (PNG, JPEG, TIFF) and PDFs",
    )


def _image_page(report: Report, data: bytes, page: int) -> tuple[Image.Image, float]:
    try:
        with Image.open(io.BytesIO(data)) as picture:
            if picture.width * picture.height > MAX_PIXELS:
                raise _unreadable(report, f"{picture.width}×{picture.height} pixels is more than {MAX_PIXELS:,}")
            frames = ImageSequence.Iterator(picture)
            for number, frame in enumerate(frames, start=1):
                if number == page:
                    return _fit(frame.convert("RGB"), 1.0)
    except (OSError, ValueError, Image.DecompressionBombError) as exc:  # a damaged upload
        raise _unreadable(report, str(exc)) from exc
    raise _no_page(report, page)


def _pdf_page(report: Report, data: bytes, page: int) -> tuple[Image.Image, float]:
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise _unreadable(report, str(exc)) from exc
    try:
        if page > len(doc):
            raise _no_page(report, page)
        pdf_page = doc[page - 1]
        width, height = pdf_page.get_size()
        scale = min(2.0, MAX_SIDE / max(width, height, 1))
        image = pdf_page.render(scale=scale).to_pil().convert("RGB")
        pdf_page.close()
        return image, scale
    finally:
        doc.close()


def _fit(image: Image.Image, scale: float) -> tuple[Image.Image, float]:
    long_side = max(image.size)
    if long_side <= MAX_SIDE:
        return image, scale
    factor = MAX_SIDE / long_side
    size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
    return image.resize(size, Image.Resampling.LANCZOS), scale * factor


def _no_page(report: Report, page: int) -> ProblemError:
    return ProblemError(404, "no-such-page", f"report {report.id} has no page {page}",
                        hint="pages are numbered from 1, as in the cells' page")


def _unreadable(report: Report, detail: str) -> ProblemError:
    return ProblemError(422, "no-page-image", f"the upload of report {report.id} cannot be drawn as a page: {detail}",
                        hint="the extraction result is unaffected; open the original file to see the page")
