"""Refusing a corrupt PDF at upload, as a corrupt docx is refused, at a bounded cost.

The pipeline reads PDFs with pdfminer; a file it cannot open used to be accepted (202) and fail
in the worker.  This check opens what the reader opens first — header, cross-reference table,
trailer, catalogue, first page object — with the same parser, without interpreting a page.

Why not simply ``PDFDocument(...)``: on a damaged cross-reference table pdfminer falls back to
parsing every object of the file, about 3 s per MB of hostile ``1 0 obj`` lines (115 s for
40 MB), and looks for ``startxref`` by reading the whole file backwards line by line; neither
belongs in a request.  So:

1. ``startxref`` in the last 4 KB (where every writer puts it): the table is read directly,
   without the fallback (milliseconds).  A well-formed file is decided here.
2. Otherwise (or if that read fails) the file needs repair.  Up to ``REPAIR_CHECK_BYTES`` the
   repair scan the worker would run decides (under 2 s in the worst case); a larger file is
   refused only when its bytes hold no object header or no ``/Root`` at all (C-speed searches)
   and else left to the worker, which runs under its own limits — refusing a large but
   repairable scan would lose a readable document.

Not pypdfium2, though it is fast: PDFium is not thread-safe, and the worker threads may be
rendering with it while this runs in the request thread pool.
"""

from __future__ import annotations

import io
import re

from extractor.errors import InputError, corrupt

TAIL_BYTES = 4096
REPAIR_CHECK_BYTES = 500_000
_OBJECT_HEADER = re.compile(rb"\d+\s+\d+\s+obj\b")


def check_pdf_structure(data: bytes, source: str) -> None:
    """Raises ``InputError`` for a PDF that is corrupt, has no pages or needs a password."""
    if b"startxref" in data[-TAIL_BYTES:] and _opens(data, source, repair=False):
        return
    if len(data) <= REPAIR_CHECK_BYTES:
        _opens(data, source, repair=True)  # raises unless the repair scan finds a first page
        return
    if b"/Root" not in data or _OBJECT_HEADER.search(data) is None:  # the cheap search first
        raise corrupt(source, "pdf", "no PDF objects or document catalogue were found in it")


def _opens(data: bytes, source: str, *, repair: bool) -> bool:
    """True when pdfminer opens the file and finds a first page.

    Without ``repair`` a failure returns False (the caller tries harder); with it, the failure
    is the verdict and raises.  A password always raises.
    """
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="", fallback=repair)
        first = next(PDFPage.create_pages(document), None)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(
            "the PDF is password-protected",
            source=source,
            hint="remove the password (print to a new PDF) and upload again",
        ) from None
    except Exception as exc:  # noqa: BLE001 - parser boundary on untrusted bytes
        if not repair:
            return False
        raise corrupt(source, "pdf", f"{type(exc).__name__}: {exc}"[:200]) from None
    if first is None:
        raise corrupt(source, "pdf", "it has no pages")
    return True
