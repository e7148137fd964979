"""Benchmark: time and peak memory of each hostile input class of issue 20, at full size.

Each input is written to a temporary folder and run through ``jixiao extract`` in a child
process of its own (stdin for the stdin class), so the peak resident memory reported is that
document's alone (``os.wait4``); the default limits apply.  The issue's bar: every class ends
within 60 s and 1 GB, with a result or one line naming the limit and its setting.  Besides the
refused inputs, the largest inputs the defaults admit are run, since they set the worst case.

Not a test (timings are noisy on a shared 2-core machine): run it by hand.

    .venv/bin/python bench/bench_hostile.py [--only NAME ...] [--json OUT]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from fixtures import hostile_inputs as hostile
from fixtures import make_docs


def _png(width: int, height: int) -> bytes:
    """A real (decodable) mostly white greyscale page of ``width`` × ``height`` pixels."""
    from PIL import Image, ImageDraw

    img = Image.new("L", (width, height), 255)
    ImageDraw.Draw(img).rectangle((width // 10, height // 10, width // 2, height // 5), outline=0, width=8)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


# name -> (what the issue measured, file name, builder); "-" as file name means stdin
CASES: dict[str, tuple[str, str, Callable[[], bytes]]] = {
    "tsv-2mb": ("66 s, 2.7 GB", "tsv.txt", lambda: hostile.tsv_text(2_000_000).encode()),
    "tsv-5mb": ("over 4 GB", "tsv.txt", lambda: hostile.tsv_text(5_000_000).encode()),
    "text-45mb": ("> 25 min, > 60 GB (estimated)", "long.txt", lambda: hostile.tsv_text(45_000_000).encode()),
    "tsv-admitted": ("(largest TSV under the default limits)", "tsv.txt", lambda: hostile.tsv_text(450_000).encode()),
    "docx-150mb-xml": ("3.4 GB, then 'corrupt'", "big.docx", lambda: hostile.docx_with_xml(150_000_000)),
    "docx-17mb-xml": ("101 s", "cells.docx", lambda: hostile.docx_with_xml(17_800_000)),
    "docx-admitted": ("(largest table under the cell limit)", "cells.docx", lambda: hostile.docx_with_xml(2_400_000)),
    "pdf-1gb-inflate": ("2.3 GB, 'no text was found'", "bomb.pdf", lambda: hostile.pdf_inflating_to(1_000_000_000)),
    "pdf-1gb-image": ("2.3 GB, 'no text was found'", "bomb.pdf",
                      lambda: hostile.pdf_inflating_to(1_000_000_000, image=True)),
    "pdf-2000-pages": ("116 s", "long.pdf", lambda: make_docs.make_pdf(pages=2000)),
    "pdf-admitted": ("(300 pages, the page limit)", "long.pdf", lambda: make_docs.make_pdf(pages=300)),
    "pdf-2m-glyphs": ("(not in the issue: one page drawing 2 million characters)", "dense.pdf",
                      lambda: hostile.pdf_with_glyphs(20_000)),
    "png-12500": ("2.0 GB", "huge.png", lambda: hostile.png_header_only(12_500, 12_500)),
    "png-admitted": ("(48 MP, under the pixel limit)", "photo.png", lambda: _png(8_000, 6_000)),
    "stdin-60mb": ("2.5 GB and climbing", "-", lambda: b"\t" + "项目名称".encode() * 5_000_000),
    "xlsx-xfd1048576": ("'corrupt… re-save'", "far.xlsx", hostile.xlsx_with_far_cell),
    "pdf-corrupt": ("accepted by the service, failed later", "broken.pdf", hostile.corrupt_pdf),
    "text-utf8-gbk": ("'binary data of no known format'", "mixed.txt", hostile.mixed_utf8_gbk),
}


# The child is started by a small launcher process that reports the child's rusage: a process
# forked straight from this one would inherit this process's peak RSS (Linux copies the
# high-water mark on fork and keeps it across exec), and this one holds the built inputs.
_LAUNCHER = (
    "import os, subprocess, sys\n"
    "child = subprocess.Popen(sys.argv[2:])\n"
    "_, status, usage = os.wait4(child.pid, 0)\n"
    "open(sys.argv[1], 'w').write(f'{usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}')\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def run_case(name: str, workdir: Path) -> dict[str, object]:
    issue, filename, build = CASES[name]
    data = build()
    path = workdir / ("stdin.bin" if filename == "-" else filename)
    path.write_bytes(data)
    size = len(data)
    del data
    command = [sys.executable, "-m", "extractor.cli", "extract", "--workers", "1", "-" if filename == "-" else str(path)]
    report = workdir / "rusage"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with path.open("rb") as stdin:
        start = time.perf_counter()
        child = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, str(report), *command],
            stdin=stdin if filename == "-" else subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=REPO, check=False,
        )
        seconds = time.perf_counter() - start
    peak_kb, cpu = report.read_text().split()
    stderr = child.stderr.decode("utf-8", "replace")
    lines = [line for line in stderr.splitlines() if line.strip()]
    return {
        "case": name,
        "input_bytes": size,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(float(cpu), 2),
        "peak_mb": round(int(peak_kb) / 1024),
        "exit": child.returncode,
        "outcome": "result" if child.returncode == 0 else (lines[-1] if lines else "(no message)"),
        "traceback": "Traceback" in stderr,
        "issue": issue,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", nargs="*", choices=sorted(CASES), help="cases to run (default: all)")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args()
    rows = []
    print(f"{'case':17} {'input':>9} {'s':>6} {'cpu s':>6} {'peak MB':>7}  outcome (issue: before)")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.only or CASES:
            row = run_case(name, Path(tmp))
            rows.append(row)
            size = f"{row['input_bytes'] / 1e6:.2f} MB"
            flag = " TRACEBACK" if row["traceback"] else ""
            print(f"{name:17} {size:>9} {row['seconds']:>6} {row['cpu_seconds']:>6} {row['peak_mb']:>7}  {row['outcome']}{flag}"
                  f" ({row['issue']})", flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    over = [r["case"] for r in rows if float(r["seconds"]) > 60 or int(r["peak_mb"]) > 1024 or r["traceback"]]  # type: ignore[arg-type]
    print("over 60 s or 1 GB or a traceback:", ", ".join(over) if over else "none")


if __name__ == "__main__":
    main()
