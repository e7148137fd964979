"""The upload-time PDF check: corrupt files refused, readable ones (damaged included) accepted."""

from __future__ import annotations

import io
import re

import pytest
from fixtures import make_docs

from extractor.errors import InputError
from extractor.ingest.pdf import pdf_blocks
from extractor.service import pdfcheck
from extractor.service.pdfcheck import check_pdf_structure

GOOD = make_docs.make_pdf()
OBJECTS = b"1 0 obj\n<< /Type /Page >>\nendobj\n"


@pytest.mark.parametrize(
    "data",
    [GOOD, GOOD.replace(b"%%EOF", b""), b"\n" * 10 + GOOD],  # well-formed; no %%EOF; offsets shifted (repaired)
)
def test_readable_pdfs_pass_and_the_reader_agrees(data: bytes) -> None:
    check_pdf_structure(data, "form.pdf")
    blocks, _ = pdf_blocks(data, "form.pdf")
    assert blocks


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (GOOD[: len(GOOD) // 2], "corrupt"),
        (b"%PDF-1.4\n" + bytes(range(256)) * 20, "corrupt"),
        (b"%PDF-1.7\n%%EOF\n", "corrupt"),
        (re.sub(rb"/Type /Page(?!s)", b"/Type /Pagx", GOOD), "no pages"),  # same length: offsets hold
    ],
)
def test_unreadable_pdfs_are_refused_and_the_reader_agrees(data: bytes, words: str) -> None:
    with pytest.raises(InputError, match=words):
        check_pdf_structure(data, "broken.pdf")
    if words == "corrupt":
        with pytest.raises(InputError):
            pdf_blocks(data, "broken.pdf")


def test_a_password_protected_pdf_is_refused() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(GOOD)))
    writer.encrypt("secret", algorithm="RC4-128")
    locked = io.BytesIO()
    writer.write(locked)
    with pytest.raises(InputError, match="password-protected"):
        check_pdf_structure(locked.getvalue(), "locked.pdf")


def test_a_large_damaged_file_is_judged_by_its_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the repair-check size no object-by-object scan runs: no objects or catalogue at all is
    refused, anything else is left to the worker's reader and its limits."""
    monkeypatch.setattr(pdfcheck, "REPAIR_CHECK_BYTES", 1_000)
    junk = b"%PDF-1.4\n" + OBJECTS * 100
    with pytest.raises(InputError, match="no PDF objects or document catalogue"):
        check_pdf_structure(junk, "junk.pdf")
    with pytest.raises(InputError, match="no PDF objects or document catalogue"):
        check_pdf_structure(b"%PDF-1.4\n/Root " + b"text " * 1_000, "junk.pdf")
    check_pdf_structure(junk + b"trailer << /Root 1 0 R >>\n", "repairable.pdf")
