"""Benchmark: CPU seconds per scanned page, the cost side of the scan rendition (issue 17).

Wall time on the shared machine says more about the neighbours than about the code, so this
counts the process's CPU seconds (all threads) around each page's OCR — levelling, detection,
recognition, table reconstruction and repairs — and prints the median and quartiles.  Pages are
the ``*.scan.pdf`` files of a corpus kept by ``bench_corpus.py --keep DIR``:

    .venv/bin/python bench/bench_corpus.py --seed 29 --size 40 --renditions scan --keep /tmp/c
    .venv/bin/python bench/bench_scan_cost.py /tmp/c/scan --pages 24

``--pages`` takes the first N pages in file-name order, so two runs over the same corpus measure
the same pages.  The engine is loaded (and warmed on the first page) before timing starts.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extractor.ingest.ocr.engine import default_engine  # noqa: E402
from extractor.ingest.ocr.pipeline import ocr_page  # noqa: E402
from extractor.ingest.ocr.render import load_pages  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=Path, help="a folder of *.scan.pdf files")
    ap.add_argument("--pages", type=int, default=24, help="measure the first N pages")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    engine = default_engine()
    pages = []
    for path in sorted(args.folder.glob("*.scan.pdf")):
        pages += [(path.name, p) for p in load_pages(path.read_bytes(), "pdf", path.name)]
        if len(pages) > args.pages:
            break
    ocr_page(pages[0][1], engine)  # warm-up: first-run allocations are not the page's cost
    cpu: list[float] = []
    for _, page in pages[: args.pages]:
        started = time.process_time()
        ocr_page(page, engine)
        cpu.append(time.process_time() - started)
    q1, median, q3 = statistics.quantiles(cpu, n=4) if len(cpu) > 1 else (cpu[0],) * 3
    summary = {"pages": len(cpu), "cpu_median": round(median, 3), "cpu_q1": round(q1, 3), "cpu_q3": round(q3, 3)}
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"{len(cpu)} pages: CPU s/page median {median:.2f} (quartiles {q1:.2f} – {q3:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
