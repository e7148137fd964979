"""Decides what an upload is from its bytes, and refuses what must not reach a parser.

Uploads arrive with wrong or missing names (``报表.xls`` that is really html, a docx saved as
``.doc``, pasted text named ``upload.bin``), so the bytes decide and the file name only breaks
ties.  Everything that would make a parser crash, hang or eat memory is refused here, before any
parsing: empty files, oversized files, password-protected Office files, zip bombs, legacy binary
Office formats and junk.  Each refusal is an :class:`~extractor.errors.InputError` whose message
says what was wrong and what to do.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath
from typing import Literal

from extractor.errors import InputError, LimitError, corrupt, empty_input, too_large, unsupported_type
from extractor.ingest.limits import DEFAULT_LIMITS, Limits

MediaKind = Literal["txt", "docx", "xlsx", "html", "pdf", "png", "jpg", "tiff"]

DEFAULT_MAX_BYTES = DEFAULT_LIMITS.max_bytes  # decimal MB, as the error messages print them
# Zip-bomb limits: a real 2-3 page form docx inflates to well under 5 MB; a long 决算 report
# with images to a few tens of MB (the total is ``Limits.max_unzipped_bytes``).  Small parts
# legitimately compress more than 100× (empty styles, repeated table XML), so the ratio rule
# only applies once the total is large.
MAX_UNZIPPED_BYTES = DEFAULT_LIMITS.max_unzipped_bytes
MAX_RATIO = 100
RATIO_APPLIES_ABOVE = 20_000_000
MAX_ZIP_MEMBERS = 10_000

# Extensions under which plain text (or html) is accepted; anything else holding text is refused
# because a renamed binary format that failed its own checks would otherwise be read as text.
TEXT_EXTENSIONS = {"", ".txt", ".text", ".md", ".csv", ".tsv", ".log"}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml"}
OOXML_EXTENSIONS = {".docx": "docx", ".xlsx": "xlsx", ".docm": "docx", ".xlsm": "xlsx"}

_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Tags that make a text an html document whatever its name, and tags that only do so when the
# name does not say "plain text" (pasted text may quote a stray <p> or <div>).
_HTML_STRONG = re.compile(r"<\s*(!doctype\s+html|html|body|table)[\s>/]", re.I)
_HTML_WEAK = re.compile(r"<\s*(head|meta|div|p|tr|td)[\s>/]", re.I)


def detect(
    data: bytes, filename: str | None = None, *, limit: int = DEFAULT_MAX_BYTES, limits: Limits = DEFAULT_LIMITS
) -> MediaKind:
    """Returns the media kind of ``data`` or raises an ``InputError`` saying why it cannot be read.

    ``limit`` is the byte limit; ``limits`` bounds what a text may decode to and what a zip may
    inflate to.
    """
    source = filename or "<upload>"
    if not data.strip():
        raise empty_input(source)
    if len(data) > limit:
        raise too_large(source, len(data), limit)
    ext = PurePath(filename).suffix.lower() if filename else ""

    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _detect_ooxml(data, source, ext, limits)
    if data.startswith(_CFB_MAGIC):
        raise _compound_file_error(data, source)
    if data.startswith(b"{\\rtf"):
        raise unsupported_type(source, "RTF document; save it as .docx")

    text = _as_text(data, source)
    if text is None:
        if ext in OOXML_EXTENSIONS or ext in {".pdf", ".doc", ".xls"}:
            raise corrupt(source, ext.lstrip("."), "the bytes are not a document of that type")
        raise unsupported_type(source, _describe_binary(ext))
    sample = text[:65536]
    if ext in HTML_EXTENSIONS or _HTML_STRONG.search(sample):
        return "html"
    if _HTML_WEAK.search(sample) and ext not in TEXT_EXTENSIONS - {""}:
        return "html"
    if ext in OOXML_EXTENSIONS or ext == ".pdf":
        raise corrupt(source, ext.lstrip("."), "it holds plain text, not a document of that type")
    if ext not in TEXT_EXTENSIONS:
        raise unsupported_type(source, f"unknown extension {ext}")
    return "txt"


def _as_text(data: bytes, source: str) -> str | None:
    """The decoded text when the bytes are text (same decoder as the txt path), else ``None``.

    The length limit is not applied here: the txt and html readers apply it after sniffing.
    """
    from extractor.ingest.text_decode import decode_text

    try:
        return decode_text(data, source, None)[0]
    except InputError:
        return None


def _describe_binary(ext: str) -> str:
    if ext:
        return f"binary data of no known format, named {ext}"
    return "binary data of no known format"


def _detect_ooxml(data: bytes, source: str, ext: str, limits: Limits) -> MediaKind:
    """Tells docx from xlsx by the zip's parts, after checking the archive is safe to open."""
    kind_hint = OOXML_EXTENSIONS.get(ext, "docx/xlsx")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise corrupt(source, kind_hint, f"broken zip container: {exc}") from None
    check_zip_bomb(infos, len(data), source, limits)
    names = {info.filename for info in infos}
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "[Content_Types].xml" in names:
        if any(n.startswith("ppt/") for n in names):
            raise unsupported_type(source, "PowerPoint .pptx")
        raise corrupt(source, kind_hint, "an Office package without a document or workbook part")
    if ext in OOXML_EXTENSIONS:
        raise corrupt(source, kind_hint, "a zip archive without Office parts")
    raise unsupported_type(source, "zip archive; upload the documents inside it one by one")


