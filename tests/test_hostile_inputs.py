"""Hostile and oversized input (issue 20, points 1 and 6): each class ends in a result or in one
clear refusal naming the limit and the setting that raises it, before the costly step.

The corpus is generated (tests/fixtures/hostile_inputs.py) at small sizes and checked against
small limits, so every test is fast; ``bench/bench_hostile.py`` runs the full-size inputs
against the default limits and reports time and peak memory.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.errors import ConfigError, InputError, JixiaoError, LimitError
from extractor.ingest import ingest_bytes, ingest_stream, ingest_text
from extractor.ingest.limits import DEFAULT_LIMITS, SETTINGS, Limits, limits_from_env
from extractor.ingest.precheck import check_bytes
from extractor.ingest.text_decode import decode_text, read_bounded
from extractor.pipeline import extract_bytes, extract_text
from fixtures import hostile_inputs as hostile
from fixtures import make_docs

runner = CliRunner()


def _refused(error: JixiaoError, limit: str) -> None:
    """One line, the limit's setting named, no chained traceback for a log to print."""
    assert isinstance(error, LimitError)
    assert error.limit == limit and error.setting == SETTINGS[limit]
    line = str(error)
    assert "\n" not in line and SETTINGS[limit] in line and "over the limit" in line
    assert error.__cause__ is None and (error.__context__ is None or error.__suppress_context__)


# ---------------------------------------------------------------- text


def test_tsv_over_the_row_limit_is_refused_before_extraction() -> None:
    text = hostile.tsv_text(20_000)
    with pytest.raises(LimitError) as info:
        ingest_text(text, "big.tsv", limits=Limits(max_rows=100))
    _refused(info.value, "max_rows")
    assert "table rows" in info.value.message


def test_the_issues_2mb_tsv_is_refused_by_default() -> None:
    data = hostile.tsv_text(2_000_000).encode()
    with pytest.raises(LimitError) as info:
        ingest_bytes(data, "2mb.txt")
    assert info.value.limit in ("max_rows", "max_cells")


def test_tsv_under_the_limits_is_read() -> None:
    text = hostile.tsv_text(20_000)
    (form,) = extract_text(text, limits=Limits(max_rows=1_000, max_cells=10_000)).forms
    assert len(form.indicators) > 200  # type: ignore[attr-defined]


def test_cells_are_limited_as_well_as_rows() -> None:
    with pytest.raises(LimitError) as info:
        ingest_text(hostile.tsv_text(20_000), limits=Limits(max_cells=1_000))
    _refused(info.value, "max_cells")


def test_text_length_is_limited_before_decoding_and_after() -> None:
    small = Limits(max_text_chars=1_000)
    with pytest.raises(LimitError) as info:
        decode_text(b"a" * 4_004, "long.txt", small)  # at least 1,001 characters: not decoded
    _refused(info.value, "max_text_chars")
    assert "at least 1,001 characters" in info.value.message
    with pytest.raises(LimitError):
        ingest_text("项" * 1_001, limits=small)
    assert decode_text("项目".encode() * 400, "cjk.txt", small)[0] == "项目" * 400


def test_a_text_over_the_length_limit_is_not_called_binary() -> None:
    with pytest.raises(LimitError) as info:
        ingest_bytes(b"x\ty\n" * 2_000, "paste.txt", limits=Limits(max_text_chars=1_000))
    _refused(info.value, "max_text_chars")


def test_stdin_is_read_no_further_than_the_byte_limit() -> None:
    class Endless(io.RawIOBase):
        """A stream that never ends, counting what was taken from it."""

        taken = 0

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            buffer[:] = b"a" * len(buffer)
            self.taken += len(buffer)
            return len(buffer)

    stream = Endless()
    with pytest.raises(LimitError) as info:
        read_bounded(stream, "<stdin>", Limits(max_bytes=3_000_000))  # type: ignore[arg-type]
    _refused(info.value, "max_bytes")
    assert stream.taken <= 3_000_000 + (1 << 20)
    with pytest.raises(LimitError):
        ingest_stream(io.BytesIO(b"a" * 5_000), limits=Limits(max_bytes=4_000))


