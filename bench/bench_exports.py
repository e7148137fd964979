"""Benchmark: size and time of each export (JSON full and compact, CSV, workbook) per seed document.

Not a test (timings are noisy on a shared 2-core machine): run it by hand and compare medians.

    .venv/bin/python bench/bench_exports.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extractor.ingest import ingest_path  # noqa: E402
from extractor.output import render  # noqa: E402
from extractor.pipeline import extract_document  # noqa: E402
from extractor.service.layout import document_layout  # noqa: E402

KINDS = (("json", {}), ("compact", {"compact": True}), ("csv", {}), ("xlsx", {}))


def timed(output: dict[str, Any], layout: dict[str, Any] | None, kind: str, options: dict[str, Any], repeat: int) -> tuple[int, float]:
    fmt = "json" if kind == "compact" else kind
    times, size = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        size = len(render(output, fmt, layouts=[layout] if fmt == "xlsx" else None, **options))
        times.append(time.perf_counter() - start)
    return size, statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = sorted((REPO.parent / "shared" / "seeds").glob("*.txt")) + [REPO / "examples" / "sample_report.txt"]
    print(f"{'document':28} {'input':>7} " + " ".join(f"{k + ' KB':>11} {'ms':>6}" for k, _ in KINDS))
    everything, layouts = [], []
    for path in paths:
        doc = ingest_path(path)
        out, layout = extract_document(doc).to_output(), document_layout(doc)
        everything.append(out)
        layouts.append(layout)
        cells = [timed({"documents": [out]}, layout, k, o, args.repeat) for k, o in KINDS]
        print(f"{path.name:28} {path.stat().st_size / 1e3:6.1f}K " + " ".join(f"{s / 1e3:11.1f} {ms:6.0f}" for s, ms in cells))
    start = time.perf_counter()
    size = len(render({"documents": everything}, "xlsx", layouts=layouts))
    print(f"all {len(paths)} documents in one workbook: {size / 1e3:.1f} KB in {(time.perf_counter() - start) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