def check_zip_bomb(infos: list[zipfile.ZipInfo], packed_size: int, source: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuses archives whose declared inflated size or compression ratio is implausible.

    Declared sizes come from the central directory, so this costs nothing; it runs before
    unstructured/openpyxl read a single part.  The declared sizes can be trusted: ``zipfile``
    stops inflating a member at its declared size (and fails its CRC if more was packed).
    """
    if len(infos) > MAX_ZIP_MEMBERS:
        raise _bomb(source, f"{len(infos)} parts in the package")
    total = sum(info.file_size for info in infos)
    if total > limits.max_unzipped_bytes:
        raise _bomb(source, f"it inflates to {total / 1e6:.0f} MB, over the {limits.max_unzipped_bytes / 1e6:.0f} MB limit")
    if total > RATIO_APPLIES_ABOVE and total > MAX_RATIO * max(packed_size, 1):
        raise _bomb(source, f"it inflates {total / max(packed_size, 1):.0f}× to {total / 1e6:.0f} MB")


def _bomb(source: str, detail: str) -> InputError:
    return LimitError(
        f"refused a compressed package that could exhaust memory ({detail})",
        source=source,
        hint="this is not a normal Office file; re-save the original document and upload that,"
        " or raise the limit (JIXIAO_MAX_UNZIPPED_BYTES)",
        limit="max_unzipped_bytes",
        setting="JIXIAO_MAX_UNZIPPED_BYTES",
    )


def _compound_file_error(data: bytes, source: str) -> InputError:
    """An OLE compound file: either an encrypted OOXML package or a legacy .doc/.xls."""
    streams = _cfb_stream_names(data)
    if "EncryptedPackage" in streams or "EncryptionInfo" in streams:
        return InputError(
            "the file is password-protected",
            source=source,
            hint="remove the password in Word/Excel/WPS (File → Info → Protect) and upload again",
        )
    if "WordDocument" in streams:
        return unsupported_type(source, "legacy Word .doc; save it as .docx")
    if "Workbook" in streams or "Book" in streams:
        return unsupported_type(source, "legacy Excel .xls; save it as .xlsx")
    return unsupported_type(source, "an OLE compound file that is neither Word nor Excel")


def _cfb_stream_names(data: bytes) -> set[str]:
    import olefile

    try:
        with olefile.OleFileIO(data) as ole:
            return {"/".join(entry) for entry in ole.listdir(streams=True, storages=False)}
    except Exception:  # noqa: BLE001 - a broken OLE header reads as "no known stream"
        return set()


def require_kind(data: bytes, source: str, expected: MediaKind, limits: Limits = DEFAULT_LIMITS) -> None:
    """Guards a format parser called directly: the bytes must be safe and of the expected kind.

    The size limit is the dispatcher's business (it calls :func:`detect` with its configured
    limit); here only emptiness, encryption, bombs and type mismatches are checked.
    """
    found = detect(data, source, limit=max(len(data), 1), limits=limits)
    if found != expected:
        raise corrupt(source, expected, f"the bytes are a {found} file")
