"""Bad input is refused with a clear ``InputError``: what is wrong, in which file, what to do.

Cases from the issue: empty file, binary junk, corrupt and password-protected docx, a docx zip
bomb, an oversized file, an unknown extension and a file with nothing to read.  The errors are
raised without a chained cause so the CLI prints one line instead of a traceback.
"""

from __future__ import annotations

import io
import random
import zipfile

import pytest
from fixtures import make_docs

from extractor.errors import InputError, NoFormFoundError
from extractor.ingest import sniff
from extractor.ingest.docx import docx_blocks
from extractor.ingest.html import html_blocks
from extractor.ingest.pdf import pdf_blocks
from extractor.ingest.xlsx import xlsx_blocks


def _junk(n: int = 4096) -> bytes:
    return random.Random(7).randbytes(n)


def _zip_of(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def _no_chained_traceback(error: BaseException) -> bool:
    """No "during handling of the above exception" chain for a log or a CLI to print."""
    return error.__cause__ is None and (error.__context__ is None or error.__suppress_context__)


@pytest.fixture(scope="module")
def size_bomb() -> bytes:
    return make_docs.make_docx_bomb(uncompressed_mb=210)


DETECT_CASES = [
    ("empty", lambda: b"", "report.docx", "the file is empty"),
    ("whitespace only", lambda: b" \r\n\t ", "paste.txt", "the file is empty"),
    ("binary junk", _junk, "upload.bin", "binary data of no known format"),
    ("binary junk, no name", _junk, None, "binary data of no known format"),
    ("junk named docx", _junk, "form.docx", "docx file is corrupt"),
    ("text named docx", lambda: "项目名称".encode(), "form.docx", "holds plain text"),
    ("truncated docx", make_docs.make_corrupt_docx, "form.docx", "broken zip container"),
    ("password-protected docx", make_docs.make_encrypted_docx, "form.docx", "password-protected"),
    ("unknown extension", lambda: "项目名称\t某项目".encode(), "form.xyz", "unknown extension .xyz"),
    ("plain zip", lambda: _zip_of({"a.txt": b"x"}), "forms.zip", "zip archive"),
    ("pptx", lambda: _zip_of({"[Content_Types].xml": b"", "ppt/slides/s1.xml": b""}), "a.pptx", "PowerPoint"),
    ("rtf", lambda: b"{\\rtf1\\ansi hello}", "form.rtf", "RTF"),
]


@pytest.mark.parametrize(
    ("build", "filename", "message"),
    [case[1:] for case in DETECT_CASES],
    ids=[case[0] for case in DETECT_CASES],
)
def test_detect_refuses_with_a_clear_message(build, filename: str | None, message: str) -> None:
    with pytest.raises(InputError) as info:
        sniff.detect(build(), filename)
    error = info.value
    assert message in error.message
    assert error.source == (filename or "<upload>")
    assert error.hint, "every refusal says what to do"
    assert _no_chained_traceback(error)


def test_zip_bomb_by_declared_size(size_bomb: bytes) -> None:
    assert len(size_bomb) < 1_000_000  # small on disk ...
    with pytest.raises(InputError, match=r"inflates to 2\d\d MB"):
        sniff.detect(size_bomb, "bomb.docx")  # ... but refused before any part is read
    with pytest.raises(InputError, match="exhaust memory"):
        docx_blocks(size_bomb, "bomb.docx")


def test_zip_bomb_by_ratio() -> None:
    bomb = make_docs.make_docx_bomb(uncompressed_mb=30)
    with pytest.raises(InputError, match=r"inflates \d+× to"):
        sniff.detect(bomb, "ratio.docx")


def test_highly_compressible_but_small_docx_is_accepted() -> None:
    """Ratio alone must not refuse a real document: small parts compress far beyond 100×."""
    docx = make_docs.make_docx_bomb(uncompressed_mb=5)
    assert sniff.detect(docx, "padded.docx") == "docx"


def test_oversized_file() -> None:
    data = b"a" * (sniff.DEFAULT_MAX_BYTES + 1)
    with pytest.raises(InputError, match=r"50\.0 MB, over the 50 MB limit"):
        sniff.detect(data, "huge.txt")
    with pytest.raises(InputError, match="over the"):
        sniff.detect(make_docs.make_docx(), "small-limit.docx", limit=1000)
    assert sniff.detect(b"a" * 1000, "ok.txt") == "txt"


@pytest.mark.parametrize(
    ("data", "filename", "kind"),
    [
        ("项目名称：某项目\n年度资金总额\t10".encode(), "paste.txt", "txt"),
        ("项目名称：某项目".encode("gb18030"), "gbk.txt", "txt"),
        ("\ufeff项目名称".encode("utf-16"), "utf16.txt", "txt"),
        (b"<p>quoted markup in pasted text</p>", "paste.txt", "txt"),
        (b"<table><tr><td>1</td></tr></table>", "table.txt", "html"),
        (b"<div>fragment</div>", None, "html"),
        (b"\x89PNG\r\n\x1a\n" + bytes(16), "scan.docx", "png"),  # bytes win over the name
        (b"\xff\xd8\xff\xe0" + bytes(16), None, "jpg"),
        (b"II*\x00" + bytes(16), "scan.tif", "tiff"),
    ],
)
def test_detect_recognises_supported_kinds(data: bytes, filename: str | None, kind: str) -> None:
    assert sniff.detect(data, filename) == kind


def test_detect_recognises_generated_documents() -> None:
    assert sniff.detect(make_docs.make_docx(), None) == "docx"
    assert sniff.detect(make_docs.make_xlsx(), "renamed.docx") == "xlsx"
    assert sniff.detect(make_docs.make_html(), "page.htm") == "html"
    assert sniff.detect(make_docs.make_pdf(), "form") == "pdf"


def test_docx_with_broken_xml_is_corrupt_not_a_traceback() -> None:
    with pytest.raises(InputError, match="docx file is corrupt") as info:
        docx_blocks(make_docs.make_docx_with_broken_xml(), "broken.docx")
    assert _no_chained_traceback(info.value)


def test_parsers_refuse_the_wrong_kind() -> None:
    with pytest.raises(InputError, match="the bytes are a docx file"):
        xlsx_blocks(make_docs.make_docx(), "not-a-workbook.xlsx")
    with pytest.raises(InputError, match="password-protected"):
        docx_blocks(make_docs.make_encrypted_docx(), "locked.docx")
    with pytest.raises(InputError, match="the file is empty"):
        html_blocks(b"", "empty.html")


def test_document_without_any_text() -> None:
    with pytest.raises(NoFormFoundError, match="holds no text or tables") as info:
        docx_blocks(make_docs.make_docx_without_content(), "blank.docx")
    assert "OCR" in (info.value.hint or "")


def test_corrupt_pdf() -> None:
    data = make_docs.make_pdf()
    broken = data[:200] + _junk(2000)
    with pytest.raises(InputError, match="pdf file is corrupt|no text layer"):
        pdf_blocks(broken, "broken.pdf")
