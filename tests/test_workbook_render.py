"""The workbook opened by a real spreadsheet program: LibreOffice Calc converts it to PDF.

openpyxl reading back what openpyxl wrote cannot catch a file Excel or Calc would refuse or
"repair" (a broken merge, a bad link, an illegal sheet name); Calc printing every form sheet can.
Skipped where Calc is not installed (Debian ``libreoffice-calc-nogui``, a test package that
scripts/setup.sh installs).  scripts/render_workbook.py makes the PNG a person looks at.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from extractor.ingest import ingest_path
from extractor.output import render
from extractor.pipeline import extract_document
from extractor.service.layout import document_layout
from tests.conftest import EXAMPLES


def _calc() -> str | None:
    soffice = shutil.which("soffice")
    calc = Path("/usr/lib/libreoffice/program/libscdlo.so")  # the Calc module of a Debian install
    return soffice if soffice and calc.exists() else None


@pytest.mark.slow
@pytest.mark.skipif(_calc() is None, reason="LibreOffice Calc is not installed (apt-get install libreoffice-calc-nogui)")
def test_libreoffice_prints_every_form_sheet(tmp_path: Path) -> None:
    pypdfium2 = pytest.importorskip("pypdfium2")
    doc = ingest_path(EXAMPLES / "sample_report.txt")
    book = tmp_path / "book.xlsx"
    book.write_bytes(render({"documents": [extract_document(doc).to_output()]}, "xlsx", layouts=[document_layout(doc)]))
    subprocess.run([str(_calc()), "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(book)], check=True, capture_output=True, timeout=180)
    pdf = pypdfium2.PdfDocument(str(tmp_path / "book.pdf"))
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "示例县2024年项目支出绩效自评表" in text and "巡检供水工程数量" in text  # the first form sheet
    assert "问题清单" in text or "INDICATOR_FULL_SCORE_MISSED_TARGET" in text  # the findings list printed too


@pytest.mark.slow
@pytest.mark.skipif(_calc() is None, reason="LibreOffice Calc is not installed (apt-get install libreoffice-calc-nogui)")
def test_a_workbook_saved_again_by_calc_yields_only_the_operators_correction(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from extractor.output.workbook_read import read_workbook

    doc = ingest_path(EXAMPLES / "sample_report.txt")
    book = tmp_path / "book.xlsx"
    book.write_bytes(render({"documents": [extract_document(doc).to_output()]}, "xlsx", layouts=[document_layout(doc)]))
    wb = load_workbook(book)
    row = next(r for r in wb["fields"].iter_rows(min_row=2) if r[1].value == 0 and r[4].value == "indicators[4].score")
    row[5].value = 17.33
    wb.save(book)
    saved = tmp_path / "calc"
    subprocess.run([str(_calc()), "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                    "xlsx:Calc MS Excel 2007 XML", "--outdir", str(saved), str(book)],
                   check=True, capture_output=True, timeout=180)
    output, layouts = read_workbook((saved / "book.xlsx").read_bytes(), "book.xlsx")
    [correction] = output["documents"][0]["corrections"]  # numbers and text survived Calc unchanged
    assert (correction["field"], correction["previous"], correction["value"]) == ("indicators[4].score", "20", "17.33")
    assert layouts and layouts[0]["grids"]
