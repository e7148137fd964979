"""Render the operators' workbook of a document to PNG through LibreOffice, to look at it.

    python scripts/render_workbook.py /work/shared/seeds/000_613c8e2685e6b215.txt docs/workbook-seed000.png

Extracts the document, writes the workbook (``jixiao extract -f xlsx``), converts it to PDF with
LibreOffice Calc (``soffice --headless``, Debian ``libreoffice-calc-nogui``: a test-time package)
and renders the first page(s) of the first form sheet with pypdfium2.  A check a person looks at:
it shows what Excel/LibreOffice draw from the file — merges, widths, fills — which reading the
file back with openpyxl cannot.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("document", type=Path, help="a document to extract, or an .xlsx to render as it is")
    parser.add_argument("png", type=Path)
    parser.add_argument("--pages", type=int, default=1, help="PDF pages to stack into the PNG")
    parser.add_argument("--width", type=int, default=1400, help="PNG width in pixels")
    args = parser.parse_args()
    soffice = shutil.which("soffice")
    if soffice is None:
        print("render_workbook: soffice not found — apt-get install libreoffice-calc-nogui", file=sys.stderr)
        return 2
    from extractor.ingest import ingest_path
    from extractor.output import render
    from extractor.pipeline import extract_document
    from extractor.service.layout import document_layout

    with tempfile.TemporaryDirectory() as tmp:
        xlsx = Path(tmp) / "workbook.xlsx"
        if args.document.suffix.lower() == ".xlsx":
            shutil.copyfile(args.document, xlsx)
        else:
            doc = ingest_path(args.document)
            output = {"documents": [extract_document(doc).to_output()]}
            xlsx.write_bytes(render(output, "xlsx", layouts=[document_layout(doc)]))
        print(f"workbook: {xlsx.stat().st_size:,} bytes", file=sys.stderr)
        subprocess.run(
            [soffice, "--headless", f"-env:UserInstallation=file://{tmp}/lo", "--convert-to", "pdf",
             "--outdir", tmp, str(xlsx)],
            check=True, capture_output=True, timeout=180,
        )
        _pdf_to_png(Path(tmp) / "workbook.pdf", args.png, args.pages, args.width)
    print(f"wrote {args.png}", file=sys.stderr)
    return 0


def _pdf_to_png(pdf: Path, png: Path, pages: int, width: int) -> None:
    import pypdfium2 as pdfium
    from PIL import Image

    document = pdfium.PdfDocument(str(pdf))
    images = []
    for i in range(min(pages, len(document))):
        page = document[i]
        images.append(page.render(scale=width / page.get_width()).to_pil().convert("RGB"))
    canvas = Image.new("RGB", (width, sum(im.height for im in images)), "white")
    y = 0
    for im in images:
        canvas.paste(im, (0, y))
        y += im.height
    from PIL import ImageOps

    box = ImageOps.invert(canvas).getbbox()  # the page margins cropped away
    if box is not None:
        canvas = canvas.crop((max(box[0] - 8, 0), max(box[1] - 8, 0), min(box[2] + 8, width), min(box[3] + 8, y)))
    png.parent.mkdir(parents=True, exist_ok=True)
    canvas.convert("P", palette=Image.Palette.ADAPTIVE, colors=64).save(png, optimize=True)


if __name__ == "__main__":
    raise SystemExit(main())
