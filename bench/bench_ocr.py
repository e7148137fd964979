"""Benchmark of the scan ingest: seconds per page, peak memory, and accuracy on synthetic scans.

Not a test: run it by hand or in a nightly job.  It generates the synthetic forms
(``tests/fixtures/scans/make_scans.py``; needs LibreOffice) unless ``--scans`` points at a folder
that already holds them, OCRs every page through :func:`extractor.ingest.ocr.ocr_document`, and
prints per page: wall seconds, structure F1 and cell-text accuracy against the generator's gold;
then medians and the process's peak resident memory.  ``--fields`` also runs the rules
extractor on the OCR blocks and scores field F1 against the form values in the gold.

    python bench/bench_ocr.py                       # all layouts × variants, fresh scans
    python bench/bench_ocr.py --scans /tmp/scans --variants scan photo --json out.json

Pin to two cores to check the ≤ 2 s/page target the way CI machines run it:
``taskset -c 0,1 python bench/bench_ocr.py --threads 2``.  Wall time is only meaningful on an
otherwise idle machine; CPU seconds (all threads) are printed beside it because they are not
inflated by other processes: on two cores, wall ≈ CPU / 2 at best, CPU / 1 at worst.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SCANS = ROOT / "tests" / "fixtures" / "scans"

KINDS = {".png": "png", ".jpg": "jpg", ".jpeg": "jpg", ".pdf": "pdf", ".tif": "tiff", ".tiff": "tiff"}


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"scans_{name}", SCANS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="OCR ingest benchmark")
    ap.add_argument("--scans", type=Path, help="folder with <name>.<variant>.* and .gold.json files")
    ap.add_argument("--layouts", nargs="*", default=None)
    ap.add_argument("--variants", nargs="*", default=None)
    ap.add_argument("--seeds", nargs="*", type=int, default=[1])
    ap.add_argument("--threads", type=int, default=0, help="onnxruntime threads (0: its default)")
    ap.add_argument("--json", type=Path, help="write the results here")
    ap.add_argument("--misses", action="store_true", help="print every cell that did not match")
    ap.add_argument("--fields", action="store_true", help="also extract the forms (rules) and score field F1")
    args = ap.parse_args(argv)

    make_scans, score = _load("make_scans"), _load("score")
    layouts = tuple(args.layouts or make_scans.LAYOUTS)
    variants = tuple(args.variants or make_scans.VARIANTS)
    folder = args.scans
    tmp = None
    if folder is None or not any(folder.glob("*.gold.json")):
        if folder is None:
            tmp = tempfile.TemporaryDirectory()
            folder = Path(tmp.name)
        t0 = time.perf_counter()
        make_scans.generate(folder, layouts, variants, tuple(args.seeds))
        print(f"generated scans in {folder} ({time.perf_counter() - t0:.1f} s)")

    from extractor.ingest.ocr import LOW_CONFIDENCE, RapidOcrEngine, ocr_document

    t0 = time.perf_counter()
    engine = RapidOcrEngine(threads=args.threads)
    load_s = time.perf_counter() - t0
    rows = []
    print(
        f"{'page':26} {'s/page':>7} {'cpu s':>6} {'skew':>6} {'struct F1':>9} {'cells':>9} {'paras':>5}"
        f" {'flagged':>7} {'wrong≥thr':>9}"
    )
    for gold_path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if gold["layout"] not in layouts or gold["variant"] not in variants:
            continue
        stem = gold_path.name[: -len(".gold.json")]
        image = next(p for p in folder.glob(stem + ".*") if p.suffix.lower() in KINDS)
        t, cpu = time.perf_counter(), time.process_time()
        result = ocr_document(image.read_bytes(), KINDS[image.suffix.lower()], image.name, engine=engine)
        seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
        s = score.score(stem, result.blocks, gold, LOW_CONFIDENCE)
        page = result.pages[0]
        field_counts = _fields(result, image, gold) if args.fields else None
        flagged = sum(len(p.flagged) for p in result.pages)
        rows.append(
            {
                "page": stem,
                "seconds": round(seconds, 3),
                "cpu_seconds": round(cpu, 3),
                "skew": page.skew_degrees,
                "rotation": gold["degradation"].get("rotation"),
                "structure_f1": round(s.structure_f1, 4),
                "shape_ok": s.shape_ok,
                "cell_accuracy": round(s.cell_accuracy, 4),
                "cells": [s.cells_correct, s.cells_total],
                "paragraphs": [s.paragraphs_found, s.paragraphs_total],
                "flagged": flagged,
                "wrong_trusted": s.wrong_trusted,
                "right_flagged": s.right_flagged,
                "misses": s.misses,
            }
        )
        if field_counts is not None:
            rows[-1]["fields"] = field_counts
        print(
            f"{stem:26} {seconds:7.2f} {cpu:6.2f} {page.skew_degrees:6.2f} {s.structure_f1:9.3f} "
            f"{s.cells_correct:4}/{s.cells_total:<4} {s.paragraphs_found}/{s.paragraphs_total:<3} {flagged:7}"
            f" {s.wrong_trusted:9}" + (f"  field F1 {_f1(field_counts):.3f}" if field_counts else "")
        )
        if args.misses:
            for r, c, want, got, conf in s.misses:
                print(f"    r{r}c{c}: {want!r} → {got!r} ({conf:.2f})")
    if not rows:
        print("no pages matched")
        return 1
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    degraded = [r for r in rows if not r["page"].endswith(".clean")]
    summary = {
        "pages": len(rows),
        "engine_load_s": round(load_s, 3),
        "median_s_per_page": round(statistics.median(r["seconds"] for r in rows), 3),
        "max_s_per_page": round(max(r["seconds"] for r in rows), 3),
        "median_cpu_s_per_page": round(statistics.median(r["cpu_seconds"] for r in rows), 3),
        "peak_rss_mb": round(peak_mb, 1),
        "cell_accuracy_all": _micro(rows),
        "cell_accuracy_degraded": _micro(degraded),
        "structure_f1_mean": round(statistics.mean(r["structure_f1"] for r in rows), 4),
        "shape_exact": sum(r["shape_ok"] for r in rows),
        "wrong_cells": sum(r["cells"][1] - r["cells"][0] for r in rows),
        "wrong_cells_trusted": sum(r["wrong_trusted"] for r in rows),
        "right_cells_flagged": sum(r["right_flagged"] for r in rows),
        "low_confidence_threshold": LOW_CONFIDENCE,
    }
    if args.fields:
        for variant in sorted({r["page"].rsplit(".", 1)[1] for r in rows}):
            tp, fp, fn = (sum(r["fields"][k] for r in rows if r["page"].endswith("." + variant)) for k in range(3))
            summary[f"field_f1_{variant}"] = round(_f1([tp, fp, fn]), 4)
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    if args.json:
        args.json.write_text(json.dumps({"summary": summary, "pages": rows}, ensure_ascii=False, indent=1))
    if tmp is not None:
        tmp.cleanup()
    return 0


def _fields(result: object, image: Path, gold: dict) -> list[int]:
    """[tp, fp, fn] of the rules extractor on the OCR blocks against the generator's form values."""
    from eval.score import score_document
    from extractor.errors import JixiaoError
    from extractor.grid import IngestedDocument
    from extractor.pipeline import extract_document

    text = "\n".join(getattr(e, "text", "") for e in result.elements)  # type: ignore[attr-defined]
    doc = IngestedDocument(image.name, "image/" + image.suffix.lstrip("."), text, result.blocks, result.elements)  # type: ignore[attr-defined]
    try:
        forms = extract_document(doc, backend="rules").forms
    except JixiaoError:
        forms = []
    c = score_document([gold["form"]], forms).fields
    return [c.tp, c.fp, c.fn]


def _f1(counts: list[int]) -> float:
    tp, fp, fn = counts
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _micro(rows: list[dict]) -> float:
    total = sum(r["cells"][1] for r in rows)
    return round(sum(r["cells"][0] for r in rows) / total, 4) if total else 0.0


if __name__ == "__main__":
    raise SystemExit(main())
