"""Benchmark: ingest+segment and end-to-end seconds per document, forms per second.

Not a test (timings are noisy on a shared 2-core machine): run it by hand and compare medians.

    .venv/bin/python bench/bench_pipeline.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extractor.ingest import ingest_bytes  # noqa: E402
from extractor.pipeline import extract_document  # noqa: E402
from extractor.layouts import segment  # noqa: E402


def documents() -> list[tuple[str, bytes]]:
    docs = [(p.name, p.read_bytes()) for p in sorted((REPO.parent / "shared" / "seeds").glob("*.txt"))]
    docs.append(("sample_report.txt", (REPO / "examples" / "sample_report.txt").read_bytes()))
    from tests.fixtures.make_docs import make_docx, make_html, make_xlsx

    docs += [("generated.docx", make_docx()), ("generated.xlsx", make_xlsx()), ("generated.html", make_html())]
    return docs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    docs = documents()
    for name, data in docs:  # warm-up: imports, caches
        extract_document(ingest_bytes(data, name, filename=name))
    print(f"{'document':28} {'forms':>5} {'ingest+segment ms':>18} {'end-to-end ms':>14}")
    total_forms = 0
    total_seconds = 0.0
    for name, data in docs:
        seg_times, e2e_times, forms = [], [], 0
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            doc = ingest_bytes(data, name, filename=name)
            segment(doc)
            t1 = time.perf_counter()
            result = extract_document(ingest_bytes(data, name, filename=name))
            t2 = time.perf_counter()
            seg_times.append(t1 - t0)
            e2e_times.append(t2 - t1)
            forms = len(result.forms)
        e2e = statistics.median(e2e_times)
        total_forms += forms
        total_seconds += e2e
        print(f"{name[:28]:28} {forms:5d} {statistics.median(seg_times) * 1000:18.1f} {e2e * 1000:14.1f}")
    print(f"\nend to end: {total_forms} forms in {total_seconds:.3f} s (medians) = {total_forms / total_seconds:.1f} forms/s on one core")


if __name__ == "__main__":
    main()
