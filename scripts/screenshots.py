"""Screenshots of the web page for seeds 000, 002, 004 and a scan, and each page's height.

Runs the service in this process on a temporary data directory, opens the page in Debian's
Chromium (Playwright drives /usr/bin/chromium; ``playwright install`` is never run), submits
each document, waits for it and saves a small PNG of the top of the page (scaled to half size,
cut at ``--max-height`` pixels and reduced to a palette, so each stays well under 200 KB) and
prints the full page height, which is what a long report costs an operator in scrolling.

Run it against any checkout by putting that checkout first on PYTHONPATH: the page and the
service come from ``extractor`` as imported, so the same script makes "before" (main) and
"after" pictures::

    PYTHONPATH=/work/main python scripts/screenshots.py --out docs --prefix page-before
    PYTHONPATH=$PWD python scripts/screenshots.py --out docs --prefix page-after
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
SCAN = REPO / "tests" / "fixtures" / "scans" / "national-1.scan.jpg"
MAX_BYTES = 200_000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the PNGs")
    parser.add_argument("--prefix", default="page", help="file names: PREFIX-seed-000.png …")
    parser.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds", help="the seed documents")
    parser.add_argument("--width", type=int, default=1400, help="window width in CSS pixels")
    parser.add_argument("--max-height", type=int, default=1800, help="PNG height cap after scaling, in pixels")
    parser.add_argument("--phone", action="store_true", help="also seed 000 at 390 px wide")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        parser.error("Debian's chromium is not at /usr/bin/chromium (apt-get install chromium)")
    documents = [(f"seed-{n}", next(args.seeds.glob(f"{n}_*.txt"))) for n in ("000", "002", "004")]
    documents.append(("scan", SCAN))
    args.out.mkdir(parents=True, exist_ok=True)
    heights = shoot(documents, args)
    print(json.dumps(heights, indent=1))
    return 0


def shoot(documents: list[tuple[str, Path]], args: argparse.Namespace) -> dict[str, int]:
    from playwright.sync_api import sync_playwright

    from extractor.service.local import serve_in_thread
    from extractor.service.settings import ServiceSettings

    heights: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as data, tempfile.TemporaryDirectory() as profile:
        settings = ServiceSettings(data_dir=Path(data), workers=1, poll_interval_s=0.05)
        with serve_in_thread(settings) as url, sync_playwright() as p:
            ctx = p.chromium.launch_persistent_context(
                profile, executable_path=str(CHROMIUM), headless=True, args=FLAGS,
                viewport={"width": args.width, "height": 1000},
            )
            page = ctx.new_page()
            page.set_default_timeout(180_000)
            shots = [(name, path, args.width) for name, path in documents]
            if args.phone:
                shots.append(("seed-000-390px", documents[0][1], 390))
            for name, path, width in shots:
                page.set_viewport_size({"width": width, "height": 1000 if width > 600 else 844})
                page.goto(f"{url}/")
                page.set_input_files("#file-input", str(path))
                page.click("#upload-button")
                page.wait_for_selector("#report-status[data-status=done], #report-status[data-status=failed]")
                page.wait_for_timeout(300)
                if name == "scan":  # show the page image with a cell's box, where the page can
                    cells = page.locator(".form td.has-finding, .form td.bound")
                    if cells.count():
                        cells.first.click()
                        page.wait_for_timeout(1500)
                        page.keyboard.press("Escape")
                heights[name] = int(page.evaluate("document.documentElement.scrollHeight"))
                png = page.screenshot(full_page=True)
                save_small(png, args.out / f"{args.prefix}-{name}.png", args.max_height, 0.5 if width > 600 else 1.0)
            ctx.close()
    return heights


def save_small(png: bytes, target: Path, max_height: int, scale: float) -> None:
    """Half size, cut at ``max_height``, a 64-colour palette; fewer colours until ≤ 200 KB."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image = image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.LANCZOS)
    image = image.crop((0, 0, image.width, min(image.height, max_height)))
    for colours in (64, 32, 16):
        out = io.BytesIO()
        image.quantize(colours).save(out, format="PNG", optimize=True)
        if out.tell() <= MAX_BYTES:
            break
    target.write_bytes(out.getvalue())
    print(f"{target}: {image.width}×{image.height}, {out.tell() // 1024} KB", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