def test_cli_stdin_applies_the_limits_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_MAX_BYTES", "1000")
    result = runner.invoke(app, ["extract", "-"], input="项目名称\t示例\n" * 200)
    assert result.exit_code == 1
    assert "JIXIAO_MAX_BYTES" in result.stderr and "Traceback" not in result.output


def test_mixed_utf8_and_gbk_lines_decode() -> None:
    text, encoding = decode_text(hostile.mixed_utf8_gbk(), "mixed.txt")
    assert encoding == "utf-8+gb18030"
    assert "主管部门\t示例县水务局" in text and "实施单位\t示例县农村供水服务中心" in text
    doc = ingest_bytes(hostile.mixed_utf8_gbk(), "mixed.txt")
    assert doc.warnings == ["decoded as utf-8+gb18030"]


def test_whole_gbk_text_is_still_reported_as_gb18030() -> None:
    text, encoding = decode_text("项目支出绩效自评表\n主管部门\t示例县水务局\n".encode("gbk"), "gbk.txt")
    assert encoding == "gb18030" and text.startswith("项目支出绩效自评表")


# ---------------------------------------------------------------- Office packages


def test_docx_xml_part_over_the_limit_is_refused_before_parsing() -> None:
    data = hostile.docx_with_xml(300_000, cells=False)
    with pytest.raises(LimitError) as info:
        ingest_bytes(data, "padded.docx", limits=Limits(max_xml_bytes=200_000))
    _refused(info.value, "max_xml_bytes")
    assert "word/document.xml" in info.value.message


def test_docx_cells_are_counted_before_unstructured_reads_them() -> None:
    data = hostile.docx_with_xml(200_000)
    with pytest.raises(LimitError) as info:
        ingest_bytes(data, "cells.docx", limits=Limits(max_cells=2_000))
    _refused(info.value, "max_cells")


def test_xlsx_with_a_value_at_the_last_cell_is_refused_by_the_cell_limit() -> None:
    with pytest.raises(LimitError) as info:
        ingest_bytes(hostile.xlsx_with_far_cell(), "far.xlsx")
    _refused(info.value, "max_cells")
    assert "XFD1048576" in info.value.message and "corrupt" not in str(info.value)


def test_xlsx_with_a_value_just_past_the_form_is_read() -> None:
    doc = ingest_bytes(hostile.xlsx_with_far_cell("L60"), "near.xlsx")
    assert doc.grids


# ---------------------------------------------------------------- PDF


def test_pdf_streams_inflating_past_the_limit_are_refused() -> None:
    data = hostile.pdf_inflating_to(8_000_000)
    assert len(data) < 100_000
    with pytest.raises(LimitError) as info:
        ingest_bytes(data, "bomb.pdf", limits=Limits(max_unzipped_bytes=5_000_000))
    _refused(info.value, "max_unzipped_bytes")


def test_pdf_streams_under_the_limit_are_read() -> None:
    doc = ingest_bytes(hostile.pdf_inflating_to(1_000_000), "image.pdf", limits=Limits(max_unzipped_bytes=5_000_000))
    assert doc.grids


def test_pdf_images_are_checked_by_their_declared_pixels_not_their_inflated_size() -> None:
    data = hostile.pdf_inflating_to(8_000_000, image=True)  # 1,024 × 7,812 grey pixels
    doc = ingest_bytes(data, "scan-like.pdf", limits=Limits(max_unzipped_bytes=5_000_000))
    assert doc.grids  # a scanned page's lossless image is not a bomb
    with pytest.raises(LimitError) as info:
        ingest_bytes(data, "scan-like.pdf", limits=Limits(max_pixels=5_000_000))
    _refused(info.value, "max_pixels")
    assert "1,024 × 7,812" in info.value.message


def test_text_pdf_pages_are_limited() -> None:
    with pytest.raises(LimitError) as info:
        ingest_bytes(make_docs.make_pdf(pages=3), "long.pdf", limits=Limits(max_pages=2))
    _refused(info.value, "max_pages")
    assert "3 pages" in info.value.message


def test_characters_drawn_by_a_pdf_are_counted_while_it_is_read() -> None:
    data = hostile.pdf_with_glyphs(40)  # one page: the form and 3,960 more characters
    with pytest.raises(LimitError) as info:
        ingest_bytes(data, "dense.pdf", limits=Limits(max_pdf_chars=2_000))
    _refused(info.value, "max_pdf_chars")
    assert ingest_bytes(data, "dense.pdf", limits=Limits(max_pdf_chars=10_000)).grids


