"""Cheap checks of an upload's declared cost and structure, before any reader is started.

:func:`check_bytes` is what the service intake calls after sniffing, so that a file that can
never be read (a corrupt or password-protected PDF, an image of 150 million pixels, a docx whose
XML is 150 MB) is refused at upload with the same one-line message the CLI prints, instead of
being accepted and failing in a worker.  Everything here reads headers, directories and counts:
milliseconds, whatever the file.  ``deep=True`` (the ingest path, in a worker) adds the checks
that must inflate data to count it: a PDF's streams, a docx's table cells, a sheet's cells; each
stops as soon as its limit is passed, so it costs at most the limit.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from extractor.errors import InputError, corrupt
from extractor.ingest.limits import DEFAULT_LIMITS, Limits, check, over_limit

_STREAM = re.compile(rb"stream\r?\n")
_ENDSTREAM = b"endstream"
_DOCX_CELL = re.compile(rb"<(?:\w+:)?tc[\s>/]")
_DOCX_ROW = re.compile(rb"<(?:\w+:)?tr[\s>/]")
_DOCX_PARAGRAPH = re.compile(rb"<(?:\w+:)?p[\s>/]")
_SHEET_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_SHEET_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_HTML_CELL = re.compile(rb"<t[dh][\s>/]", re.IGNORECASE)
_HTML_ROW = re.compile(rb"<tr[\s>/]", re.IGNORECASE)
_INFLATE_CHUNK = 1 << 20
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_WIDTH = re.compile(rb"/Width\s+(\d{1,9})")
_HEIGHT = re.compile(rb"/Height\s+(\d{1,9})")


def check_bytes(data: bytes, source: str, kind: str, limits: Limits = DEFAULT_LIMITS, *, deep: bool = False) -> None:
    """Raises ``InputError`` (``LimitError`` for a limit) when ``data`` of ``kind`` cannot be read
    within ``limits``; ``kind`` is what :func:`extractor.ingest.sniff.detect` returned."""
    if kind == "txt":
        # at most 4 bytes per character: more bytes than that are over the limit whatever they say
        check(limits, "max_text_chars", len(data) // 4, source, f"the text has at least {len(data) // 4:,} characters")
    elif kind in ("docx", "xlsx"):
        _check_package(data, source, kind, limits, deep)
    elif kind == "html":
        check(limits, "max_rows", len(_HTML_ROW.findall(data)), source)
        check(limits, "max_cells", len(_HTML_CELL.findall(data)), source)
    elif kind == "pdf":
        _check_pdf(data, source, limits)
        if deep:
            check_pdf_streams(data, source, limits)
    elif kind in ("png", "jpg", "tiff"):
        check_image_header(data, source, kind, limits)


def _check_package(data: bytes, source: str, kind: str, limits: Limits, deep: bool) -> None:
    """Declared part sizes (free), then, when ``deep``, the table cells the main parts hold."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise corrupt(source, kind, f"broken zip container: {exc}") from None
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            check(limits, "max_xml_bytes", info.file_size, source,
                  f"the part {info.filename} inflates to {info.file_size:,} bytes of XML",
                  fix="this is not a normal Office file; re-save the original document")
    if not deep:
        return
    if kind == "docx":  # the body, and headers, footers and notes: unstructured reads them all
        parts = [i.filename for i in infos if i.filename.startswith("word/") and i.filename.endswith(".xml")]
        cell, row = _DOCX_CELL, _DOCX_ROW
    else:
        parts = [i.filename for i in infos if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")]
        cell, row = _SHEET_CELL, _SHEET_ROW
    rows = cells = paragraphs = 0
    for name in parts:
        try:
            xml = archive.read(name)
        except (KeyError, zipfile.BadZipFile, OSError, ValueError, zlib.error) as exc:
            raise corrupt(source, kind, f"{name}: {exc}"[:200]) from None
        rows += len(row.findall(xml))
        cells += len(cell.findall(xml))
        if kind == "docx":
            paragraphs += len(_DOCX_PARAGRAPH.findall(xml))
    check(limits, "max_rows", rows, source)
    check(limits, "max_cells", cells, source)
    # every table cell holds at least one paragraph: what is left is (at least) the prose
    check(limits, "max_paragraphs", paragraphs - cells, source)


def _check_pdf(data: bytes, source: str, limits: Limits) -> None:
    """The PDF opens (pdfium, in C: milliseconds) and has no more pages than the limit."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError(
                "the PDF is password-protected",
                source=source,
                hint="remove the password (print to a new PDF) and upload again",
            ) from None
        raise corrupt(source, "pdf", str(exc)[:200]) from None
    try:
        n_pages = len(doc)
    finally:
        doc.close()
    if n_pages == 0:
        raise corrupt(source, "pdf", "it has no pages")
    check(limits, "max_pages", n_pages, source, f"the PDF has {n_pages:,} pages")


def check_pdf_streams(data: bytes, source: str, limits: Limits) -> None:
    """Refuses a PDF whose compressed streams inflate past ``limits.max_unzipped_bytes`` in all,
    or that holds an image of more than ``limits.max_pixels``.

    pdfminer inflates each stream whole in memory (a 1 MB PDF can hold 1 GB of zeros), so the
    streams are inflated here first, chunk by chunk, counting bytes and keeping none, and the
    count stops at the limit.  Streams that are not zlib data (fonts in other filters) count as
    their packed size.  Image streams are not counted: pdfminer never decodes them and pdfium
    decodes them to their declared size, so their declared pixels are checked instead (a scanned
    PDF with lossless page images legitimately inflates to hundreds of MB).
    """
    total = 0
    limit = limits.max_unzipped_bytes
    pos = 0
    while True:
        match = _STREAM.search(data, pos)
        if match is None:
            return
        start = match.end()
        end = data.find(_ENDSTREAM, start)
        if end < 0:
            end = len(data)
        head = data[max(0, match.start() - 4096):match.start()]
        head = head[head.rfind(b" obj") + 1:]  # this stream's dictionary
        if _IMAGE.search(head):
            width, height = (int(m.group(1)) if (m := key.search(head)) else 0 for key in (_WIDTH, _HEIGHT))
            check_pixels(width * height, source, limits, f"an image in the PDF is {width:,} × {height:,} pixels")
            pos = end + len(_ENDSTREAM)
            continue
        total += _inflated_size(data, start, end, limit - total + 1)
        if total > limit:
            raise over_limit("max_unzipped_bytes", total, limit, source,
                             f"the PDF's streams inflate to over {limit:,} bytes",
                             fix="this is not a normal PDF; print the original to a new PDF")
        pos = end + len(_ENDSTREAM)


def _inflated_size(data: bytes, start: int, end: int, budget: int) -> int:
    """Bytes the zlib stream at ``data[start:end]`` inflates to, counting at most ``budget``.

    Output is produced 1 MB at a time and dropped, so memory stays flat whatever the ratio.
    """
    inflater = zlib.decompressobj()
    out = 0
    pos = start
    try:
        while pos < end and out < budget and not inflater.eof:
            pending = data[pos:min(end, pos + _INFLATE_CHUNK)]
            pos += len(pending)
            while pending and out < budget:
                out += len(inflater.decompress(pending, min(_INFLATE_CHUNK, budget - out)))
                pending = inflater.unconsumed_tail
    except zlib.error:
        return end - start if out == 0 else out
    return out


def check_image_header(data: bytes, source: str, kind: str, limits: Limits) -> None:
    """Pixels and frames from the image header, before a single pixel is decoded.

    Pillow only warns below twice ``Image.MAX_IMAGE_PIXELS`` and refuses above it whatever the
    configured limit; this hard cap replaces it (as in :mod:`extractor.ingest.ocr.render`).
    """
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = None
    try:
        with Image.open(io.BytesIO(data)) as img:
            n_frames = getattr(img, "n_frames", 1)
            check(limits, "max_scan_pages", n_frames, source, f"the scan has {n_frames:,} pages",
                  fix="send the pages that hold the performance forms")
            for i in range(n_frames):
                img.seek(i)
                width, height = img.size
                check_pixels(width * height, source, limits, f"image {i + 1} is {width:,} × {height:,} pixels")
    except (UnidentifiedImageError, OSError, ValueError, EOFError) as exc:
        raise corrupt(source, kind.upper(), str(exc)[:200]) from None


def check_pixels(pixels: int, source: str, limits: Limits, what: str) -> None:
    """The hard pixel cap for one image or rendered page."""
    check(limits, "max_pixels", pixels, source, what, fix="scan at 200-300 dpi or send the page as a smaller image")
