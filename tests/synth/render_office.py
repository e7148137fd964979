"""Office renditions: Word (.docx), PDF (LibreOffice) and degraded scans (page images in a PDF).

Word: one section per form, landscape where the form is wide, the title as a centred bold
paragraph or in a merged first table row, real merged cells (or, with ``repeat_merged``, a
vertical merge's text repeated in separate cells, as some exports do).  PDF: LibreOffice
headless, many documents per call (a start costs seconds).  Scan: every PDF page rasterised,
then rotated, blurred, noised, contrast lowered and JPEG-compressed with the degradations of
``tests/fixtures/scans/make_scans.py``, saved as an image-only PDF.
"""

from __future__ import annotations

import io
import random
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import BinaryIO

from extractor.errors import ConfigError, ExtractionError
from tests.synth.model import Document, Form

FONT = "Noto Serif CJK SC"
SCAN_DPI = 200


def write_docx(doc: Document, path: Path | BinaryIO) -> None:
    import docx
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(8)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    for k, form in enumerate(doc.forms):
        section = document.sections[0] if k == 0 else document.add_section(WD_SECTION.NEW_PAGE)
        wide = form.wide
        section.orientation = WD_ORIENT.LANDSCAPE if wide else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (Cm(29.7), Cm(21.0)) if wide else (Cm(21.0), Cm(29.7))
        section.left_margin = section.right_margin = Cm(1.8)
        section.top_margin = section.bottom_margin = Cm(1.8)
        if k == 0 and doc.narrative:
            document.add_paragraph(doc.narrative)
        if not form.title_in_table:
            title = document.add_paragraph(form.title)
            title.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in title.runs:
                run.font.size, run.font.bold = Pt(13), True
        for line in form.lines:
            document.add_paragraph(line)
        _table(document, form, (29.7 if wide else 21.0) - 3.6, doc.style.repeat_merged, doc.style.wording.split_merges)
    document.save(str(path) if isinstance(path, Path) else path)


def _table(document: object, form: Form, width_cm: float, repeat: bool, blank: bool = False) -> None:
    """The form's table; a vertical merge is a real merge, its text again in every row (``repeat``)
    or its text in the first row over blank separate cells (``blank``: an unmerged export)."""
    from docx.shared import Cm

    t = form.table
    assert t is not None
    table = document.add_table(rows=t.n_rows, cols=t.n_cols)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.autofit = False
    scale = width_cm / sum(t.widths)
    widths = [Cm(w * scale) for w in t.widths]
    for k, column in enumerate(table.columns):
        column.width = widths[k]
    for row in table.rows:
        for k, cell in enumerate(row.cells):
            cell.width = widths[k]
    for c in t.cells:
        if (repeat or blank) and c.rowspan > 1:  # a vertical merge printed again, or left blank, in every row
            for dr in range(c.rowspan):
                cell = table.cell(c.row + dr, c.col)
                if c.colspan > 1:
                    cell = cell.merge(table.cell(c.row + dr, c.col + c.colspan - 1))
                cell.text = c.text if repeat or dr == 0 else ""
            continue
        cell = table.cell(c.row, c.col)
        if c.rowspan > 1 or c.colspan > 1:
            cell = cell.merge(table.cell(c.row + c.rowspan - 1, c.col + c.colspan - 1))
        cell.text = c.text


def docx_to_pdf(paths: list[Path], out_dir: Path, timeout: int = 900) -> list[Path]:
    """Convert ``paths`` with one LibreOffice run (a private profile, so runs never collide)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ConfigError(
            "soffice (LibreOffice) not found: the pdf and scan renditions need it",
            hint="apt-get install -y libreoffice-writer-nogui fonts-noto-cjk (scripts/debian-packages.txt)",
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(out_dir), *map(str, paths)], check=True, capture_output=True, timeout=timeout)
    pdfs = [out_dir / (p.stem + ".pdf") for p in paths]
    missing = [p.name for p in pdfs if not p.exists()]
    if missing:
        raise ExtractionError(f"LibreOffice wrote no PDF for {', '.join(missing)}", source=str(out_dir),
                              hint="convert one of them by hand with soffice --headless --convert-to pdf to see why")
    return pdfs


def write_scan(pdf_path: Path, path: Path, seed: str) -> dict[str, float]:
    """Rasterise every page of ``pdf_path``, degrade it like a flatbed scan, save an image PDF."""
    import cv2
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    from tests.fixtures.scans.make_scans import degrade_scan

    rng = random.Random(seed)
    pages: list[Image.Image] = []
    params: dict[str, float] = {}
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        for page in pdf:
            img = np.asarray(page.render(scale=SCAN_DPI / 72).to_pil().convert("RGB"))[:, :, ::-1].copy()
            contrast = rng.uniform(0.7, 0.9)  # low contrast: ink greyed, paper darkened
            img = np.clip(img.astype(np.float32) * contrast + 255 * (1 - contrast) * 0.8, 0, 255).astype(np.uint8)
            img, params = degrade_scan(img, rng)
            params["contrast"] = contrast
            pages.append(Image.fromarray(cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)))
    finally:
        pdf.close()
    buf = io.BytesIO()
    pages[0].save(buf, format="PDF", resolution=SCAN_DPI, quality=60, save_all=True, append_images=pages[1:])
    path.write_bytes(buf.getvalue())
    return params