def test_corrupt_pdf_is_refused_by_the_cheap_check() -> None:
    with pytest.raises(InputError, match="pdf file is corrupt") as info:
        check_bytes(hostile.corrupt_pdf(), "broken.pdf", "pdf")
    assert not isinstance(info.value, LimitError)
    check_bytes(make_docs.make_pdf(), "fine.pdf", "pdf")  # a good PDF passes


def test_service_intake_refuses_a_corrupt_pdf_at_upload() -> None:
    from extractor.service.intake import sniffed
    from extractor.service.problems import ProblemError

    with pytest.raises(ProblemError) as info:
        sniffed(hostile.corrupt_pdf(), "broken.pdf", DEFAULT_LIMITS.max_bytes)
    assert info.value.status == 422 and "corrupt" in info.value.detail


# ---------------------------------------------------------------- images


def test_image_pixels_are_a_hard_cap_read_from_the_header() -> None:
    data = hostile.png_header_only(12_500, 12_500)
    assert len(data) < 1_000
    with pytest.raises(LimitError) as info:
        check_bytes(data, "huge.png", "png")
    _refused(info.value, "max_pixels")
    assert "12,500 × 12,500" in info.value.message
    with pytest.raises(LimitError):
        ingest_bytes(data, "huge.png")
    check_bytes(data, "huge.png", "png", Limits(max_pixels=200_000_000))  # raised above Pillow's own cap: admitted


def test_ocr_loader_applies_the_pixel_cap_without_decoding() -> None:
    from extractor.ingest.ocr.render import load_pages

    with pytest.raises(LimitError) as info:
        next(load_pages(hostile.png_header_only(9_000, 9_000), "png", "big.png", limits=Limits(max_pixels=80_000_000)))
    _refused(info.value, "max_pixels")


# ---------------------------------------------------------------- settings and end to end


def test_limits_come_from_the_environment_passed_in() -> None:
    limits = limits_from_env({"JIXIAO_MAX_ROWS": "20_000", "JIXIAO_MAX_PIXELS": " 90000000 ", "OTHER": "1"})
    assert limits.max_rows == 20_000 and limits.max_pixels == 90_000_000
    assert limits.max_cells == DEFAULT_LIMITS.max_cells
    assert set(SETTINGS) == {f for f in Limits.__slots__}  # every limit has its setting
    for bad in ("lots", "0", "-5"):
        with pytest.raises(ConfigError, match="JIXIAO_MAX_CELLS"):
            limits_from_env({"JIXIAO_MAX_CELLS": bad})


def test_extract_bytes_passes_the_limits_down() -> None:
    data = make_docs.make_docx()
    assert extract_bytes(data, "form.docx").forms
    with pytest.raises(LimitError):
        extract_bytes(data, "form.docx", limits=Limits(max_cells=10))


def test_zip_bomb_refusal_names_its_setting() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<w:document/>" + b" " * 3_000_000)
        z.writestr("[Content_Types].xml", b"<Types/>")
    with pytest.raises(LimitError) as info:
        ingest_bytes(buf.getvalue(), "bomb.docx", limits=Limits(max_unzipped_bytes=1_000_000))
    assert info.value.setting == "JIXIAO_MAX_UNZIPPED_BYTES" and "JIXIAO_MAX_UNZIPPED_BYTES" in str(info.value)


def test_docx_prose_is_limited_by_paragraphs() -> None:
    data = hostile.docx_with_paragraphs(3_000)
    with pytest.raises(LimitError) as info:
        ingest_bytes(data, "prose.docx", limits=Limits(max_paragraphs=1_000))
    _refused(info.value, "max_paragraphs")
    assert ingest_bytes(data, "prose.docx", limits=Limits(max_paragraphs=5_000)).grids  # table cells not counted


def test_html_markup_is_limited_by_its_length() -> None:
    page = make_docs.make_html()
    with pytest.raises(LimitError) as info:
        ingest_bytes(page, "page.html", limits=Limits(max_text_chars=len(page) // 2))
    _refused(info.value, "max_text_chars")
